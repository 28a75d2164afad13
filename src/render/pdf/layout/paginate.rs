//! Pagination: blocks placed on pages in turn — headings kept with what
//! follows, no single widow or orphan line, page breaks, links and the
//! outline recorded where their text lands.

use std::rc::Rc;

use super::lines::break_lines;
use super::table::column_widths;
use super::{
    Align, Block, Bookmark, Cell, Document, Draw, Line, LineEnd, LinkArea, Metrics, Origin, Page,
    PageSpec, Para, PlacedLine, Pt, Span, Table,
};

/// A block with its lines broken, ready to be placed.
pub(super) enum Prepared<'b> {
    PageBreak,
    Rule {
        color: [f32; 3],
        width: Pt,
        space_before: Pt,
        space_after: Pt,
    },
    Para {
        para: &'b Para,
        lines: Vec<Line>,
        line_height: Pt,
        marker: Option<Line>,
    },
    Table {
        table: &'b Table,
        widths: Vec<Pt>,
        header: Vec<Vec<Line>>,
        rows: Vec<Vec<Vec<Line>>>,
        line_heights: (Pt, Vec<Pt>),
    },
}

fn max_size(spans: &[Span]) -> Pt {
    spans
        .iter()
        .filter(|s| s.style.rise == 0.0)
        .map(|s| s.style.size)
        .fold(0.0, f32::max)
        .max(1.0)
}

/// Lays `blocks` out on pages of `spec`.
pub fn paginate(m: &dyn Metrics, spec: &PageSpec, blocks: &[Block]) -> Document {
    let prepared: Vec<Prepared> = blocks.iter().map(|b| prepare(m, spec, b)).collect();
    let mut p = Paginator {
        spec: *spec,
        doc: Document::default(),
        y: 0.0,
    };
    p.doc.pages.push(Page::default());
    for i in 0..prepared.len() {
        match &prepared[i] {
            Prepared::Para { .. } => p.place_para(&prepared, i),
            Prepared::Table { .. } => p.place_table(&prepared[i], i),
            Prepared::PageBreak => {
                if p.y > 0.0 {
                    p.new_page();
                }
            }
            Prepared::Rule {
                color,
                width,
                space_before,
                space_after,
            } => {
                if p.y > 0.0 {
                    p.y += space_before;
                }
                let y = p.spec.top + p.y;
                let (x0, x1) = (p.spec.left, p.spec.width - p.spec.right);
                p.page().draws.push(Draw::Rule {
                    from: (x0, y),
                    to: (x1, y),
                    width: *width,
                    color: *color,
                });
                p.y += space_after;
            }
        }
    }
    // The space after the last block is not text: a page filled to its
    // foot counts as one page, not a hair more.
    p.doc.last_page_fill = (p.y / p.spec.content_height()).min(1.0);
    p.doc
}

fn prepare<'b>(m: &dyn Metrics, spec: &PageSpec, block: &'b Block) -> Prepared<'b> {
    match block {
        Block::PageBreak => Prepared::PageBreak,
        Block::Rule {
            color,
            width,
            space_before,
            space_after,
        } => Prepared::Rule {
            color: *color,
            width: *width,
            space_before: *space_before,
            space_after: *space_after,
        },
        Block::Para(para) => {
            let width = spec.content_width() - para.left;
            let lines = break_lines(m, &para.spans, width, para.align.unwrap_or(Align::Left));
            let marker = (!para.marker.is_empty())
                .then(|| {
                    break_lines(m, &para.marker, f32::MAX, Align::Left)
                        .into_iter()
                        .next()
                })
                .flatten();
            Prepared::Para {
                para,
                lines,
                line_height: max_size(&para.spans) * para.leading.max(1.0),
                marker,
            }
        }
        Block::Table(table) => {
            let columns = table
                .header
                .len()
                .max(table.rows.iter().map(Vec::len).max().unwrap_or(0));
            let widths = column_widths(m, table, columns, spec.content_width());
            let break_row = |cells: &[Cell]| -> Vec<Vec<Line>> {
                (0..columns)
                    .map(|c| {
                        cells
                            .get(c)
                            .map(|cell| break_lines(m, &cell.spans, widths[c], Align::Left))
                            .unwrap_or_default()
                    })
                    .collect()
            };
            let height_of = |cells: &[Cell]| {
                cells.iter().map(|c| max_size(&c.spans)).fold(1.0, f32::max)
                    * table.leading.max(1.0)
            };
            Prepared::Table {
                table,
                header: break_row(&table.header),
                rows: table.rows.iter().map(|r| break_row(r)).collect(),
                line_heights: (
                    height_of(&table.header),
                    table.rows.iter().map(|r| height_of(r)).collect(),
                ),
                widths,
            }
        }
    }
}

