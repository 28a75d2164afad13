//! The review screen and the item editor: a source's text with its records
//! (suggestions and items) in place, accepting, rejecting and editing them,
//! making an item from a selected passage, and undoing the last change.
//! Every change goes through `dossier::edit` via [`AppState::edit`].

use serde::Serialize;
use tauri::State;

use dossier::coverage::{Passage, marked_passages};
use dossier::edit::record::{Fields, NewSpeaker, Record, SpeakerRecord};
use dossier::edit::{DatasetEdit, EditError, user_name};

use crate::commands::dataset::{DatasetInfo, info};
use crate::commands::memo::today;
use crate::error::{Error, Result};
use crate::state::AppState;

/// An item of another source that a corroboration reports again.
#[derive(Serialize)]
pub struct Existing {
    id: String,
    kind: String,
    date: String,
    quote: String,
    source: String,
}

/// A record on the review screen.
#[derive(Serialize)]
pub struct Row {
    #[serde(flatten)]
    record: Record,
    /// For a corroboration, the item it reports again.
    existing: Option<Existing>,
    /// The follow-up threads ingest proposed it as evidence for: (thread
    /// id, label, the thread's status in words).
    proposed_for: Vec<(String, String, &'static str)>,
    /// The threads it opened or is evidence for: (thread id, label).
    threads: Vec<(String, String)>,
}

/// A source on the review screen.
#[derive(Serialize)]
pub struct Review {
    id: String,
    title: String,
    publisher: String,
    date: String,
    kind: &'static str,
    /// Its text, cut where records quote it (each passage names them).
    passages: Vec<Passage>,
    /// Its records in text order: suggestions and items.
    records: Vec<Row>,
    /// Items recorded in other sources' files that cite this one
    /// (`[[…also]]`): (item id, the source whose file holds it).
    cited_by: Vec<(String, String)>,
    /// What "Undo" would take back, if anything.
    undo: Option<String>,
}

/// The review screen of source `id`.
#[tauri::command]
pub fn review(state: State<'_, AppState>, id: String) -> Result<Review> {
    let loaded = state.dataset.read().expect("the lock is never poisoned");
    let data = &loaded.data;
    let source = data
        .source(&id)
        .ok_or_else(|| Error::Other(format!("The dataset has no source '{id}'.")))?;
    let mut records = match &loaded.folder {
        Some((dir, _)) => {
            crate::state::gone(dir)?;
            DatasetEdit::open(dir)?.records(&id)
        }
        None => Vec::new(),
    };
    let text = source.text.as_str();
    let flat = dossier::text::collapse_whitespace(text);
    let at = |r: &Record| {
        flat.find(&dossier::text::collapse_whitespace(&r.quote))
            .unwrap_or(usize::MAX)
    };
    records.sort_by_key(at);
    // Items of the built-in dataset (read-only) and those of other files
    // citing this source are shown too.
    let cited_by: Vec<(String, String)> = data
        .items
        .iter()
        .filter(|i| i.citations.iter().any(|c| c.source == id))
        .filter(|i| !records.iter().any(|r| r.id == i.id))
        .map(|i| {
            let home = i.citations.first().map(|c| c.source.clone());
            (i.id.clone(), home.unwrap_or_default())
        })
        .collect();
    let mut quotes: Vec<(&str, &str)> = records
        .iter()
        .map(|r| (r.quote.as_str(), r.id.as_str()))
        .collect();
    for item in data
        .items
        .iter()
        .filter(|i| cited_by.iter().any(|(id, _)| *id == i.id))
    {
        for c in item.citations.iter().filter(|c| c.source == id) {
            quotes.push((c.quote.as_str(), item.id.as_str()));
        }
    }
    let passages = marked_passages(text, &quotes);
    let rows = records
        .into_iter()
        .map(|record| {
            let existing = record.item.as_deref().and_then(|item| {
                let i = data.items.iter().find(|i| i.id == item)?;
                Some(Existing {
                    id: i.id.clone(),
                    kind: i.kind().id().to_string(),
                    date: i.date_words(),
                    quote: i.quote().to_string(),
                    source: i
                        .citations
                        .first()
                        .and_then(|c| data.source(&c.source))
                        .map(|s| format!("{}, {}", s.publisher, s.date.human()))
                        .unwrap_or_default(),
                })
            });
            let proposed_for = loaded
                .proposals
                .iter()
                .filter(|p| p.evidence.contains(&record.id))
                .filter_map(|p| loaded.ledger.thread(&p.thread))
                .map(|t| (t.id.clone(), t.label.clone(), t.status_by(None).0.words()))
                .collect();
            let threads = loaded
                .ledger
                .threads_of(&record.id)
                .map(|t| (t.id.clone(), t.label.clone()))
                .collect();
            Row {
                record,
                existing,
                proposed_for,
                threads,
            }
        })
        .collect();
    Ok(Review {
        id: source.id.clone(),
        title: source.title.clone(),
        publisher: source.publisher.clone(),
        date: source.date.human(),
        kind: source.kind.id(),
        passages,
        records: rows,
        cited_by,
        undo: state
            .last_change
            .lock()
            .expect("the lock is never poisoned")
            .as_ref()
            .map(|c| c.what.clone()),
    })
}

/// Someone who can speak, and a place, for the editor's choices.
#[derive(Serialize)]
pub struct Choices {
    speakers: Vec<SpeakerRecord>,
    places: Vec<(String, String)>,
}

/// The people, institutions and places the editor offers.
#[tauri::command]
pub fn choices(state: State<'_, AppState>) -> Result<Choices> {
    let loaded = state.dataset.read().expect("the lock is never poisoned");
    let speakers = match &loaded.folder {
        Some((dir, _)) => {
            crate::state::gone(dir)?;
            DatasetEdit::open(dir)?.speakers()
        }
        None => Vec::new(),
    };
    Ok(Choices {
        speakers,
        places: loaded
            .data
            .places
            .iter()
            .map(|p| (p.id.clone(), p.name.clone()))
            .collect(),
    })
}

/// What a change did: a message, the record it made (if any) and the
/// dataset as it now is.
#[derive(Serialize)]
pub struct Changed {
    message: String,
    id: Option<String>,
    info: DatasetInfo,
}

fn changed(state: &AppState, message: String, id: Option<String>) -> Changed {
    Changed {
        message,
        id,
        info: info(&state.dataset.read().expect("the lock is never poisoned")),
    }
}

fn plural(n: usize, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// Accepts (`accept`) or rejects the suggestions `ids`, in one change.
#[tauri::command]
pub fn decide(state: State<'_, AppState>, ids: Vec<String>, accept: bool) -> Result<Changed> {
    let verb = if accept { "accepting" } else { "rejecting" };
    let what = match ids.as_slice() {
        [one] => format!("{verb} {one}"),
        many => format!("{verb} {} suggestions", many.len()),
    };
    state.edit(&what, |edit| {
        let (who, on) = (user_name(), today());
        for id in &ids {
            if accept {
                edit.accept(id, &who, on)?;
            } else {
                edit.reject(id)?;
            }
        }
        Ok(())
    })?;
    let done = if accept { "Accepted" } else { "Rejected" };
    Ok(changed(
        &state,
        format!("{done} {}.", plural(ids.len(), "suggestion")),
        None,
    ))
}

/// Accepts every suggestion of source `source` still pending, except
/// those the text leaves unclear (a person sets their speaker or date
/// first); the message says how many it skipped.
#[tauri::command]
pub fn accept_all(state: State<'_, AppState>, source: String) -> Result<Changed> {
    let (mut count, mut skipped) = (0, 0);
    state.edit(&format!("accepting all of {source}"), |edit| {
        let (ids, left) = edit.accept_all(Some(&source), &user_name(), today())?;
        count = ids.len();
        skipped = left;
        Ok(())
    })?;
    let mut message = format!("Accepted {}.", plural(count, "suggestion"));
    if skipped > 0 {
        message.push_str(&format!(
            " Skipped {} whose speaker or date is unclear: edit {} to set it, then accept.",
            plural(skipped, "suggestion"),
            if skipped == 1 { "it" } else { "each" }
        ));
    }
    Ok(changed(&state, message, None))
}

/// Adds `speaker`, if given, and makes it the fields' speaker.
fn with_speaker(
    edit: &mut DatasetEdit,
    mut fields: Fields,
    speaker: Option<NewSpeaker>,
) -> std::result::Result<Fields, EditError> {
    if let Some(s) = speaker {
        fields.speaker = Some(edit.add_speaker(&s)?);
    }
    Ok(fields)
}

/// Sets the fields of record `id` (with a new speaker, if given).
#[tauri::command]
pub fn update_record(
    state: State<'_, AppState>,
    id: String,
    fields: Fields,
    speaker: Option<NewSpeaker>,
) -> Result<Changed> {
    state.edit(&format!("editing {id}"), |edit| {
        let fields = with_speaker(edit, fields, speaker)?;
        edit.update(&id, &fields)
    })?;
    Ok(changed(&state, format!("Saved {id}."), Some(id)))
}

/// Makes a new item of `kind` quoting `quote`, a passage of source
/// `source` selected on the review screen.
#[tauri::command]
pub fn add_item(
    state: State<'_, AppState>,
    source: String,
    kind: String,
    quote: String,
    fields: Fields,
    speaker: Option<NewSpeaker>,
) -> Result<Changed> {
    let id = state.edit(&format!("adding a {kind}"), |edit| {
        let fields = with_speaker(edit, fields, speaker)?;
        edit.add_item(&source, &kind, &quote, &fields, &user_name(), today())
    })?;
    Ok(changed(&state, format!("Added {kind} {id}."), Some(id)))
}

/// Takes back the last change.
#[tauri::command]
pub fn undo(state: State<'_, AppState>) -> Result<Changed> {
    let what = state.undo()?;
    Ok(changed(&state, format!("Undid {what}."), None))
}
