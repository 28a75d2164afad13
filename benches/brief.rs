//! Memo speed: assembly and HTML rendering.
//!
//! `cargo bench --bench brief` measures the full brief over the embedded
//! dataset (every topic and date), and a brief over the synthetic
//! 100,000-item dataset (one topic, one year: several hundred items).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use dossier::assemble::Timeline;
use dossier::brief_file::BriefFile;
use dossier::dataset::load;
use dossier::ledger::{Followed, Ledger};
use dossier::render::html::HtmlRenderer;
use dossier::render::memo_for;
use dossier::{Date, synthetic};

fn memo_date() -> Date {
    "2025-06-02".parse().unwrap()
}

fn briefs(c: &mut Criterion) {
    let html = HtmlRenderer::new(None).unwrap();

    let followed = Followed::embedded().unwrap();
    let (data, ledger) = (&followed.data, &followed.ledger);
    let full = BriefFile::default();
    c.bench_function("full brief, embedded: assemble", |b| {
        b.iter(|| memo_for(black_box(data), ledger, &full, memo_date()).unwrap())
    });
    c.bench_function("full brief, embedded: assemble + HTML", |b| {
        b.iter(|| {
            html.render(&memo_for(black_box(data), ledger, &full, memo_date()).unwrap())
                .unwrap()
        })
    });

    let big = load(&synthetic::generate(
        100_000,
        synthetic::DEFAULT_TOPICS,
        synthetic::DEFAULT_PARTIES,
    ))
    .unwrap();
    let mut one_year = BriefFile::default();
    one_year.selection.topics = Some(vec!["torture".into()]);
    one_year.selection.from = Some("2024".parse().unwrap());
    one_year.selection.to = Some("2024".parse().unwrap());
    let brief = memo_for(&big, &Ledger::default(), &one_year, memo_date()).unwrap();
    let n = brief
        .sections
        .typed::<Timeline>("timeline")
        .map_or(0, |t| t.happened.len() + t.planned.len() + t.undated.len());
    eprintln!(
        "synthetic brief: {n} events in the timeline, {} bytes of HTML",
        html.render(&brief).unwrap().len()
    );
    c.bench_function("one topic and year, 100k items: assemble + HTML", |b| {
        b.iter(|| {
            html.render(
                &memo_for(black_box(&big), &Ledger::default(), &one_year, memo_date()).unwrap(),
            )
            .unwrap()
        })
    });
}

criterion_group!(benches, briefs);
criterion_main!(benches);
