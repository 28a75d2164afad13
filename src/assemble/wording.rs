//! The memo's own words: the period, counts and stances.

use crate::dataset::Stance;
use crate::date::Date;

pub(super) fn period_words(from: Option<Date>, to: Option<Date>) -> String {
    match (from, to) {
        (Some(f), Some(t)) if f == t => format!("in {}", f.human()),
        (Some(f), Some(t)) => format!("from {} to {}", f.human(), t.human()),
        (Some(f), None) => format!("since {}", f.human()),
        (None, Some(t)) => format!("until {}", t.human()),
        (None, None) => "all dates".to_string(),
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
