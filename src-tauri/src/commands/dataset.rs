//! The dataset: what it holds, opening a folder of the user's own, making
//! an editable copy of the built-in one, and going back to it. The folder
//! in use is remembered for the next start.

use dossier::brief_file::Section;
use dossier::dataset::Parties;
use serde::Serialize;
use tauri::State;

use crate::error::{Error, Result};
use crate::state::{AppState, Loaded};

/// A topic with how many items it has.
#[derive(Serialize)]
pub struct TopicInfo {
    id: String,
    label: String,
    description: String,
    count: usize,
}

/// A side a statement may speak for, as the window names it.
#[derive(Serialize)]
pub struct SideInfo {
    id: String,
    /// The party's name, "Joint" or "Others" (the memo's words).
    name: String,
    /// Whether it is the reader's own party.
    ours: bool,
    /// Whether it is one of the dataset's declared parties (not joint or
    /// other).
    party: bool,
}

/// What the window shows about the dataset in use.
#[derive(Serialize)]
pub struct DatasetInfo {
    name: String,
    items: usize,
    sources: usize,
    /// Suggestions awaiting review.
    pending: usize,
    /// Whether it is a folder the app may edit (not the built-in dataset).
    editable: bool,
    topics: Vec<TopicInfo>,
    /// Every side in the memo's order: ours, the other parties, joint,
    /// others.
    sides: Vec<SideInfo>,
    /// The dataset's markings, lowest first.
    markings: Vec<String>,
    /// Where "since the first meeting" starts, if the dataset has a meeting
    /// of its dialogue topic: the date as written and in words.
    first_meeting: Option<(String, String)>,
    /// The memo's sections, in memo order: (id, title).
    sections: Vec<(&'static str, &'static str)>,
    /// Something to tell the user once (a remembered folder that did not load).
    note: Option<String>,
}

/// What the window shows about the dataset in `loaded`.
pub fn info(loaded: &Loaded) -> DatasetInfo {
    DatasetInfo {
        name: loaded.name.clone(),
        items: loaded.data.items.len(),
        sources: loaded.data.sources.len(),
        pending: loaded.data.pending,
        editable: loaded.folder.is_some(),
        topics: loaded
            .data
            .topic_counts()
            .into_iter()
            .map(|(t, count)| TopicInfo {
                id: t.id.clone(),
                label: t.label.clone(),
                description: t.description.clone(),
                count,
            })
            .collect(),
        sides: sides(&loaded.data),
        markings: loaded
            .data
            .markings
            .iter()
            .map(|m| m.name.clone())
            .collect(),
        first_meeting: loaded
            .data
            .first_meeting()
            .map(|d| (d.to_string(), d.human())),
        sections: Section::all().map(|s| (s.id(), s.title())).collect(),
        note: None,
    }
}

/// The sides of `data`, in the memo's order, named as the memo names them.
fn sides(data: &dossier::dataset::Dataset) -> Vec<SideInfo> {
    let ours = data.parties.ours();
    data.parties
        .sides_in_order()
        .iter()
        .map(|side| SideInfo {
            id: side.id().to_string(),
            name: data.parties.side_name(side).to_string(),
            ours: Some(*side) == ours,
            party: data.parties.party(*side).is_some(),
        })
        .collect()
}

/// The dataset in use.
#[tauri::command]
pub fn dataset_info(state: State<'_, AppState>) -> Result<DatasetInfo> {
    let mut out = info(&state.dataset.read().expect("the lock is never poisoned"));
    out.note = state
        .start_note
        .lock()
        .expect("the lock is never poisoned")
        .take();
    Ok(out)
}

/// Loads the dataset folder at `path` (chosen in a dialog) and remembers it.
/// A folder with problems is refused with all of them, and the dataset in
/// use stays.
#[tauri::command]
pub fn open_dataset(state: State<'_, AppState>, path: String) -> Result<DatasetInfo> {
    let dir = state.chosen(&path)?;
    let out = use_folder(&state, &dir)?;
    // A brief's record speaks of the dataset it was made on: another one
    // has nothing "new since" to compare.
    forget_brief_file(&state);
    Ok(out)
}

fn forget_brief_file(state: &AppState) {
    *state.brief_file.lock().expect("the lock is never poisoned") = None;
}

/// Loads the dataset folder `dir`, makes it the one in use and remembers it.
fn use_folder(state: &AppState, dir: &std::path::Path) -> Result<DatasetInfo> {
    let loaded = Loaded::from_dir(dir)?;
    state.remember_dataset(Some(dir))?;
    let out = info(&loaded);
    state.replace_dataset(loaded);
    Ok(out)
}

/// A party the user names for an empty dataset.
#[derive(serde::Deserialize)]
pub struct PartyForm {
    id: String,
    name: String,
}

/// Makes a new dataset in a new subfolder of `parent` (chosen in a
/// dialog), `Dossier dataset` (or `Dossier dataset 2`…), opens it and
/// remembers it: the app's first edit starts here. Without `parties` it is
/// a copy of the built-in dataset; with them, an empty dataset for those
/// parties (the first the reader's own) with the built-in topics.
#[tauri::command]
pub fn make_editable_copy(
    state: State<'_, AppState>,
    parent: String,
    parties: Option<Vec<PartyForm>>,
) -> Result<DatasetInfo> {
    let start = match parties {
        None => dossier::init::Start::Copy,
        Some(list) if list.len() < 2 => {
            return Err(Error::Other(
                "Name at least two parties: ours first, then the other.".into(),
            ));
        }
        Some(list) => dossier::init::Start::Empty {
            parties: list
                .iter()
                .map(|p| dossier::init::NewParty::new(&p.id, &p.name))
                .collect::<std::result::Result<_, _>>()
                .map_err(|e| Error::Other(format!("{e}.")))?,
            ours: None,
            topics: None,
        },
    };
    let parent = state.chosen(&parent)?;
    let dir = (1..)
        .map(|n| match n {
            1 => parent.join("Dossier dataset"),
            n => parent.join(format!("Dossier dataset {n}")),
        })
        .find(|d| !d.exists())
        .expect("some name is free");
    dossier::init::init(&dir, &start).map_err(|e| Error::Other(format!("{e}.")))?;
    use_folder(&state, &dir)
}

/// Goes back to the built-in dataset and forgets the folder.
#[tauri::command]
pub fn use_builtin_dataset(state: State<'_, AppState>) -> Result<DatasetInfo> {
    let loaded = Loaded::embedded()?;
    state.remember_dataset(None)?;
    let out = info(&loaded);
    state.replace_dataset(loaded);
    forget_brief_file(&state);
    Ok(out)
}
