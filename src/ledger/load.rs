//! Reading `ledger.toml`: every thread checked against the dataset it
//! follows (its items exist and may open or answer a thread, no update comes
//! before its opening, every status is on the list), every problem noted
//! with its line, and a ledger returned only when there are none.

use std::collections::HashMap;

use super::model::{Ledger, Report, Status, Thread, Update};
use crate::dataset::reader::{At, Record, TomlFile};
use crate::dataset::{
    Dataset, DatasetFiles, Detail, EventStatus, Item, LEDGER_FILE, Parties, Problems, Side, Stance,
};
use crate::text::is_valid_id;

const THREAD_FIELDS: &[&str] = &["id", "label", "opened_by", "owed_by", "topics", "update"];
const UPDATE_FIELDS: &[&str] = &["status", "evidence", "note", "suggested"];
/// A label longer than this is not a label.
pub const MAX_LABEL_CHARS: usize = 120;

/// A proposed update (`suggested = true`, written by ingest) that a person
/// has not yet accepted: not data, so not among the thread's updates.
#[derive(Debug, Clone)]
pub struct Proposal {
    /// The thread it would update.
    pub thread: String,
    /// The status it proposes, if any (ingest proposes none: a person
    /// judges what the evidence shows).
    pub status: Option<Status>,
    /// Its evidence: items, most often suggestions of the same document.
    pub evidence: Vec<String>,
}

/// The follow-up threads of `files`, checked against `data` (the dataset
/// loaded from the same files), with the proposals pending review.
pub fn load(files: &DatasetFiles, data: &Dataset) -> Result<(Ledger, Vec<Proposal>), Problems> {
    let Some(text) = files.get(LEDGER_FILE) else {
        return Ok(Default::default());
    };
    let file = TomlFile::new(&files.display_path(LEDGER_FILE), text);
    let mut ledger = Ledger::default();
    let mut proposals = Vec::new();
    if let Some(table) = file.parse(text) {
        let root = file.root(&table);
        let reader = Reader {
            data,
            items: data.items.iter().map(|i| (i.id.as_str(), i)).collect(),
        };
        let mut seen: HashMap<String, usize> = HashMap::new();
        for r in root.tables("thread", "this [[thread]]") {
            if let Some((thread, proposed)) = reader.thread(&r, &mut seen) {
                proposals.extend(proposed);
                ledger.threads.push(thread);
            }
        }
        root.finish(&["thread"]);
    }
    let mut problems = file.into_problems();
    problems.sort_by_key(|p| p.line.unwrap_or(0));
    if problems.is_empty() {
        Ok((ledger, proposals))
    } else {
        Err(Problems::dataset(&files.root, problems))
    }
}

struct Reader<'d> {
    data: &'d Dataset,
    items: HashMap<&'d str, &'d Item>,
}

impl<'d> Reader<'d> {
    fn thread(
        &self,
        r: &Record,
        seen: &mut HashMap<String, usize>,
    ) -> Option<(Thread, Vec<Proposal>)> {
        let id = r.string("id");
        let label = r.string("label");
        let opened_by = r.string("opened_by");
        let owed_by = r.string("owed_by");
        let topics = r.has("topics").then(|| r.string_list("topics")).flatten();
        let updates = r.tables("update", "this [[thread.update]]");
        r.finish(THREAD_FIELDS);
        let id = id.filter(|id| self.valid_id(r, id, seen))?;
        let label = label.filter(|l| valid_label(r, l));
        let opening = opened_by.and_then(|o| self.opening(r, &o));
        let owed_by = owed_by.and_then(|o| self.party(r, &o));
        let topics = match topics {
            Some(list) => self.topics(r, list),
            None => opening.map(|i| i.topics.clone()),
        };
        let (label, opening, owed_by, topics) = (label?, opening?, owed_by?, topics?);
        let mut accepted = Vec::new();
        let mut proposed = Vec::new();
        for u in &updates {
            match self.update(u, opening) {
                Some(Step::Accepted(update)) => accepted.push(update),
                Some(Step::Proposed(status, evidence)) => proposed.push(Proposal {
                    thread: id.value.clone(),
                    status,
                    evidence,
                }),
                None => {}
            }
        }
        accepted.sort_by_key(|u| u.date.last_day());
        Some((
            Thread {
                id: id.value,
                label: label.value,
                opened_by: opening.id.clone(),
                opened: opened_on(opening),
                owed_by,
                topics,
                updates: accepted,
                line: r.line,
            },
            proposed,
        ))
    }

