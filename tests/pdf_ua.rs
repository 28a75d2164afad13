//! Accessible PDF (PDF/UA-1): every kind of memo the CLI writes is checked
//! by `tests/pdf_ua.py` with readers that are not Dossier's — the
//! `page-validation` validator's `ua1` profile (no failed rule), a pikepdf
//! walk of the structure tree against each page's marked content, the
//! parent tree and the link annotations, the outline against the headings,
//! every quote under a quotation element, and the structure's text against
//! `pdftotext`'s once the artifacts are taken out. `scripts/test` installs
//! page-validation and pikepdf.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{dossier, fixtures};
use serde_json::Value;

/// Writes a memo with `args` into `dir` as `name`.pdf and returns its path.
fn memo(dir: &Path, name: &str, args: &[&str]) -> String {
    let out = dir.join(format!("{name}.pdf"));
    let out = out.to_str().unwrap().to_string();
    let mut all = vec!["brief", "--date", "2026-12-01", "--out", &out];
    all.extend_from_slice(args);
    let run = dossier(&all);
    assert_eq!(run.code, 0, "{all:?}: {}", run.stderr);
    out
}

/// The quotes of the items `args` select (`dossier items --json`), written
/// to a file for the checker.
fn quotes(dir: &Path, name: &str, args: &[&str]) -> String {
    let mut all = vec!["items", "--json"];
    all.extend_from_slice(args);
    let run = dossier(&all);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let items: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    let quotes: Vec<&str> = items.iter().map(|i| i["quote"].as_str().unwrap()).collect();
    assert!(!quotes.is_empty());
    let path = dir.join(format!("{name}.quotes.json"));
    fs::write(&path, serde_json::to_string(&quotes).unwrap()).unwrap();
    path.to_str().unwrap().to_string()
}

/// Runs the checker on `pdf` (with the quotes that must be tagged as
/// quotations, if given), fails the test with its report unless every
/// check passes, and returns the report.
fn conforms(pdf: &str, quotes: Option<&str>) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pdf_ua.py");
    let mut command = Command::new("python3");
    command.arg(&script).arg(pdf).args(quotes);
    let out = command.output().expect("python3 runs");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success(),
        "{pdf} is not a conforming tagged PDF (`bash scripts/test` installs page-validation and pikepdf):\n{report}"
    );
    let verdict = report
        .lines()
        .find(|l| l.starts_with("page-validation ua1: "))
        .unwrap_or_default();
    assert!(
        verdict.starts_with("page-validation ua1: Conformant, 0 of ")
            && verdict.ends_with(" rules failed, 0 failed checks"),
        "{report}"
    );
    eprintln!("{pdf}:\n{report}");
    report
}

/// How many elements of `role` the checker's report counts.
fn count(report: &str, role: &str) -> usize {
    let roles = report
        .lines()
        .find_map(|l| l.strip_prefix("roles: "))
        .expect("the report counts roles");
    roles
        .split(", ")
        .find_map(|r| r.strip_prefix(role)?.strip_prefix(' ')?.parse().ok())
        .unwrap_or(0)
}

#[test]
fn the_full_brief_conforms_with_every_quote_tagged() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = memo(dir.path(), "full", &["--form", "full"]);
    let report = conforms(&pdf, Some(&quotes(dir.path(), "all", &[])));
    // The shape of the memo: one title, the sections and topics, the
    // quotations, the tables with their column and row headers, the
    // numbered sources as a list, each citation marker a link.
    assert_eq!(count(&report, "H1"), 1, "{report}");
    for role in [
        "H2",
        "H3",
        "H4",
        "BlockQuote",
        "Reference",
        "Link",
        "TR",
        "TD",
    ] {
        assert!(count(&report, role) > 0, "no {role}: {report}");
    }
    assert!(
        count(&report, "TH/Column") >= 4 && count(&report, "TH/Row") == 4,
        "{report}"
    );
    assert!(
        count(&report, "L") >= 2 && count(&report, "LI") == count(&report, "Lbl"),
        "{report}"
    );
    assert_eq!(
        count(&report, "Reference"),
        count(&report, "Link"),
        "{report}"
    );
}

#[test]
fn the_memo_form_conforms_with_its_annex_and_without() {
    let dir = tempfile::tempdir().unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/next-dialogue.brief.toml");
    let example = example.to_str().unwrap();
    // The drafter's text: bottom line, numbered talking points with
    // bullets, next steps and the foot; the annex holds every quote.
    let pdf = memo(dir.path(), "drafted", &[example, "--form", "memo"]);
    conforms(&pdf, None);
    let pdf = memo(dir.path(), "memo", &["--form", "memo"]);
    let report = conforms(&pdf, Some(&quotes(dir.path(), "all", &[])));
    // The facts of the memo's pages quote their passages within a sentence.
    assert!(count(&report, "Quote") > 0, "{report}");
    let pdf = memo(
        dir.path(),
        "two-pages",
        &["--form", "memo", "--no-annex", "--page", "letter"],
    );
    conforms(&pdf, None);
}

#[test]
fn a_one_topic_brief_and_an_empty_one_conform() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = memo(
        dir.path(),
        "torture",
        &["--topic", "torture", "--portion-marks"],
    );
    conforms(
        &pdf,
        Some(&quotes(dir.path(), "torture", &["--topic", "torture"])),
    );
    let pdf = memo(
        dir.path(),
        "empty",
        &["--topic", "torture", "--from", "2030"],
    );
    conforms(&pdf, None);
    let minimal = fixtures().join("minimal");
    let pdf = memo(
        dir.path(),
        "minimal",
        &["--data", minimal.to_str().unwrap(), "--page", "letter"],
    );
    conforms(&pdf, None);
}

#[test]
fn a_cyrillic_title_and_a_blank_one_conform() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = memo(
        dir.path(),
        "cyrillic",
        &[
            "--title",
            "Диалог по правам человека",
            "--topic",
            "children",
        ],
    );
    conforms(&pdf, None);
    // A blank title would leave the document without its first heading.
    let pdf = memo(
        dir.path(),
        "blank",
        &["--title", " ", "--topic", "children"],
    );
    let report = conforms(&pdf, None);
    assert_eq!(count(&report, "H1"), 1, "{report}");
}

#[test]
fn a_brief_of_over_100_pages_conforms() {
    let dir = tempfile::tempdir().unwrap();
    let data = common::synthetic_dataset(dir.path(), 6_000);
    let data = data.to_str().unwrap();
    let args = ["--data", data, "--topic", "torture", "--topic", "children"];
    let pdf = memo(dir.path(), "big", &args);
    let pages = common::pdf_pages(&pdf);
    assert!(pages >= 100, "{pages} pages");
    let quotes = quotes(dir.path(), "big", &args[..]);
    conforms(&pdf, Some(&quotes));
}
