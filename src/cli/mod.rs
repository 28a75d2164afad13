//! The `dossier` CLI's commands, one module a job: the brief, the listings,
//! the curation commands, and the one failure type they share.

pub mod brief;
pub mod curate;
pub mod diff;
pub mod failure;
pub mod ledger;
pub mod listings;
pub mod terminal;