pub(super) struct Paginator {
    pub(super) spec: PageSpec,
    pub(super) doc: Document,
    /// Distance from the top of the content area on the current page.
    pub(super) y: Pt,
}

impl Paginator {
    pub(super) fn page(&mut self) -> &mut Page {
        self.doc.pages.last_mut().expect("there is always a page")
    }

    pub(super) fn new_page(&mut self) {
        self.doc.pages.push(Page::default());
        self.y = 0.0;
    }

    pub(super) fn room(&self) -> Pt {
        self.spec.content_height() - self.y
    }

    /// The height that must fit on the page with block `i`'s start: the
    /// whole of a keep-with-next block and the start of what follows, else
    /// the first two lines (or header and first row).
    fn lead_height(&self, prepared: &[Prepared], i: usize, depth: usize) -> Pt {
        match prepared.get(i) {
            None | Some(Prepared::Rule { .. } | Prepared::PageBreak) => 0.0,
            Some(Prepared::Para {
                para,
                lines,
                line_height,
                ..
            }) => {
                let before = para.space_before;
                if para.keep_with_next && depth < 8 {
                    before
                        + lines.len() as f32 * line_height
                        + para.space_after
                        + self.lead_height(prepared, i + 1, depth + 1)
                } else {
                    // What must stay together at a page foot: a paragraph of
                    // three lines or fewer is never split (no widow, no orphan).
                    let n = lines.len();
                    before + (if n <= 3 { n } else { 2 }) as f32 * line_height
                }
            }
            Some(Prepared::Table {
                table,
                header,
                rows,
                line_heights,
                ..
            }) => {
                let row_h = |cells: &Vec<Vec<Line>>, lh: Pt| {
                    cells.iter().map(Vec::len).max().unwrap_or(0) as f32 * lh + 2.0 * table.pad_y
                };
                table.space_before
                    + row_h(header, line_heights.0)
                    + rows.first().map_or(0.0, |r| row_h(r, line_heights.1[0]))
            }
        }
    }

    fn place_para(&mut self, prepared: &[Prepared], i: usize) {
        let Prepared::Para {
            para,
            lines,
            line_height,
            marker,
        } = &prepared[i]
        else {
            return;
        };
        if lines.is_empty() {
            return;
        }
        let lead = self.lead_height(prepared, i, 0);
        if self.y > 0.0 && lead > self.room() && lead <= self.spec.content_height() {
            self.new_page();
        }
        if self.y > 0.0 {
            self.y += para.space_before;
        }
        let top_page = self.doc.pages.len() - 1;
        let top_y = self.y;
        let mut rest: &[Line] = lines;
        let mut first = true;
        while !rest.is_empty() {
            let fits = (self.room() / line_height + 0.001).floor().max(0.0) as usize;
            let n = rest.len();
            let mut take = fits.min(n);
            if take < n {
                // No single orphan line at the foot, no single widow at the head.
                if n <= 3 {
                    take = 0;
                } else {
                    take = take.min(n - 2);
                    if take < 2 {
                        take = 0;
                    }
                }
                if take == 0 && self.y == 0.0 {
                    take = fits.max(1).min(n);
                }
            }
            if take == 0 {
                self.new_page();
                continue;
            }
            for line in &rest[..take] {
                self.place_line(
                    (para, i),
                    line,
                    *line_height,
                    if first { marker.as_ref() } else { None },
                );
                first = false;
            }
            rest = &rest[take..];
            if !rest.is_empty() {
                self.new_page();
            }
        }
        if let Some((color, width)) = para.rule_below {
            let y = self.spec.top + self.y + 0.3 * line_height;
            let (x0, x1) = (
                self.spec.left + para.left,
                self.spec.width - self.spec.right,
            );
            self.page().draws.push(Draw::Rule {
                from: (x0, y),
                to: (x1, y),
                width,
                color,
            });
        }
        self.y += para.space_after;
        if let Some(anchor) = &para.anchor {
            self.doc
                .anchors
                .insert(anchor.clone(), (top_page, self.spec.top + top_y));
        }
        if let Some((level, title)) = &para.bookmark {
            self.doc.bookmarks.push(Bookmark {
                level: *level,
                title: title.clone(),
                page: top_page,
                y: self.spec.top + top_y,
            });
        }
    }

