//! No change lost, whatever runs beside it: two Dossier processes changing
//! one dataset at once (accept against edit, edit against edit, two ingests
//! of one id) 50 times over, and a writer killed at each step of a change
//! to two files (through the `DOSSIER_TEST_STOP_AT` hook), which leaves the
//! old state or the new one, and no debris once the next writer has run.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{dossier, minimal_copy};

const NOTE: &str = r#"[source]
title = "Note"
publisher = "Desk"
date = "2024-05-21"
kind = "readout"

[[statement]]
id = "aide-urges"
suggested = true
speaker = "new-aide"
side = "us"
topics = ["dialogue"]
quote = "The aide urged more dialogue."

[[statement]]
id = "envoy-notes"
suggested = true
speaker = "ann-envoy"
side = "us"
topics = ["dialogue"]
quote = "The envoy noted the meeting."

[[statement]]
id = "envoy-adds"
suggested = true
speaker = "ann-envoy"
side = "us"
topics = ["dialogue"]
quote = "The envoy added a remark."
"#;

const NOTE_TEXT: &str =
    "The aide urged more dialogue. The envoy noted the meeting. The envoy added a remark.\n";

const NEW_PERSON: &str = r#"
[[person]]
id = "new-aide"
name = "New Aide"
side = "us"
suggested = true
"#;

