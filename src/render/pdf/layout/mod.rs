//! The memo's typesetting, independent of the PDF library: line breaking at
//! Unicode break opportunities with hyphenation and justification, then
//! pagination of paragraphs and tables — headings kept with what follows,
//! no single widow or orphan line, table rows split across pages with the
//! header row repeated. Lengths are in points; `y` grows down the page.
//!
//! The types are here; the work is split along its seams: line breaking
//! ([`lines`]), pagination ([`paginate`]), and tables ([`table`]).

mod lines;
mod paginate;
mod table;

use std::collections::HashMap;
use std::rc::Rc;

pub use lines::{LINE_SEPARATOR, break_lines};
pub use paginate::paginate;
#[cfg(test)]
use table::column_widths;

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
    /// Whether it is a quotation within its paragraph (a `Quote` in the
    /// tagged PDF).
    pub quote: bool,
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
    /// Whether it is part of a quotation within its paragraph.
    pub quote: bool,
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
    /// Its runs, left to right; shared with the page it is placed on.
    pub runs: Rc<[Run]>,
    /// Width at natural spacing.
    pub width: Pt,
    /// Stretchable spaces between words.
    pub gaps: usize,
    /// Whether it ends its paragraph (never justified).
    pub last: bool,
    /// What the break after it is, for reading the text across it.
    pub end: LineEnd,
}

/// What ends a line, for reading its text across the break.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LineEnd {
    /// Nothing to read: the paragraph ends, or a word breaks where it
    /// already has a hyphen or a dash, or is cut.
    #[default]
    Plain,
    /// A space between words.
    Space,
    /// A hyphen added to break a word; it ends the last run, and is not
    /// part of the text (the word reads whole).
    Hyphen,
}

impl Line {
    /// The line's text, for tests and text checks.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

// ---------------------------------------------------------------------------
// Blocks and pages

/// What a paragraph is in the document's logical structure: the element
/// it becomes in the tagged PDF's structure tree.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Role {
    /// A paragraph of text (`P`).
    #[default]
    Text,
    /// A heading of level 1 (the title) to 6 (`H1`…`H6`).
    Heading(u8),
    /// An item of a list (`LI`, its marker the `Lbl`, its text the
    /// `LBody`). Items in a row make one list (`L`); an item indented
    /// further than the one before starts a list inside it; an item with
    /// no marker continues the item before.
    ListItem,
    /// A quotation set apart from the text (`BlockQuote`).
    Quote,
}

/// A paragraph (or heading, or list item).
#[derive(Debug, Clone, Default)]
pub struct Para {
    /// What it is in the document's structure.
    pub role: Role,
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
    /// Whether each row's first cell is the header of its row (a form's
    /// labels, such as TO and FROM).
    pub row_headers: bool,
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

/// Where a placed line of text comes from: which block, and which part
/// of it, so that the tagged PDF can file its text under the right element.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Origin {
    /// Not the document's text: page furniture (the marking, page
    /// numbers).
    #[default]
    Furniture,
    /// A table's header row drawn again on a later page: a repetition of
    /// text already read.
    Repeat,
    /// The text of block `block` (its index in the blocks laid out).
    Text {
        /// The block's index.
        block: usize,
    },
    /// The marker (bullet or number) of list item `block`.
    Marker {
        /// The block's index.
        block: usize,
    },
    /// A cell of table `block`: `row` 0 is the header row when the table
    /// has one, and the rows follow.
    Cell {
        /// The block's index.
        block: usize,
        /// The row, counting the header row.
        row: usize,
        /// The column.
        column: usize,
    },
}

/// A line of text placed on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedLine {
    /// Left end, from the page's left edge.
    pub x: Pt,
    /// Baseline, from the page's top edge.
    pub baseline: Pt,
    /// The runs (those of the [`Line`] placed).
    pub runs: Rc<[Run]>,
    /// Extra width added to each stretchable space (justification).
    pub stretch: Pt,
    /// Where it comes from.
    pub origin: Origin,
    /// What the break after it is (the [`Line`]'s).
    pub end: LineEnd,
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
    /// The linked text (a citation marker's number).
    pub text: String,
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
            quote: false,
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
                quote: false,
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
    fn a_word_of_100000_letters_is_cut_in_linear_time() {
        // Measured whole for every line, or hyphenated, it took minutes.
        let long = "abcdefghij".repeat(10_000);
        for align in [Align::Left, Align::Justify] {
            let lines = break_lines(&Mono, &[span("a "), span(&long)], 300.0, align);
            assert!(lines.iter().all(|l| l.width <= 300.0));
            let per_line = (300.0 / (0.5 * BODY.size)) as usize;
            assert_eq!(lines.len(), 1 + 100_000_usize.div_ceil(per_line));
            assert_eq!(lines[1].text().len(), per_line);
        }
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
                quote: false,
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
