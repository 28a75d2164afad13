//! Bringing a document in from the command line: `dossier init`, `ingest`
//! (text, web page, PDF, Word), `review`, `accept`, `reject`, and a memo that
//! cites the new document. Bad documents are refused within bounded time,
//! and nothing is half-written.

mod common;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::dossier;
use serde_json::Value;

/// A short news page written for these tests: a dated meeting, an
/// attributed statement, a figure, and a plan.
const NEWS_PAGE: &str = r#"<!doctype html>
<html><head><title>U.S. and Kazakh officials meet in Astana | Steppe Herald</title>
<meta property="og:site_name" content="Steppe Herald">
<meta property="article:published_time" content="2025-03-12T08:00:00Z">
<script>window.tracking = "not text";</script></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article>
<h1>U.S. and Kazakh officials meet in Astana</h1>
<p>The fourth U.S.-Kazakhstan High-Level Dialogue on Human Rights and Democratic Reforms was held in Astana on March 10.</p>
<p>Deputy Foreign Minister Roman Vassilenko said the talks covered media freedom and the rights of persons with disabilities.</p>
<p>More than 120 NGOs took part in the consultations before the meeting, the organisers noted.</p>
<p>The next meeting will be held in 2026 in Washington.</p>
</article>
<footer>© Steppe Herald</footer></body></html>
"#;

