//! Ingest speed.
//!
//! `cargo bench --bench ingest` measures bringing in a 12,000-character
//! document: the first 12,000 characters of the MFA factsheet, read as
//! plain text and as a web page, then suggested (sentences, dates, figures,
//! events, statements, corroboration) against the embedded dataset *without*
//! the factsheet, as a new document would be. The child process and the
//! writing of the files are not in it: `/usr/bin/time dossier ingest …`
//! gives the whole command.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use dossier::Dataset;
use dossier::dataset::{DatasetFiles, SourceKind, load};
use dossier::ingest::read::{Format, read};
use dossier::ingest::{Given, prepare};

fn document() -> String {
    let data = Dataset::embedded().unwrap();
    let text = &data.source("mfa-kz-factsheet-2025").unwrap().text;
    let cut = text
        .char_indices()
        .nth(12_000)
        .map_or(text.len(), |(i, _)| i);
    text[..cut].to_string()
}

fn given() -> Given {
    Given {
        title: Some("Factsheet".into()),
        publisher: Some("Ministry of Foreign Affairs of the Republic of Kazakhstan".into()),
        date: Some("2025".parse().unwrap()),
        kind: Some(SourceKind::Factsheet),
        id: Some("bench-factsheet".into()),
        ..Given::default()
    }
}

fn ingesting(c: &mut Criterion) {
    let files = DatasetFiles::embedded().without_source("mfa-kz-factsheet-2025");
    let data = load(&files).unwrap();
    let text = document();
    let html = format!(
        "<html><head><title>Factsheet</title></head><body><nav>Menu</nav><article>{}</article></body></html>",
        text.split("\n\n")
            .map(|p| format!("<p>{p}</p>"))
            .collect::<String>()
    );
    c.bench_function("ingest 12,000-character text: read + suggest", |b| {
        b.iter(|| {
            let doc = read(black_box(text.as_bytes()), Format::Text).unwrap();
            prepare(&data, doc, given(), "factsheet.txt").unwrap()
        })
    });
    c.bench_function("ingest 12,000-character web page: read + suggest", |b| {
        b.iter(|| {
            let doc = read(black_box(html.as_bytes()), Format::Html).unwrap();
            prepare(&data, doc, given(), "factsheet.html").unwrap()
        })
    });
    let doc = read(text.as_bytes(), Format::Text).unwrap();
    let ingested = prepare(&data, doc, given(), "factsheet.txt").unwrap();
    eprintln!(
        "ingest bench: {} suggestions from {} characters",
        ingested.found.suggestions.len(),
        text.chars().count()
    );
}

criterion_group!(benches, ingesting);
criterion_main!(benches);
