//! `dossier init`: an editable dataset folder to start from — the embedded
//! dataset written out file by file, or an empty one with its topics and
//! markings, to edit or extend.

use std::path::Path;

use crate::dataset::DatasetFiles;

/// Why a folder could not be made a dataset.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    /// The folder has files already.
    #[error(
        "{0} is not empty; give a new folder (or an empty one) so that no file of yours is overwritten"
    )]
    NotEmpty(String),
    /// Writing failed.
    #[error("{0}: {1}")]
    Io(String, std::io::Error),
}

/// Writes a dataset into `dir` (new or empty): the embedded one, or with
/// `empty` only its topics, markings and empty people and places files.
/// Returns the number of files written.
pub fn init(dir: &Path, empty: bool) -> Result<usize, InitError> {
    let embedded = DatasetFiles::embedded();
    let files: Vec<(String, String)> = if empty {
        let keep = |name: &str| {
            embedded
                .get(name)
                .map(|t| (name.to_string(), t.to_string()))
        };
        [keep("topics.toml"), keep("markings.toml")]
            .into_iter()
            .flatten()
            .chain([
                (
                    "people.toml".to_string(),
                    "# People and institutions that speak or take part: [[person]] and\n# [[institution]] records (see the dataset format).\n".to_string(),
                ),
                (
                    "places.toml".to_string(),
                    "# Places where events happen: [[place]] records (see the dataset format).\n"
                        .to_string(),
                ),
            ])
            .collect()
    } else {
        embedded.files.clone()
    };
    write_files(dir, &files)
}

/// Writes the deterministic synthetic dataset of `items` items over
/// `topics` topics and `parties` parties (the one the benchmarks use) into
/// `dir` (new or empty), to try Dossier at scale. Returns the number of
/// files written.
pub fn synth(dir: &Path, items: usize, topics: usize, parties: usize) -> Result<usize, InitError> {
    write_files(
        dir,
        &crate::synthetic::generate(items, topics, parties).files,
    )
}

/// Writes `files` (relative path, text) into `dir`, which must be new or
/// empty, each file atomically.
fn write_files(dir: &Path, files: &[(String, String)]) -> Result<usize, InitError> {
    let io = |e: std::io::Error| InitError::Io(dir.display().to_string(), e);
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(io)?;
        if entries.next().is_some() {
            return Err(InitError::NotEmpty(dir.display().to_string()));
        }
    }
    std::fs::create_dir_all(dir.join("sources")).map_err(io)?;
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        crate::render::write_atomically(&path, text.as_bytes())
            .map_err(|e| InitError::Io(path.display().to_string(), e))?;
    }
    Ok(files.len())
}
