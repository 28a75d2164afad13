//! Sentences of a document's text, as byte spans, so that every suggested
//! quote is a slice of the text (verbatim by construction).
//!
//! Hand-written: the segmenters on crates.io split at Unicode sentence
//! boundaries (UAX #29), which break "the U.S. Department of State" after
//! "U.S."; briefing texts are full of such abbreviations.

/// A sentence: a span of the text, and whether it reads as a heading (no
/// closing punctuation, a short line of its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of its first character.
    pub start: usize,
    /// Byte offset just past its last character.
    pub end: usize,
    /// A heading or a label rather than a sentence.
    pub heading: bool,
}

impl Sentence {
    /// Its text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// Words after which a full stop does not end a sentence.
/// The marks that open a list item (a hyphen counts when a space follows).
pub const BULLETS: [char; 6] = ['-', '·', '•', '▪', '–', '*'];

const ABBREVIATIONS: [&str; 24] = [
    "Mr", "Mrs", "Ms", "Dr", "St", "No", "Nos", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug",
    "Sep", "Sept", "Oct", "Nov", "Dec", "Gov", "Sen", "Rep", "Amb", "vs",
];

/// The sentences of `text`, in order.
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (start, end) in paragraphs(text) {
        split_paragraph(text, start, end, &mut out);
    }
    out
}

/// Paragraphs: runs of lines separated by blank lines; a line that ends
/// without punctuation and is followed by one starting in lower case is the
/// same paragraph (a hard-wrapped text).
fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut offset = 0;
    let lines: Vec<&str> = text.split('\n').collect();
    for (i, line) in lines.iter().enumerate() {
        let line_start = offset;
        offset += line.len() + 1;
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if let Some(s) = start.take() {
                out.push((s, line_start.saturating_sub(1)));
            }
            continue;
        }
        if start.is_none() {
            start = Some(line_start + (line.len() - line.trim_start().len()));
        }
        let next = lines.get(i + 1).map(|l| l.trim()).unwrap_or("");
        let continues = !next.is_empty()
            && !trimmed.ends_with(['.', '!', '?', ':', ';', '”', '"'])
            && next.starts_with(|c: char| c.is_lowercase());
        let joins_next = continues || (!next.is_empty() && ends_mid_sentence(trimmed));
        if !joins_next {
            let end = line_start + line.trim_end().len();
            if let Some(s) = start.take() {
                out.push((s, end));
            }
        }
    }
    if let Some(s) = start {
        out.push((s, text.trim_end().len()));
    }
    out.retain(|(s, e)| e > s);
    out
}

/// A line that stops in the middle of a sentence (a comma, a conjunction).
fn ends_mid_sentence(line: &str) -> bool {
    line.ends_with([',', '–', '-'])
        || line
            .rsplit(' ')
            .next()
            .is_some_and(|w| ["and", "or", "the", "of", "to", "a", "in"].contains(&w))
}

fn split_paragraph(text: &str, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let para = &text[start..end];
    let mut sentence_start = 0;
    let chars: Vec<(usize, char)> = para.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if matches!(c, '.' | '!' | '?') {
            // Closing quotes and brackets belong to the sentence.
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '”' | '"' | '’' | '\'' | ')' | ']') {
                j += 1;
            }
            // "programs.Five": a full stop with no space after it, between a
            // lower-case word and a capital, ends a sentence too.
            let glued = c == '.'
                && j == i + 1
                && j < chars.len()
                && chars[j].1.is_uppercase()
                && i >= 3
                && chars[i - 3..i].iter().all(|(_, c)| c.is_lowercase());
            // "… in Washington, D.C. This dialogue …": a dotted
            // abbreviation ends the sentence when a sentence's first word
            // follows it.
            let abbreviation = c == '.'
                && is_abbreviation(&para[sentence_start..at])
                && !opens_sentence(&para[chars.get(j).map_or(para.len(), |(p, _)| *p)..]);
            let boundary = j < chars.len()
                && (glued || chars[j].1.is_whitespace())
                && next_starts_sentence(&chars[j..])
                && !abbreviation;
            if boundary {
                let stop = if j < chars.len() {
                    chars[j].0
                } else {
                    para.len()
                };
                push(text, start + sentence_start, start + stop, out);
                let mut k = j;
                while k < chars.len() && chars[k].1.is_whitespace() {
                    k += 1;
                }
                sentence_start = if k < chars.len() {
                    chars[k].0
                } else {
                    para.len()
                };
                i = k;
                continue;
            }
            let _ = at;
        }
        i += 1;
    }
    if sentence_start < para.len() {
        push(text, start + sentence_start, end, out);
    }
}

