//! The Word export through the real CLI, read back by independent readers:
//! LibreOffice (headless) converts it to PDF, read with `pdftotext`;
//! python-docx opens it and reports its styles, header, footer, tables and
//! properties. `scripts/test` installs both (libreoffice-writer-nogui from
//! Debian, python-docx from PyPI).

mod common;

use std::collections::BTreeMap;
use std::io::Read;
use std::process::Command;

use common::{example_brief, squash, values_after, without_page_furniture, write_memo};

/// The text of each part of a `.docx`, by name.
fn parts(path: &str) -> BTreeMap<String, String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut text = String::new();
            f.read_to_string(&mut text).unwrap();
            (f.name().to_string(), text)
        })
        .collect()
}

/// The text of `document.xml`'s paragraphs, one line each.
fn paragraphs(document: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(document);
    let mut out = Vec::new();
    let mut current = String::new();
    let mut in_text = false;
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(e) if e.name().as_ref() == b"w:t" => in_text = true,
            quick_xml::events::Event::End(e) if e.name().as_ref() == b"w:t" => in_text = false,
            quick_xml::events::Event::Empty(e) if e.name().as_ref() == b"w:tab" => {
                current.push('\t')
            }
            quick_xml::events::Event::Text(t) if in_text => {
                current.push_str(&t.decode().unwrap());
            }
            quick_xml::events::Event::GeneralRef(r) if in_text => {
                let name = r.decode().unwrap();
                current.push_str(match name.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    _ => "?",
                });
            }
            quick_xml::events::Event::End(e) if e.name().as_ref() == b"w:p" => {
                out.push(std::mem::take(&mut current));
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    out
}

/// Every “quotation” in a text.
fn quotations(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text
        .split('“')
        .skip(1)
        .filter_map(|rest| rest.find('”').map(|end| rest[..end].to_string()))
        .collect();
    out.sort();
    out
}

#[test]
fn the_same_content_and_citations_as_the_html() {
    let tmp = tempfile::tempdir().unwrap();
    for form in ["full", "memo"] {
        let docx = write_memo(
            tmp.path(),
            &format!("{form}.docx"),
            &[&example_brief(), "--form", form],
        );
        let html = std::fs::read_to_string(write_memo(
            tmp.path(),
            &format!("{form}.html"),
            &[&example_brief(), "--form", form],
        ))
        .unwrap();
        let document = &parts(&docx)["word/document.xml"];
        let body_html = &html[html.find("<main").unwrap()..];
        let html_text = body_html
            .replace("&#x27;", "'")
            .replace("&quot;", "\"")
            .replace("&amp;", "&")
            .replace("&#x3D;", "=")
            .replace("&lt;", "<")
            .replace("&gt;", ">");
        let docx_text = paragraphs(document).join("\n");
        assert_eq!(
            quotations(&docx_text),
            quotations(&html_text),
            "{form}: the quotations differ"
        );
        assert_eq!(
            values_after(document, "w:anchor=\"source-"),
            values_after(body_html, "href=\"#source-"),
            "{form}: the citation markers differ"
        );
        // Every marker's target is a bookmarked endnote.
        for n in values_after(document, "w:anchor=\"source-") {
            assert!(
                document.contains(&format!("w:name=\"source-{n}\"")),
                "no bookmark source-{n}"
            );
        }
    }
}

#[test]
fn the_same_bytes_from_two_runs() {
    let tmp = tempfile::tempdir().unwrap();
    let a = std::fs::read(write_memo(tmp.path(), "a.docx", &[&example_brief()])).unwrap();
    let b = std::fs::read(write_memo(tmp.path(), "b.docx", &[&example_brief()])).unwrap();
    assert!(a == b, "two exports of the same memo differ");
    // `--format docx` writes Word whatever the name.
    let c = std::fs::read(write_memo(
        tmp.path(),
        "c.out",
        &[&example_brief(), "--format", "docx"],
    ))
    .unwrap();
    assert_eq!(a, c);
}

#[test]
fn hostile_strings_stay_text() {
    let tmp = tempfile::tempdir().unwrap();
    let title = "<w:p>&amp; ]]> \"Kazakhstan\" — Казахстан <script>x</script>";
    let docx = write_memo(
        tmp.path(),
        "h.docx",
        &["--title", title, "--topic", "torture"],
    );
    let parts = parts(&docx);
    for (name, text) in &parts {
        let mut reader = quick_xml::Reader::from_str(text);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{name} is not well-formed: {e}"),
            }
        }
    }
    let text = paragraphs(&parts["word/document.xml"]);
    assert_eq!(text[0], title, "the title, literally");
    assert!(parts["docProps/core.xml"].contains("&lt;w:p&gt;&amp;amp; ]]&gt;"));
}

fn libreoffice() -> &'static str {
    if Command::new("soffice").arg("--version").output().is_ok() {
        "soffice"
    } else {
        "libreoffice"
    }
}

