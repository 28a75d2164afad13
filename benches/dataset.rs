//! Loading and selection speed.
//!
//! `cargo bench --bench dataset` measures: load + validate of the embedded
//! dataset; load + validate of a synthetic 100,000-item dataset; and
//! selections (topics, a date range, both) over that dataset, with its 16
//! topics and with 200.

/// The CLI's allocator (see `src/main.rs`), so that the figures are the CLI's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use dossier::dataset::{DatasetFiles, load};
use dossier::{Date, DateRange, Selection, synthetic};

fn date(s: &str) -> Option<Date> {
    Some(s.parse().unwrap())
}

fn loading(c: &mut Criterion) {
    let embedded = DatasetFiles::embedded();
    c.bench_function("load+validate embedded", |b| {
        b.iter(|| load(black_box(&embedded)).unwrap())
    });

    let big = synthetic::generate(
        100_000,
        synthetic::DEFAULT_TOPICS,
        synthetic::DEFAULT_PARTIES,
    );
    let mut group = c.benchmark_group("100k");
    group.sample_size(10);
    group.bench_function("load+validate synthetic 100k", |b| {
        b.iter(|| load(black_box(&big)).unwrap())
    });
    group.finish();
}

fn selecting(c: &mut Criterion) {
    let data = load(&synthetic::generate(
        100_000,
        synthetic::DEFAULT_TOPICS,
        synthetic::DEFAULT_PARTIES,
    ))
    .unwrap();
    let two_topics = Selection {
        topics: vec!["torture".into(), "domestic-violence".into()],
        ..Selection::default()
    };
    let range = Selection {
        range: DateRange::new(date("2024-01"), date("2025")).unwrap(),
        ..Selection::default()
    };
    let both = Selection {
        topics: two_topics.topics.clone(),
        range: range.range,
        ..Selection::default()
    };
    let mut group = c.benchmark_group("select 100k");
    group.bench_function("two topics", |b| {
        b.iter(|| two_topics.apply(black_box(&data)).len())
    });
    group.bench_function("date range", |b| {
        b.iter(|| range.apply(black_box(&data)).len())
    });
    group.bench_function("topics and range", |b| {
        b.iter(|| both.apply(black_box(&data)).len())
    });
    group.finish();

    // Topics past the first 64 live in the set's second word.
    let many = load(&synthetic::generate(
        100_000,
        200,
        synthetic::DEFAULT_PARTIES,
    ))
    .unwrap();
    let two_of_200 = Selection {
        topics: vec!["torture".into(), "topic-150".into()],
        ..Selection::default()
    };
    let mut group = c.benchmark_group("select 100k, 200 topics");
    group.bench_function("two topics", |b| {
        b.iter(|| two_of_200.apply(black_box(&many)).len())
    });
    group.finish();
}

criterion_group!(benches, loading, selecting);
criterion_main!(benches);
