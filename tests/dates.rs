//! Truth of dates in every output: an undated event or figure is never shown
//! under a year its source does not give, and a planned event is never among
//! the events that happened. Checked on the real CLI's HTML, on the PDF's
//! extracted text (poppler's `pdftotext`) and on `items --json`.

mod common;

use common::dossier;
use dossier::date::MONTHS;
use dossier::format::figure_value;
use serde_json::Value;

/// The length of a date as the memo prints one (`2025`, `May 2024`,
/// `20 May 2024`) at the start of `text`, if there is one.
fn date_prefix(text: &str) -> Option<usize> {
    let mut rest = text;
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let day = digits(rest);
    if (1..=2).contains(&day) && rest[day..].starts_with(' ') {
        rest = &rest[day + 1..];
    }
    if let Some(m) = MONTHS.iter().find(|m| rest.starts_with(&format!("{m} "))) {
        rest = &rest[m.len() + 1..];
    }
    let year = digits(rest);
    let after = rest[year..].chars().next();
    (year == 4 && after.is_none_or(|c| !c.is_alphanumeric())).then(|| text.len() - rest.len() + 4)
}

/// What identifies an item in a memo: the start of its label, and for a
/// figure its value as printed.
fn needles(item: &Value) -> Vec<String> {
    let label: String = item["label"].as_str().unwrap().chars().take(28).collect();
    let mut out = vec![label];
    if item["kind"] == "figure" {
        out.push(figure_value(
            item["value"].as_f64().unwrap(),
            item["unit"].as_str().unwrap(),
            item["qualifier"].as_str(),
        ));
    }
    out
}

