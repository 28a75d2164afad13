//! Proposing a new document's suggestions as evidence for the follow-up
//! threads still open: a suggestion that shares a topic with a thread, is
//! dated after the thread was opened, and repeats the telling words of its
//! ask (its label and its opening item's quote) is proposed for it. A
//! proposal is not data: it waits, without a status, until a person records
//! an update from it (`dossier ledger update`, or the app's review screen).
//!
//! Words are compared by their first five letters ("amend", "amending",
//! "amendments"), and a word counts only if it is telling: not a word of
//! every kind of text ([`GENERIC`]: "bring", "further", "ensure"), and one
//! that fewer than [`COMMON_SHARE`] of the dataset's items use
//! ("Kazakhstan", "rights" and "government" say nothing about which ask a
//! passage answers). A suggestion shares at least [`MIN_SHARED`] telling
//! words with the ask, one of them with the thread's label (the ask in the
//! drafter's few words). An ask, a concern or a commendation is not
//! evidence of what was done, so such statements are never proposed.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::suggest::{Suggestion, content_words};
use crate::dataset::Dataset;
use crate::date::Date;
use crate::ledger::Ledger;

/// A word used by more than this share of the dataset's items is not telling.
const COMMON_SHARE: f64 = 0.06;
/// A suggestion must share at least this many telling words with an ask.
const MIN_SHARED: usize = 2;
/// Words of every kind of text (by their first five letters), never
/// telling: function words the content-word filter keeps, and the verbs
/// of any report or appeal.
const GENERIC: &[&str] = &[
    "about", "after", "again", "also", "among", "being", "bring", "could", "durin", "each",
    "encou", "enhan", "ensur", "every", "furth", "have", "into", "itsel", "large", "line", "made",
    "make", "many", "more", "most", "must", "other", "over", "said", "shall", "should", "since",
    "some", "step", "steps", "such", "take", "taken", "than", "their", "them", "then", "there",
    "these", "they", "those", "throu", "under", "upon", "very", "well", "were", "what", "when",
    "where", "which", "while", "will", "with", "withi", "witho", "would", "year", "years", "conti",
    "incre", "inclu", "impor", "parti", "curre", "recen", "inter",
];
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
        .map(|w| w.chars().take(5).collect::<String>())
        .filter(|s| !GENERIC.contains(&s.as_str()))
        .collect()
}

/// Whether a suggestion may show what was done: a statement, a figure or
/// an event that will be an item of its own once accepted (not a second
/// report of an existing item), and not an ask, a concern or a
/// commendation.
fn may_show_progress(s: &Suggestion) -> bool {
    use super::suggest::Suggested;
    use crate::dataset::Stance;
    match &s.detail {
        Suggested::Statement { stance, .. } => !matches!(
            stance,
            Some(Stance::CallsFor | Stance::Concern | Stance::Commends)
        ),
        Suggested::Figure { .. } | Suggested::Event { .. } => true,
        _ => false,
    }
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
        let mut label = stems(&thread.label);
        label.retain(|s| telling(s));
        let mut ask = stems(opening.quote());
        ask.retain(|s| telling(s));
        ask.extend(label.iter().cloned());
        let mut found: Vec<(usize, EvidenceProposal)> = suggestions
            .iter()
            .filter(|s| may_show_progress(s))
            .filter(|s| s.topics.iter().any(|t| thread.topics.contains(t)))
            .filter(|s| s.date.unwrap_or(published).last_day() > thread.opened.last_day())
            .filter_map(|s| {
                let mut shared: Vec<String> = stems(&s.quote).intersection(&ask).cloned().collect();
                let labelled = shared.iter().any(|w| label.contains(w));
                (shared.len() >= MIN_SHARED && labelled).then(|| {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{EventStatus, Stance};
    use crate::ingest::suggest::Suggested;

    fn suggestion(id: &str, quote: &str, detail: Suggested) -> Suggestion {
        Suggestion {
            id: id.into(),
            quote: quote.into(),
            span: (0, 0),
            page: None,
            date: Some("2026-03-03".parse().unwrap()),
            topics: vec!["trafficking".into()],
            detail,
            unclear: Vec::new(),
        }
    }

    fn statement(stance: Stance) -> Suggested {
        Suggested::Statement {
            speaker: Some("kz-government".into()),
            side: None,
            stance: Some(stance),
        }
    }

    #[test]
    fn a_report_answering_the_ask_is_proposed_and_an_appeal_is_not() {
        let f = crate::ledger::Followed::embedded().unwrap();
        let passage = "The Mazhilis approved amendments to the trafficking laws that align the definition of trafficking with international law.";
        let found = propose(
            &f.data,
            &f.ledger,
            &[
                suggestion("report", passage, statement(Stance::Reports)),
                suggestion("appeal", passage, statement(Stance::CallsFor)),
                suggestion(
                    "event",
                    passage,
                    Suggested::Event {
                        label: "Amendments approved".into(),
                        place: None,
                        status: EventStatus::Happened,
                    },
                ),
            ],
            "2026-03-03".parse().unwrap(),
        );
        let trafficking: Vec<&str> = found
            .iter()
            .filter(|p| p.thread == "thread-trafficking-laws")
            .map(|p| p.item.as_str())
            .collect();
        assert_eq!(trafficking, ["report"], "{found:?}");
        assert!(
            found.iter().all(|p| p.item != "appeal"),
            "an ask is not evidence"
        );
        let again = suggestion(
            "again",
            passage,
            Suggested::Corroboration {
                item: "law-combating-human-trafficking-2024".into(),
            },
        );
        let found = propose(&f.data, &f.ledger, &[again], "2026-03-03".parse().unwrap());
        assert!(
            found.is_empty(),
            "a second report is no item of its own: {found:?}"
        );
    }

    #[test]
    fn generic_words_and_an_earlier_date_propose_nothing() {
        let f = crate::ledger::Followed::embedded().unwrap();
        let mut earlier = suggestion(
            "old",
            "Kazakhstan amended its trafficking laws to align the definition of trafficking.",
            statement(Stance::Reports),
        );
        earlier.date = Some("2021".parse().unwrap());
        let generic = suggestion(
            "vague",
            "The government must take further steps to bring more laws into line.",
            statement(Stance::Reports),
        );
        assert!(
            propose(
                &f.data,
                &f.ledger,
                &[earlier, generic],
                "2021".parse().unwrap()
            )
            .is_empty()
        );
    }
}