    /// Places one line of paragraph `block` (and its marker, if given).
    fn place_line(
        &mut self,
        (para, block): (&Para, usize),
        line: &Line,
        line_height: Pt,
        marker: Option<&Line>,
    ) {
        let size = line_height / para.leading.max(1.0);
        let baseline = self.spec.top + self.y + (line_height - size) / 2.0 + 0.8 * size;
        let width = self.spec.content_width() - para.left;
        let x = self.spec.left
            + para.left
            + match para.align.unwrap_or(Align::Left) {
                Align::Center => (width - line.width) / 2.0,
                Align::Right => width - line.width,
                _ => 0.0,
            };
        let stretch = match para.align {
            Some(Align::Justify) if !line.last && line.gaps > 0 => {
                let s = (width - line.width) / line.gaps as f32;
                // Past a point a stretched line reads worse than a ragged one.
                if s > 0.0 && s < 0.6 * size { s } else { 0.0 }
            }
            _ => 0.0,
        };
        if let Some(marker) = marker {
            let mx = self.spec.left + para.left - marker.width - 0.4 * size;
            self.page().draws.push(Draw::Text(PlacedLine {
                x: mx,
                baseline,
                runs: Rc::clone(&marker.runs),
                stretch: 0.0,
                origin: Origin::Marker { block },
                end: LineEnd::Plain,
            }));
        }
        if para.bar {
            let bx = self.spec.left + para.left - 0.7 * size;
            let (top, bottom) = (self.spec.top + self.y, self.spec.top + self.y + line_height);
            self.page().draws.push(Draw::Rule {
                from: (bx, top),
                to: (bx, bottom),
                width: 1.2,
                color: [0.78, 0.78, 0.78],
            });
        }
        self.push_text(line, x, baseline, stretch, Origin::Text { block });
        self.y += line_height;
    }

    /// Draws `line` (from `origin`) with its left end at `x`, and records
    /// its links: one for each linked run that has text, in order, unless
    /// the line is a repetition (a repeated header row is an artifact, and
    /// a link must belong to the text).
    pub(super) fn push_text(
        &mut self,
        line: &Line,
        x: Pt,
        baseline: Pt,
        stretch: Pt,
        origin: Origin,
    ) {
        let linkable = !matches!(origin, Origin::Repeat | Origin::Furniture);
        for run in line.runs.iter().filter(|r| linkable && !r.text.is_empty()) {
            if let Some(anchor) = &run.link {
                let rx = x + run.x + stretch * run.gaps_before as f32;
                let top = baseline - run.style.rise - 0.9 * run.style.size;
                let bottom = baseline - run.style.rise + 0.3 * run.style.size;
                self.page().links.push(LinkArea {
                    rect: [rx - 1.0, top - 1.0, rx + run.width + 1.0, bottom + 1.0],
                    anchor: anchor.clone(),
                    text: run.text.clone(),
                });
            }
        }
        self.page().draws.push(Draw::Text(PlacedLine {
            x,
            baseline,
            runs: Rc::clone(&line.runs),
            stretch,
            origin,
            end: line.end,
        }));
    }
}
