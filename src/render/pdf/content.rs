//! One page's content stream, written straight as PDF operators: the rules,
//! then the text, one `Tm` and one `Tj`/`TJ` per run, with fonts and colours
//! set only when they change. Written by hand because it is the hot loop of
//! typesetting and the operators used are few; going through a general PDF
//! object model cost most of the time of a long memo.

use super::layout::{Draw, Face, Page, PageSpec, PlacedLine};
use super::subset::Subset;

/// The content of `page`; `subsets` are the embedded faces in [`Face`]
/// order, `font_tag` names each face's resource.
pub fn page(
    spec: &PageSpec,
    page: &Page,
    subsets: &[Subset],
    font_tag: fn(Face) -> &'static str,
) -> Vec<u8> {
    let mut out = Content::default();
    for draw in &page.draws {
        if let Draw::Rule {
            from,
            to,
            width,
            color,
        } = draw
        {
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
    out.op(b"BT");
    let mut state = TextState::default();
    for draw in &page.draws {
        if let Draw::Text(line) = draw {
            text(&mut out, spec, line, &mut state, subsets, font_tag);
        }
    }
    out.op(b"ET");
    out.bytes
}

/// The font and colour last set in the text object.
#[derive(Default)]
struct TextState {
    font: Option<(Face, u32)>,
    color: Option<[u32; 3]>,
}

/// One line of text. Justification widens the spaces with `TJ` offsets
/// (word spacing does not apply to the two-byte codes of embedded fonts).
fn text(
    out: &mut Content,
    spec: &PageSpec,
    line: &PlacedLine,
    state: &mut TextState,
    subsets: &[Subset],
    font_tag: fn(Face) -> &'static str,
) {
    for run in line.runs.iter() {
        if run.text.is_empty() {
            continue;
        }
        let face = run.style.face;
        let font = (face, run.style.size.to_bits());
        if state.font != Some(font) {
            out.bytes.push(b'/');
            out.bytes.extend_from_slice(font_tag(face).as_bytes());
            out.bytes.push(b' ');
            out.number(run.style.size);
            out.op(b"Tf");
            state.font = Some(font);
        }
        let color = run.style.color.map(f32::to_bits);
        if state.color != Some(color) {
            out.color(run.style.color, b"rg");
            state.color = Some(color);
        }
        out.bytes.extend_from_slice(b"1 0 0 1 ");
        out.number(line.x + run.x + line.stretch * run.gaps_before as f32);
        out.number(spec.height - line.baseline + run.style.rise);
        out.op(b"Tm");
        let subset = &subsets[face as usize];
        if line.stretch > 0.0 && run.text.contains(' ') {
            let offset = -line.stretch / run.style.size * 1000.0;
            out.bytes.push(b'[');
            let mut parts = run.text.split(' ').peekable();
            while let Some(part) = parts.next() {
                if parts.peek().is_some() {
                    out.codes(subset, part.chars().chain([' ']));
                    out.number(offset);
                } else if !part.is_empty() {
                    out.codes(subset, part.chars());
                }
            }
            out.op(b"] TJ");
        } else {
            out.codes(subset, run.text.chars());
            out.op(b"Tj");
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
