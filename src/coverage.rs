//! How much of each source the dataset quotes: the source's sentences, each
//! marked covered when items' quotes take up at least half of it. Curators
//! use it to find statements, figures and events still missing.

use crate::dataset::{Dataset, Source};

/// The share of a sentence that quotes must cover for it to count as quoted.
const COVERED_SHARE: f64 = 0.5;

/// One sentence (or heading line) of a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// The sentence, white space collapsed.
    pub text: String,
    /// Whether items quote (at least half of) it.
    pub covered: bool,
    /// A heading or other line that does not end as a sentence does
    /// (`Overview`, `ORGANIZATIONS IN THIS STORY`): not counted as content.
    pub heading: bool,
}

/// The sentences of one source and which of them are quoted.
#[derive(Debug, Clone)]
pub struct SourceCoverage<'d> {
    /// The source.
    pub source: &'d Source,
    /// Its sentences in order.
    pub sentences: Vec<Sentence>,
}

impl SourceCoverage<'_> {
    /// The sentences, headings aside.
    pub fn content(&self) -> impl Iterator<Item = &Sentence> {
        self.sentences.iter().filter(|s| !s.heading)
    }

    /// How many sentences (headings aside) are quoted.
    pub fn covered(&self) -> usize {
        self.content().filter(|s| s.covered).count()
    }

    /// The sentences (headings aside) no item quotes.
    pub fn uncovered(&self) -> impl Iterator<Item = &Sentence> {
        self.content().filter(|s| !s.covered)
    }

    /// How many lines are headings.
    pub fn headings(&self) -> usize {
        self.sentences.iter().filter(|s| s.heading).count()
    }
}

/// The coverage of every source of `data`, in source order.
pub fn coverage(data: &Dataset) -> Vec<SourceCoverage<'_>> {
    data.sources
        .iter()
        .map(|source| {
            let quotes = data
                .items
                .iter()
                .flat_map(|i| &i.citations)
                .filter(|c| c.source == source.id)
                .map(|c| c.quote.as_str());
            SourceCoverage {
                source,
                sentences: covered_sentences(&source.text, quotes),
            }
        })
        .collect()
}

/// Splits `text` into sentences and marks those the `quotes` cover.
pub fn covered_sentences<'q>(text: &str, quotes: impl Iterator<Item = &'q str>) -> Vec<Sentence> {
    let lined = collapse_keeping_lines(text);
    // The same text with line breaks as spaces: quotes may span lines.
    let flat = lined.replace('\n', " ");
    let mut mask = vec![false; flat.len()];
    for quote in quotes {
        let quote = crate::text::collapse_whitespace(quote);
        if quote.is_empty() {
            continue;
        }
        for start in memchr::memmem::find_iter(flat.as_bytes(), quote.as_bytes()) {
            mask[start..start + quote.len()].fill(true);
        }
    }
    sentence_spans(&lined)
        .into_iter()
        .map(|(start, end)| {
            let quoted = mask[start..end].iter().filter(|&&b| b).count();
            let text = &lined[start..end];
            Sentence {
                text: text.to_string(),
                covered: quoted as f64 >= COVERED_SHARE * (end - start) as f64,
                heading: !text.ends_with(['.', '?', '!', ':', '”', '"', ',']),
            }
        })
        .collect()
}

/// `text` with each run of white space made one character: a line break
/// where a run holds one and the next line does not go on in lower case (a
/// hard-wrapped sentence), else a space; ends trimmed. Byte offsets then
/// match those of [`crate::text::collapse_whitespace`].
fn collapse_keeping_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text
        .split('\n')
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
    {
        if !out.is_empty() {
            let continues = line.chars().next().is_some_and(char::is_lowercase);
            out.push(if continues { ' ' } else { '\n' });
        }
        out.push_str(&line);
    }
    out
}

/// A stretch of a source's text as the app's Sources view shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Passage {
    /// The text, white space collapsed, with a line break between lines.
    pub text: String,
    /// The items whose quotes take in this stretch (none: no item quotes it).
    pub items: Vec<String>,
    /// Whether it is part of a sentence that no item quotes (headings are
    /// not counted), so a curator sees what is missing.
    pub unquoted: bool,
}

