//! The follow-up ledger: what each side asked for and promised, and what
//! the sources show happened since.
//!
//! A [`Thread`] is opened by one item of the dataset (a call, a concern, a
//! commitment or a planned event) and owed by one party. Its [`Update`]s
//! each carry a [`Status`] and the items that show it, so a status is never
//! more than a source says. Threads live in the dataset's `ledger.toml`
//! (format in `data/README.md`), are checked against the dataset's items
//! when it loads ([`load`]), and are changed through `crate::edit` like
//! every other record. This module is over the dataset: it reads items and
//! sources, and knows no memo.

pub mod file;
mod load;
mod model;
mod view;

pub use load::{MAX_LABEL_CHARS, Proposal, dated, load, may_be_evidence, may_open, opened_on};
pub use model::{Ledger, Report, Status, Thread, Update};
pub use view::{
    Filter, Opening, ThreadView, according_to, keeping, opened_words, speaker_words, views,
};

use std::path::Path;

use crate::dataset::{Dataset, DatasetFiles, Problems};

/// A dataset and its ledger, read once from the same files.
#[derive(Debug, Clone)]
pub struct Followed {
    /// The dataset.
    pub data: Dataset,
    /// Its follow-up threads.
    pub ledger: Ledger,
    /// Updates proposed by ingest, pending review.
    pub proposals: Vec<Proposal>,
}

impl Followed {
    /// Loads and checks `files`: the dataset, then its ledger against it.
    pub fn load(files: &DatasetFiles) -> Result<Followed, Problems> {
        let data = crate::dataset::load(files)?;
        let (ledger, proposals) = load(files, &data)?;
        Ok(Followed {
            data,
            ledger,
            proposals,
        })
    }

    /// The default dataset embedded in the program, with its ledger.
    pub fn embedded() -> Result<Followed, Problems> {
        Followed::load(&DatasetFiles::embedded())
    }

    /// The dataset in `dir` with its ledger, or the embedded one when `dir`
    /// is `None`.
    pub fn open(dir: Option<&Path>) -> Result<Followed, Problems> {
        match dir {
            Some(dir) => Followed::load(&DatasetFiles::read_dir(dir)?),
            None => Followed::load(&DatasetFiles::embedded()),
        }
    }
}
