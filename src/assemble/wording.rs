//! The memo's own words: the period, the summary, counts and stances.

use std::collections::BTreeSet;

use crate::dataset::{Dataset, Item, Kind, Stance};
use crate::date::Date;

use super::*;

pub(super) fn period_words(from: Option<Date>, to: Option<Date>) -> String {
    match (from, to) {
        (Some(f), Some(t)) if f == t => format!("in {}", f.human()),
        (Some(f), Some(t)) => format!("from {} to {}", f.human(), t.human()),
        (Some(f), None) => format!("since {}", f.human()),
        (None, Some(t)) => format!("until {}", t.human()),
        (None, None) => "all dates".to_string(),
    }
}

pub(super) fn summarise(
    data: &Dataset,
    items: &[&Item],
    topics: &[&crate::dataset::Topic],
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

pub(super) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub(super) fn stance_words(stance: Stance) -> &'static str {
    match stance {
        Stance::Commends => "commends",
        Stance::Concern => "concern",
        Stance::CallsFor => "calls for",
        Stance::Commits => "commits",
        Stance::Reports => "reports",
    }
}
