//! Editing a dataset folder in place: accepting and rejecting suggestions,
//! editing records and adding items and speakers ([`record`]), through
//! `toml_edit`, so that comments, key order and the interleaving of
//! `[[statement]]` and `[[event]]` tables are kept byte for byte. Every
//! change is checked by loading the edited dataset before anything is
//! written, and each file is written atomically: an edit that would make
//! the dataset invalid is refused, whole. A file changed on disk since it
//! was read is never overwritten, and a saved change can be undone
//! ([`Saved::undo`]). The CLI and the app both edit through this module.

pub mod ledger;
pub mod record;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use toml_edit::{DocumentMut, Item, Value};

use crate::dataset::{DatasetFiles, Problems};
use crate::date::Date;
use crate::limits::{MAX_DATASET_FILE, read_to_string_at_most};
use crate::transaction::{ChangeError, FileChange, ReadLock, WriteLock};

/// Why an edit was refused.
#[derive(Debug, thiserror::Error)]
pub enum EditError {
    /// No pending suggestion has this id.
    #[error("there is no pending suggestion '{0}'; run `dossier review` to list them")]
    NotFound(String),
    /// A file could not be read or written.
    #[error("{0}: {1}")]
    Io(String, std::io::Error),
    /// A file could not be read, or is larger than Dossier reads
    /// (README, "Limits").
    #[error("{0}: is not read: {1}")]
    Read(String, crate::limits::LimitedReadError),
    /// A file is not valid TOML (so it cannot be edited safely).
    #[error("{0} is not valid TOML ({1}); fix it with `dossier check` first")]
    Syntax(String, String),
    /// The dataset is invalid, or the edit would make it so; nothing was
    /// written (the problems say which).
    #[error("{0}")]
    Invalid(Problems),
    /// No record of the dataset has this id.
    #[error("the dataset has no record '{0}'")]
    NoRecord(String),
    /// A field's value cannot be written.
    #[error("{0}")]
    Field(String),
    /// A suggestion leaves fields open that a person must set before it
    /// can become data.
    #[error(
        "suggestion '{0}' cannot be accepted yet: its {fields} {verb} unclear in the text; set {them} first (`dossier edit {0} {flags}`, or the app's editor)",
        fields = .1.join(" and "),
        verb = if .1.len() == 1 { "is" } else { "are" },
        them = if .1.len() == 1 { "it" } else { "them" },
        flags = unclear_flags(.1)
    )]
    Unclear(String, Vec<String>),
    /// Files changed on disk since they were read (another editor, a `git
    /// pull`): writing would overwrite that change.
    #[error(
        "{} changed on disk since Dossier read {}; nothing was written, so that change is kept",
        .0.join(", "),
        if .0.len() == 1 { "it" } else { "them" }
    )]
    ChangedOnDisk(Vec<String>),
    /// Another Dossier held the dataset's lock too long, or the change
    /// could not be written.
    #[error("{0}")]
    Change(#[from] ChangeError),
}

/// What a save wrote, file by file, so that it can be undone.
#[derive(Debug, Clone, Default)]
pub struct Saved {
    dir: PathBuf,
    /// Relative path, text before (`None`: a new file), text after.
    files: Vec<(String, Option<String>, String)>,
}

impl Saved {
    /// The relative paths written.
    pub fn paths(&self) -> Vec<String> {
        self.files.iter().map(|(rel, _, _)| rel.clone()).collect()
    }

