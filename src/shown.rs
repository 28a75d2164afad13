//! What a memo showed, remembered beside its brief file, so that the next
//! memo made from the brief can say what is new since (issue: "What's new
//! since the last brief").
//!
//! **Where it lives.** In a file of its own beside the brief
//! (`next-dialogue.brief.toml` → `next-dialogue.shown.toml`), not in the
//! brief: a memo of 100,000 items remembers 100,000 ids, which a brief
//! file (at most 1 MiB, written by people) should not carry; the brief
//! stays the drafter's text, the app's **Save** rebuilds it without
//! touching the record, and a hand edit of either leaves the other alone.
//! The record has its own limit, [`MAX_RECORD`].
//!
//! **Stable under git.** Ids sorted, one a line; the memo's date, never a
//! time of day; each item with its date as the data gives it and a
//! checksum of its quote (CRC-32, through flate2), so that `dossier diff`
//! can tell an item whose quote or date changed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::dataset::{Dataset, Item};
use crate::date::Date;
use crate::ledger::Status;

/// A record is at most this large (64 MiB: 100,000 items take about 6 MB).
pub const MAX_RECORD: u64 = 64 * 1024 * 1024;

/// How an item stood when a memo showed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen {
    /// Its date as the data gave it (`None`: undated).
    pub date: Option<Date>,
    /// The CRC-32 of its quote.
    pub quote: u32,
}

impl Seen {
    /// How `item` stands now.
    pub fn of(item: &Item) -> Seen {
        let mut crc = flate2::Crc::new();
        crc.update(item.quote().as_bytes());
        Seen {
            date: item.date,
            quote: crc.sum(),
        }
    }
}

/// What a memo showed: the date it was made for, its items, and the status
/// of each follow-up thread it showed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// The memo's date (its `date`, or the day it was made).
    pub date: Date,
    /// The day the record was written: an item accepted since is new
    /// because it was added, not because of its own date.
    pub recorded: Date,
    /// Each item it showed, by id.
    pub items: BTreeMap<String, Seen>,
    /// Each follow-up thread it showed, with its status then.
    pub threads: BTreeMap<String, Status>,
}

/// Why a record could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ShownError {
    /// The file could not be read.
    #[error("{0}: {1}")]
    Read(String, crate::limits::LimitedReadError),
    /// A line of it is not what Dossier writes.
    #[error(
        "{path}:{line}: {what}; the file is written by `dossier brief --record` (remove it to start afresh)"
    )]
    Malformed {
        /// The file.
        path: String,
        /// The line.
        line: usize,
        /// What is wrong.
        what: String,
    },
}

/// The record of the brief at `brief`: `x.brief.toml` → `x.shown.toml`,
/// any other name `name` → `name.shown.toml`, in the same folder.
pub fn path_for(brief: &Path) -> PathBuf {
    let name = brief
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name
        .strip_suffix(".brief.toml")
        .map(str::to_string)
        .unwrap_or(name);
    brief.with_file_name(format!("{stem}.shown.toml"))
}

impl Shown {
    /// The record for `brief`, if it has one.
    pub fn read_for(brief: &Path) -> Result<Option<Shown>, ShownError> {
        let path = path_for(brief);
        match crate::limits::read_to_string_at_most(&path, MAX_RECORD) {
            Ok(text) => Shown::parse(&path.display().to_string(), &text).map(Some),
            Err(e) if e.is_not_found() => Ok(None),
            Err(e) => Err(ShownError::Read(path.display().to_string(), e)),
        }
    }

    /// Writes it beside `brief`, whole or not at all.
    pub fn write_for(&self, brief: &Path) -> std::io::Result<PathBuf> {
        let path = path_for(brief);
        let name = brief
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        crate::atomic::write_atomically(&path, self.to_text(&name).as_bytes())?;
        Ok(path)
    }

