//! What the app holds between commands: the dataset in use and the files the
//! user has chosen.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, RwLock};

use dossier::Dataset;

use crate::error::{Error, Result};

/// The dataset in use and where it came from.
pub struct Loaded {
    /// The validated dataset.
    pub data: Dataset,
    /// How to name it to the user.
    pub name: String,
}

/// Shared state of the window's commands.
pub struct AppState {
    /// The dataset in use; replaced only by a dataset that loads cleanly.
    pub dataset: RwLock<Loaded>,
    /// Files and folders chosen in a dialog this session.
    chosen: Mutex<Vec<PathBuf>>,
    /// A folder whose contents count as chosen (`DOSSIER_ALLOW_DIR`, set by
    /// whoever starts the app, as the end-to-end tests do).
    allow_dir: Option<PathBuf>,
}

impl AppState {
    /// The state with the embedded dataset.
    pub fn new() -> Result<AppState> {
        let data = Dataset::embedded().map_err(Error::InvalidDataset)?;
        Ok(AppState {
            dataset: RwLock::new(Loaded {
                data,
                name: "Built-in dataset".to_string(),
            }),
            chosen: Mutex::new(Vec::new()),
            allow_dir: std::env::var_os("DOSSIER_ALLOW_DIR").map(PathBuf::from),
        })
    }

    /// Remembers a path the user chose in a dialog.
    pub fn choose(&self, path: &Path) {
        self.chosen
            .lock()
            .expect("the lock is never poisoned")
            .push(path.to_path_buf());
    }

    /// `path`, if the user chose it (or it lies in the allowed folder).
    pub fn chosen(&self, path: &str) -> Result<PathBuf> {
        let p = PathBuf::from(path);
        let picked = self
            .chosen
            .lock()
            .expect("the lock is never poisoned")
            .contains(&p);
        let allowed = self.allow_dir.as_ref().is_some_and(|dir| {
            let (Ok(dir), Ok(parent)) =
                (dir.canonicalize(), p.parent().unwrap_or(&p).canonicalize())
            else {
                return false;
            };
            parent.starts_with(dir) && !p.components().any(|c| c == std::path::Component::ParentDir)
        });
        if picked || allowed {
            Ok(p)
        } else {
            Err(Error::NotChosen(path.to_string()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(allow_dir: Option<PathBuf>) -> AppState {
        AppState {
            allow_dir,
            ..AppState::new().unwrap()
        }
    }

    #[test]
    fn only_chosen_paths_are_used() {
        let s = state(None);
        assert!(matches!(
            s.chosen("/tmp/memo.pdf"),
            Err(Error::NotChosen(_))
        ));
        s.choose(Path::new("/tmp/memo.pdf"));
        assert_eq!(
            s.chosen("/tmp/memo.pdf").unwrap(),
            PathBuf::from("/tmp/memo.pdf")
        );
        assert!(s.chosen("/tmp/other.pdf").is_err());
    }

    #[test]
    fn the_allowed_folder_covers_its_contents_only() {
        let dir = std::env::temp_dir().join(format!("dossier-allow-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        let s = state(Some(dir.clone()));
        assert!(s.chosen(dir.join("memo.pdf").to_str().unwrap()).is_ok());
        assert!(s.chosen(dir.join("sub").to_str().unwrap()).is_ok());
        assert!(
            s.chosen(dir.join("sub/../../escape.pdf").to_str().unwrap())
                .is_err()
        );
        assert!(s.chosen("/etc/passwd").is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
