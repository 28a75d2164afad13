//! Writing a file whole or not at all: every file Dossier writes (memos,
//! dataset files, new datasets) goes through here, so that a full disk, a
//! killed process or a read-only folder never leaves half a file.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` whole or not at all: into a temporary file in
/// the same folder, then renamed over `path`. On any error no partial file
/// is left and an existing file is untouched.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    // Errors name the user's file, never the temporary one (tempfile's own
    // errors carry its path): the file handle is written directly.
    let mut tmp = tempfile::Builder::new()
        .prefix(".dossier-")
        .suffix(".part")
        .tempfile_in(dir)
        .map_err(|e| std::io::Error::new(e.kind(), without_path(&e)))?;
    tmp.as_file_mut().write_all(bytes)?;
    // A temporary file is private (0600); the memo gets the permissions of
    // the file it replaces, or the usual ones for a new file.
    let permissions = match std::fs::metadata(path) {
        Ok(m) => Some(m.permissions()),
        Err(_) => default_permissions(),
    };
    if let Some(p) = permissions {
        tmp.as_file().set_permissions(p)?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// An error's message without the " at path …" that tempfile appends.
fn without_path(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.find(" at path ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

#[cfg(unix)]
fn default_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<std::fs::Permissions> {
    None
}
