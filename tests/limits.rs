//! Resource bounds (README, "Limits"), through the real CLI: a source text
//! of 100 MiB and a brief file of 10 MiB are refused with a plain message
//! before they are read; a key-figures table of 10,000 rows is typeset; a
//! dataset of 1,000,000 items is checked in bounded memory.

mod common;

use std::fs::File;

use common::{dossier, minimal_copy};

#[test]
fn a_source_text_of_100_mib_is_refused_unread() {
    let (_tmp, data) = minimal_copy();
    let source = data.join("sources/alpha.txt");
    // Sparse: it takes no disk, and would take 100 MiB of memory if read.
    File::create(&source)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    let run = dossier(&["--data", data.to_str().unwrap(), "check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("alpha.txt")
            && run.stderr.contains(
                "is not read: it is 100.0 MiB, and Dossier reads files of this kind up to 64.0 MiB"
            ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_brief_file_of_10_mib_is_refused_unread() {
    let tmp = tempfile::tempdir().unwrap();
    let brief = tmp.path().join("huge.brief.toml");
    let line = "# a comment line that pads the brief file out to ten mebibytes\n";
    std::fs::write(&brief, line.repeat(10 * 1024 * 1024 / line.len() + 1)).unwrap();
    let out = tmp.path().join("memo.html");
    let run = dossier(&[
        "brief",
        brief.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("huge.brief.toml")
            && run
                .stderr
                .contains("it is 10.0 MiB, and Dossier reads files of this kind up to 1.0 MiB"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
}

#[test]
fn a_key_figures_table_of_10000_rows_is_typeset() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("synthetic");
    // Items are statements, figures and events in turn.
    let run = dossier(&["synth", "--items", "30000", data.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = tmp.path().join("figures.pdf");
    let run = dossier(&[
        "--data",
        data.to_str().unwrap(),
        "brief",
        "--form",
        "full",
        "--section",
        "header",
        "--section",
        "key-figures",
        "--date",
        "2025-06-02",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::process::Command::new("pdftotext")
        .args([out.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    let rows = text.matches("measure ").count();
    assert!(rows >= 10_000, "{rows} figure rows in the PDF");
    let check = std::process::Command::new("qpdf")
        .args(["--check", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(check.status.success());
}

/// The most memory `dossier check` may take for the million-item dataset
/// (389 MB of files); it took 1.73 GB when this was written, and 3.4 GB
/// when every parsed source file was held at once.
const MILLION_ITEMS_PEAK: u64 = 2560 * 1024 * 1024;

#[test]
fn a_dataset_of_1000000_items_is_checked_in_bounded_memory() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("synthetic");
    let run = dossier(&["synth", "--items", "1000000", data.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (code, stdout, peak) = run_measured(&["--data", data.to_str().unwrap(), "check"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("5000 sources, 1000000 items"), "{stdout}");
    assert!(
        peak <= MILLION_ITEMS_PEAK,
        "dossier check took {} MiB at its peak",
        peak / 1024 / 1024
    );
}

/// Runs the CLI and returns its exit code, its output and its peak
/// resident memory in bytes (from the kernel's accounting of the child).
#[allow(clippy::zombie_processes)] // reaped by wait4, which gives its usage
fn run_measured(args: &[&str]) -> (i32, String, u64) {
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .env("XDG_CACHE_HOME", common::test_cache_home())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let mut stdout = String::new();
    std::io::Read::read_to_string(&mut child.stdout.unwrap(), &mut stdout).unwrap();
    let mut status = 0;
    // SAFETY: `rusage` is plain data that wait4 fills in; the child is ours
    // and not yet reaped (its `Child` was consumed above without waiting).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(reaped, pid, "wait4 failed");
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    (code, stdout, usage.ru_maxrss as u64 * 1024)
}

/// The source files of one source with `n` statements, each quoting its
/// own sentence, and of a second source that corroborates every one of
/// them with an `[[also]]` record of its own file.
fn one_large_source_and_its_echo(data: &std::path::Path, n: usize) {
    let mut record = String::from(
        "[source]\ntitle = \"Large\"\npublisher = \"Desk\"\ndate = \"2024-05\"\nkind = \"report\"\n\n",
    );
    let mut echo = String::from(
        "[source]\ntitle = \"Echo\"\npublisher = \"Desk\"\ndate = \"2024-06\"\nkind = \"report\"\n\n",
    );
    let mut text = String::new();
    for i in 0..n {
        let sentence = format!("Statement number {i} of the large source says so.");
        record.push_str(&format!(
            "[[statement]]\nid = \"large-{i}\"\nspeaker = \"ann-envoy\"\nside = \"us\"\nstance = \"reports\"\ntopics = [\"dialogue\"]\nquote = \"{sentence}\"\n\n"
        ));
        echo.push_str(&format!(
            "[[also]]\nid = \"echo-{i}\"\nitem = \"large-{i}\"\nquote = \"{sentence}\"\n\n"
        ));
        text.push_str(&sentence);
        text.push(if i % 5 == 4 { '\n' } else { ' ' });
    }
    std::fs::write(data.join("sources/large.toml"), record).unwrap();
    std::fs::write(data.join("sources/large.txt"), &text).unwrap();
    std::fs::write(data.join("sources/echo.toml"), echo).unwrap();
    std::fs::write(data.join("sources/echo.txt"), &text).unwrap();
}

/// Loading is near linear in the items of one source and in `[[also]]`
/// records: each source's text is read once for all its quotes, and an
/// item is found by its id in a map. At 40,000 of each this took minutes
/// when every quote searched the text from its start and every `[[also]]`
/// searched the list of items.
#[test]
fn a_source_of_40000_items_and_40000_corroborations_loads() {
    let (_tmp, data) = minimal_copy();
    one_large_source_and_its_echo(&data, 40_000);
    let run = dossier(&["--data", data.to_str().unwrap(), "check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("4 sources, 40005 items"),
        "{}",
        run.stdout
    );
}

/// Loading is near linear in the number of sources: a file is found by its
/// path in a map, not by reading the list of files.
#[test]
fn a_dataset_of_20000_sources_loads() {
    let (_tmp, data) = minimal_copy();
    for i in 0..20_000 {
        let sentence = format!("Source {i} reports a statement.");
        std::fs::write(
            data.join(format!("sources/s-{i:05}.toml")),
            format!(
                "[source]\ntitle = \"Source {i}\"\npublisher = \"Desk\"\ndate = \"2024\"\nkind = \"report\"\n\n[[statement]]\nid = \"s-{i}\"\nspeaker = \"ann-envoy\"\nside = \"us\"\nstance = \"reports\"\ntopics = [\"dialogue\"]\nquote = \"{sentence}\"\n"
            ),
        )
        .unwrap();
        std::fs::write(data.join(format!("sources/s-{i:05}.txt")), sentence).unwrap();
    }
    let run = dossier(&["--data", data.to_str().unwrap(), "check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("20002 sources"), "{}", run.stdout);
}
