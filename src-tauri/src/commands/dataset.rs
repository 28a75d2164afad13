//! The dataset: what it holds, and opening a folder of the user's own.

use serde::Serialize;
use tauri::State;

use dossier::Dataset;

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

/// What the window shows about the dataset in use.
#[derive(Serialize)]
pub struct DatasetInfo {
    name: String,
    items: usize,
    sources: usize,
    topics: Vec<TopicInfo>,
}

fn info(loaded: &Loaded) -> DatasetInfo {
    DatasetInfo {
        name: loaded.name.clone(),
        items: loaded.data.items.len(),
        sources: loaded.data.sources.len(),
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
    }
}

/// The dataset in use.
#[tauri::command]
pub fn dataset_info(state: State<'_, AppState>) -> Result<DatasetInfo> {
    Ok(info(
        &state.dataset.read().expect("the lock is never poisoned"),
    ))
}

/// Loads the dataset folder at `path` (chosen in a dialog). A folder with
/// problems is refused with all of them, and the dataset in use stays.
#[tauri::command]
pub fn open_dataset(state: State<'_, AppState>, path: String) -> Result<DatasetInfo> {
    let dir = state.chosen(&path)?;
    let data = Dataset::from_dir(&dir).map_err(Error::InvalidDataset)?;
    let mut loaded = state.dataset.write().expect("the lock is never poisoned");
    *loaded = Loaded {
        data,
        name: dir.display().to_string(),
    };
    Ok(info(&loaded))
}