    /// Puts the files back as they were before the save, if they are still
    /// as it left them (else [`EditError::ChangedOnDisk`]) and the dataset
    /// is valid that way. Returns what the undo wrote (undoing it redoes).
    pub fn undo(&self) -> Result<Saved, EditError> {
        let lock = WriteLock::acquire(&self.dir)?;
        let mut all = DatasetFiles::read_locked(&lock).map_err(EditError::Invalid)?;
        let moved: Vec<String> = self
            .files
            .iter()
            .filter(|(rel, _, after)| all.get(rel) != Some(after.as_str()))
            .map(|(rel, _, _)| rel.clone())
            .collect();
        if !moved.is_empty() {
            return Err(EditError::ChangedOnDisk(moved));
        }
        for (rel, before, _) in &self.files {
            match before {
                Some(text) => {
                    if let Some(slot) = all.files.iter_mut().find(|(p, _)| p == rel) {
                        slot.1 = text.clone();
                    }
                }
                None => all.files.retain(|(p, _)| p != rel),
            }
        }
        let data = crate::dataset::load(&all).map_err(refused)?;
        crate::ledger::load(&all, &data).map_err(refused)?;
        let changes: Vec<FileChange> = self
            .files
            .iter()
            .map(|(rel, before, _)| match before {
                Some(text) => FileChange::Write(rel.clone(), text.clone()),
                None => FileChange::Remove(rel.clone()),
            })
            .collect();
        lock.commit(&changes)?;
        Ok(Saved {
            dir: self.dir.clone(),
            files: self
                .files
                .iter()
                .map(|(rel, before, after)| {
                    (
                        rel.clone(),
                        Some(after.clone()),
                        before.clone().unwrap_or_default(),
                    )
                })
                .collect(),
        })
    }
}

