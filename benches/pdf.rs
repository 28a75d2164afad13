//! PDF speed: layout and writing of the full default brief, and of a
//! brief of about 100 pages (three topics, one year: 119 pages) from the synthetic 100,000-item dataset.
//! Fonts are parsed once per process, before the measurements. The last
//! measure is the CLI's whole job for the example brief in the full form
//! (load the embedded dataset, read the brief file, assemble, typeset,
//! write the file), in process: compare it with the CLI's time as a process
//! (`/usr/bin/time -v target/release/dossier brief …`).

/// The CLI's allocator (see `src/main.rs`), so that the figures are the CLI's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use dossier::brief_file::BriefFile;
use dossier::dataset::load;
use dossier::ledger::{Followed, Ledger};
use dossier::render::memo_for;
use dossier::render::pdf;
use dossier::{Date, synthetic};

fn memo_date() -> Date {
    "2025-06-02".parse().unwrap()
}

/// Pages in a PDF, from its page tree's count.
fn pages(bytes: &[u8]) -> usize {
    lopdf::Document::load_mem(bytes).map_or(0, |d| d.get_pages().len())
}

fn pdfs(c: &mut Criterion) {
    let followed = Followed::embedded().unwrap();
    let full = memo_for(
        &followed.data,
        &followed.ledger,
        &BriefFile::default(),
        memo_date(),
    )
    .unwrap();
    let first = pdf::render(&full);
    eprintln!("full default brief: {} bytes", first.len());
    c.bench_function("pdf: full default brief", |b| {
        b.iter(|| pdf::render(black_box(&full)))
    });

    let big = load(&synthetic::generate(
        100_000,
        synthetic::DEFAULT_TOPICS,
        synthetic::DEFAULT_PARTIES,
    ))
    .unwrap();
    let mut selection = BriefFile::default();
    selection.selection.topics = Some(vec![
        "torture".into(),
        "trafficking".into(),
        "children".into(),
    ]);
    selection.selection.from = Some("2024".parse().unwrap());
    selection.selection.to = Some("2024".parse().unwrap());
    let hundred = memo_for(&big, &Ledger::default(), &selection, memo_date()).unwrap();
    let bytes = pdf::render(&hundred);
    eprintln!(
        "synthetic brief: {} bytes, {} pages",
        bytes.len(),
        pages(&bytes)
    );
    let mut group = c.benchmark_group("pdf 100 pages");
    group.sample_size(20);
    group.bench_function("pdf: ~100-page brief from 100k items", |b| {
        b.iter(|| pdf::render(black_box(&hundred)))
    });
    group.finish();
}

fn cli_job(c: &mut Criterion) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/next-dialogue.brief.toml"
    );
    let out = std::env::temp_dir().join(format!("dossier-bench-{}.pdf", std::process::id()));
    c.bench_function("cli job: example brief, full form, to a PDF file", |b| {
        b.iter(|| {
            let followed = Followed::embedded().unwrap();
            let text = std::fs::read_to_string(path).unwrap();
            let mut brief = BriefFile::parse(path, &text, &followed.data).unwrap();
            brief.memo.form = dossier::brief_file::Form::Full;
            let assembled =
                memo_for(&followed.data, &followed.ledger, &brief, memo_date()).unwrap();
            dossier::atomic::write_atomically(&out, &pdf::render(&assembled)).unwrap();
        })
    });
    let _ = std::fs::remove_file(&out);
}

criterion_group!(benches, pdfs, cli_job);
criterion_main!(benches);
