//! One page's drawing as printpdf operations: the rules, then the text,
//! one text matrix and one show-text operation per run, with fonts and
//! colours set only when they change. printpdf encodes the text for the
//! embedded fonts and serialises the operations.
//!
//! Every operation that paints is marked (PDF/UA-1): text as marked content
//! with an id that [`Structure`] files under its structure element; rules,
//! repeated table headers and a hyphen added at a line break as artifacts;
//! the marking and page numbers as pagination artifacts.

use std::collections::BTreeMap;

use printpdf::{
    Color, DictItem, FontId, Line, LinePoint, Op, PdfFontHandle, Point, Pt as PdfPt, Rgb, TextItem,
    TextMatrix,
};

use super::layout::{Draw, Face, LineEnd, Origin, Page, PageSpec, PlacedLine};
use super::tags::{Inline, Mark, Structure};

/// The operations of page `index`; `font_id` names each face's font, and
/// `tags` receives the page's tagged content.
pub fn page(
    spec: &PageSpec,
    (page, index): (&Page, usize),
    font_id: fn(Face) -> FontId,
    tags: &mut Structure,
) -> Vec<Op> {
    tags.begin_page(index);
    let mut out = Content::default();
    let mut open = None;
    for draw in &page.draws {
        if let Draw::Rule {
            from,
            to,
            width,
            color,
        } = draw
        {
            out.mark(&mut open, Mark::Artifact);
            out.ops.push(Op::SetOutlineColor { col: rgb(*color) });
            out.ops.push(Op::SetOutlineThickness { pt: exact(*width) });
            let point = |(x, y): (f32, f32)| LinePoint {
                p: Point {
                    x: exact(x),
                    y: exact(spec.height - y),
                },
                bezier: false,
            };
            out.ops.push(Op::DrawLine {
                line: Line {
                    points: vec![point(*from), point(*to)],
                    is_closed: false,
                },
            });
        }
    }
    // Marked content does not cross into a text object.
    out.end_mark(&mut open);
    out.ops.push(Op::StartTextSection);
    let mut state = TextState::default();
    for draw in &page.draws {
        if let Draw::Text(line) = draw {
            let mut text = Text {
                out: &mut out,
                state: &mut state,
                open: &mut open,
                tags: &mut *tags,
                font_id,
            };
            text.line(spec, line);
        }
    }
    out.end_mark(&mut open);
    out.ops.push(Op::EndTextSection);
    out.ops
}

/// `v` to a thousandth of a point, finer than any device shows: the
/// number printed is short, and the same for the same layout.
fn exact(v: f32) -> PdfPt {
    PdfPt(((f64::from(v) * 1000.0).round() / 1000.0) as f32)
}

fn rgb([r, g, b]: [f32; 3]) -> Color {
    Color::Rgb(Rgb {
        r,
        g,
        b,
        icc_profile: None,
    })
}

/// The font and colour last set in the text object.
#[derive(Default)]
struct TextState {
    font: Option<(Face, u32)>,
    color: Option<[u32; 3]>,
}

/// What writing text needs: the operations, the text state, the mark open
/// in it, the structure, and the fonts.
struct Text<'a> {
    out: &'a mut Content,
    state: &'a mut TextState,
    open: &'a mut Option<Mark>,
    tags: &'a mut Structure,
    font_id: fn(Face) -> FontId,
}

