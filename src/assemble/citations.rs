//! Citations: endnote numbers given to sources in order of first citation.

use std::collections::HashMap;

use crate::dataset::{Dataset, Item, Source};

use super::*;

/// Endnote numbers, given to sources in order of first citation.
#[derive(Default)]
pub(super) struct Citations {
    pub(super) numbers: HashMap<String, usize>,
    pub(super) order: Vec<String>,
}

impl Citations {
    /// The markers of `item`'s sources, numbering any source cited for the first time.
    pub(super) fn mark(&mut self, item: &Item) -> Vec<Marker> {
        let mut markers: Vec<Marker> = item
            .citations
            .iter()
            .map(|c| {
                let next = self.order.len() + 1;
                let number = *self.numbers.entry(c.source.clone()).or_insert_with(|| {
                    self.order.push(c.source.clone());
                    next
                });
                Marker {
                    number,
                    anchor: format!("source-{number}"),
                }
            })
            .collect();
        markers.sort_by_key(|m| m.number);
        markers
    }

    pub(super) fn endnotes(&self, data: &Dataset) -> Vec<Endnote> {
        self.order
            .iter()
            .enumerate()
            .filter_map(|(i, id)| data.source(id).map(|s| endnote(i + 1, s)))
            .collect()
    }
}

pub(super) fn endnote(number: usize, s: &Source) -> Endnote {
    Endnote {
        number,
        anchor: format!("source-{number}"),
        id: s.id.clone(),
        publisher: s.publisher.clone(),
        title: s.title.clone(),
        date: s.date.human(),
        url: s.url.clone(),
        kind: s.kind.noun().to_string(),
    }
}
