//! The fuzz targets: one function a target, each taking the fuzzer's bytes
//! and driving one of Dossier's parsers or engines with them. A panic, a
//! hang or a memory blow-up is a finding. The same functions run in the
//! normal test suite over the seed corpora and every crash reproducer
//! (`tests/fuzz_regressions.rs`), so a fixed crash stays fixed.
//!
//! The document readers run in production inside a child process that
//! turns a panic into a message ("the reader failed on this file"); their
//! targets mirror that: a panic inside a third-party reader (pdf-extract,
//! lopdf, zip, scraper …) is tolerated and counted, a panic in Dossier's own
//! code is a crash.

use std::panic::{self, AssertUnwindSafe};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use dossier::Dataset;
use dossier::assemble::Memo;
use dossier::brief_file::{BriefFile, Form};
use dossier::dataset::DatasetFiles;
use dossier::date::{Date, DateRange};
use dossier::ingest::read::{self, Format};
use dossier::ingest::when;
use dossier::ledger::{Followed, Ledger};
use dossier::render::html::HtmlRenderer;
use dossier::render::memo_for;
use dossier::render::pdf::fonts::Fonts;
use dossier::render::pdf::layout::{
    Align, Block, Cell, Face, PageSpec, Para, Role, Span, Style, Table, paginate,
};
use dossier::render::pdf::writer;

/// A fuzz target: it takes the fuzzer's bytes and panics on a finding.
pub type Target = fn(&[u8]);

/// The targets by name, as `DOSSIER_FUZZ_TARGET` and the corpus folders
/// under `fuzz/corpus/` name them.
pub const TARGETS: [(&str, Target); 10] = [
    ("dataset", dataset),
    ("brief", brief),
    ("date", date),
    ("layout", layout),
    ("html", html),
    ("read-text", read_text),
    ("read-html", read_html),
    ("read-pdf", read_pdf),
    ("read-docx", read_docx),
    ("markdown", markdown),
];

/// The target called `name`.
pub fn target(name: &str) -> Option<Target> {
    TARGETS.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}

fn memo_date() -> Date {
    Date::day(2024, 6, 1).expect("a real day")
}

fn embedded_with_ledger() -> &'static Followed {
    static DATA: OnceLock<Followed> = OnceLock::new();
    DATA.get_or_init(|| Followed::embedded().expect("the embedded dataset loads"))
}

fn embedded() -> &'static Dataset {
    &embedded_with_ledger().data
}

fn ledger() -> &'static Ledger {
    &embedded_with_ledger().ledger
}

fn renderer() -> &'static HtmlRenderer {
    static RENDERER: OnceLock<HtmlRenderer> = OnceLock::new();
    RENDERER.get_or_init(|| HtmlRenderer::new(None).expect("the built-in templates compile"))
}

/// A dataset folder written as one text: each file starts with a line
/// `=== path/inside/the/folder`, the lines up to the next such line are
/// its text. This is also the format of the `dataset` seeds.
pub fn dataset_files(text: &str) -> DatasetFiles {
    let mut files: Vec<(String, String)> = Vec::new();
    for line in text.split_inclusive('\n') {
        if let Some(path) = line.strip_prefix("=== ") {
            files.push((path.trim_end().to_string(), String::new()));
        } else if let Some((_, body)) = files.last_mut() {
            body.push_str(line);
        }
    }
    DatasetFiles {
        root: "fuzz".into(),
        files,
        cache: None,
    }
}

/// A dataset folder from the fuzzer: loaded and validated with its ledger;
/// a valid one is assembled into the full brief and rendered as HTML.
pub fn dataset(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    if let Ok(f) = Followed::load(&dataset_files(&text))
        && let Ok(brief) = memo_for(&f.data, &f.ledger, &BriefFile::default(), memo_date())
    {
        renderer().render(&brief).expect("a valid brief renders");
    }
}

/// A brief file: parsed and, when it parses, assembled over the embedded
/// dataset (with the drafter's Markdown and citations) and rendered as HTML.
pub fn brief(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    if let Ok(file) = BriefFile::parse("fuzz.brief.toml", &text, embedded())
        && let Ok(brief) = memo_for(embedded(), ledger(), &file, memo_date())
    {
        renderer().render(&brief).expect("a valid brief renders");
    }
}

/// The drafter's Markdown, alone: the bytes split into a bottom line, two
/// talking points and a comment, assembled and rendered in the memo form.
pub fn markdown(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let mut parts = text.splitn(4, '\u{0}');
    let mut file = BriefFile::default();
    file.memo.form = Form::Memo;
    file.memo.bottom_line = parts.next().map(str::to_string);
    file.memo.talking_points = parts.by_ref().take(2).map(str::to_string).collect();
    if let Some(comment) = parts.next() {
        file.comments.insert("assembly".into(), comment.to_string());
    }
    if let Ok(brief) = memo_for(embedded(), ledger(), &file, memo_date()) {
        renderer().render(&brief).expect("a valid brief renders");
    }
}

