//! What the app holds between commands: the dataset in use (and, for a
//! folder, its files as read), the files the user has chosen, the settings
//! file, the last change (for undo) and the last document read.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock, RwLock};

use dossier::Dataset;
use dossier::dataset::DatasetFiles;
use dossier::edit::{DatasetEdit, EditError, Saved};
use dossier::ingest::read::Document;
use dossier::ledger::{Followed, Ledger, Proposal};
use dossier::render::html::HtmlRenderer;

use crate::error::{Error, Result};
use crate::settings::Settings;

/// The dataset in use and where it came from.
pub struct Loaded {
    /// The validated dataset.
    pub data: Dataset,
    /// Its follow-up threads.
    pub ledger: Ledger,
    /// Updates ingest proposed for them, pending review.
    pub proposals: Vec<Proposal>,
    /// How to name it to the user.
    pub name: String,
    /// The folder it was read from, with its files as read (to tell a change
    /// on disk); none for the built-in dataset, which is read-only.
    pub folder: Option<(PathBuf, DatasetFiles)>,
}

impl Loaded {
    /// The built-in dataset.
    pub fn embedded() -> Result<Loaded> {
        let f = Followed::embedded().map_err(Error::InvalidDataset)?;
        Ok(Loaded {
            data: f.data,
            ledger: f.ledger,
            proposals: f.proposals,
            name: "Built-in dataset".to_string(),
            folder: None,
        })
    }

    /// The dataset folder `dir`, if it loads cleanly.
    pub fn from_dir(dir: &Path) -> Result<Loaded> {
        let files = DatasetFiles::read_dir(dir).map_err(Error::InvalidDataset)?;
        let f = Followed::load(&files).map_err(Error::InvalidDataset)?;
        Ok(Loaded {
            data: f.data,
            ledger: f.ledger,
            proposals: f.proposals,
            name: dir.display().to_string(),
            folder: Some((dir.to_path_buf(), files)),
        })
    }
}

/// A plain refusal when the dataset folder in use no longer exists (moved
/// or deleted while the app held it): nothing can be written there.
pub fn gone(dir: &Path) -> Result<()> {
    if dir.join("sources").is_dir() {
        Ok(())
    } else {
        Err(Error::Other(format!(
            "The dataset folder {} is gone (moved or deleted?). Nothing was written. Open it again where it is now, or choose “Use built-in dataset”.",
            dir.display()
        )))
    }
}

/// The last change saved, which "Undo" takes back.
pub struct LastChange {
    /// What the user did, in words ("accepting s-one").
    pub what: String,
    /// The files it wrote.
    pub saved: Saved,
}

/// Shared state of the window's commands.
pub struct AppState {
    /// The dataset in use; replaced only by a dataset that loads cleanly.
    pub dataset: RwLock<Loaded>,
    /// The last change, for undo.
    pub last_change: Mutex<Option<LastChange>>,
    /// The document last read for "Add document…": its path and contents.
    pub document: Mutex<Option<(PathBuf, Document)>>,
    /// Something to tell the user at start (a remembered folder that did not load).
    pub start_note: Mutex<Option<String>>,
    /// The brief file last opened or saved, with its record (what the memo
    /// last exported from it showed), if it has one.
    pub brief_file: Mutex<Option<(PathBuf, Option<dossier::shown::Shown>)>>,
    /// The settings file, once the platform's config directory is known.
    settings_file: OnceLock<PathBuf>,
    /// The HTML renderer, its templates parsed once, at the first preview.
    html: OnceLock<HtmlRenderer>,
    /// Files and folders chosen in a dialog this session.
    chosen: Mutex<Vec<PathBuf>>,
    /// A folder whose contents count as chosen (`DOSSIER_ALLOW_DIR`, set by
    /// whoever starts the app, as the end-to-end tests do).
    allow_dir: Option<PathBuf>,
}

impl AppState {
    /// The state with the embedded dataset.
    pub fn new() -> Result<AppState> {
        Ok(AppState {
            dataset: RwLock::new(Loaded::embedded()?),
            last_change: Mutex::new(None),
            document: Mutex::new(None),
            start_note: Mutex::new(None),
            brief_file: Mutex::new(None),
            html: OnceLock::new(),
            settings_file: OnceLock::new(),
            chosen: Mutex::new(Vec::new()),
            allow_dir: std::env::var_os("DOSSIER_ALLOW_DIR").map(PathBuf::from),
        })
    }

    /// The HTML renderer of the preview and the export, built at first use.
    pub fn html(&self) -> Result<&HtmlRenderer> {
        if let Some(renderer) = self.html.get() {
            return Ok(renderer);
        }
        let renderer = HtmlRenderer::new(None)?;
        Ok(self.html.get_or_init(|| renderer))
    }

    /// Reads the settings in `file` and reopens the dataset folder they
    /// remember; one that no longer loads leaves the built-in dataset in use
    /// and a note saying why.
    pub fn start_with_settings(&self, file: PathBuf) {
        let settings = Settings::read(&file);
        let _ = self.settings_file.set(file);
        let Some(dir) = settings.dataset else { return };
        match Loaded::from_dir(&dir) {
            Ok(loaded) => *self.dataset.write().expect("the lock is never poisoned") = loaded,
            Err(e) => {
                let first = e.to_string().lines().next().unwrap_or_default().to_string();
                *self.start_note.lock().expect("the lock is never poisoned") = Some(format!(
                    "The dataset folder {} could not be opened ({first}); the built-in dataset is in use. Open the folder again once it is mended, or choose “Use built-in dataset” to forget it.",
                    dir.display()
                ));
            }
        }
    }

