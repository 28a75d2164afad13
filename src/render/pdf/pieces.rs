//! The sections' pieces ([`crate::assemble::print`]) as layout blocks: one
//! drawing of each kind of piece, for every section.

use super::drafter;
use super::layout::{Align, Block, Cell, Face, LINE_SEPARATOR, Para, Pt, Role, Span, Table};
use super::memo::{ACCENT, BODY, INK, MUTED, heading, markers, none, quoted, raw, span, style};
use crate::assemble::Endnote;
use crate::assemble::print::{Column, Look, Piece, Run};
use crate::text::collapse_whitespace;

/// Quotations are indented by this much, with a bar in the indent.
const QUOTE_INDENT: Pt = 12.0;
/// The size of a table's text.
const CELL: Pt = 9.5;
/// The size of a quotation's attribution line.
const LEAD: Pt = 9.0;

/// The blocks of `pieces`, in order.
pub fn blocks(pieces: &[Piece]) -> Vec<Block> {
    let mut out = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Heading {
                text,
                level,
                anchor,
            } => out.push(heading(text, usize::from(*level), anchor)),
            Piece::Subheading(text) => out.push(subheading(text)),
            Piece::Paragraph(runs) => out.push(body(spans(runs, BODY, false))),
            Piece::Nothing(text) => out.push(none(text)),
            Piece::Note(text) => out.push(note(text)),
            Piece::Fields(fields) => out.push(fields_table(fields)),
            Piece::Table { columns, rows } => out.push(table(columns, rows)),
            Piece::Quotation {
                lead,
                quote,
                portion,
                markers,
            } => out.extend(quotation(spans(lead, LEAD, false), quote, portion, markers)),
            Piece::Entry(runs) => out.push(entry(spans(runs, BODY, false))),
            Piece::Endnote(e) => out.push(endnote(e)),
            Piece::Comment(c) => out.extend(drafter::comment(c)),
            Piece::SeeAlso(items) => out.extend(drafter::see_also(items)),
            Piece::Spacer => {}
        }
    }
    out
}

/// `runs` as spans of `size`; in a table `cell`, markers are not raised.
fn spans(runs: &[Run], size: Pt, cell: bool) -> Vec<Span> {
    let mut out = Vec::new();
    for run in runs {
        match run {
            Run::Text {
                text,
                look,
                wording,
            } => {
                let (face, color) = match look {
                    Look::Strong => (Face::SerifBold, INK),
                    Look::Em => (Face::SerifItalic, INK),
                    Look::Muted => (Face::Serif, MUTED),
                    Look::Plain | Look::Quoted | Look::Date => (Face::Serif, INK),
                };
                let s = style(face, size, color);
                out.push(match look {
                    Look::Quoted => quoted(text, s),
                    Look::Date => raw(
                        &collapse_whitespace(text).replace(" · ", &LINE_SEPARATOR.to_string()),
                        s,
                    ),
                    _ if *wording => raw(text, s),
                    _ => span(text, s),
                });
            }
            Run::Portion(p) => out.push(portion_mark(p, size)),
            Run::Markers(m) if cell => {
                out.extend(super::memo::column_markers(m));
            }
            Run::Markers(m) => out.extend(markers(m, size)),
        }
    }
    out
}

/// A small heading within a topic (`H4`).
fn subheading(text: &str) -> Block {
    Block::Para(Para {
        role: Role::Heading(4),
        spans: vec![span(
            &text.to_uppercase(),
            style(Face::SansBold, 8.0, MUTED),
        )],
        space_before: 8.0,
        space_after: 3.0,
        leading: 1.3,
        keep_with_next: true,
        ..Para::default()
    })
}

/// A paragraph of body text.
pub(super) fn body(spans: Vec<Span>) -> Block {
    Block::Para(Para {
        spans,
        align: Some(Align::Justify),
        space_after: 6.0,
        leading: 1.4,
        ..Para::default()
    })
}

