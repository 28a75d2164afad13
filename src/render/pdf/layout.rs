//! The memo's typesetting, independent of the PDF library: line breaking at
//! Unicode break opportunities with hyphenation and justification, then
//! pagination of paragraphs and tables — headings kept with what follows,
//! no single widow or orphan line, table rows split across pages with the
//! header row repeated. Lengths are in points; `y` grows down the page.

use std::collections::HashMap;
use std::sync::OnceLock;

use hyphenation::{Hyphenator, Language, Load, Standard};
use unicode_linebreak::{BreakOpportunity, linebreaks};

/// Points.
pub type Pt = f32;

/// The type faces a memo uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    /// Body text.
    Serif,
    /// Emphasis.
    SerifItalic,
    /// Strong emphasis in body text.
    SerifBold,
    /// Small print, table heads, page furniture.
    Sans,
    /// Headings.
    SansBold,
}

/// How a run of text looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    /// The face.
    pub face: Face,
    /// The size.
    pub size: Pt,
    /// The colour, RGB from 0 to 1.
    pub color: [f32; 3],
    /// How far the baseline is raised (superscripts).
    pub rise: Pt,
}

/// Glyph advances of the faces, as a fraction of the em.
pub trait Metrics {
    /// The advance width of `c` in `face`, in ems.
    fn advance(&self, face: Face, c: char) -> f32;
}

/// A piece of text in one style, optionally a link to an anchor.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// The text; runs of white space count as one space.
    pub text: String,
    /// Its style.
    pub style: Style,
    /// The anchor it links to.
    pub link: Option<String>,
}

/// How lines sit between the margins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Ragged right.
    Left,
    /// Both edges straight, but the last line.
    Justify,
    /// Centred.
    Center,
    /// Ragged left.
    Right,
}

/// A run of one style within a line.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// The text, spaces included.
    pub text: String,
    /// Its style.
    pub style: Style,
    /// The anchor it links to.
    pub link: Option<String>,
    /// Offset from the line's start at natural spacing.
    pub x: Pt,
    /// Width at natural spacing.
    pub width: Pt,
    /// Stretchable spaces in the line before this run.
    pub gaps_before: usize,
}

/// One line of a broken paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Its runs, left to right.
    pub runs: Vec<Run>,
    /// Width at natural spacing.
    pub width: Pt,
    /// Stretchable spaces between words.
    pub gaps: usize,
    /// Whether it ends its paragraph (never justified).
    pub last: bool,
}

impl Line {
    /// The line's text, for tests and text checks.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

/// The shared US English hyphenation patterns.
fn hyphenator() -> &'static Standard {
    static EN_US: OnceLock<Standard> = OnceLock::new();
    EN_US.get_or_init(|| {
        Standard::from_embedded(Language::EnglishUS).expect("the embedded en-US patterns load")
    })
}

fn text_width(m: &dyn Metrics, text: &str, style: &Style) -> Pt {
    text.chars().map(|c| m.advance(style.face, c)).sum::<f32>() * style.size
}

/// U+2028, the one way to force a line break inside a paragraph or a cell:
/// every other kind of white space collapses to a single space.
pub const LINE_SEPARATOR: char = '\u{2028}';

/// Text flattened from spans, white space collapsed, with each byte's span.
struct Flat<'s> {
    text: String,
    /// (start byte, span index) for each span's stretch of `text`.
    starts: Vec<(usize, usize)>,
    spans: &'s [Span],
}

impl<'s> Flat<'s> {
    fn new(spans: &'s [Span]) -> Flat<'s> {
        let mut text = String::new();
        let mut starts = Vec::new();
        for (i, span) in spans.iter().enumerate() {
            starts.push((text.len(), i));
            for c in span.text.chars() {
                if c == LINE_SEPARATOR {
                    if text.ends_with(' ') {
                        text.pop();
                    }
                    text.push(c);
                } else if c.is_whitespace() {
                    if !text.is_empty() && !text.ends_with([' ', LINE_SEPARATOR]) {
                        text.push(' ');
                    }
                } else if !c.is_control() {
                    text.push(c);
                }
            }
        }
        Flat {
            text,
            starts,
            spans,
        }
    }

    fn span_at(&self, byte: usize) -> usize {
        let i = self.starts.partition_point(|&(s, _)| s <= byte);
        self.starts[i.saturating_sub(1)].1
    }

    /// Pieces of `[start, end)` by span: (start, end, span index).
    fn pieces(&self, start: usize, end: usize) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        let mut at = start;
        while at < end {
            let span = self.span_at(at);
            let next = self
                .starts
                .iter()
                .map(|&(s, _)| s)
                .find(|&s| s > at)
                .unwrap_or(usize::MAX)
                .min(end);
            if next > at {
                out.push((at, next, span));
            }
            at = next;
        }
        out
    }

