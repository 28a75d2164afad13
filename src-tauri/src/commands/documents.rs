//! "Add document…": reading a document the user picked (in a child process
//! with limits, off the window's thread), the facts it gives about itself
//! to prefill the form, and adding it to the dataset folder as a new source
//! whose records are suggestions.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tauri::State;

use dossier::dataset::SourceKind;
use dossier::ingest::isolate::{Limits, read_in_child};
use dossier::ingest::read::{Document, Format};
use dossier::ingest::{Field, Given, IngestError, add_to, known_speaker, prepare};

use crate::error::{Error, Result};
use crate::state::{AppState, Loaded};

/// What the document says about itself, to prefill the form.
#[derive(Serialize)]
pub struct DocumentFacts {
    path: String,
    file_name: String,
    title: Option<String>,
    publisher: Option<String>,
    /// A known person or institution the document names as its author.
    author: Option<String>,
    /// The author's name as the document gives it.
    author_name: Option<String>,
    url: Option<String>,
    date: Option<String>,
    characters: usize,
    pages: usize,
    /// Kinds of source: (id, label).
    kinds: Vec<(&'static str, String)>,
}

/// What the user says in the form; each field overrides the document's.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct DocumentForm {
    title: Option<String>,
    publisher: Option<String>,
    author: Option<String>,
    url: Option<String>,
    date: Option<String>,
    kind: Option<String>,
    classification: Option<String>,
}

/// The new source, for the review screen.
#[derive(Serialize)]
pub struct Added {
    id: String,
    suggestions: usize,
}

/// Reads `path` in a child process: the app itself, started as a reader.
fn read_document(path: &Path) -> Result<Document> {
    let format = Format::of_path(path).ok_or_else(|| {
        Error::Other(format!(
            "{} is not a document Dossier reads: use .txt, .html, .pdf or .docx. Nothing was added.",
            path.display()
        ))
    })?;
    let exe = std::env::current_exe()
        .map_err(|e| Error::Other(format!("Dossier cannot find its own program: {e}.")))?;
    read_in_child(&exe, &["read-document"], path, format, Limits::default()).map_err(|e| {
        Error::Other(format!(
            "{} {e}. Nothing was added.",
            path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned()
            )
        ))
    })
}

/// Reads the document at `path` (chosen in a dialog) and returns what it
/// says about itself. Runs off the window's thread.
#[tauri::command]
pub async fn inspect_document(state: State<'_, AppState>, path: String) -> Result<DocumentFacts> {
    let path = state.chosen(&path)?;
    let read_path = path.clone();
    let doc = tauri::async_runtime::spawn_blocking(move || read_document(&read_path))
        .await
        .map_err(|e| Error::Other(format!("The reader stopped: {e}.")))??;
    let author = {
        let loaded = state.dataset.read().expect("the lock is never poisoned");
        known_speaker(
            &loaded.data,
            doc.author
                .iter()
                .chain(doc.publisher.iter())
                .map(String::as_str),
        )
        .map(|(id, _)| id)
    };
    let facts = DocumentFacts {
        path: path.display().to_string(),
        file_name: file_name(&path),
        title: doc.title.clone(),
        publisher: doc.publisher.clone(),
        author,
        author_name: doc.author.clone(),
        url: doc.url.clone(),
        date: doc.date.map(|d| d.to_string()),
        characters: doc.text.chars().count(),
        pages: doc.pages.len(),
        kinds: SourceKind::ALL
            .iter()
            .map(|(id, k)| (*id, k.label()))
            .collect(),
    };
    *state.document.lock().expect("the lock is never poisoned") = Some((path, doc));
    Ok(facts)
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || "the document".to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn given(form: DocumentForm) -> Result<Given> {
    let text = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    let date = match text(form.date) {
        None => None,
        Some(d) => Some(d.parse().map_err(|e| {
            Error::Other(format!(
                "Date: “{d}” is not a date ({e}); write 2025, 2025-05 or 2025-05-20."
            ))
        })?),
    };
    let kind = match text(form.kind) {
        None => None,
        Some(k) => Some(
            SourceKind::from_id(&k)
                .ok_or_else(|| Error::Other(format!("Kind: “{k}” is not a kind of source.")))?,
        ),
    };
    let url = text(form.url);
    if let Some(u) = &url
        && !dossier::text::is_web_address(u)
    {
        return Err(Error::Other(format!(
            "URL: “{u}” is not a web address; it starts with https:// or http://, or leave it empty."
        )));
    }
    Ok(Given {
        title: text(form.title),
        publisher: text(form.publisher),
        author: text(form.author),
        url,
        date,
        kind,
        classification: text(form.classification),
        id: None,
    })
}

/// Adds the document read last (at `path`) to the dataset folder in use, as
/// the form describes it: a new source whose records are suggestions. The
/// whole dataset is checked first; a refusal writes nothing.
#[tauri::command]
pub async fn add_document(
    state: State<'_, AppState>,
    path: String,
    form: DocumentForm,
) -> Result<Added> {
    let path = state.chosen(&path)?;
    let given = given(form)?;
    let cached = state
        .document
        .lock()
        .expect("the lock is never poisoned")
        .take()
        .filter(|(p, _)| *p == path)
        .map(|(_, doc)| doc);
    let doc = match cached {
        Some(doc) => doc,
        None => {
            let read_path: PathBuf = path.clone();
            tauri::async_runtime::spawn_blocking(move || read_document(&read_path))
                .await
                .map_err(|e| Error::Other(format!("The reader stopped: {e}.")))??
        }
    };
    // The folder must be as the app read it (else it reloads and says so).
    let dir = state.check_unchanged()?;
    let ingested = {
        let loaded = state.dataset.read().expect("the lock is never poisoned");
        prepare(&loaded.data, doc.clone(), given, &file_name(&path))
    }
    .map_err(|e| {
        // Keep the document for the corrected form.
        *state.document.lock().expect("the lock is never poisoned") = Some((path.clone(), doc));
        Error::Other(format!("{}.", capitalise(&ingest_words(&e))))
    })?;
    add_to(&dir, &ingested)
        .map_err(|e| Error::Other(format!("{}.", capitalise(&ingest_words(&e)))))?;
    state.replace_dataset(Loaded::from_dir(&dir)?);
    Ok(Added {
        id: ingested.source.id.clone(),
        suggestions: ingested.found.suggestions.len(),
    })
}

/// An ingest error in the window's words: which field of the form to fill
/// in or change.
fn ingest_words(e: &IngestError) -> String {
    match e {
        IngestError::Missing(field) => {
            let label = match field {
                Field::Date => "Date",
                Field::Kind => "Kind",
                Field::Publisher => "Publisher",
            };
            format!("{e}; fill in {label}")
        }
        IngestError::UnknownMarking { .. } => format!("Marking {e}"),
        IngestError::UnknownAuthor(_) => format!("Author {e}"),
        IngestError::IdTaken(_) => format!("{e}; change the title or the date"),
        IngestError::BadId(_) => format!("Id {e}"),
        IngestError::IdTooLong(_) => capitalise(&e.to_string()),
        IngestError::Invalid(_) | IngestError::Io(..) | IngestError::Busy(_) => e.to_string(),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
