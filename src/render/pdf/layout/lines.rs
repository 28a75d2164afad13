//! Line breaking: Unicode break opportunities, white space collapsed,
//! hyphenation (US English patterns) where a line would be left loose, and
//! cutting a word longer than a whole line rather than letting it overflow.

use std::sync::OnceLock;

use hyphenation::{Hyphenator, Language, Load, Standard};
use unicode_linebreak::{BreakOpportunity, linebreaks};

use super::{Align, Line, LineEnd, Metrics, Pt, Run, Span, Style};

/// The shared US English hyphenation patterns.
fn hyphenator() -> &'static Standard {
    static EN_US: OnceLock<Standard> = OnceLock::new();
    EN_US.get_or_init(|| {
        Standard::from_embedded(Language::EnglishUS).expect("the embedded en-US patterns load")
    })
}

pub(super) fn text_width(m: &dyn Metrics, text: &str, style: &Style) -> Pt {
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
            let after = self.starts.partition_point(|&(s, _)| s <= at);
            let next = self
                .starts
                .get(after)
                .map_or(usize::MAX, |&(s, _)| s)
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
        self.width_up_to(m, start, end, Pt::INFINITY)
    }

    /// The width of `[start, end)`, or a width past `cap` as soon as the
    /// text is known to be wider: a word of 100,000 letters is not measured
    /// whole for every line it is cut into.
    fn width_up_to(&self, m: &dyn Metrics, start: usize, end: usize, cap: Pt) -> Pt {
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
            if total > cap {
                break;
            }
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
    // An indent wider than the page leaves no room: then every word is cut
    // a character a line, and a word of no width (white space, a
    // zero-size span) still fits, rather than being cut into nothing for
    // ever (a hang the fuzzer found).
    let width = width.max(0.0);
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
        // Past the line's width the exact figure does not matter.
        let word_width = flat.width_up_to(m, word.start, word.end, width + 1.0);
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
    // No word of a language is longer than this: a longer run of letters is
    // cut, not hyphenated (the patterns' cost grows with the length, and so
    // would looking at the whole rest of a long word on every line).
    const LONGEST_WORD: usize = 64;
    if word.end - word.start > 4 * LONGEST_WORD + 16 {
        return None;
    }
    let text = &flat.text[word.start..word.end];
    // Hyphenate the letters only: leading and trailing punctuation stays put.
    let lead = text.len() - text.trim_start_matches(|c: char| !c.is_alphabetic()).len();
    let core = text[lead..].trim_end_matches(|c: char| !c.is_alphabetic());
    let letters = core.chars().count();
    if !(5..=LONGEST_WORD).contains(&letters) || !core.chars().all(char::is_alphabetic) {
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
    let mut used = 0.0;
    // The last soft break that fits, and the width up to it.
    let mut soft = None;
    for (i, c) in flat.text[start..end].char_indices() {
        let at = start + i;
        let next = at + c.len_utf8();
        used += flat.width(m, at, next);
        if used > width && fit > start {
            break;
        }
        fit = next;
        if matches!(c, '/' | '-' | '.' | '?' | '&' | '=' | '_') && next < end {
            soft = Some((next, used));
        }
    }
    match soft {
        Some((s, w)) if w > 0.5 * width => s,
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
    let after = &flat.text[end..];
    let end = start + flat.text[start..end].trim_end_matches(' ').len();
    let mut runs: Vec<Run> = Vec::new();
    let mut x = 0.0;
    let mut gaps = 0;
    for (s, e, i) in flat.pieces(start, end) {
        let span = &flat.spans[i];
        let text = &flat.text[s..e];
        let w = text_width(m, text, &span.style);
        match runs.last_mut() {
            Some(r) if r.style == span.style && r.link == span.link && r.quote == span.quote => {
                r.text.push_str(text);
                r.width += w;
            }
            _ => runs.push(Run {
                text: text.to_string(),
                style: span.style,
                link: span.link.clone(),
                quote: span.quote,
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
    let end = if hyphen && !runs.is_empty() {
        LineEnd::Hyphen
    } else if !last && after.starts_with([' ', LINE_SEPARATOR]) {
        LineEnd::Space
    } else {
        LineEnd::Plain
    };
    Line {
        runs: runs.into(),
        width: x,
        gaps,
        last,
        end,
    }
}
