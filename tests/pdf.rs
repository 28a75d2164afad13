//! The PDF export, checked with independent tools as a reader's software
//! would see it: `pdftotext`, `pdfinfo` and `pdffonts` (poppler-utils) and
//! `qpdf --check`. `scripts/test` installs them.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{dossier, fixtures, squash, without_page_furniture};
use serde_json::Value;

/// Runs a tool and returns its standard output; fails the test if it fails.
fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("{name} is needed for this test ({e}); `bash scripts/test` installs it")
    });
    assert!(
        out.status.success(),
        "{name} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Writes a PDF memo of `data` (a fixture name, or `None` for the embedded
/// dataset) with extra `args`, and returns its path (inside `dir`).
fn pdf(dir: &Path, data: Option<&str>, args: &[&str]) -> String {
    let out = dir.join("memo.pdf");
    let out_s = out.to_str().unwrap().to_string();
    let data_dir = data.map(|d| fixtures().join(d).to_str().unwrap().to_string());
    let mut all = vec!["brief", "--out", &out_s];
    if !args.contains(&"--date") {
        all.extend(["--date", "2025-06-02"]);
    }
    if let Some(d) = &data_dir {
        all.extend(["--data", d]);
    }
    all.extend_from_slice(args);
    let run = dossier(&all);
    assert_eq!(run.code, 0, "{all:?}: {}", run.stderr);
    out_s
}

fn quotes(data: Option<&str>) -> Vec<String> {
    let d = data.map(|d| fixtures().join(d).to_str().unwrap().to_string());
    let mut args = vec!["items", "--json"];
    if let Some(d) = &d {
        args.extend(["--data", d]);
    }
    let run = dossier(&args);
    let items: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    items
        .iter()
        .map(|i| i["quote"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn extracted_text_has_the_header_every_quote_and_every_endnote_in_reading_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = pdf(
        dir.path(),
        Some("minimal"),
        &[
            "--title",
            "Envoy visit",
            "--memo-to",
            "The Ambassador",
            "--memo-from",
            "Political section",
        ],
    );
    let text = tool("pdftotext", &[&path, "-"]);
    for expected in [
        "Envoy visit",
        "TO",
        "The Ambassador",
        "FROM",
        "Political section",
        "DATE",
        "2 June 2025",
        "SUBJECT",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    let flat = squash(&text);
    for q in quotes(Some("minimal")) {
        assert!(flat.contains(&squash(&q)), "quote {q:?} missing");
    }
    for endnote in [
        "Alpha Publisher, “Alpha report” (news article), May 2024.",
        "https://example.org/alpha",
        "Beta Ministry, “Beta statement” (press release), 2023.",
    ] {
        assert!(flat.contains(&squash(endnote)), "{endnote:?} missing");
    }
    // Sections in reading order.
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s} missing"));
    let order = [
        "Envoy visit",
        "Summary",
        "Key figures",
        "By topic",
        "Points to raise",
        "Timeline",
        "Sources",
    ];
    for pair in order.windows(2) {
        assert!(
            at(pair[0]) < at(pair[1]),
            "{} should come before {}",
            pair[0],
            pair[1]
        );
    }
}

#[test]
fn the_full_default_brief_carries_every_quote_of_the_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let path = pdf(dir.path(), None, &[]);
    // Each quote is printed once now, so one may run over a page break:
    // the page furniture between its halves is not part of it.
    let text = tool("pdftotext", &[&path, "-"]);
    let body = without_page_furniture(&text);
    let flat = squash(&body);
    let all = quotes(None);
    assert!(all.len() > 150);
    let missing: Vec<&String> = all.iter().filter(|q| !flat.contains(&squash(q))).collect();
    assert!(
        missing.is_empty(),
        "{} quotes missing, first: {:?}",
        missing.len(),
        missing.first()
    );
}

#[test]
fn qpdf_finds_no_errors_and_fonts_are_embedded_and_subset() {
    let dir = tempfile::tempdir().unwrap();
    let path = pdf(dir.path(), None, &[]);
    let check = tool("qpdf", &["--check", &path]);
    assert!(
        check.contains("No syntax or stream encoding errors found"),
        "{check}"
    );
    let fonts = tool("pdffonts", &[&path]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 3, "{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let flags = &cols[cols.len() - 5..cols.len() - 2];
        assert_eq!(
            flags,
            ["yes", "yes", "yes"],
            "embedded, subset, with a Unicode map: {row}"
        );
        assert!(
            cols[0].starts_with("DS") && cols[0].contains("+Noto"),
            "{row}"
        );
    }
}

#[test]
fn metadata_page_size_and_banners_on_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let path = pdf(
        dir.path(),
        None,
        &[
            "--title",
            "Dialogue brief",
            "--memo-from",
            "Central Asia desk",
            "--classification",
            "CONFIDENTIAL",
            "--page",
            "letter",
        ],
    );
    let info = tool("pdfinfo", &[&path]);
    assert!(info.contains("Title:           Dialogue brief"), "{info}");
    assert!(
        info.contains("Author:          Central Asia desk"),
        "{info}"
    );
    assert!(info.contains("Subject:         Dialogue brief"), "{info}");
    assert!(
        info.contains("Keywords:        Political reform,"),
        "{info}"
    );
    assert!(
        info.contains("Page size:       612 x 792 pts (letter)"),
        "{info}"
    );
    assert!(
        info.contains("CreationDate:    Mon Jun  2 00:00:00 2025 UTC"),
        "{info}"
    );
    let pages = common::pdf_pages(&path);
    assert!(pages > 10);
    for n in 1..=pages {
        let n_s = n.to_string();
        let text = tool("pdftotext", &["-f", &n_s, "-l", &n_s, &path, "-"]);
        assert_eq!(
            text.matches("CONFIDENTIAL").count(),
            2,
            "page {n}: marking top and bottom"
        );
        assert!(text.contains(&format!("Page {n} of {pages}")), "page {n}");
    }
    let a4 = pdf(dir.path(), None, &[]);
    assert!(tool("pdfinfo", &[&a4]).contains("Page size:       595.276 x 841.89 pts (A4)"));
}

#[test]
fn a_cyrillic_title_renders_and_extracts() {
    let dir = tempfile::tempdir().unwrap();
    let title = "Справка: Казахстан — права человека, 2024–2025";
    let path = pdf(dir.path(), Some("minimal"), &["--title", title]);
    let text = tool("pdftotext", &[&path, "-"]);
    assert!(text.contains(title), "{text}");
    assert!(tool("pdfinfo", &[&path]).contains(title));
}

/// Word boxes from `pdftotext -bbox`: (xMin, xMax, word).
fn word_boxes(path: &str) -> (f32, Vec<(f32, f32, String)>) {
    let html = tool("pdftotext", &["-bbox", path, "-"]);
    let attr = |tag: &str, name: &str| -> f32 {
        let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[start..].split('"').next().unwrap().parse().unwrap()
    };
    let page_tag = html.split("<page ").nth(1).unwrap();
    let width = attr(page_tag, "width");
    let words = html
        .split("<word ")
        .skip(1)
        .map(|w| {
            let text = w
                .split('>')
                .nth(1)
                .unwrap()
                .split('<')
                .next()
                .unwrap()
                .to_string();
            (attr(w, "xMin"), attr(w, "xMax"), text)
        })
        .collect();
    (width, words)
}

#[test]
fn a_200_character_word_stays_inside_the_margins() {
    let dir = tempfile::tempdir().unwrap();
    let long: String = "Ж".repeat(20) + &"W".repeat(180);
    let path = pdf(
        dir.path(),
        Some("minimal"),
        &["--title", &long, "--memo-to", &long],
    );
    let (width, words) = word_boxes(&path);
    let (left, right) = (72.0 - 0.5, width - 72.0 + 0.5);
    for (x0, x1, w) in &words {
        assert!(
            *x0 >= left && *x1 <= right,
            "{w:?} spans {x0}..{x1}, outside {left}..{right}"
        );
    }
    // Cut, not lost: the pieces read in order give the word back, in the
    // title, the TO line and the SUBJECT line (which defaults to the title).
    let all: String = words.iter().map(|(_, _, w)| w.as_str()).collect();
    assert_eq!(all.matches(long.as_str()).count(), 3, "{all}");
}

#[test]
fn output_is_byte_for_byte_reproducible() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let first = fs::read(pdf(a.path(), None, &[])).unwrap();
    let second = fs::read(pdf(b.path(), None, &[])).unwrap();
    assert!(first == second, "two runs gave different bytes");
    let other_day = fs::read(pdf(b.path(), None, &["--date", "2025-06-03"])).unwrap();
    assert!(first != other_day, "the memo date is part of the document");
}

