//! The measure of `dossier ingest`'s suggestions, in two parts.
//!
//! First, on real documents nobody wrote the rules against: the corpus in
//! `tests/corpus/` (development and held-out parts; see `corpus.rs`).
//!
//! Second, leave-one-out against the curated dataset, which is the answer
//! key. For each of the five sources:
//! take the embedded dataset without it (and without the `also` citations
//! that point at it), ingest its text with its metadata, and compare the
//! suggestions with that source's own items plus its `also` citations.
//!
//! A suggestion matches a key item when the kind agrees and their quotes'
//! word sets overlap with a Jaccard index of at least 0.5, each key item
//! matched at most once (best overlaps first). Dates count as right only at
//! the same precision; speaker and side only when equal.
//!
//! Run: `cargo run --release --example ingest_eval` (add `-- --detail` to
//! list every miss, error and unmatched suggestion).

mod corpus;

use std::collections::BTreeMap;

use dossier::dataset::{Dataset, DatasetFiles, Detail, Item};
use dossier::ingest::read::Document;
use dossier::ingest::suggest::{Suggested, Suggestion, content_words, jaccard};
use dossier::ingest::{Given, prepare};

/// The sources developed against; the others are held out.
const DEVELOPMENT: [&str; 3] = [
    "mfa-kz-factsheet-2025",
    "neglobal-2024-05",
    "state-drl-advancing-freedom-2010",
];

#[derive(Default, Clone, Copy)]
struct Tally {
    key: usize,
    suggested: usize,
    matched: usize,
    date_right: usize,
    dated_pairs: usize,
    speaker_right: usize,
    side_right: usize,
    speaker_pairs: usize,
}

impl Tally {
    fn add(&mut self, o: &Tally) {
        self.key += o.key;
        self.suggested += o.suggested;
        self.matched += o.matched;
        self.date_right += o.date_right;
        self.dated_pairs += o.dated_pairs;
        self.speaker_right += o.speaker_right;
        self.side_right += o.side_right;
        self.speaker_pairs += o.speaker_pairs;
    }
    fn row(&self, name: &str) -> String {
        let pct = |a: usize, b: usize| {
            if b == 0 {
                "—".to_string()
            } else {
                format!("{:.0}%", 100.0 * a as f64 / b as f64)
            }
        };
        format!(
            "| {name:<28} | {:>4} | {:>4} | {:>4} | {:>6} | {:>9} | {:>6} | {:>7} | {:>5} |",
            self.key,
            self.suggested,
            self.matched,
            pct(self.matched, self.key),
            pct(self.matched, self.suggested),
            pct(self.date_right, self.dated_pairs),
            pct(self.speaker_right, self.speaker_pairs),
            pct(self.side_right, self.speaker_pairs),
        )
    }
}

/// A key entry: an item of the source, or a corroborating citation of it.
struct KeyEntry<'a> {
    kind: &'static str,
    quote: &'a str,
    item: &'a Item,
    /// Attributed to a third party rather than the document's author.
    third_party: bool,
}

fn kind_name(s: &Suggestion) -> &'static str {
    match s.detail {
        Suggested::Statement { .. } => "statement",
        Suggested::Figure { .. } => "figure",
        Suggested::Event { .. } => "event",
        Suggested::Corroboration { .. } => "corroboration",
    }
}

fn main() {
    let detail = std::env::args().any(|a| a == "--detail");
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    for part in ["development", "held-out"] {
        corpus::run(&corpus.join(part), detail).print(part, detail);
    }
    println!("\n### The five seed documents, leave-one-out");
    seeds(detail);
}

