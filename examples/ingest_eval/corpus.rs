//! The measure on real documents nobody wrote the rules against:
//! `tests/corpus/development` (developed against) and
//! `tests/corpus/held-out` (kept apart, scored once at the end). Each
//! document is `<id>.txt` (its text as published, or the opening of it)
//! and `<id>.toml` (its metadata and the key an analyst wrote before the
//! suggester changed: every record with its kind, a verbatim phrase, the
//! speaker and side, the date at the text's precision, the people the text
//! names, and passages that are noise).
//!
//! Each part is ingested in date order into a copy of the built-in
//! dataset, as a desk would bring in its week's documents: after each
//! document its suggestions that are not unclear are accepted, so that a
//! later account of the same meeting can be recognised as a corroboration
//! (a key event of the same series and date as an earlier document's is
//! expected as one).
//!
//! A suggestion matches a key record of its kind when it covers at least
//! 60% of the record's content words (best first, one to one). An error
//! is a suggestion that would put a falsehood into a memo if accepted as
//! it stands: a matched one with a wrong speaker, side, date, number or
//! stance that commits or calls where the key does not, and an unmatched
//! one that is boilerplate, counts the parties, names the publisher or a
//! person the text does not name as speaker, or takes a record for another
//! kind. An unmatched suggestion that is none of these counts against
//! precision only.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use dossier::dataset::{Dataset, EventStatus, SourceKind};
use dossier::edit::DatasetEdit;
use dossier::ingest::read::Document;
use dossier::ingest::suggest::{Suggested, Suggestion, content_words};
use dossier::ingest::{Given, add_to, known_speaker, prepare};
use serde::Deserialize;

