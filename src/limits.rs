//! The limits Dossier holds every input to, in one place (README, "Limits"):
//! a file larger than its limit is refused with a plain message before it
//! is read, so that a damaged or hostile file cannot take the machine's
//! memory. Everything within the limits is read whole and in bounded time.

use std::fmt;
use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

/// A dataset file (a source's text or a TOML file of records).
pub const MAX_DATASET_FILE: u64 = 64 * 1024 * 1024;

/// A brief file (`*.brief.toml`).
pub const MAX_BRIEF_FILE: u64 = 1024 * 1024;

/// A document brought in with `dossier ingest` or "Add document…", and the
/// text read from it: 20 MiB.
pub const MAX_DOCUMENT: u64 = 20 * 1024 * 1024;

/// The longest id Dossier makes or takes for a new source (it names the
/// source's files), in characters.
pub const MAX_ID_CHARS: usize = 60;

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
    /// It is not a regular file: a folder, a named pipe, a device or a
    /// socket (what, in words).
    NotAFile(&'static str),
    /// It is not UTF-8 text from this line (1-based) on.
    NotUtf8 {
        /// The line of the first byte that is not UTF-8.
        line: usize,
    },
    /// It could not be read.
    Io(io::Error),
}

impl LimitedReadError {
    /// The line the error is on, if it is on one.
    pub fn line(&self) -> Option<usize> {
        match self {
            LimitedReadError::NotUtf8 { line } => Some(*line),
            _ => None,
        }
    }

    /// Whether the file is not there.
    pub fn is_not_found(&self) -> bool {
        matches!(self, LimitedReadError::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }
}

impl fmt::Display for LimitedReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LimitedReadError::TooLarge { size, max } => {
                let (size, max) = if human_size(*size) == human_size(*max) {
                    (
                        format!("{} bytes", thousands(*size)),
                        format!("{} bytes ({})", thousands(*max), human_size(*max)),
                    )
                } else {
                    (human_size(*size), human_size(*max))
                };
                write!(
                    f,
                    "it is {size}, and Dossier reads files of this kind up to {max}"
                )
            }
            LimitedReadError::NotUtf8 { line } => {
                write!(f, "line {line} is not UTF-8 text; save the file as UTF-8")
            }
            LimitedReadError::NotAFile(kind) => write!(
                f,
                "it is {kind}, not a regular file; Dossier reads only regular files"
            ),
            LimitedReadError::Io(e) => write!(f, "{e}"),
        }
    }
}

/// A file's text, refused before it is read when it is larger than `max`
/// bytes (and cut off at `max` + 1 bytes should it grow while being read).
pub fn read_to_string_at_most(path: &Path, max: u64) -> Result<String, LimitedReadError> {
    let (file, size) = open_regular(path)?;
    if size > max {
        return Err(LimitedReadError::TooLarge { size, max });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(LimitedReadError::Io)?;
    if bytes.len() as u64 > max {
        return Err(LimitedReadError::TooLarge {
            size: bytes.len() as u64,
            max,
        });
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        LimitedReadError::NotUtf8 {
            line: memchr::memchr_iter(b'\n', valid).count() + 1,
        }
    })
}

/// `path` opened for reading, with its size, if it is a regular file. A
/// named pipe is opened without waiting for a writer, so that it is refused
/// rather than read for ever.
pub fn open_regular(path: &Path) -> Result<(File, u64), LimitedReadError> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(LimitedReadError::Io)?;
    let metadata = file.metadata().map_err(LimitedReadError::Io)?;
    if !metadata.is_file() {
        return Err(LimitedReadError::NotAFile(crate::atomic::kind_of(
            &metadata,
        )));
    }
    Ok((file, metadata.len()))
}

/// A count with thousands separators: "67,108,864".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
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
        File::create(&path)
            .unwrap()
            .set_len(MAX_DATASET_FILE + 1)
            .unwrap();
        assert_eq!(
            read_to_string_at_most(&path, MAX_DATASET_FILE)
                .unwrap_err()
                .to_string(),
            "it is 67,108,865 bytes, and Dossier reads files of this kind up to 67,108,864 bytes (64.0 MiB)"
        );
    }

    #[test]
    fn text_that_is_not_utf8_is_refused_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("people.toml");
        std::fs::write(&path, b"[[person]]\nid = \"a\"\nname = \"\xff\"\n").unwrap();
        let e = read_to_string_at_most(&path, 100).unwrap_err();
        assert_eq!(e.line(), Some(3));
        assert_eq!(
            e.to_string(),
            "line 3 is not UTF-8 text; save the file as UTF-8"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_a_device_or_a_folder_is_refused_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("topics.toml");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let e = read_to_string_at_most(&fifo, 10).unwrap_err().to_string();
        assert_eq!(
            e,
            "it is a named pipe (FIFO), not a regular file; Dossier reads only regular files"
        );
        let e = read_to_string_at_most(Path::new("/dev/urandom"), 10).unwrap_err();
        assert!(e.to_string().starts_with("it is a device"), "{e}");
        let e = read_to_string_at_most(dir.path(), 10).unwrap_err();
        assert!(e.to_string().starts_with("it is a folder"), "{e}");
    }
}