    fn valid_id(&self, r: &Record, id: &At<String>, seen: &mut HashMap<String, usize>) -> bool {
        if !is_valid_id(&id.value) {
            r.report(id.line, format!("id '{}' must be lower-case letters, digits and hyphens (for example thread-trafficking-definition)", id.value));
            return false;
        }
        if let Some(first) = seen.get(&id.value) {
            r.report(
                id.line,
                format!(
                    "duplicate thread id '{}', first defined at line {first}; ids must be unique",
                    id.value
                ),
            );
            return false;
        }
        seen.insert(id.value.clone(), id.line);
        true
    }

    /// The item that opens a thread: a call, a concern, a commitment or a
    /// planned event of the dataset.
    fn opening(&self, r: &Record, id: &At<String>) -> Option<&'d Item> {
        let item = self.item(r, id, "opened_by")?;
        if may_open(item) {
            return Some(item);
        }
        r.report(id.line, format!(
            "`opened_by` is '{}', which is {}; a thread is opened by a call, a concern or a commitment (a statement with `stance` calls-for, concern or commits) or by a planned event",
            id.value,
            describe(item)
        ));
        None
    }

    /// An item of the dataset, or a problem naming what it is instead.
    fn item(&self, r: &Record, id: &At<String>, field: &str) -> Option<&'d Item> {
        if let Some(item) = self.items.get(id.value.as_str()) {
            return Some(item);
        }
        let why = if self.data.pending_ids.contains(&id.value) {
            "a suggestion no one has accepted yet; accept it first (`dossier accept`)"
        } else {
            "not an item of this dataset; run `dossier items` to list them"
        };
        r.report(
            id.line,
            format!("`{field}` names '{}', which is {why}", id.value),
        );
        None
    }

    fn party(&self, r: &Record, id: &At<String>) -> Option<Side> {
        let side = Side::from_id(&id.value).filter(|s| self.data.parties.party(*s).is_some());
        if side.is_none() {
            r.report(
                id.line,
                format!(
                    "`owed_by` is '{}', which is not a party of this dataset: use {}",
                    id.value,
                    crate::text::and_list(
                        &self
                            .data
                            .parties
                            .iter()
                            .map(|p| p.id.as_str())
                            .collect::<Vec<_>>()
                    )
                ),
            );
        }
        side
    }

    fn topics(&self, r: &Record, list: Vec<At<String>>) -> Option<Vec<String>> {
        let mut ok = !list.is_empty();
        if list.is_empty() {
            r.report(r.line, "`topics` is empty; give at least one topic id, or leave the field out to take the opening item's".into());
        }
        for t in &list {
            if self.data.topic(&t.value).is_none() {
                r.report(
                    t.line,
                    format!("unknown topic '{}'; the topics are in topics.toml", t.value),
                );
                ok = false;
            }
        }
        ok.then(|| list.into_iter().map(|t| t.value).collect())
    }

    fn update(&self, u: &Record, opening: &Item) -> Option<Step> {
        let suggested = u.opt_bool("suggested").is_some_and(|s| s.value);
        let status = if suggested {
            u.opt_string("status")
        } else {
            u.string("status")
        };
        let evidence = u.string_list("evidence");
        let note = u.opt_string("note");
        u.finish(UPDATE_FIELDS);
        let status = status.and_then(|s| {
            let found = Status::from_id(&s.value);
            if found.is_none() {
                u.report(
                    s.line,
                    format!(
                        "`status` is '{}', which is not a status; use one of {}",
                        s.value,
                        Status::ids_in_words()
                    ),
                );
            }
            found
        });
        let evidence = evidence?;
        if evidence.is_empty() {
            u.report(u.line, "this update has no evidence: a status is only what an item of the dataset shows; list at least one item id in `evidence`".into());
            return None;
        }
        if status == Some(Status::NoInformation) {
            u.report(u.line, "an update cannot say `no-information`: a thread without updates already says so; remove the update".into());
            return None;
        }
        if suggested {
            let known = evidence.iter().all(|e| {
                self.items.contains_key(e.value.as_str())
                    || self.data.pending_ids.contains(&e.value)
            });
            if !known {
                u.report(u.line, "this proposed update names evidence that is neither an item nor a pending suggestion of this dataset".into());
            }
            return known
                .then(|| Step::Proposed(status, evidence.into_iter().map(|e| e.value).collect()));
        }
        let mut items: Vec<&Item> = Vec::new();
        for e in &evidence {
            let item = self.item(u, e, "evidence")?;
            if items.iter().any(|i| i.id == item.id) {
                u.report(
                    e.line,
                    format!("'{}' is listed twice in this update's evidence", e.value),
                );
                return None;
            }
            if let Err(why) = may_be_evidence(opening, item) {
                u.report(e.line, format!("'{}' {why}", e.value));
                return None;
            }
            items.push(item);
        }
        let status = status?;
        let (date, undated, reported_by) = dated(self.data, &items)?;
        Some(Step::Accepted(Update {
            date,
            undated,
            status,
            evidence: items.iter().map(|i| i.id.clone()).collect(),
            reported_by,
            note: note.map(|n| n.value),
        }))
    }
}

