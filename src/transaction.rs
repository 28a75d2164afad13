//! One writer at a time in a dataset folder, and changes to several files
//! that land whole or not at all.
//!
//! **The lock.** Every change to a dataset (accept, reject, edit, ingest,
//! undo, the app's changes) holds an exclusive advisory lock on
//! `.dossier.lock` in the folder while it re-reads, checks and writes, so
//! that no other Dossier (a second command, the app, a script beside it)
//! slips in between its check and its write. The lock is the operating
//! system's (`flock` on Unix, `LockFileEx` on Windows) through the standard
//! library's `File::lock`, so it ends with the process that holds it, even
//! one that is killed. A writer that finds the lock held waits up to
//! [`WAIT`], then refuses with a plain message. Readers take the lock
//! shared, so they never read a change half made.
//!
//! **Several files, one change.** A change is a journal: each new text is
//! written and synced beside its file (`.dossier-staged-….part`), then a
//! journal naming each staged file and its place (`.dossier-journal`) is
//! written atomically, then each staged file is renamed into place and
//! the journal removed. A kill before the journal is written leaves the old
//! state; a kill after it leaves a journal that readers follow (they see
//! the new state) and that the next writer completes. Stale staged files
//! of a killed writer are removed by the next writer, under the lock.
//!
//! A journal rather than one rename of a staged copy of the folder: the
//! folder is the user's (a git checkout, notes beside the data), and a
//! change touches two or three of its files, where copying the folder
//! would cost as much as the dataset.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::atomic::{leftovers, stage, write_atomically};
use crate::limits::read_to_string_at_most;

/// The lock file in a dataset folder.
pub const LOCK_FILE: &str = ".dossier.lock";

/// The journal of a change being made, in a dataset folder.
pub const JOURNAL_FILE: &str = ".dossier-journal";

/// The prefix of a change's staged files.
pub const STAGED_PREFIX: &str = ".dossier-staged-";

/// How long a writer or a reader waits for another writer to finish.
pub const WAIT: Duration = Duration::from_secs(20);

/// Why a change was not made.
#[derive(Debug, thiserror::Error)]
pub enum ChangeError {
    /// Another Dossier held the lock for longer than [`WAIT`].
    #[error(
        "{0}: another Dossier (the app, or a command) has been changing this dataset for {secs} s; try again when it has finished",
        secs = WAIT.as_secs()
    )]
    Busy(String),
    /// A file could not be read or written.
    #[error("{0}: {1}")]
    Io(String, std::io::Error),
}

/// The exclusive lock on a dataset folder: while it is held, no other
/// Dossier changes the folder or reads it.
#[derive(Debug)]
pub struct WriteLock {
    dir: PathBuf,
    _file: File,
}

/// A shared lock on a dataset folder: while it is held, no Dossier changes
/// the folder.
#[derive(Debug)]
pub struct ReadLock {
    _file: Option<File>,
}

/// What a change does to one file, by its path inside the folder.
#[derive(Debug, Clone, PartialEq)]
pub enum FileChange {
    /// The file gets this text (it may be new).
    Write(String, String),
    /// The file is removed.
    Remove(String),
}

impl WriteLock {
    /// Takes the lock on the dataset folder `dir`, waiting up to [`WAIT`]
    /// for another writer, then completes a change a killed writer left
    /// and removes its staged files.
    pub fn acquire(dir: &Path) -> Result<WriteLock, ChangeError> {
        let path = dir.join(LOCK_FILE);
        let file = open_lock_file(&path, true)?;
        wait_for(&path, || file.try_lock())?;
        let lock = WriteLock {
            dir: dir.to_path_buf(),
            _file: file,
        };
        lock.recover()?;
        Ok(lock)
    }