#[test]
fn outline_and_citation_links() {
    let dir = tempfile::tempdir().unwrap();
    let path = pdf(dir.path(), Some("minimal"), &["--title", "Envoy visit"]);
    let doc = lopdf::Document::load(&path).unwrap();
    let catalog = doc.catalog().unwrap();
    let outlines = doc
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    let mut titles = Vec::new();
    let mut next = outlines
        .get(b"First")
        .ok()
        .and_then(|o| o.as_reference().ok());
    while let Some(id) = next {
        let entry = doc.get_dictionary(id).unwrap();
        // A text string: PDFDocEncoding or UTF-16 with its byte-order mark.
        titles.push(lopdf::decode_text_string(entry.get(b"Title").unwrap()).unwrap());
        next = entry.get(b"Next").ok().and_then(|o| o.as_reference().ok());
    }
    assert_eq!(
        titles,
        [
            "Envoy visit",
            "Summary",
            "Key figures",
            "By topic",
            "Points to raise",
            "Follow-up on asks and commitments",
            "Timeline",
            "Sources"
        ]
    );

    let links: usize = doc
        .get_pages()
        .values()
        .filter_map(|p| {
            doc.get_dictionary(*p)
                .ok()?
                .get(b"Annots")
                .ok()?
                .as_array()
                .ok()
                .map(Vec::len)
        })
        .sum();
    // Markers: 1 in the figures table, 2+1+2+1 in the topics, 1+1 in the timeline.
    assert!(links >= 8, "{links} link annotations");
}