/// A muted explanatory line under a heading.
pub(super) fn note(text: &str) -> Block {
    Block::Para(Para {
        spans: vec![span(text, style(Face::Serif, 9.0, MUTED))],
        space_after: 4.0,
        leading: 1.35,
        keep_with_next: true,
        ..Para::default()
    })
}

/// A portion mark, `(C) `, before a passage.
fn portion_mark(portion: &str, size: Pt) -> Span {
    raw(
        &format!("{portion} "),
        style(Face::SansBold, size * 0.85, INK),
    )
}

/// Labelled lines as a table whose first column heads its rows.
fn fields_table(fields: &[(&str, String)]) -> Block {
    let label = style(Face::SansBold, 8.0, ACCENT);
    Block::Table(Table {
        header: Vec::new(),
        rows: fields
            .iter()
            .map(|(l, v)| {
                vec![
                    Cell {
                        spans: vec![span(l, label)],
                    },
                    Cell {
                        spans: vec![span(v, style(Face::Serif, BODY, INK))],
                    },
                ]
            })
            .collect(),
        pad_y: 1.5,
        gap_x: 18.0,
        leading: 1.3,
        nowrap: vec![0],
        row_headers: true,
        ..Table::default()
    })
}

/// A table with a heading row.
fn table(columns: &[Column], rows: &[Vec<Vec<Run>>]) -> Block {
    let head = style(Face::SansBold, 7.5, INK);
    Block::Table(Table {
        header: columns
            .iter()
            .map(|c| Cell {
                spans: vec![span(&c.heading.to_uppercase(), head)],
            })
            .collect(),
        rows: rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|runs| Cell {
                        spans: spans(runs, CELL, true),
                    })
                    .collect()
            })
            .collect(),
        space_before: 2.0,
        space_after: 8.0,
        pad_y: 3.0,
        gap_x: 10.0,
        rules: true,
        leading: 1.3,
        nowrap: (0..columns.len()).filter(|&i| columns[i].nowrap).collect(),
        row_headers: false,
    })
}

/// An attribution line and the quotation under it.
fn quotation(
    attribution: Vec<Span>,
    quote: &str,
    portion: &Option<String>,
    cites: &[crate::assemble::Marker],
) -> [Block; 2] {
    let mut spans: Vec<Span> = portion.iter().map(|p| portion_mark(p, BODY)).collect();
    spans.push(span(&format!("“{quote}”"), style(Face::Serif, BODY, INK)));
    spans.extend(markers(cites, BODY));
    [
        Block::Para(Para {
            spans: attribution,
            space_before: 5.0,
            space_after: 1.0,
            leading: 1.35,
            keep_with_next: true,
            left: QUOTE_INDENT,
            ..Para::default()
        }),
        Block::Para(Para {
            role: Role::Quote,
            spans,
            align: Some(Align::Justify),
            left: QUOTE_INDENT,
            bar: true,
            space_after: 4.0,
            leading: 1.4,
            ..Para::default()
        }),
    ]
}

/// An entry of a bulleted list.
fn entry(spans: Vec<Span>) -> Block {
    Block::Para(Para {
        role: Role::ListItem,
        spans,
        marker: vec![span("•", style(Face::Serif, BODY, ACCENT))],
        left: 14.0,
        align: Some(Align::Justify),
        space_after: 4.0,
        leading: 1.4,
        ..Para::default()
    })
}

/// A numbered source, its address set small.
fn endnote(s: &Endnote) -> Block {
    let text = style(Face::Serif, CELL, INK);
    Block::Para(Para {
        role: Role::ListItem,
        spans: [
            vec![span(
                &format!("{}, “{}” ({}), {}.", s.publisher, s.title, s.kind, s.date),
                text,
            )],
            s.url
                .iter()
                .flat_map(|url| [raw(" ", text), span(url, style(Face::Sans, 8.5, MUTED))])
                .collect(),
        ]
        .concat(),
        marker: vec![span(
            &format!("{}.", s.number),
            style(Face::Serif, CELL, ACCENT),
        )],
        left: 18.0,
        space_after: 4.0,
        leading: 1.35,
        anchor: Some(s.anchor.clone()),
        ..Para::default()
    })
}