    /// The folder locked.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Makes `changes` as one: after a kill at any instant, readers see
    /// either none of them or all of them.
    pub fn commit(&self, changes: &[FileChange]) -> Result<(), ChangeError> {
        let io = |p: &Path| {
            let p = p.display().to_string();
            move |e| ChangeError::Io(p, e)
        };
        let mut journal = String::new();
        let mut staged = Vec::new();
        for change in changes {
            match change {
                FileChange::Write(rel, text) => {
                    let target = self.dir.join(rel);
                    let tmp =
                        stage(&target, text.as_bytes(), STAGED_PREFIX).map_err(io(&target))?;
                    let (_, kept) = tmp.keep().map_err(|e| io(&target)(e.error))?;
                    // Staged beside its target: the journal names it by the
                    // target's folder in the dataset and its own file name
                    // (never by `kept`'s path, which the temporary-file
                    // library may make absolute while `dir` is relative).
                    let file_name = kept
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    let name = match rel.rsplit_once('/') {
                        Some((folder, _)) => format!("{folder}/{file_name}"),
                        None => file_name,
                    };
                    journal.push_str(&format!("write\t{name}\t{rel}\n"));
                    staged.push(kept);
                }
                FileChange::Remove(rel) => journal.push_str(&format!("remove\t{rel}\n")),
            }
        }
        test_hook("staged");
        // A journal its own reader would not follow step for step must not
        // be written: the change would be reported made and be lost.
        if parse_journal(&journal).len() != changes.len() {
            for p in staged {
                let _ = std::fs::remove_file(p);
            }
            return Err(ChangeError::Io(
                self.dir.display().to_string(),
                std::io::Error::other(format!(
                    "the change names a file outside the dataset's own ({}); nothing was written",
                    journal.replace(['\t', '\n'], " ")
                )),
            ));
        }
        let journal_path = self.dir.join(JOURNAL_FILE);
        if let Err(e) = write_atomically(&journal_path, journal.as_bytes()) {
            for p in staged {
                let _ = std::fs::remove_file(p);
            }
            return Err(ChangeError::Io(journal_path.display().to_string(), e));
        }
        test_hook("journal");
        self.replay(&journal)
    }

    /// Completes the change a journal describes: every staged file still
    /// there is renamed into place, every removal made, then the journal
    /// removed.
    fn replay(&self, journal: &str) -> Result<(), ChangeError> {
        for (i, step) in parse_journal(journal).into_iter().enumerate() {
            match step {
                Step::Write { staged, target } => {
                    let (from, to) = (self.dir.join(&staged), self.dir.join(&target));
                    if std::fs::symlink_metadata(&from).is_ok_and(|m| m.is_file()) {
                        std::fs::rename(&from, &to)
                            .map_err(|e| ChangeError::Io(to.display().to_string(), e))?;
                    }
                }
                Step::Remove(target) => {
                    let to = self.dir.join(&target);
                    match std::fs::remove_file(&to) {
                        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                            return Err(ChangeError::Io(to.display().to_string(), e));
                        }
                        _ => {}
                    }
                }
            }
            test_hook(&format!("step-{}", i + 1));
        }
        let journal_path = self.dir.join(JOURNAL_FILE);
        std::fs::remove_file(&journal_path)
            .map_err(|e| ChangeError::Io(journal_path.display().to_string(), e))
    }

    /// Completes a killed writer's change, if it left a journal, and
    /// removes the temporary files killed writers left.
    fn recover(&self) -> Result<(), ChangeError> {
        let journal_path = self.dir.join(JOURNAL_FILE);
        match read_journal(&self.dir) {
            Ok(Some(journal)) => self.replay(&journal)?,
            Ok(None) => {}
            Err(e) => return Err(ChangeError::Io(journal_path.display().to_string(), e)),
        }
        for folder in [self.dir.clone(), self.dir.join("sources")] {
            for debris in leftovers(&folder, STAGED_PREFIX) {
                let _ = std::fs::remove_file(debris);
            }
        }
        Ok(())
    }
}

impl ReadLock {
    /// Whether a lock is held (a folder no Dossier has written has none to
    /// take: a reader that finds one made while it read reads again).
    pub fn held(&self) -> bool {
        self._file.is_some()
    }

    /// Takes the lock on `dir` shared, waiting up to [`WAIT`] for a writer
    /// to finish. A folder no Dossier has written has no lock file and
    /// needs no lock (and a read-only folder gets none).
    pub fn acquire(dir: &Path) -> Result<ReadLock, ChangeError> {
        let path = dir.join(LOCK_FILE);
        if std::fs::symlink_metadata(&path).is_err() {
            return Ok(ReadLock { _file: None });
        }
        let file = match open_lock_file(&path, false) {
            Ok(file) => file,
            // Made by another user who may not share it: read unlocked.
            Err(ChangeError::Io(_, e)) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                return Ok(ReadLock { _file: None });
            }
            Err(e) => return Err(e),
        };
        wait_for(&path, || file.try_lock_shared())?;
        Ok(ReadLock { _file: Some(file) })
    }
}