/// Whether `rest` begins with a word that only opens sentences ("This",
/// "The", "During" …), not a name after an abbreviation ("U.S. Ambassador").
fn opens_sentence(rest: &str) -> bool {
    const OPENERS: [&str; 16] = [
        "The",
        "This",
        "These",
        "It",
        "In",
        "On",
        "During",
        "Both",
        "We",
        "He",
        "She",
        "They",
        "According",
        "At",
        "As",
        "Additionally",
    ];
    rest.split_whitespace()
        .next()
        .is_some_and(|w| OPENERS.contains(&w.trim_end_matches(',')))
}

fn next_starts_sentence(rest: &[(usize, char)]) -> bool {
    let mut new_line = false;
    for (_, c) in rest {
        if *c == '\n' {
            new_line = true;
        } else if !c.is_whitespace() {
            // A list item's bullet at the start of a line opens one too.
            let bullet = new_line && BULLETS.contains(c);
            return bullet || c.is_uppercase() || c.is_ascii_digit() || "“\"‘'([".contains(*c);
        }
    }
    false
}

/// Whether the text before a full stop ends with an abbreviation: a known
/// one, a single letter (`U.S`, `J`) or a dotted run.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let word = word.trim_start_matches(['“', '"', '(']);
    // "Armenia-U.S.": the last part of a hyphenated word.
    let word = word.rsplit(['-', '–']).next().unwrap_or(word);
    if ABBREVIATIONS.contains(&word) {
        return true;
    }
    let letters: Vec<char> = word.chars().filter(|c| *c != '.').collect();
    (word.contains('.') && letters.iter().all(|c| c.is_uppercase()))
        || (letters.len() == 1 && letters[0].is_uppercase())
}

fn push(text: &str, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let piece = &text[start..end];
    // A list's bullet is not part of the sentence.
    let trimmed = piece.trim_start();
    // "- item": a hyphen followed by a space is a bullet too.
    let trimmed = trimmed.strip_prefix("- ").unwrap_or(trimmed);
    let unbulleted = trimmed
        .trim_start_matches(|c: char| c != '-' && BULLETS.contains(&c))
        .trim_start();
    let unbulleted = if unbulleted.len() + 4 >= piece.trim_start().len() {
        unbulleted
    } else {
        piece.trim_start()
    };
    let lead = piece.len() - unbulleted.len();
    let piece = unbulleted.trim_end();
    if piece.is_empty() {
        return;
    }
    let start = start + lead;
    let end = start + piece.len();
    let words = piece.split_whitespace().count();
    // A title that ends with its dates in brackets is still a title
    // ("Preliminary observations on the official visit (19-25 September
    // 2019)"): no stop inside, a bracket at the end.
    let bracketed_title = piece.ends_with(')') && !piece.contains(['.', ';', ':']);
    let heading = (!piece.ends_with(['.', '!', '?', '”', '"', ':', ';', ')']) || bracketed_title)
        && words <= 14;
    out.push(Sentence {
        start,
        end,
        heading,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        sentences(text).iter().map(|s| s.text(text)).collect()
    }

    #[test]
    fn splits_at_full_stops_but_not_after_abbreviations() {
        let text = "The U.S. Department of State welcomed it. Mr. Smith agreed! “It works,” he said. Next.Then.";
        assert_eq!(
            texts(text),
            [
                "The U.S. Department of State welcomed it.",
                "Mr. Smith agreed!",
                "“It works,” he said.",
                "Next.",
                "Then."
            ]
        );
    }

    #[test]
    fn a_dotted_abbreviation_ends_a_sentence_before_its_first_word() {
        assert_eq!(
            texts(
                "They met in Washington, D.C. This dialogue is a forum. The U.S. Ambassador spoke."
            ),
            [
                "They met in Washington, D.C.",
                "This dialogue is a forum.",
                "The U.S. Ambassador spoke."
            ]
        );
    }

    #[test]
    fn each_list_item_is_a_sentence() {
        assert_eq!(
            texts("The EU urged Vietnam to:\n- Protect the press.\n- Free the detained.\n"),
            [
                "The EU urged Vietnam to:",
                "Protect the press.",
                "Free the detained."
            ]
        );
    }

    #[test]
    fn headings_and_wrapped_lines() {
        let text = "Political Reforms\n\nThe Constitution was amended to introduce\na single term. It was new.\n";
        let s = sentences(text);
        assert_eq!(s.len(), 3);
        assert!(s[0].heading);
        assert_eq!(
            s[1].text(text),
            "The Constitution was amended to introduce\na single term."
        );
        assert!(!s[1].heading);
        let t = "Preliminary observations on the official visit to Uzbekistan(19-25 September 2019)\n\nThe visit took place (in Tashkent).";
        let s = sentences(t);
        assert!(s[0].heading);
        assert!(!s[1].heading);
    }

    #[test]
    fn cyrillic_text_splits_too() {
        let text = "Министр выступил в Астане. Закон принят в 2024 году.";
        assert_eq!(texts(text).len(), 2);
    }
}
