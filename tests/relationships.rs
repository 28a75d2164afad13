//! Another relationship than the built-in one, through the real CLI: a
//! folder started for the United States and Uzbekistan with a topic of
//! its own, filled by `ingest` and `accept`, gives a memo that speaks of
//! those parties and that topic (read back from HTML, PDF with poppler and
//! Word's XML); the reviewed U.S.–Uzbekistan fixture names nothing of
//! Kazakhstan in any output; `init`'s party arguments are checked.

mod common;

use std::path::Path;

use common::{dossier, fixtures, pdf_text, strip_tags};
use serde_json::Value;

/// The text of a .docx's body: its XML with the tags dropped.
fn docx_text(path: &Path) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    strip_tags(&xml)
}

/// Writes the memo of `brief` on `data` as HTML, PDF and Word; their texts.
fn memo_texts(data: &Path, brief: &Path, form: &str, out: &Path) -> [String; 3] {
    let mut texts = Vec::new();
    for ext in ["html", "pdf", "docx"] {
        let file = out.join(format!("memo-{form}.{ext}"));
        let run = dossier(&[
            "brief",
            brief.to_str().unwrap(),
            "--data",
            data.to_str().unwrap(),
            "--form",
            form,
            "--date",
            "2025-01-10",
            "--out",
            file.to_str().unwrap(),
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        texts.push(match ext {
            "html" => std::fs::read_to_string(&file).unwrap(),
            "pdf" => pdf_text(file.to_str().unwrap(), false),
            _ => docx_text(&file),
        });
    }
    texts.try_into().unwrap()
}

/// The Done-when of the parties issue: `init --empty --party …`, a
/// seventeenth topic, `ingest` and `accept` give a memo of the United
/// States and Uzbekistan on that topic.
#[test]
fn a_new_relationship_from_init_to_memo() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("us-uz");
    let data_s = data.to_str().unwrap();
    let run = dossier(&[
        "init",
        data_s,
        "--empty",
        "--party",
        "us=United States",
        "--party",
        "uz=\"Uzbekistan\"",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("an empty dataset for United States and Uzbekistan")
    );
    let declared = std::fs::read_to_string(data.join("dataset.toml")).unwrap();
    assert!(
        declared.contains("id = \"uz\"\nname = \"Uzbekistan\"\nwords = [\"Uzbekistan\", \"Uzbek\""),
        "{declared}"
    );

    let topics = data.join("topics.toml");
    let mut text = std::fs::read_to_string(&topics).unwrap();
    assert!(
        !text.contains("Kazakhstan"),
        "the built-in relationship's words in a new one's topics"
    );
    text.push_str("\n[[topic]]\nid = \"labor-rights\"\nlabel = \"Labor rights\"\ndescription = \"Forced and child labour.\"\nkeywords = [\"forced labor\", \"cotton harvest\"]\n");
    std::fs::write(&topics, text).unwrap();

    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/development");
    for (doc, kind, date, publisher) in [
        (
            "usdos-tip-uz-2024",
            "report",
            "2024-06",
            "U.S. Department of State",
        ),
        (
            "miragenews-us-uz-spd-2021",
            "joint-statement",
            "2021-12",
            "Mirage News",
        ),
    ] {
        let run = dossier(&[
            "ingest",
            corpus.join(format!("{doc}.txt")).to_str().unwrap(),
            "--data",
            data_s,
            "--kind",
            kind,
            "--date",
            date,
            "--publisher",
            publisher,
            "--title",
            doc,
            "--url",
            "https://example.org/x",
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let run = dossier(&["accept", "--data", data_s, "--all"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = dossier(&["check", "--data", data_s]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    // Sides are the folder's party ids: the report's publisher is the
    // United States', the minister Uzbekistan's.
    let run = dossier(&["items", "--data", data_s, "--json"]);
    let items: Value = serde_json::from_str(&run.stdout).unwrap();
    let side_of = |start: &str| {
        items
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["kind"] == "statement" && i["quote"].as_str().unwrap().starts_with(start))
            .map(|i| i["side"].as_str().unwrap().to_string())
    };
    assert_eq!(
        side_of("Foreign Minister Kamilov thanked").as_deref(),
        Some("uz")
    );
    assert_eq!(
        side_of("The Government of Uzbekistan does not").as_deref(),
        Some("us")
    );

    let brief = tmp.path().join("labor.brief.toml");
    std::fs::write(
        &brief,
        "[memo]\nsubject = \"Labor rights\"\n\n[selection]\ntopics = [\"labor-rights\", \"multilateral\", \"civil-society\"]\n",
    )
    .unwrap();
    for text in memo_texts(&data, &brief, "full", tmp.path()) {
        assert!(
            text.contains("Labor rights"),
            "the seventeenth topic's heading"
        );
        assert!(text.contains("forced labor"), "its items");
        assert!(text.contains("United States") || text.contains("UNITED STATES"));
        assert!(
            !text.to_lowercase().contains("kazakh"),
            "Kazakhstan in a U.S.–Uzbekistan memo"
        );
    }
}

/// The reviewed fixture (`scripts/fixture-us-uz`): each party's statements
/// under its own heading in every output, in the memo's order, and
/// nothing of Kazakhstan anywhere.
#[test]
fn the_us_uz_fixture_speaks_of_its_own_parties_only() {
    let tmp = tempfile::tempdir().unwrap();
    let data = fixtures().join("us-uz");
    let brief = tmp.path().join("spd.brief.toml");
    std::fs::write(
        &brief,
        "[memo]\nsubject = \"U.S.–Uzbekistan Strategic Partnership Dialogue\"\n\n[selection]\ntopics = [\"health\", \"labor-rights\", \"security\"]\n",
    )
    .unwrap();
    let [html, pdf, docx] = memo_texts(&data, &brief, "full", tmp.path());
    for (name, text) in [("HTML", &html), ("PDF", &pdf), ("Word", &docx)] {
        assert!(
            text.contains("Kamilov"),
            "{name}: the Uzbek minister's statement"
        );
        assert!(
            !text.to_lowercase().contains("kazakh"),
            "{name}: Kazakhstan"
        );
    }
    // Under Health, ours first, then Uzbekistan.
    let health = &html[html.find(">Health</h3>").expect("the Health topic")..];
    let us = health
        .find("<h4>United States</h4>")
        .expect("the U.S. heading");
    let uz = health
        .find("<h4>Uzbekistan</h4>")
        .expect("Uzbekistan's heading");
    assert!(us < uz, "ours first");
    let upper = pdf.to_uppercase();
    let (us, uz) = (
        upper.find("UNITED STATES\n").unwrap(),
        upper.find("UZBEKISTAN\n").unwrap(),
    );
    assert!(us < uz, "the PDF's headings in the memo's order");
    for form in ["memo"] {
        for text in memo_texts(&data, &brief, form, tmp.path()) {
            assert!(!text.to_lowercase().contains("kazakh"));
        }
    }
}

/// `init`'s parties are checked before anything is written.
#[test]
fn init_refuses_parties_that_make_no_dataset() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("d");
    let d = dir.to_str().unwrap();
    let cases: [(&[&str], &str); 6] = [
        (&["--party", "us=US"], "at least two parties"),
        (
            &["--party", "us=US", "--party", "uz=us"],
            "two parties are both 'us'",
        ),
        (&["--party", "joint=Both"], "not joint or other"),
        (&["--party", "uz"], "is not ID=NAME"),
        (
            &[
                "--party",
                "us=US",
                "--party",
                "uz=Uzbekistan",
                "--ours",
                "kz",
            ],
            "--ours is 'kz', which is not one of the parties given (us, uz)",
        ),
        (
            &["--party", "us=US", "--party", "us=Again"],
            "two parties are both 'us' (us=US and us=Again)",
        ),
    ];
    for (args, says) in cases {
        let mut all = vec!["init", d, "--empty"];
        all.extend_from_slice(args);
        let run = dossier(&all);
        assert_ne!(run.code, 0, "{args:?}");
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
        assert!(!dir.exists(), "{args:?} wrote the folder");
    }
    let run = dossier(&["init", d, "--party", "uz=Uzbekistan"]);
    assert_ne!(run.code, 0, "parties without --empty");

    // `--ours` another than the first: the memo's order follows it.
    let run = dossier(&[
        "init",
        d,
        "--empty",
        "--party",
        "uz=Uzbekistan",
        "--party",
        "us=United States",
        "--ours",
        "us",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let declared = std::fs::read_to_string(dir.join("dataset.toml")).unwrap();
    assert!(
        declared.contains("id = \"us\"\nname = \"United States\"\nours = true"),
        "{declared}"
    );
    assert!(
        !declared.contains("id = \"uz\"\nname = \"Uzbekistan\"\nours"),
        "{declared}"
    );
}

/// `init --topics FILE`: a folder with the user's own topics; a bad file
/// named as given, nothing written.
#[test]
fn init_takes_topics_of_the_user_s_own() {
    let tmp = tempfile::tempdir().unwrap();
    let own = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/us-uz-topics.toml");
    let dir = tmp.path().join("d");
    let run = dossier(&[
        "init",
        dir.to_str().unwrap(),
        "--empty",
        "--party",
        "us=United States",
        "--party",
        "uz=Uzbekistan",
        "--topics",
        own.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = dossier(&["topics", "--data", dir.to_str().unwrap()]);
    assert!(run.stdout.contains("labor-rights") && run.stdout.contains("energy"));
    assert!(!run.stdout.contains("torture"));

    let bad = tmp.path().join("bad-topics.toml");
    std::fs::write(&bad, "[[topic]]\nid = \"Energy\"\n").unwrap();
    let other = tmp.path().join("e");
    let run = dossier(&[
        "init",
        other.to_str().unwrap(),
        "--empty",
        "--party",
        "us=US",
        "--party",
        "uz=Uz",
        "--topics",
        bad.to_str().unwrap(),
    ]);
    assert_ne!(run.code, 0);
    assert!(
        run.stderr.contains(&format!("{}:2:", bad.display())),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("Nothing was written"));
    assert!(!other.exists());
}
