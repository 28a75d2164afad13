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
    /// What was asked for would not make a valid dataset (a party or the
    /// topics file); nothing was written.
    #[error("{0}")]
    Invalid(String),
}

/// What a new dataset folder starts as.
#[derive(Debug, Clone, Default)]
pub enum Start {
    /// A copy of the built-in dataset.
    #[default]
    Copy,
    /// No sources or people: the topics and markings, and the parties of
    /// a relationship.
    Empty {
        /// The parties; none gives the built-in dataset's (the United
        /// States, ours, and Kazakhstan).
        parties: Vec<NewParty>,
        /// The id of the reader's own party (default: the first).
        ours: Option<String>,
        /// A `topics.toml` of the user's own: its path as the user gave
        /// it (for messages) and its text (default: the built-in
        /// dataset's topics).
        topics: Option<(String, String)>,
    },
}

/// A party named when a dataset is started: `uz="Uzbekistan"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewParty {
    /// Its id, as `side` fields will write it.
    pub id: String,
    /// Its name as the memo prints it.
    pub name: String,
}

impl std::str::FromStr for NewParty {
    type Err = String;

    /// Reads `ID=NAME` (`uz=Uzbekistan`, `eu="European Union"`).
    fn from_str(arg: &str) -> Result<NewParty, String> {
        match arg.split_once('=') {
            Some((id, name)) => NewParty::new(id, name.trim().trim_matches('"')),
            None => Err(format!(
                "'{arg}' is not ID=NAME; write a party as uz=Uzbekistan or eu=\"European Union\""
            )),
        }
    }
}

impl NewParty {
    /// A party with this id and name, both checked: the id as the dataset
    /// format wants it, a name that is not empty.
    pub fn new(id: &str, name: &str) -> Result<NewParty, String> {
        let (id, name) = (id.trim(), name.trim());
        if crate::dataset::PartyId::new(id).is_none() {
            return Err(format!(
                "the party id '{id}' must be lower-case letters, digits and hyphens, at most {} long, and not joint or other (for example uz)",
                crate::dataset::PartyId::MAX
            ));
        }
        if name.is_empty() {
            return Err(format!(
                "the party '{id}' has no name; give the name the memo prints"
            ));
        }
        Ok(NewParty {
            id: id.to_string(),
            name: name.to_string(),
        })
    }
}

/// Writes a dataset into `dir` (new or empty), as `start` says. The files
/// are checked as a dataset before any is written. Returns the number of
/// files written.
pub fn init(dir: &Path, start: &Start) -> Result<usize, InitError> {
    let embedded = DatasetFiles::embedded();
    let Start::Empty {
        parties,
        ours,
        topics,
    } = start
    else {
        return write_files(dir, &embedded.files);
    };
    let keep = |name: &str| {
        embedded
            .get(name)
            .map(|t| (name.to_string(), t.to_string()))
    };
    let mut files: Vec<(String, String)> = [keep("markings.toml")].into_iter().flatten().collect();
    files.push(match topics {
        Some((_, text)) => ("topics.toml".to_string(), text.clone()),
        None => {
            let built_in = embedded
                .get("topics.toml")
                .expect("the built-in dataset has topics");
            ("topics.toml".to_string(), topics_for(built_in, parties))
        }
    });
    files.push(match parties.as_slice() {
        [] => keep("dataset.toml").expect("the built-in dataset declares its parties"),
        _ => (
            "dataset.toml".to_string(),
            declaration(parties, ours.as_deref())?,
        ),
    });
    files.extend([
        (
            "people.toml".to_string(),
            "# People and institutions that speak or take part: [[person]] and\n# [[institution]] records (see the dataset format).\n".to_string(),
        ),
        (
            "places.toml".to_string(),
            "# Places where events happen: [[place]] records (see the dataset format).\n"
                .to_string(),
        ),
    ]);
    files.sort();
    let check = DatasetFiles {
        root: dir.display().to_string(),
        files: files.clone(),
        cache: None,
    };
    crate::dataset::load(&check).map_err(|problems| {
        // Only the topics file the user gave can be at fault: named as given.
        let given = topics
            .as_ref()
            .map_or("topics.toml", |(path, _)| path.as_str());
        let lines: Vec<String> = problems
            .list
            .iter()
            .map(|p| {
                let mut p = p.clone();
                if p.file.ends_with("topics.toml") {
                    p.file = given.to_string();
                }
                p.to_string()
            })
            .collect();
        InitError::Invalid(format!(
            "{}\nNothing was written to {}",
            lines.join("\n"),
            dir.display()
        ))
    })?;
    write_files(dir, &files)
}

