//! What a follow-up thread is: an ask, concern, commitment or planned event,
//! who owes action on it, and the dated, sourced updates that show what
//! happened since.

use serde::Serialize;

use crate::dataset::Side;
use crate::date::{Date, DateRange};

/// Where a thread stands, as a source reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// No source reports anything since the thread was opened.
    NoInformation,
    /// A source reports work begun, planned or in hand.
    UnderWay,
    /// A source reports part of what was asked or promised done.
    PartlyDone,
    /// A source reports it done.
    Done,
    /// A source reports it undone after progress.
    Reversed,
    /// A source reports that the party owing it refused.
    Declined,
}

impl Status {
    /// Every status with its id, as written in `ledger.toml` and on the
    /// command line.
    pub const ALL: [(&'static str, Status); 6] = [
        ("no-information", Status::NoInformation),
        ("under-way", Status::UnderWay),
        ("partly-done", Status::PartlyDone),
        ("done", Status::Done),
        ("reversed", Status::Reversed),
        ("declined", Status::Declined),
    ];

    /// The id as written in the data.
    pub fn id(self) -> &'static str {
        Status::ALL
            .iter()
            .find(|(_, s)| *s == self)
            .map(|(id, _)| *id)
            .unwrap_or("no-information")
    }

    /// The status named `id`, if it is one.
    pub fn from_id(id: &str) -> Option<Status> {
        Status::ALL.iter().find(|(i, _)| *i == id).map(|(_, s)| *s)
    }

    /// The ids in words, for messages: `no-information, under-way, …`.
    pub fn ids_in_words() -> String {
        Status::ALL.map(|(id, _)| id).join(", ")
    }

    /// How a memo prints it: "partly done".
    pub fn words(self) -> &'static str {
        match self {
            Status::NoInformation => "no information",
            Status::UnderWay => "under way",
            Status::PartlyDone => "partly done",
            Status::Done => "done",
            Status::Reversed => "reversed",
            Status::Declined => "declined",
        }
    }

    /// Whether the thread is closed by it: done, declined or reversed.
    pub fn is_final(self) -> bool {
        matches!(self, Status::Done | Status::Declined | Status::Reversed)
    }
}

/// A source that reports an update's evidence, and that source's date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The source's id.
    pub source: String,
    /// The source's date.
    pub date: Date,
}

/// One step of a thread: a status a source reports, with the items that
/// show it.
#[derive(Debug, Clone, Serialize)]
pub struct Update {
    /// The date of its evidence: the latest evidence item's own date (an
    /// undated item's: the date it was reported).
    pub date: Date,
    /// Whether that evidence item is undated, so that `date` is only when
    /// it was reported (a memo says "reported 2025", never "2025").
    pub undated: bool,
    /// What the evidence shows.
    pub status: Status,
    /// The items that show it, at least one.
    pub evidence: Vec<String>,
    /// The sources that report the evidence, each once, oldest first.
    pub reported_by: Vec<Report>,
    /// The drafter's words on it, if any: never shown as a source's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An ask, concern, commitment or planned event to follow, and what the
/// sources show happened since.
#[derive(Debug, Clone)]
pub struct Thread {
    /// Stable id (`thread-trafficking-definition`).
    pub id: String,
    /// A short neutral label ("Amend the trafficking laws").
    pub label: String,
    /// The item that opened it.
    pub opened_by: String,
    /// The opening item's date (an undated item's: when it was reported).
    pub opened: Date,
    /// The party that owes action.
    pub owed_by: Side,
    /// Topic ids: the opening item's unless the ledger gives others.
    pub topics: Vec<String>,
    /// Its updates, oldest first (by their evidence's date, then as written).
    pub updates: Vec<Update>,
    /// Line of its `[[thread]]` in `ledger.toml`, for messages.
    pub line: usize,
}

impl Thread {
    /// The updates known by the end of `day` (all of them when `None`): an
    /// update counts once its evidence's date has wholly passed.
    pub fn updates_by(&self, day: Option<chrono::NaiveDate>) -> &[Update] {
        let known = self
            .updates
            .iter()
            .take_while(|u| day.is_none_or(|d| u.date.last_day() <= d))
            .count();
        &self.updates[..known]
    }

