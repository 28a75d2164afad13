//! Proposing a new document's suggestions as evidence for the follow-up
//! threads still open: a suggestion that shares a topic with a thread, is
//! dated after the thread was opened, and repeats the telling words of its
//! ask (its label and its opening item's quote) is proposed for it. A
//! proposal is not data: it waits, without a status, until a person records
//! an update from it (`dossier ledger update`, or the app's review screen).
//!
//! Words are compared by their first five letters ("amend", "amending",
//! "amendments"), and a word counts only if it is telling: one that fewer
//! than [`COMMON_SHARE`] of the dataset's items use ("Kazakhstan", "rights"
//! and "government" say nothing about which ask a passage answers).

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::suggest::{Suggestion, content_words};
use crate::dataset::Dataset;
use crate::date::Date;
use crate::ledger::Ledger;

/// A word used by more than this share of the dataset's items is not telling.
const COMMON_SHARE: f64 = 0.06;
/// A suggestion must share at least this many telling words with an ask.
const MIN_SHARED: usize = 3;
/// At most this many proposals for one thread from one document.
const MAX_PER_THREAD: usize = 3;

/// A suggestion proposed as evidence for a thread.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvidenceProposal {
    /// The thread.
    pub thread: String,
    /// The thread's label.
    pub label: String,
    /// The suggestion's id.
    pub item: String,
    /// The telling words the two share (as their stems).
    pub shared: Vec<String>,
}

fn stems(text: &str) -> HashSet<String> {
    content_words(text)
        .into_iter()
        .filter(|w| w.chars().count() >= 4 && !w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| w.chars().take(5).collect())
        .collect()
}

/// The proposals for `suggestions` (of a document dated `published`)
/// against the threads of `ledger` still open, best first within a thread.
pub fn propose(
    data: &Dataset,
    ledger: &Ledger,
    suggestions: &[Suggestion],
    published: Date,
) -> Vec<EvidenceProposal> {
    if ledger.threads.is_empty() {
        return Vec::new();
    }
    let mut counts: HashMap<String, usize> = HashMap::new();
    for item in &data.items {
        for s in stems(item.quote()) {
            *counts.entry(s).or_default() += 1;
        }
    }
    let common = (data.items.len() as f64 * COMMON_SHARE).max(3.0) as usize;
    let telling = |s: &String| counts.get(s).copied().unwrap_or(0) <= common;
    let mut out = Vec::new();
    for thread in &ledger.threads {
        if thread.status_by(None).0.is_final() {
            continue;
        }
        let Some(opening) = data.items.iter().find(|i| i.id == thread.opened_by) else {
            continue;
        };
        let mut ask = stems(opening.quote());
        ask.extend(stems(&thread.label));
        ask.retain(|s| telling(s));
        let mut found: Vec<(usize, EvidenceProposal)> = suggestions
            .iter()
            .filter(|s| s.topics.iter().any(|t| thread.topics.contains(t)))
            .filter(|s| s.date.unwrap_or(published).last_day() > thread.opened.last_day())
            .filter_map(|s| {
                let mut shared: Vec<String> = stems(&s.quote).intersection(&ask).cloned().collect();
                (shared.len() >= MIN_SHARED).then(|| {
                    shared.sort();
                    (
                        shared.len(),
                        EvidenceProposal {
                            thread: thread.id.clone(),
                            label: thread.label.clone(),
                            item: s.id.clone(),
                            shared,
                        },
                    )
                })
            })
            .collect();
        found.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
        // One passage suggested twice (a statement, and an event of part of
        // it) is proposed once.
        let mut quotes: Vec<&str> = Vec::new();
        for (_, p) in found {
            let quote = suggestions
                .iter()
                .find(|s| s.id == p.item)
                .map_or("", |s| s.quote.as_str());
            let again = quotes
                .iter()
                .any(|q| q.contains(quote) || quote.contains(q));
            if quotes.len() < MAX_PER_THREAD && !again {
                quotes.push(quote);
                out.push(p);
            }
        }
    }
    out
}
