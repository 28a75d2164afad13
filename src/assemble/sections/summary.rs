//! The summary: what the memo covers, in a sentence or two.

use std::collections::BTreeSet;

use serde::Serialize;

use super::{Build, Content, Place, SectionDef};
use crate::assemble::print::{Look, Piece, Run};
use crate::assemble::wording::plural;
use crate::assemble::{AssembleError, highest_marking};
use crate::dataset::{Dataset, Item, Kind, Topic};

/// The summary's entry in the registry. It is built last, because it
/// counts the sources the rest of the memo draws on.
pub(super) static SECTION: SectionDef = SectionDef {
    id: "summary",
    title: "Summary",
    about: "what the memo covers",
    key: "summary",
    template: "summary.hbs",
    place: Place::Front,
    last: true,
    needs_record: false,
    build,
};

/// What the memo covers, in a sentence or two.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// The summary as prose.
    pub text: String,
    /// The topics covered (labels).
    pub topics: Vec<String>,
    /// The period, in words (`from May 2024 to 2025`, `all dates`).
    pub period: String,
    /// How many statements are in the memo.
    pub statements: usize,
    /// How many figures.
    pub figures: usize,
    /// How many events.
    pub events: usize,
    /// How many sources they are drawn from.
    pub sources: usize,
    /// The highest marking among those sources.
    pub marking: String,
    /// The newest date of a source drawn on (`20 May 2024`): how current
    /// the memo is.
    pub current: Option<String>,
}

fn build(b: &mut Build<'_, '_>) -> Result<Box<dyn Content>, AssembleError> {
    // The sources the memo draws on: those its endnotes list (the whole
    // selection's in the full assembly, and what the drafter cites).
    let mut drawn: BTreeSet<&str> = b.drafter.cites.order.iter().map(String::as_str).collect();
    if b.full() {
        drawn.extend(
            b.items
                .iter()
                .flat_map(|i| i.citations.iter().map(|c| c.source.as_str())),
        );
    }
    let all_topics = b.brief.selection.topics.is_none();
    Ok(Box::new(summarise(
        b.data, b.items, b.topics, b.period, all_topics, &drawn,
    )))
}

fn summarise(
    data: &Dataset,
    items: &[&Item],
    topics: &[&Topic],
    period: &str,
    all_topics: bool,
    sources: &BTreeSet<&str>,
) -> Summary {
    let count = |k: Kind| items.iter().filter(|i| i.kind() == k).count();
    let labels: Vec<String> = topics.iter().map(|t| t.label.clone()).collect();
    let marking = highest_marking(data, items)
        .map_or_else(|| data.lowest_marking(), |(m, _)| m)
        .name
        .clone();
    let (statements, figures, events) = (
        count(Kind::Statement),
        count(Kind::Figure),
        count(Kind::Event),
    );
    let scope = if all_topics {
        "all topics".to_string()
    } else {
        format!(
            "{}: {}",
            plural(labels.len(), "topic", "topics"),
            crate::text::and_list(&labels)
        )
    };
    let when = if period == "all dates" {
        "at any date".to_string()
    } else {
        period.to_string()
    };
    let current = sources
        .iter()
        .filter_map(|id| data.source(id))
        .max_by_key(|s| (s.date.last_day(), s.date.first_day()))
        .map(|s| s.date.human());
    let text = if items.is_empty() {
        format!(
            "Nothing in the dataset matches this selection ({scope}, {when}). The memo is empty."
        )
    } else {
        format!(
            "This memo covers {scope}, {when}. It draws {}, {} and {} from {}, marked at most {marking}; sources up to {}.",
            plural(statements, "statement", "statements"),
            plural(figures, "figure", "figures"),
            plural(events, "event", "events"),
            plural(sources.len(), "source", "sources"),
            current.as_deref().unwrap_or("—"),
        )
    };
    Summary {
        text,
        topics: labels,
        period: period.to_string(),
        statements,
        figures,
        events,
        sources: sources.len(),
        marking,
        current,
    }
}

impl Content for Summary {
    fn pieces(&self) -> Vec<Piece> {
        vec![
            Piece::heading(SECTION.title, SECTION.id),
            Piece::Paragraph(vec![Run::data(Look::Plain, &self.text)]),
        ]
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
