//! The files of a dataset, read from a folder or from the copy embedded in
//! the program, before any parsing.

use std::fs;
use std::path::Path;

use super::problem::{Problem, Problems};
use crate::limits::{LimitedReadError, MAX_DATASET_FILE, read_to_string_at_most};

/// The text files of a dataset, keyed by their path inside the dataset folder.
#[derive(Debug, Clone)]
pub struct DatasetFiles {
    /// How to name the dataset to the user: the folder as given, or
    /// `data` for the embedded one.
    pub root: String,
    /// Each file's path relative to the root (with `/`), and its text.
    pub files: Vec<(String, String)>,
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

impl DatasetFiles {
    /// The default dataset, compiled into the program from `data/`.
    pub fn embedded() -> DatasetFiles {
        DatasetFiles {
            root: "data".to_string(),
            files: embedded::FILES
                .iter()
                .map(|(p, t)| (p.to_string(), t.to_string()))
                .collect(),
        }
    }

    /// Reads a dataset folder: the top-level TOML files and everything in
    /// `sources/`. Unreadable files are problems, reported all together.
    pub fn read_dir(dir: &Path) -> Result<DatasetFiles, Problems> {
        let root = dir.display().to_string();
        let fail = |file: String, message: String| {
            Problems::dataset(
                &root,
                vec![Problem {
                    file,
                    line: None,
                    message,
                }],
            )
        };
        if !dir.is_dir() {
            return Err(fail(
                root.clone(),
                "there is no dataset folder here; give --data the folder that holds topics.toml, people.toml, places.toml and sources/".into(),
            ));
        }
        let mut files = Vec::new();
        let mut problems = Vec::new();
        let mut read = |rel: String| {
            let path = dir.join(&rel);
            match read_to_string_at_most(&path, MAX_DATASET_FILE) {
                Ok(text) => files.push((rel, text)),
                Err(e) => problems.push(Problem {
                    file: path.display().to_string(),
                    line: None,
                    message: if e.is_not_found() {
                        "is missing; every dataset has topics.toml, people.toml, places.toml and a sources/ folder".to_string()
                    } else if let LimitedReadError::TooLarge { .. } = e {
                        format!("is not read: {e}; split the source into parts, or keep only the text the items quote")
                    } else {
                        format!("cannot be read: {e}")
                    },
                }),
            }
        };
        for name in TOP_FILES {
            read(name.to_string());
        }
        for optional in [MARKINGS_FILE, DECLARATION_FILE] {
            if dir.join(optional).exists() {
                read(optional.to_string());
            }
        }
        let sources = dir.join("sources");
        match fs::read_dir(&sources) {
            Ok(entries) => {
                let mut names: Vec<String> = entries
                    .filter_map(|e| e.ok())
                    .filter(|e| e.path().is_file())
                    .filter_map(|e| e.file_name().into_string().ok())
                    .filter(|n| n.ends_with(".toml") || n.ends_with(".txt"))
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
        if problems.is_empty() {
            Ok(DatasetFiles { root, files })
        } else {
            Err(Problems::dataset(&root, problems))
        }
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

    /// The text of a file, if the dataset has it.
    pub fn get(&self, rel: &str) -> Option<&str> {
        self.files
            .iter()
            .find(|(p, _)| p == rel)
            .map(|(_, t)| t.as_str())
    }
}