#[test]
fn libreoffice_opens_it_with_header_quotes_and_endnotes_in_order() {
    let tmp = tempfile::tempdir().unwrap();
    let docx = write_memo(tmp.path(), "memo.docx", &[&example_brief()]);
    let profile = format!(
        "-env:UserInstallation=file://{}/lo-profile",
        tmp.path().display()
    );
    let out = Command::new(libreoffice())
        .args([&profile, "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(tmp.path())
        .arg(&docx)
        .output()
        .expect("LibreOffice is needed for this test; `bash scripts/test` installs it");
    let pdf = tmp.path().join("memo.pdf");
    assert!(
        out.status.success() && pdf.exists(),
        "LibreOffice did not convert it: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // In content order: a raised marker on a justified last line would
    // otherwise be read before the line's words.
    let text = Command::new("pdftotext")
        .arg("-raw")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap()
        .stdout;
    let text = String::from_utf8_lossy(&text);
    // The marking and page numbers on the pages, the header block.
    assert!(text.contains("UNCLASSIFIED"));
    assert!(text.contains("Page 1 of "), "the PAGE and NUMPAGES fields");
    for line in [
        "TO",
        "FROM",
        "DATE",
        "SUBJECT",
        "Under Secretary for Civilian Security",
    ] {
        assert!(text.contains(line), "{line} missing");
    }
    // Every quote of the memo, whatever the line and page breaks.
    let body = without_page_furniture(&text);
    let flat = squash(&body);
    let document = &parts(&docx)["word/document.xml"];
    let quotes = quotations(&paragraphs(document).join("\n"));
    assert!(quotes.len() > 150, "{}", quotes.len());
    let missing: Vec<&String> = quotes
        .iter()
        .filter(|q| !flat.contains(&squash(q)))
        .collect();
    assert!(
        missing.is_empty(),
        "{} quotes missing, first {:?}",
        missing.len(),
        missing.first()
    );
    // The endnotes, in order: the lines of the sources list that start with a number.
    let sources = &body[body.rfind("Sources").unwrap()..];
    let numbers: Vec<usize> = sources
        .lines()
        .filter_map(|l| l.split_once('.').and_then(|(n, _)| n.trim().parse().ok()))
        .collect();
    assert!(numbers.len() >= 4, "{numbers:?}");
    assert_eq!(
        numbers,
        (1..=numbers.len()).collect::<Vec<_>>(),
        "endnotes out of order"
    );
}

#[test]
fn python_docx_finds_styles_marking_table_headers_and_properties() {
    let tmp = tempfile::tempdir().unwrap();
    let docx = write_memo(
        tmp.path(),
        "memo.docx",
        &[&example_brief(), "--form", "memo"],
    );
    let script = r#"
import json, sys, docx
from docx.oxml.ns import qn
d = docx.Document(sys.argv[1])
styles = {}
for p in d.paragraphs:
    styles.setdefault(p.style.name, []).append(p.text)
sec = d.sections[0]
footer_xml = sec.footer._element.xml
rows = [t.rows[0]._tr for t in d.tables]
print(json.dumps({
    "styles": styles,
    "header": " ".join(p.text for p in sec.header.paragraphs),
    "footer": " ".join(p.text for p in sec.footer.paragraphs),
    "page_fields": "PAGE" in footer_xml and "NUMPAGES" in footer_xml,
    "header_rows": [r.find(qn("w:trPr")) is not None and r.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None for r in rows],
    "cant_split": all(r._tr.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None for t in d.tables for r in t.rows),
    "title": d.core_properties.title,
    "subject": d.core_properties.subject,
    "author": d.core_properties.author,
    "keywords": d.core_properties.keywords,
    "language": d.core_properties.language,
}))
"#;
    let out = Command::new("python3")
        .args(["-c", script, &docx])
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "python-docx could not read it (pip install python-docx; `bash scripts/test` does): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let styled = |style: &str| -> Vec<String> {
        r["styles"][style]
            .as_array()
            .map(|a| a.iter().map(|v| v.as_str().unwrap().to_string()).collect())
            .unwrap_or_default()
    };
    assert_eq!(
        styled("Title"),
        ["Next U.S.–Kazakhstan High-Level Dialogue on Human Rights and Democratic Reforms"]
    );
    for h in [
        "Summary",
        "Bottom line",
        "Talking points",
        "By topic",
        "Background",
        "Points to raise",
        "Timeline",
        "Sources",
    ] {
        assert!(
            styled("Heading 1").iter().any(|t| t == h),
            "Heading 1 {h}: {:?}",
            styled("Heading 1")
        );
    }
    assert!(
        styled("Heading 2")
            .iter()
            .any(|t| t == "The bilateral dialogue")
    );
    assert!(styled("Heading 3").iter().any(|t| t == "United States"));
    assert!(styled("Quote").len() > 100);
    assert!(styled("List Number").len() == 3, "the three talking points");
    assert!(!styled("List Bullet").is_empty());
    assert_eq!(r["header"], "UNCLASSIFIED");
    assert!(
        r["footer"]
            .as_str()
            .unwrap()
            .starts_with("UNCLASSIFIED Page "),
        "{}",
        r["footer"]
    );
    assert_eq!(r["page_fields"], true);
    let header_rows = r["header_rows"].as_array().unwrap();
    assert!(
        header_rows.len() >= 2 && header_rows.iter().all(|h| h == true),
        "{header_rows:?}"
    );
    assert_eq!(r["cant_split"], true);
    assert_eq!(
        r["title"],
        "Next U.S.–Kazakhstan High-Level Dialogue on Human Rights and Democratic Reforms"
    );
    assert_eq!(
        r["subject"],
        "Background for the next meeting of the High-Level Dialogue"
    );
    assert_eq!(r["author"], "Office of Central Asian Affairs");
    assert!(
        r["keywords"]
            .as_str()
            .unwrap()
            .contains("Domestic violence")
    );
    assert_eq!(r["language"], "en-US");
}
