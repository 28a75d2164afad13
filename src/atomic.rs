//! Writing a file whole or not at all: every file Dossier writes (memos,
//! dataset files, new datasets, the app's settings) goes through here, so
//! that a full disk, a killed process or a read-only folder never leaves
//! half a file, and so that what is already there is respected: only a
//! regular file is ever replaced (never a device, a pipe, a socket, a
//! folder or a link), a replaced file keeps its mode, and a new file gets
//! the permissions the user's umask allows.

use std::io::Write;
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

/// The prefix of the temporary files of [`write_atomically`].
pub const TEMPORARY_PREFIX: &str = ".dossier-";

/// Writes `bytes` to `path` whole or not at all: into a temporary file in
/// the same folder, then renamed over `path`. On any error no partial file
/// is left and an existing file is untouched. Refuses a `path` that exists
/// and is not a regular file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = stage(path, bytes, TEMPORARY_PREFIX)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes `bytes` to `path` whole or not at all, like
/// [`write_atomically`], but without waiting for the disk: for a cache,
/// whose reader checks a checksum and reads the real files when it fails.
pub fn replace_unsynced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    refuse_special(path)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMPORARY_PREFIX)
        .suffix(".part")
        .tempfile_in(folder_of(path))?;
    tmp.as_file_mut().write_all(bytes)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// `bytes` written and synced to a new temporary file beside `path`, named
/// `prefix…part`, with the mode `path` has (or, for a new file, the mode
/// the umask gives), ready to be renamed over `path`. Refuses a `path`
/// that exists and is not a regular file.
pub fn stage(path: &Path, bytes: &[u8], prefix: &str) -> std::io::Result<NamedTempFile> {
    let existing = refuse_special(path)?;
    let dir = folder_of(path);
    // Errors name the user's file, never the temporary one (tempfile's own
    // errors carry its path): the file handle is written directly.
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix).suffix(".part");
    // Read and write for everyone, less what the umask takes away: the
    // kernel applies the umask when the file is created.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(|e| std::io::Error::new(e.kind(), without_path(&e)))?;
    tmp.as_file_mut().write_all(bytes)?;
    if let Some(m) = existing {
        tmp.as_file().set_permissions(m.permissions())?;
    }
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// The folder a file is in ("." for a bare name).
pub fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// The metadata of `path` if it is a regular file, `None` if there is
/// nothing there, and an error naming what it is otherwise.
pub fn refuse_special(path: &Path) -> std::io::Result<Option<std::fs::Metadata>> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_file() => Ok(Some(m)),
        Ok(m) => Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!(
                "it is {}, not a regular file; Dossier replaces only regular files, so choose another name",
                kind_of(&m)
            ),
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// What a file system entry is, in words: "a folder", "a named pipe (FIFO)", …
pub fn kind_of(m: &std::fs::Metadata) -> &'static str {
    let t = m.file_type();
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if t.is_dir() {
        "a folder"
    } else if t.is_symlink() {
        "a symbolic link"
    } else if t.is_file() {
        "a regular file"
    } else {
        "a special file"
    }
}

/// Whether `a` and `b` name the same existing file (the same device and
/// inode on Unix; the same canonical path elsewhere).
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let canon = |p: &Path| std::fs::canonicalize(p).ok();
        canon(a).is_some() && canon(a) == canon(b)
    }
}

/// The temporary files of killed writers with `prefix` in `dir`.
pub fn leftovers(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| n.starts_with(prefix) && n.ends_with(".part"))
        })
        .map(|e| e.path())
        .collect()
}

/// An error's message without the " at path …" that tempfile appends.
fn without_path(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" at path ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_fifo_or_a_device_or_a_folder_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let e = write_atomically(&fifo, b"x").unwrap_err().to_string();
        assert!(e.contains("a named pipe (FIFO), not a regular file"), "{e}");
        use std::os::unix::fs::FileTypeExt;
        assert!(
            std::fs::symlink_metadata(&fifo)
                .unwrap()
                .file_type()
                .is_fifo()
        );
        let e = write_atomically(dir.path(), b"x").unwrap_err().to_string();
        assert!(e.contains("a folder"), "{e}");
        let e = write_atomically(Path::new("/dev/null"), b"x")
            .unwrap_err()
            .to_string();
        assert!(e.contains("a device"), "{e}");
        assert!(leftovers(dir.path(), TEMPORARY_PREFIX).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_replaced_file_keeps_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("memo.pdf");
        std::fs::write(&path, b"old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_atomically(&path, b"new").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
    }

    #[test]
    fn same_file_sees_through_another_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, "x").unwrap();
        assert!(same_file(&path, &dir.path().join(".").join("a.toml")));
        assert!(!same_file(&path, &dir.path().join("b.toml")));
    }
}
