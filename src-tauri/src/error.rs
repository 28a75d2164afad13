//! The app's error: one or two plain sentences, sent to the window as a string.

use serde::{Serialize, Serializer};

/// What went wrong in a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A dataset folder has problems; the lines list every one.
    #[error("{0}")]
    InvalidDataset(dossier::Problems),
    /// A brief file has problems.
    #[error("{0}")]
    InvalidBrief(dossier::Problems),
    /// The brief cannot be assembled (an unknown topic, an empty period).
    #[error("{0}.")]
    Brief(#[from] dossier::assemble::AssembleError),
    /// The memo's HTML could not be rendered.
    #[error("{0}.")]
    Html(#[from] dossier::render::html::HtmlError),
    /// A file could not be read or written.
    #[error("{path}: {source}. Nothing was written.")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A path the user did not choose in a dialog.
    #[error("{0} was not chosen in a file dialog; Dossier only reads and writes files you pick.")]
    NotChosen(String),
    /// An edit of the dataset was refused.
    #[error("{0}.")]
    Edit(#[from] dossier::edit::EditError),
    /// The built-in dataset cannot be changed.
    #[error(
        "The built-in dataset is read-only: make an editable copy first (Dataset ▸ Make an editable copy…)."
    )]
    ReadOnly,
    /// A file changed on disk behind the app's back.
    #[error("{0}")]
    Conflict(String),
    /// Anything else, said plainly.
    #[error("{0}")]
    Other(String),
}

impl Serialize for Error {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// What commands return.
pub type Result<T> = std::result::Result<T, Error>;
