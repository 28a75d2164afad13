//! Every dataset under `tests/fixtures/bad/` is the minimal valid dataset with
//! a few files replaced (and the files named in `REMOVE` deleted). `dossier
//! check` must reject each one, without panicking, with exactly the problems
//! in its `expected.txt` (`DATA` stands for the dataset folder).
//!
//! To write the expected files after a deliberate change of wording, run
//! with `DOSSIER_BLESS=1` and review the diff.

mod common;

use std::fs;
use std::path::Path;

use common::{copy_tree, dossier, fixtures, minimal_copy};

fn check_case(case: &Path) -> Result<(), String> {
    let (_tmp, data) = minimal_copy();
    for entry in fs::read_dir(case).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap();
        match name {
            "expected.txt" | "REMOVE" => {}
            _ if path.is_dir() => copy_tree(&path, &data.join(name)),
            _ => {
                fs::copy(&path, data.join(name)).unwrap();
            }
        }
    }
    if let Ok(list) = fs::read_to_string(case.join("REMOVE")) {
        for rel in list.lines().filter(|l| !l.is_empty()) {
            fs::remove_file(data.join(rel)).unwrap();
        }
    }

    let run = dossier(&["check", "--data", data.to_str().unwrap()]);
    let got = run.stderr.replace(data.to_str().unwrap(), "DATA");
    let expected_path = case.join("expected.txt");
    if std::env::var_os("DOSSIER_BLESS").is_some() {
        fs::write(&expected_path, &got).unwrap();
    }
    let expected = fs::read_to_string(&expected_path).unwrap_or_default();
    if run.code != 1 {
        return Err(format!("exit code {} (expected 1)", run.code));
    }
    if !run.stdout.is_empty() {
        return Err(format!("printed to stdout: {}", run.stdout));
    }
    if got != expected {
        return Err(format!("--- expected\n{expected}--- got\n{got}"));
    }
    Ok(())
}

#[test]
fn every_malformed_dataset_is_rejected_with_its_exact_problems() {
    let mut cases: Vec<_> = fs::read_dir(fixtures().join("bad"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 20, "the corpus has {} cases", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| {
            check_case(c)
                .err()
                .map(|e| format!("{}: {e}", c.file_name().unwrap().to_string_lossy()))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_minimal_fixture_is_valid() {
    let (_tmp, data) = minimal_copy();
    let run = dossier(&["check", "--data", data.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("The dataset is valid: 2 sources, 5 items"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_missing_folder_is_reported_plainly() {
    let run = dossier(&["topics", "--data", "/no/such/folder"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "/no/such/folder: there is no dataset folder here; give --data the folder that holds topics.toml, people.toml, places.toml and sources/\n\
         The dataset in /no/such/folder has 1 problem; fix it and run `dossier check` again.\n"
    );
}

#[test]
fn a_bad_dataset_yields_no_partial_output() {
    let (_tmp, data) = minimal_copy();
    fs::write(data.join("sources/beta.txt"), "Something else entirely.\n").unwrap();
    for args in [
        &["topics"][..],
        &["items"],
        &["items", "--json"],
        &["topics", "--json"],
    ] {
        let mut all = args.to_vec();
        all.extend(["--data", data.to_str().unwrap()]);
        let run = dossier(&all);
        assert_eq!(run.code, 1, "{all:?}");
        assert_eq!(run.stdout, "", "{all:?} printed part of a result");
        assert!(
            run.stderr.contains("not found verbatim in source 'beta'"),
            "{}",
            run.stderr
        );
    }
}
