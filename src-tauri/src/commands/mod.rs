//! The commands the window may call, one module per domain.

pub mod dataset;
pub mod documents;
pub mod files;
pub mod ledger;
pub mod memo;
pub mod review;
pub mod sources;
pub mod timing;
pub mod typed;
