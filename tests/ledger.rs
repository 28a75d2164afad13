//! The follow-up ledger end to end through the real CLI: `dossier ledger`
//! and its changes, the memo's follow-up section in HTML, PDF and Word, the
//! memo form's open asks and commitments, and ingest's proposals.

mod common;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use common::{dossier, pdf_text, squash, strip_tags, write_memo};
use serde_json::Value;

/// A copy of the default dataset (with its ledger) in a temporary folder.
fn default_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let run = dossier(&["init", data.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    (tmp, data)
}

fn ledger_json(args: &[&str]) -> Vec<Value> {
    let mut all = vec!["ledger", "--json"];
    all.extend_from_slice(args);
    let run = dossier(&all);
    assert_eq!(run.code, 0, "{all:?}: {}", run.stderr);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    v["threads"].as_array().unwrap().clone()
}

fn thread<'v>(threads: &'v [Value], id: &str) -> &'v Value {
    threads
        .iter()
        .find(|t| t["id"] == id)
        .unwrap_or_else(|| panic!("no {id} in {threads:#?}"))
}

#[test]
fn the_ledger_gives_each_thread_its_opening_status_and_sourced_updates() {
    let threads = ledger_json(&["--topic", "trafficking"]);
    let t = thread(&threads, "thread-trafficking-laws");
    assert_eq!(
        t["label"],
        "Align the trafficking definition with international law; more prosecutions"
    );
    assert_eq!(t["opened_by"]["item"], "zeya-2022-amend-trafficking-laws");
    assert_eq!(t["opened_by"]["date"], "2022-04-11");
    assert_eq!(t["opened_by"]["side"], "us");
    assert_eq!(t["opened_by"]["speaker"], "uzra-zeya");
    assert_eq!(t["owed_by"], "kz");
    assert_eq!(t["topics"], serde_json::json!(["trafficking"]));
    // A new law is not proof that the definition asked for changed.
    assert_eq!(t["status"], "under-way");
    assert_eq!(t["as_of"], "2024");
    let u = &t["updates"][0];
    assert_eq!(u["evidence"][0], "law-combating-human-trafficking-2024");
    assert_eq!(u["reported_by"][0]["source"], "mfa-kz-factsheet-2025");
    assert_eq!(u["reported_by"][0]["date"], "2025");
    assert!(threads.iter().all(|t| {
        t["topics"]
            .as_array()
            .unwrap()
            .contains(&"trafficking".into())
    }));
}