    /// Remembers `dir` (none: the built-in dataset) as the dataset to open
    /// at the next start.
    pub fn remember_dataset(&self, dir: Option<&Path>) -> Result<()> {
        let Some(file) = self.settings_file.get() else {
            return Ok(());
        };
        Settings {
            dataset: dir.map(Path::to_path_buf),
        }
        .write(file)
        .map_err(|source| Error::Io {
            path: file.display().to_string(),
            source,
        })
    }

    /// Makes `loaded` the dataset in use; the last change cannot be undone
    /// across datasets.
    pub fn replace_dataset(&self, loaded: Loaded) {
        *self.dataset.write().expect("the lock is never poisoned") = loaded;
        *self.last_change.lock().expect("the lock is never poisoned") = None;
    }

    /// Makes a change to the dataset folder in use through `change`, saves
    /// it (validated, atomically) and reloads the dataset. `what` names it
    /// for undo. Refused on the built-in dataset, and when a file changed on
    /// disk since the app read it: then the app reloads and says so.
    pub fn edit<T>(
        &self,
        what: &str,
        change: impl FnOnce(&mut DatasetEdit) -> std::result::Result<T, EditError>,
    ) -> Result<T> {
        let mut loaded = self.dataset.write().expect("the lock is never poisoned");
        let Some((dir, files)) = &loaded.folder else {
            return Err(Error::ReadOnly);
        };
        let dir = dir.clone();
        gone(&dir)?;
        let opened = DatasetEdit::open_as_read(&dir, files);
        let saved = opened.and_then(|mut edit| {
            let out = change(&mut edit)?;
            Ok((out, edit.save()?))
        });
        let (out, saved) = match saved {
            Ok(done) => done,
            Err(EditError::ChangedOnDisk(changed)) => {
                return Err(self.reload_after_conflict(&mut loaded, &dir, &changed));
            }
            Err(e) => return Err(e.into()),
        };
        *loaded = Loaded::from_dir(&dir)?;
        // A change that wrote nothing (accepting none) leaves the last one undoable.
        if !saved.paths().is_empty() {
            *self.last_change.lock().expect("the lock is never poisoned") = Some(LastChange {
                what: what.to_string(),
                saved,
            });
        }
        Ok(out)
    }

    /// Takes back the last change, if its files are as it left them. A
    /// refused undo keeps the change, to try again; a file changed on disk
    /// meanwhile reloads the dataset and drops it.
    pub fn undo(&self) -> Result<String> {
        let mut loaded = self.dataset.write().expect("the lock is never poisoned");
        let Some(change) = self
            .last_change
            .lock()
            .expect("the lock is never poisoned")
            .take()
        else {
            return Err(Error::Other("There is nothing to undo.".into()));
        };
        let Some((dir, _)) = &loaded.folder else {
            return Err(Error::ReadOnly);
        };
        let dir = dir.clone();
        match change.saved.undo() {
            Ok(_) => {
                *loaded = Loaded::from_dir(&dir)?;
                Ok(change.what)
            }
            Err(EditError::ChangedOnDisk(changed)) => {
                Err(self.reload_after_conflict(&mut loaded, &dir, &changed))
            }
            Err(e) => {
                *self.last_change.lock().expect("the lock is never poisoned") = Some(change);
                Err(e.into())
            }
        }
    }

    /// Checks that the dataset folder in use is as the app read it; if a
    /// file changed on disk, reloads it and says so. Returns its folder.
    pub fn check_unchanged(&self) -> Result<PathBuf> {
        let mut loaded = self.dataset.write().expect("the lock is never poisoned");
        let Some((dir, files)) = &loaded.folder else {
            return Err(Error::ReadOnly);
        };
        let dir = dir.clone();
        gone(&dir)?;
        let now = DatasetFiles::read_dir(&dir).map_err(Error::InvalidDataset)?;
        let changed = dossier::edit::changed_files(files, &now);
        if changed.is_empty() {
            Ok(dir)
        } else {
            Err(self.reload_after_conflict(&mut loaded, &dir, &changed))
        }
    }

    /// Reloads the dataset after another program changed its files; the
    /// last change can no longer be undone. The error to show.
    fn reload_after_conflict(&self, loaded: &mut Loaded, dir: &Path, changed: &[String]) -> Error {
        *self.last_change.lock().expect("the lock is never poisoned") = None;
        let files = changed.join(", ");
        match Loaded::from_dir(dir) {
            Ok(fresh) => {
                *loaded = fresh;
                Error::Conflict(format!(
                    "{files} changed on disk since Dossier read it (another editor, a git pull?). Dossier has reloaded the dataset and wrote nothing, so that change is kept; look again and redo yours."
                ))
            }
            Err(e) => Error::Conflict(format!(
                "{files} changed on disk since Dossier read it, and the dataset no longer loads:\n{e}\nDossier wrote nothing; mend the files, then open the folder again."
            )),
        }
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