    /// Its text: a comment, then `date`, one `item` line an item (id, date
    /// or `undated`, quote checksum), one `thread` line a thread.
    pub fn to_text(&self, brief: &str) -> String {
        let mut out = format!(
            "# What the memo made from {} drew on, so that the next memo can say what\n# is new since (`dossier brief --record`, or the app's Export). Written by Dossier.\ndate {}\nrecorded {}\n",
            brief.replace(|c: char| c.is_control(), " "),
            self.date,
            self.recorded
        );
        for (id, seen) in &self.items {
            let date = seen.date.map_or("undated".to_string(), |d| d.to_string());
            out.push_str(&format!("item {id} {date} {:08x}\n", seen.quote));
        }
        for (id, status) in &self.threads {
            out.push_str(&format!("thread {id} {}\n", status.id()));
        }
        out
    }

    /// Reads the text [`Shown::to_text`] writes.
    pub fn parse(path: &str, text: &str) -> Result<Shown, ShownError> {
        let bad = |line: usize, what: String| ShownError::Malformed {
            path: path.to_string(),
            line,
            what,
        };
        let mut date: Option<Date> = None;
        let mut recorded: Option<Date> = None;
        let mut items = BTreeMap::new();
        let mut threads = BTreeMap::new();
        for (n, line) in text.lines().enumerate() {
            let n = n + 1;
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let words: Vec<&str> = line.split_whitespace().collect();
            match words.as_slice() {
                ["date", d] => {
                    date = Some(
                        d.parse()
                            .map_err(|e| bad(n, format!("'{d}' is not a date ({e})")))?,
                    );
                }
                ["recorded", d] => {
                    recorded = Some(
                        d.parse()
                            .map_err(|e| bad(n, format!("'{d}' is not a date ({e})")))?,
                    );
                }
                ["item", id, date, sum] => {
                    let date = match *date {
                        "undated" => None,
                        d => Some(
                            d.parse()
                                .map_err(|e| bad(n, format!("'{d}' is not a date ({e})")))?,
                        ),
                    };
                    let quote = u32::from_str_radix(sum, 16)
                        .map_err(|_| bad(n, format!("'{sum}' is not a checksum")))?;
                    items.insert(id.to_string(), Seen { date, quote });
                }
                ["thread", id, status] => {
                    let status = Status::from_id(status)
                        .ok_or_else(|| bad(n, format!("'{status}' is not a status")))?;
                    threads.insert(id.to_string(), status);
                }
                _ => return Err(bad(n, format!("'{line}' is not a line Dossier writes"))),
            }
        }
        let date = date.ok_or_else(|| bad(1, "the record has no `date` line".into()))?;
        Ok(Shown {
            date,
            recorded: recorded.unwrap_or(date),
            items,
            threads,
        })
    }

    /// What a memo of `date` drew on, recorded on `recorded`: `items` (ids
    /// of `data`) and `threads`.
    pub fn of(
        data: &Dataset,
        date: Date,
        recorded: Date,
        items: &[String],
        threads: &[(String, Status)],
    ) -> Shown {
        let by_id: std::collections::HashMap<&str, &Item> =
            data.items.iter().map(|i| (i.id.as_str(), i)).collect();
        Shown {
            date,
            recorded,
            items: items
                .iter()
                .filter_map(|id| by_id.get(id.as_str()).map(|i| (id.clone(), Seen::of(i))))
                .collect(),
            threads: threads.iter().cloned().collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_back_as_written_sorted_and_without_a_time() {
        let data = Dataset::embedded().unwrap();
        let ids: Vec<String> = data
            .items
            .iter()
            .rev()
            .take(5)
            .map(|i| i.id.clone())
            .collect();
        let shown = Shown::of(
            &data,
            "2025-06-02".parse().unwrap(),
            "2025-06-01".parse().unwrap(),
            &ids,
            &[
                ("thread-b".into(), Status::UnderWay),
                ("thread-a".into(), Status::NoInformation),
            ],
        );
        let text = shown.to_text("x.brief.toml");
        assert_eq!(Shown::parse("x.shown.toml", &text).unwrap(), shown);
        let items: Vec<&str> = text.lines().filter(|l| l.starts_with("item ")).collect();
        assert!(items.is_sorted(), "{items:?}");
        assert!(
            text.contains("\ndate 2025-06-02\n")
                && text.contains("thread thread-a no-information\nthread thread-b under-way")
        );
    }

    #[test]
    fn a_record_beside_its_brief() {
        assert_eq!(
            path_for(Path::new("/d/next.brief.toml")),
            Path::new("/d/next.shown.toml")
        );
        assert_eq!(
            path_for(Path::new("memo.toml")),
            Path::new("memo.toml.shown.toml")
        );
    }

    #[test]
    fn a_malformed_line_is_named() {
        let e = Shown::parse("r", "date 2025\nitem x 2024\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("r:2: 'item x 2024' is not a line Dossier writes"),
            "{e}"
        );
        assert!(Shown::parse("r", "item x undated 0000000a\n").is_err());
    }
}

/// An item shown before whose quote or date has changed since.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Changed {
    /// The item's id.
    pub id: String,
    /// What changed: `quote`, `date`, or both.
    pub what: Vec<&'static str>,
}

/// A follow-up thread whose status the memo now shows differently.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ThreadChange {
    /// The thread's id.
    pub id: String,
    /// Its status when the memo was recorded (`None`: not shown then).
    pub then: Option<Status>,
    /// Its status now.
    pub now: Status,
}