    /// The width of `[start, end)`, walking spans as it goes (no allocation).
    fn width(&self, m: &dyn Metrics, start: usize, end: usize) -> Pt {
        let mut k = self
            .starts
            .partition_point(|&(s, _)| s <= start)
            .saturating_sub(1);
        let mut next = self.starts.get(k + 1).map_or(usize::MAX, |&(s, _)| s);
        let mut style = &self.spans[self.starts[k].1].style;
        let mut total = 0.0;
        for (i, c) in self.text[start..end].char_indices() {
            while start + i >= next {
                k += 1;
                style = &self.spans[self.starts[k].1].style;
                next = self.starts.get(k + 1).map_or(usize::MAX, |&(s, _)| s);
            }
            total += m.advance(style.face, c) * style.size;
        }
        total
    }
}

/// A stretch of text that may not be broken inside.
#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    /// End of the visible text (trailing spaces excluded).
    end: usize,
    /// A line must end after it.
    mandatory: bool,
}

/// Breaks `spans` into lines of at most `width`, hyphenating a word where a
/// line would otherwise be left loose, and cutting a word longer than a whole
/// line rather than letting it overflow.
pub fn break_lines(m: &dyn Metrics, spans: &[Span], width: Pt, align: Align) -> Vec<Line> {
    let flat = Flat::new(spans);
    if flat.text.trim().is_empty() {
        return Vec::new();
    }
    let mut words = Vec::new();
    let mut start = 0;
    for (pos, kind) in linebreaks(&flat.text) {
        if pos == 0 {
            continue;
        }
        let chunk = &flat.text[start..pos];
        let trimmed = chunk.trim_end_matches([' ', LINE_SEPARATOR]);
        words.push(Word {
            start,
            end: start + trimmed.len(),
            mandatory: kind == BreakOpportunity::Mandatory && pos < flat.text.len(),
        });
        start = pos;
    }

    let mut lines: Vec<(usize, usize, bool)> = Vec::new(); // (start, end, hyphen)
    let mut line_start: Option<usize> = None;
    let mut line_end = 0;
    // Width of the line so far up to `line_end`, and of the spaces after it.
    let (mut used, mut pending_space) = (0.0, 0.0);
    let mut queue: std::collections::VecDeque<Word> = words.into();
    while let Some(word) = queue.pop_front() {
        let start = line_start.unwrap_or(word.start);
        let word_width = flat.width(m, word.start, word.end);
        let needed = if line_start.is_some() {
            used + pending_space + word_width
        } else {
            word_width
        };
        if needed <= width + 0.01 {
            line_start = Some(start);
            line_end = word.end;
            used = needed;
            let space_end = queue.front().map_or(word.end, |w| w.start);
            pending_space = flat.width(m, word.end, space_end);
            if word.mandatory {
                lines.push((start, line_end, false));
                line_start = None;
            }
            continue;
        }
        // The word does not fit on this line.
        if let Some(ls) = line_start {
            let gaps = flat.text[ls..line_end].matches(' ').count() + 1;
            // Only justified text is hyphenated to fill a line: ragged
            // text reads better unbroken.
            let loose =
                align == Align::Justify && (width - used) / gaps as f32 > 0.3 * spans[0].style.size;
            if loose && let Some(cut) = hyphen_point(m, &flat, word, ls, width) {
                lines.push((ls, cut, true));
                line_start = None;
                queue.push_front(Word { start: cut, ..word });
                continue;
            }
            lines.push((ls, line_end, false));
            line_start = None;
            queue.push_front(word);
            continue;
        }
        // Alone on a line and still too wide: hyphenate, else cut.
        if let Some(cut) = hyphen_point(m, &flat, word, word.start, width) {
            lines.push((word.start, cut, true));
        } else {
            let cut = cut_point(m, &flat, word.start, word.end, width);
            lines.push((word.start, cut, false));
            queue.push_front(Word { start: cut, ..word });
            continue;
        }
        let cut = lines.last().unwrap().1;
        queue.push_front(Word { start: cut, ..word });
    }
    if let Some(ls) = line_start {
        lines.push((ls, line_end, false));
    }

    let count = lines.len();
    lines
        .into_iter()
        .enumerate()
        .map(|(i, (s, e, hyphen))| make_line(m, &flat, s, e, hyphen, i + 1 == count))
        .collect()
}