/// A source's text cut into passages: where items quote it and which
/// items, and the sentences no item quotes — the `check --coverage` result
/// in place.
pub fn passages(data: &Dataset, source: &Source) -> Vec<Passage> {
    let quotes: Vec<(&str, &str)> = data
        .items
        .iter()
        .flat_map(|item| {
            item.citations
                .iter()
                .filter(|c| c.source == source.id)
                .map(|c| (c.quote.as_str(), item.id.as_str()))
        })
        .collect();
    marked_passages(&source.text, &quotes)
}

/// `text` cut into passages by `quotes` (a quote and the id of the record
/// that quotes it: an item's, a suggestion's), each passage naming the
/// records whose quotes take it in, and the sentences none takes in
/// flagged. A quote found more than once marks each place.
pub fn marked_passages(text: &str, quotes: &[(&str, &str)]) -> Vec<Passage> {
    let lined = collapse_keeping_lines(text);
    let flat = lined.replace('\n', " ");
    let mut spans: Vec<(usize, usize, &str)> = Vec::new();
    for (quote, id) in quotes {
        let quote = crate::text::collapse_whitespace(quote);
        if quote.is_empty() {
            continue;
        }
        for start in memchr::memmem::find_iter(flat.as_bytes(), quote.as_bytes()) {
            spans.push((start, start + quote.len(), id));
        }
    }
    let found = spans.iter().map(|(s, e, _)| &flat[*s..*e]);
    let sentences: Vec<(usize, usize, bool)> = sentence_spans(&lined)
        .into_iter()
        .zip(covered_sentences(text, found))
        .map(|((s, e), sentence)| (s, e, !sentence.covered && !sentence.heading))
        .collect();
    let mut cuts: Vec<usize> = vec![0, lined.len()];
    cuts.extend(spans.iter().flat_map(|(s, e, _)| [*s, *e]));
    cuts.extend(sentences.iter().flat_map(|(s, e, _)| [*s, *e]));
    cuts.sort_unstable();
    cuts.dedup();
    let mut out: Vec<Passage> = Vec::new();
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let mut items: Vec<String> = spans
            .iter()
            .filter(|(s, e, _)| *s <= a && b <= *e)
            .map(|(_, _, id)| id.to_string())
            .collect();
        items.sort();
        items.dedup();
        let unquoted = sentences
            .iter()
            .any(|(s, e, flagged)| *flagged && *s <= a && b <= *e);
        let text = &lined[a..b];
        match out.last_mut() {
            Some(last) if last.items == items && last.unquoted == unquoted => {
                last.text.push_str(text)
            }
            _ => out.push(Passage {
                text: text.to_string(),
                items,
                unquoted,
            }),
        }
    }
    out
}

/// Byte ranges of the sentences of `lined`: each line is split after `.`, `?`
/// or `!` (and any closing quote) when a space and a capital, digit, opening
/// quote or dash follow, unless the word ending there is an abbreviation
/// such as `U.S.` or `Mr.`.
fn sentence_spans(lined: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut line_start = 0;
    for line in lined.split('\n') {
        let mut start = 0;
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        for (k, &(i, c)) in chars.iter().enumerate() {
            if !matches!(c, '.' | '?' | '!') {
                continue;
            }
            let mut end = k + 1;
            while end < chars.len() && matches!(chars[end].1, '”' | '"' | '’' | '\'' | ')') {
                end += 1;
            }
            let next_is_start = chars.get(end).is_some_and(|&(_, c)| c == ' ')
                && chars.get(end + 1).is_some_and(|&(_, c)| {
                    c.is_uppercase()
                        || c.is_ascii_digit()
                        || matches!(c, '“' | '"' | '‘' | '–' | '—' | '·')
                });
            let list_number = line[start..i].bytes().all(|b| b.is_ascii_digit());
            if next_is_start && !list_number && !(c == '.' && is_abbreviation(&line[start..i])) {
                let stop = chars.get(end).map_or(line.len(), |&(b, _)| b);
                spans.push((line_start + start, line_start + stop));
                start = stop + 1;
            }
        }
        if start < line.len() {
            spans.push((line_start + start, line_start + line.len()));
        }
        line_start += line.len() + 1;
    }
    spans
}

