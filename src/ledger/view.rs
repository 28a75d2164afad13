//! Threads as a reader asks for them: those of some topics, open during a
//! period, at a status; and each as `dossier ledger --json` gives it.

use serde::Serialize;

use super::model::{Ledger, Report, Status, Thread, Update};
use crate::dataset::{Dataset, Detail, Item, Parties};
use crate::date::{Date, DateRange};

/// Which threads to show.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Threads with any of these topics (all when `None`).
    pub topics: Option<Vec<String>>,
    /// Threads open at some time in this period; their status is as known
    /// by its end.
    pub range: DateRange,
    /// Threads at this status by the period's end (any when `None`).
    pub status: Option<Status>,
}

impl Filter {
    /// The last day whose news counts: the period's end, or none (all).
    pub fn as_known_by(&self) -> Option<chrono::NaiveDate> {
        self.range.to.map(|d| d.last_day())
    }

    /// Whether `thread` is one to show.
    pub fn admits(&self, thread: &Thread) -> bool {
        let topical = self
            .topics
            .as_ref()
            .is_none_or(|ts| thread.topics.iter().any(|t| ts.contains(t)));
        let status = self
            .status
            .is_none_or(|s| thread.status_by(self.as_known_by()).0 == s);
        topical && status && thread.open_during(&self.range)
    }
}

/// The opening of a thread as `--json` gives it.
#[derive(Debug, Clone, Serialize)]
pub struct Opening {
    /// The item's id.
    pub item: String,
    /// Its date (an undated item's: when it was reported).
    pub date: Date,
    /// The side it speaks for (a statement's), if any.
    pub side: Option<String>,
    /// Who said it (a statement's speaker id), if anyone.
    pub speaker: Option<String>,
    /// Whether the item gives no date of its own (`date` is then when it
    /// was reported), or, for a planned event, the day it was announced.
    pub undated: bool,
}

/// A thread as `--json` gives it: its status as known by the period's end,
/// and the updates known by then.
#[derive(Debug, Clone, Serialize)]
pub struct ThreadView {
    /// Thread id.
    pub id: String,
    /// Its label.
    pub label: String,
    /// The item that opened it.
    pub opened_by: Opening,
    /// The party that owes action (its id).
    pub owed_by: String,
    /// That party's name.
    #[serde(skip)]
    pub owed_by_name: String,
    /// Its topic ids.
    pub topics: Vec<String>,
    /// Its status.
    pub status: Status,
    /// The date of that status: its update's, or the opening's when no
    /// source has reported anything since.
    pub as_of: Date,
    /// The updates, oldest first.
    pub updates: Vec<Update>,
}

/// The threads `filter` admits, as `--json` gives them, in ledger order.
pub fn views(ledger: &Ledger, data: &Dataset, filter: &Filter) -> Vec<ThreadView> {
    let by = filter.as_known_by();
    ledger
        .threads
        .iter()
        .filter(|t| filter.admits(t))
        .map(|t| {
            let (status, as_of) = t.status_by(by);
            let opening = data.items.iter().find(|i| i.id == t.opened_by);
            ThreadView {
                id: t.id.clone(),
                label: t.label.clone(),
                opened_by: Opening {
                    item: t.opened_by.clone(),
                    date: t.opened,
                    side: opening.and_then(side_of).map(|s| s.to_string()),
                    speaker: opening.and_then(speaker_of).map(str::to_string),
                    undated: opening.is_none_or(|i| i.date.is_none() || i.is_planned()),
                },
                owed_by: t.owed_by.id().to_string(),
                owed_by_name: data.parties.side_name(&t.owed_by).to_string(),
                topics: t.topics.clone(),
                status,
                as_of,
                updates: t.updates_by(by).to_vec(),
            }
        })
        .collect()
}

fn side_of(item: &Item) -> Option<&str> {
    match &item.detail {
        Detail::Statement { side, .. } => Some(side.id()),
        _ => None,
    }
}

fn speaker_of(item: &Item) -> Option<&str> {
    match &item.detail {
        Detail::Statement { speaker, .. } => Some(speaker),
        _ => None,
    }
}

/// Who made an ask or a promise, in words: a statement's speaker and
/// side ("Uzra Zeya (United States)"); `None` for a planned event.
pub fn speaker_words(data: &Dataset, item: &Item) -> Option<String> {
    match &item.detail {
        Detail::Statement { speaker, side, .. } => {
            let name = data
                .speaker(speaker)
                .map(|s| s.name().to_string())
                .unwrap_or_else(|| speaker.clone());
            Some(format!("{name} ({})", data.parties.side_name(side)))
        }
        _ => None,
    }
}

/// How a thread's opening reads: "Uzra Zeya (United States), 11 April
/// 2022", or for a planned event "planned for 2025, reported May 2024".
pub fn opened_words(data: &Dataset, item: &Item) -> String {
    match speaker_words(data, item) {
        Some(who) => format!("{who}, {}", item.date_words()),
        None if item.is_planned() && item.date.is_some() => {
            format!("{}, reported {}", item.date_words(), item.reported.human())
        }
        None => item.date_words(),
    }
}

/// `update` with only the evidence `keep` admits (what a memo does not
/// exclude), its date and reporting sources taken again from what is
/// left; `None` when nothing is.
pub fn keeping(data: &Dataset, update: &Update, keep: impl Fn(&str) -> bool) -> Option<Update> {
    let items: Vec<&Item> = update
        .evidence
        .iter()
        .filter(|e| keep(e))
        .filter_map(|e| data.items.iter().find(|i| i.id == *e))
        .collect();
    let (date, undated, reported_by) = super::dated(data, &items)?;
    Some(Update {
        date,
        undated,
        evidence: items.iter().map(|i| i.id.clone()).collect(),
        reported_by,
        ..update.clone()
    })
}

/// Who reports an update, in words: "according to U.S. Department of
/// State, 2024; Kazinform, 2025".
pub fn according_to(data: &Dataset, reports: &[Report]) -> String {
    let names: Vec<String> = reports
        .iter()
        .map(|r| {
            let publisher = data
                .source(&r.source)
                .map(|s| s.publisher.as_str())
                .unwrap_or(r.source.as_str());
            format!("{publisher}, {}", r.date.human())
        })
        .collect();
    format!("according to {}", names.join("; "))
}