/// Dates: the dataset's date syntax, ranges, dates in prose and in
/// document metadata.
pub fn date(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let (a, b) = text.split_once('\n').unwrap_or((&text, ""));
    let from = a.trim().parse::<Date>().ok();
    let to = b.trim().parse::<Date>().ok();
    if let Ok(range) = DateRange::new(from, to)
        && let (Some(from), Some(to)) = (from, to)
    {
        assert!(
            range.contains(&from) && range.contains(&to),
            "a range holds its ends"
        );
    }
    for d in [from, to].into_iter().flatten() {
        let _ = d.human();
        let shown = d.to_string();
        assert_eq!(
            shown.parse::<Date>().ok(),
            Some(d),
            "a date reads back as itself"
        );
    }
    let _ = read::date_from_metadata(&text);
    let _ = when::dates_in(&text, memo_date());
    let _ = when::dateline_len(&text, memo_date());
    let _ = when::is_plan(&text);
}

/// Reads the fuzzer's bytes as a small program of layout requests.
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((b, rest)) => {
                self.0 = rest;
                *b
            }
            None => 0,
        }
    }

    fn number(&mut self, max: f32) -> f32 {
        f32::from(u16::from_le_bytes([self.byte(), self.byte()])) / f32::from(u16::MAX) * max
    }

    fn text(&mut self) -> String {
        let len = usize::from(self.byte());
        let take = len.min(self.0.len());
        let (text, rest) = self.0.split_at(take);
        self.0 = rest;
        String::from_utf8_lossy(text).into_owned()
    }

    fn spans(&mut self) -> Vec<Span> {
        let faces = [
            Face::Serif,
            Face::SerifItalic,
            Face::SerifBold,
            Face::Sans,
            Face::SansBold,
        ];
        (0..self.byte() % 6)
            .map(|_| {
                let face = faces[usize::from(self.byte()) % faces.len()];
                let size = self.number(48.0);
                let link = self.byte().is_multiple_of(4).then(|| "anchor".to_string());
                let quote = self.byte().is_multiple_of(5);
                Span {
                    text: self.text(),
                    style: Style {
                        face,
                        size,
                        color: [0.0; 3],
                        rise: self.number(6.0),
                    },
                    link,
                    quote,
                }
            })
            .collect()
    }

    fn block(&mut self) -> Block {
        match self.byte() % 5 {
            0 => Block::PageBreak,
            1 => Block::Rule {
                color: [0.5; 3],
                width: self.number(4.0),
                space_before: self.number(40.0),
                space_after: self.number(40.0),
            },
            2 => {
                let columns = usize::from(self.byte() % 7);
                let cells = |b: &mut Bytes| {
                    (0..columns)
                        .map(|_| Cell { spans: b.spans() })
                        .collect::<Vec<_>>()
                };
                let header = cells(self);
                let rows = (0..self.byte() % 40).map(|_| cells(self)).collect();
                Block::Table(Table {
                    header,
                    rows,
                    space_before: self.number(30.0),
                    space_after: self.number(30.0),
                    pad_y: self.number(10.0),
                    gap_x: self.number(20.0),
                    rules: self.byte().is_multiple_of(2),
                    leading: self.number(3.0),
                    nowrap: vec![usize::from(self.byte() % 7)],
                    row_headers: self.byte().is_multiple_of(2),
                })
            }
            _ => {
                let aligns = [Align::Left, Align::Justify, Align::Center, Align::Right];
                let roles = [
                    Role::Text,
                    Role::Heading(1 + self.byte() % 7),
                    Role::ListItem,
                    Role::Quote,
                ];
                Block::Para(Para {
                    role: roles[usize::from(self.byte()) % roles.len()],
                    spans: self.spans(),
                    align: Some(aligns[usize::from(self.byte()) % 4]),
                    left: self.number(200.0),
                    marker: if self.byte().is_multiple_of(3) {
                        self.spans()
                    } else {
                        Vec::new()
                    },
                    space_before: self.number(30.0),
                    space_after: self.number(30.0),
                    leading: self.number(3.0),
                    keep_with_next: self.byte().is_multiple_of(2),
                    bar: self.byte().is_multiple_of(5),
                    bookmark: self
                        .byte()
                        .is_multiple_of(4)
                        .then(|| (1, "mark".to_string())),
                    anchor: self.byte().is_multiple_of(4).then(|| "anchor".to_string()),
                    rule_below: None,
                })
            }
        }
    }
}

/// The layout engine and the tagged PDF writer: a page of random size and
/// margins, and blocks of random text, sizes, indents, roles (headings,
/// list items, quotations), tables and breaks, typeset and written.
pub fn layout(bytes: &[u8]) {
    let mut b = Bytes(bytes);
    let width = 20.0 + b.number(1200.0);
    let height = 20.0 + b.number(1600.0);
    let spec = PageSpec {
        width,
        height,
        top: b.number(height / 2.0),
        bottom: b.number(height / 2.0),
        left: b.number(width / 2.0),
        right: b.number(width / 2.0),
    };
    let mut blocks = Vec::new();
    while !b.0.is_empty() && blocks.len() < 200 {
        blocks.push(b.block());
    }
    let doc = paginate(Fonts::get(), &spec, &blocks);
    assert!(!doc.pages.is_empty(), "a document has a page");
    let pages = doc.pages.len();
    let pdf = writer::write(small_brief(), &spec, (doc, &blocks), Fonts::get());
    let read = lopdf::Document::load_mem(&pdf).expect("the PDF written reads back");
    assert_eq!(read.get_pages().len(), pages, "every page is in the file");
}

