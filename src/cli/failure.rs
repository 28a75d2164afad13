//! How a command failed, one type for every command: the exit code and
//! the message follow from it.

use dossier::Problems;

/// Why a command failed, and so its exit code.
pub enum Failure {
    /// Bad usage (exit 2).
    Usage(String),
    /// A dataset with problems (exit 1).
    Data(Problems),
    /// Anything else that went wrong (exit 1).
    Other(String),
}