/// When a thread opened by `item` opens: the item's own date, or, for a
/// planned event, when it was reported (announced), not the date it is
/// planned for.
pub fn opened_on(item: &Item) -> crate::date::Date {
    if item.is_planned() {
        item.reported
    } else {
        item.when()
    }
}

/// Whether `item` may be evidence on the thread `opening` opened: not the
/// opening itself, and not dated before it. The error says why not.
pub fn may_be_evidence(opening: &Item, item: &Item) -> Result<(), String> {
    let opened = opened_on(opening);
    if item.id == opening.id {
        return Err("opened this thread; an update's evidence is what followed it".into());
    }
    if item.when().last_day() < opened.first_day() {
        return Err(format!(
            "is dated {}, before the item that opened this thread ({}, {opened}); an update cannot come before its opening",
            item.when(),
            opening.id
        ));
    }
    Ok(())
}

/// An update's date, whether that date is only when its evidence was
/// reported (undated evidence), and the sources that report the evidence
/// (each once, oldest first): from `items`, its evidence. `None` without
/// evidence.
pub fn dated(data: &Dataset, items: &[&Item]) -> Option<(crate::date::Date, bool, Vec<Report>)> {
    let latest = items
        .iter()
        .max_by_key(|i| (i.when().last_day(), i.date.is_some()))?;
    let mut reports: Vec<Report> = Vec::new();
    for c in items.iter().flat_map(|i| &i.citations) {
        if reports.iter().any(|r| r.source == c.source) {
            continue;
        }
        if let Some(s) = data.source(&c.source) {
            reports.push(Report {
                source: s.id.clone(),
                date: s.date,
            });
        }
    }
    reports.sort_by_key(|r| (r.date.first_day(), r.source.clone()));
    Some((latest.when(), latest.date.is_none(), reports))
}

enum Step {
    Accepted(Update),
    Proposed(Option<Status>, Vec<String>),
}

fn valid_label(r: &Record, label: &At<String>) -> bool {
    let chars = label.value.chars().count();
    if chars > MAX_LABEL_CHARS || label.value.contains('\n') {
        r.report(label.line, format!("the label is {chars} characters or runs over lines; a label is a few words on one line, at most {MAX_LABEL_CHARS} characters"));
        return false;
    }
    true
}

/// Whether `item` may open a thread: a call, a concern, a commitment, or a
/// planned event.
pub fn may_open(item: &Item) -> bool {
    match &item.detail {
        Detail::Statement { stance, .. } => matches!(
            stance,
            Some(Stance::CallsFor | Stance::Concern | Stance::Commits)
        ),
        Detail::Event { status, .. } => *status == EventStatus::Planned,
        Detail::Figure { .. } => false,
    }
}

