//! Writing `ledger.toml` through `toml_edit`, so that a change keeps the
//! file's comments and order: the tables of a thread, an update and a
//! proposal, for the editor (`crate::edit`) and for ingest's proposals.

use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, value};

use super::model::Status;

/// The `[[thread]]` tables of a ledger file, if it has any.
pub fn threads_mut(doc: &mut DocumentMut) -> Option<&mut ArrayOfTables> {
    doc.get_mut("thread").and_then(Item::as_array_of_tables_mut)
}

/// The thread `id`'s table, if the file has it.
pub fn thread_mut<'d>(doc: &'d mut DocumentMut, id: &str) -> Option<&'d mut Table> {
    threads_mut(doc)?
        .iter_mut()
        .find(|t| t.get("id").and_then(Item::as_str) == Some(id))
}

/// The ids of the file's threads.
pub fn thread_ids(doc: &DocumentMut) -> Vec<String> {
    doc.get("thread")
        .and_then(Item::as_array_of_tables)
        .map(|a| {
            a.iter()
                .filter_map(|t| t.get("id").and_then(Item::as_str).map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Appends a `[[thread]]`.
pub fn push_thread(doc: &mut DocumentMut, id: &str, label: &str, opened_by: &str, owed_by: &str) {
    let mut t = Table::new();
    t.insert("id", value(id));
    t.insert("label", value(label));
    t.insert("opened_by", value(opened_by));
    t.insert("owed_by", value(owed_by));
    match threads_mut(doc) {
        Some(array) => array.push(t),
        None => {
            let mut array = ArrayOfTables::new();
            array.push(t);
            doc.insert("thread", Item::ArrayOfTables(array));
        }
    }
}

/// Appends a `[[thread.update]]` to `thread`: a status with its evidence
/// and note, or (`status` `None`) a proposal awaiting review.
pub fn push_update(
    thread: &mut Table,
    status: Option<Status>,
    evidence: &[String],
    note: Option<&str>,
) {
    let mut u = Table::new();
    match status {
        Some(s) => {
            u.insert("status", value(s.id()));
        }
        None => {
            u.insert("suggested", value(true));
        }
    }
    let mut list = Array::new();
    for e in evidence {
        list.push(e.as_str());
    }
    u.insert("evidence", value(list));
    if let Some(n) = note.map(str::trim).filter(|n| !n.is_empty()) {
        u.insert("note", value(n));
    }
    match thread
        .get_mut("update")
        .and_then(Item::as_array_of_tables_mut)
    {
        Some(a) => a.push(u),
        None => {
            let mut a = ArrayOfTables::new();
            a.push(u);
            thread.insert("update", Item::ArrayOfTables(a));
        }
    }
}

/// Removes the thread's proposals that `drop` picks (given each one's
/// evidence).
pub fn drop_proposals(thread: &mut Table, drop: impl Fn(&[String]) -> bool) {
    if let Some(updates) = thread
        .get_mut("update")
        .and_then(Item::as_array_of_tables_mut)
    {
        updates.retain(|u| !(is_proposal(u) && drop(&evidence_of(u))));
        if updates.is_empty() {
            thread.remove("update");
        }
    }
}

/// Whether an update's table is a proposal (`suggested = true`).
pub fn is_proposal(t: &Table) -> bool {
    t.get("suggested").and_then(Item::as_bool) == Some(true)
}

/// An update's evidence ids.
pub fn evidence_of(t: &Table) -> Vec<String> {
    t.get("evidence")
        .and_then(Item::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}