/// The end of the longest hyphenated start of `word` that fits on the line
/// begun at `line_start` (with its hyphen), if any.
fn hyphen_point(
    m: &dyn Metrics,
    flat: &Flat,
    word: Word,
    line_start: usize,
    width: Pt,
) -> Option<usize> {
    let text = &flat.text[word.start..word.end];
    // Hyphenate the letters only: leading and trailing punctuation stays put.
    let lead = text.len() - text.trim_start_matches(|c: char| !c.is_alphabetic()).len();
    let core = text[lead..].trim_end_matches(|c: char| !c.is_alphabetic());
    if core.chars().count() < 5 || !core.chars().all(char::is_alphabetic) {
        return None;
    }
    let style = flat.spans[flat.span_at(word.start)].style;
    let hyphen = text_width(m, "-", &style);
    let breaks = hyphenator().hyphenate(core).breaks;
    breaks
        .into_iter()
        .rev()
        .map(|b| word.start + lead + b)
        .find(|&cut| flat.width(m, line_start, cut) + hyphen <= width + 0.01)
}

/// Where to cut a run of text wider than a line: after the last `/`, `-`,
/// `.`, `?`, `&` or `=` that fits (URLs), else after the last character that
/// fits — always at least one character.
fn cut_point(m: &dyn Metrics, flat: &Flat, start: usize, end: usize, width: Pt) -> usize {
    let mut fit = start;
    let mut soft = None;
    for (i, c) in flat.text[start..end].char_indices() {
        let next = start + i + c.len_utf8();
        if flat.width(m, start, next) > width && fit > start {
            break;
        }
        fit = next;
        if matches!(c, '/' | '-' | '.' | '?' | '&' | '=' | '_') && next < end {
            soft = Some(next);
        }
    }
    match soft {
        Some(s) if flat.width(m, start, s) > 0.5 * width => s,
        _ => fit,
    }
}

fn make_line(
    m: &dyn Metrics,
    flat: &Flat,
    start: usize,
    end: usize,
    hyphen: bool,
    last: bool,
) -> Line {
    let end = start + flat.text[start..end].trim_end_matches(' ').len();
    let mut runs: Vec<Run> = Vec::new();
    let mut x = 0.0;
    let mut gaps = 0;
    for (s, e, i) in flat.pieces(start, end) {
        let span = &flat.spans[i];
        let text = &flat.text[s..e];
        let w = text_width(m, text, &span.style);
        match runs.last_mut() {
            Some(r) if r.style == span.style && r.link == span.link => {
                r.text.push_str(text);
                r.width += w;
            }
            _ => runs.push(Run {
                text: text.to_string(),
                style: span.style,
                link: span.link.clone(),
                x,
                width: w,
                gaps_before: gaps,
            }),
        }
        gaps += text.matches(' ').count();
        x += w;
    }
    if hyphen && let Some(r) = runs.last_mut() {
        let w = text_width(m, "-", &r.style);
        r.text.push('-');
        r.width += w;
        x += w;
    }
    Line {
        runs,
        width: x,
        gaps,
        last,
    }
}

// ---------------------------------------------------------------------------
// Blocks and pages

/// A paragraph (or heading, or list item).
#[derive(Debug, Clone, Default)]
pub struct Para {
    /// The text.
    pub spans: Vec<Span>,
    /// How its lines sit.
    pub align: Option<Align>,
    /// Indent from the left margin.
    pub left: Pt,
    /// A bullet or number set in the indent, right-aligned before `left`.
    pub marker: Vec<Span>,
    /// Space above (dropped at the top of a page).
    pub space_before: Pt,
    /// Space below.
    pub space_after: Pt,
    /// Line height as a multiple of the largest text size.
    pub leading: f32,
    /// Must stand on the same page as the start of the next block.
    pub keep_with_next: bool,
    /// Draw a thin bar in the indent beside every line (quotations).
    pub bar: bool,
    /// An outline entry for this paragraph: level (0 = top) and title.
    pub bookmark: Option<(usize, String)>,
    /// A name links can point at.
    pub anchor: Option<String>,
    /// Draw a rule under the last line.
    pub rule_below: Option<([f32; 3], Pt)>,
}

