//! Markings: a memo is never marked below the sources it quotes. The
//! fixture `tests/fixtures/confidential` is the minimal dataset plus one
//! CONFIDENTIAL cable; every check runs the real CLI and reads its HTML, and
//! its PDF through poppler's `pdftotext`.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{copy_tree, dossier, fixtures};

fn confidential() -> String {
    fixtures().join("confidential").display().to_string()
}

/// Runs `brief` on the confidential fixture with `args`, writing to `out`.
fn brief(out: &Path, args: &[&str]) -> common::Run {
    let data = confidential();
    let mut all = vec![
        "brief",
        "--data",
        &data,
        "--date",
        "2025-01-10",
        "--out",
        out.to_str().unwrap(),
    ];
    all.extend_from_slice(args);
    dossier(&all)
}

/// The HTML memo of a brief file with `text`, on the confidential fixture.
fn memo_from_brief_file(dir: &Path, text: &str) -> String {
    let brief_path = dir.join("b.brief.toml");
    fs::write(&brief_path, text).unwrap();
    let out = dir.join("memo.html");
    let data = confidential();
    let run = dossier(&[
        "brief",
        brief_path.to_str().unwrap(),
        "--data",
        &data,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    fs::read_to_string(&out).unwrap()
}

/// The text of each page of a PDF, by poppler.
fn pdf_pages(path: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .args(["-layout", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    let text = String::from_utf8(out.stdout).unwrap();
    text.split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .map(str::to_string)
        .collect()
}

/// The first and last non-empty lines of a page: its banners.
fn banners(page: &str) -> (String, String) {
    let lines: Vec<&str> = page
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let last = lines.last().unwrap();
    // The footer line holds the marking and "Page N of M".
    let footer = last.split("Page ").next().unwrap().trim();
    (lines[0].to_string(), footer.to_string())
}

#[test]
fn a_memo_quoting_a_confidential_source_is_marked_confidential_on_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let html_path = dir.path().join("memo.html");
    let run = brief(&html_path, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = fs::read_to_string(&html_path).unwrap();
    assert_eq!(
        html.matches(r#"<p class="classification" role="note">CONFIDENTIAL</p>"#)
            .count(),
        2,
        "top and bottom"
    );
    assert!(html.contains(r#"@top-center { content: "CONFIDENTIAL""#));
    assert!(html.contains(r#"@bottom-center { content: "CONFIDENTIAL""#));
    assert!(
        html.contains("marked at most CONFIDENTIAL"),
        "the summary says so"
    );

    let pdf_path = dir.path().join("memo.pdf");
    let run = brief(&pdf_path, &["--page", "letter"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pages = pdf_pages(&pdf_path);
    assert!(!pages.is_empty());
    for (n, page) in pages.iter().enumerate() {
        let (top, bottom) = banners(page);
        assert_eq!(top, "CONFIDENTIAL", "page {}", n + 1);
        assert_eq!(bottom, "CONFIDENTIAL", "page {}", n + 1);
    }
}

#[test]
fn a_lower_marking_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    for (format, marking) in [
        ("pdf", "UNCLASSIFIED"),
        ("html", "UNCLASSIFIED//FOR OFFICIAL USE ONLY"),
    ] {
        let out = dir.path().join(format!("memo.{format}"));
        let run = brief(&out, &["--classification", marking]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(!out.exists(), "nothing is written");
        assert!(
            run.stderr
                .contains(&format!("the memo is marked {marking}"))
                && run.stderr.contains("source 'cable'")
                && run.stderr.contains("CONFIDENTIAL"),
            "{}",
            run.stderr
        );
        assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    }
    let leftovers: Vec<PathBuf> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(leftovers.is_empty(), "no temporary file: {leftovers:?}");
}

#[test]
fn an_equal_or_higher_marking_is_kept_with_its_caveats() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("memo.html");
    for marking in ["CONFIDENTIAL//NOFORN", "SECRET"] {
        let run = brief(&out, &["--classification", marking]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let html = fs::read_to_string(&out).unwrap();
        assert!(html.contains(&format!(
            r#"<p class="classification" role="note">{marking}</p>"#
        )));
    }
    let run = brief(&out, &["--classification", "RESTRICTED"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("'RESTRICTED' is not one of this dataset's markings"),
        "{}",
        run.stderr
    );
}

#[test]
fn excluding_the_confidential_item_brings_the_marking_back_down() {
    let dir = tempfile::tempdir().unwrap();
    let html = memo_from_brief_file(
        dir.path(),
        "[memo]\nclassification = \"UNCLASSIFIED\"\n\n[selection]\nexclude = [\"cable-concern-implementation\"]\n",
    );
    assert!(html.contains(r#"<p class="classification" role="note">UNCLASSIFIED</p>"#));
    assert!(!html.contains("CONFIDENTIAL"));
    assert!(!html.contains("Embassy cable"));

    // With no marking given, the memo takes the sources' highest.
    let html = memo_from_brief_file(
        dir.path(),
        "[selection]\nexclude = [\"cable-concern-implementation\"]\n",
    );
    assert!(html.contains(r#"<p class="classification" role="note">UNCLASSIFIED</p>"#));
}

#[test]
fn portion_marks_stand_at_each_quote() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("memo.html");
    let run = brief(&out, &["--portion-marks", "--section", "topics"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = fs::read_to_string(&out).unwrap();
    let quotes = html.matches("<blockquote>").count();
    assert!(quotes >= 5, "{quotes}");
    let marks = html.matches(r#"<span class="portion">"#).count();
    assert_eq!(marks, quotes, "one portion mark a quote");
    assert!(html.contains(
        r#"<span class="portion">(C)</span> “Post is concerned that the law is not yet applied"#
    ));
    assert!(html.contains(
        r#"<span class="portion">(U)</span> “The envoy welcomed the new law on domestic violence."#
    ));

    let pdf = dir.path().join("memo.pdf");
    let run = brief(&pdf, &["--portion-marks"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = pdf_pages(&pdf).join("\n");
    assert!(text.contains("(C) “Post is concerned"), "{text}");
    assert!(text.contains("(U) “The envoy welcomed"));

    // Without the flag, none.
    let run = brief(&out, &[]);
    assert_eq!(run.code, 0);
    assert!(
        !fs::read_to_string(&out)
            .unwrap()
            .contains("class=\"portion\"")
    );
}

#[test]
fn portion_marks_from_the_brief_file() {
    let dir = tempfile::tempdir().unwrap();
    let html = memo_from_brief_file(dir.path(), "[memo]\nportion_marks = true\n");
    assert!(html.contains("(C)</span>"));
}

#[test]
fn the_items_listing_shows_a_marking_above_the_lowest() {
    let data = confidential();
    let run = dossier(&["items", "--data", &data, "--topic", "domestic-violence"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let heads: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| !l.starts_with(' ') && l.contains("  "))
        .collect();
    let cable: Vec<&&str> = heads
        .iter()
        .filter(|l| l.contains("cable-concern-implementation"))
        .collect();
    assert_eq!(cable.len(), 1);
    assert!(cable[0].ends_with("[CONFIDENTIAL]"), "{}", cable[0]);
    assert!(
        heads
            .iter()
            .filter(|l| !l.contains("cable-"))
            .all(|l| !l.contains('[')),
        "the lowest marking is not shown: {heads:?}"
    );
}

#[test]
fn a_dataset_declares_its_own_scheme() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    fs::create_dir_all(&data).unwrap();
    copy_tree(&fixtures().join("confidential"), &data);
    fs::write(
        data.join("markings.toml"),
        "[[marking]]\nname = \"OFFICIAL\"\nportion = \"O\"\n\n[[marking]]\nname = \"OFFICIAL-SENSITIVE\"\nportion = \"OS\"\n",
    )
    .unwrap();
    let cable = data.join("sources/cable.toml");
    let text = fs::read_to_string(&cable).unwrap();
    fs::write(
        &cable,
        text.replace(
            "classification = \"CONFIDENTIAL\"",
            "classification = \"OFFICIAL-SENSITIVE\"",
        ),
    )
    .unwrap();
    let data = data.to_str().unwrap();
    let run = dossier(&["check", "--data", data]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = tmp.path().join("memo.html");
    let run = dossier(&[
        "brief",
        "--data",
        data,
        "--portion-marks",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = fs::read_to_string(&out).unwrap();
    assert!(html.contains(r#"<p class="classification" role="note">OFFICIAL-SENSITIVE</p>"#));
    assert!(html.contains("(OS)</span>") && html.contains("(O)</span>"));
    let run = dossier(&[
        "brief",
        "--data",
        data,
        "--classification",
        "OFFICIAL",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
}

#[test]
fn the_default_dataset_is_unclassified() {
    let run = dossier(&["items", "--json"]);
    assert_eq!(run.code, 0);
    let items: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    assert!(items.len() > 100);
    assert!(items.iter().all(|i| i["marking"] == "UNCLASSIFIED"));
    // The cable's item carries its marking in JSON too.
    let data = confidential();
    let run = dossier(&["items", "--data", &data, "--json"]);
    let items: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    let cable = items
        .iter()
        .find(|i| i["id"] == "cable-concern-implementation")
        .unwrap();
    assert_eq!(cable["marking"], "CONFIDENTIAL");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("memo.html");
    let run = dossier(&[
        "brief",
        "examples/next-dialogue.brief.toml",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = fs::read_to_string(&out).unwrap();
    assert!(html.contains(r#"<p class="classification" role="note">UNCLASSIFIED</p>"#));
}
