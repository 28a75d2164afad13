//! Dossier assembles briefing memos from a sourced dataset of statements,
//! figures and events.
//!
//! The pipeline, one module a step: [`dataset`] (format, loading and
//! validation) → [`select`] (which items a brief covers, as set in a
//! [`brief_file`]) → [`assemble`] (the memo as a [`assemble::Memo`] model)
//! → [`render`] (HTML, PDF, Word). Bringing documents in is [`ingest`] (readers
//! per format, then suggestions) and [`init`]; [`edit`] changes dataset
//! files in place. The `dossier` CLI and the desktop app are thin adapters
//! over this library.

pub mod assemble;
pub mod atomic;
pub mod brief_file;
pub mod coverage;
pub mod dataset;
pub mod date;
pub mod edit;
pub mod format;
pub mod ingest;
pub mod init;
pub mod ledger;
pub mod limits;
pub mod render;
pub mod select;
pub mod shown;
pub mod synthetic;
pub mod text;
pub mod transaction;

pub use dataset::{Dataset, Problems};
pub use date::{Date, DateRange};
pub use select::Selection;
