//! Files: the native dialogs, exporting the memo (PDF, HTML, Word),
//! saving and opening briefs.
//! Only paths the user picked in a dialog are read or written.

use dossier::limits::{MAX_BRIEF_FILE, read_to_string_at_most};
use std::path::PathBuf;

use serde::Deserialize;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use dossier::atomic::write_atomically;
use dossier::brief_file::BriefFile;
use dossier::render::{Format, memo_for, render};
use dossier::shown::Shown;

use crate::commands::memo::today;
use crate::error::{Error, Result};
use crate::state::AppState;

/// What a file dialog is for.
#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "kebab-case")]
pub enum Purpose {
    /// Save the memo as PDF.
    ExportPdf,
    /// Save the memo as HTML.
    ExportHtml,
    /// Save the memo as a Word document.
    ExportDocx,
    /// Save the brief.
    SaveBrief,
    /// Open a brief.
    OpenBrief,
    /// Open a dataset folder.
    OpenDataset,
    /// The folder to put an editable copy of the dataset in.
    CopyDataset,
    /// A document to add to the dataset.
    AddDocument,
}

/// Shows the native dialog for `purpose` and returns the path chosen, if any.
#[tauri::command]
pub async fn choose_path(
    app: AppHandle,
    state: State<'_, AppState>,
    purpose: Purpose,
    suggested: Option<String>,
) -> Result<Option<String>> {
    let dialog = app.dialog().file();
    let name = suggested.unwrap_or_else(|| "memo".to_string());
    let picked = match purpose {
        Purpose::ExportPdf => dialog
            .add_filter("PDF", &["pdf"])
            .set_file_name(format!("{name}.pdf"))
            .blocking_save_file(),
        Purpose::ExportHtml => dialog
            .add_filter("HTML", &["html"])
            .set_file_name(format!("{name}.html"))
            .blocking_save_file(),
        Purpose::ExportDocx => dialog
            .add_filter("Word document", &["docx"])
            .set_file_name(format!("{name}.docx"))
            .blocking_save_file(),
        Purpose::SaveBrief => dialog
            .add_filter("Brief", &["toml"])
            .set_file_name(format!("{name}.brief.toml"))
            .blocking_save_file(),
        Purpose::OpenBrief => dialog.add_filter("Brief", &["toml"]).blocking_pick_file(),
        Purpose::OpenDataset | Purpose::CopyDataset => dialog.blocking_pick_folder(),
        Purpose::AddDocument => dialog
            .add_filter("Documents", &["txt", "html", "htm", "pdf", "docx"])
            .blocking_pick_file(),
    };
    let Some(picked) = picked else {
        return Ok(None);
    };
    let path: PathBuf = picked
        .into_path()
        .map_err(|e| Error::Other(format!("The chosen location cannot be used: {e}.")))?;
    state.choose(&path);
    Ok(Some(path.display().to_string()))
}

/// Writes the memo for `brief` to `path`, whole or not at all.
#[tauri::command]
pub fn export(
    state: State<'_, AppState>,
    mut brief: BriefFile,
    format: Format,
    path: String,
    remember: bool,
) -> Result<String> {
    let path = state.chosen(&path)?;
    let brief_file = state
        .brief_file
        .lock()
        .expect("the lock is never poisoned")
        .clone();
    if let Some((_, shown)) = &brief_file {
        brief.shown = shown.clone();
    }
    let mut record = None;
    let bytes = {
        let loaded = state.dataset.read().expect("the lock is never poisoned");
        if let Some((dir, _)) = &loaded.folder
            && dossier::dataset::DatasetFiles::is_file_of(dir, &path)
        {
            return Err(Error::Other(format!(
                "{} is a file of the dataset, which the memo would replace; choose another name. Nothing was written.",
                path.display()
            )));
        }
        let memo = memo_for(&loaded.data, &loaded.ledger, &brief, today())?;
        if remember && brief_file.is_some() {
            record = Some(dossier::assemble::record_of(
                &loaded.data,
                &brief,
                &memo,
                today(),
            ));
        }
        render(&memo, format, |memo| {
            Ok::<_, Error>(state.html()?.render(memo)?)
        })?
    };
    write_atomically(&path, &bytes).map_err(|source| Error::Io {
        path: path.display().to_string(),
        source,
    })?;
    // "Remember what this memo showed": the record beside the brief file.
    if let (Some(shown), Some((brief_path, _))) = (record, brief_file) {
        shown.write_for(&brief_path).map_err(|e| {
            Error::Other(format!(
                "The memo was written to {}, but what it showed could not be remembered in {}: {e}.",
                path.display(),
                dossier::shown::path_for(&brief_path).display()
            ))
        })?;
        *state.brief_file.lock().expect("the lock is never poisoned") =
            Some((brief_path, Some(shown)));
    }
    Ok(path.display().to_string())
}

/// The brief file at `path` as the app's current one, with its record if
/// it has one beside it.
fn use_brief_file(state: &AppState, path: &std::path::Path) -> Result<()> {
    // A record that cannot be read is said, and the brief is in use
    // without one (the next Export with "Remember" writes a new one).
    let (shown, problem) = match Shown::read_for(path) {
        Ok(shown) => (shown, None),
        Err(e) => (None, Some(e)),
    };
    *state.brief_file.lock().expect("the lock is never poisoned") =
        Some((path.to_path_buf(), shown));
    match problem {
        None => Ok(()),
        Some(e) => Err(Error::Other(format!(
            "The brief is in use without its record of the last memo: {e}."
        ))),
    }
}

/// Saves `brief` as a `*.brief.toml`.
#[tauri::command]
pub fn save_brief(state: State<'_, AppState>, brief: BriefFile, path: String) -> Result<()> {
    let path = state.chosen(&path)?;
    let text = brief.to_toml();
    // What would not open again against this dataset is not written.
    {
        let loaded = state.dataset.read().expect("the lock is never poisoned");
        if let Some((dir, _)) = &loaded.folder
            && dossier::dataset::DatasetFiles::is_file_of(dir, &path)
        {
            return Err(Error::Other(format!(
                "{} is a file of the dataset, which the brief would replace; choose another name. Nothing was written.",
                path.display()
            )));
        }
        BriefFile::parse(&path.display().to_string(), &text, &loaded.data)
            .map_err(Error::InvalidBrief)?;
    }
    write_atomically(&path, text.as_bytes()).map_err(|source| Error::Io {
        path: path.display().to_string(),
        source,
    })?;
    // Saving rebuilds the brief's text; its record, beside it, is kept.
    use_brief_file(&state, &path)
}

/// Reads a `*.brief.toml`.
#[tauri::command]
pub fn open_brief(state: State<'_, AppState>, path: String) -> Result<BriefFile> {
    let path = state.chosen(&path)?;
    let text = read_to_string_at_most(&path, MAX_BRIEF_FILE)
        .map_err(|e| Error::Other(format!("{} cannot be opened: {e}.", path.display())))?;
    let brief = {
        let loaded = state.dataset.read().expect("the lock is never poisoned");
        BriefFile::parse(&path.display().to_string(), &text, &loaded.data)
            .map_err(Error::InvalidBrief)?
    };
    use_brief_file(&state, &path)?;
    Ok(brief)
}

/// Opens an exported file with the system's viewer.
#[tauri::command]
pub fn open_file(state: State<'_, AppState>, path: String) -> Result<()> {
    let path = state.chosen(&path)?;
    path.metadata()
        .and_then(|_| open::that_detached(&path))
        .map_err(|e| Error::Other(format!("{} cannot be opened: {e}.", path.display())))
}
