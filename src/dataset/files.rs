//! The files of a dataset, read from a folder or from the copy embedded in
//! the program, before any parsing.

use std::fs;
use std::path::Path;

use super::problem::{Problem, Problems};
use crate::limits::{LimitedReadError, MAX_DATASET_FILE, read_to_string_at_most};
use crate::transaction::{ReadLock, WriteLock, unfinished};

/// The text files of a dataset, keyed by their path inside the dataset folder.
#[derive(Debug, Clone)]
pub struct DatasetFiles {
    /// How to name the dataset to the user: the folder as given, or
    /// `data` for the embedded one.
    pub root: String,
    /// Each file's path relative to the root (with `/`), and its text.
    pub files: Vec<(String, String)>,
    /// The cache of the folder the files were read from, if it has one:
    /// loading takes what it kept of the files that did not change
    /// (`dataset::cache`). `None` for the embedded dataset and files made
    /// in memory.
    pub cache: Option<super::CacheSlot>,
}

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_data.rs"));
}

/// The files every dataset has at its top level.
pub const TOP_FILES: [&str; 3] = ["topics.toml", "people.toml", "places.toml"];

/// The optional top-level file that declares the dataset's classification
/// markings, lowest first (without it, the default scheme applies).
pub const MARKINGS_FILE: &str = "markings.toml";

/// The optional top-level file that declares the parties of the
/// relationship (without it, the built-in dataset's two).
pub const DECLARATION_FILE: &str = "dataset.toml";

/// The optional top-level file of follow-up threads (see `crate::ledger`):
/// a dataset without it has none.
pub const LEDGER_FILE: &str = "ledger.toml";

impl DatasetFiles {
    /// The default dataset, compiled into the program from `data/`.
    pub fn embedded() -> DatasetFiles {
        DatasetFiles {
            root: "data".to_string(),
            cache: None,
            files: embedded::FILES
                .iter()
                .map(|(p, t)| (p.to_string(), t.to_string()))
                .collect(),
        }
    }

    /// Reads a dataset folder: the top-level TOML files and everything in
    /// `sources/`. Unreadable files are problems, reported all together.
    /// Waits for a Dossier changing the folder to finish, and sees a change
    /// a killed writer left unfinished as made.
    pub fn read_dir(dir: &Path) -> Result<DatasetFiles, Problems> {
        if !dir.is_dir() {
            return Err(one_problem(
                dir,
                dir.display().to_string(),
                "there is no dataset folder here; give --data the folder that holds topics.toml, people.toml, places.toml and sources/".into(),
            ));
        }
        let lock = || {
            ReadLock::acquire(dir)
                .map_err(|e| one_problem(dir, dir.display().to_string(), e.to_string()))
        };
        let shared = lock()?;
        let files = read_files(dir)?;
        if shared.held() || !dir.join(crate::transaction::LOCK_FILE).exists() {
            return Ok(files);
        }
        // The first writer came while this read: read again, under its lock.
        let _shared = lock()?;
        read_files(dir)
    }

    /// Reads the dataset folder that `lock` holds, for a change to it.
    pub fn read_locked(lock: &WriteLock) -> Result<DatasetFiles, Problems> {
        read_files(lock.dir())
    }

    /// These files without one source: its record and text, and every
    /// citation of it in other files (`also`). For measuring ingest on a
    /// document the dataset does not know yet, and for removing a source.
    pub fn without_source(mut self, source: &str) -> DatasetFiles {
        let own = [
            format!("sources/{source}.toml"),
            format!("sources/{source}.txt"),
        ];
        self.files.retain(|(p, _)| !own.contains(p));
        for (path, text) in self.files.iter_mut() {
            if !path.starts_with("sources/") || !path.ends_with(".toml") {
                continue;
            }
            let Ok(mut doc) = text.parse::<toml_edit::DocumentMut>() else {
                continue;
            };
            let cites =
                |t: &toml_edit::Table| t.get("source").and_then(|s| s.as_str()) == Some(source);
            for table in ["statement", "figure", "event"] {
                let Some(array) = doc
                    .get_mut(table)
                    .and_then(toml_edit::Item::as_array_of_tables_mut)
                else {
                    continue;
                };
                for record in array.iter_mut() {
                    if let Some(also) = record
                        .get_mut("also")
                        .and_then(toml_edit::Item::as_array_of_tables_mut)
                    {
                        also.retain(|a| !cites(a));
                        if also.is_empty() {
                            record.remove("also");
                        }
                    }
                }
            }
            *text = doc.to_string();
        }
        self
    }

    /// The path to show the user for a file of this dataset.
    pub fn display_path(&self, rel: &str) -> String {
        format!("{}/{}", self.root.trim_end_matches('/'), rel)
    }

    /// Puts each file in its place: the top-level files first, as read,
    /// then the sources by name.
    fn sort(&mut self) {
        self.files.sort_by(|a, b| {
            match (a.0.starts_with("sources/"), b.0.starts_with("sources/")) {
                (true, true) => a.0.cmp(&b.0),
                (x, y) => x.cmp(&y),
            }
        });
    }

