//! Reading a document where a panic or a runaway file cannot hurt: in a
//! child process, with a time limit and a memory limit, speaking JSON on
//! its standard output. A PDF that makes the extractor loop, a ZIP bomb
//! named `.docx` or a reader's panic ends that child, never the program
//! (and never the app), and the user gets a plain [`ReadError`].
//!
//! The child is the calling program itself, started with arguments that
//! make it call [`serve`]: `dossier` has a hidden `read-document` command.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::read::{Document, Format, MAX_BYTES, ReadError, read};

/// How long a reader may take, and how much memory its process may map.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Wall-clock time before the child is killed.
    pub time: Duration,
    /// Address-space limit of the child, in bytes.
    pub memory: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            time: Duration::from_secs(15),
            memory: 1024 * 1024 * 1024,
        }
    }
}

/// Reads `path` as `format` in a child process: `program` with `args`, then
/// the format and the path, which must end in a call of [`serve`].
pub fn read_in_child(
    program: &Path,
    args: &[&str],
    path: &Path,
    format: Format,
    limits: Limits,
) -> Result<Document, ReadError> {
    let mut cmd = Command::new(program);
    cmd.args(args)
        .arg(format_id(format))
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    limit_memory(&mut cmd, limits.memory);
    let mut child = cmd
        .spawn()
        .map_err(|e| ReadError::Runaway(format!("the reader could not start: {e}")))?;
    let mut stdout = child.stdout.take().expect("stdout is piped");
    // Read while waiting, so that a full pipe cannot stall the child.
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = (&mut stdout)
            .take(4 * MAX_BYTES as u64)
            .read_to_end(&mut out);
        out
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > limits.time => {
                let _ = child.kill();
                let _ = child.wait();
                let _ = reader.join();
                return Err(ReadError::Runaway(format!(
                    "it took longer than {} s",
                    limits.time.as_secs()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(ReadError::Runaway(format!("the reader was lost: {e}"))),
        }
    };
    let out = reader.join().unwrap_or_default();
    if !status.success() {
        return Err(ReadError::Runaway(
            "the reader failed on this file: it stopped, or ran out of memory".into(),
        ));
    }
    serde_json::from_slice::<Result<Document, ReadError>>(&out)
        .unwrap_or_else(|_| Err(ReadError::Runaway("the reader's answer was garbled".into())))
}

/// The child's side: reads `path` as `format` and writes the result as
/// JSON to standard output. A reader's panic becomes an error, not a crash.
/// Returns the exit code.
pub fn serve(format: &str, path: &Path) -> i32 {
    let result = match parse_format(format) {
        None => Err(ReadError::NotThatFormat(
            format.into(),
            "Dossier has no reader for it".into(),
        )),
        Some(format) => read_file(path).and_then(|bytes| {
            std::panic::set_hook(Box::new(|_| {}));
            std::panic::catch_unwind(|| read(&bytes, format)).unwrap_or_else(|_| {
                Err(ReadError::Runaway("the reader failed on this file".into()))
            })
        }),
    };
    let json = serde_json::to_vec(&result).expect("a result always serialises");
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(&json)
        .and_then(|_| stdout.flush())
        .is_err()
    {
        return 1;
    }
    0
}

/// A file's bytes, refusing one over [`MAX_BYTES`] before reading it.
pub fn read_file(path: &Path) -> Result<Vec<u8>, ReadError> {
    use crate::limits::{LimitedReadError, open_regular};
    let (file, size) = open_regular(path).map_err(|e| match e {
        LimitedReadError::NotAFile(kind) => ReadError::NotThatFormat(
            "readable".into(),
            format!(
                "it is {kind}, not a regular file; save the document to a file and bring that in"
            ),
        ),
        e => ReadError::NotThatFormat("readable".into(), format!("it cannot be opened ({e})")),
    })?;
    if size > MAX_BYTES as u64 {
        return Err(ReadError::TooLarge {
            size: size as usize,
        });
    }
    let mut bytes = Vec::new();
    file.take(MAX_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::NotThatFormat("readable".into(), format!("{e}")))?;
    if bytes.len() > MAX_BYTES {
        return Err(ReadError::TooLarge { size: bytes.len() });
    }
    Ok(bytes)
}

fn format_id(format: Format) -> &'static str {
    match format {
        Format::Text => "text",
        Format::Html => "html",
        Format::Pdf => "pdf",
        Format::Docx => "docx",
    }
}

fn parse_format(id: &str) -> Option<Format> {
    [Format::Text, Format::Html, Format::Pdf, Format::Docx]
        .into_iter()
        .find(|f| format_id(*f) == id)
}

#[cfg(unix)]
fn limit_memory(cmd: &mut Command, bytes: u64) {
    use std::os::unix::process::CommandExt;
    // SAFETY: between fork and exec the closure only calls setrlimit, which
    // is async-signal-safe, on a value it owns.
    unsafe {
        cmd.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: bytes as libc::rlim_t,
                rlim_max: bytes as libc::rlim_t,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

#[cfg(not(unix))]
fn limit_memory(_: &mut Command, _: u64) {}