#[test]
fn a_status_is_as_known_by_the_period_s_end() {
    let by_2023 = ledger_json(&["--topic", "trafficking", "--to", "2023"]);
    let t = thread(&by_2023, "thread-trafficking-laws");
    assert_eq!(t["status"], "no-information");
    assert_eq!(t["as_of"], "2022-04-11");
    assert!(t["updates"].as_array().unwrap().is_empty());
    // Not yet opened before April 2022.
    assert!(
        ledger_json(&["--to", "2022-03"])
            .iter()
            .all(|t| t["id"] != "thread-trafficking-laws")
    );
    let under_way = ledger_json(&["--status", "under-way"]);
    assert!(under_way.iter().all(|t| t["status"] == "under-way"));
    assert!(
        under_way
            .iter()
            .any(|t| t["id"] == "thread-trafficking-laws")
    );
    let run = dossier(&["ledger", "--status", "finished"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn a_thread_is_opened_updated_and_removed_keeping_the_file_s_comments() {
    let (_tmp, data) = default_copy();
    let dir = data.to_str().unwrap();
    let file = data.join("ledger.toml");
    let before = fs::read_to_string(&file).unwrap();
    let run = dossier(&[
        "ledger",
        "open",
        "zeya-2022-amend-trafficking-laws",
        "--data",
        dir,
        "--label",
        "Align the definition of trafficking",
        "--owed-by",
        "kz",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("thread-align-the-definition-of-trafficking"),
        "{}",
        run.stdout
    );
    let run = dossier(&[
        "ledger",
        "update",
        "thread-align-the-definition-of-trafficking",
        "--data",
        dir,
        "--status",
        "under-way",
        "--evidence",
        "law-combating-human-trafficking-2024",
        "--note",
        "a new law; the definition is not reported",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let threads = ledger_json(&["--data", dir]);
    let t = thread(&threads, "thread-align-the-definition-of-trafficking");
    assert_eq!(t["owed_by"], "kz");
    assert_eq!(t["status"], "under-way");
    assert_eq!(
        t["updates"][0]["note"],
        "a new law; the definition is not reported"
    );
    let after = fs::read_to_string(&file).unwrap();
    let mut rest = after.lines();
    for line in before.lines() {
        assert!(
            rest.any(|l| l == line),
            "the file's line {line:?} is kept, in its order"
        );
    }
    let run = dossier(&[
        "ledger",
        "remove",
        "thread-align-the-definition-of-trafficking",
        "--data",
        dir,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(fs::read_to_string(&file).unwrap(), before);
}

#[test]
fn a_change_the_ledger_cannot_take_is_refused_and_nothing_is_written() {
    let (_tmp, data) = default_copy();
    let dir = data.to_str().unwrap();
    let file = data.join("ledger.toml");
    let before = fs::read_to_string(&file).unwrap();
    let refused = |args: &[&str], code: i32, says: &str| {
        let run = dossier(args);
        assert_eq!(run.code, code, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
        assert_eq!(fs::read_to_string(&file).unwrap(), before, "{args:?} wrote");
    };
    let update = |status: &'static str, evidence: &'static str| {
        vec![
            "ledger",
            "update",
            "thread-trafficking-laws",
            "--data",
            dir,
            "--status",
            status,
            "--evidence",
            evidence,
        ]
    };
    refused(
        &update("done", "no-such-item"),
        1,
        "`evidence` names 'no-such-item', which is not an item",
    );
    refused(
        &update("done", "zeya-2022-abai-mirror")[..8],
        2,
        "--evidence",
    );
    refused(
        &update("finished", "law-combating-human-trafficking-2024"),
        2,
        "finished",
    );
    refused(
        &update("no-information", "law-combating-human-trafficking-2024"),
        1,
        "a thread without updates",
    );
    refused(
        &update("done", "drl-2010-urges-international-standards"),
        1,
        "before the item that opened this thread",
    );
    refused(
        &[
            "ledger",
            "update",
            "thread-nope",
            "--data",
            dir,
            "--status",
            "done",
            "--evidence",
            "x",
        ],
        1,
        "the ledger has no thread 'thread-nope'",
    );
    refused(
        &["ledger", "remove", "thread-nope", "--data", dir],
        1,
        "no thread 'thread-nope'",
    );
    refused(
        &[
            "ledger",
            "open",
            "zeya-2022-abai-mirror",
            "--data",
            dir,
            "--label",
            "x",
        ],
        1,
        "cannot open a thread",
    );
    refused(
        &[
            "ledger",
            "open",
            "zeya-2022-amend-trafficking-laws",
            "--data",
            dir,
        ],
        1,
        "give the thread a label",
    );
    refused(
        &[
            "ledger",
            "open",
            "no-such-item",
            "--data",
            dir,
            "--label",
            "x",
        ],
        1,
        "no item 'no-such-item'",
    );
    refused(
        &[
            "ledger",
            "open",
            "zeya-2022-amend-trafficking-laws",
            "--data",
            dir,
            "--label",
            "x",
            "--owed-by",
            "uz",
        ],
        1,
        "'uz' is not a party",
    );
    let run = dossier(&[
        "ledger",
        "open",
        "zeya-2022-amend-trafficking-laws",
        "--label",
        "x",
    ]);
    assert_eq!(
        run.code, 2,
        "the built-in dataset is read-only: {}",
        run.stderr
    );
}

#[test]
fn check_names_a_ledger_problem_by_file_and_line() {
    let (_tmp, data) = default_copy();
    let file = data.join("ledger.toml");
    let text = fs::read_to_string(&file).unwrap().replacen(
        "status = \"partly-done\"",
        "status = \"complete\"",
        1,
    );
    fs::write(&file, &text).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("\"complete\""))
        .unwrap()
        + 1;
    let run = dossier(&["check", "--data", data.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stderr.contains(&format!(
            "ledger.toml:{line}: `status` is 'complete', which is not a status"
        )),
        "{}",
        run.stderr
    );
    // A dataset without a ledger is valid and follows nothing.
    fs::remove_file(&file).unwrap();
    let run = dossier(&["check", "--data", data.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains("ledger"), "{}", run.stdout);
    assert!(ledger_json(&["--data", data.to_str().unwrap()]).is_empty());
}

fn docx_text(path: &str) -> String {
    let mut zip = zip::ZipArchive::new(fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    strip_tags(&xml.replace("</w:p>", "</w:p>\n"))
}

#[test]
fn the_memo_follows_the_threads_of_its_topics_in_html_pdf_and_word() {
    let tmp = tempfile::tempdir().unwrap();
    let args = ["--topic", "trafficking"];
    let html = fs::read_to_string(write_memo(tmp.path(), "m.html", &args)).unwrap();
    let section = &html[html.find("<section id=\"follow-up\"").expect("the section")..];
    let section = &section[..section.find("</section>").unwrap()];
    assert!(
        section.contains("<th scope=\"col\">Ask or commitment</th>"),
        "{section}"
    );
    let text = strip_tags(section);
    for words in [
        "Align the trafficking definition with international law; more prosecutions",
        "Uzra Zeya (United States), 11 April 2022; owed by Kazakhstan",
        "Under way",
        "2024, according to Ministry of Foreign Affairs of the Republic of Kazakhstan, 2025",
        "New Law on Combating Human Trafficking adopted",
    ] {
        assert!(text.contains(words), "{words}: {text}");
    }
    // The table names items; each is still quoted once in the memo.
    let ask = "amending the trafficking laws to align the definition";
    assert_eq!(html.matches(ask).count(), 1);
    assert!(!section.contains(ask));

    let pdf = write_memo(tmp.path(), "m.pdf", &args);
    let text = squash(&pdf_text(&pdf, false));
    for words in [
        "Follow-up on asks and commitments",
        "Align the trafficking definition",
        "Under way",
        "WHAT FOLLOWED",
    ] {
        assert!(text.contains(&squash(words)), "{words}");
    }
    let docx = write_memo(tmp.path(), "m.docx", &args);
    let text = docx_text(&docx);
    for words in [
        "Follow-up on asks and commitments",
        "Align the trafficking definition",
        "Under way",
    ] {
        assert!(text.contains(words), "{words}: {text}");
    }
}

#[test]
fn a_period_before_the_news_shows_no_information_and_a_later_topic_none() {
    let tmp = tempfile::tempdir().unwrap();
    let html = fs::read_to_string(write_memo(
        tmp.path(),
        "m.html",
        &["--topic", "trafficking", "--from", "2022", "--to", "2023"],
    ))
    .unwrap();
    let text = strip_tags(&html[html.find("<section id=\"follow-up\"").unwrap()..]);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("No information — since 11 April 2022"),
        "{text}"
    );
    assert!(!text.contains("Under way"), "{text}");
    let html =
        fs::read_to_string(write_memo(tmp.path(), "n.html", &["--topic", "children"])).unwrap();
    assert!(html.contains("No ask or commitment on these topics is followed in this period."));
}

#[test]
fn the_memo_form_puts_open_asks_and_commitments_on_its_pages() {
    let tmp = tempfile::tempdir().unwrap();
    let example = common::example_brief();
    let pdf = write_memo(tmp.path(), "m.pdf", &[&example, "--form", "memo"]);
    let text = pdf_text(&pdf, false);
    let pages: Vec<&str> = text.split('\u{c}').collect();
    let front = squash(&pages[..2].join(""));
    assert!(
        front.contains(&squash("Open asks and commitments")),
        "{}",
        pages[0]
    );
    assert!(
        front.contains(&squash("nothing reported since")),
        "unanswered asks lead"
    );
    let html = fs::read_to_string(write_memo(
        tmp.path(),
        "m.html",
        &[&example, "--form", "memo"],
    ))
    .unwrap();
    let open = &html[html.find("id=\"memo-open\"").unwrap()..];
    let open = &open[..open.find("</section>").unwrap()];
    let n = open.matches("<li class=\"fact\"").count();
    assert!((1..=3).contains(&n), "{n} lines: {open}");
}

#[test]
fn a_saved_brief_that_lists_its_sections_leaves_the_new_section_out() {
    let tmp = tempfile::tempdir().unwrap();
    let brief = tmp.path().join("b.brief.toml");
    fs::write(&brief, "[memo]\nsections = [\"header\", \"topics\", \"sources\"]\n\n[selection]\ntopics = [\"trafficking\"]\n").unwrap();
    let html =
        fs::read_to_string(write_memo(tmp.path(), "m.html", &[brief.to_str().unwrap()])).unwrap();
    assert!(!html.contains("Follow-up on asks"));
    let html = fs::read_to_string(write_memo(
        tmp.path(),
        "n.html",
        &[brief.to_str().unwrap(), "--section", "follow-up"],
    ))
    .unwrap();
    assert!(html.contains("Follow-up on asks"));
}

/// A news report written for this test: it answers the 2022 ask on the
/// trafficking laws.
const REPORT: &str = "Astana adopts trafficking amendments\n\nASTANA, 3 March 2026 — The Mazhilis on Tuesday approved amendments to the trafficking laws that align the definition of trafficking with international law, the Ministry of Internal Affairs said. Prosecutions of trafficking cases rose, the ministry said.\n";

fn ingest_report(data: &Path) -> Value {
    let doc = data.parent().unwrap().join("report.txt");
    fs::write(&doc, REPORT).unwrap();
    let run = dossier(&[
        "ingest",
        doc.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
        "--json",
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
    serde_json::from_str(&run.stdout).unwrap()
}

#[test]
fn ingest_proposes_a_new_document_as_evidence_and_a_person_records_it() {
    let (_tmp, data) = default_copy();
    let dir = data.to_str().unwrap();
    let report = ingest_report(&data);
    let proposals = report["evidence"].as_array().unwrap();
    let p = proposals
        .iter()
        .find(|p| p["thread"] == "thread-trafficking-laws")
        .unwrap_or_else(|| panic!("{report:#}"));
    let item = p["item"].as_str().unwrap().to_string();
    let ledger = fs::read_to_string(data.join("ledger.toml")).unwrap();
    assert!(
        ledger.contains(&format!("suggested = true\nevidence = [\"{item}\"]")),
        "{ledger}"
    );
    // Not data: the thread's status is unchanged, and review shows it.
    let t = thread(&ledger_json(&["--data", dir]), "thread-trafficking-laws").clone();
    assert_eq!(t["updates"].as_array().unwrap().len(), 1);
    let run = dossier(&["review", "--data", dir]);
    assert!(
        run.stdout.contains(
            "proposed as evidence for 'thread-trafficking-laws' (Align the trafficking definition with international law; more prosecutions)"
        ),
        "{}",
        run.stdout
    );
    // A suggestion cannot be evidence until it is accepted.
    let record = [
        "ledger",
        "update",
        "thread-trafficking-laws",
        "--data",
        dir,
        "--status",
        "partly-done",
        "--evidence",
        &item,
    ];
    let run = dossier(&record);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("a suggestion no one has accepted yet"),
        "{}",
        run.stderr
    );
    // The text says "the Ministry of Internal Affairs said", which the
    // dataset does not know: a person sets the speaker before accepting.
    let run = dossier(&["edit", &item, "--data", dir, "--speaker", "kz-government"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = dossier(&["accept", "--data", dir, &item]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = dossier(&record);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let t = thread(&ledger_json(&["--data", dir]), "thread-trafficking-laws").clone();
    assert_eq!(t["as_of"], "2026-03-03");
    assert_eq!(
        t["updates"][1]["reported_by"][0]["source"],
        "test-wire-2026"
    );
    let ledger = fs::read_to_string(data.join("ledger.toml")).unwrap();
    assert!(
        !ledger.contains(&format!("suggested = true\nevidence = [\"{item}\"]")),
        "the proposal is replaced"
    );
}

#[test]
fn rejecting_a_proposed_item_drops_its_proposal() {
    let (_tmp, data) = default_copy();
    let dir = data.to_str().unwrap();
    let before = fs::read_to_string(data.join("ledger.toml")).unwrap();
    let report = ingest_report(&data);
    let items: Vec<&str> = report["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["item"].as_str().unwrap())
        .collect();
    assert!(!items.is_empty(), "{report:#}");
    let mut args = vec!["reject", "--data", dir];
    args.extend(items);
    let run = dossier(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        fs::read_to_string(data.join("ledger.toml")).unwrap(),
        before
    );
    let run = dossier(&["check", "--data", dir]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_change_to_a_folder_named_relatively_is_written() {
    let (tmp, data) = default_copy();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .current_dir(tmp.path())
        .args([
            "ledger",
            "open",
            "zeya-2022-amend-trafficking-laws",
            "--data",
            "data",
            "--label",
            "Named relatively",
            "--owed-by",
            "kz",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ledger = fs::read_to_string(data.join("ledger.toml")).unwrap();
    assert!(
        ledger.contains("label = \"Named relatively\""),
        "the change was lost"
    );
    let left: Vec<_> = fs::read_dir(&data)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().into_string().unwrap())
        .filter(|n| n.starts_with(".dossier-staged") || n == ".dossier-journal")
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_call_does_not_say_whom_it_asks_so_a_person_says_who_owes_it() {
    let (_tmp, data) = default_copy();
    let dir = data.to_str().unwrap();
    let run = dossier(&[
        "ledger",
        "open",
        "zeya-2022-hrc-mandate",
        "--data",
        dir,
        "--label",
        "The Council fulfils its mandate",
    ]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("who owes action on 'zeya-2022-hrc-mandate' is unclear"),
        "{}",
        run.stderr
    );
    // A commitment is owed by the party that made it.
    let run = dossier(&[
        "ledger",
        "open",
        "zeya-2022-cooperation-priorities",
        "--data",
        dir,
        "--label",
        "U.S. cooperation",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let t = thread(&ledger_json(&["--data", dir]), "thread-u-s-cooperation").clone();
    assert_eq!(t["owed_by"], "us");
}

#[test]
fn a_planned_event_opens_its_thread_when_it_was_announced() {
    let (_tmp, data) = default_copy();
    let dir = data.to_str().unwrap();
    let run = dossier(&[
        "ledger",
        "open",
        "dialogue-2025-washington-planned",
        "--data",
        dir,
        "--owed-by",
        "us",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let threads = ledger_json(&["--data", dir, "--to", "2024"]);
    let t = threads
        .iter()
        .find(|t| t["opened_by"]["item"] == "dialogue-2025-washington-planned")
        .expect("open in 2024, when it was agreed");
    assert_eq!(t["opened_by"]["date"], "2024-05");
    assert_eq!(t["opened_by"]["undated"], true);
    let run = dossier(&["ledger", "--data", dir, "--topic", "dialogue"]);
    assert!(
        run.stdout
            .contains("opened: planned for 2025, reported May 2024"),
        "{}",
        run.stdout
    );
}