/// The files a change interrupted by a kill has yet to put in place, as a
/// reader must see them: (path in the folder, `Some(new text)` or `None`
/// for a removal). Empty when no change was interrupted.
pub fn unfinished(dir: &Path) -> Vec<(String, Option<String>)> {
    let Ok(Some(journal)) = read_journal(dir) else {
        return Vec::new();
    };
    parse_journal(&journal)
        .into_iter()
        .filter_map(|step| match step {
            Step::Write { staged, target } => {
                read_to_string_at_most(&dir.join(&staged), crate::limits::MAX_DATASET_FILE)
                    .ok()
                    .map(|text| (target, Some(text)))
            }
            Step::Remove(target) => Some((target, None)),
        })
        .collect()
}

/// The journal in `dir`, if there is one, read as any dataset file is
/// (a regular file, not waiting on a pipe, within a limit).
fn read_journal(dir: &Path) -> std::io::Result<Option<String>> {
    match read_to_string_at_most(&dir.join(JOURNAL_FILE), 1024 * 1024) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(std::io::Error::other(e.to_string())),
    }
}

/// Opens the lock file (made if `create`), refusing anything but a
/// regular file and never waiting on a pipe.
fn open_lock_file(path: &Path, create: bool) -> Result<File, ChangeError> {
    let mut options = OpenOptions::new();
    options
        .read(true)
        .write(create)
        .create(create)
        .truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW);
    }
    let io = |e| ChangeError::Io(path.display().to_string(), e);
    let file = options.open(path).map_err(io)?;
    let metadata = file.metadata().map_err(io)?;
    if !metadata.is_file() {
        return Err(io(std::io::Error::other(format!(
            "it is {}, not a regular file; remove it",
            crate::atomic::kind_of(&metadata)
        ))));
    }
    Ok(file)
}

/// Whether a path written in a journal names a file a change may touch:
/// a file at the folder's top level or in its `sources/`, by a plain name
/// (a journal comes with the folder, so it is data like the rest, and
/// must not lead outside it).
fn is_dataset_path(rel: &str) -> bool {
    let plain = |name: &str| {
        !name.is_empty() && name != "." && name != ".." && !name.contains(['\\', ':', '\0'])
    };
    match rel.split('/').collect::<Vec<_>>().as_slice() {
        [name] => plain(name),
        ["sources", name] => plain(name),
        _ => false,
    }
}

enum Step {
    Write { staged: String, target: String },
    Remove(String),
}

/// The steps of a journal, leaving out any that names a path outside the
/// folder's own files or a staged file Dossier would not have made.
fn parse_journal(journal: &str) -> Vec<Step> {
    let staged_name = |rel: &str| {
        is_dataset_path(rel)
            && rel
                .rsplit('/')
                .next()
                .is_some_and(|n| n.starts_with(STAGED_PREFIX) && n.ends_with(".part"))
    };
    journal
        .lines()
        .filter_map(|line| {
            let mut parts = line.split('\t');
            match (parts.next(), parts.next(), parts.next()) {
                (Some("write"), Some(staged), Some(target))
                    if staged_name(staged) && is_dataset_path(target) =>
                {
                    Some(Step::Write {
                        staged: staged.to_string(),
                        target: target.to_string(),
                    })
                }
                (Some("remove"), Some(target), None) if is_dataset_path(target) => {
                    Some(Step::Remove(target.to_string()))
                }
                _ => None,
            }
        })
        .collect()
}

/// Calls `try_lock` until it succeeds or [`WAIT`] has passed.
fn wait_for(
    path: &Path,
    try_lock: impl Fn() -> Result<(), std::fs::TryLockError>,
) -> Result<(), ChangeError> {
    let started = Instant::now();
    loop {
        match try_lock() {
            Ok(()) => return Ok(()),
            Err(std::fs::TryLockError::WouldBlock) if started.elapsed() < WAIT => {
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(ChangeError::Busy(
                    crate::atomic::folder_of(path).display().to_string(),
                ));
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(ChangeError::Io(path.display().to_string(), e));
            }
        }
    }
}

