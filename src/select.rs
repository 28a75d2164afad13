//! Selection: which items a brief covers, by topic, date range and kind.

use crate::dataset::{Dataset, Item, Kind, topic_mask};
use crate::date::DateRange;

/// What to pick from a dataset. Empty lists mean "any".
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Topic ids; an item matches when it has any of them.
    pub topics: Vec<String>,
    /// The period; an item matches when its date's interval overlaps it
    /// (an undated item's reported date, a planned event's planned date).
    pub range: DateRange,
    /// Item kinds.
    pub kinds: Vec<Kind>,
}

impl Selection {
    /// Whether `item` is selected.
    pub fn matches(&self, item: &Item) -> bool {
        self.matcher()(item)
    }

    /// The selected items, oldest first (the dataset's order).
    pub fn apply<'d>(&self, data: &'d Dataset) -> Vec<&'d Item> {
        let matches = self.matcher();
        data.items.iter().filter(|i| matches(i)).collect()
    }

    /// A test for items with the topic ids resolved once.
    fn matcher(&self) -> impl Fn(&Item) -> bool + '_ {
        let mask = topic_mask(&self.topics);
        let any_topic = self.topics.is_empty();
        move |item: &Item| {
            (any_topic || item.has_any_topic(mask))
                && (self.kinds.is_empty() || self.kinds.contains(&item.kind()))
                && self.range.contains(&item.when())
        }
    }

    /// Topic ids of this selection that the dataset does not have.
    pub fn unknown_topics<'s>(&'s self, data: &Dataset) -> Vec<&'s str> {
        self.topics
            .iter()
            .filter(|t| data.topic(t).is_none())
            .map(String::as_str)
            .collect()
    }
}