/// What changed between a record and the memo a brief would make now.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Since {
    /// The recorded memo's date.
    pub since: Date,
    /// The day the record was written.
    pub recorded: Date,
    /// Items selected now that the recorded memo did not show, oldest first.
    pub new: Vec<String>,
    /// Items shown then and selected now whose quote or date changed.
    pub changed: Vec<Changed>,
    /// Items shown then that are not selected now (removed from the
    /// dataset, or outside the selection or excluded).
    pub gone: Vec<String>,
    /// Threads whose status changed, or that the memo follows now and did
    /// not then.
    pub threads: Vec<ThreadChange>,
}

impl Since {
    /// Why `item` (one of [`Since::new`]) is new, in words: "added to the
    /// dataset on 7 December 2026" when it was accepted on or after the day
    /// of the record; else "dated 11 April 2022", or "reported 2025" for an
    /// undated item (never a date the data does not give).
    pub fn why_new(&self, item: &Item) -> String {
        match (item.accepted, item.date) {
            (Some(day), _) if day.first_day() >= self.recorded.first_day() => {
                format!("added to the dataset on {}", day.human())
            }
            (_, Some(_)) => format!("dated {}", item.date_words()),
            (_, None) => format!("date not given, reported {}", item.reported.human()),
        }
    }

    /// The changes from `shown` to a memo that selects `items` (in the
    /// dataset's order: oldest first) and follows `threads` with their
    /// statuses now.
    pub fn between(shown: &Shown, items: &[&Item], threads: &[(String, Status)]) -> Since {
        let now: std::collections::HashSet<&str> = items.iter().map(|i| i.id.as_str()).collect();
        let mut changed = Vec::new();
        let mut new = Vec::new();
        for item in items {
            match shown.items.get(&item.id) {
                None => new.push(item.id.clone()),
                Some(then) => {
                    let seen = Seen::of(item);
                    let mut what = Vec::new();
                    if seen.quote != then.quote {
                        what.push("quote");
                    }
                    if seen.date != then.date {
                        what.push("date");
                    }
                    if !what.is_empty() {
                        changed.push(Changed {
                            id: item.id.clone(),
                            what,
                        });
                    }
                }
            }
        }
        let gone = shown
            .items
            .keys()
            .filter(|id| !now.contains(id.as_str()))
            .cloned()
            .collect();
        let threads = threads
            .iter()
            .filter_map(|(id, status)| {
                let then = shown.threads.get(id).copied();
                (then != Some(*status)).then(|| ThreadChange {
                    id: id.clone(),
                    then,
                    now: *status,
                })
            })
            .collect();
        Since {
            since: shown.date,
            recorded: shown.recorded,
            new,
            changed,
            gone,
            threads,
        }
    }
}
