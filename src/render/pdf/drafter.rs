//! The drafter's own text and the `memo` form's pages as layout blocks: the
//! drafter's text under its own headings (Bottom line, Talking points, Next
//! steps) as plain prose, never in quotation marks or beside the bar that
//! marks quoted material.

use super::layout::{Align, Block, Face, Para, Role, Span};
use super::memo::{ACCENT, BODY, INK, MUTED, heading, markers, none, quoted, raw, span, style};
use crate::assemble::drafted::{Rich, RichBlock, RichSpan};
use crate::assemble::memo_form::{Fact, MemoPart};
use crate::assemble::{Drafted, SeeAlso};

use crate::assemble::memo_form::OPEN_HEADING;

/// The drafter's text size.
const DRAFT: f32 = BODY;

fn spans(rich: &[RichSpan]) -> Vec<Span> {
    let mut out = Vec::new();
    for s in rich {
        if s.cite.is_some() {
            out.extend(markers(&s.markers, DRAFT));
            continue;
        }
        let face = match (s.strong, s.em) {
            (true, _) => Face::SerifBold,
            (false, true) => Face::SerifItalic,
            _ => Face::Serif,
        };
        out.push(raw(&s.text, style(face, DRAFT, INK)));
    }
    out
}

fn para(role: Role, spans: Vec<Span>, left: f32, marker: Vec<Span>) -> Block {
    Block::Para(Para {
        role,
        spans,
        left,
        marker,
        align: Some(Align::Left),
        space_after: 5.0,
        leading: 1.4,
        ..Para::default()
    })
}

/// `rich` as paragraphs and lists, indented by `left`; `first_marker`
/// (a talking point's number) is set before its first line, and makes its
/// paragraphs an item of a list.
pub fn rich(rich: &Rich, left: f32, first_marker: Vec<Span>) -> Vec<Block> {
    let mut out = Vec::new();
    let role = if first_marker.is_empty() {
        Role::Text
    } else {
        Role::ListItem
    };
    let mut first = Some(first_marker);
    for block in &rich.blocks {
        match block {
            RichBlock::Paragraph { spans: s } => {
                out.push(para(role, spans(s), left, first.take().unwrap_or_default()))
            }
            RichBlock::Bullets { items } => {
                for item in items {
                    out.push(para(
                        Role::ListItem,
                        spans(item),
                        left + 14.0,
                        vec![raw("•", style(Face::Serif, DRAFT, ACCENT))],
                    ));
                }
            }
            RichBlock::Numbered { start, items } => {
                for (n, item) in items.iter().enumerate() {
                    out.push(para(
                        Role::ListItem,
                        spans(item),
                        left + 16.0,
                        vec![raw(
                            &format!("{}.", *start as usize + n),
                            style(Face::Serif, DRAFT, ACCENT),
                        )],
                    ));
                }
            }
        }
    }
    out
}

/// The bottom line and the talking points.
pub fn opening(d: &Drafted) -> Vec<Block> {
    let mut out = Vec::new();
    if let Some(b) = &d.bottom_line {
        out.push(heading("Bottom line", 0, "bottom-line"));
        out.extend(rich(b, 0.0, Vec::new()));
    }
    if !d.talking_points.is_empty() {
        out.push(heading("Talking points", 0, "talking-points"));
        for (n, t) in d.talking_points.iter().enumerate() {
            out.extend(rich(
                t,
                18.0,
                vec![raw(
                    &format!("{}.", n + 1),
                    style(Face::SansBold, DRAFT, ACCENT),
                )],
            ));
        }
    }
    out
}

/// Next steps, and who drafted and cleared the memo, at its foot.
pub fn closing(d: &Drafted) -> Vec<Block> {
    let mut out = Vec::new();
    if let Some(n) = &d.next_steps {
        out.push(heading("Next steps", 0, "next-steps"));
        out.extend(rich(n, 0.0, Vec::new()));
    }
    if d.foot {
        out.push(Block::Rule {
            color: MUTED,
            width: 0.5,
            space_before: 10.0,
            space_after: 4.0,
        });
        for (label, value) in [("Drafted", &d.drafted_by), ("Cleared", &d.cleared)] {
            if let Some(v) = value {
                out.push(Block::Para(Para {
                    spans: vec![
                        raw(&format!("{label}: "), style(Face::SansBold, 8.5, INK)),
                        span(v, style(Face::Sans, 8.5, INK)),
                    ],
                    space_after: 1.5,
                    leading: 1.3,
                    ..Para::default()
                }));
            }
        }
    }
    out
}

