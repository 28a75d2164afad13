//! "New since the last brief" end to end through the real CLI: `dossier
//! brief --record`, a document added and accepted, the memo made again,
//! and `dossier diff`.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use common::{dossier, values_after};
use serde_json::Value;

/// A copy of the default dataset and of the example brief, in one folder.
fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let run = dossier(&["init", data.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let brief = tmp.path().join("next.brief.toml");
    fs::copy(common::example_brief(), &brief).unwrap();
    (tmp, data, brief)
}

fn item_ids(data: &Path) -> BTreeSet<String> {
    let run = dossier(&["items", "--json", "--data", data.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let items: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    items
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect()
}

fn memo(data: &Path, brief: &Path, out: &Path, extra: &[&str]) -> String {
    let mut args = vec![
        "brief",
        brief.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
        "--date",
        "2026-03-10",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let run = dossier(&args);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    String::from_utf8_lossy(&fs::read(out).unwrap()).into_owned()
}

/// A report written for this test, each sentence said by a speaker the
/// dataset knows, so that every suggestion can be accepted as it is.
const REPORT: &str = "Kazakhstan reports new crisis centres\n\nASTANA, 3 March 2026 — The Ministry of Foreign Affairs of the Republic of Kazakhstan said that 52 crisis centres now assist survivors of domestic violence across the country.\n\nThe Ministry of Foreign Affairs of the Republic of Kazakhstan said on 2 March 2026 that a new law on peaceful assemblies was adopted.\n";

fn add_and_accept(tmp: &Path, data: &Path) -> BTreeSet<String> {
    let before = item_ids(data);
    let doc = tmp.join("report.txt");
    fs::write(&doc, REPORT).unwrap();
    let d = data.to_str().unwrap();
    let run = dossier(&[
        "ingest",
        doc.to_str().unwrap(),
        "--data",
        d,
        "--date",
        "2026-03-03",
        "--kind",
        "news",
        "--publisher",
        "Test Wire",
        "--id",
        "test-wire-2026",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = dossier(&["accept", "--data", d, "--source", "test-wire-2026", "--all"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let added: BTreeSet<String> = item_ids(data).difference(&before).cloned().collect();
    assert!(!added.is_empty(), "the report gives items");
    added
}

#[test]
fn remade_after_a_document_is_accepted_the_memo_lists_exactly_the_accepted_items_as_new() {
    let (tmp, data, brief) = setup();
    let first = memo(&data, &brief, &tmp.path().join("first.html"), &["--record"]);
    assert!(!first.contains("id=\"new\""), "no record yet, no section");
    let record = fs::read_to_string(tmp.path().join("next.shown.toml")).unwrap();
    assert!(record.contains("\ndate 2026-03-10\n"), "{record}");
    let added = add_and_accept(tmp.path(), &data);
    let second = memo(&data, &brief, &tmp.path().join("second.html"), &[]);
    let section = &second[second
        .find("<section id=\"new\"")
        .expect("the New since section")..];
    let section = &section[..section.find("</section>").unwrap()];
    assert!(section.contains("New since 10 March 2026"), "{section}");
    let listed: BTreeSet<String> = values_after(section, "data-item=\"").into_iter().collect();
    assert_eq!(listed, added);
    assert!(section.contains("added to the dataset on"), "{section}");
    // Right after the summary, before the drafter's text.
    let at = |s: &str| second.find(s).unwrap();
    assert!(at("id=\"summary\"") < at("id=\"new\"") && at("id=\"new\"") < at("id=\"bottom-line\""));
    // In the topic sections, the new items carry the mark.
    assert!(second.matches("<strong class=\"new\">new</strong>").count() >= added.len());
    // `dossier diff` says the same.
    let run = dossier(&[
        "diff",
        brief.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let diff: Value = serde_json::from_str(&run.stdout).unwrap();
    let new: BTreeSet<String> = diff["new"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert_eq!(new, added);
    assert!(diff["gone"].as_array().unwrap().is_empty());
    assert_eq!(diff["since"], "2026-03-10");
    let run = dossier(&[
        "diff",
        brief.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
    ]);
    assert!(
        run.stdout.starts_with(&format!(
            "Since the memo of 10 March 2026:\n  {} new\n",
            added.len()
        )),
        "{}",
        run.stdout
    );
}

#[test]
fn an_item_excluded_since_is_gone_and_said_by_count() {
    let (tmp, data, brief) = setup();
    memo(&data, &brief, &tmp.path().join("first.html"), &["--record"]);
    let text = fs::read_to_string(&brief).unwrap();
    let text = text.replace(
        "[selection]\n",
        "[selection]\nexclude = [\"zeya-2022-amend-trafficking-laws\"]\n",
    );
    fs::write(&brief, text).unwrap();
    let run = dossier(&[
        "diff",
        brief.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let diff: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        diff["gone"],
        serde_json::json!(["zeya-2022-amend-trafficking-laws"])
    );
    assert!(diff["new"].as_array().unwrap().is_empty());
    let html = memo(&data, &brief, &tmp.path().join("second.html"), &[]);
    assert!(
        html.contains("1 item the last brief showed is not in this one"),
        "the gone line"
    );
    assert!(html.contains("Nothing new in this selection since the last brief."));
}

#[test]
fn a_brief_without_a_record_makes_the_memo_it_made_before() {
    let (tmp, data, brief) = setup();
    for ext in ["html", "pdf", "docx"] {
        let plain = tmp.path().join(format!("plain.{ext}"));
        let recorded = tmp.path().join(format!("recorded.{ext}"));
        memo(&data, &brief, &plain, &[]);
        // Recording does not change the memo it records.
        memo(&data, &brief, &recorded, &["--record"]);
        assert_eq!(
            fs::read(&plain).unwrap(),
            fs::read(&recorded).unwrap(),
            "{ext}"
        );
        fs::remove_file(tmp.path().join("next.shown.toml")).unwrap();
    }
    // Without a record, `diff` says how to make one.
    let run = dossier(&[
        "diff",
        brief.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("has no record of what its memo showed"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_record_survives_hand_edits_of_the_brief() {
    let (tmp, data, brief) = setup();
    memo(&data, &brief, &tmp.path().join("first.html"), &["--record"]);
    let text = fs::read_to_string(&brief).unwrap();
    fs::write(
        &brief,
        format!("# A comment added by hand.\n{text}").replace("Next steps", "Next steps"),
    )
    .unwrap();
    let html = memo(&data, &brief, &tmp.path().join("second.html"), &[]);
    assert!(
        html.contains("<section id=\"new\""),
        "the record still applies"
    );
    assert!(
        fs::read_to_string(&brief)
            .unwrap()
            .starts_with("# A comment added by hand.")
    );
    // A malformed record is named, not guessed around.
    fs::write(
        tmp.path().join("next.shown.toml"),
        "date 2026-03-10\nitem x\n",
    )
    .unwrap();
    let run = dossier(&[
        "brief",
        brief.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
        "--out",
        tmp.path().join("x.html").to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("next.shown.toml:2:"), "{}", run.stderr);
}

#[test]
fn items_json_gives_the_day_an_item_was_accepted() {
    let (tmp, data, _) = setup();
    let added = add_and_accept(tmp.path(), &data);
    let run = dossier(&["items", "--json", "--data", data.to_str().unwrap()]);
    let items: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    for i in &items {
        let id = i["id"].as_str().unwrap();
        if added.contains(id) {
            assert!(i["accepted"].is_string(), "{i}");
        } else {
            assert!(i["accepted"].is_null(), "{i}");
        }
    }
}

#[test]
fn a_two_page_memo_records_its_whole_selection_so_nothing_is_new_at_once() {
    let (tmp, data, brief) = setup();
    memo(
        &data,
        &brief,
        &tmp.path().join("first.pdf"),
        &["--form", "memo", "--no-annex", "--record"],
    );
    let run = dossier(&[
        "diff",
        brief.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
        "--json",
    ]);
    let diff: Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(diff["new"].as_array().unwrap().is_empty(), "{diff}");
    assert!(diff["threads"].as_array().unwrap().is_empty(), "{diff}");
    // The memo may not overwrite the record.
    let run = dossier(&[
        "brief",
        brief.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
        "--out",
        tmp.path().join("next.shown.toml").to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("where the brief's record of its memo is kept"),
        "{}",
        run.stderr
    );
}
