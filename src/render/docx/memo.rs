//! The memo's content as WordprocessingML paragraphs and tables, in the
//! PDF's order and with its citation numbers: title and header block, the
//! summary, the drafter's text, the `memo` form's facts, the sections (the
//! annex "Background" on a new page), next steps and clearance, sources.

use super::xml::{Body, Inline, ParaOptions, bold, italic, plain};
use crate::assemble::drafted::{Rich, RichBlock, RichSpan};
use crate::assemble::memo_form::Fact;
use crate::assemble::{Drafted, EventEntry, Marker, Memo, SeeAlso};

/// The text width in twentieths of a point (page less 1-inch margins).
fn text_width(brief: &Memo) -> u32 {
    match brief.page {
        crate::brief_file::PageSize::A4 => 11906 - 2 * 1440,
        crate::brief_file::PageSize::Letter => 12240 - 2 * 1440,
    }
}

/// Column widths from proportions of the text width.
fn widths(brief: &Memo, parts: &[u32]) -> Vec<u32> {
    let total: u32 = parts.iter().sum();
    parts
        .iter()
        .map(|p| text_width(brief) * p / total)
        .collect()
}

fn markers(m: &[Marker]) -> Inline {
    Inline::Markers(m.to_vec())
}

fn portion(p: &Option<String>) -> Option<Inline> {
    p.as_ref().map(|p| bold(&format!("{p} ")).into())
}

fn rich_spans(spans: &[RichSpan]) -> Vec<Inline> {
    spans
        .iter()
        .map(|s| match &s.cite {
            Some(_) => markers(&s.markers),
            None => Inline::Run(super::xml::Run {
                text: s.text.clone(),
                bold: s.strong,
                italic: s.em,
                style: None,
            }),
        })
        .collect()
}

fn rich(body: &mut Body, r: &Rich) {
    for block in &r.blocks {
        match block {
            RichBlock::Paragraph { spans } => body.para("Normal", &rich_spans(spans)),
            RichBlock::Bullets { items } => {
                for item in items {
                    body.para("ListBullet", &rich_spans(item));
                }
            }
            RichBlock::Numbered { start, items } => {
                let num = body.numbered_list(*start);
                for item in items {
                    body.para_with(
                        "ListNumber",
                        &rich_spans(item),
                        ParaOptions {
                            num: Some(num),
                            ..ParaOptions::default()
                        },
                    );
                }
            }
        }
    }
}

/// The body of `brief`.
pub fn body(brief: &Memo) -> Body {
    let mut b = Body::default();
    b.para("Title", &[plain(&brief.title).into()]);
    if let Some(h) = &brief.header {
        for (label, value) in [
            ("TO", &h.to),
            ("FROM", &h.from),
            ("DATE", &h.date),
            ("SUBJECT", &h.subject),
        ] {
            b.para(
                "HeaderBlock",
                &[bold(label).into(), plain("\t").into(), plain(value).into()],
            );
        }
    }
    if brief.nothing_matched {
        b.para(
            "Note",
            &[plain("Nothing in the dataset matches this selection.").into()],
        );
    }
    if let Some(s) = &brief.summary {
        b.para("Heading1", &[plain("Summary").into()]);
        b.para("Normal", &[plain(&s.text).into()]);
    }
    opening(&mut b, &brief.drafted);
    if let Some(m) = &brief.memo_part {
        if !m.figures.is_empty() {
            b.para("Heading1", &[plain("Key figures").into()]);
            for f in &m.figures {
                fact(&mut b, f);
            }
        }
        b.para("Heading1", &[plain("By topic").into()]);
        if m.topics.is_empty() && m.no_room.is_empty() {
            b.para(
                "Note",
                &[plain("Nothing on these topics in this selection.").into()],
            );
        }
        for t in &m.topics {
            b.para("Heading2", &[plain(&t.label).into()]);
            if let Some(c) = &t.comment {
                comment(&mut b, c);
            }
            for f in &t.facts {
                fact(&mut b, f);
            }
        }
        if !m.no_room.is_empty() {
            let where_ = if m.annex {
                "see Background, after these pages"
            } else {
                "they are in the full memo (form = \"full\")"
            };
            b.para(
                "Note",
                &[plain(&format!(
                    "No room on these pages for: {} — {where_}.",
                    m.no_room.join(", ")
                ))
                .into()],
            );
        }
        closing(&mut b, &brief.drafted);
    }
    if brief.annex {
        b.para_with(
            "Heading1",
            &[plain("Background").into()],
            ParaOptions {
                page_break_before: true,
                ..ParaOptions::default()
            },
        );
        b.para(
            "Note",
            &[plain("Everything the selection holds, each item once, with its full quotation; the pages before draw on it.").into()],
        );
    }
    sections(&mut b, brief);
    if brief.memo_part.is_none() {
        closing(&mut b, &brief.drafted);
    }
    sources(&mut b, brief);
    b
}

