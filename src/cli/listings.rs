//! The listings: `dossier topics`, `items` and `check`.

use std::io::{self, Write};

use clap::ValueEnum;
use dossier::Selection;
use dossier::dataset::{Dataset, Detail, Item, Kind};

/// `--kind` of `dossier items`: the item kinds.
#[derive(Clone, Copy, ValueEnum)]
pub enum KindArg {
    Statement,
    Figure,
    Event,
}

impl From<KindArg> for Kind {
    fn from(k: KindArg) -> Kind {
        match k {
            KindArg::Statement => Kind::Statement,
            KindArg::Figure => Kind::Figure,
            KindArg::Event => Kind::Event,
        }
    }
}

/// `dossier topics`: each topic with its number of items (`--json`: with
/// its description and keywords).
pub fn topics(data: &Dataset, json: bool, out: &mut impl Write) -> io::Result<()> {
    let counts = data.topic_counts();
    if json {
        let list: Vec<serde_json::Value> = counts
            .iter()
            .map(|(t, n)| {
                serde_json::json!({
                    "id": t.id, "label": t.label, "description": t.description,
                    "keywords": t.keywords, "items": n,
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &list)?;
        return writeln!(out);
    }
    let width = counts.iter().map(|(t, _)| t.id.len()).max().unwrap_or(0);
    for (t, n) in counts {
        writeln!(out, "{:<width$}  {:>5}  {}", t.id, n, t.label)?;
    }
    Ok(())
}

/// `dossier items`: the items a selection picks, a line each or as JSON.
pub fn items(
    data: &Dataset,
    selection: &Selection,
    json: bool,
    out: &mut impl Write,
) -> io::Result<()> {
    let picked = selection.apply(data);
    if json {
        // Each item with the highest marking of the sources it cites.
        let list: Vec<serde_json::Value> = picked
            .iter()
            .map(|i| {
                let mut v = serde_json::to_value(i).unwrap_or_default();
                if let Some(obj) = v.as_object_mut() {
                    obj.insert("marking".into(), data.item_marking(i).0.name.clone().into());
                }
                v
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &list)?;
        return writeln!(out);
    }
    for item in &picked {
        writeln!(out, "{}", describe(data, item))?;
        writeln!(out, "    “{}”", item.quote())?;
        let sources: Vec<&str> = item.citations.iter().map(|c| c.source.as_str()).collect();
        writeln!(
            out,
            "    topics: {}; sources: {}\n",
            item.topics.join(", "),
            sources.join(", ")
        )?;
    }
    writeln!(out, "{} selected.", plural(picked.len(), "item", "items"))
}

/// The first line of an item in the text listing.
fn describe(data: &Dataset, item: &Item) -> String {
    let mut head = format!("{}  {}  {}", item.date_words(), item.kind(), item.id);
    if let (marking, Some(_)) = data.item_marking(item)
        && marking != data.lowest_marking()
    {
        head.push_str(&format!("  [{}]", marking.name));
    }
    match &item.detail {
        Detail::Statement {
            speaker,
            side,
            stance,
        } => {
            let name = data
                .speaker(speaker)
                .map(|s| s.name().to_string())
                .unwrap_or_default();
            let stance = stance.map(|s| format!(", {}", s.id())).unwrap_or_default();
            format!("{head}\n    {name} ({}{stance})", side.id())
        }
        Detail::Figure {
            value,
            unit,
            label,
            qualifier,
        } => {
            let value = dossier::format::figure_value(*value, unit, qualifier.as_deref());
            format!("{head}\n    {label}: {value}")
        }
        Detail::Event { label, place, .. } => {
            let at = place
                .as_deref()
                .and_then(|p| data.place(p))
                .map(|p| format!(", {}", p.name))
                .unwrap_or_default();
            format!("{head}\n    {label}{at}")
        }
    }
}

/// `dossier check`: the dataset's counts (`--coverage`: how its topics
/// and years are covered).
pub fn check(
    followed: &dossier::ledger::Followed,
    show_coverage: bool,
    out: &mut impl Write,
) -> io::Result<()> {
    let data = &followed.data;
    let count = |k: Kind| data.items.iter().filter(|i| i.kind() == k).count();
    writeln!(
        out,
        "The dataset is valid: {}, {} ({}, {}, {}), {}, {}, {}, {}.",
        plural(data.sources.len(), "source", "sources"),
        plural(data.items.len(), "item", "items"),
        plural(count(Kind::Statement), "statement", "statements"),
        plural(count(Kind::Figure), "figure", "figures"),
        plural(count(Kind::Event), "event", "events"),
        plural(data.topics.len(), "topic", "topics"),
        plural(data.people.len(), "person", "people"),
        plural(data.institutions.len(), "institution", "institutions"),
        plural(data.places.len(), "place", "places"),
    )?;
    if data.pending > 0 {
        writeln!(
            out,
            "{} pending review: `dossier review` lists them.",
            plural(data.pending, "suggestion is", "suggestions are")
        )?;
        for p in &data.pending_problems {
            writeln!(out, "  pending: {p}")?;
        }
    }
    let threads = &followed.ledger.threads;
    if !threads.is_empty() {
        let open = threads
            .iter()
            .filter(|t| !t.status_by(None).0.is_final())
            .count();
        writeln!(
            out,
            "Its ledger follows {}, {open} still open: `dossier ledger` lists them.",
            plural(threads.len(), "thread", "threads")
        )?;
    }
    if !followed.proposals.is_empty() {
        writeln!(
            out,
            "{} as evidence for a thread, pending review: `dossier review` lists them.",
            plural(
                followed.proposals.len(),
                "item is proposed",
                "items are proposed"
            )
        )?;
    }
    if show_coverage {
        coverage(data, out)?;
    }
    Ok(())
}

fn coverage(data: &Dataset, out: &mut impl Write) -> io::Result<()> {
    let report = dossier::coverage::coverage(data);
    let width = report.iter().map(|c| c.source.id.len()).max().unwrap_or(0);
    writeln!(
        out,
        "\nSentences quoted by at least one item (headings not counted):"
    )?;
    for c in &report {
        let total = c.content().count();
        writeln!(
            out,
            "  {:<width$}  {:>3} of {:>3}  ({:.0}%)  + {} heading line{}",
            c.source.id,
            c.covered(),
            total,
            100.0 * c.covered() as f64 / total.max(1) as f64,
            c.headings(),
            if c.headings() == 1 { "" } else { "s" },
        )?;
    }
    for c in report.iter().filter(|c| c.uncovered().next().is_some()) {
        writeln!(out, "\nNot quoted in {}:", c.source.id)?;
        for s in c.uncovered() {
            writeln!(out, "  - {}", s.text)?;
        }
    }
    Ok(())
}

/// `1 figure`, `2 figures`.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