    /// Its status and the date of that status, as known by the end of `day`:
    /// the last update's, or "no information" since it was opened.
    pub fn status_by(&self, day: Option<chrono::NaiveDate>) -> (Status, Date) {
        match self.updates_by(day).last() {
            Some(u) => (u.status, u.date),
            None => (Status::NoInformation, self.opened),
        }
    }

    /// Whether it is open at some time in `range`: opened by the range's
    /// end, and not in a final status before the range's start.
    pub fn open_during(&self, range: &DateRange) -> bool {
        let opened_by_end = range
            .to
            .is_none_or(|to| self.opened.first_day() <= to.last_day());
        let closed_before_start = range.from.is_some_and(|from| {
            let before = from.first_day().pred_opt();
            self.updates_by(before)
                .last()
                .is_some_and(|u| u.status.is_final())
        });
        opened_by_end && !closed_before_start
    }
}

/// Every thread of a dataset, in the order `ledger.toml` gives them.
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    /// The threads.
    pub threads: Vec<Thread>,
}

impl Ledger {
    /// The thread `id`, if the ledger has it.
    pub fn thread(&self, id: &str) -> Option<&Thread> {
        self.threads.iter().find(|t| t.id == id)
    }

    /// The threads an item takes part in: opened by it, or with it as evidence.
    pub fn threads_of<'l>(&'l self, item: &'l str) -> impl Iterator<Item = &'l Thread> + 'l {
        self.threads.iter().filter(move |t| {
            t.opened_by == item
                || t.updates
                    .iter()
                    .any(|u| u.evidence.iter().any(|e| e == item))
        })
    }
}

impl Update {
    /// Its date as a reader sees it: `2024`, or `reported 2025` when its
    /// evidence is undated.
    pub fn date_words(&self) -> String {
        if self.undated {
            format!("reported {}", self.date.human())
        } else {
            self.date.human()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn update(on: &str, status: Status) -> Update {
        Update {
            date: date(on),
            undated: false,
            status,
            evidence: vec!["x".into()],
            reported_by: Vec::new(),
            note: None,
        }
    }

    fn thread(opened: &str, updates: Vec<Update>) -> Thread {
        Thread {
            id: "thread-t".into(),
            label: "T".into(),
            opened_by: "o".into(),
            opened: date(opened),
            owed_by: Side::Other,
            topics: vec!["torture".into()],
            updates,
            line: 1,
        }
    }

    fn range(from: Option<&str>, to: Option<&str>) -> DateRange {
        DateRange::new(from.map(date), to.map(date)).unwrap()
    }

    #[test]
    fn a_status_is_known_once_its_evidence_s_date_has_passed() {
        let t = thread(
            "2022-04-11",
            vec![
                update("2024-04", Status::UnderWay),
                update("2025", Status::Done),
            ],
        );
        let by = |d: &str| t.status_by(Some(date(d).last_day())).0;
        assert_eq!(by("2022-12-31"), Status::NoInformation);
        assert_eq!(by("2024-04-15"), Status::NoInformation);
        assert_eq!(by("2024-04-30"), Status::UnderWay);
        assert_eq!(by("2025-06"), Status::UnderWay);
        assert_eq!(by("2025-12-31"), Status::Done);
        assert_eq!(t.status_by(None), (Status::Done, date("2025")));
    }

    #[test]
    fn a_thread_is_open_from_its_opening_until_a_final_status_before_the_period() {
        let t = thread("2022-04-11", vec![update("2024", Status::Done)]);
        assert!(
            !t.open_during(&range(None, Some("2022-03"))),
            "not yet opened"
        );
        assert!(t.open_during(&range(Some("2022"), Some("2022"))));
        assert!(
            t.open_during(&range(Some("2024-06"), None)),
            "done only by the end of 2024"
        );
        assert!(
            !t.open_during(&range(Some("2025"), None)),
            "closed before 2025"
        );
        assert!(t.open_during(&range(None, None)));
        let declined = thread(
            "2010",
            vec![
                update("2012", Status::Declined),
                update("2014", Status::UnderWay),
            ],
        );
        assert!(
            declined.open_during(&range(Some("2015"), None)),
            "taken up again after a refusal"
        );
    }

    #[test]
    fn an_undated_update_says_when_it_was_reported() {
        let mut u = update("2025", Status::PartlyDone);
        assert_eq!(u.date_words(), "2025");
        u.undated = true;
        assert_eq!(u.date_words(), "reported 2025");
    }
}