/// A brief of one topic, whose title, marking and date the layout target's
/// pages carry.
fn small_brief() -> &'static Memo {
    static BRIEF: OnceLock<Memo> = OnceLock::new();
    BRIEF.get_or_init(|| {
        let mut file = BriefFile::default();
        file.selection.topics = Some(vec!["assembly".into()]);
        memo_for(embedded(), ledger(), &file, memo_date()).expect("the brief assembles")
    })
}

/// Data strings in the HTML memo: title, addressees (to, from), subject
/// and the marking's caveat from the fuzzer. The page must have the shape
/// (elements, attribute names, style sheets but their strings) it has
/// with the same strings stripped of `<`, `>`, `&`, quotes, backslashes
/// and line breaks: no data string ever becomes markup or breaks out of a
/// value.
pub fn html(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let render = |text: &str| {
        let mut parts = text.splitn(5, '\u{0}');
        let mut file = BriefFile::default();
        file.selection.topics = Some(vec!["assembly".into()]);
        file.memo.title = parts.next().unwrap_or_default().to_string();
        file.memo.to = parts.next().unwrap_or_default().to_string();
        file.memo.from = parts.next().unwrap_or_default().to_string();
        file.memo.subject = parts.next().map(str::to_string);
        // A caveat after `//` is free text, and goes into the style sheet.
        file.memo.classification = parts.next().map(|c| format!("UNCLASSIFIED//{c}"));
        let brief = memo_for(embedded(), ledger(), &file, memo_date()).ok()?;
        Some(renderer().render(&brief).expect("a valid brief renders"))
    };
    let neutral: String = text
        .chars()
        .map(|c| {
            if "<>&\"'\\\n\r\u{c}".contains(c) {
                'x'
            } else {
                c
            }
        })
        .collect();
    if let (Some(page), Some(plain)) = (render(&text), render(&neutral)) {
        assert_eq!(shape(&page), shape(&plain), "a data string made markup");
    }
}

/// Every element of the page with the names of its attributes, in order,
/// and its style sheets with their strings left out: a data string that
/// became a tag, broke out of an attribute's value (the subject is written
/// into `<meta content>`) or out of a CSS string (the marking's caveat is
/// in `@top-center { content: "…" }`) changes it.
fn shape(html: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(html);
    let mut shape: Vec<String> = document
        .tree
        .values()
        .filter_map(|n| n.as_element())
        .map(|e| {
            let mut names: Vec<&str> = e.attrs().map(|(name, _)| name).collect();
            names.sort_unstable();
            format!("{} {}", e.name(), names.join(" "))
        })
        .collect();
    let style = scraper::Selector::parse("style").expect("a valid selector");
    for sheet in document.select(&style) {
        shape.push(without_css_strings(&sheet.text().collect::<String>()));
    }
    shape
}

/// A style sheet with the text of its quoted strings taken out.
fn without_css_strings(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut quote = None;
    let mut chars = css.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, '"' | '\'') => {
                quote = Some(c);
                out.push(c);
            }
            (None, _) => out.push(c),
            (Some(_), '\\') => {
                chars.next();
            }
            (Some(q), _) if c == q => {
                quote = None;
                out.push(c);
            }
            (Some(_), _) => {}
        }
    }
    out
}

/// Runs a reader as the child process does: a panic inside a third-party
/// crate is the child's failure message, not a crash; anywhere else it is.
fn as_the_child_does(f: impl FnOnce()) {
    static HOOKED: AtomicBool = AtomicBool::new(false);
    if !HOOKED.swap(true, Ordering::SeqCst) {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let third_party = info.location().is_some_and(|l| {
                ["/registry/src/", "/git/checkouts/", "/vendor/"]
                    .iter()
                    .any(|dir| l.file().contains(dir))
            });
            if !third_party {
                default(info);
                std::process::abort();
            }
        }));
    }
    let _ = panic::catch_unwind(AssertUnwindSafe(f));
}

/// A reader on the fuzzer's bytes, as the child process runs it.
fn reader(bytes: &[u8], format: Format) {
    as_the_child_does(|| {
        let _ = read::read(bytes, format);
    });
}

/// The plain-text reader.
pub fn read_text(bytes: &[u8]) {
    reader(bytes, Format::Text);
}

/// The saved-web-page reader.
pub fn read_html(bytes: &[u8]) {
    reader(bytes, Format::Html);
}

/// The PDF reader.
pub fn read_pdf(bytes: &[u8]) {
    reader(bytes, Format::Pdf);
}

/// The Word reader.
pub fn read_docx(bytes: &[u8]) {
    reader(bytes, Format::Docx);
}