    /// Whether `path` is, or would be, one of the files of the dataset
    /// folder `dir`: a TOML or text file at its top level or in its
    /// `sources/`. An output must never replace one.
    pub fn is_file_of(dir: &Path, path: &Path) -> bool {
        let (Ok(root), Some(name), Some(folder)) = (
            fs::canonicalize(dir),
            path.file_name(),
            fs::canonicalize(crate::atomic::folder_of(path)).ok(),
        ) else {
            return false;
        };
        let data_file = Path::new(name)
            .extension()
            .is_some_and(|e| e == "toml" || e == "txt");
        data_file && (folder == root || folder == root.join("sources"))
    }

    /// Where `path` really is, if a link takes it outside the dataset
    /// folder `dir`: such a file is refused, never read.
    pub fn link_outside(dir: &Path, path: &Path) -> Option<std::path::PathBuf> {
        let inside = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        outside_of(&inside, path)
    }

    /// The text of a file, if the dataset has it.
    pub fn get(&self, rel: &str) -> Option<&str> {
        self.files
            .iter()
            .find(|(p, _)| p == rel)
            .map(|(_, t)| t.as_str())
    }
}

fn one_problem(dir: &Path, file: String, message: String) -> Problems {
    Problems::dataset(
        &dir.display().to_string(),
        vec![Problem {
            file,
            line: None,
            message,
        }],
    )
}

/// The files of the dataset folder `dir`, read without a lock, with the
/// change a killed writer left unfinished applied.
fn read_files(dir: &Path) -> Result<DatasetFiles, Problems> {
    let root = dir.display().to_string();
    let inside = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut read = |rel: String| {
        let path = dir.join(&rel);
        let problem = |message: String| Problem {
            file: path.display().to_string(),
            line: None,
            message,
        };
        let problem_at = |line: Option<usize>, message: String| Problem {
            line,
            ..problem(message)
        };
        if let Some(outside) = outside_of(&inside, &path) {
            problems.push(problem(format!(
                "is a link to {}, outside the dataset folder; Dossier reads only files inside it, so copy the file in or remove the link",
                outside.display()
            )));
            return;
        }
        match read_to_string_at_most(&path, MAX_DATASET_FILE) {
            Ok(text) => files.push((rel, text)),
            Err(e) => problems.push(problem(if e.is_not_found() {
                "is missing; every dataset has topics.toml, people.toml, places.toml and a sources/ folder".to_string()
            } else if let LimitedReadError::TooLarge { .. } = e {
                format!("is not read: {e}; split the source into parts, or keep only the text the items quote")
            } else if let LimitedReadError::NotAFile(_) = e {
                format!("is not read: {e}; put the file itself here")
            } else if let LimitedReadError::NotUtf8 { .. } = e {
                return problems.push(problem_at(e.line(), format!("{e}")));
            } else {
                format!("cannot be read: {e}")
            })),
        }
    };
    for name in TOP_FILES {
        read(name.to_string());
    }
    for optional in [MARKINGS_FILE, DECLARATION_FILE, LEDGER_FILE] {
        if fs::symlink_metadata(dir.join(optional)).is_ok() {
            read(optional.to_string());
        }
    }
    let sources = dir.join("sources");
    if let Some(outside) = outside_of(&inside, &sources) {
        problems.push(Problem {
            file: sources.display().to_string(),
            line: None,
            message: format!(
                "is a link to {}, outside the dataset folder; Dossier reads only files inside it",
                outside.display()
            ),
        });
        return Err(Problems::dataset(&root, problems));
    }
    match fs::read_dir(&sources) {
        Ok(entries) => {
            let mut names: Vec<String> = entries
                .filter_map(|e| e.ok())
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| !n.starts_with('.') && (n.ends_with(".toml") || n.ends_with(".txt")))
                .collect();
            names.sort();
            for n in names {
                read(format!("sources/{n}"));
            }
        }
        Err(e) => problems.push(Problem {
            file: sources.display().to_string(),
            line: None,
            message: format!(
                "cannot be read: {e}; a dataset keeps its source documents in a sources/ folder"
            ),
        }),
    }
    if !problems.is_empty() {
        return Err(Problems::dataset(&root, problems));
    }
    let mut files = DatasetFiles {
        root,
        files,
        cache: super::CacheSlot::for_folder(dir),
    };
    let pending = unfinished(dir);
    if !pending.is_empty() {
        for (rel, text) in pending {
            files.files.retain(|(p, _)| *p != rel);
            if let Some(text) = text {
                files.files.push((rel, text));
            }
        }
        files.sort();
    }
    Ok(files)
}

/// Where `path` really is, if a link takes it outside the folder `inside`
/// (given as a canonical path).
fn outside_of(inside: &Path, path: &Path) -> Option<std::path::PathBuf> {
    if !fs::symlink_metadata(path).ok()?.file_type().is_symlink() {
        return None;
    }
    let real = fs::canonicalize(path).ok()?;
    (!real.starts_with(inside)).then_some(real)
}