fn init(dir: &Path) -> PathBuf {
    let data = dir.join("my-data");
    let run = dossier(&["init", data.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    data
}

fn files_of(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in walk(dir) {
        let bytes = fs::read(&entry).unwrap();
        out.push((entry, bytes));
    }
    out.sort();
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn init_writes_an_editable_copy_and_refuses_a_non_empty_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let data = init(tmp.path());
    let run = dossier(&["check", "--data", data.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("5 sources"), "{}", run.stdout);
    let original = fs::read_to_string("data/sources/neglobal-2024-05.toml").unwrap();
    assert_eq!(
        fs::read_to_string(data.join("sources/neglobal-2024-05.toml")).unwrap(),
        original,
        "the files are the embedded ones, comments and all"
    );
    let again = dossier(&["init", data.to_str().unwrap()]);
    assert_eq!(again.code, 1);
    assert!(again.stderr.contains("is not empty"), "{}", again.stderr);

    let empty = tmp.path().join("empty");
    let run = dossier(&["init", "--empty", empty.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = dossier(&["check", "--data", empty.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = dossier(&["topics", "--data", empty.to_str().unwrap()]);
    assert_eq!(run.stdout.lines().count(), 16);

    // The synthetic dataset, for trying Dossier at scale: valid, the same every time.
    let synth = tmp.path().join("synth");
    let run = dossier(&["synth", "--items", "2000", synth.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = dossier(&["check", "--data", synth.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("2000 items"), "{}", run.stdout);
    let again = tmp.path().join("synth-again");
    dossier(&["synth", "--items", "2000", again.to_str().unwrap()]);
    for f in [
        "people.toml",
        "sources/source-00000.toml",
        "sources/source-00000.txt",
    ] {
        let first = fs::read(synth.join(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
        assert_eq!(first, fs::read(again.join(f)).unwrap(), "{f}");
    }
    assert_eq!(
        dossier(&["synth", synth.to_str().unwrap()]).code,
        1,
        "not over a dataset"
    );
}

/// Ingests `file` into `data` with `flags`; the `--json` report, which must
/// be one JSON object.
fn ingest_json(file: &Path, data: &Path, flags: &[&str]) -> Value {
    let mut args = vec![
        "ingest",
        file.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
        "--json",
    ];
    args.extend_from_slice(flags);
    let run = dossier(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    serde_json::from_str(&run.stdout).expect("one JSON object")
}

/// A new dataset under `dir` with the news page ingested; its `--json` report.
fn ingest_news_page(dir: &Path) -> (PathBuf, Value) {
    let data = init(dir);
    let page = dir.join("herald.html");
    fs::write(&page, NEWS_PAGE).unwrap();
    let report = ingest_json(&page, &data, &["--kind", "news"]);
    (data, report)
}

#[test]
fn a_web_page_goes_from_ingest_to_the_memo() {
    let tmp = tempfile::tempdir().unwrap();
    let (data, report) = ingest_news_page(tmp.path());
    let d = data.to_str().unwrap();
    let source = &report["source"];
    let id = source["id"].as_str().unwrap().to_string();
    assert_eq!(source["publisher"], "Steppe Herald");
    assert_eq!(source["date"], "2025-03-12", "from article:published_time");
    assert_eq!(source["kind"], "news");
    assert!(source["url"].is_null());
    let suggestions = report["suggestions"].as_array().unwrap();
    let text = fs::read_to_string(data.join(format!("sources/{id}.txt"))).unwrap();
    assert!(
        !text.contains("tracking") && !text.contains("Home"),
        "{text}"
    );
    for s in suggestions {
        let quote = s["quote"].as_str().unwrap();
        assert!(text.contains(quote), "not verbatim: {quote}");
        for key in ["kind", "id", "quote", "date", "topics"] {
            assert!(s.get(key).is_some(), "{key} missing in {s}");
        }
    }
    let of_kind =
        |k: &str| -> Vec<&Value> { suggestions.iter().filter(|s| s["kind"] == k).collect() };
    let meeting = of_kind("event")
        .into_iter()
        .find(|e| e["quote"].as_str().unwrap().contains("was held in Astana"))
        .expect("the meeting is an event");
    assert_eq!(
        meeting["date"], "2025-03-10",
        "on March 10, of the article's year"
    );
    assert_eq!(meeting["place"], "astana");
    let plan = of_kind("event")
        .into_iter()
        .find(|e| e["quote"].as_str().unwrap().contains("next meeting"))
        .expect("the plan is an event");
    assert_eq!(plan["status"], "planned");
    assert_eq!(plan["date"], "2026");
    let statement = of_kind("statement")
        .into_iter()
        .find(|s| s["quote"].as_str().unwrap().contains("Vassilenko said"))
        .expect("the attributed statement");
    assert_eq!(
        statement["speaker"], "roman-vassilenko",
        "a known person, by name"
    );
    assert_eq!(statement["side"], "kz");
    let ngos = of_kind("figure")
        .into_iter()
        .find(|f| f["unit"] == "NGOs")
        .expect("the figure");
    assert_eq!(ngos["value"], 120);
    assert_eq!(ngos["qualifier"], "more than");

    // Pending: checked, listed, not in items or memos.
    let run = dossier(&["check", "--data", d]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("pending"), "{}", run.stdout);
    let items = dossier(&["items", "--data", d, "--json"]);
    assert!(!items.stdout.contains(&id), "suggestions are not items yet");
    let review = dossier(&["review", "--data", d, &id]);
    assert_eq!(review.code, 0, "{}", review.stderr);
    assert!(review.stdout.contains("Vassilenko said"));

    // Reject one, accept the rest.
    let ngo_id = ngos["id"].as_str().unwrap();
    let run = dossier(&["reject", "--data", d, ngo_id]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // "…, the organisers noted": a count whose speaker the text does not
    // settle is the count's, with no statement beside it.
    let run = dossier(&["accept", "--data", d, "--source", &id, "--all"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let record = fs::read_to_string(data.join(format!("sources/{id}.toml"))).unwrap();
    assert!(!record.contains("suggested = true"), "{record}");
    assert!(!record.contains("organisers noted"), "{record}");
    assert!(record.contains("accepted_by = "));
    assert!(!record.contains(ngo_id), "the rejected record is gone");
    let run = dossier(&["check", "--data", d]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let memo = tmp.path().join("memo.html");
    let run = dossier(&[
        "brief",
        "--data",
        d,
        "--from",
        "2025-03",
        "--out",
        memo.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = fs::read_to_string(&memo).unwrap();
    assert!(
        html.contains("Steppe Herald"),
        "the memo cites the new document"
    );
    assert!(html.contains("was held in Astana on March 10"));
    assert!(!html.contains("120 NGOs took part in the consultations before"));
}

#[test]
fn a_missing_date_or_kind_is_asked_for() {
    let tmp = tempfile::tempdir().unwrap();
    let data = init(tmp.path());
    let text = tmp.path().join("note.txt");
    fs::write(
        &text,
        "A note.\n\nThe minister met the ambassador in Astana.\n",
    )
    .unwrap();
    let before = files_of(&data);
    for (flags, asked) in [
        (["--kind", "news"], "--date"),
        (["--date", "2025-01-02"], "--kind"),
    ] {
        let mut args = vec![
            "ingest",
            text.to_str().unwrap(),
            "--data",
            data.to_str().unwrap(),
            "--publisher",
            "Desk",
        ];
        args.extend_from_slice(&flags);
        let run = dossier(&args);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(run.stderr.contains(asked), "{}", run.stderr);
    }
    assert_eq!(files_of(&data), before, "nothing written");
}

/// A valid one-page PDF whose page has a drawing but no text (as a scan).
fn pdf_without_text() -> Vec<u8> {
    use lopdf::{Document, Object, Stream, dictionary};
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let content = doc.add_object(Stream::new(
        dictionary! {},
        b"0 0 1 rg 72 72 200 200 re f".to_vec(),
    ));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Contents" => content,
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![page_id.into()],
            "Count" => 1,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// Ingests `bytes` saved as `name`; returns the run and whether the dataset
/// is unchanged.
fn ingest_bytes(name: &str, bytes: &[u8]) -> (common::Run, bool, Duration) {
    let tmp = tempfile::tempdir().unwrap();
    let data = init(tmp.path());
    let before = files_of(&data);
    let path = tmp.path().join(name);
    fs::write(&path, bytes).unwrap();
    let started = Instant::now();
    let run = dossier(&[
        "ingest",
        path.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
        "--date",
        "2025-01-02",
        "--kind",
        "news",
        "--publisher",
        "Desk",
    ]);
    let took = started.elapsed();
    (run, files_of(&data) == before, took)
}

#[test]
fn bad_documents_are_refused_and_change_nothing() {
    let mut bomb = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut bomb));
        zip.start_file(
            "word/document.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        let zeros = vec![b' '; 1024 * 1024];
        for _ in 0..200 {
            zip.write_all(&zeros).unwrap();
        }
        zip.finish().unwrap();
    }
    assert!(
        bomb.len() < 2 * 1024 * 1024,
        "a small file that unpacks to 200 MB"
    );
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.txt", Vec::new(), "holds no text"),
        ("garbage.txt", (0..4096u32).map(|i| (i * 7 % 256) as u8).collect(), "not a text document"),
        ("scripts.html", b"<html><body><script>alert(1)</script><style>p{}</style></body></html>".to_vec(), "holds no text"),
        ("not-a-zip.docx", b"This is not a Word file.".to_vec(), "not a ZIP"),
        ("bomb.docx", bomb, "larger than Dossier reads"),
        ("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF".to_vec(), "is not a PDF document: it cannot be read"),
        ("scan.pdf", pdf_without_text(), "without a text layer"),
        ("huge.txt", vec![b'a'; 21 * 1024 * 1024], "larger than Dossier reads"),
    ];
    for (name, bytes, says) in cases {
        let (run, unchanged, took) = ingest_bytes(name, &bytes);
        assert_eq!(run.code, 1, "{name}: {}", run.stderr);
        assert!(run.stderr.contains(says), "{name}: {}", run.stderr);
        assert!(unchanged, "{name} changed the dataset");
        assert!(took < Duration::from_secs(30), "{name} took {took:?}");
    }
}

#[test]
fn a_pdf_and_a_word_file_are_read() {
    let tmp = tempfile::tempdir().unwrap();
    // A PDF with a text layer: a memo of Dossier's own.
    let pdf = tmp.path().join("memo.pdf");
    let run = dossier(&[
        "brief",
        "--topic",
        "torture",
        "--section",
        "topics",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0);
    let (run, unchanged, _) = ingest_bytes("memo.pdf", &fs::read(&pdf).unwrap());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!unchanged);
    // Each suggestion of a PDF keeps the page its passage is on.
    let data = init(tmp.path());
    let report = ingest_json(
        &pdf,
        &data,
        &[
            "--date",
            "2025-01-02",
            "--kind",
            "report",
            "--publisher",
            "Desk",
        ],
    );
    assert_eq!(
        report["source"]["title"], "Briefing Memo",
        "the PDF's own title prefills"
    );
    let pages: Vec<u64> = report["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["page"].as_u64())
        .collect();
    assert!(!pages.is_empty() && pages.iter().all(|p| *p >= 1));
    assert!(pages.iter().any(|p| *p > 1), "a multi-page memo: {pages:?}");

    let mut docx = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut docx));
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("word/document.xml", opts).unwrap();
        zip.write_all(br#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>Readout of the meeting</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">The delegations met in Astana on 4 March 2025 </w:t></w:r><w:r><w:t>and discussed 3 draft laws &amp; their timelines.</w:t></w:r></w:p>
</w:body></w:document>"#).unwrap();
        zip.start_file("docProps/core.xml", opts).unwrap();
        zip.write_all(br#"<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"><dc:title>Readout</dc:title><dcterms:created>2025-03-05T10:00:00Z</dcterms:created></cp:coreProperties>"#).unwrap();
        zip.finish().unwrap();
    }
    let (run, _, _) = ingest_bytes("readout.docx", &docx);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_russian_article_keeps_its_text_and_finds_dates_and_numbers() {
    let tmp = tempfile::tempdir().unwrap();
    let data = init(tmp.path());
    let article = "Диалог по правам человека\n\nВ Астане 10 марта 2025 года состоялось заседание диалога. По данным министерства, в консультациях приняли участие более 120 НКО.\n";
    let path = tmp.path().join("statya.txt");
    fs::write(&path, article).unwrap();
    let report = ingest_json(
        &path,
        &data,
        &[
            "--date",
            "2025-03-12",
            "--kind",
            "news",
            "--publisher",
            "Степной вестник",
        ],
    );
    let id = report["source"]["id"].as_str().unwrap();
    let text = fs::read_to_string(data.join(format!("sources/{id}.txt"))).unwrap();
    assert_eq!(text, article);
    let suggestions = report["suggestions"].as_array().unwrap();
    for s in suggestions {
        assert!(text.contains(s["quote"].as_str().unwrap()));
        if let Some(d) = s["date"].as_str() {
            assert!(d.starts_with("2025"), "{s}");
        }
    }
    let meeting = suggestions
        .iter()
        .find(|s| s["kind"] == "event")
        .expect("the meeting (состоялось заседание) is an event");
    assert_eq!(meeting["date"], "2025-03-10", "10 марта 2025 года");
    assert!(meeting["place"].is_null(), "no place is guessed: {meeting}");
    let ngos = suggestions
        .iter()
        .find(|s| s["kind"] == "figure")
        .expect("120 НКО is a figure");
    assert_eq!(ngos["value"], 120);
    assert_eq!(ngos["unit"], "НКО");
    assert_eq!(ngos["qualifier"], serde_json::Value::Null);
    let run = dossier(&["check", "--data", data.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn an_existing_id_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let data = init(tmp.path());
    let path = tmp.path().join("a.txt");
    fs::write(&path, "Title\n\nThe ministry said the law was adopted.\n").unwrap();
    let run = dossier(&[
        "ingest",
        path.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
        "--date",
        "2025",
        "--kind",
        "news",
        "--publisher",
        "X",
        "--id",
        "neglobal-2024-05",
    ]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("already has a source 'neglobal-2024-05'"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_broken_suggestion_is_pending_not_fatal_and_cannot_be_accepted() {
    let tmp = tempfile::tempdir().unwrap();
    let (data, report) = ingest_news_page(tmp.path());
    let d = data.to_str().unwrap();
    let source = report["source"]["id"].as_str().unwrap().to_string();
    let statement = report["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == "statement")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    // Break the suggestion: a topic the dataset does not have.
    let path = data.join(format!("sources/{source}.toml"));
    let text = fs::read_to_string(&path).unwrap();
    let at = text.find(&format!("id = \"{statement}\"")).unwrap();
    let topics = at + text[at..].find("topics = [").unwrap() + "topics = [".len();
    let broken = format!("{}\"no-such-topic\", {}", &text[..topics], &text[topics..]);
    fs::write(&path, &broken).unwrap();

    let run = dossier(&["check", "--data", d]);
    assert_eq!(
        run.code, 0,
        "pending problems do not stop the dataset: {}",
        run.stderr
    );
    assert!(
        run.stdout.contains("pending:") && run.stdout.contains("no-such-topic"),
        "{}",
        run.stdout
    );
    let run = dossier(&["review", "--data", d]);
    assert_eq!(run.code, 0);
    let run = dossier(&["accept", "--data", d, &statement]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("no-such-topic"), "{}", run.stderr);
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        broken,
        "nothing written"
    );
    let run = dossier(&["reject", "--data", d, &statement]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!fs::read_to_string(&path).unwrap().contains(&statement));
    let run = dossier(&["accept", "--data", d, "no-such-suggestion"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no pending suggestion"),
        "{}",
        run.stderr
    );
}

#[test]
fn edit_changes_a_record_in_place_and_refuses_what_would_break_the_dataset() {
    let tmp = tempfile::tempdir().unwrap();
    let (data, report) = ingest_news_page(tmp.path());
    let d = data.to_str().unwrap();
    let source = report["source"]["id"].as_str().unwrap();
    let file = data.join(format!("sources/{source}.toml"));
    let event = report["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == "event" && s["status"] == "happened")
        .expect("the meeting")["id"]
        .as_str()
        .unwrap()
        .to_string();

    // A date at month precision and a label: in place, the rest untouched.
    let before = fs::read_to_string(&file).unwrap();
    let run = dossier(&[
        "edit",
        &event,
        "--data",
        d,
        "--date",
        "2025-03",
        "--label",
        "Fourth Dialogue held",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with(&format!("Saved {event} in sources/{source}.toml")),
        "{}",
        run.stdout
    );
    let after = fs::read_to_string(&file).unwrap();
    assert!(
        after.contains("date = \"2025-03\"\n")
            && after.contains("label = \"Fourth Dialogue held\"\n"),
        "{after}"
    );
    assert_eq!(
        before.lines().count(),
        after.lines().count(),
        "two values changed, no line added or lost"
    );

    // Refused, nothing written: a date that is none (usage), an unknown topic (the dataset's line).
    let run = dossier(&["edit", &event, "--data", d, "--date", "2025-13"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("no such month"), "{}", run.stderr);
    let run = dossier(&["edit", &event, "--data", d, "--topics", "dialogue,nope"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("sources/{source}.toml:"))
            && run.stderr.contains("unknown topic 'nope'"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("so it was refused and nothing was written"),
        "{}",
        run.stderr
    );
    let run = dossier(&["edit", "no-such-record", "--data", d, "--date", "2025"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(fs::read_to_string(&file).unwrap(), after);

    // Accepted, the item carries the edited date.
    let run = dossier(&["accept", &event, "--data", d]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = dossier(&["items", "--data", d, "--json"]);
    let items: Value = serde_json::from_str(&run.stdout).unwrap();
    let item = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == event.as_str())
        .expect("the accepted event");
    assert_eq!(item["date"], "2025-03");
}

/// A joint statement as a wire service reposts it, written for this test in
/// the shape of the development corpus's reposts (`tests/corpus/`).
const WIRE_REPOST: &str = "Joint Statement on the United States-Uzbekistan Strategic Partnership Dialogue

The text of the following statement was released by the Governments of the United States of America and the Republic of Uzbekistan.

Begin Text:

On March 3, 2025, Assistant Secretary of State for South and Central Asian Affairs Jane Roe and Deputy Minister of Foreign Affairs of the Republic of Uzbekistan Bakhtiyor Saidov led the fifth annual Strategic Partnership Dialogue in Tashkent.

The United States reiterated its strong support for President Mirziyoyev’s reforms.

The delegations discussed media freedom and the protection of journalists.

Deputy Minister Saidov welcomed the support of the United States for Uzbekistan’s accession to the World Trade Organization.

End Text
";

#[test]
fn a_wire_repost_of_a_joint_statement_names_no_publisher_as_speaker() {
    let tmp = tempfile::tempdir().unwrap();
    let data = init(tmp.path());
    let file = tmp.path().join("repost.txt");
    fs::write(&file, WIRE_REPOST).unwrap();
    let report = ingest_json(
        &file,
        &data,
        &[
            "--kind",
            "joint-statement",
            "--publisher",
            "EIN Presswire",
            "--date",
            "2025-03-05",
        ],
    );
    let suggestions = report["suggestions"].as_array().unwrap();
    let people = report["people"].as_array().unwrap();
    let statements: Vec<&Value> = suggestions
        .iter()
        .filter(|s| s["kind"] == "statement")
        .collect();
    assert!(!statements.is_empty());
    for s in &statements {
        assert!(
            !s["speaker"]
                .as_str()
                .unwrap_or_default()
                .contains("presswire"),
            "the publisher speaks: {s}"
        );
    }
    for p in people {
        assert!(!p["name"].as_str().unwrap().contains("Presswire"), "{p}");
    }
    let said = |words: &str| -> &Value {
        statements
            .iter()
            .find(|s| s["quote"].as_str().unwrap().contains(words))
            .unwrap_or_else(|| panic!("no statement with {words}: {suggestions:?}"))
    };
    let us = said("The United States reiterated");
    assert_eq!(us["speaker"], "united-states", "not the president it names");
    assert_eq!(us["side"], "us");
    assert_eq!(
        us["date"], "2025-03-03",
        "the meeting's date, not the repost's"
    );
    let saidov = said("Deputy Minister Saidov welcomed");
    assert_eq!(saidov["speaker"], "bakhtiyor-saidov");
    assert_eq!(saidov["side"], "other");
    assert_eq!(said("The delegations discussed")["side"], "joint");
    let saidov = people
        .iter()
        .find(|p| p["name"] == "Bakhtiyor Saidov")
        .expect("the speaker, from his title and name");
    assert_eq!(
        saidov["role"],
        "Deputy Minister of Foreign Affairs of the Republic of Uzbekistan"
    );
    for s in suggestions {
        let q = s["quote"].as_str().unwrap();
        assert!(
            !q.contains("following statement") && !q.contains("Begin Text"),
            "boilerplate suggested: {q}"
        );
    }
    let meeting = suggestions
        .iter()
        .find(|s| s["kind"] == "event")
        .expect("the meeting");
    assert_eq!(meeting["date"], "2025-03-03");
}

/// A report as a site that carries others' documents reposts it, written
/// for this test in the shape of the corpus's ecoi.net copies.
const REPOSTED_REPORT: &str = "UZBEKISTAN (Tier 2)

The Government of Uzbekistan does not fully meet the minimum standards for the elimination of trafficking but is making significant efforts to do so.

Local officials in some districts continued to impose cotton production quotas.
";

#[test]
fn a_reposted_report_speaks_for_its_author_never_the_site() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("us-uz");
    let run = dossier(&[
        "init",
        data.to_str().unwrap(),
        "--empty",
        "--party",
        "us=United States",
        "--party",
        "uz=Uzbekistan",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let file = tmp.path().join("report.txt");
    fs::write(&file, REPOSTED_REPORT).unwrap();
    let statements = |title: &str, id: &str| -> (Vec<Value>, Vec<Value>) {
        let report = ingest_json(
            &file,
            &data,
            &[
                "--kind",
                "report",
                "--publisher",
                "ecoi.net",
                "--date",
                "2024-06",
                "--title",
                title,
                "--id",
                id,
            ],
        );
        let statements = report["suggestions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["kind"] == "statement")
            .cloned()
            .collect();
        (statements, report["people"].as_array().unwrap().clone())
    };
    // The series its title names says whose words these are.
    let (said, people) = statements("2024 Trafficking in Persons Report: Uzbekistan", "tip");
    assert_eq!(said.len(), 2, "{said:?}");
    for s in &said {
        assert_eq!(s["speaker"], "u-s-department-of-state", "{s}");
        assert_eq!(s["side"], "us", "{s}");
    }
    assert!(
        people
            .iter()
            .all(|p| !p["name"].as_str().unwrap().contains("ecoi")),
        "{people:?}"
    );
    // A report of no known series, reposted: who speaks, a person decides.
    let (said, _) = statements("Uzbekistan: trafficking update", "update");
    assert!(!said.is_empty());
    for s in &said {
        assert!(s["speaker"].is_null(), "{s}");
        assert_eq!(s["unclear"], serde_json::json!(["speaker"]), "{s}");
    }
}

#[test]
fn an_unclear_speaker_waits_for_a_person() {
    let tmp = tempfile::tempdir().unwrap();
    let data = init(tmp.path());
    let d = data.to_str().unwrap();
    let file = tmp.path().join("note.txt");
    fs::write(
        &file,
        "Talks in Astana\n\nOfficials noted that the reform of the law on peaceful assemblies had stalled.\n",
    )
    .unwrap();
    let report = ingest_json(
        &file,
        &data,
        &[
            "--kind",
            "news",
            "--publisher",
            "Steppe Herald",
            "--date",
            "2025-03-12",
            "--id",
            "note",
        ],
    );
    let statement = report["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == "statement")
        .expect("the statement")
        .clone();
    assert_eq!(statement["unclear"], serde_json::json!(["speaker"]));
    assert!(
        statement["speaker"].is_null(),
        "no guessed speaker: {statement}"
    );
    let id = statement["id"].as_str().unwrap();

    let review = dossier(&["review", "--data", d, "note"]);
    assert!(
        review
            .stdout
            .contains("[speaker unclear: set before accepting]"),
        "{}",
        review.stdout
    );

    let before = files_of(&data);
    let run = dossier(&["accept", "--data", d, id]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stderr.contains("its speaker is unclear"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--speaker"), "{}", run.stderr);
    assert_eq!(files_of(&data), before, "a refused accept writes nothing");
    let run = dossier(&["accept", "--data", d, "--source", "note", "--all"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Skipped 1"), "{}", run.stdout);

    // Setting the speaker settles it (its side follows), then it is accepted.
    let run = dossier(&["edit", id, "--data", d, "--speaker", "kz-mfa"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let record = fs::read_to_string(data.join("sources/note.toml")).unwrap();
    assert!(!record.contains("unclear"), "{record}");
    assert!(record.contains("side = \"kz\""), "{record}");
    let run = dossier(&["accept", "--data", d, id]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(dossier(&["check", "--data", d]).code, 0);
}