/// For the tests that kill a writer at each step of a change: with
/// `DOSSIER_TEST_STOP_AT` set to a step's name (`staged`, `journal`,
/// `step-1`, …), the process ends there at once, as a kill would end it.
fn test_hook(step: &str) {
    if std::env::var_os("DOSSIER_TEST_STOP_AT").is_some_and(|v| v == step) {
        std::process::abort();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sources")).unwrap();
        std::fs::write(dir.path().join("people.toml"), "old people").unwrap();
        std::fs::write(dir.path().join("sources/a.toml"), "old a").unwrap();
        dir
    }

    #[test]
    fn a_change_to_several_files_lands_whole() {
        let dir = folder();
        let lock = WriteLock::acquire(dir.path()).unwrap();
        lock.commit(&[
            FileChange::Write("people.toml".into(), "new people".into()),
            FileChange::Write("sources/b.toml".into(), "new b".into()),
            FileChange::Remove("sources/a.toml".into()),
        ])
        .unwrap();
        let read = |rel: &str| std::fs::read_to_string(dir.path().join(rel)).ok();
        assert_eq!(read("people.toml").as_deref(), Some("new people"));
        assert_eq!(read("sources/b.toml").as_deref(), Some("new b"));
        assert_eq!(read("sources/a.toml"), None);
        assert!(!dir.path().join(JOURNAL_FILE).exists());
        assert!(leftovers(dir.path(), STAGED_PREFIX).is_empty());
    }

    #[test]
    fn a_journal_left_by_a_killed_writer_is_seen_by_readers_and_finished_by_the_next_writer() {
        let dir = folder();
        // As a writer killed after its journal and its first rename leaves it.
        std::fs::write(dir.path().join("people.toml"), "new people").unwrap();
        std::fs::write(dir.path().join("sources/.dossier-staged-x.part"), "new a").unwrap();
        std::fs::write(
            dir.path().join(JOURNAL_FILE),
            "write\t.dossier-staged-y.part\tpeople.toml\nwrite\tsources/.dossier-staged-x.part\tsources/a.toml\n",
        )
        .unwrap();
        std::fs::write(dir.path().join(".dossier-staged-z.part"), "debris").unwrap();
        assert_eq!(
            unfinished(dir.path()),
            vec![("sources/a.toml".to_string(), Some("new a".to_string()))]
        );
        drop(WriteLock::acquire(dir.path()).unwrap());
        let read = |rel: &str| std::fs::read_to_string(dir.path().join(rel)).unwrap();
        assert_eq!(read("sources/a.toml"), "new a");
        assert_eq!(read("people.toml"), "new people");
        assert!(!dir.path().join(JOURNAL_FILE).exists());
        assert!(leftovers(dir.path(), STAGED_PREFIX).is_empty());
        assert!(leftovers(&dir.path().join("sources"), STAGED_PREFIX).is_empty());
    }

    #[test]
    fn a_journal_cannot_lead_outside_the_folder() {
        let outside = tempfile::tempdir().unwrap();
        let secret = outside.path().join("secret");
        std::fs::write(&secret, "private").unwrap();
        let dir = folder();
        std::fs::write(
            dir.path().join(JOURNAL_FILE),
            format!(
                "write\t{}\tsources/a.toml\nwrite\t../.dossier-staged-x.part\tpeople.toml\nremove\t{}\nremove\t../x\n",
                secret.display(),
                secret.display()
            ),
        )
        .unwrap();
        assert!(unfinished(dir.path()).is_empty());
        drop(WriteLock::acquire(dir.path()).unwrap());
        assert_eq!(std::fs::read_to_string(&secret).unwrap(), "private");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("sources/a.toml")).unwrap(),
            "old a"
        );
        assert!(is_dataset_path("sources/a.toml") && is_dataset_path("people.toml"));
        assert!(!is_dataset_path("/etc/shadow") && !is_dataset_path("sources/../../x"));
    }

    #[test]
    fn a_second_writer_waits_for_the_first() {
        use std::sync::Arc;
        use std::sync::atomic::{AtomicBool, Ordering};
        let dir = folder();
        let first = WriteLock::acquire(dir.path()).unwrap();
        let acquired = Arc::new(AtomicBool::new(false));
        let (path, flag) = (dir.path().to_path_buf(), acquired.clone());
        let second = std::thread::spawn(move || {
            let lock = WriteLock::acquire(&path).unwrap();
            flag.store(true, Ordering::SeqCst);
            drop(lock);
        });
        std::thread::sleep(Duration::from_millis(300));
        assert!(
            !acquired.load(Ordering::SeqCst),
            "the second writer did not wait"
        );
        drop(first);
        second.join().unwrap();
        assert!(acquired.load(Ordering::SeqCst));
    }
}
