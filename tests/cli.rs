//! The CLI end to end: selection rules, JSON shapes, exit codes and messages.

mod common;

use common::{dossier, fixtures};
use serde_json::Value;

fn minimal() -> String {
    fixtures().join("minimal").to_str().unwrap().to_string()
}

/// The ids `dossier items --json` selects from the minimal fixture with `args`.
fn ids(args: &[&str]) -> Vec<String> {
    let data = minimal();
    let mut all = vec!["items", "--json", "--data", &data];
    all.extend_from_slice(args);
    let run = dossier(&all);
    assert_eq!(run.code, 0, "{all:?}: {}", run.stderr);
    let items: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    items
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_year_overlaps_a_range_inside_it() {
    assert_eq!(
        ids(&["--from", "2024-06-01", "--to", "2024-06-30"]),
        ["law-adopted-2024"]
    );
}

#[test]
fn a_month_before_the_range_is_out() {
    // crisis-centres is dated 2024-05 (its source's date): it ends before June.
    assert_eq!(ids(&["--from", "2024-06-01"]), ["law-adopted-2024"]);
    assert!(ids(&["--from", "2024-05-31"]).contains(&"crisis-centres".to_string()));
}

#[test]
fn bounds_take_the_whole_interval_they_name() {
    assert_eq!(
        ids(&["--from", "2024", "--to", "2024"]),
        [
            "law-adopted-2024",
            "crisis-centres",
            "dialogue-meeting",
            "envoy-welcomes-law"
        ]
    );
    assert_eq!(ids(&["--to", "2023"]), ["ministry-un-work"]);
    assert_eq!(
        ids(&["--to", "2024-05-19"]),
        ["ministry-un-work", "law-adopted-2024", "crisis-centres"]
    );
}

#[test]
fn items_come_oldest_first_then_by_id() {
    // By the first day each date names; `2024` starts on 1 January.
    assert_eq!(
        ids(&[]),
        [
            "ministry-un-work",
            "law-adopted-2024",
            "crisis-centres",
            "dialogue-meeting",
            "envoy-welcomes-law"
        ]
    );
}

#[test]
fn topics_match_any_and_kinds_filter() {
    assert_eq!(ids(&["--topic", "multilateral"]), ["ministry-un-work"]);
    assert_eq!(
        ids(&["--topic", "multilateral", "--topic", "dialogue"]),
        ["ministry-un-work", "dialogue-meeting", "envoy-welcomes-law"]
    );
    assert_eq!(ids(&["--kind", "figure"]), ["crisis-centres"]);
    assert_eq!(
        ids(&[
            "--kind",
            "event",
            "--kind",
            "figure",
            "--topic",
            "domestic-violence"
        ]),
        ["law-adopted-2024", "crisis-centres"]
    );
}

#[test]
fn items_json_carries_every_field_of_its_kind() {
    let data = minimal();
    let run = dossier(&["items", "--json", "--data", &data]);
    let items: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    let by_id = |id: &str| items.iter().find(|i| i["id"] == id).unwrap().clone();

    let st = by_id("envoy-welcomes-law");
    assert_eq!(st["kind"], "statement");
    assert_eq!(st["date"], "2024-05-20");
    assert_eq!(
        st["quote"],
        "The envoy welcomed the new law on domestic violence."
    );
    assert_eq!(
        st["topics"],
        serde_json::json!(["domestic-violence", "dialogue"])
    );
    assert_eq!(st["sources"], serde_json::json!(["alpha", "beta"]));
    assert_eq!(st["speaker"], "ann-envoy");
    assert_eq!(st["side"], "us");
    assert_eq!(st["stance"], "commends");
    assert_eq!(
        st["citations"][1]["quote"],
        "Ann Envoy said the law   was welcome."
    );

    let fig = by_id("crisis-centres");
    assert_eq!(fig["kind"], "figure");
    assert_eq!(
        fig["date"], "2024-05",
        "an undated item takes its source's date"
    );
    assert_eq!(fig["value"], 46);
    assert_eq!(fig["unit"], "crisis centres");
    assert_eq!(fig["label"], "Crisis centres for survivors");
    assert_eq!(fig["qualifier"], "about");

    let ev = by_id("dialogue-meeting");
    assert_eq!(ev["kind"], "event");
    assert_eq!(ev["place"], "astana");
    assert_eq!(
        ev["participants"],
        serde_json::json!(["ann-envoy", "kz-ministry"])
    );

    assert_eq!(by_id("law-adopted-2024")["date"], "2024");
    assert_eq!(by_id("ministry-un-work")["date"], "2023");
}

#[test]
fn from_after_to_is_a_usage_error() {
    let data = minimal();
    let run = dossier(&[
        "items",
        "--data",
        &data,
        "--from",
        "2025",
        "--to",
        "2024-12-31",
    ]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "dossier: the date range is empty: 'from' (2025) is after 'to' (2024-12-31); swap them or widen the range\n"
    );
    assert_eq!(run.stdout, "");
}

#[test]
fn bad_dates_unknown_topics_and_flags_are_usage_errors() {
    let data = minimal();
    let run = dossier(&["items", "--data", &data, "--from", "2024-13"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("'2024-13' has no such month"),
        "{}",
        run.stderr
    );

    let run = dossier(&["items", "--data", &data, "--to", "2024-02-30"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("'2024-02-30' is not a day of the calendar"),
        "{}",
        run.stderr
    );

    let run = dossier(&["items", "--data", &data, "--topic", "torture"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "dossier: unknown topic 'torture'; run `dossier topics` to list them.\n"
    );

    let run = dossier(&["items", "--kind", "opinion"]);
    assert_eq!(run.code, 2);
    let run = dossier(&["frobnicate"]);
    assert_eq!(run.code, 2);
}

#[test]
fn topics_lists_counts() {
    let data = minimal();
    let run = dossier(&["topics", "--data", &data]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout,
        "dialogue               2  The bilateral dialogue\n\
         domestic-violence      3  Domestic violence\n\
         multilateral           1  Multilateral engagement\n"
    );
    let run = dossier(&["topics", "--json", "--data", &data]);
    let topics: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(topics[1]["id"], "domestic-violence");
    assert_eq!(topics[1]["items"], 3);
    assert_eq!(topics[0]["keywords"], serde_json::json!(["dialogue"]));
}

#[test]
fn items_text_listing_shows_quote_speaker_and_count() {
    let data = minimal();
    let run = dossier(&[
        "items",
        "--data",
        &data,
        "--kind",
        "statement",
        "--from",
        "2024",
    ]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout,
        "20 May 2024  statement  envoy-welcomes-law\n    Ann Envoy (us, commends)\n    \
         “The envoy welcomed the new law on domestic violence.”\n    \
         topics: domestic-violence, dialogue; sources: alpha, beta\n\n1 item selected.\n"
    );
}

#[test]
fn the_embedded_dataset_is_valid_and_needs_no_files() {
    let empty = tempfile::tempdir().unwrap();
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("check")
        .current_dir(empty.path())
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(String::from_utf8_lossy(&run.stdout).starts_with("The dataset is valid:"));

    let run = dossier(&["topics", "--json"]);
    let topics: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(topics.len(), 16);
}

#[test]
fn check_coverage_lists_unquoted_sentences() {
    let data = minimal();
    let run = dossier(&["check", "--coverage", "--data", &data]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = run.stdout.split_once("\n\n").unwrap().1;
    assert_eq!(
        report,
        "Sentences quoted by at least one item (headings not counted):\n  \
         alpha    3 of   3  (100%)  + 0 heading lines\n  \
         beta     3 of   3  (100%)  + 0 heading lines\n"
    );

    let (_tmp, copy) = common::minimal_copy();
    std::fs::write(
        copy.join("sources/beta.txt"),
        "Ministry News\nAnn Envoy said the law was welcome. The ministry worked with the UN all year.\n\
         In 2024 a law was adopted. Nobody quotes this sentence.\n",
    )
    .unwrap();
    let run = dossier(&["check", "--coverage", "--data", copy.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.ends_with(
            "  beta     3 of   4  (75%)  + 1 heading line\n\nNot quoted in beta:\n  - Nobody quotes this sentence.\n"
        ),
        "{}",
        run.stdout
    );
}

/// Topics are the dataset's own: a folder that adds a seventeenth briefs
/// it, and a brief made for it is refused by another dataset, which names
/// every topic it lacks in one message with its line.
#[test]
fn a_seventeenth_topic_is_the_dataset_s_own() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let data_s = data.to_str().unwrap();
    assert_eq!(dossier(&["init", data_s]).code, 0);
    let topics = data.join("topics.toml");
    let mut text = std::fs::read_to_string(&topics).unwrap();
    text.push_str("\n[[topic]]\nid = \"energy\"\nlabel = \"Energy and critical minerals\"\ndescription = \"Oil, gas, uranium and critical minerals.\"\n");
    std::fs::write(&topics, text).unwrap();
    let source = data.join("sources/neglobal-2024-05.toml");
    let text = std::fs::read_to_string(&source).unwrap().replacen(
        "topics = [\"dialogue\", \"political-reform\"]",
        "topics = [\"dialogue\", \"energy\"]",
        1,
    );
    std::fs::write(&source, text).unwrap();

    let run = dossier(&["topics", "--data", data_s, "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let listed: Value = serde_json::from_str(&run.stdout).unwrap();
    let ids: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 17, "{ids:?}");
    assert_eq!(ids[16], "energy");

    let brief = tmp.path().join("energy.brief.toml");
    std::fs::write(
        &brief,
        "[memo]\ntitle = \"Energy\"\n\n[selection]\ntopics = [\"energy\"]\n\n[comments]\nenergy = \"New ground.\"\n",
    )
    .unwrap();
    let memo = tmp.path().join("energy.html");
    let run = dossier(&[
        "brief",
        brief.to_str().unwrap(),
        "--data",
        data_s,
        "--date",
        "2025-06-02",
        "--out",
        memo.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(&memo).unwrap();
    assert!(html.contains("Energy and critical minerals"), "{html}");
    assert!(html.contains("New ground."));
    assert!(
        html.contains("dialogue-2024-astana"),
        "the item filed under energy"
    );

    // The same brief against the built-in dataset, which has no such topic.
    let run = dossier(&[
        "brief",
        brief.to_str().unwrap(),
        "--out",
        memo.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1);
    let first = run.stderr.lines().next().unwrap_or_default();
    assert!(
        first.ends_with("energy.brief.toml:5: this topic is not in this dataset: 'energy' (lines 5, 8). Was the brief made for another dataset? Open that dataset, or use its topics: political-reform, rule-of-law, expression-media, assembly, civil-society, religion, gender-equality, domestic-violence, children, disability, torture, trafficking, anti-corruption, digital-governance, multilateral, dialogue"),
        "{}",
        run.stderr
    );
}

/// `dossier synth --topics N` makes a dataset of N topics that selects by
/// any of them, past the 64 an item keeps in itself.
#[test]
fn synth_makes_any_number_of_topics() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("synth");
    let data_s = data.to_str().unwrap();
    let run = dossier(&["synth", "--items", "3000", "--topics", "200", data_s]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = dossier(&["topics", "--data", data_s, "--json"]);
    let listed: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 200);
    let count = |topic: &str| {
        let run = dossier(&["items", "--data", data_s, "--topic", topic, "--json"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let items: Value = serde_json::from_str(&run.stdout).unwrap();
        let items = items.as_array().unwrap().clone();
        assert!(
            items
                .iter()
                .all(|i| i["topics"].as_array().unwrap().iter().any(|t| t == topic))
        );
        items.len()
    };
    assert!(count("topic-150") > 0);
    assert!(count("torture") > 0);
    let run = dossier(&[
        "synth",
        "--items",
        "10",
        "--topics",
        "0",
        &format!("{data_s}-2"),
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}
