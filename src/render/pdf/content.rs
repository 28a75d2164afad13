//! One page's content stream, written straight as PDF operators: the rules,
//! then the text, one `Tm` and one `Tj`/`TJ` per run, with fonts and colours
//! set only when they change. Written by hand because it is the hot loop of
//! typesetting and the operators used are few; going through a general PDF
//! object model cost most of the time of a long memo.
//!
//! Every operator that paints is marked (PDF/UA-1): text as marked content
//! with an id that [`Structure`] files under its structure element; rules,
//! repeated table headers and a hyphen added at a line break as artifacts;
//! the marking and page numbers as pagination artifacts.

use super::layout::{Draw, Face, LineEnd, Origin, Page, PageSpec, PlacedLine};
use super::subset::Subset;
use super::tags::{Inline, Mark, Structure};

/// The content of page `index`; `subsets` are the embedded faces in
/// [`Face`] order, `font_tag` names each face's resource, and `tags`
/// receives the page's tagged content.
pub fn page(
    spec: &PageSpec,
    (page, index): (&Page, usize),
    subsets: &[Subset],
    font_tag: fn(Face) -> &'static str,
    tags: &mut Structure,
) -> Vec<u8> {
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
            out.color(*color, b"RG");
            out.number(*width);
            out.op(b"w");
            out.number(from.0);
            out.number(spec.height - from.1);
            out.op(b"m");
            out.number(to.0);
            out.number(spec.height - to.1);
            out.op(b"l");
            out.op(b"S");
        }
    }
    // Marked content does not cross into a text object.
    out.end_mark(&mut open);
    out.op(b"BT");
    let mut state = TextState::default();
    for draw in &page.draws {
        if let Draw::Text(line) = draw {
            let mut text = Text {
                out: &mut out,
                state: &mut state,
                open: &mut open,
                tags: &mut *tags,
                subsets,
                font_tag,
            };
            text.line(spec, line);
        }
    }
    out.end_mark(&mut open);
    out.op(b"ET");
    out.bytes
}

/// The font and colour last set in the text object.
#[derive(Default)]
struct TextState {
    font: Option<(Face, u32)>,
    color: Option<[u32; 3]>,
}

/// What writing text needs: the stream, the text state, the mark open in
/// it, the structure, and the fonts.
struct Text<'a> {
    out: &'a mut Content,
    state: &'a mut TextState,
    open: &'a mut Option<Mark>,
    tags: &'a mut Structure,
    subsets: &'a [Subset],
    font_tag: fn(Face) -> &'static str,
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
                self.out.bytes.push(b'/');
                self.out
                    .bytes
                    .extend_from_slice((self.font_tag)(face).as_bytes());
                self.out.bytes.push(b' ');
                self.out.number(run.style.size);
                self.out.op(b"Tf");
                self.state.font = Some(font);
            }
            let color = run.style.color.map(f32::to_bits);
            if self.state.color != Some(color) {
                self.out.color(run.style.color, b"rg");
                self.state.color = Some(color);
            }
            self.out.bytes.extend_from_slice(b"1 0 0 1 ");
            self.out
                .number(line.x + run.x + line.stretch * run.gaps_before as f32);
            self.out
                .number(spec.height - line.baseline + run.style.rise);
            self.out.op(b"Tm");
            let subset = &self.subsets[face as usize];
            // A hyphen added at the break is not part of the word.
            let ends_line = Some(i) == last;
            let (text, hyphen) = match run.text.strip_suffix('-') {
                Some(word) if line.end == LineEnd::Hyphen && ends_line => (word, true),
                _ => (run.text.as_str(), false),
            };
            if line.stretch > 0.0 && text.contains(' ') {
                let offset = -line.stretch / run.style.size * 1000.0;
                self.out.bytes.push(b'[');
                let mut parts = text.split(' ').peekable();
                while let Some(part) = parts.next() {
                    if parts.peek().is_some() {
                        self.out.codes(subset, part.chars().chain([' ']));
                        self.out.number(offset);
                    } else if !part.is_empty() {
                        self.out.codes(subset, part.chars());
                    }
                }
                self.out.op(b"] TJ");
            } else if !text.is_empty() {
                self.out.codes(subset, text.chars());
                self.out.op(b"Tj");
            }
            if hyphen {
                self.out.mark(self.open, Mark::Artifact);
                self.out.codes(subset, ['-'].into_iter());
                self.out.op(b"Tj");
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
                self.out.codes(subset, [' '].into_iter());
                self.out.op(b"Tj");
            }
        }
    }
}