fn seeds(detail: bool) {
    let full = Dataset::embedded().expect("the embedded dataset loads");
    let mut per_kind: BTreeMap<(&str, &str), Tally> = BTreeMap::new();
    let mut per_set: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut third: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut rows = Vec::new();
    let mut sharper = 0;
    let mut not_verbatim = 0;
    for source in &full.sources {
        let set = if DEVELOPMENT.contains(&source.id.as_str()) {
            "development"
        } else {
            "held out"
        };
        let data = dossier::dataset::load(&DatasetFiles::embedded().without_source(&source.id))
            .expect("the rest loads");
        // The author a user would give: the speaker of most of its own statements.
        let mut speakers: BTreeMap<&str, usize> = BTreeMap::new();
        for i in full
            .items
            .iter()
            .filter(|i| i.citations[0].source == source.id)
        {
            if let Detail::Statement { speaker, .. } = &i.detail {
                *speakers.entry(speaker.as_str()).or_default() += 1;
            }
        }
        let author = speakers
            .iter()
            .max_by_key(|(_, n)| **n)
            .map(|(s, _)| s.to_string())
            .filter(|s| data.speaker(s).is_some());
        let doc = Document {
            text: source.text.clone(),
            ..Document::default()
        };
        let given = Given {
            title: Some(source.title.clone()),
            publisher: Some(source.publisher.clone()),
            author,
            url: source.url.clone(),
            date: Some(source.date),
            kind: Some(source.kind),
            classification: None,
            id: Some(source.id.clone()),
        };
        let started = std::time::Instant::now();
        let ingested = prepare(&data, doc, given, &source.id).expect("ingests");
        let took = started.elapsed();
        let suggestions = &ingested.found.suggestions;
        let text = dossier::text::Normalized::new(&source.text);
        for s in suggestions {
            if !text.contains(&s.quote) {
                not_verbatim += 1;
            }
        }

        // The key.
        let mut key: Vec<KeyEntry> = Vec::new();
        for item in &full.items {
            for (n, c) in item.citations.iter().enumerate() {
                if c.source != source.id {
                    continue;
                }
                let kind = if n == 0 {
                    item.kind().id()
                } else {
                    "corroboration"
                };
                let third_party = match &item.detail {
                    Detail::Statement { speaker, .. } => {
                        Some(speaker.as_str())
                            != speakers.iter().max_by_key(|(_, n)| **n).map(|(s, _)| *s)
                    }
                    _ => false,
                };
                key.push(KeyEntry {
                    kind,
                    quote: &c.quote,
                    item,
                    third_party,
                });
            }
        }

        // One-to-one matching, best overlaps first.
        let key_words: Vec<Vec<String>> = key.iter().map(|k| content_words(k.quote)).collect();
        let sug_words: Vec<Vec<String>> = suggestions
            .iter()
            .map(|s| content_words(&s.quote))
            .collect();
        let mut pairs = Vec::new();
        for (k, kw) in key_words.iter().enumerate() {
            for (s, sw) in sug_words.iter().enumerate() {
                if kind_name(&suggestions[s]) != key[k].kind {
                    continue;
                }
                let j = jaccard(kw, sw);
                if j >= 0.5 {
                    // Between equal overlaps, a figure of the same value first.
                    let same_value = matches!(
                        (&suggestions[s].detail, &key[k].item.detail),
                        (Suggested::Figure { value: a, .. }, Detail::Figure { value: b, .. }) if a == b
                    );
                    pairs.push((j + if same_value { 1e-6 } else { 0.0 }, k, s));
                }
            }
        }
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut key_taken = vec![false; key.len()];
        let mut sug_taken = vec![false; suggestions.len()];
        let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
        let mut third_tally = [Tally::default(), Tally::default()];
        for k in &key {
            tallies.entry(k.kind).or_default().key += 1;
            third_tally[usize::from(k.third_party)].key += usize::from(k.kind == "statement");
        }
        for s in suggestions {
            tallies.entry(kind_name(s)).or_default().suggested += 1;
        }
        for (_, k, s) in pairs {
            if key_taken[k] || sug_taken[s] {
                continue;
            }
            key_taken[k] = true;
            sug_taken[s] = true;
            let t = tallies.entry(key[k].kind).or_default();
            t.matched += 1;
            let sug = &suggestions[s];
            let item = key[k].item;
            if key[k].kind != "corroboration" {
                t.dated_pairs += 1;
                if sug.date == item.date {
                    t.date_right += 1;
                }
                // Sharper than the key: a finer precision, or a date where
                // the key has none.
                let sharper_here = match (sug.date, item.date) {
                    (Some(d), Some(kd)) => d.precision() > kd.precision(),
                    (Some(_), None) => true,
                    _ => false,
                };
                sharper += usize::from(sharper_here);
                if sharper_here && detail {
                    println!(
                        "  SHARPER {} {:?} (key {:?}): {}",
                        item.id, sug.date, item.date, sug.quote
                    );
                }
            }
            if let (
                Suggested::Statement { speaker, side, .. },
                Detail::Statement {
                    speaker: ks,
                    side: kside,
                    ..
                },
            ) = (&sug.detail, &item.detail)
            {
                let speaker_ok = speaker.as_deref() == Some(ks.as_str());
                let side_ok = *side == Some(*kside);
                t.speaker_pairs += 1;
                t.speaker_right += usize::from(speaker_ok);
                t.side_right += usize::from(side_ok);
                let tt = &mut third_tally[usize::from(key[k].third_party)];
                tt.matched += 1;
                tt.speaker_pairs += 1;
                tt.speaker_right += usize::from(speaker_ok);
                tt.side_right += usize::from(side_ok);
            }
        }
        if detail {
            println!(
                "\n## {} ({set}): {:.1} ms",
                source.id,
                took.as_secs_f64() * 1000.0
            );
            if std::env::var("EVAL_ALL").is_ok_and(|v| v == source.id) {
                for s in suggestions {
                    println!("  SUGGESTED {} {}: {}", kind_name(s), s.id, s.quote);
                }
            }
            for (k, taken) in key.iter().zip(&key_taken) {
                if !taken {
                    println!("  MISSED {} {}: {}", k.kind, k.item.id, k.quote);
                }
            }
            for (s, taken) in suggestions.iter().zip(&sug_taken) {
                if !taken {
                    println!("  EXTRA  {} {}: {}", kind_name(s), s.id, s.quote);
                }
            }
        }
        let mut total = Tally::default();
        for (kind, t) in &tallies {
            per_kind.entry((set, kind)).or_default().add(t);
            total.add(t);
        }
        per_set.entry(set).or_default().add(&total);
        third
            .entry("author's own")
            .or_default()
            .add(&third_tally[0]);
        third
            .entry("attributed (third party)")
            .or_default()
            .add(&third_tally[1]);
        rows.push(total.row(&format!("{} ({set})", source.id)));
    }
    let header = "| source / kind                | key  | sugg | hit  | recall | precision | date ok | speaker | side  |\n|---|---|---|---|---|---|---|---|---|";
    println!("\n{header}");
    for r in rows {
        println!("{r}");
    }
    for ((set, kind), t) in &per_kind {
        println!("{}", t.row(&format!("{set}: {kind}")));
    }
    let mut all = Tally::default();
    for (set, t) in &per_set {
        println!("{}", t.row(&format!("{set}: all kinds")));
        all.add(t);
    }
    println!("{}", all.row("ALL SOURCES"));
    for (who, t) in &third {
        // Precision is not defined apart for these: suggestions are not
        // labelled own or third-party until matched.
        println!(
            "| statements, {who:<16} | key {:>3} | hit {:>3} | recall {:.0}% | speaker ok {}/{} |",
            t.key,
            t.matched,
            if t.key == 0 {
                0.0
            } else {
                100.0 * t.matched as f64 / t.key as f64
            },
            t.speaker_right,
            t.speaker_pairs
        );
    }
    println!("\nquotes not verbatim: {not_verbatim}; dates sharper than the key: {sharper}");
}
