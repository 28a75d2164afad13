//! The dataset: its on-disk format (see `data/README.md`), loading with
//! validation, and the validated model the rest of the program works on.

mod cache;
mod files;
mod json;
mod load;
mod model;
mod parallel;
mod parties;
mod problem;
pub(crate) mod reader;
mod topic_set;

use std::path::Path;

pub use cache::CacheSlot;
pub use files::{DatasetFiles, LEDGER_FILE};
pub use load::load;
pub use model::*;
pub use parallel::map as parallel_map;
pub use parties::*;
pub use problem::{Origin, Problem, Problems};
pub use topic_set::TopicSet;

impl Dataset {
    /// The default dataset embedded in the program.
    pub fn embedded() -> Result<Dataset, Problems> {
        load(&DatasetFiles::embedded())
    }

    /// A dataset folder of the user's own, in the same format as `data/`.
    /// Files that did not change since the last load are taken from the
    /// cache (`dataset::cache`).
    pub fn from_dir(dir: &Path) -> Result<Dataset, Problems> {
        load(&DatasetFiles::read_dir(dir)?)
    }

    /// The dataset in `dir`, or the embedded one when `dir` is `None`.
    pub fn open(dir: Option<&Path>) -> Result<Dataset, Problems> {
        match dir {
            Some(dir) => Dataset::from_dir(dir),
            None => Dataset::embedded(),
        }
    }
}