/// The built-in topics for a dataset of `parties`: a description that
/// names a built-in party the new dataset lacks ("The U.S.–Kazakhstan
/// High-Level Dialogue …") becomes the topic's label, so that nothing of
/// the built-in relationship is carried into another.
fn topics_for(built_in: &str, parties: &[NewParty]) -> String {
    let Ok(mut doc) = built_in.parse::<toml_edit::DocumentMut>() else {
        return built_in.to_string();
    };
    let default: Vec<String> = crate::dataset::DEFAULT_DECLARATION
        .parse::<toml_edit::DocumentMut>()
        .ok()
        .and_then(|d| {
            d.get("party")
                .and_then(|p| p.as_array_of_tables())
                .map(|list| {
                    list.iter()
                        .filter_map(|t| t.get("name").and_then(|n| n.as_str()).map(str::to_string))
                        .collect()
                })
        })
        .unwrap_or_default();
    let lacking: Vec<&str> = default
        .iter()
        .filter(|d| !parties.is_empty() && !parties.iter().any(|p| &p.name == *d))
        .map(String::as_str)
        .collect();
    if let Some(topics) = doc
        .get_mut("topic")
        .and_then(|t| t.as_array_of_tables_mut())
    {
        for topic in topics.iter_mut() {
            let names_lacking = topic
                .get("description")
                .and_then(|d| d.as_str())
                .is_some_and(|d| lacking.iter().any(|name| d.contains(name)));
            let label = topic
                .get("label")
                .and_then(|l| l.as_str())
                .map(str::to_string);
            if let (true, Some(label)) = (names_lacking, label) {
                topic["description"] = toml_edit::value(format!("{label}."));
            }
        }
    }
    doc.to_string()
}

/// The `dataset.toml` that declares `parties`, `ours` (or the first) the
/// reader's own, each with the words ingest knows for a state of its name.
fn declaration(parties: &[NewParty], ours: Option<&str>) -> Result<String, InitError> {
    if parties.len() < 2 {
        return Err(InitError::Invalid(
            "a relationship has at least two parties: name ours and the other (--party us=\"United States\" --party uz=Uzbekistan)".into(),
        ));
    }
    for (n, p) in parties.iter().enumerate() {
        if let Some(q) = parties[..n]
            .iter()
            .find(|q| q.id == p.id || q.name.eq_ignore_ascii_case(&p.name))
        {
            return Err(InitError::Invalid(format!(
                "two parties are both '{}' ({}={} and {}={}); give each party its own id and name",
                if q.id == p.id { &p.id } else { &p.name },
                q.id,
                q.name,
                p.id,
                p.name
            )));
        }
    }
    let ours = ours.unwrap_or(&parties[0].id);
    if !parties.iter().any(|p| p.id == ours) {
        let ids: Vec<&str> = parties.iter().map(|p| p.id.as_str()).collect();
        return Err(InitError::Invalid(format!(
            "--ours is '{ours}', which is not one of the parties given ({}); name one of them",
            ids.join(", ")
        )));
    }
    let mut out = String::from(
        "# The parties of the relationship this dataset describes (see the dataset\n# format): a statement's `side` is one of their ids, `joint` or `other`.\n# `words` name a party in a text; `dossier ingest` ties subjects and\n# titles to the party by them. Add the words your documents use.\n",
    );
    let mut taken: Vec<String> = Vec::new();
    for p in parties {
        let words: Vec<String> = crate::ingest::gazetteer::words_of(&p.name)
            .into_iter()
            .filter(|w| !taken.contains(&w.to_lowercase()))
            .collect();
        taken.extend(words.iter().map(|w| w.to_lowercase()));
        let words: Vec<String> = words.iter().map(|w| toml_string(w)).collect();
        out.push_str(&format!(
            "\n[[party]]\nid = {}\nname = {}\n{}words = [{}]\n",
            toml_string(&p.id),
            toml_string(&p.name),
            if p.id == ours { "ours = true\n" } else { "" },
            words.join(", ")
        ));
    }
    Ok(out)
}

/// `text` as a TOML basic string.
fn toml_string(text: &str) -> String {
    toml_edit::Value::from(text).to_string().trim().to_string()
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
/// empty, all at once: into a hidden folder beside it, which is then
/// renamed to `dir`. A killed `init` or `synth` leaves no dataset (only
/// that hidden folder, `.NAME.dossier-*`), never a partial one that would
/// validate; and of two made at once into the same folder, one is refused.
fn write_files(dir: &Path, files: &[(String, String)]) -> Result<usize, InitError> {
    let io = |e: std::io::Error| InitError::Io(dir.display().to_string(), e);
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(io)?;
        if entries.next().is_some() {
            return Err(InitError::NotEmpty(dir.display().to_string()));
        }
    }
    let parent = crate::atomic::folder_of(dir);
    std::fs::create_dir_all(parent).map_err(io)?;
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "dataset".into());
    let prefix = format!(".{name}.dossier-");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix);
    // Readable by others as far as the umask allows, like the files in it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o777));
    }
    let staging = builder.tempdir_in(parent).map_err(io)?;
    std::fs::create_dir_all(staging.path().join("sources")).map_err(io)?;
    for (rel, text) in files {
        let path = staging.path().join(rel);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(io)?;
        }
        crate::atomic::write_atomically(&path, text.as_bytes())
            .map_err(|e| InitError::Io(dir.join(rel).display().to_string(), e))?;
    }
    let staged = staging.keep();
    // Renaming over an empty folder replaces it; over one that another
    // writer filled meanwhile, it fails.
    if let Err(e) = std::fs::rename(&staged, dir) {
        let _ = std::fs::remove_dir_all(&staged);
        return Err(match e.kind() {
            std::io::ErrorKind::DirectoryNotEmpty | std::io::ErrorKind::AlreadyExists => {
                InitError::NotEmpty(dir.display().to_string())
            }
            _ => io(e),
        });
    }
    Ok(files.len())
}