/// A table cell.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    /// Its text.
    pub spans: Vec<Span>,
}

/// A table: a header row repeated on every page it runs over, and rows.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// The header cells (may be empty: no header).
    pub header: Vec<Cell>,
    /// The rows.
    pub rows: Vec<Vec<Cell>>,
    /// Space above.
    pub space_before: Pt,
    /// Space below.
    pub space_after: Pt,
    /// Padding above and below cell text.
    pub pad_y: Pt,
    /// Space between columns.
    pub gap_x: Pt,
    /// Rules under the header and between rows.
    pub rules: bool,
    /// Line height as a multiple of text size.
    pub leading: f32,
    /// Columns whose cells never wrap (values, dates), by index.
    pub nowrap: Vec<usize>,
}

/// Something placed on the pages in turn.
#[derive(Debug, Clone)]
pub enum Block {
    /// A paragraph.
    Para(Para),
    /// A table.
    Table(Table),
    /// The next block starts on a new page (unless this one is still empty).
    PageBreak,
    /// A horizontal rule across the text block.
    Rule {
        /// Its colour.
        color: [f32; 3],
        /// Its thickness.
        width: Pt,
        /// Space above (dropped at the top of a page).
        space_before: Pt,
        /// Space below.
        space_after: Pt,
    },
}

/// The page and its margins.
#[derive(Debug, Clone, Copy)]
pub struct PageSpec {
    /// Page width.
    pub width: Pt,
    /// Page height.
    pub height: Pt,
    /// Top margin.
    pub top: Pt,
    /// Bottom margin.
    pub bottom: Pt,
    /// Left margin.
    pub left: Pt,
    /// Right margin.
    pub right: Pt,
}

impl PageSpec {
    fn content_width(&self) -> Pt {
        self.width - self.left - self.right
    }
    fn content_height(&self) -> Pt {
        self.height - self.top - self.bottom
    }
}

/// A line of text placed on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedLine {
    /// Left end, from the page's left edge.
    pub x: Pt,
    /// Baseline, from the page's top edge.
    pub baseline: Pt,
    /// The runs.
    pub runs: Vec<Run>,
    /// Extra width added to each stretchable space (justification).
    pub stretch: Pt,
}

/// What is drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Draw {
    /// A line of text.
    Text(PlacedLine),
    /// A straight rule.
    Rule {
        /// Start, from the page's top-left corner.
        from: (Pt, Pt),
        /// End.
        to: (Pt, Pt),
        /// Stroke width.
        width: Pt,
        /// Colour.
        color: [f32; 3],
    },
}

/// A clickable area that goes to an anchor.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkArea {
    /// Left, top, right, bottom, from the page's top-left corner.
    pub rect: [Pt; 4],
    /// The anchor.
    pub anchor: String,
}

/// One laid-out page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// What to draw.
    pub draws: Vec<Draw>,
    /// Link areas.
    pub links: Vec<LinkArea>,
}

/// An outline entry with its place.
#[derive(Debug, Clone, PartialEq)]
pub struct Bookmark {
    /// Nesting level (0 = top).
    pub level: usize,
    /// Title.
    pub title: String,
    /// Page index (0-based).
    pub page: usize,
    /// Position of the heading's top, from the page's top edge.
    pub y: Pt,
}

/// The laid-out document.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The pages.
    pub pages: Vec<Page>,
    /// Where each anchor landed: page index and y from the top.
    pub anchors: HashMap<String, (usize, Pt)>,
    /// The outline.
    pub bookmarks: Vec<Bookmark>,
    /// How far down the last page the text reaches, as a fraction of the
    /// text block: the document runs to `pages.len() - 1 + last_page_fill`
    /// pages.
    pub last_page_fill: f32,
}

impl Document {
    /// How many pages the text fills, the last one in part (`1.4`).
    pub fn pages_filled(&self) -> f32 {
        self.pages.len().saturating_sub(1) as f32 + self.last_page_fill
    }
}

/// A block with its lines broken, ready to be placed.
enum Prepared<'b> {
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
            Prepared::Table { .. } => p.place_table(&prepared[i]),
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

