//! Word export speed: the full default brief to `.docx` (assembly done
//! before), and the two-page memo form of the example brief end to end
//! (assembly with its fitting by the PDF layout engine, then DOCX).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use dossier::Date;
use dossier::brief_file::{BriefFile, Form};
use dossier::ledger::Followed;
use dossier::render::docx;
use dossier::render::memo_for;

fn memo_date() -> Date {
    "2025-06-02".parse().unwrap()
}

fn docx_export(c: &mut Criterion) {
    let followed = Followed::embedded().unwrap();
    let (data, ledger) = (&followed.data, &followed.ledger);
    let full = memo_for(data, ledger, &BriefFile::default(), memo_date()).unwrap();
    eprintln!(
        "full default brief: {} bytes of .docx",
        docx::render(&full).len()
    );
    c.bench_function("docx: full default brief", |b| {
        b.iter(|| docx::render(black_box(&full)))
    });

    let text = include_str!("../examples/next-dialogue.brief.toml");
    let mut brief = BriefFile::parse("next-dialogue.brief.toml", text, data).unwrap();
    brief.memo.form = Form::Memo;
    c.bench_function("memo form: assemble and fit, then docx", |b| {
        b.iter(|| {
            let memo = memo_for(data, ledger, black_box(&brief), memo_date()).unwrap();
            docx::render(&memo)
        })
    });
}

criterion_group!(benches, docx_export);
criterion_main!(benches);