/// The files of `now` that differ from `then` (changed, added or removed).
pub fn changed_files(then: &DatasetFiles, now: &DatasetFiles) -> Vec<String> {
    fn by_path(files: &DatasetFiles) -> std::collections::HashMap<&str, &str> {
        files
            .files
            .iter()
            .map(|(rel, text)| (rel.as_str(), text.as_str()))
            .collect()
    }
    let (then_map, now_map) = (by_path(then), by_path(now));
    let mut out: Vec<String> = then
        .files
        .iter()
        .filter(|(rel, text)| now_map.get(rel.as_str()) != Some(&text.as_str()))
        .map(|(rel, _)| rel.clone())
        .chain(
            now.files
                .iter()
                .filter(|(rel, _)| !then_map.contains_key(rel.as_str()))
                .map(|(rel, _)| rel.clone()),
        )
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The record tables an id may name: a source file's, then people.toml's.
const TABLES: [&str; 6] = [
    "statement",
    "figure",
    "event",
    "also",
    "person",
    "institution",
];

/// A pending suggestion as `dossier review` lists it.
#[derive(Debug, Clone)]
pub struct PendingRecord {
    /// The file it is in, relative to the dataset folder.
    pub file: String,
    /// The source it belongs to (`None` for a person or institution).
    pub source: Option<String>,
    /// `statement`, `figure`, `event`, `corroboration`, `person` or `institution`.
    pub kind: String,
    /// Its id.
    pub id: String,
    /// Its quote, if it has one.
    pub quote: Option<String>,
    /// Its other fields, as written.
    pub fields: Vec<(String, String)>,
    /// The fields the text does not settle (`speaker`, `date`): it cannot
    /// be accepted until a person sets them.
    pub unclear: Vec<String>,
}

/// The `dossier edit` flags that settle the unclear `fields`.
fn unclear_flags(fields: &[String]) -> String {
    fields
        .iter()
        .map(|f| match f.as_str() {
            "speaker" => "--speaker ID --side SIDE",
            "date" => "--date DATE",
            _ => "",
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The fields a record's `unclear` list names.
pub(crate) fn unclear_of(t: &toml_edit::Table) -> Vec<String> {
    record::texts(t, "unclear")
}

/// Open files of a dataset folder being edited.
pub struct DatasetEdit {
    dir: PathBuf,
    /// Relative path → (text as read, document being edited).
    files: BTreeMap<String, (String, DocumentMut)>,
    /// The dataset's lock, held from the reading to the saving when the
    /// edit was opened for a change.
    lock: Option<WriteLock>,
}

/// Where a record stands: its file, its table array and its index there.
#[derive(Debug, Clone)]
struct Place {
    file: String,
    table: String,
    index: usize,
}

impl DatasetEdit {
    /// Opens the TOML files of the dataset in `dir`, to look at them. A
    /// change made to them is checked again when it is saved: if another
    /// writer changed a file meanwhile, the save is refused.
    pub fn open(dir: &Path) -> Result<DatasetEdit, EditError> {
        let _shared = ReadLock::acquire(dir)?;
        DatasetEdit::read(dir, None)
    }

    /// Opens the dataset in `dir` for a change: takes the dataset's lock
    /// (waiting for another writer to finish), then reads it, so that the
    /// change is made to the files as they are and no other writer comes
    /// between the reading and the saving.
    pub fn open_for_change(dir: &Path) -> Result<DatasetEdit, EditError> {
        let lock = WriteLock::acquire(dir)?;
        DatasetEdit::read(dir, Some(lock))
    }

    /// Opens the dataset in `dir` for a change, as [`Self::open_for_change`],
    /// refusing if any of its files differs from `as_read` (the files the
    /// caller read and shows).
    pub fn open_as_read(dir: &Path, as_read: &DatasetFiles) -> Result<DatasetEdit, EditError> {
        let lock = WriteLock::acquire(dir)?;
        let now = DatasetFiles::read_locked(&lock).map_err(EditError::Invalid)?;
        let changed = changed_files(as_read, &now);
        if !changed.is_empty() {
            return Err(EditError::ChangedOnDisk(changed));
        }
        DatasetEdit::read(dir, Some(lock))
    }

    fn read(dir: &Path, lock: Option<WriteLock>) -> Result<DatasetEdit, EditError> {
        let mut files = BTreeMap::new();
        let mut names = vec!["people.toml".to_string()];
        let sources = dir.join("sources");
        let entries = std::fs::read_dir(&sources)
            .map_err(|e| EditError::Io(sources.display().to_string(), e))?;
        let mut source_names: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| !n.starts_with('.') && n.ends_with(".toml"))
            .map(|n| format!("sources/{n}"))
            .collect();
        source_names.sort();
        names.extend(source_names);
        if std::fs::symlink_metadata(dir.join(crate::dataset::LEDGER_FILE)).is_ok() {
            names.push(crate::dataset::LEDGER_FILE.to_string());
        }
        let mut texts = BTreeMap::new();
        for rel in names {
            let path = dir.join(&rel);
            // The folder is a closed world: no link out of it is read.
            for link in [dir.join("sources"), path.clone()] {
                if let Some(outside) = DatasetFiles::link_outside(dir, &link) {
                    return Err(EditError::Io(
                        link.display().to_string(),
                        std::io::Error::other(format!(
                            "is a link to {}, outside the dataset folder; Dossier reads only files inside it",
                            outside.display()
                        )),
                    ));
                }
            }
            let text = read_to_string_at_most(&path, MAX_DATASET_FILE)
                .map_err(|e| EditError::Read(path.display().to_string(), e))?;
            texts.insert(rel, text);
        }
        // A change a killed writer left unfinished is seen as made.
        for (rel, text) in crate::transaction::unfinished(dir) {
            let editable = rel == "people.toml"
                || rel == crate::dataset::LEDGER_FILE
                || (rel.starts_with("sources/") && rel.ends_with(".toml"));
            match text {
                Some(text) if editable => {
                    texts.insert(rel, text);
                }
                _ => {
                    texts.remove(&rel);
                }
            }
        }
        for (rel, text) in texts {
            let path = dir.join(&rel);
            let doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
                EditError::Syntax(path.display().to_string(), e.message().to_string())
            })?;
            files.insert(rel, (text, doc));
        }
        Ok(DatasetEdit {
            dir: dir.to_path_buf(),
            files,
            lock,
        })
    }

    /// Whether the dataset has a source with this id.
    pub fn has_source(&self, id: &str) -> bool {
        self.files.contains_key(&format!("sources/{id}.toml"))
    }

    /// Every record marked `suggested = true`, by file, each file's in the
    /// order they stand.
    pub fn pending(&self) -> Vec<PendingRecord> {
        let mut out = Vec::new();
        for (rel, (_, doc)) in &self.files {
            let source = rel
                .strip_prefix("sources/")
                .and_then(|r| r.strip_suffix(".toml"))
                .map(str::to_string);
            let mut here = Vec::new();
            for table in TABLES {
                let Some(array) = doc.get(table).and_then(Item::as_array_of_tables) else {
                    continue;
                };
                for t in array.iter().filter(|t| is_suggested(t)) {
                    let Some(id) = t.get("id").and_then(Item::as_str) else {
                        continue;
                    };
                    let fields = t
                        .iter()
                        .filter(|(k, _)| !["id", "quote", "suggested", "unclear"].contains(k))
                        .map(|(k, v)| (k.to_string(), v.to_string().trim().to_string()))
                        .collect();
                    let position = t.position().unwrap_or(isize::MAX);
                    here.push((
                        position,
                        PendingRecord {
                            file: rel.clone(),
                            source: source.clone(),
                            kind: if table == "also" {
                                "corroboration"
                            } else {
                                table
                            }
                            .to_string(),
                            id: id.to_string(),
                            quote: t.get("quote").and_then(Item::as_str).map(str::to_string),
                            fields,
                            unclear: unclear_of(t),
                        },
                    ));
                }
            }
            here.sort_by_key(|(p, _)| *p);
            out.extend(here.into_iter().map(|(_, r)| r));
        }
        out
    }

    fn find(&self, id: &str, suggested_only: bool) -> Option<Place> {
        for (rel, (_, doc)) in &self.files {
            for table in TABLES {
                let Some(array) = doc.get(table).and_then(Item::as_array_of_tables) else {
                    continue;
                };
                if let Some(index) = array.iter().position(|t| {
                    t.get("id").and_then(Item::as_str) == Some(id)
                        && (!suggested_only || is_suggested(t))
                }) {
                    return Some(Place {
                        file: rel.clone(),
                        table: table.to_string(),
                        index,
                    });
                }
            }
        }
        None
    }

    fn table_mut(&mut self, place: &Place) -> &mut toml_edit::Table {
        let doc = &mut self.files.get_mut(&place.file).expect("found above").1;
        doc.get_mut(&place.table)
            .and_then(Item::as_array_of_tables_mut)
            .and_then(|a| a.get_mut(place.index))
            .expect("found above")
    }

    /// Accepts a pending suggestion: it becomes data, noting when and by
    /// whom. A suggested person it names as speaker or participant is
    /// accepted with it.
    pub fn accept(&mut self, id: &str, by: &str, on: Date) -> Result<(), EditError> {
        let place = self
            .find(id, true)
            .ok_or_else(|| EditError::NotFound(id.to_string()))?;
        let table = self.table_mut(&place);
        let unclear = unclear_of(table);
        if !unclear.is_empty() {
            return Err(EditError::Unclear(id.to_string(), unclear));
        }
        table.remove("suggested");
        table.insert("accepted", toml_edit::value(on.to_string()));
        table.insert("accepted_by", toml_edit::value(by));
        if place.table == "also" {
            // A second report joins its item: it is no item of its own to
            // be evidence.
            self.drop_proposals(id, None);
        }
        let table = self.table_mut(&place);
        let mut named: Vec<String> = Vec::new();
        if let Some(s) = table.get("speaker").and_then(Item::as_str) {
            named.push(s.to_string());
        }
        if let Some(list) = table.get("participants").and_then(Item::as_array) {
            named.extend(list.iter().filter_map(Value::as_str).map(str::to_string));
        }
        for person in named {
            if let Some(p) = self.find(&person, true)
                && (p.table == "person" || p.table == "institution")
            {
                let t = self.table_mut(&p);
                t.remove("suggested");
                t.insert("accepted", toml_edit::value(on.to_string()));
                t.insert("accepted_by", toml_edit::value(by));
            }
        }
        Ok(())
    }

    /// Accepts every pending record of `source` (of every source with
    /// `None`) except those whose speaker or date is unclear, which wait
    /// for a person to set them: the CLI's `accept --all` and the app's
    /// "Accept all remaining". Returns the ids accepted and how many it
    /// left.
    pub fn accept_all(
        &mut self,
        source: Option<&str>,
        by: &str,
        on: Date,
    ) -> Result<(Vec<String>, usize), EditError> {
        let (open, ready): (Vec<_>, Vec<_>) = self
            .pending()
            .into_iter()
            .filter(|p| p.kind != "person" && p.kind != "institution")
            .filter(|p| source.is_none_or(|s| p.source.as_deref() == Some(s)))
            .partition(|p| !p.unclear.is_empty());
        let ids: Vec<String> = ready.into_iter().map(|p| p.id).collect();
        for id in &ids {
            self.accept(id, by, on)?;
        }
        Ok((ids, open.len()))
    }

    /// Rejects a pending suggestion: its record is removed.
    pub fn reject(&mut self, id: &str) -> Result<(), EditError> {
        let place = self
            .find(id, true)
            .ok_or_else(|| EditError::NotFound(id.to_string()))?;
        let doc = &mut self.files.get_mut(&place.file).expect("found").1;
        let array = doc
            .get_mut(&place.table)
            .and_then(Item::as_array_of_tables_mut)
            .expect("found");
        array.remove(place.index);
        if array.is_empty() {
            doc.remove(&place.table);
        }
        self.drop_proposals(id, None);
        self.drop_orphan_suggested_people();
        Ok(())
    }

    /// Removes suggested people and institutions that no record names any
    /// more (their only statement was rejected).
    fn drop_orphan_suggested_people(&mut self) {
        let mut named = std::collections::HashSet::new();
        for (_, doc) in self.files.values() {
            for table in ["statement", "event"] {
                let Some(array) = doc.get(table).and_then(Item::as_array_of_tables) else {
                    continue;
                };
                for t in array.iter() {
                    if let Some(s) = t.get("speaker").and_then(Item::as_str) {
                        named.insert(s.to_string());
                    }
                    if let Some(list) = t.get("participants").and_then(Item::as_array) {
                        named.extend(list.iter().filter_map(Value::as_str).map(str::to_string));
                    }
                }
            }
        }
        let Some((_, people)) = self.files.get_mut("people.toml") else {
            return;
        };
        for table in ["person", "institution"] {
            if let Some(array) = people.get_mut(table).and_then(Item::as_array_of_tables_mut) {
                array.retain(|t| {
                    !is_suggested(t)
                        || t.get("id")
                            .and_then(Item::as_str)
                            .is_some_and(|id| named.contains(id))
                });
            }
        }
    }

    /// The dataset as these files would make it, with the changes made so
    /// far: for a change that needs the items (opening a thread).
    pub fn dataset(&self) -> Result<crate::dataset::Dataset, EditError> {
        let mut all = match &self.lock {
            Some(lock) => DatasetFiles::read_locked(lock),
            None => DatasetFiles::read_dir(&self.dir),
        }
        .map_err(EditError::Invalid)?;
        for (rel, (_, doc)) in &self.files {
            let text = doc.to_string();
            match all.files.iter_mut().find(|(p, _)| p == rel) {
                Some(slot) => slot.1 = text,
                None => all.files.push((rel.clone(), text)),
            }
        }
        crate::dataset::load(&all).map_err(EditError::Invalid)
    }

    /// The files as they would be written: relative path and text.
    pub fn texts(&self) -> Vec<(String, String)> {
        self.files
            .iter()
            .map(|(rel, (_, doc))| (rel.clone(), doc.to_string()))
            .collect()
    }

    /// Checks the edited dataset and writes the files that changed, each
    /// atomically. Refused, with nothing written, if the dataset would be
    /// invalid, if a suggestion the edit touched would gain a problem, or if
    /// a file to be written changed on disk since it was opened.
    pub fn save(mut self) -> Result<Saved, EditError> {
        let lock = match self.lock.take() {
            Some(lock) => lock,
            None => WriteLock::acquire(&self.dir)?,
        };
        let mut all = DatasetFiles::read_locked(&lock).map_err(EditError::Invalid)?;
        let changed: Vec<(String, String, String)> = self
            .files
            .iter()
            .map(|(rel, (old, doc))| (rel.clone(), old.clone(), doc.to_string()))
            .filter(|(_, old, new)| old != new)
            .collect();
        let moved: Vec<String> = changed
            .iter()
            .filter(|(rel, old, _)| all.get(rel).unwrap_or_default() != old.as_str())
            .map(|(rel, _, _)| rel.clone())
            .collect();
        if !moved.is_empty() {
            return Err(EditError::ChangedOnDisk(moved));
        }
        let before = crate::dataset::load(&all).ok();
        for (rel, _, text) in &changed {
            match all.files.iter_mut().find(|(p, _)| p == rel) {
                Some(slot) => slot.1 = text.clone(),
                None => all.files.push((rel.clone(), text.clone())),
            }
        }
        let after = crate::dataset::load(&all).map_err(refused)?;
        crate::ledger::load(&all, &after).map_err(refused)?;
        let new_problems = new_pending_problems(before.as_ref(), &after, &changed);
        if !new_problems.is_empty() {
            return Err(refused(Problems::dataset(&all.root, new_problems)));
        }
        let writes: Vec<FileChange> = changed
            .iter()
            .map(|(rel, _, text)| FileChange::Write(rel.clone(), text.clone()))
            .collect();
        lock.commit(&writes)?;
        Ok(Saved {
            dir: self.dir.clone(),
            files: changed
                .into_iter()
                .map(|(rel, old, text)| (rel, Some(old), text))
                .collect(),
        })
    }
}

/// The problems a change would cause: it is refused.
fn refused(problems: Problems) -> EditError {
    let origin = match problems.origin {
        crate::dataset::Origin::Dataset(root) => crate::dataset::Origin::Change(root),
        other => other,
    };
    EditError::Invalid(Problems { origin, ..problems })
}

/// Problems of pending suggestions in the files an edit changes that the
/// dataset did not have before it (compared without line numbers, which an
/// edit shifts).
fn new_pending_problems(
    before: Option<&crate::dataset::Dataset>,
    after: &crate::dataset::Dataset,
    changed: &[(String, String, String)],
) -> Vec<crate::dataset::Problem> {
    let had: Vec<(&str, &str)> = before
        .map(|d| {
            d.pending_problems
                .iter()
                .map(|p| (p.file.as_str(), p.message.as_str()))
                .collect()
        })
        .unwrap_or_default();
    after
        .pending_problems
        .iter()
        .filter(|p| {
            changed
                .iter()
                .any(|(rel, _, _)| p.file.ends_with(rel.as_str()))
        })
        .filter(|p| !had.contains(&(p.file.as_str(), p.message.as_str())))
        .cloned()
        .collect()
}

fn is_suggested(t: &toml_edit::Table) -> bool {
    t.get("suggested").and_then(Item::as_bool) == Some(true)
}

/// The login name of the person running Dossier, for `accepted_by`.
pub fn user_name() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .unwrap_or_else(|| "unknown".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_toml_file_of_the_default_dataset_round_trips_byte_for_byte() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .chain(std::fs::read_dir(dir.join("sources")).unwrap())
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        files.sort();
        assert!(files.len() >= 9, "{files:?}");
        for path in files {
            let text = std::fs::read_to_string(&path).unwrap();
            let doc: DocumentMut = text.parse().unwrap();
            assert_eq!(doc.to_string(), text, "{}", path.display());
        }
    }

    const SOURCE: &str = r#"# A source with comments and interleaved tables.
[source]
title = "Note"
publisher = "Desk"
date = "2025-01-02"
kind = "readout"

# The first suggestion.
[[statement]]
id = "s-one"
suggested = true
speaker = "kz-mfa"   # the ministry
side = "kz"
topics = ["dialogue"]
quote = "The ministry met the delegation."

[[event]]
id = "e-one"
suggested = true
label = "Meeting held"
topics = ["dialogue"]
quote = "The ministry met the delegation."

[[statement]]
id = "s-two"
suggested = true
speaker = "kz-mfa"
side = "kz"
topics = ["dialogue"]
quote = "It was useful."
"#;

    #[test]
    fn accept_and_reject_change_only_their_records() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("d");
        crate::init::init(&dir, &crate::init::Start::Copy).unwrap();
        std::fs::write(dir.join("sources/note.toml"), SOURCE).unwrap();
        std::fs::write(
            dir.join("sources/note.txt"),
            "The ministry met the delegation. It was useful.\n",
        )
        .unwrap();
        let mut edit = DatasetEdit::open(&dir).unwrap();
        assert_eq!(
            edit.pending()
                .iter()
                .map(|p| p.id.as_str())
                .collect::<Vec<_>>(),
            ["s-one", "e-one", "s-two"],
            "in the order they stand"
        );
        edit.accept("s-one", "ana", "2026-11-29".parse().unwrap())
            .unwrap();
        edit.reject("e-one").unwrap();
        assert!(matches!(
            edit.accept("nope", "ana", "2026-11-29".parse().unwrap()),
            Err(EditError::NotFound(_))
        ));
        let written = edit.save().unwrap();
        assert_eq!(written.paths(), ["sources/note.toml"]);
        let expected = SOURCE
            .replace(
                "id = \"s-one\"\nsuggested = true\n",
                "id = \"s-one\"\n",
            )
            .replace(
                "quote = \"The ministry met the delegation.\"\n\n[[event]]\nid = \"e-one\"\nsuggested = true\nlabel = \"Meeting held\"\ntopics = [\"dialogue\"]\nquote = \"The ministry met the delegation.\"\n",
                "quote = \"The ministry met the delegation.\"\naccepted = \"2026-11-29\"\naccepted_by = \"ana\"\n",
            );
        assert_eq!(
            std::fs::read_to_string(dir.join("sources/note.toml")).unwrap(),
            expected
        );
    }

    #[test]
    fn every_file_of_the_default_dataset_reads_and_writes_back_unchanged() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
        let edit = DatasetEdit::open(&dir).unwrap();
        assert!(edit.files.len() >= 6);
        for (rel, (old, doc)) in &edit.files {
            assert_eq!(&doc.to_string(), old, "{rel} changed on a round trip");
        }
    }

    #[test]
    fn a_dataset_file_over_the_limit_is_refused_unread() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("d");
        crate::init::init(&dir, &crate::init::Start::Copy).unwrap();
        let huge = dir.join("sources/huge.toml");
        // Sparse: no disk, and 100 MiB of memory if it were read.
        std::fs::File::create(&huge)
            .unwrap()
            .set_len(100 * 1024 * 1024)
            .unwrap();
        let Err(e) = DatasetEdit::open(&dir) else {
            panic!("a 100 MiB file was read")
        };
        assert_eq!(
            e.to_string(),
            format!(
                "{}: is not read: it is 100.0 MiB, and Dossier reads files of this kind up to 64.0 MiB",
                huge.display()
            )
        );
    }
}
