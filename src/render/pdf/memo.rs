//! The memo's structure and typography for print: the same sections, in the
//! same order and with the same citations as the HTML, as layout blocks.

use super::drafter;
use super::layout::{
    Align, Block, Cell, Face, LINE_SEPARATOR, PageSpec, Para, Pt, Role, Span, Style, Table,
};
use crate::assemble::{EventEntry, Marker, Memo};
use crate::brief_file::PageSize;
use crate::text::collapse_whitespace;

pub(super) const INK: [f32; 3] = [0.1, 0.1, 0.1];
pub(super) const MUTED: [f32; 3] = [0.36, 0.36, 0.36];
pub(super) const ACCENT: [f32; 3] = [0.12, 0.23, 0.37];
const RULE: [f32; 3] = [0.78, 0.78, 0.78];

/// Body text size.
pub(super) const BODY: Pt = 10.5;
/// Quotations are indented by this much, with a bar in the indent.
const QUOTE_INDENT: Pt = 12.0;

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
fn column_markers(markers: &[Marker]) -> Vec<Span> {
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

fn body(spans: Vec<Span>) -> Block {
    Block::Para(Para {
        spans,
        align: Some(Align::Justify),
        space_after: 6.0,
        leading: 1.4,
        ..Para::default()
    })
}

pub(super) fn none(text: &str) -> Block {
    body(vec![span(text, style(Face::SerifItalic, BODY, MUTED))])
}

/// A table cell for a date that is kept on one line, except that words such
/// as `date not given · reported 2025` take two, split at the `·`.
fn date_cell(text: &str) -> Span {
    raw(
        &collapse_whitespace(text).replace(" · ", &LINE_SEPARATOR.to_string()),
        style(Face::Serif, 9.5, INK),
    )
}

/// A muted explanatory line under a heading.
fn note(text: &str) -> Block {
    Block::Para(Para {
        spans: vec![span(text, style(Face::Serif, 9.0, MUTED))],
        space_after: 4.0,
        leading: 1.35,
        keep_with_next: true,
        ..Para::default()
    })
}

/// A timeline table: the date column (headed `date_heading`), the event
/// with its place, the sources.
fn event_table(date_heading: &str, events: &[EventEntry]) -> Block {
    let cell = |text: &str| span(text, style(Face::Serif, 9.5, INK));
    let rows = events
        .iter()
        .map(|e| {
            let what = match &e.place {
                Some(p) => format!("{}, {p}", e.label),
                None => e.label.clone(),
            };
            vec![
                vec![cell(&e.column_date)],
                [portion_mark(&e.portion, 9.5), vec![cell(&what)]].concat(),
                column_markers(&e.markers),
            ]
        })
        .collect();
    table(&[date_heading, "Event", "Source"], &[0, 2], rows)
}

/// A portion mark, `(C) `, before a passage, when the memo has them.
fn portion_mark(portion: &Option<String>, size: Pt) -> Vec<Span> {
    portion
        .iter()
        .map(|p| raw(&format!("{p} "), style(Face::SansBold, size * 0.85, INK)))
        .collect()
}

/// An attribution line and the quotation under it.
fn quotation(
    attribution: Vec<Span>,
    quote: &str,
    portion: &Option<String>,
    cites: &[Marker],
) -> [Block; 2] {
    let mut spans = portion_mark(portion, BODY);
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

fn table(header: &[&str], nowrap: &[usize], rows: Vec<Vec<Vec<Span>>>) -> Block {
    let head = style(Face::SansBold, 7.5, INK);
    Block::Table(Table {
        header: header
            .iter()
            .map(|h| Cell {
                spans: vec![span(&h.to_uppercase(), head)],
            })
            .collect(),
        rows: rows
            .into_iter()
            .map(|r| r.into_iter().map(|spans| Cell { spans }).collect())
            .collect(),
        space_before: 2.0,
        space_after: 8.0,
        pad_y: 3.0,
        gap_x: 10.0,
        rules: true,
        leading: 1.3,
        nowrap: nowrap.to_vec(),
        row_headers: false,
    })
}

/// The page and the blocks of `brief`: its front (for the `memo` form, the
/// two pages), then the annex and the sources.
pub fn blocks(brief: &Memo) -> (PageSpec, Vec<Block>) {
    let mut out = front(brief);
    if brief.annex {
        out.push(Block::PageBreak);
        out.push(heading("Background", 0, "background"));
        out.push(note(
            "Everything the selection holds, each item once, with its full quotation; the pages before draw on it.",
        ));
    }
    out.extend(sections(brief));
    if brief.memo_part.is_none() {
        out.extend(drafter::closing(&brief.drafted));
    }
    out.extend(sources(brief));
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
    if let Some(h) = &brief.header {
        let label = style(Face::SansBold, 8.0, ACCENT);
        let rows = [
            ("TO", &h.to),
            ("FROM", &h.from),
            ("DATE", &h.date),
            ("SUBJECT", &h.subject),
        ];
        out.push(Block::Table(Table {
            header: Vec::new(),
            rows: rows
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
        }));
    }
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

    if let Some(s) = &brief.summary {
        out.push(heading("Summary", 0, "summary"));
        out.push(body(vec![span(&s.text, style(Face::Serif, BODY, INK))]));
    }
    out.extend(drafter::opening(&brief.drafted));
    if let Some(m) = &brief.memo_part {
        out.extend(drafter::memo_part(m));
        out.extend(drafter::closing(&brief.drafted));
    }
    out
}

/// The full assembly's sections (the `memo` form's annex).
fn sections(brief: &Memo) -> Vec<Block> {
    let mut out = Vec::new();
    let cell = |text: &str| span(text, style(Face::Serif, 9.5, INK));

    if let Some(figures) = &brief.key_figures {
        out.push(heading("Key figures", 0, "key-figures"));
        if figures.items.is_empty() {
            out.push(none("No figures in this selection."));
        } else {
            let rows = figures
                .items
                .iter()
                .map(|f| {
                    vec![
                        [portion_mark(&f.portion, 9.5), vec![cell(&f.label)]].concat(),
                        vec![cell(&f.value)],
                        vec![date_cell(&f.as_of)],
                        column_markers(&f.markers),
                    ]
                })
                .collect();
            out.push(table(
                &["Figure", "Value", "As of", "Source"],
                &[1, 2, 3],
                rows,
            ));
        }
    }

    if let Some(topics) = &brief.topics {
        out.push(heading("By topic", 0, "topics"));
        for t in &topics.items {
            out.push(heading(&t.label, 1, &format!("topic-{}", t.id)));
            if let Some(c) = &t.comment {
                out.extend(drafter::comment(c));
            }
            if t.empty {
                out.push(none("Nothing on this topic in this selection."));
            }
            for group in &t.sides {
                out.push(subheading(&group.side));
                for s in &group.statements {
                    let mut attribution = vec![span(&s.speaker, style(Face::SerifBold, 9.0, INK))];
                    if let Some(role) = &s.role {
                        attribution.push(raw(", ", style(Face::Serif, 9.0, MUTED)));
                        attribution.push(span(role, style(Face::Serif, 9.0, MUTED)));
                    }
                    let mut meta = format!(" · {}", s.date);
                    if let Some(stance) = &s.stance {
                        meta.push_str(&format!(" · {stance}"));
                    }
                    attribution.push(raw(&meta, style(Face::Serif, 9.0, MUTED)));
                    out.extend(quotation(attribution, &s.quote, &s.portion, &s.markers));
                }
            }
            if !t.events.is_empty() {
                out.push(subheading("Events"));
                for e in &t.events {
                    let mut attribution = vec![
                        raw(&format!("{} — ", e.date), style(Face::Serif, 9.0, MUTED)),
                        span(&e.label, style(Face::SerifBold, 9.0, INK)),
                    ];
                    if let Some(place) = &e.place {
                        attribution
                            .push(raw(&format!(", {place}"), style(Face::Serif, 9.0, MUTED)));
                    }
                    out.extend(quotation(attribution, &e.quote, &e.portion, &e.markers));
                }
            }
            if !t.figures.is_empty() {
                out.push(subheading("Figures"));
                for f in &t.figures {
                    let attribution = vec![
                        raw(&format!("{} — ", f.as_of), style(Face::Serif, 9.0, MUTED)),
                        span(&f.value, style(Face::SerifBold, 9.0, INK)),
                        raw(&format!(": {}", f.label), style(Face::Serif, 9.0, MUTED)),
                    ];
                    out.extend(quotation(attribution, &f.quote, &f.portion, &f.markers));
                }
            }
            out.extend(drafter::see_also(&t.see_also));
        }
    }

    if let Some(points) = &brief.points {
        out.push(heading("Points to raise", 0, "points"));
        if points.items.is_empty() {
            out.push(none("No calls or concerns were raised in this selection."));
        }
        for p in &points.items {
            let mut spans = vec![
                span(&p.speaker, style(Face::SerifBold, BODY, INK)),
                raw(
                    &format!(" ({}, {}) ", p.side, p.date),
                    style(Face::Serif, BODY, MUTED),
                ),
            ];
            match &p.shown_under {
                Some(topic) => {
                    spans.push(raw(
                        &format!("{} — quoted under ", p.stance),
                        style(Face::Serif, BODY, INK),
                    ));
                    spans.push(span(topic, style(Face::SerifItalic, BODY, INK)));
                }
                None => {
                    spans.push(raw(
                        &format!("{}: ", p.stance),
                        style(Face::Serif, BODY, INK),
                    ));
                    spans.extend(portion_mark(&p.portion, BODY));
                    spans.push(quoted(&p.quote, style(Face::Serif, BODY, INK)));
                }
            }
            spans.extend(markers(&p.markers, BODY));
            out.push(Block::Para(Para {
                role: Role::ListItem,
                spans,
                marker: vec![span("•", style(Face::Serif, BODY, ACCENT))],
                left: 14.0,
                align: Some(Align::Justify),
                space_after: 4.0,
                leading: 1.4,
                ..Para::default()
            }));
        }
    }

    if let Some(timeline) = &brief.timeline {
        out.push(heading("Timeline", 0, "timeline"));
        if timeline.empty {
            out.push(none("No events in this selection."));
        }
        if !timeline.happened.is_empty() {
            out.push(event_table("Date", &timeline.happened));
        }
        if !timeline.planned.is_empty() {
            out.push(heading("Planned", 1, "timeline-planned"));
            out.push(event_table("Planned for", &timeline.planned));
        }
        if !timeline.undated.is_empty() {
            out.push(heading("Date not given", 1, "timeline-undated"));
            out.push(note(
                "The sources report these without saying when they happened; each is listed with the document and date that report it.",
            ));
            out.push(event_table("Reported in", &timeline.undated));
        }
    }

    out
}

/// The numbered sources, covering the memo and its annex.
fn sources(brief: &Memo) -> Vec<Block> {
    let mut out = Vec::new();
    if let Some(sources) = &brief.sources {
        out.push(heading("Sources", 0, "sources"));
        if sources.items.is_empty() {
            out.push(none("No sources are cited."));
        }
        for s in &sources.items {
            let text = style(Face::Serif, 9.5, INK);
            out.push(Block::Para(Para {
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
                    style(Face::Serif, 9.5, ACCENT),
                )],
                left: 18.0,
                space_after: 4.0,
                leading: 1.35,
                anchor: Some(s.anchor.clone()),
                ..Para::default()
            }));
        }
    }
    out
}
