//! The Follow-up view and its changes: the dataset's threads with their
//! status and timeline, opening a thread from an item (**Track…**),
//! attaching an item to a thread with a status (**Add as evidence…**) and
//! removing a thread. The rules are the library's (`dossier::ledger`,
//! `dossier::edit::ledger`); every change goes through [`AppState::edit`].

use serde::Serialize;
use tauri::State;

use dossier::dataset::Dataset;
use dossier::edit::ledger::{NewThread, owed_by_of};
use dossier::ledger::{
    Filter, Status, according_to, may_be_evidence, may_open, opened_words, views,
};

use dossier::edit::user_name;

use crate::commands::dataset::{DatasetInfo, info};
use crate::commands::memo::today;
use crate::error::{Error, Result};
use crate::state::AppState;

/// An item named in a thread.
#[derive(Serialize)]
pub struct Named {
    id: String,
    /// A few words: a label and date, or a speaker and date.
    name: String,
}

/// An update as the Follow-up view shows it.
#[derive(Serialize)]
pub struct UpdateRow {
    date: String,
    status: &'static str,
    status_words: &'static str,
    evidence: Vec<Named>,
    according_to: String,
    note: Option<String>,
}

/// A thread as the Follow-up view shows it.
#[derive(Serialize)]
pub struct ThreadRow {
    id: String,
    label: String,
    opened_by: Named,
    /// Who asked or promised, and when.
    opened: String,
    owed_by: String,
    status: &'static str,
    /// Whether it is still open (not done, declined or reversed).
    open: bool,
    status_words: &'static str,
    /// The date of that status, as read.
    as_of: String,
    updates: Vec<UpdateRow>,
    /// Items proposed as evidence by ingest, awaiting a person.
    proposed: Vec<Named>,
}

/// The Follow-up view.
#[derive(Serialize)]
pub struct FollowUp {
    threads: Vec<ThreadRow>,
    /// Whether threads can be changed (a folder, not the built-in dataset).
    editable: bool,
    /// The statuses an update may record: (id, words).
    statuses: Vec<(&'static str, &'static str)>,
    /// The parties that may owe action: (id, name).
    parties: Vec<(String, String)>,
}

fn named(data: &Dataset, id: &str) -> Named {
    Named {
        id: id.to_string(),
        name: data
            .items
            .iter()
            .find(|i| i.id == id)
            .map_or_else(|| id.to_string(), |i| data.item_name(i)),
    }
}

/// Every thread of the dataset in use, in ledger order.
#[tauri::command]
pub fn follow_up(state: State<'_, AppState>) -> Result<FollowUp> {
    let loaded = state.dataset.read().expect("the lock is never poisoned");
    let data = &loaded.data;
    let threads = views(&loaded.ledger, data, &Filter::default())
        .into_iter()
        .map(|t| {
            let opening = data.items.iter().find(|i| i.id == t.opened_by.item);
            ThreadRow {
                opened_by: named(data, &t.opened_by.item),
                opened: opening.map(|i| opened_words(data, i)).unwrap_or_default(),
                owed_by: t.owed_by_name.clone(),
                status: t.status.id(),
                open: !t.status.is_final(),
                status_words: t.status.words(),
                as_of: match t.updates.last() {
                    Some(u) => u.date_words(),
                    None => t.as_of.human(),
                },
                updates: t
                    .updates
                    .iter()
                    .map(|u| UpdateRow {
                        date: u.date_words(),
                        status: u.status.id(),
                        status_words: u.status.words(),
                        evidence: u.evidence.iter().map(|e| named(data, e)).collect(),
                        according_to: according_to(data, &u.reported_by),
                        note: u.note.clone(),
                    })
                    .collect(),
                proposed: loaded
                    .proposals
                    .iter()
                    .filter(|p| p.thread == t.id)
                    .flat_map(|p| p.evidence.iter().map(|e| named(data, e)))
                    .collect(),
                id: t.id,
                label: t.label,
            }
        })
        .collect();
    Ok(FollowUp {
        threads,
        editable: loaded.folder.is_some(),
        statuses: Status::ALL
            .iter()
            .filter(|(_, s)| *s != Status::NoInformation)
            .map(|(id, s)| (*id, s.words()))
            .collect(),
        parties: data
            .parties
            .iter()
            .map(|p| (p.id.as_str().to_string(), p.name.clone()))
            .collect(),
    })
}

