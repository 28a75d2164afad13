//! Changing the follow-up ledger (`ledger.toml`): opening a thread from an
//! item, recording an update with its evidence, removing a thread, and
//! dropping the proposals ingest made. Each change is checked like every
//! other when it is saved ([`DatasetEdit::save`]): the dataset and its
//! ledger are loaded as they would be written, and a change that makes
//! either invalid is refused, whole.

use toml_edit::{DocumentMut, Item, Table};

use super::{DatasetEdit, EditError};
use crate::dataset::LEDGER_FILE;
use crate::dataset::{Dataset, Detail, Parties, Side};
use crate::ledger::{MAX_LABEL_CHARS, Status, file, may_open};
use crate::text::slug;

/// What `dossier ledger open` and the app's **Track…** give.
#[derive(Debug, Clone, Default)]
pub struct NewThread {
    /// The item that opens it.
    pub item: String,
    /// Its label; a planned event's own label when not given.
    pub label: Option<String>,
    /// The party that owes action; found from the item when it settles it.
    pub owed_by: Option<String>,
}

impl DatasetEdit {
    /// The ledger as being edited (an empty one when the dataset has none).
    fn ledger_mut(&mut self) -> &mut DocumentMut {
        &mut self
            .files
            .entry(LEDGER_FILE.to_string())
            .or_insert_with(|| (String::new(), DocumentMut::new()))
            .1
    }

    fn thread_mut(&mut self, id: &str) -> Result<&mut Table, EditError> {
        self.files
            .get_mut(LEDGER_FILE)
            .and_then(|(_, doc)| file::thread_mut(doc, id))
            .ok_or_else(|| {
                EditError::Field(format!(
                    "the ledger has no thread '{id}'; run `dossier ledger` to list them"
                ))
            })
    }

    /// The ids of the ledger's threads, as the files stand.
    pub fn thread_ids(&self) -> Vec<String> {
        self.files
            .get(LEDGER_FILE)
            .map(|(_, doc)| file::thread_ids(doc))
            .unwrap_or_default()
    }

    /// Opens a thread from an item of `data` (the dataset as loaded from
    /// these files); returns its new id.
    pub fn open_thread(&mut self, data: &Dataset, new: &NewThread) -> Result<String, EditError> {
        let item = data
            .items
            .iter()
            .find(|i| i.id == new.item)
            .ok_or_else(|| {
                EditError::Field(format!(
                    "the dataset has no item '{}'; run `dossier items` to list them",
                    new.item
                ))
            })?;
        if !may_open(item) {
            return Err(EditError::Field(format!(
                "'{}' cannot open a thread: a thread follows a call, a concern or a commitment (a statement with that stance) or a planned event; set its stance first (`dossier edit {} --stance calls-for`)",
                item.id, item.id
            )));
        }
        let label = match (&new.label, &item.detail) {
            (Some(l), _) => l.trim().to_string(),
            (None, Detail::Event { label, .. }) => label.clone(),
            (None, _) => {
                return Err(EditError::Field(
                    "give the thread a label: a few neutral words naming the ask or promise (--label \"Amend the trafficking laws\")".into(),
                ));
            }
        };
        if label.is_empty() || label.chars().count() > MAX_LABEL_CHARS || label.contains('\n') {
            return Err(EditError::Field(format!(
                "a label is a few words on one line, at most {MAX_LABEL_CHARS} characters"
            )));
        }
        let parties = crate::text::and_list(
            &data
                .parties
                .iter()
                .map(|p| p.id.as_str())
                .collect::<Vec<_>>(),
        );
        let owed_by = match &new.owed_by {
            Some(p) => p.clone(),
            None => owed_by_of(item).ok_or_else(|| {
                EditError::Field(format!(
                    "who owes action on '{}' is unclear from the item; say which party does (--owed-by: {parties})",
                    item.id
                ))
            })?,
        };
        let is_party = Side::from_id(&owed_by).is_some_and(|s| data.parties.party(s).is_some());
        if !is_party {
            return Err(EditError::Field(format!(
                "'{owed_by}' is not a party of this dataset; the parties are {parties}"
            )));
        }
        let taken = self.thread_ids();
        let base: String = format!("thread-{}", slug(&label))
            .chars()
            .take(crate::limits::MAX_ID_CHARS - 3)
            .collect();
        let base = base.trim_end_matches('-').to_string();
        let id = (1..)
            .map(|n| {
                if n == 1 {
                    base.clone()
                } else {
                    format!("{base}-{n}")
                }
            })
            .find(|id| !taken.contains(id))
            .expect("an unused id");
        file::push_thread(self.ledger_mut(), &id, &label, &item.id, &owed_by);
        Ok(id)
    }

    /// Records an update on `thread`: a status and the items that show it,
    /// with the drafter's note if any. A proposal of the same evidence
    /// (from ingest) is replaced by it.
    pub fn update_thread(
        &mut self,
        thread: &str,
        status: Status,
        evidence: &[String],
        note: Option<&str>,
    ) -> Result<(), EditError> {
        if evidence.is_empty() {
            return Err(EditError::Field(
                "an update needs evidence: the id of at least one item that shows the status (--evidence ITEM)".into(),
            ));
        }
        if status == Status::NoInformation {
            return Err(EditError::Field(
                "`no-information` is what a thread without updates says; an update records what an item shows (under-way, partly-done, done, reversed or declined)".into(),
            ));
        }
        let t = self.thread_mut(thread)?;
        file::drop_proposals(t, |proposed| proposed.iter().all(|e| evidence.contains(e)));
        file::push_update(t, Some(status), evidence, note);
        Ok(())
    }

    /// Removes `thread` and its updates.
    pub fn remove_thread(&mut self, thread: &str) -> Result<(), EditError> {
        self.thread_mut(thread)?;
        let doc = self.ledger_mut();
        let array = file::threads_mut(doc).expect("found above");
        array.retain(|t| t.get("id").and_then(Item::as_str) != Some(thread));
        if array.is_empty() {
            doc.remove("thread");
        }
        Ok(())
    }

    /// Drops every proposal that names `item` (a rejected suggestion), or
    /// only those of `thread`.
    pub fn drop_proposals(&mut self, item: &str, thread: Option<&str>) {
        let Some(threads) = self
            .files
            .get_mut(LEDGER_FILE)
            .and_then(|(_, d)| file::threads_mut(d))
        else {
            return;
        };
        for t in threads.iter_mut() {
            if thread.is_none_or(|id| t.get("id").and_then(Item::as_str) == Some(id)) {
                file::drop_proposals(t, |evidence| evidence.iter().any(|e| e == item));
            }
        }
    }
}

/// Who owes action on `item`, where the item settles it: a commitment is
/// owed by the party that made it. Whom a call or a concern is addressed to
/// (the other party, a council, a third state) the item does not say, so
/// it is unclear (`None`) and a person chooses.
pub fn owed_by_of(item: &crate::dataset::Item) -> Option<String> {
    match &item.detail {
        Detail::Statement {
            side: side @ Side::Party(_),
            stance: Some(crate::dataset::Stance::Commits),
            ..
        } => Some(side.id().to_string()),
        _ => None,
    }
}
