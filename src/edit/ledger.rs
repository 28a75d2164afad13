//! Changing the follow-up ledger (`ledger.toml`): opening a thread from an
//! item, recording an update with its evidence, removing a thread, and
//! dropping the proposals ingest made. Each change is checked like every
//! other when it is saved ([`DatasetEdit::save`]): the dataset and its
//! ledger are loaded as they would be written, and a change that makes
//! either invalid is refused, whole.

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, value};

use super::{DatasetEdit, EditError};
use crate::dataset::LEDGER_FILE;
use crate::dataset::{Dataset, Detail, Parties, Side};
use crate::ledger::{MAX_LABEL_CHARS, Status, may_open};
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

    fn threads_mut(&mut self) -> Option<&mut ArrayOfTables> {
        self.files
            .get_mut(LEDGER_FILE)?
            .1
            .get_mut("thread")
            .and_then(Item::as_array_of_tables_mut)
    }

    fn thread_mut(&mut self, id: &str) -> Result<&mut Table, EditError> {
        self.threads_mut()
            .and_then(|a| {
                a.iter_mut()
                    .find(|t| t.get("id").and_then(Item::as_str) == Some(id))
            })
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
            .and_then(|(_, d)| d.get("thread"))
            .and_then(Item::as_array_of_tables)
            .map(|a| {
                a.iter()
                    .filter_map(|t| t.get("id").and_then(Item::as_str).map(str::to_string))
                    .collect()
            })
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
        let owed_by = match &new.owed_by {
            Some(p) => p.clone(),
            None => owed_by_of(data, item).ok_or_else(|| {
                EditError::Field(format!(
                    "who owes action on '{}' is unclear from the item; give it (--owed-by {})",
                    item.id,
                    data.parties
                        .iter()
                        .map(|p| p.id.as_str())
                        .collect::<Vec<_>>()
                        .join(" or --owed-by ")
                ))
            })?,
        };
        if data
            .parties
            .party(Side::from_id(&owed_by).unwrap_or(Side::Other))
            .is_none()
        {
            return Err(EditError::Field(format!(
                "'{owed_by}' is not a party of this dataset; the parties are {}",
                crate::text::and_list(
                    &data
                        .parties
                        .iter()
                        .map(|p| p.id.as_str())
                        .collect::<Vec<_>>()
                )
            )));
        }
        let taken = self.thread_ids();
        let base = format!("thread-{}", slug(&label));
        let base: String = base.chars().take(crate::limits::MAX_ID_CHARS - 3).collect();
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
        let mut t = Table::new();
        t.insert("id", value(&id));
        t.insert("label", value(&label));
        t.insert("opened_by", value(&item.id));
        t.insert("owed_by", value(&owed_by));
        let doc = self.ledger_mut();
        match doc.get_mut("thread").and_then(Item::as_array_of_tables_mut) {
            Some(array) => array.push(t),
            None => {
                let mut array = ArrayOfTables::new();
                array.push(t);
                doc.insert("thread", Item::ArrayOfTables(array));
            }
        }
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
        let mut u = Table::new();
        u.insert("status", value(status.id()));
        let mut list = Array::new();
        for e in evidence {
            list.push(e.as_str());
        }
        u.insert("evidence", value(list));
        if let Some(n) = note.map(str::trim).filter(|n| !n.is_empty()) {
            u.insert("note", value(n));
        }
        let updates = match t.get_mut("update").and_then(Item::as_array_of_tables_mut) {
            Some(a) => a,
            None => {
                t.insert("update", Item::ArrayOfTables(ArrayOfTables::new()));
                t.get_mut("update")
                    .and_then(Item::as_array_of_tables_mut)
                    .expect("just inserted")
            }
        };
        updates
            .retain(|x| !(is_proposal(x) && evidence_of(x).iter().all(|e| evidence.contains(e))));
        updates.push(u);
        Ok(())
    }

    /// Removes `thread` and its updates.
    pub fn remove_thread(&mut self, thread: &str) -> Result<(), EditError> {
        self.thread_mut(thread)?;
        let array = self.threads_mut().expect("found above");
        array.retain(|t| t.get("id").and_then(Item::as_str) != Some(thread));
        if array.is_empty() {
            self.ledger_mut().remove("thread");
        }
        Ok(())
    }

    /// Proposes `item` (a suggestion of a new document) as evidence for
    /// `thread`, pending a person's review: `suggested = true`, no status.
    pub fn propose_evidence(&mut self, thread: &str, item: &str) -> Result<(), EditError> {
        let t = self.thread_mut(thread)?;
        let mut u = Table::new();
        u.insert("suggested", value(true));
        let mut list = Array::new();
        list.push(item);
        u.insert("evidence", value(list));
        match t.get_mut("update").and_then(Item::as_array_of_tables_mut) {
            Some(a) => a.push(u),
            None => {
                let mut a = ArrayOfTables::new();
                a.push(u);
                t.insert("update", Item::ArrayOfTables(a));
            }
        }
        Ok(())
    }

    /// Drops every proposal that names `item` (a rejected suggestion), or
    /// only those of `thread`.
    pub fn drop_proposals(&mut self, item: &str, thread: Option<&str>) {
        let Some(threads) = self.threads_mut() else {
            return;
        };
        for t in threads.iter_mut() {
            if thread.is_some_and(|id| t.get("id").and_then(Item::as_str) != Some(id)) {
                continue;
            }
            if let Some(updates) = t.get_mut("update").and_then(Item::as_array_of_tables_mut) {
                updates.retain(|u| !(is_proposal(u) && evidence_of(u).iter().any(|e| e == item)));
                if updates.is_empty() {
                    t.remove("update");
                }
            }
        }
    }
}

fn is_proposal(t: &Table) -> bool {
    t.get("suggested").and_then(Item::as_bool) == Some(true)
}

fn evidence_of(t: &Table) -> Vec<String> {
    t.get("evidence")
        .and_then(Item::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Who owes action on `item`, where the item settles it: a commitment is
/// owed by the party that made it; a call or a concern by the other party,
/// when the dataset has exactly two. Anything else is unclear (`None`).
pub fn owed_by_of(data: &Dataset, item: &crate::dataset::Item) -> Option<String> {
    use crate::dataset::Stance;
    let Detail::Statement {
        side: side @ Side::Party(_),
        stance: Some(stance),
        ..
    } = &item.detail
    else {
        return None;
    };
    match stance {
        Stance::Commits => Some(side.id().to_string()),
        Stance::CallsFor | Stance::Concern if data.parties.len() == 2 => data
            .parties
            .iter()
            .find(|p| Side::Party(p.id) != *side)
            .map(|p| p.id.as_str().to_string()),
        _ => None,
    }
}
