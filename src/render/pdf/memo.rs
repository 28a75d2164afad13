//! The memo's structure and typography for print: the same sections, in the
//! same order and with the same citations as the HTML, as layout blocks.

use super::layout::{Block, Face, PageSpec, Para, Pt, Role, Span, Style};
use super::{drafter, pieces};
use crate::assemble::sections::Place;
use crate::assemble::{Marker, Memo};
use crate::brief_file::PageSize;
use crate::text::collapse_whitespace;

pub(super) const INK: [f32; 3] = [0.1, 0.1, 0.1];
pub(super) const MUTED: [f32; 3] = [0.36, 0.36, 0.36];
pub(super) const ACCENT: [f32; 3] = [0.12, 0.23, 0.37];
const RULE: [f32; 3] = [0.78, 0.78, 0.78];

/// Body text size.
pub(super) const BODY: Pt = 10.5;

pub(super) fn style(face: Face, size: Pt, color: [f32; 3]) -> Style {
    Style {
        face,
        size,
        color,
        rise: 0.0,
    }
}

pub(super) fn span(text: &str, style: Style) -> Span {
    Span {
        text: collapse_whitespace(text),
        style,
        link: None,
        quote: false,
    }
}

/// A span that keeps a trailing or leading space (collapse would trim it).
pub(super) fn raw(text: &str, style: Style) -> Span {
    Span {
        text: text.to_string(),
        style,
        link: None,
        quote: false,
    }
}

/// A quotation within a paragraph, in quotation marks.
pub(super) fn quoted(quote: &str, style: Style) -> Span {
    Span {
        quote: true,
        ..span(&format!("“{quote}”"), style)
    }
}

/// Superscript citation markers, each linked to its endnote.
pub(super) fn markers(markers: &[Marker], size: Pt) -> Vec<Span> {
    marker_spans(
        markers,
        Style {
            face: Face::Serif,
            size: size * 0.62,
            color: ACCENT,
            rise: size * 0.36,
        },
    )
}

/// Citation markers in a table's Source column: not raised.
pub(super) fn column_markers(markers: &[Marker]) -> Vec<Span> {
    marker_spans(markers, style(Face::Serif, 8.5, ACCENT))
}

fn marker_spans(markers: &[Marker], sup: Style) -> Vec<Span> {
    let mut out = Vec::new();
    for (i, m) in markers.iter().enumerate() {
        if i > 0 {
            out.push(raw(",", sup));
        }
        out.push(Span {
            text: m.number.to_string(),
            style: sup,
            link: Some(m.anchor.clone()),
            quote: false,
        });
    }
    out
}

/// The page size in points (1 inch margins, as briefing memos use).
pub fn page_spec(page: PageSize) -> PageSpec {
    let (width, height) = match page {
        PageSize::A4 => (595.276, 841.89),
        PageSize::Letter => (612.0, 792.0),
    };
    PageSpec {
        width,
        height,
        top: 72.0,
        bottom: 72.0,
        left: 72.0,
        right: 72.0,
    }
}

/// A section's heading (`level` 0, tagged `H2` under the title's `H1`) or
/// a topic's (`level` 1, `H3`).
pub(super) fn heading(text: &str, level: usize, anchor: &str) -> Block {
    let (size, before, after) = match level {
        0 => (13.0, 18.0, 8.0),
        _ => (11.0, 12.0, 4.0),
    };
    Block::Para(Para {
        role: Role::Heading(level.min(1) as u8 + 2),
        spans: vec![span(text, style(Face::SansBold, size, ACCENT))],
        space_before: before,
        space_after: after,
        leading: 1.25,
        keep_with_next: true,
        bookmark: Some((level, text.to_string())),
        anchor: Some(anchor.to_string()),
        rule_below: (level == 0).then_some((RULE, 0.6)),
        ..Para::default()
    })
}

pub(super) fn none(text: &str) -> Block {
    pieces::body(vec![span(text, style(Face::SerifItalic, BODY, MUTED))])
}

/// The page and the blocks of `brief`: its front (for the `memo` form, the
/// two pages), then the annex and the sources.
pub fn blocks(brief: &Memo) -> (PageSpec, Vec<Block>) {
    let mut out = front(brief);
    if brief.annex {
        out.push(Block::PageBreak);
        out.push(heading("Background", 0, "background"));
        out.push(pieces::note(
            "Everything the selection holds, each item once, with its full quotation; the pages before draw on it.",
        ));
    }
    out.extend(pieces::blocks(&brief.sections.pieces(Place::Body)));
    if brief.memo_part.is_none() {
        out.extend(drafter::closing(&brief.drafted));
    }
    out.extend(pieces::blocks(&brief.sections.pieces(Place::End)));
    (page_spec(brief.page), out)
}

/// The memo up to its annex: for the `memo` form, what must fit on two pages.
pub fn front(brief: &Memo) -> Vec<Block> {
    let mut out = Vec::new();

    out.push(Block::Para(Para {
        role: Role::Heading(1),
        spans: vec![span(&brief.title, style(Face::SansBold, 17.0, ACCENT))],
        space_after: 8.0,
        leading: 1.2,
        keep_with_next: true,
        bookmark: Some((0, brief.title.clone())),
        anchor: Some("title".into()),
        ..Para::default()
    }));
    out.extend(pieces::blocks(&brief.sections.pieces(Place::Masthead)));
    out.push(Block::Rule {
        color: ACCENT,
        width: 1.4,
        space_before: 6.0,
        space_after: 2.0,
    });
    if brief.nothing_matched {
        out.push(Block::Para(Para {
            spans: vec![span(
                "Nothing in the dataset matches this selection.",
                style(Face::SerifItalic, 12.0, MUTED),
            )],
            space_before: 10.0,
            space_after: 6.0,
            leading: 1.3,
            ..Para::default()
        }));
    }

    out.extend(pieces::blocks(&brief.sections.pieces(Place::Front)));
    out.extend(drafter::opening(&brief.drafted));
    if let Some(m) = &brief.memo_part {
        out.extend(drafter::memo_part(m));
        out.extend(drafter::closing(&brief.drafted));
    }
    out
}