#[test]
fn html_and_pdf_carry_the_same_citations() {
    let dir = tempfile::tempdir().unwrap();
    let path = pdf(dir.path(), None, &["--topic", "domestic-violence"]);
    let text = squash(&tool("pdftotext", &[&path, "-"]));
    let html = dossier(&[
        "brief",
        "--topic",
        "domestic-violence",
        "--date",
        "2025-06-02",
        "--out",
        "-",
    ])
    .stdout;
    let endnotes: Vec<&str> = html
        .split("<li id=\"source-")
        .skip(1)
        .map(|li| li.split(", “").next().unwrap().split('>').nth(1).unwrap())
        .collect();
    assert!(endnotes.len() >= 3);
    let positions: Vec<usize> = endnotes
        .iter()
        .map(|e| {
            text.rfind(&squash(e))
                .unwrap_or_else(|| panic!("{e} missing from the PDF"))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "endnotes in the same order: {endnotes:?}"
    );
}

#[test]
fn a_hundred_page_brief_from_a_large_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let data = common::synthetic_dataset(dir.path(), 6_000);
    let out = dir.path().join("big.pdf");
    let run = dossier(&[
        "brief",
        "--data",
        data.to_str().unwrap(),
        "--topic",
        "torture",
        "--topic",
        "children",
        "--date",
        "2025-06-02",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let path = out.to_str().unwrap();
    let pages = common::pdf_pages(path);
    assert!(pages >= 100, "{pages} pages");
    assert!(tool("qpdf", &["--check", path]).contains("No syntax or stream encoding errors found"));
    let last = pages.to_string();
    let text = tool("pdftotext", &["-f", &last, "-l", &last, path, "-"]);
    assert!(text.contains(&format!("Page {pages} of {pages}")));
    // Tables that run over pages repeat their header row.
    let all = tool("pdftotext", &[path, "-"]);
    assert!(
        all.matches("FIGURE").count() >= 2,
        "the key figures table runs over pages with its header"
    );
}

#[test]
fn the_pdf_claims_no_standard_it_does_not_meet() {
    let dir = tempfile::tempdir().unwrap();
    let path = pdf(dir.path(), Some("minimal"), &[]);
    let info = tool("pdfinfo", &[&path]);
    assert!(!info.contains("PDF/X"), "{info}");
}

#[test]
fn values_in_the_figures_table_stay_on_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = pdf(dir.path(), None, &[]);
    let text = tool("pdftotext", &["-layout", &path, "-"]);
    for value in [
        "more than 100 ethnic groups",
        "more than USD 4 billion",
        "more than 1,300 services",
        "over 10 million citizens",
    ] {
        assert!(text.contains(value), "{value:?} is broken over lines");
    }
}