/// Operators and operands, each operand followed by a space and each
/// operator by a line break.
#[derive(Default)]
struct Content {
    bytes: Vec<u8>,
}

impl Content {
    /// Opens `mark` unless it is the one open (closing that first).
    fn mark(&mut self, open: &mut Option<Mark>, mark: Mark) {
        if *open == Some(mark) {
            return;
        }
        self.end_mark(open);
        match mark {
            Mark::Tagged(role, mcid) => {
                self.bytes.push(b'/');
                self.bytes.extend_from_slice(role.as_bytes());
                self.bytes.extend_from_slice(b" <</MCID ");
                self.integer(mcid as u64);
                self.op(b">> BDC");
            }
            Mark::Pagination(place) => {
                self.bytes
                    .extend_from_slice(b"/Artifact <</Type /Pagination /Subtype /");
                self.bytes.extend_from_slice(place.as_bytes());
                self.op(b">> BDC");
            }
            Mark::Artifact => self.op(b"/Artifact BMC"),
        }
        *open = Some(mark);
    }

    /// Closes the open mark, if any.
    fn end_mark(&mut self, open: &mut Option<Mark>) {
        if open.take().is_some() {
            self.op(b"EMC");
        }
    }

    fn op(&mut self, op: &[u8]) {
        self.bytes.extend_from_slice(op);
        self.bytes.push(b'\n');
    }

    fn color(&mut self, [r, g, b]: [f32; 3], op: &[u8]) {
        self.number(r);
        self.number(g);
        self.number(b);
        self.op(op);
    }

    /// A hexadecimal string of the characters' two-byte codes.
    fn codes(&mut self, subset: &Subset, chars: impl Iterator<Item = char>) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        self.bytes.push(b'<');
        for c in chars {
            let code = subset.code(c);
            for shift in [12, 8, 4, 0] {
                self.bytes.push(HEX[usize::from((code >> shift) & 0xf)]);
            }
        }
        self.bytes.extend_from_slice(b"> ");
    }

    /// A number to a thousandth of a point (finer than any device shows),
    /// without trailing zeros.
    fn number(&mut self, v: f32) {
        let thousandths = (f64::from(v) * 1000.0).round() as i64;
        if thousandths < 0 {
            self.bytes.push(b'-');
        }
        let n = thousandths.unsigned_abs();
        self.integer(n / 1000);
        let mut fraction = n % 1000;
        if fraction != 0 {
            self.bytes.push(b'.');
            let mut digits = 3;
            while fraction % 10 == 0 {
                fraction /= 10;
                digits -= 1;
            }
            let start = self.bytes.len();
            for _ in 0..digits {
                self.bytes.push(b'0' + (fraction % 10) as u8);
                fraction /= 10;
            }
            self.bytes[start..].reverse();
        }
        self.bytes.push(b' ');
    }

    fn integer(&mut self, mut n: u64) {
        let start = self.bytes.len();
        loop {
            self.bytes.push(b'0' + (n % 10) as u8);
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.bytes[start..].reverse();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(values: &[f32]) -> String {
        let mut c = Content::default();
        for v in values {
            c.number(*v);
        }
        String::from_utf8(c.bytes).unwrap()
    }

    #[test]
    fn numbers_are_short_and_exact_to_a_thousandth() {
        assert_eq!(
            numbers(&[
                0.0, 72.0, 598.6, -12.25, 0.0004, -0.0004, 373.77496, 1234567.0, 0.1
            ]),
            "0 72 598.6 -12.25 0 0 373.775 1234567 0.1 "
        );
        let mut c = Content::default();
        c.number(1.5);
        c.op(b"w");
        assert_eq!(c.bytes, b"1.5 w\n");
    }
}