/// A copy of the minimal dataset with a source of three pending
/// statements, one of them by a pending person (so that accepting it
/// changes two files).
fn pending_dataset() -> (tempfile::TempDir, PathBuf) {
    let (tmp, data) = minimal_copy();
    fs::write(data.join("sources/note.toml"), NOTE).unwrap();
    fs::write(data.join("sources/note.txt"), NOTE_TEXT).unwrap();
    let mut people = fs::read_to_string(data.join("people.toml")).unwrap();
    people.push_str(NEW_PERSON);
    fs::write(data.join("people.toml"), people).unwrap();
    let run = dossier(&["check", "--data", data.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    (tmp, data)
}

fn spawn(args: &[&str], env: Option<(&str, &str)>) -> std::process::Child {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dossier"));
    cmd.args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    if let Some((k, v)) = env {
        cmd.env(k, v);
    }
    cmd.spawn().unwrap()
}

fn finish(child: std::process::Child) -> Output {
    child.wait_with_output().unwrap()
}

/// The record `id` of note.toml, as its lines up to the next table.
fn record(data: &Path, id: &str) -> String {
    let text = fs::read_to_string(data.join("sources/note.toml")).unwrap();
    let at = text.find(&format!("id = \"{id}\"")).unwrap();
    let end = text[at..].find("\n[").map_or(text.len(), |e| at + e);
    text[at..end].to_string()
}

fn accepted(data: &Path, id: &str) -> bool {
    let r = record(data, id);
    r.contains("accepted_by") && !r.contains("suggested")
}

/// The temporary and journal files left in the dataset folder.
fn debris(data: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for folder in [data.to_path_buf(), data.join("sources")] {
        for e in fs::read_dir(folder).unwrap() {
            let name = e.unwrap().file_name().to_string_lossy().to_string();
            if name.starts_with(".dossier") && name != ".dossier.lock" {
                out.push(name);
            }
        }
    }
    out
}

/// Both commands either made their change or said they did not; no change
/// reported as made is missing.
#[test]
fn accept_against_edit_50_times_loses_no_change() {
    let mut lost = Vec::new();
    for round in 0..50 {
        let (_tmp, data) = pending_dataset();
        let d = data.to_str().unwrap();
        let a = spawn(&["accept", "--data", d, "aide-urges"], None);
        let b = spawn(
            &["edit", "envoy-notes", "--data", d, "--stance", "calls-for"],
            None,
        );
        let (a, b) = (finish(a), finish(b));
        assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
        assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
        if !accepted(&data, "aide-urges") {
            lost.push(format!("round {round}: the accept"));
        }
        if !record(&data, "envoy-notes").contains("stance = \"calls-for\"") {
            lost.push(format!("round {round}: the edit"));
        }
        let people = fs::read_to_string(data.join("people.toml")).unwrap();
        assert!(
            !people.contains("suggested = true"),
            "round {round}: the person was accepted with the statement"
        );
        assert_eq!(dossier(&["check", "--data", d]).code, 0);
    }
    assert!(lost.is_empty(), "changes lost: {lost:?}");
}

#[test]
fn edit_against_edit_50_times_loses_no_change() {
    let mut lost = Vec::new();
    for round in 0..50 {
        let (_tmp, data) = pending_dataset();
        let d = data.to_str().unwrap();
        let a = spawn(
            &["edit", "envoy-notes", "--data", d, "--stance", "calls-for"],
            None,
        );
        let b = spawn(
            &["edit", "envoy-adds", "--data", d, "--stance", "commends"],
            None,
        );
        let (a, b) = (finish(a), finish(b));
        assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
        assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
        if !record(&data, "envoy-notes").contains("stance = \"calls-for\"") {
            lost.push(format!("round {round}: the first edit"));
        }
        if !record(&data, "envoy-adds").contains("stance = \"commends\"") {
            lost.push(format!("round {round}: the second edit"));
        }
    }
    assert!(lost.is_empty(), "changes lost: {lost:?}");
}

#[test]
fn two_ingests_of_one_id_50_times_one_is_refused_and_the_dataset_stays_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let texts: Vec<PathBuf> = ["first", "second"]
        .iter()
        .map(|name| {
            let path = tmp.path().join(format!("{name}.txt"));
            fs::write(
                &path,
                format!("The {name} envoy said the dialogue would continue in Astana.\n"),
            )
            .unwrap();
            path
        })
        .collect();
    for round in 0..50 {
        let (_keep, data) = minimal_copy();
        let d = data.to_str().unwrap();
        let children: Vec<_> = texts
            .iter()
            .map(|t| {
                let args = [
                    "ingest",
                    t.to_str().unwrap(),
                    "--data",
                    d,
                    "--id",
                    "same",
                    "--kind",
                    "news",
                    "--publisher",
                    "Herald",
                    "--date",
                    "2024-05-22",
                    "--title",
                    "Same",
                ];
                spawn(&args, None)
            })
            .collect();
        let outs: Vec<Output> = children.into_iter().map(finish).collect();
        let ok = outs.iter().filter(|o| o.status.success()).count();
        assert_eq!(
            ok, 1,
            "round {round}: exactly one ingest of 'same' succeeds"
        );
        let refused = outs.iter().find(|o| !o.status.success()).unwrap();
        assert!(
            String::from_utf8_lossy(&refused.stderr).contains("already has a source 'same'"),
            "{}",
            String::from_utf8_lossy(&refused.stderr)
        );
        // The record and the text are the same document's.
        let text = fs::read_to_string(data.join("sources/same.txt")).unwrap();
        let record = fs::read_to_string(data.join("sources/same.toml")).unwrap();
        let which = if text.contains("first") {
            "first"
        } else {
            "second"
        };
        assert!(
            !record.contains("quote") || record.contains(&format!("The {which} envoy")),
            "round {round}: the record quotes the other document:\n{record}"
        );
        let run = dossier(&["check", "--data", d]);
        assert_eq!(run.code, 0, "round {round}: {}", run.stderr);
    }
}

/// A kill at each step of a change to two files (people.toml and
/// note.toml) leaves, to every reader, the old state or the new one; the
/// next writer finishes or clears what the killed one left.
#[test]
fn a_writer_killed_at_each_step_leaves_old_or_new_and_no_debris() {
    for (step, lands) in [
        ("staged", false),
        ("journal", true),
        ("step-1", true),
        ("step-2", true),
    ] {
        let (_tmp, data) = pending_dataset();
        let d = data.to_str().unwrap();
        let killed = finish(spawn(
            &["accept", "--data", d, "aide-urges"],
            Some(("DOSSIER_TEST_STOP_AT", step)),
        ));
        assert!(!killed.status.success(), "{step}: the hook stopped it");
        assert!(!debris(&data).is_empty(), "{step}: a kill leaves its files");
        // A reader sees one state or the other, whole.
        let review = dossier(&["review", "--data", d]);
        let statement_pending = review.stdout.contains("aide-urges");
        let person_pending = review.stdout.contains("person  new-aide");
        assert_eq!(
            statement_pending, person_pending,
            "{step}: half a change is visible:\n{}",
            review.stdout
        );
        assert_eq!(!statement_pending, lands, "{step}: {}", review.stdout);
        assert_eq!(dossier(&["check", "--data", d]).code, 0, "{step}");
        // The next writer completes the change or drops it, then makes its own.
        let run = dossier(&["edit", "envoy-notes", "--data", d, "--stance", "calls-for"]);
        assert_eq!(run.code, 0, "{step}: {}", run.stderr);
        assert_eq!(debris(&data), Vec::<String>::new(), "{step}");
        assert_eq!(accepted(&data, "aide-urges"), lands, "{step}");
        let people = fs::read_to_string(data.join("people.toml")).unwrap();
        assert_eq!(!people.contains("suggested = true"), lands, "{step}");
        assert!(record(&data, "envoy-notes").contains("stance = \"calls-for\""));
    }
}

/// A `synth` killed while writing leaves no dataset at its folder (only its
/// hidden staging folder beside it), never a part of one that validates.
#[test]
fn a_killed_synth_leaves_no_partial_dataset() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("big");
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["synth", "--items", "1000000", data.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let _ = child.kill();
    let status = child.wait().unwrap();
    assert!(!status.success(), "synth was killed before it finished");
    assert!(!data.exists(), "a killed synth left {}", data.display());
    let run = dossier(&["check", "--data", data.to_str().unwrap()]);
    assert_eq!(run.code, 1);
}