/// A drafter's comment heading a topic, labelled as the drafter's.
fn comment(b: &mut Body, c: &Rich) {
    b.para("Note", &[bold("Drafter's comment").into()]);
    rich(b, c);
}

fn opening(b: &mut Body, d: &Drafted) {
    if let Some(r) = &d.bottom_line {
        b.para("Heading1", &[plain("Bottom line").into()]);
        rich(b, r);
    }
    if !d.talking_points.is_empty() {
        b.para("Heading1", &[plain("Talking points").into()]);
        let num = b.numbered_list(1);
        for t in &d.talking_points {
            // A point's first paragraph carries its number; more of it follows.
            let mut first = true;
            for block in &t.blocks {
                match (block, first) {
                    (RichBlock::Paragraph { spans }, true) => b.para_with(
                        "ListNumber",
                        &rich_spans(spans),
                        ParaOptions {
                            num: Some(num),
                            ..ParaOptions::default()
                        },
                    ),
                    (other, _) => rich(
                        b,
                        &Rich {
                            blocks: vec![other.clone()],
                        },
                    ),
                }
                first = false;
            }
        }
    }
}

fn closing(b: &mut Body, d: &Drafted) {
    if let Some(r) = &d.next_steps {
        b.para("Heading1", &[plain("Next steps").into()]);
        rich(b, r);
    }
    for (label, value) in [("Drafted", &d.drafted_by), ("Cleared", &d.cleared)] {
        if let Some(v) = value {
            b.para(
                "Clearance",
                &[bold(&format!("{label}: ")).into(), plain(v).into()],
            );
        }
    }
}

fn fact(b: &mut Body, f: &Fact) {
    let mut i: Vec<Inline> = vec![
        plain(&format!("{} — ", f.date)).into(),
        bold(&f.lead).into(),
    ];
    if let Some(v) = &f.value {
        i.push(plain(&format!(": {v}")).into());
    }
    if let Some(e) = &f.excerpt {
        i.push(plain(&format!(": “{e}”")).into());
    }
    i.push(markers(&f.markers));
    // The List Bullet style carries its bullet numbering.
    b.para("ListBullet", &i);
}

fn quotation(
    b: &mut Body,
    attribution: Vec<Inline>,
    quote: &str,
    p: &Option<String>,
    m: &[Marker],
) {
    b.para("Attribution", &attribution);
    let mut q: Vec<Inline> = portion(p).into_iter().collect();
    q.push(plain(&format!("“{quote}”")).into());
    q.push(markers(m));
    b.para("Quote", &q);
}