impl Text<'_> {
    /// One line of text. Justification widens the spaces with `TJ` offsets
    /// (word spacing does not apply to the two-byte codes of embedded
    /// fonts).
    fn line(&mut self, spec: &PageSpec, line: &PlacedLine) {
        let last = line.runs.iter().rposition(|r| !r.text.is_empty());
        for (i, run) in line.runs.iter().enumerate() {
            if run.text.is_empty() {
                continue;
            }
            let mark = match line.origin {
                Origin::Furniture if line.baseline < spec.height / 2.0 => {
                    Mark::Pagination("Header")
                }
                Origin::Furniture => Mark::Pagination("Footer"),
                origin => self.tags.mark(origin, Inline::of(run), *self.open),
            };
            self.out.mark(self.open, mark);
            let face = run.style.face;
            let font = (face, run.style.size.to_bits());
            if self.state.font != Some(font) {
                self.out.ops.push(Op::SetFont {
                    font: PdfFontHandle::External((self.font_id)(face)),
                    size: exact(run.style.size),
                });
                self.state.font = Some(font);
            }
            let color = run.style.color.map(f32::to_bits);
            if self.state.color != Some(color) {
                self.out.ops.push(Op::SetFillColor {
                    col: rgb(run.style.color),
                });
                self.state.color = Some(color);
            }
            self.out.ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(
                    exact(line.x + run.x + line.stretch * run.gaps_before as f32),
                    exact(spec.height - line.baseline + run.style.rise),
                ),
            });
            // A hyphen added at the break is not part of the word.
            let ends_line = Some(i) == last;
            let (text, hyphen) = match run.text.strip_suffix('-') {
                Some(word) if line.end == LineEnd::Hyphen && ends_line => (word, true),
                _ => (run.text.as_str(), false),
            };
            if line.stretch > 0.0 && text.contains(' ') {
                let offset = exact(-line.stretch / run.style.size * 1000.0).0;
                let mut items = Vec::new();
                let mut parts = text.split(' ').peekable();
                while let Some(part) = parts.next() {
                    if parts.peek().is_some() {
                        items.push(TextItem::Text(format!("{part} ")));
                        items.push(TextItem::Offset(offset));
                    } else if !part.is_empty() {
                        items.push(TextItem::Text(part.to_string()));
                    }
                }
                self.out.ops.push(Op::ShowText { items });
            } else if !text.is_empty() {
                self.out.show(text);
            }
            if hyphen {
                self.out.mark(self.open, Mark::Artifact);
                self.out.show("-");
            } else if ends_line
                && line.end == LineEnd::Space
                && let Some(Mark::Tagged(role, _)) = *self.open
            {
                // The break between two lines is a space between words: the
                // text read from the structure must say so. After a link it
                // is the paragraph's (a quotation keeps it: it may go on).
                if role == "Link" {
                    let mark = self.tags.mark(line.origin, Inline::Text, *self.open);
                    self.out.mark(self.open, mark);
                }
                self.out.show(" ");
            }
        }
    }
}

/// A page's operations, with the marked-content sequence open in them.
#[derive(Default)]
struct Content {
    ops: Vec<Op>,
}

impl Content {
    /// Opens `mark` unless it is the one open (closing that first).
    fn mark(&mut self, open: &mut Option<Mark>, mark: Mark) {
        if *open == Some(mark) {
            return;
        }
        self.end_mark(open);
        let properties = |entries: Vec<(&str, DictItem)>| DictItem::Dict {
            map: entries
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect::<BTreeMap<_, _>>(),
        };
        self.ops.push(match mark {
            Mark::Tagged(role, mcid) => Op::BeginMarkedContentWithProperties {
                tag: role.to_string(),
                properties: properties(vec![("MCID", DictItem::Int(mcid as i64))]),
            },
            Mark::Pagination(place) => Op::BeginMarkedContentWithProperties {
                tag: "Artifact".to_string(),
                properties: properties(vec![
                    ("Type", DictItem::Name(b"Pagination".to_vec())),
                    ("Subtype", DictItem::Name(place.as_bytes().to_vec())),
                ]),
            },
            Mark::Artifact => Op::BeginMarkedContent {
                tag: "Artifact".to_string(),
            },
        });
        *open = Some(mark);
    }

    /// Closes the open mark, if any.
    fn end_mark(&mut self, open: &mut Option<Mark>) {
        if open.take().is_some() {
            self.ops.push(Op::EndMarkedContent);
        }
    }

    /// Shows `text` at the current position.
    fn show(&mut self, text: &str) {
        self.ops.push(Op::ShowText {
            items: vec![TextItem::Text(text.to_string())],
        });
    }
}