/// A drafter's comment heading a topic, labelled as the drafter's.
pub fn comment(c: &Rich) -> Vec<Block> {
    let mut out = vec![Block::Para(Para {
        spans: vec![raw("DRAFTER'S COMMENT", style(Face::SansBold, 7.5, MUTED))],
        space_before: 2.0,
        space_after: 1.0,
        leading: 1.2,
        keep_with_next: true,
        left: 10.0,
        ..Para::default()
    })];
    out.extend(rich(c, 10.0, Vec::new()));
    out
}

/// The "see also" line of a topic of the full form.
pub fn see_also(items: &[SeeAlso]) -> Option<Block> {
    if items.is_empty() {
        return None;
    }
    let list: Vec<String> = items
        .iter()
        .map(|s| format!("{} (under {})", s.text, s.topic))
        .collect();
    Some(Block::Para(Para {
        spans: vec![
            raw(
                "See also, shown under another topic: ",
                style(Face::SerifItalic, 9.0, MUTED),
            ),
            span(&list.join("; "), style(Face::Serif, 9.0, MUTED)),
        ],
        space_before: 4.0,
        space_after: 4.0,
        leading: 1.35,
        ..Para::default()
    }))
}

fn fact(f: &Fact) -> Block {
    let mut s = vec![
        raw(&format!("{} — ", f.date), style(Face::Serif, BODY, MUTED)),
        span(&f.lead, style(Face::SerifBold, BODY, INK)),
    ];
    if let Some(v) = &f.value {
        s.push(raw(": ", style(Face::Serif, BODY, INK)));
        s.push(span(v, style(Face::Serif, BODY, INK)));
    }
    if let Some(e) = &f.excerpt {
        s.push(raw(": ", style(Face::Serif, BODY, INK)));
        s.push(quoted(e, style(Face::Serif, BODY, INK)));
    }
    s.extend(markers(&f.markers, BODY));
    if f.new {
        s.push(raw(" · new", style(Face::SerifBold, BODY, INK)));
    }
    Block::Para(Para {
        role: Role::ListItem,
        spans: s,
        left: 12.0,
        marker: vec![raw("•", style(Face::Serif, BODY, ACCENT))],
        align: Some(Align::Left),
        space_after: 3.0,
        leading: 1.35,
        ..Para::default()
    })
}

/// The `memo` form's facts: open asks and commitments, key figures, then
/// each topic's few lines.
pub fn memo_part(m: &MemoPart) -> Vec<Block> {
    let mut out = Vec::new();
    if !m.open.is_empty() {
        out.push(heading(OPEN_HEADING, 0, "memo-open"));
        out.extend(m.open.iter().map(fact));
    }
    if !m.figures.is_empty() {
        out.push(heading("Key figures", 0, "memo-key-figures"));
        out.extend(m.figures.iter().map(fact));
    }
    out.push(heading("By topic", 0, "memo-topics"));
    if m.topics.is_empty() && m.no_room.is_empty() {
        out.push(none("Nothing on these topics in this selection."));
    }
    for t in &m.topics {
        out.push(heading(&t.label, 1, &format!("memo-topic-{}", t.id)));
        if let Some(c) = &t.comment {
            out.extend(comment(c));
        }
        out.extend(t.facts.iter().map(fact));
    }
    if !m.no_room.is_empty() {
        let where_ = if m.annex {
            "see Background, after these pages"
        } else {
            "they are in the full memo (form = \"full\")"
        };
        out.push(Block::Para(Para {
            spans: vec![
                raw(
                    "No room on these pages for: ",
                    style(Face::SerifItalic, 9.5, MUTED),
                ),
                span(
                    &format!("{} — {where_}.", m.no_room.join(", ")),
                    style(Face::Serif, 9.5, MUTED),
                ),
            ],
            space_before: 6.0,
            space_after: 4.0,
            leading: 1.35,
            ..Para::default()
        }));
    }
    out
}