/// What **Track…** and **Add as evidence…** need to know of an item.
#[derive(Serialize)]
pub struct Trackable {
    /// Whether it may open a thread (a call, a concern, a commitment, a
    /// planned event).
    may_open: bool,
    /// Who owes action, where the item settles it.
    owed_by: Option<String>,
    /// A planned event's label (a thread's default label).
    label: Option<String>,
    /// The threads it may be evidence for: those opened before it, not by
    /// it: (id, label, current status in words).
    threads: Vec<(String, String, &'static str)>,
}

/// What the item `id` can do in the ledger.
#[tauri::command]
pub fn trackable(state: State<'_, AppState>, id: String) -> Result<Trackable> {
    let loaded = state.dataset.read().expect("the lock is never poisoned");
    let data = &loaded.data;
    let item = data
        .items
        .iter()
        .find(|i| i.id == id)
        .ok_or_else(|| Error::Other(format!("The dataset has no item '{id}'.")))?;
    Ok(Trackable {
        may_open: may_open(item),
        owed_by: owed_by_of(item),
        label: match &item.detail {
            dossier::dataset::Detail::Event { label, .. } => Some(label.clone()),
            _ => None,
        },
        threads: loaded
            .ledger
            .threads
            .iter()
            .filter(|t| {
                data.items
                    .iter()
                    .find(|i| i.id == t.opened_by)
                    .is_some_and(|opening| may_be_evidence(opening, item).is_ok())
            })
            .map(|t| (t.id.clone(), t.label.clone(), t.status_by(None).0.words()))
            .collect(),
    })
}

/// What a ledger change did: a message and the dataset as it now is.
#[derive(Serialize)]
pub struct Tracked {
    message: String,
    /// The thread made or changed.
    thread: String,
    info: DatasetInfo,
}

fn tracked(state: &AppState, message: String, thread: String) -> Tracked {
    Tracked {
        message,
        thread,
        info: info(&state.dataset.read().expect("the lock is never poisoned")),
    }
}

/// Opens a thread from item `item` (**Track…**).
#[tauri::command]
pub fn open_thread(
    state: State<'_, AppState>,
    item: String,
    label: Option<String>,
    owed_by: Option<String>,
) -> Result<Tracked> {
    let new = NewThread {
        item: item.clone(),
        label: label.filter(|l| !l.trim().is_empty()),
        owed_by: owed_by.filter(|o| !o.is_empty()),
    };
    let id = state.edit(&format!("tracking {item}"), |edit| {
        let data = edit.dataset()?;
        edit.open_thread(&data, &new)
    })?;
    Ok(tracked(&state, format!("Now following “{id}”."), id))
}

/// Records an update on `thread` from `evidence` (**Add as evidence…**);
/// with `accept`, the evidence is a suggestion (one ingest proposed) and
/// is accepted in the same change.
#[tauri::command]
pub fn update_thread(
    state: State<'_, AppState>,
    thread: String,
    status: String,
    evidence: Vec<String>,
    note: Option<String>,
    accept: bool,
) -> Result<Tracked> {
    let status = Status::from_id(&status).ok_or_else(|| {
        Error::Other(format!(
            "'{status}' is not a status; use one of {}.",
            Status::ids_in_words()
        ))
    })?;
    state.edit(&format!("updating {thread}"), |edit| {
        if accept {
            let (who, on) = (user_name(), today());
            for id in &evidence {
                edit.accept(id, &who, on)?;
            }
        }
        edit.update_thread(&thread, status, &evidence, note.as_deref())
    })?;
    Ok(tracked(
        &state,
        format!("Recorded “{thread}” as {}.", status.words()),
        thread,
    ))
}

/// Removes `thread` and its updates.
#[tauri::command]
pub fn remove_thread(state: State<'_, AppState>, thread: String) -> Result<Tracked> {
    state.edit(&format!("removing {thread}"), |edit| {
        edit.remove_thread(&thread)
    })?;
    Ok(tracked(&state, format!("Removed “{thread}”."), thread))
}