#[derive(Deserialize)]
struct KeyFile {
    document: Meta,
    #[serde(default)]
    person: Vec<KeyPerson>,
    #[serde(default)]
    record: Vec<KeyRecord>,
    #[serde(default)]
    noise: Vec<Noise>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct Meta {
    title: String,
    publisher: String,
    url: Option<String>,
    date: String,
    kind: String,
    relationship: Option<String>,
    /// The relationship's parties as `init --party` takes them, ours first.
    parties: Vec<String>,
    group: Option<String>,
    author: Option<String>,
    author_side: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct KeyPerson {
    name: String,
    #[serde(default)]
    title: String,
    side: Option<String>,
}

#[derive(Deserialize)]
#[allow(dead_code)]
struct KeyRecord {
    kind: String,
    quote: String,
    speaker: Option<String>,
    side: Option<String>,
    stance: Option<String>,
    date: Option<String>,
    value: Option<f64>,
    series: Option<String>,
    label: Option<String>,
}

#[derive(Deserialize)]
struct Noise {
    quote: String,
    why: String,
}

/// Counts for one kind of record.
#[derive(Default, Clone, Copy)]
pub struct Counts {
    key: usize,
    suggested: usize,
    matched: usize,
}

/// The figures of one part of the corpus.
#[derive(Default)]
pub struct Report {
    documents: usize,
    by_kind: BTreeMap<String, Counts>,
    errors: BTreeMap<&'static str, usize>,
    statements: usize,
    unclear_speaker: usize,
    unclear_date: usize,
    slowest_ms: f64,
    duplicates: usize,
    not_added: Vec<String>,
    detail: Vec<String>,
}

fn pct(a: usize, b: usize) -> String {
    if b == 0 {
        "—".into()
    } else {
        format!("{:.0}%", 100.0 * a as f64 / b as f64)
    }
}

impl Report {
    /// Prints the part's table.
    pub fn print(&self, part: &str, detail: bool) {
        if detail {
            for d in &self.detail {
                println!("{d}");
            }
        }
        println!("\n### Corpus, {part}: {} documents\n", self.documents);
        println!(
            "| kind | key | suggested | matched | recall | precision |\n|---|---|---|---|---|---|"
        );
        let mut all = Counts::default();
        for (kind, c) in &self.by_kind {
            println!(
                "| {kind} | {} | {} | {} | {} | {} |",
                c.key,
                c.suggested,
                c.matched,
                pct(c.matched, c.key),
                pct(c.matched, c.suggested)
            );
            all.key += c.key;
            all.suggested += c.suggested;
            all.matched += c.matched;
        }
        println!(
            "| all | {} | {} | {} | {} | {} |",
            all.key,
            all.suggested,
            all.matched,
            pct(all.matched, all.key),
            pct(all.matched, all.suggested)
        );
        let errors: usize = self.errors.values().sum();
        println!(
            "\nerror rate (a falsehood if accepted as it stands): {} ({errors} of {} suggestions)",
            pct(errors, all.suggested),
            all.suggested
        );
        let speaker_side: usize = self
            .errors
            .iter()
            .filter(|(c, _)| c.contains("speaker") || c.contains("side") || c.contains("person"))
            .map(|(_, n)| n)
            .sum();
        println!(
            "speaker or side wrong: {} ({speaker_side})",
            pct(speaker_side, all.suggested)
        );
        for (cause, n) in &self.errors {
            println!("  {cause}: {n}");
        }
        println!(
            "statements left with the speaker unclear: {} ({} of {}); with the date unclear: {}",
            pct(self.unclear_speaker, self.statements),
            self.unclear_speaker,
            self.statements,
            self.unclear_date
        );
        println!(
            "duplicates of an item already in the dataset (not errors, not matched): {}",
            self.duplicates
        );
        println!("slowest ingest (in process): {:.1} ms", self.slowest_ms);
        for n in &self.not_added {
            println!("  not added: {n}");
        }
    }
}

fn words(s: &str) -> Vec<String> {
    let mut w = content_words(s);
    w.sort();
    w.dedup();
    w
}

/// The share of `key`'s words that `sug` holds.
fn coverage(key: &[String], sug: &[String]) -> f64 {
    if key.is_empty() {
        return 0.0;
    }
    let hit = key.iter().filter(|w| sug.binary_search(w).is_ok()).count();
    hit as f64 / key.len() as f64
}

fn norm(name: &str) -> String {
    let lower = name.to_lowercase().replace(['.', ',', '’', '\''], "");
    let lower = lower.trim_start_matches("the ").to_string();
    // Middle initials ("Antony J. Blinken") name no one else.
    let lower: String = lower
        .split_whitespace()
        .filter(|w| w.len() > 1)
        .collect::<Vec<_>>()
        .join(" ");
    lower
        .replace("us department of state", "united states")
        .replace("us government", "united states")
        .replace("us ", "united states ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a speaker's name is the publisher's (by its own words, not the
/// country it stands for).
fn is_publisher(name: &str, publisher: &str) -> bool {
    let plain = |s: &str| {
        s.to_lowercase()
            .replace(['.', ',', '’', '\''], "")
            .trim_start_matches("the ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (a, b) = (plain(name), plain(publisher));
    a == b || (a.len() > 3 && b.contains(&a)) || (b.len() > 3 && a.contains(&b))
}

/// Whether the suggested speaker's name is the key's.
fn same_speaker(sug: &str, key: &str) -> bool {
    let (a, b) = (norm(sug), norm(key));
    if a == b {
        return true;
    }
    let has = |long: &str, short: &str| {
        short.len() > 1 && format!(" {long} ").contains(&format!(" {short} "))
    };
    has(&a, &b) || has(&b, &a)
}

/// Runs one part of the corpus.
pub fn run(dir: &Path, detail: bool) -> Report {
    let mut report = Report::default();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return report;
    };
    let mut docs: Vec<(String, String, PathBuf)> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| {
            let key: KeyFile = toml::from_str(&std::fs::read_to_string(&p).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            let id = p.file_stem().unwrap().to_string_lossy().into_owned();
            (key.document.date.clone(), id, p)
        })
        .collect();
    docs.sort();
    // Each relationship's documents go into a dataset of its own, started
    // empty for its parties as a desk would (`init --empty --party …`).
    let scratch = tempfile::tempdir().expect("a scratch folder");
    // Meetings of earlier documents: (series, date); their statements: (group, words).
    let mut seen_meetings: Vec<(String, String)> = Vec::new();
    let mut seen_statements: Vec<(String, Vec<String>)> = Vec::new();
    for (_, id, path) in docs {
        let key: KeyFile = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let text = std::fs::read_to_string(path.with_extension("txt")).unwrap();
        let data_dir = relationship_dataset(scratch.path(), &key.document.parties);
        let data = Dataset::open(Some(&data_dir)).expect("the scratch dataset loads");
        let kind: SourceKind = SourceKind::ALL
            .iter()
            .find(|(k, _)| *k == key.document.kind)
            .map(|(_, k)| *k)
            .unwrap_or_else(|| panic!("{id}: kind {}", key.document.kind));
        // The author a user would pick from the known people, if any.
        let author = key
            .document
            .author
            .as_deref()
            .and_then(|a| known_speaker(&data, [a].into_iter()))
            .map(|(id, _)| id);
        let given = Given {
            title: Some(key.document.title.clone()),
            publisher: Some(key.document.publisher.clone()),
            author,
            url: key.document.url.clone(),
            date: Some(key.document.date.parse().expect("a date")),
            kind: Some(kind),
            classification: None,
            id: Some(id.clone()),
        };
        let doc = Document {
            text: text.clone(),
            ..Document::default()
        };
        let started = std::time::Instant::now();
        let ingested = prepare(&data, doc, given, &id).expect("ingests");
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        report.slowest_ms = report.slowest_ms.max(ms);
        report.documents += 1;
        let names: BTreeMap<String, (String, bool)> = ingested
            .found
            .people
            .iter()
            .chain(ingested.new_author.iter())
            .map(|p| (p.id.clone(), (p.name.clone(), !p.institution)))
            .collect();
        let name_of = |speaker: &str| -> (String, bool) {
            if let Some(n) = names.get(speaker) {
                return n.clone();
            }
            match data.speaker(speaker) {
                Some(dossier::dataset::Speaker::Person(p)) => (p.name.clone(), false),
                Some(dossier::dataset::Speaker::Institution(i)) => (i.name.clone(), false),
                None => (speaker.to_string(), false),
            }
        };
        let group = key.document.group.clone().unwrap_or_else(|| id.clone());
        let earlier: Vec<&Vec<String>> = seen_statements
            .iter()
            .filter(|(g, _)| *g == group)
            .map(|(_, w)| w)
            .collect();
        score(
            &key,
            &id,
            &ingested.found.suggestions,
            &name_of,
            &seen_meetings,
            &earlier,
            &mut report,
        );
        for r in key.record.iter().filter(|r| r.kind == "statement") {
            seen_statements.push((group.clone(), words(&r.quote)));
        }
        for r in key.record.iter().filter(|r| r.kind == "event") {
            if let (Some(series), Some(date)) = (&r.series, &r.date) {
                seen_meetings.push((series.to_lowercase(), date.clone()));
            }
        }
        match add_to(&data_dir, &ingested) {
            Ok(_) => accept_ready(&data_dir, &id),
            Err(e) => report.not_added.push(format!("{id}: {e}")),
        }
        if detail {
            report.detail.push(format!("## {id}: {:.1} ms", ms));
        }
    }
    report
}

/// The scratch dataset of the relationship of these parties (`id=Name`,
/// ours first), made empty for them the first time it is asked for.
fn relationship_dataset(scratch: &Path, parties: &[String]) -> PathBuf {
    let dir = scratch.join(dossier::text::slug(&parties.join("-")));
    if !dir.exists() {
        let parties = parties
            .iter()
            .map(|p| p.parse().unwrap_or_else(|e| panic!("{p}: {e}")))
            .collect();
        let start = dossier::init::Start::Empty {
            parties,
            ours: None,
            topics: None,
        };
        dossier::init::init(&dir, &start).expect("an empty dataset for the relationship");
    }
    dir
}

/// Accepts every suggestion of `source` that is not unclear, as a desk in
/// a hurry would; an acceptance the dataset refuses is left pending.
fn accept_ready(dir: &Path, source: &str) {
    let Ok(mut edit) = DatasetEdit::open(dir) else {
        return;
    };
    let ready: Vec<String> = edit
        .pending()
        .into_iter()
        .filter(|p| p.source.as_deref() == Some(source) && p.unclear.is_empty())
        .map(|p| p.id)
        .collect();
    for id in &ready {
        let _ = edit.accept(id, "eval", "2026-01-01".parse().unwrap());
    }
    let _ = edit.save();
}

fn kind_of(s: &Suggestion) -> &'static str {
    match s.detail {
        Suggested::Statement { .. } => "statement",
        Suggested::Figure { .. } => "figure",
        Suggested::Event { .. } => "event",
        Suggested::Corroboration { .. } => "corroboration",
    }
}

fn score(
    key: &KeyFile,
    id: &str,
    suggestions: &[Suggestion],
    name_of: &dyn Fn(&str) -> (String, bool),
    seen_meetings: &[(String, String)],
    earlier_statements: &[&Vec<String>],
    report: &mut Report,
) {
    let expected: Vec<&'static str> = key
        .record
        .iter()
        .map(|r| match r.kind.as_str() {
            "event"
                if r.series
                    .as_ref()
                    .zip(r.date.as_ref())
                    .is_some_and(|(s, d)| {
                        seen_meetings
                            .iter()
                            .any(|(ss, dd)| *ss == s.to_lowercase() && dd == d)
                    }) =>
            {
                "corroboration"
            }
            // The same statement as an earlier account of the same meeting reported.
            "statement"
                if earlier_statements
                    .iter()
                    .any(|w| coverage(&words(&r.quote), w) >= 0.6) =>
            {
                "corroboration"
            }
            "statement" => "statement",
            "figure" => "figure",
            _ => "event",
        })
        .collect();
    let key_words: Vec<Vec<String>> = key.record.iter().map(|r| words(&r.quote)).collect();
    let sug_words: Vec<Vec<String>> = suggestions.iter().map(|s| words(&s.quote)).collect();
    let mut pairs = Vec::new();
    for (k, kw) in key_words.iter().enumerate() {
        for (s, sw) in sug_words.iter().enumerate() {
            if kind_of(&suggestions[s]) != expected[k] {
                continue;
            }
            let c = coverage(kw, sw);
            // Two figures quoted with one clause ("$30 million … and $100
            // million …") pair with the keys of their own values first.
            let same_value = match (&suggestions[s].detail, key.record[k].value) {
                (Suggested::Figure { value, .. }, Some(v)) => (value - v).abs() < 1e-9,
                _ => false,
            };
            if c >= 0.6 {
                pairs.push((
                    c + 0.1 * coverage(sw, kw) + if same_value { 0.001 } else { 0.0 },
                    k,
                    s,
                ));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut key_taken = vec![false; key.record.len()];
    let mut sug_taken = vec![false; suggestions.len()];
    for kind in &expected {
        report.by_kind.entry(kind.to_string()).or_default().key += 1;
    }
    for s in suggestions {
        report
            .by_kind
            .entry(kind_of(s).to_string())
            .or_default()
            .suggested += 1;
        if let Suggested::Statement { .. } = s.detail {
            report.statements += 1;
            report.unclear_speaker += usize::from(s.unclear.contains(&"speaker"));
            report.unclear_date += usize::from(s.unclear.contains(&"date"));
        }
    }
    let error = |cause: &'static str, s: &Suggestion, note: String, report: &mut Report| {
        *report.errors.entry(cause).or_default() += 1;
        report.detail.push(format!(
            "  ERROR [{cause}] {id} {}: {note}\n      “{}”",
            s.id, s.quote
        ));
    };
    for (_, k, s) in pairs {
        if key_taken[k] || sug_taken[s] {
            continue;
        }
        key_taken[k] = true;
        sug_taken[s] = true;
        report.by_kind.get_mut(expected[k]).unwrap().matched += 1;
        let (sug, rec) = (&suggestions[s], &key.record[k]);
        if let Some(cause) = wrong_field(key, rec, sug, name_of) {
            error(cause.0, sug, cause.1, report);
        }
    }
    for (s, sug) in suggestions.iter().enumerate() {
        if sug_taken[s] {
            continue;
        }
        let sw = &sug_words[s];
        if let Some(n) = key
            .noise
            .iter()
            .find(|n| coverage(&words(&n.quote), sw) >= 0.6)
        {
            let cause = if n.why == "not-a-figure" {
                "the parties or a date counted as a figure"
            } else {
                "boilerplate as a record"
            };
            if matches!(sug.detail, Suggested::Figure { .. }) || n.why != "not-a-figure" {
                error(cause, sug, n.why.clone(), report);
                continue;
            }
        }
        if let Some(k) = key_words.iter().position(|kw| coverage(kw, sw) >= 0.6)
            && expected[k] != kind_of(sug)
            && !key_taken[k]
        {
            if expected[k] == "corroboration" {
                // A second copy of an item already in the dataset: no
                // falsehood, but work for the reviewer.
                report.duplicates += 1;
                report
                    .detail
                    .push(format!("  DUPLICATE {id} {}: {}", sug.id, sug.quote));
            } else {
                error(
                    "a record of another kind",
                    sug,
                    format!("key: {}", expected[k]),
                    report,
                );
            }
            continue;
        }
        if let Suggested::Statement {
            speaker: Some(sp), ..
        } = &sug.detail
        {
            let (name, new_person) = name_of(sp);
            if is_publisher(&name, &key.document.publisher) {
                error("publisher as speaker", sug, name, report);
            } else if new_person && !key.person.iter().any(|p| same_speaker(&name, &p.name)) {
                error("fake person", sug, name, report);
            } else {
                report
                    .detail
                    .push(format!("  EXTRA {id} {}: {}", sug.id, sug.quote));
            }
        } else {
            report.detail.push(format!(
                "  EXTRA {id} {} {}: {}",
                kind_of(sug),
                sug.id,
                sug.quote
            ));
        }
    }
    for (k, taken) in key_taken.iter().enumerate() {
        if !taken {
            report.detail.push(format!(
                "  MISSED {id} {}: {}",
                expected[k], key.record[k].quote
            ));
        }
    }
}

/// The falsehood a matched suggestion carries, if any: its cause and a note.
fn wrong_field(
    key: &KeyFile,
    rec: &KeyRecord,
    sug: &Suggestion,
    name_of: &dyn Fn(&str) -> (String, bool),
) -> Option<(&'static str, String)> {
    let doc_date = key.document.date.as_str();
    match &sug.detail {
        Suggested::Statement {
            speaker,
            side,
            stance,
        } => {
            let key_speaker = rec.speaker.as_deref().unwrap_or("unclear");
            if let Some(sp) = speaker {
                let (name, new_person) = name_of(sp);
                let side = side.as_ref().map_or("?", |s| s.id());
                let right = match key_speaker {
                    "joint" => side == "joint",
                    "unclear" => false,
                    k => {
                        same_speaker(&name, k)
                            || (side == "joint" && rec.side.as_deref() == Some("joint"))
                    }
                };
                if !right {
                    let cause = if key_speaker == "unclear" {
                        "speaker guessed where the text does not settle it"
                    } else if is_publisher(&name, &key.document.publisher) {
                        "publisher as speaker"
                    } else if new_person && !key.person.iter().any(|p| same_speaker(&name, &p.name))
                    {
                        "fake person"
                    } else if key.person.iter().any(|p| same_speaker(&name, &p.name)) {
                        "a person named in the sentence as speaker"
                    } else {
                        "other wrong speaker"
                    };
                    return Some((cause, format!("{name} ({side}); key {key_speaker}")));
                }
                if let Some(ks) = rec.side.as_deref()
                    && ks != "unclear"
                    && ks != side
                {
                    return Some(("wrong side", format!("{name} {side}; key {ks}")));
                }
            }
            if let Some(st) = stance.map(|s| s.id())
                && (st == "commits" || st == "calls-for")
                && rec.stance.as_deref().is_some_and(|k| k != st)
            {
                return Some((
                    "a stance the text does not take",
                    format!("{st}; key {:?}", rec.stance),
                ));
            }
            date_error(rec.date.as_deref().unwrap_or(doc_date), sug, doc_date)
        }
        Suggested::Figure { value, .. } => {
            if let Some(k) = rec.value
                && (k - value).abs() > 1e-9
            {
                return Some(("wrong number", format!("{value}; key {k}")));
            }
            None
        }
        Suggested::Event { status, .. } => {
            let key_date = rec.date.as_deref().unwrap_or("undated");
            let planned = *status == EventStatus::Planned;
            if (key_date == "planned") != planned {
                return Some((
                    "a plan taken as done, or done as planned",
                    format!("key {key_date}"),
                ));
            }
            if key_date == "planned" {
                return None;
            }
            date_error(key_date, sug, doc_date)
        }
        Suggested::Corroboration { .. } => None,
    }
}

fn date_error(key_date: &str, sug: &Suggestion, doc_date: &str) -> Option<(&'static str, String)> {
    if sug.unclear.contains(&"date") || key_date == "unclear" && sug.date.is_none() {
        return None;
    }
    let got = sug
        .date
        .map(|d| d.to_string())
        .unwrap_or_else(|| "undated".into());
    if got == key_date {
        return None;
    }
    let cause = if key_date == "unclear" {
        "date guessed where the text does not settle it"
    } else if got == doc_date {
        "publication date instead of the meeting's"
    } else {
        "wrong date"
    };
    Some((cause, format!("{got}; key {key_date}")))
}
