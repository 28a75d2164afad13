//! The memo's content as WordprocessingML paragraphs and tables, in the
//! PDF's order and with its citation numbers: title and header block, the
//! summary, the drafter's text, the `memo` form's facts, the sections (the
//! annex "Background" on a new page), next steps and clearance, sources.

use super::pieces;
use super::xml::{Body, Inline, ParaOptions, bold, plain};
use crate::assemble::drafted::{Rich, RichBlock, RichSpan};
use crate::assemble::memo_form::Fact;
use crate::assemble::sections::Place;
use crate::assemble::{Drafted, Marker, Memo};

/// The text width in twentieths of a point (page less 1-inch margins).
fn text_width(brief: &Memo) -> u32 {
    match brief.page {
        crate::brief_file::PageSize::A4 => 11906 - 2 * 1440,
        crate::brief_file::PageSize::Letter => 12240 - 2 * 1440,
    }
}

/// Column widths from proportions of the text width.
pub(super) fn widths(brief: &Memo, parts: &[u32]) -> Vec<u32> {
    let total: u32 = parts.iter().sum();
    parts
        .iter()
        .map(|p| text_width(brief) * p / total)
        .collect()
}

pub(super) fn markers(m: &[Marker]) -> Inline {
    Inline::Markers(m.to_vec())
}

pub(super) fn portion(p: &Option<String>) -> Option<Inline> {
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
    pieces::draw(&mut b, brief, &brief.sections.pieces(Place::Masthead));
    if brief.nothing_matched {
        b.para(
            "Note",
            &[plain("Nothing in the dataset matches this selection.").into()],
        );
    }
    pieces::draw(&mut b, brief, &brief.sections.pieces(Place::Front));
    opening(&mut b, &brief.drafted);
    if let Some(m) = &brief.memo_part {
        if !m.open.is_empty() {
            b.para(
                "Heading1",
                &[plain(crate::assemble::memo_form::OPEN_HEADING).into()],
            );
            for f in &m.open {
                fact(&mut b, f);
            }
        }
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
    pieces::draw(&mut b, brief, &brief.sections.pieces(Place::Body));
    if brief.memo_part.is_none() {
        closing(&mut b, &brief.drafted);
    }
    pieces::draw(&mut b, brief, &brief.sections.pieces(Place::End));
    b
}

/// A drafter's comment heading a topic, labelled as the drafter's.
pub(super) fn comment(b: &mut Body, c: &Rich) {
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
    if f.new {
        i.push(bold(" · new").into());
    }
    // The List Bullet style carries its bullet numbering.
    b.para("ListBullet", &i);
}