/// Column widths from content: every column gets at least its longest word
/// (when that fits at all); the rest of the width goes to columns in
/// proportion to how much more their text wants.
fn column_widths(m: &dyn Metrics, table: &Table, columns: usize, total: Pt) -> Vec<Pt> {
    let available = total - table.gap_x * (columns.saturating_sub(1)) as f32;
    let mut min = vec![0.0f32; columns];
    let mut max = vec![0.0f32; columns];
    for row in std::iter::once(&table.header).chain(table.rows.iter()) {
        for (c, cell) in row.iter().enumerate().take(columns) {
            let natural = break_lines(m, &cell.spans, f32::MAX, Align::Left);
            let full = natural.iter().map(|l| l.width).fold(0.0, f32::max);
            let longest_word = cell
                .spans
                .iter()
                .flat_map(|s| {
                    s.text
                        .split_whitespace()
                        .map(move |w| text_width(m, w, &s.style))
                })
                .fold(0.0, f32::max);
            // A no-wrap column may take up to half the table; any column
            // at least its longest word, up to an equal share.
            let (unbreakable, cap) = if table.nowrap.contains(&c) {
                (full, available / 2.0)
            } else {
                (longest_word, available / columns as f32)
            };
            min[c] = min[c].max(unbreakable.min(cap));
            max[c] = max[c].max(full);
        }
    }
    let min_total: Pt = min.iter().sum();
    let max_total: Pt = max.iter().sum();
    if max_total <= available {
        // Everything fits on one line: give the spare room to the widest.
        let spare = available - max_total;
        let widest = (0..columns)
            .max_by(|&a, &b| max[a].total_cmp(&max[b]))
            .unwrap_or(0);
        return (0..columns)
            .map(|c| max[c] + if c == widest { spare } else { 0.0 })
            .collect();
    }
    if min_total >= available {
        return min.iter().map(|w| w * available / min_total).collect();
    }
    let want: Pt = (0..columns).map(|c| max[c] - min[c]).sum();
    let spare = available - min_total;
    (0..columns)
        .map(|c| {
            min[c]
                + if want > 0.0 {
                    spare * (max[c] - min[c]) / want
                } else {
                    spare / columns as f32
                }
        })
        .collect()
}

struct Paginator {
    spec: PageSpec,
    doc: Document,
    /// Distance from the top of the content area on the current page.
    y: Pt,
}

impl Paginator {
    fn page(&mut self) -> &mut Page {
        self.doc.pages.last_mut().expect("there is always a page")
    }

    fn new_page(&mut self) {
        self.doc.pages.push(Page::default());
        self.y = 0.0;
    }

