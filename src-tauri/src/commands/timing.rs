//! How long the app took to start: the window asks once its first preview
//! is painted, and shows the answer in its timings (the end-to-end run
//! prints it).

use crate::error::{Error, Result};
use crate::startup::process_age_ms;

/// Milliseconds from the start of this process to now.
#[tauri::command]
pub fn since_start() -> Result<f64> {
    process_age_ms().ok_or_else(|| Error::Other("The process start time is not known.".into()))
}
