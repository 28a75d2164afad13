//! The memo: its live preview, and the items a brief selects.

use serde::Serialize;
use tauri::State;

use dossier::assemble::AssembleError;
use dossier::brief_file::BriefFile;
use dossier::dataset::{Detail, Item};
use dossier::render::memo_for;
use dossier::{Date, Selection};

use crate::error::{Error, Result};
use crate::state::AppState;

/// Today, the memo date when the brief gives none.
pub fn today() -> Date {
    Date::from(chrono::Local::now().date_naive())
}

/// The preview: the same HTML the export writes, or, when the memo's
/// marking is refused (below a cited source's, or not one of the dataset's),
/// no HTML and the reason, which the window shows beside the marking field
/// while export is disabled.
#[derive(Serialize)]
pub struct Preview {
    html: Option<String>,
    warnings: Vec<String>,
    marking_refused: Option<String>,
    /// A citation of the drafter's text that cannot be resolved (being
    /// typed): shown beside the drafter's fields while the last good
    /// preview stays.
    citation_refused: Option<String>,
    /// How long the Rust side took (the list, assembling, rendering), in
    /// milliseconds: the window's timings show it beside the round trip.
    rendered_in: f64,
    /// The items the brief's topics and period select, for the item
    /// browser, when asked for (the selection may have changed).
    items: Option<Vec<ItemRow>>,
    /// The brief file in use (last opened or saved), by name.
    brief_file: Option<String>,
    /// What is new since the memo last exported from it, when it has a
    /// record.
    since: Option<SinceInfo>,
}

/// What the window says under the brief's name.
#[derive(Serialize)]
pub struct SinceInfo {
    /// How many items are new.
    new: usize,
    /// The recorded memo's date, in words.
    date: String,
}

/// The memo's HTML for `brief` and, with `list`, the items it selects: one
/// round trip per change. Async: Tauri runs it on its thread pool, so the
/// window's main thread stays free to paint meanwhile.
#[tauri::command]
pub async fn preview(
    state: State<'_, AppState>,
    mut brief: BriefFile,
    list: bool,
) -> Result<Preview> {
    let started = std::time::Instant::now();
    let brief_file = {
        let file = state.brief_file.lock().expect("the lock is never poisoned");
        file.as_ref().map(|(path, shown)| {
            brief.shown = shown.clone();
            path.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
    };
    let loaded = state.dataset.read().expect("the lock is never poisoned");
    let changes = dossier::assemble::changes_since(&loaded.data, &loaded.ledger, &brief)
        .ok()
        .flatten();
    let since = changes.as_ref().map(|c| SinceInfo {
        new: c.new.len(),
        date: c.since.human(),
    });
    let new: std::collections::HashSet<&str> = changes
        .iter()
        .flat_map(|c| c.new.iter().map(String::as_str))
        .collect();
    let items = if list {
        Some(item_rows(&loaded.data, &brief, &new)?)
    } else {
        None
    };
    let memo = match memo_for(&loaded.data, &loaded.ledger, &brief, today()) {
        Ok(memo) => memo,
        Err(e @ (AssembleError::MarkingTooLow { .. } | AssembleError::UnknownMarking { .. })) => {
            return Ok(Preview {
                html: None,
                warnings: Vec::new(),
                marking_refused: Some(format!("{e}.")),
                citation_refused: None,
                rendered_in: 0.0,
                items,
                brief_file,
                since,
            });
        }
        Err(e @ AssembleError::Citation { .. }) => {
            let AssembleError::Citation { field, .. } = &e else {
                unreachable!()
            };
            let field = field.replace('_', " ");
            return Ok(Preview {
                html: None,
                warnings: Vec::new(),
                marking_refused: None,
                citation_refused: Some(format!("In {field}: {e}.")),
                rendered_in: 0.0,
                items,
                brief_file,
                since,
            });
        }
        Err(e) => return Err(e.into()),
    };
    let html = state.html()?.render(&memo)?;
    Ok(Preview {
        html: Some(html),
        warnings: memo.warnings,
        marking_refused: None,
        citation_refused: None,
        rendered_in: started.elapsed().as_secs_f64() * 1000.0,
        items,
        brief_file,
        since,
    })
}

/// An item of the selection, for the item browser.
#[derive(Serialize)]
pub struct ItemRow {
    id: String,
    kind: String,
    date: String,
    who: String,
    quote: String,
    sources: Vec<String>,
    excluded: bool,
    /// Pinned into the memo form's pages.
    pinned: bool,
    /// The highest marking among the item's sources, when it is not the
    /// dataset's lowest.
    marking: Option<String>,
    /// Not shown by the memo last exported from the brief file in use.
    new: bool,
}

fn who(data: &dossier::Dataset, item: &Item) -> String {
    match &item.detail {
        Detail::Statement { speaker, .. } => data
            .speaker(speaker)
            .map(|s| s.name().to_string())
            .unwrap_or_default(),
        Detail::Figure {
            value,
            unit,
            qualifier,
            ..
        } => dossier::format::figure_value(*value, unit, qualifier.as_deref()),
        Detail::Event { label, .. } => label.clone(),
    }
}

/// The items the brief's topics and period select, excluded ones marked.
fn item_rows(
    data: &dossier::Dataset,
    brief: &BriefFile,
    new: &std::collections::HashSet<&str>,
) -> Result<Vec<ItemRow>> {
    let sel = &brief.selection;
    let selected = Selection::of_brief(data, sel).map_err(|e| Error::Other(format!("{e}.")))?;
    Ok(selected
        .into_iter()
        .map(|item| ItemRow {
            id: item.id.clone(),
            kind: item.kind().id().to_string(),
            date: item.date_words(),
            who: who(data, item),
            quote: item.quote().to_string(),
            sources: item
                .citations
                .iter()
                .filter_map(|c| data.source(&c.source).map(|s| s.publisher.clone()))
                .collect(),
            excluded: sel.exclude.contains(&item.id),
            pinned: sel.pin.contains(&item.id),
            marking: match data.item_marking(item) {
                (m, Some(_)) if m != data.lowest_marking() => Some(m.name.clone()),
                _ => None,
            },
            new: new.contains(item.id.as_str()),
        })
        .collect())
}