    fn room(&self) -> Pt {
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
                    para,
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

    fn place_line(&mut self, para: &Para, line: &Line, line_height: Pt, marker: Option<&Line>) {
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
                runs: marker.runs.clone(),
                stretch: 0.0,
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
        self.push_text(line, x, baseline, stretch);
        self.y += line_height;
    }

    /// Draws `line` with its left end at `x`, and records its links.
    fn push_text(&mut self, line: &Line, x: Pt, baseline: Pt, stretch: Pt) {
        for run in &line.runs {
            if let Some(anchor) = &run.link {
                let rx = x + run.x + stretch * run.gaps_before as f32;
                let top = baseline - run.style.rise - 0.9 * run.style.size;
                let bottom = baseline - run.style.rise + 0.3 * run.style.size;
                self.page().links.push(LinkArea {
                    rect: [rx - 1.0, top - 1.0, rx + run.width + 1.0, bottom + 1.0],
                    anchor: anchor.clone(),
                });
            }
        }
        self.page().draws.push(Draw::Text(PlacedLine {
            x,
            baseline,
            runs: line.runs.clone(),
            stretch,
        }));
    }

    fn place_table(&mut self, prepared: &Prepared) {
        let Prepared::Table {
            table,
            widths,
            header,
            rows,
            line_heights,
        } = prepared
        else {
            return;
        };
        let row_height = |cells: &Vec<Vec<Line>>, lh: Pt| {
            cells.iter().map(Vec::len).max().unwrap_or(0) as f32 * lh + 2.0 * table.pad_y
        };
        let header_h = if table.header.is_empty() {
            0.0
        } else {
            row_height(header, line_heights.0)
        };
        if self.y > 0.0 {
            self.y += table.space_before;
        }
        let first_row_h = rows
            .first()
            .map_or(0.0, |r| row_height(r, line_heights.1[0]));
        if self.y > 0.0
            && header_h + first_row_h > self.room()
            && header_h + first_row_h <= self.spec.content_height()
        {
            self.new_page();
        }
        if header_h > 0.0 {
            self.draw_row(table, widths, header, line_heights.0, true);
        }
        for (r, cells) in rows.iter().enumerate() {
            let lh = line_heights.1[r];
            let mut rest: Vec<&[Line]> = cells.iter().map(Vec::as_slice).collect();
            loop {
                let needed =
                    rest.iter().map(|c| c.len()).max().unwrap_or(0) as f32 * lh + 2.0 * table.pad_y;
                if needed <= self.room() + 0.001 {
                    let owned: Vec<Vec<Line>> = rest.iter().map(|c| c.to_vec()).collect();
                    self.draw_row(table, widths, &owned, lh, false);
                    break;
                }
                let full_page = self.spec.content_height() - header_h;
                if needed <= full_page || self.room() < 2.0 * lh + 2.0 * table.pad_y {
                    // Move the row whole to the next page (or split it there
                    // if it is taller than a page).
                    self.new_page();
                    if header_h > 0.0 {
                        self.draw_row(table, widths, header, line_heights.0, true);
                    }
                    if needed <= self.room() + 0.001 {
                        continue;
                    }
                }
                // A row taller than a page: split its cells' lines.
                let fit = ((self.room() - 2.0 * table.pad_y) / lh).floor().max(1.0) as usize;
                let part: Vec<Vec<Line>> = rest
                    .iter()
                    .map(|c| c[..fit.min(c.len())].to_vec())
                    .collect();
                self.draw_row(table, widths, &part, lh, false);
                rest = rest.iter().map(|c| &c[fit.min(c.len())..]).collect();
                self.new_page();
                if header_h > 0.0 {
                    self.draw_row(table, widths, header, line_heights.0, true);
                }
            }
        }
        self.y += table.space_after;
    }

    fn draw_row(
        &mut self,
        table: &Table,
        widths: &[Pt],
        cells: &[Vec<Line>],
        lh: Pt,
        header: bool,
    ) {
        let height = cells.iter().map(Vec::len).max().unwrap_or(0) as f32 * lh + 2.0 * table.pad_y;
        let mut x = self.spec.left;
        let top = self.y;
        for (c, lines) in cells.iter().enumerate() {
            for (k, line) in lines.iter().enumerate() {
                let size = lh / table.leading.max(1.0);
                let baseline = self.spec.top
                    + top
                    + table.pad_y
                    + k as f32 * lh
                    + (lh - size) / 2.0
                    + 0.8 * size;
                self.push_text(line, x, baseline, 0.0);
            }
            x += widths[c] + table.gap_x;
        }
        self.y += height;
        if table.rules {
            let y = self.spec.top + self.y;
            let (width, color) = if header {
                (0.9, [0.1, 0.1, 0.1])
            } else {
                (0.4, [0.75, 0.75, 0.75])
            };
            let (x0, x1) = (self.spec.left, self.spec.width - self.spec.right);
            self.page().draws.push(Draw::Rule {
                from: (x0, y),
                to: (x1, y),
                width,
                color,
            });
        }
    }
}

#[cfg(test)]
mod tests_support {
    use super::*;

    /// Every character half an em wide: easy arithmetic.
    pub struct Mono;
    impl Metrics for Mono {
        fn advance(&self, _: Face, _: char) -> f32 {
            0.5
        }
    }

    pub const BODY: Style = Style {
        face: Face::Serif,
        size: 10.0,
        color: [0.0; 3],
        rise: 0.0,
    };

    pub fn span(text: &str) -> Span {
        Span {
            text: text.into(),
            style: BODY,
            link: None,
        }
    }

    pub fn spec() -> PageSpec {
        // 100 pt of content height: 8 lines of 12.5 pt.
        PageSpec {
            width: 200.0,
            height: 140.0,
            top: 20.0,
            bottom: 20.0,
            left: 20.0,
            right: 20.0,
        }
    }

    pub fn para(words: usize) -> Para {
        Para {
            spans: vec![span(&vec!["word"; words].join(" "))],
            leading: 1.25,
            ..Para::default()
        }
    }