/// What an item is, in words, for a message.
fn describe(item: &Item) -> String {
    match &item.detail {
        Detail::Statement { stance, .. } => match stance {
            Some(s) => format!("a statement whose stance is {}", s.id()),
            None => "a statement without a stance".into(),
        },
        Detail::Event { .. } => "an event that took place".into(),
        Detail::Figure { .. } => "a figure".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The problems `ledger` (the text of a ledger.toml) has against the
    /// default dataset, as `line: message`.
    fn problems(ledger: &str) -> Vec<String> {
        let mut files = DatasetFiles::embedded();
        files.files.retain(|(p, _)| p != LEDGER_FILE);
        files.files.push((LEDGER_FILE.into(), ledger.into()));
        let data = crate::dataset::load(&files).unwrap();
        match load(&files, &data) {
            Ok(_) => Vec::new(),
            Err(p) => p
                .list
                .iter()
                .map(|p| format!("{}: {}", p.line.unwrap_or(0), p.message))
                .collect(),
        }
    }

    const THREAD: &str = "[[thread]]\nid = \"thread-x\"\nlabel = \"Amend trafficking laws\"\nopened_by = \"zeya-2022-amend-trafficking-laws\"\nowed_by = \"kz\"\n";

    #[test]
    fn the_default_ledger_loads_with_its_threads_and_dated_updates() {
        let files = DatasetFiles::embedded();
        let data = crate::dataset::load(&files).unwrap();
        let (ledger, proposals) = load(&files, &data).unwrap();
        assert!(ledger.threads.len() >= 10, "{}", ledger.threads.len());
        assert!(proposals.is_empty());
        let t = ledger.thread("thread-trafficking-laws").unwrap();
        assert_eq!(t.opened.to_string(), "2022-04-11");
        assert_eq!(t.topics, ["trafficking"]);
        let u = &t.updates[0];
        assert_eq!(
            (u.status, u.date.to_string()),
            (Status::UnderWay, "2024".into())
        );
        assert_eq!(u.reported_by[0].source, "mfa-kz-factsheet-2025");
        // No update of the curated ledger claims more than part of an ask.
        assert!(
            ledger
                .threads
                .iter()
                .flat_map(|t| &t.updates)
                .all(|u| u.status != Status::Done)
        );
    }

    #[test]
    fn a_thread_without_updates_has_no_information_since_its_opening() {
        assert!(problems(THREAD).is_empty());
    }

    #[test]
    fn each_problem_is_named_with_its_line() {
        let text = format!(
            "{THREAD}\n[[thread.update]]\nstatus = \"finished\"\nevidence = [\"law-combating-human-trafficking-2024\"]\n\n[[thread.update]]\nstatus = \"done\"\nevidence = []\n\n[[thread.update]]\nstatus = \"done\"\nevidence = [\"no-such-item\"]\n\n[[thread.update]]\nstatus = \"done\"\nevidence = [\"drl-2010-urges-international-standards\"]\n\n[[thread]]\nid = \"thread-x\"\nlabel = \"Again\"\nopened_by = \"zeya-2022-abai-mirror\"\nowed_by = \"uz\"\nstaus = \"done\"\n"
        );
        let found = problems(&text);
        let expect = [
            "8: `status` is 'finished', which is not a status; use one of no-information, under-way, partly-done, done, reversed, declined",
            "13: `evidence` is empty; give at least one",
            "17: `evidence` names 'no-such-item', which is not an item of this dataset",
            "21: 'drl-2010-urges-international-standards' is dated 2010, before the item that opened this thread (zeya-2022-amend-trafficking-laws, 2022-04-11)",
            "24: duplicate thread id 'thread-x', first defined at line 2",
        ];
        for e in expect {
            assert!(found.iter().any(|f| f.starts_with(e)), "{e}\nin {found:#?}");
        }
        assert!(
            found
                .iter()
                .any(|f| f.starts_with("28: unknown field `staus`")),
            "{found:#?}"
        );
        let lines: Vec<usize> = found
            .iter()
            .map(|f| f.split(':').next().unwrap().parse().unwrap())
            .collect();
        assert!(lines.is_sorted(), "{lines:?}");
    }

    #[test]
    fn only_an_ask_a_concern_a_commitment_or_a_planned_event_opens_a_thread() {
        let text = THREAD.replace("zeya-2022-amend-trafficking-laws", "zeya-2022-abai-mirror");
        let found = problems(&text);
        assert!(
            found[0].starts_with("4: `opened_by` is 'zeya-2022-abai-mirror', which is a statement"),
            "{found:?}"
        );
        let planned = THREAD
            .replace(
                "zeya-2022-amend-trafficking-laws",
                "dialogue-2025-washington-planned",
            )
            .replace("\"kz\"", "\"us\"");
        assert!(problems(&planned).is_empty(), "{:?}", problems(&planned));
        let party = THREAD.replace("\"kz\"", "\"joint\"");
        assert!(problems(&party)[0].starts_with("5: `owed_by` is 'joint', which is not a party"));
    }

    #[test]
    fn a_proposal_waits_without_a_status_and_is_not_an_update() {
        let text = format!(
            "{THREAD}\n[[thread.update]]\nsuggested = true\nevidence = [\"law-combating-human-trafficking-2024\"]\n"
        );
        let mut files = DatasetFiles::embedded();
        files.files.retain(|(p, _)| p != LEDGER_FILE);
        files.files.push((LEDGER_FILE.into(), text));
        let data = crate::dataset::load(&files).unwrap();
        let (ledger, proposals) = load(&files, &data).unwrap();
        assert!(ledger.threads[0].updates.is_empty());
        assert_eq!(
            proposals[0].evidence,
            ["law-combating-human-trafficking-2024"]
        );
        assert_eq!(proposals[0].status, None);
    }
}