/// Every event and figure of the embedded dataset, as `items --json` gives them.
fn events_and_figures() -> Vec<Value> {
    let mut all = Vec::new();
    for kind in ["event", "figure"] {
        let run = dossier(&["items", "--kind", kind, "--json"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let items: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
        all.extend(items);
    }
    all
}

fn undated() -> Vec<Value> {
    events_and_figures()
        .into_iter()
        .filter(|i| i["date"].is_null())
        .collect()
}

/// Lines of text where an undated item stands under a bare date: the date
/// then the item (`2025 — Defamation decriminalised`, a timeline row), or a
/// figure's value then a date (a key-figures row).
fn dated_undated_lines(text: &str) -> Vec<String> {
    let items = undated();
    assert!(items.len() >= 10, "the dataset has undated items to check");
    let mut bad = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        for item in &items {
            for needle in needles(item) {
                let after_date = date_prefix(line)
                    .map(|n| line[n..].trim_start().trim_start_matches('—').trim_start());
                let date_after_value = line
                    .find(&needle)
                    .map(|at| line[at + needle.len()..].trim_start())
                    .is_some_and(|rest| date_prefix(rest).is_some());
                if after_date.is_some_and(|rest| rest.starts_with(&needle)) || date_after_value {
                    bad.push(format!("{}: {line}", item["id"]));
                }
            }
        }
    }
    bad
}

/// The HTML as text: tags dropped, a line per line of markup.
fn html_text(html: &str) -> String {
    let out = common::strip_tags(html);
    out.replace("&#x27;", "'")
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

fn full_brief(dir: &std::path::Path, ext: &str) -> String {
    let out = dir.join(format!("memo.{ext}"));
    let run = dossier(&[
        "brief",
        "examples/next-dialogue.brief.toml",
        "--date",
        "2026-01-15",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    out.to_str().unwrap().to_string()
}

#[test]
fn the_html_shows_no_undated_item_under_a_year() {
    let dir = tempfile::tempdir().unwrap();
    let html = std::fs::read_to_string(full_brief(dir.path(), "html")).unwrap();
    let text = html_text(&html);
    assert_eq!(dated_undated_lines(&text), Vec::<String>::new());
    assert!(text.contains("date not given · reported 2025 — Defamation decriminalised"));
    assert!(
        text.contains("Date not given"),
        "the timeline's undated part"
    );
    assert!(text.contains("factsheet, 2025 Defamation decriminalised"));
}

#[test]
fn the_pdf_shows_no_undated_item_under_a_year() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = full_brief(dir.path(), "pdf");
    let text = common::pdf_text(&pdf, true);
    assert_eq!(dated_undated_lines(&text), Vec::<String>::new());
    assert!(text.contains("date not given · reported 2025 — Defamation decriminalised"));
}

/// The text of the memo's timeline, from its heading to the next section.
fn timeline_of(text: &str) -> &str {
    let start = text.rfind("Timeline").expect("a timeline");
    let end = text[start..]
        .find("Sources")
        .map_or(text.len(), |e| start + e);
    &text[start..end]
}

#[test]
fn planned_events_are_not_among_the_events_that_happened() {
    let planned: Vec<Value> = events_and_figures()
        .into_iter()
        .filter(|i| i["status"] == "planned")
        .collect();
    let ids: Vec<&str> = planned.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"dialogue-2025-washington-planned"), "{ids:?}");
    assert!(ids.contains(&"womens-empowerment-conference-2011-bishkek"));

    let dir = tempfile::tempdir().unwrap();
    let html = html_text(&std::fs::read_to_string(full_brief(dir.path(), "html")).unwrap());
    let pdf = full_brief(dir.path(), "pdf");
    let pdf_text = common::pdf_text(&pdf, false);
    for text in [html.as_str(), pdf_text.as_str()] {
        let timeline = timeline_of(text);
        let planned_at = timeline.find("Planned").expect("a Planned part");
        let (happened, plans) = timeline.split_at(planned_at);
        for item in &planned {
            let label = &needles(item)[0];
            assert!(
                !happened.contains(label.as_str()),
                "{label} is among the events that happened"
            );
        }
        assert!(plans.contains("Next High-Level Dialogue meeting"));
        assert!(text.contains("planned for 2025 — Next High-Level Dialogue meeting"));
    }
}

#[test]
fn items_json_gives_undated_reported_and_planned() {
    let all = events_and_figures();
    assert!(all.iter().all(|i| i["reported"].is_string()));
    let by_id = |id: &str| all.iter().find(|i| i["id"] == id).unwrap();
    let defamation = by_id("defamation-decriminalised");
    assert!(defamation["date"].is_null());
    assert_eq!(defamation["reported"], "2025");
    assert_eq!(defamation["status"], "happened");
    let founders = by_id("mfa-2025-ngo-founders-before");
    assert!(founders["date"].is_null());
    assert!(founders.get("status").is_none(), "figures have no status");
    let next = by_id("dialogue-2025-washington-planned");
    assert_eq!(next["date"], "2025");
    assert_eq!(next["status"], "planned");
    assert_eq!(next["reported"], "2024-05");
    let law = by_id("law-2024-domestic-violence");
    assert_eq!(law["date"], "2024-04");
    assert_eq!(law["reported"], "2024-05", "the earlier of its two sources");
}

#[test]
fn undated_items_are_selected_by_their_reported_date_plans_by_their_planned_date() {
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["items", "--kind", "event", "--json"];
        all.extend_from_slice(args);
        let run = dossier(&all);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let items: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
        items
            .iter()
            .map(|i| i["id"].as_str().unwrap().to_string())
            .collect()
    };
    let in_2025 = ids(&["--from", "2025", "--to", "2025"]);
    assert!(in_2025.contains(&"defamation-decriminalised".to_string()));
    assert!(in_2025.contains(&"dialogue-2025-washington-planned".to_string()));
    let to_2024 = ids(&["--to", "2024"]);
    assert!(!to_2024.contains(&"defamation-decriminalised".to_string()));
    assert!(!to_2024.contains(&"dialogue-2025-washington-planned".to_string()));
    let in_2011 = ids(&["--from", "2011", "--to", "2011"]);
    assert_eq!(in_2011, ["womens-empowerment-conference-2011-bishkek"]);
}

#[test]
fn the_text_listing_says_when_a_date_is_not_given() {
    let run = dossier(&["items", "--kind", "event", "--from", "2025"]);
    assert!(
        run.stdout
            .contains("date not given · reported 2025  event  defamation-decriminalised"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("planned for 2025  event  dialogue-2025-washington-planned")
    );
}

#[test]
fn date_prefix_reads_the_three_precisions() {
    assert_eq!(date_prefix("2025 — x"), Some(4));
    assert_eq!(date_prefix("May 2024 x"), Some(8));
    assert_eq!(date_prefix("20 May 2024"), Some(11));
    assert_eq!(date_prefix("factsheet, 2025"), None);
    assert_eq!(date_prefix("2023–2026 Anti-Corruption"), Some(4));
    assert_eq!(date_prefix("46 crisis centres"), None);
    assert_eq!(date_prefix("22,000"), None);
}