    pub fn lines_per_page(doc: &Document) -> Vec<usize> {
        doc.pages
            .iter()
            .map(|p| {
                p.draws
                    .iter()
                    .filter(|d| matches!(d, Draw::Text(_)))
                    .count()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::tests_support::*;
    use super::*;

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(Line::text).collect()
    }

    #[test]
    fn breaks_at_spaces_and_keeps_lines_within_the_width() {
        // 5 pt a character: 60 pt is 12 characters.
        let lines = break_lines(
            &Mono,
            &[span("the quick brown fox jumps over the lazy dog")],
            60.0,
            Align::Left,
        );
        assert_eq!(
            texts(&lines),
            ["the quick", "brown fox", "jumps over", "the lazy dog"]
        );
        assert!(lines.iter().all(|l| l.width <= 60.0));
        assert!(lines.last().unwrap().last && !lines[0].last);
    }

    #[test]
    fn a_line_feed_ends_the_line_and_is_not_drawn() {
        let lines = break_lines(
            &Mono,
            &[span("date not given \u{2028}reported 2025")],
            500.0,
            Align::Left,
        );
        assert_eq!(texts(&lines), ["date not given", "reported 2025"]);
        assert_eq!(lines[0].width, 14.0 * 5.0);
    }

    #[test]
    fn white_space_collapses_and_styles_make_runs() {
        let bold = Style {
            face: Face::SerifBold,
            ..BODY
        };
        let spans = [
            span("Said  by\n"),
            Span {
                text: "Zeya".into(),
                style: bold,
                link: None,
            },
            span(", today."),
        ];
        let lines = break_lines(&Mono, &spans, 500.0, Align::Left);
        assert_eq!(texts(&lines), ["Said by Zeya, today."]);
        let runs: Vec<(&str, Face, Pt)> = lines[0]
            .runs
            .iter()
            .map(|r| (r.text.as_str(), r.style.face, r.x))
            .collect();
        assert_eq!(
            runs,
            [
                ("Said by ", Face::Serif, 0.0),
                ("Zeya", Face::SerifBold, 40.0),
                (", today.", Face::Serif, 60.0)
            ]
        );
        assert_eq!(lines[0].gaps, 3);
        assert_eq!(lines[0].runs[2].gaps_before, 2);
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut_not_overflowing() {
        let long = "x".repeat(200);
        let lines = break_lines(&Mono, &[span(&long)], 100.0, Align::Left);
        assert!(
            lines.iter().all(|l| l.width <= 100.0),
            "{:?}",
            lines.iter().map(|l| l.width).collect::<Vec<_>>()
        );
        assert_eq!(lines.iter().map(|l| l.text()).collect::<String>(), long);
        assert_eq!(lines.len(), 10);
    }

    #[test]
    fn urls_are_cut_after_a_slash() {
        let url = "https://www.example.org/a-long-path/to/some-document-with-a-long-name";
        let lines = break_lines(&Mono, &[span(url)], 150.0, Align::Left);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.width <= 150.0));
        assert_eq!(lines.iter().map(|l| l.text()).collect::<String>(), url);
    }

    #[test]
    fn hyphenates_rather_than_leave_a_loose_justified_line() {
        // 14 characters fit. "an" leaves 12 free: "representation" must be split.
        let lines = break_lines(
            &Mono,
            &[span("an representation of it")],
            70.0,
            Align::Justify,
        );
        assert!(lines[0].text().ends_with('-'), "{:?}", texts(&lines));
        assert!(
            lines[0].text().starts_with("an repre"),
            "{:?}",
            texts(&lines)
        );
        assert!(lines.iter().all(|l| l.width <= 70.0));
        let joined: String = texts(&lines).join("|");
        assert_eq!(
            joined.replace("-|", "").replace('|', " "),
            "an representation of it"
        );
    }

    #[test]
    fn does_not_hyphenate_when_the_line_is_already_full() {
        let lines = break_lines(
            &Mono,
            &[span("abcdefghijkl representation")],
            70.0,
            Align::Justify,
        );
        assert_eq!(texts(&lines), ["abcdefghijkl", "representation"]);
    }

    #[test]
    fn marker_runs_stay_attached_to_their_word() {
        let sup = Style {
            size: 6.0,
            rise: 3.0,
            ..BODY
        };
        let spans = [
            span("“a quoted statement.”"),
            Span {
                text: "1,2".into(),
                style: sup,
                link: Some("source-1".into()),
            },
        ];
        let lines = break_lines(&Mono, &spans, 105.0, Align::Left);
        let last = lines.last().unwrap();
        assert!(
            last.text().ends_with("statement.”1,2"),
            "{:?}",
            texts(&lines)
        );
        assert_eq!(last.runs.last().unwrap().link.as_deref(), Some("source-1"));
    }

    #[test]
    fn no_single_orphan_or_widow() {
        // 160 pt wide: 32 characters, 6 words of "word " per line.
        let filler = para(6 * 7); // 7 lines: one line of room left on page 1
        let four = para(6 * 4); // 4 lines
        let doc = paginate(
            &Mono,
            &spec(),
            &[Block::Para(filler.clone()), Block::Para(four)],
        );
        // One line would be an orphan: the paragraph starts on page 2.
        assert_eq!(lines_per_page(&doc), [7, 4]);

        let filler = para(6 * 5); // 5 lines: 3 lines of room left
        let doc = paginate(
            &Mono,
            &spec(),
            &[Block::Para(filler), Block::Para(para(6 * 4))],
        );
        // 3 would leave a single widow: 2 and 2.
        assert_eq!(lines_per_page(&doc), [7, 2]);
    }

    #[test]
    fn a_heading_is_never_left_at_the_foot_of_a_page() {
        let heading = Para {
            keep_with_next: true,
            bookmark: Some((0, "H".into())),
            ..para(1)
        };
        let doc = paginate(
            &Mono,
            &spec(),
            &[
                Block::Para(para(6 * 6)),
                Block::Para(heading),
                Block::Para(para(6 * 3)),
            ],
        );
        // 6 lines + heading + 2 lines would not fit on page 1: the heading moves.
        assert_eq!(lines_per_page(&doc), [6, 4]);
        assert_eq!(doc.bookmarks[0].page, 1);
    }

    #[test]
    fn tables_split_between_rows_and_repeat_their_header() {
        let cell = |t: &str| Cell {
            spans: vec![span(t)],
        };
        let table = Table {
            header: vec![cell("Figure"), cell("Value")],
            rows: (0..20)
                .map(|i| vec![cell(&format!("row {i}")), cell("46")])
                .collect(),
            leading: 1.25,
            rules: true,
            ..Table::default()
        };
        let doc = paginate(&Mono, &spec(), &[Block::Table(table)]);
        assert!(doc.pages.len() >= 3);
        for page in &doc.pages {
            let first = page.draws.iter().find_map(|d| match d {
                Draw::Text(l) => Some(l.runs[0].text.clone()),
                _ => None,
            });
            assert_eq!(
                first.as_deref(),
                Some("Figure"),
                "every page starts with the header"
            );
        }
        let rows: usize = doc
            .pages
            .iter()
            .flat_map(|p| &p.draws)
            .filter(|d| matches!(d, Draw::Text(l) if l.runs[0].text.starts_with("row")))
            .count();
        assert_eq!(rows, 20);
    }

    #[test]
    fn a_row_taller_than_a_page_is_split() {
        let cell = |t: &str| Cell {
            spans: vec![span(t)],
        };
        let table = Table {
            header: vec![cell("H")],
            rows: vec![vec![cell(&vec!["word"; 6 * 20].join(" "))]],
            leading: 1.25,
            ..Table::default()
        };
        let doc = paginate(&Mono, &spec(), &[Block::Table(table)]);
        let words: usize = doc
            .pages
            .iter()
            .flat_map(|p| &p.draws)
            .map(|d| match d {
                Draw::Text(l) => l.runs.iter().map(|r| r.text.matches("word").count()).sum(),
                _ => 0,
            })
            .sum();
        assert_eq!(words, 120);
        assert!(doc.pages.len() >= 3);
    }

    #[test]
    fn column_widths_follow_content() {
        let cell = |t: &str| Cell {
            spans: vec![span(t)],
        };
        let table = Table {
            header: vec![cell("Label"), cell("N")],
            rows: vec![vec![
                cell("a long label that needs to wrap across lines"),
                cell("46"),
            ]],
            gap_x: 10.0,
            ..Table::default()
        };
        let w = column_widths(&Mono, &table, 2, 160.0);
        assert!((w[0] + w[1] + 10.0 - 160.0).abs() < 0.01);
        assert!(w[1] >= 10.0 && w[1] < 30.0, "{w:?}");
    }
}

#[cfg(test)]
mod keep_tests {
    use super::tests_support::*;
    use super::*;

    #[test]
    fn a_heading_followed_by_a_short_paragraph_moves_with_all_of_it() {
        // Six lines leave room for the heading and two lines, not three: the
        // three-line paragraph cannot split, so the heading goes with it.
        let heading = Para {
            keep_with_next: true,
            ..para(1)
        };
        let doc = paginate(
            &Mono,
            &spec(),
            &[
                Block::Para(para(6 * 5)),
                Block::Para(heading),
                Block::Para(para(6 * 3)),
            ],
        );
        assert_eq!(lines_per_page(&doc), [5, 4]);
    }
}
