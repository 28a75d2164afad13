//! The sections' pieces ([`crate::assemble::print`]) as WordprocessingML:
//! one drawing of each kind of piece, for every section.

use super::memo::{comment, markers, portion, widths};
use super::xml::{Body, Inline, ParaOptions, bold, italic, plain};
use crate::assemble::print::{Look, Piece, Run};
use crate::assemble::{Endnote, Memo, SeeAlso};

/// Writes `pieces` into `b`, in order; tables are as wide as `memo`'s page.
pub fn draw(b: &mut Body, memo: &Memo, pieces: &[Piece]) {
    for piece in pieces {
        match piece {
            Piece::Heading { text, level, .. } => {
                let style = if *level == 0 { "Heading1" } else { "Heading2" };
                b.para(style, &[plain(text).into()]);
            }
            Piece::Subheading(text) => b.para("Heading3", &[plain(text).into()]),
            Piece::Paragraph(runs) => b.para("Normal", &inlines(runs)),
            Piece::Nothing(text) | Piece::Note(text) => b.para("Note", &[plain(text).into()]),
            Piece::Fields(fields) => {
                for (label, value) in fields {
                    b.para(
                        "HeaderBlock",
                        &[bold(label).into(), plain("\t").into(), plain(value).into()],
                    );
                }
            }
            Piece::Table { columns, rows } => {
                let shares: Vec<u32> = columns.iter().map(|c| c.share).collect();
                let headings: Vec<&str> = columns.iter().map(|c| c.heading.as_str()).collect();
                let rows: Vec<Vec<Vec<Inline>>> = rows
                    .iter()
                    .map(|r| r.iter().map(|cell| inlines(cell)).collect())
                    .collect();
                b.table(&widths(memo, &shares), &headings, &rows);
            }
            Piece::Quotation {
                lead,
                quote,
                portion: p,
                markers: m,
            } => {
                b.para("Attribution", &inlines(lead));
                let mut q: Vec<Inline> = portion(p).into_iter().collect();
                q.push(plain(&format!("“{quote}”")).into());
                q.push(markers(m));
                b.para("Quote", &q);
            }
            Piece::Entry(runs) => b.para("ListBullet", &inlines(runs)),
            Piece::Endnote(e) => endnote(b, e),
            Piece::Comment(c) => comment(b, c),
            Piece::SeeAlso(items) => see_also(b, items),
            Piece::Spacer => b.para("Normal", &[]),
        }
    }
}

/// `runs` as Word runs and citation links.
fn inlines(runs: &[Run]) -> Vec<Inline> {
    runs.iter()
        .map(|run| match run {
            Run::Text { text, look, .. } => match look {
                Look::Strong => bold(text).into(),
                Look::Em => italic(text).into(),
                Look::Quoted => plain(&format!("“{text}”")).into(),
                Look::Plain | Look::Muted | Look::Date => plain(text).into(),
            },
            Run::Portion(p) => bold(&format!("{p} ")).into(),
            Run::Markers(m) => markers(m),
        })
        .collect()
}

/// A numbered source, bookmarked for the markers' links.
fn endnote(b: &mut Body, s: &Endnote) {
    let mut i: Vec<Inline> = vec![
        bold(&format!("{}.\t", s.number)).into(),
        plain(&format!(
            "{}, “{}” ({}), {}.",
            s.publisher, s.title, s.kind, s.date
        ))
        .into(),
    ];
    if let Some(url) = &s.url {
        i.push(plain(&format!(" {url}")).into());
    }
    b.para_with(
        "Endnote",
        &i,
        ParaOptions {
            bookmark: Some(s.anchor.clone()),
            ..ParaOptions::default()
        },
    );
}

/// The "see also" line of a topic.
fn see_also(b: &mut Body, items: &[SeeAlso]) {
    let list: Vec<String> = items
        .iter()
        .map(|s| format!("{} (under {})", s.text, s.topic))
        .collect();
    b.para(
        "Note",
        &[
            italic("See also, shown under another topic: ").into(),
            plain(&list.join("; ")).into(),
        ],
    );
}
