//! The sources of the dataset in use: a list with their counts and
//! markings, and one source's text with the passages items quote.

use serde::Serialize;
use tauri::State;

use dossier::coverage::{Passage, passages};
use dossier::dataset::Kind;

use crate::error::{Error, Result};
use crate::state::AppState;

/// A source as the Sources view lists it.
#[derive(Serialize)]
pub struct SourceRow {
    id: String,
    title: String,
    publisher: String,
    date: String,
    kind: &'static str,
    marking: String,
    statements: usize,
    figures: usize,
    events: usize,
}

/// Every source of the dataset in use, newest first.
#[tauri::command]
pub fn sources(state: State<'_, AppState>) -> Result<Vec<SourceRow>> {
    let loaded = state.dataset.read().expect("the lock is never poisoned");
    let data = &loaded.data;
    let mut rows: Vec<(&dossier::dataset::Source, SourceRow)> = data
        .sources
        .iter()
        .map(|s| {
            let count = |k: Kind| {
                data.items
                    .iter()
                    .filter(|i| i.kind() == k && i.citations.iter().any(|c| c.source == s.id))
                    .count()
            };
            let row = SourceRow {
                id: s.id.clone(),
                title: s.title.clone(),
                publisher: s.publisher.clone(),
                date: s.date.human(),
                kind: s.kind.id(),
                marking: data.source_marking(s).name.clone(),
                statements: count(Kind::Statement),
                figures: count(Kind::Figure),
                events: count(Kind::Event),
            };
            (s, row)
        })
        .collect();
    rows.sort_by(|a, b| b.0.date.cmp(&a.0.date).then_with(|| a.1.id.cmp(&b.1.id)));
    Ok(rows.into_iter().map(|(_, r)| r).collect())
}

/// One source's text, cut into passages.
#[derive(Serialize)]
pub struct SourceText {
    id: String,
    title: String,
    passages: Vec<Passage>,
}

/// The text of source `id`, with the passages items quote and the
/// sentences no item quotes.
#[tauri::command]
pub fn source_text(state: State<'_, AppState>, id: String) -> Result<SourceText> {
    let loaded = state.dataset.read().expect("the lock is never poisoned");
    let source = loaded
        .data
        .source(&id)
        .ok_or_else(|| Error::Other(format!("The dataset has no source '{id}'.")))?;
    Ok(SourceText {
        id: source.id.clone(),
        title: source.title.clone(),
        passages: passages(&loaded.data, source),
    })
}
