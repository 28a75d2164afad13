//! Selection: which items a brief covers, by topic, date range and kind.

use crate::brief_file::BriefSelection;
use crate::dataset::{Dataset, Item, Kind};
use crate::date::{DateRange, EmptyRange};

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
    /// The selected items, oldest first (the dataset's order).
    pub fn apply<'d>(&self, data: &'d Dataset) -> Vec<&'d Item> {
        if self.topics.is_empty() {
            return data.items.iter().filter(|i| self.picks(i)).collect();
        }
        data.items_in(&data.topic_set(&self.topics))
            .filter(|i| self.picks(i))
            .collect()
    }

    /// Whether `item` is of a selected kind and in the period.
    fn picks(&self, item: &Item) -> bool {
        (self.kinds.is_empty() || self.kinds.contains(&item.kind()))
            && self.range.contains(&item.when())
    }

    /// The items a brief's selection covers, oldest first: those of its
    /// topics in its period, where no topic list means every topic and an
    /// explicit empty list selects nothing. Excluded items are among them:
    /// the memo leaves them out, the app's item list marks them.
    pub fn of_brief<'d>(
        data: &'d Dataset,
        brief: &BriefSelection,
    ) -> Result<Vec<&'d Item>, EmptyRange> {
        let selection = Selection {
            topics: brief.topics.clone().unwrap_or_default(),
            range: DateRange::new(brief.from, brief.to)?,
            kinds: Vec::new(),
        };
        if brief.topics.as_ref().is_some_and(Vec::is_empty) {
            return Ok(Vec::new());
        }
        Ok(selection.apply(data))
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
