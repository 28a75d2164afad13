//! The limits Dossier holds every input to, in one place (README, "Limits"):
//! a file larger than its limit is refused with a plain message before it
//! is read, so that a damaged or hostile file cannot take the machine's
//! memory. Everything within the limits is read whole and in bounded time.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// A dataset file (a source's text or a TOML file of records).
pub const MAX_DATASET_FILE: u64 = 64 * 1024 * 1024;

/// A brief file (`*.brief.toml`).
pub const MAX_BRIEF_FILE: u64 = 1024 * 1024;

/// A document brought in with `dossier ingest` or "Add document…", and the
/// text read from it: 20 MiB.
pub const MAX_DOCUMENT: u64 = 20 * 1024 * 1024;

/// Why a file was not read.
#[derive(Debug)]
pub enum LimitedReadError {
    /// It is larger than its limit.
    TooLarge {
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        max: u64,
    },
    /// It could not be read.
    Io(io::Error),
}

impl LimitedReadError {
    /// Whether the file is not there.
    pub fn is_not_found(&self) -> bool {
        matches!(self, LimitedReadError::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }
}

impl fmt::Display for LimitedReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LimitedReadError::TooLarge { size, max } => write!(
                f,
                "it is {}, and Dossier reads files of this kind up to {}",
                human_size(*size),
                human_size(*max)
            ),
            LimitedReadError::Io(e) => write!(f, "{e}"),
        }
    }
}

/// A file's text, refused before it is read when it is larger than `max`
/// bytes (and cut off at `max` + 1 bytes should it grow while being read).
pub fn read_to_string_at_most(path: &Path, max: u64) -> Result<String, LimitedReadError> {
    let file = File::open(path).map_err(LimitedReadError::Io)?;
    let size = file.metadata().map_err(LimitedReadError::Io)?.len();
    if size > max {
        return Err(LimitedReadError::TooLarge { size, max });
    }
    let mut text = String::with_capacity(size as usize);
    file.take(max + 1)
        .read_to_string(&mut text)
        .map_err(LimitedReadError::Io)?;
    if text.len() as u64 > max {
        return Err(LimitedReadError::TooLarge {
            size: text.len() as u64,
            max,
        });
    }
    Ok(text)
}

/// A size as people read it: "640 KiB", "100.0 MiB".
pub fn human_size(bytes: u64) -> String {
    const KIB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KIB {
        format!("{bytes} bytes")
    } else if b < KIB * KIB {
        format!("{:.0} KiB", b / KIB)
    } else if b < KIB * KIB * KIB {
        format!("{:.1} MiB", b / KIB / KIB)
    } else {
        format!("{:.1} GiB", b / KIB / KIB / KIB)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_over_its_limit_is_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        // Sparse: 100 MiB that take no disk and would take memory if read.
        File::create(&path)
            .unwrap()
            .set_len(100 * 1024 * 1024)
            .unwrap();
        let err = read_to_string_at_most(&path, MAX_DATASET_FILE).unwrap_err();
        assert_eq!(
            err.to_string(),
            "it is 100.0 MiB, and Dossier reads files of this kind up to 64.0 MiB"
        );
        std::fs::write(&path, "small").unwrap();
        assert_eq!(
            read_to_string_at_most(&path, MAX_DATASET_FILE).unwrap(),
            "small"
        );
        assert!(
            read_to_string_at_most(&dir.path().join("none"), 10)
                .unwrap_err()
                .is_not_found()
        );
    }
}