/// Whether the word just before a full stop is an abbreviation (`U.S`, `Mr`).
fn is_abbreviation(before: &str) -> bool {
    let word = before.rsplit(' ').next().unwrap_or("");
    word.contains('.') || (word.len() <= 2 && word.chars().next().is_some_and(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    #[test]
    fn passages_show_what_items_quote_and_what_they_do_not() {
        let data = Dataset::embedded().unwrap();
        let source = data.source("mfa-kz-factsheet-2025").unwrap();
        let passages = super::passages(&data, source);
        let whole: String = passages.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(whole, collapse_keeping_lines(&source.text), "nothing lost");
        let quoted = passages
            .iter()
            .find(|p| p.text.contains("46 crisis centres"))
            .unwrap();
        assert!(
            quoted
                .items
                .contains(&"mfa-2025-crisis-centres".to_string())
        );
        assert!(!quoted.unquoted);
        let missing = passages
            .iter()
            .find(|p| p.text.contains("This factsheet provides an overview"))
            .unwrap();
        assert!(missing.items.is_empty() && missing.unquoted);
    }

    use super::*;

    fn split(text: &str) -> Vec<String> {
        covered_sentences(text, std::iter::empty())
            .into_iter()
            .map(|s| s.text)
            .collect()
    }

    #[test]
    fn splits_sentences_and_lines() {
        assert_eq!(
            split(
                "Overview\n1. Reforms\nThe U.S. delegation met. It was led by Mr. Smith.  Talks ended in 2024. Then!\n\n· A bullet."
            ),
            [
                "Overview",
                "1. Reforms",
                "The U.S. delegation met.",
                "It was led by Mr. Smith.",
                "Talks ended in 2024.",
                "Then!",
                "· A bullet."
            ]
        );
    }

    #[test]
    fn keeps_closing_quotes_with_their_sentence() {
        assert_eq!(
            split("He said “it is done.” Then he left. “Next,” she said."),
            [
                "He said “it is done.”",
                "Then he left.",
                "“Next,” she said."
            ]
        );
    }

    #[test]
    fn does_not_split_inside_numbers_or_lower_case_continuations() {
        assert_eq!(
            split("It grew 2.5 times. e.g. this stays."),
            ["It grew 2.5 times. e.g. this stays."]
        );
    }

    #[test]
    fn a_sentence_is_covered_when_half_of_it_is_quoted() {
        let text = "First sentence is here. Second one\n is   long and quoted in part.";
        let s = covered_sentences(text, ["Second one is long and"].into_iter());
        assert!(!s[0].covered);
        assert!(s[1].covered, "{s:?}");
        let s = covered_sentences(text, ["quoted in part."].into_iter());
        assert!(!s[1].covered, "less than half: {s:?}");
        let s = covered_sentences(
            text,
            ["here. Second one is long and quoted in part."].into_iter(),
        );
        assert!(s[1].covered && !s[0].covered, "{s:?}");
    }
}

#[cfg(test)]
mod heading_tests {
    use super::*;

    #[test]
    fn hard_wrapped_sentences_stay_whole() {
        let s = covered_sentences(
            "Heading\nA sentence that\n  goes on here. Next\none.",
            std::iter::empty(),
        );
        let texts: Vec<&str> = s.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Heading", "A sentence that goes on here.", "Next one."]
        );
    }

    #[test]
    fn lines_without_a_full_stop_are_headings() {
        let s = covered_sentences(
            "Overview\nA sentence.\nA list:\n· item one,\nHe said “yes.”",
            std::iter::empty(),
        );
        let headings: Vec<bool> = s.iter().map(|s| s.heading).collect();
        assert_eq!(headings, [true, false, false, false, false]);
    }
}