fn see_also(b: &mut Body, items: &[SeeAlso]) {
    if items.is_empty() {
        return;
    }
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

fn event_table(b: &mut Body, brief: &Memo, heading: &str, events: &[EventEntry]) {
    let rows: Vec<Vec<Vec<Inline>>> = events
        .iter()
        .map(|e| {
            let what = match &e.place {
                Some(p) => format!("{}, {p}", e.label),
                None => e.label.clone(),
            };
            vec![
                vec![plain(&e.column_date).into()],
                portion(&e.portion)
                    .into_iter()
                    .chain([plain(&what).into()])
                    .collect(),
                vec![markers(&e.markers)],
            ]
        })
        .collect();
    b.table(
        &widths(brief, &[24, 64, 12]),
        &[heading, "Event", "Source"],
        &rows,
    );
}

fn sections(b: &mut Body, brief: &Memo) {
    if let Some(figures) = &brief.key_figures {
        b.para("Heading1", &[plain("Key figures").into()]);
        if figures.items.is_empty() {
            b.para("Note", &[plain("No figures in this selection.").into()]);
        } else {
            let rows: Vec<Vec<Vec<Inline>>> = figures
                .items
                .iter()
                .map(|f| {
                    vec![
                        portion(&f.portion)
                            .into_iter()
                            .chain([plain(&f.label).into()])
                            .collect(),
                        vec![plain(&f.value).into()],
                        vec![plain(&f.as_of).into()],
                        vec![markers(&f.markers)],
                    ]
                })
                .collect();
            b.table(
                &widths(brief, &[44, 24, 20, 12]),
                &["Figure", "Value", "As of", "Source"],
                &rows,
            );
            // A table must not run into the next heading.
            b.para("Normal", &[]);
        }
    }
    if let Some(topics) = &brief.topics {
        b.para("Heading1", &[plain("By topic").into()]);
        for t in &topics.items {
            b.para("Heading2", &[plain(&t.label).into()]);
            if let Some(c) = &t.comment {
                comment(b, c);
            }
            if t.empty {
                b.para(
                    "Note",
                    &[plain("Nothing on this topic in this selection.").into()],
                );
            }
            for g in &t.sides {
                b.para("Heading3", &[plain(&g.side).into()]);
                for s in &g.statements {
                    let mut a: Vec<Inline> = vec![bold(&s.speaker).into()];
                    if let Some(role) = &s.role {
                        a.push(plain(&format!(", {role}")).into());
                    }
                    let mut meta = format!(" · {}", s.date);
                    if let Some(st) = &s.stance {
                        meta.push_str(&format!(" · {st}"));
                    }
                    a.push(plain(&meta).into());
                    quotation(b, a, &s.quote, &s.portion, &s.markers);
                }
            }
            if !t.events.is_empty() {
                b.para("Heading3", &[plain("Events").into()]);
                for e in &t.events {
                    let mut a: Vec<Inline> = vec![
                        plain(&format!("{} — ", e.date)).into(),
                        bold(&e.label).into(),
                    ];
                    if let Some(p) = &e.place {
                        a.push(plain(&format!(", {p}")).into());
                    }
                    quotation(b, a, &e.quote, &e.portion, &e.markers);
                }
            }
            if !t.figures.is_empty() {
                b.para("Heading3", &[plain("Figures").into()]);
                for f in &t.figures {
                    let a: Vec<Inline> = vec![
                        plain(&format!("{} — ", f.as_of)).into(),
                        bold(&f.value).into(),
                        plain(&format!(": {}", f.label)).into(),
                    ];
                    quotation(b, a, &f.quote, &f.portion, &f.markers);
                }
            }
            see_also(b, &t.see_also);
        }
    }
    if let Some(points) = &brief.points {
        b.para("Heading1", &[plain("Points to raise").into()]);
        if points.items.is_empty() {
            b.para(
                "Note",
                &[plain("No calls or concerns were raised in this selection.").into()],
            );
        }
        for p in &points.items {
            let mut i: Vec<Inline> = vec![bold(&p.speaker).into()];
            match &p.shown_under {
                Some(topic) => {
                    i.push(
                        plain(&format!(
                            " ({}, {}) {} — quoted under ",
                            p.side, p.date, p.stance
                        ))
                        .into(),
                    );
                    i.push(italic(topic).into());
                }
                None => {
                    i.push(plain(&format!(" ({}, {}) {}: ", p.side, p.date, p.stance)).into());
                    i.extend(portion(&p.portion));
                    i.push(plain(&format!("“{}”", p.quote)).into());
                }
            }
            i.push(markers(&p.markers));
            b.para("ListBullet", &i);
        }
    }
    if let Some(t) = &brief.timeline {
        b.para("Heading1", &[plain("Timeline").into()]);
        if t.empty {
            b.para("Note", &[plain("No events in this selection.").into()]);
        }
        if !t.happened.is_empty() {
            event_table(b, brief, "Date", &t.happened);
        }
        if !t.planned.is_empty() {
            b.para("Heading2", &[plain("Planned").into()]);
            event_table(b, brief, "Planned for", &t.planned);
        }
        if !t.undated.is_empty() {
            b.para("Heading2", &[plain("Date not given").into()]);
            b.para(
                "Note",
                &[plain("The sources report these without saying when they happened; each is listed with the document and date that report it.").into()],
            );
            event_table(b, brief, "Reported in", &t.undated);
        }
        b.para("Normal", &[]);
    }
}

fn sources(b: &mut Body, brief: &Memo) {
    let Some(sources) = &brief.sources else {
        return;
    };
    b.para("Heading1", &[plain("Sources").into()]);
    if sources.items.is_empty() {
        b.para("Note", &[plain("No sources are cited.").into()]);
    }
    for s in &sources.items {
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
}
