//! Helpers shared by the integration tests: running the real `dossier`
//! binary and building dataset folders from the fixtures.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The output of one run of the CLI.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `dossier` with `args`.
pub fn dossier(args: &[&str]) -> Run {
    dossier_with(args, &[])
}

/// The cache folder the tests' runs use (`$XDG_CACHE_HOME`), in the build's
/// own temporary folder rather than the user's.
pub fn test_cache_home() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("xdg-cache")
}

/// Runs the real `dossier` binary with `env` set as well, and collects
/// what it printed.
pub fn dossier_with(args: &[&str], env: &[(&str, &std::ffi::OsStr)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dossier"));
    command.args(args).env("XDG_CACHE_HOME", test_cache_home());
    for (key, value) in env {
        command.env(key, value);
    }
    let out: Output = command.output().expect("the dossier binary runs");
    let run = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "dossier {args:?} panicked:\n{}",
        run.stderr
    );
    run
}

/// The test fixtures folder.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Copies every file under `from` into `to`, keeping relative paths.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            fs::create_dir_all(&target).unwrap();
            copy_tree(&path, &target);
        } else {
            fs::copy(&path, &target).unwrap();
        }
    }
}

/// A temporary copy of the minimal valid dataset, at `<tempdir>/data`.
pub fn minimal_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    fs::create_dir_all(&data).unwrap();
    copy_tree(&fixtures().join("minimal"), &data);
    (tmp, data)
}

/// The example brief for the next Dialogue (`examples/next-dialogue.brief.toml`).
pub fn example_brief() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/next-dialogue.brief.toml")
        .to_str()
        .unwrap()
        .to_string()
}

/// Text without white space and hyphens: how a quote is found in text
/// extracted from a PDF whatever the line breaks and hyphenation.
pub fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '\u{ad}')
        .collect()
}

/// Text extracted from a PDF without its page furniture (the marking and
/// "Page N of M" lines), which may fall inside a quote that runs over a page.
pub fn without_page_furniture(text: &str) -> String {
    text.lines()
        .filter(|l| {
            let l = l.trim();
            l != "UNCLASSIFIED" && !(l.starts_with("Page ") && l.contains(" of "))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Each value that follows `prefix` in `text`, up to the next `"`: the
/// values of an attribute (`href="#source-`).
pub fn values_after(text: &str, prefix: &str) -> Vec<String> {
    text.split(prefix)
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap_or(rest.len())].to_string())
        .collect()
}

/// Runs `dossier brief` (memo date 2026-11-30) with `args`, writing
/// `dir/name`; fails the test if it fails. Returns the output's path.
pub fn write_memo(dir: &Path, name: &str, args: &[&str]) -> String {
    let out = dir.join(name).to_str().unwrap().to_string();
    let mut all = vec!["brief", "--date", "2026-11-30", "--out", &out];
    all.extend_from_slice(args);
    let run = dossier(&all);
    assert_eq!(run.code, 0, "{all:?}: {}", run.stderr);
    out
}

/// Writes the deterministic synthetic dataset of `items` items into
/// `dir`/data and returns that folder.
pub fn synthetic_dataset(dir: &Path, items: usize) -> PathBuf {
    let data = dir.join("data");
    for (rel, text) in dossier::synthetic::generate(
        items,
        dossier::synthetic::DEFAULT_TOPICS,
        dossier::synthetic::DEFAULT_PARTIES,
    )
    .files
    {
        let path = data.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    data
}

/// The text poppler's `pdftotext` reads from the PDF at `path` (with
/// `layout`, in its page layout).
pub fn pdf_text(path: &str, layout: bool) -> String {
    let mut args = vec![path, "-"];
    if layout {
        args.insert(0, "-layout");
    }
    let out = Command::new("pdftotext")
        .args(&args)
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(out.status.success(), "pdftotext {path} failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Markup (HTML, Word's XML) with its tags dropped, each tag a space.
pub fn strip_tags(markup: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in markup.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The page count `pdfinfo` reports for the PDF at `path`.
pub fn pdf_pages(path: &str) -> usize {
    let out = Command::new("pdfinfo").arg(path).output().unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap_or_else(|| panic!("pdfinfo gives no page count for {path}"))
        .trim()
        .parse()
        .unwrap()
}
