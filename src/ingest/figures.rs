//! Figures: numbers with their unit and qualifier in a sentence ("46
//! crisis centres", "more than $4 billion", "eight … conventions", "half"),
//! and the clause that quotes each. Years, days of months, ordinals in
//! names and the parties ("the two countries", `lexicon.toml`'s
//! `not_figure_nouns`) are no figures.
//!
//! Hand-written: the number-parsing crates read a number, not a count with
//! its unit inside prose.

use super::lexicon::LEXICON;
use super::when::is_month_word;

const NUMBER_WORDS: [(&str, f64); 13] = [
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("dozen", 12.0),
    ("half", 50.0),
];

const QUALIFIERS: [&str; 10] = [
    "more than",
    "over",
    "around",
    "about",
    "nearly",
    "almost",
    "up to",
    "at least",
    "approximately",
    "some",
];

/// A number found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundFigure {
    /// The number (a scale word applied: "$4 billion" is 4e9).
    pub value: f64,
    /// Its unit ("crisis centres", "%", "USD", "rank").
    pub unit: String,
    /// The qualifier the text puts on it ("more than").
    pub qualifier: Option<String>,
    /// Byte offset just past the number and its unit.
    pub end: usize,
    /// Byte offset of the number.
    pub start: usize,
    /// A past state the text does not date: the 10 of "from 10 to 3".
    pub past: bool,
}

/// Every figure of a sentence: numbers with their unit (`46 crisis
/// centres`, `55%`, `$4 billion`, `eight … conventions`, `half`). Years,
/// days of months and ordinals in names are not figures.
pub fn figures(sentence: &str) -> Vec<FoundFigure> {
    let mut out = counted(sentence);
    // "The two countries", "both sides": the parties, not a count.
    out.retain(|f| {
        let noun = f.unit.split_whitespace().last().unwrap_or_default();
        let next: String = sentence[f.start..]
            .split_whitespace()
            .nth(1)
            .unwrap_or_default()
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase();
        !LEXICON
            .not_figure_nouns
            .iter()
            .any(|n| n == noun || *n == next)
    });
    out
}

/// Every number of a sentence with its unit, before the parties are left out.
fn counted(sentence: &str) -> Vec<FoundFigure> {
    let mut out = Vec::new();
    let words: Vec<(usize, &str)> = sentence
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - sentence.as_ptr() as usize, w))
        .collect();
    let clean = |w: &str| {
        w.trim_matches(|c: char| ",.;:()“”\"'".contains(c))
            .to_string()
    };
    let mut i = 0;
    while i < words.len() {
        let (at, raw) = words[i];
        let w = clean(raw);
        let lower = w.to_lowercase();
        let money = w.starts_with('$');
        let digits = w.trim_start_matches('$').trim_end_matches('%');
        let mut value: Option<f64> = None;
        if !digits.is_empty()
            && digits.chars().next().is_some_and(|c| c.is_ascii_digit())
            && digits
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        {
            value = digits.replace(',', "").parse().ok();
        } else if let Some((_, v)) = NUMBER_WORDS
            .iter()
            .find(|(n, _)| lower == *n || lower.starts_with(&format!("{n}-")))
        {
            value = Some(*v);
        }
        // "ranks 24th": a rank.
        if value.is_none()
            && prev_is_rank(&words, i, &clean)
            && let Some(n) = ordinal(&lower)
        {
            out.push(FoundFigure {
                value: n,
                unit: "rank".to_string(),
                qualifier: None,
                past: false,
                start: at,
                end: at + raw.trim_end_matches([',', '.', ';', ':']).len(),
            });
            i += 1;
            continue;
        }
        let Some(mut v) = value else {
            i += 1;
            continue;
        };
        let is_year = w.len() == 4 && (1900.0..=2099.0).contains(&v) && !money && !w.ends_with('%');
        let prev = if i > 0 {
            clean(words[i - 1].1).to_lowercase()
        } else {
            String::new()
        };
        let next = words.get(i + 1).map(|(_, w)| clean(w)).unwrap_or_default();
        let next_lower = next.to_lowercase();
        if is_year || is_month_word(&prev) || is_month_word(&next_lower) {
            i += 1;
            continue;
        }
        let mut end_word = i;
        let unit;
        if w.ends_with('%') || next_lower == "percent" || next_lower == "per" {
            unit = "%".to_string();
            if next_lower == "percent" {
                end_word = i + 1;
            }
        } else if money || next_lower == "usd" {
            let mut j = i + 1;
            if next_lower == "usd" {
                j += 1;
            }
            let scale = words.get(j).map(|(_, w)| clean(w).to_lowercase());
            match scale.as_deref() {
                Some("billion") => {
                    v *= 1e9;
                    end_word = j;
                }
                Some("million") => {
                    v *= 1e6;
                    end_word = j;
                }
                _ => end_word = j - 1,
            }
            unit = "USD".to_string();
        } else if lower == "half" {
            unit = "%".to_string();
        } else {
            // The unit is the first plural noun after the number (with a
            // noun before it: "crisis centres"), within a few words.
            let mut j = i + 1;
            if ["million", "billion"].contains(&next_lower.as_str()) {
                v *= if next_lower == "million" { 1e6 } else { 1e9 };
                j += 1;
            }
            let first = j;
            let mut found_unit: Option<(usize, String)> = None;
            while let Some((_, w)) = words.get(j) {
                let c = clean(w);
                let cl = c.to_lowercase();
                if c.is_empty() || STOP_WORDS.contains(&cl.as_str()) || j >= first + 5 {
                    break;
                }
                if is_plural(&c) {
                    let prev = (j > first).then(|| clean(words[j - 1].1));
                    let unit = match prev {
                        Some(p) if j == first + 1 && is_noun_modifier(&p) => format!("{p} {c}"),
                        _ => c.clone(),
                    };
                    found_unit = Some((j, unit));
                    break;
                }
                if w.ends_with([',', '.', ';', ':']) {
                    break;
                }
                j += 1;
            }
            if lower.contains('-') {
                // "seven-year term" → years.
                unit = lower
                    .split('-')
                    .nth(1)
                    .map(|u| format!("{u}s"))
                    .unwrap_or_default();
                end_word = i;
                if unit.is_empty() {
                    i += 1;
                    continue;
                }
            } else if let Some((at, u)) = found_unit {
                unit = u;
                end_word = at;
            } else if let Some(u) = (i.saturating_sub(10)..i)
                .rev()
                .map(|k| clean(words[k].1))
                .find(|w| is_plural(w))
                .filter(|_| next_lower == "to" || prev == "from" || prev == "to")
            {
                // "the number of founders … from 10 to 3".
                unit = u;
                end_word = i;
            } else if let Some(last) = out.last().filter(|_| prev == "and" || prev == "or") {
                // "71 deputies … and 6 serving": the unit carries over.
                unit = last.unit.clone();
                end_word = i;
            } else {
                i += 1;
                continue;
            }
        }
        let qualifier = QUALIFIERS.iter().find_map(|q| {
            let q_words: Vec<&str> = q.split(' ').collect();
            let n = q_words.len();
            (i >= n
                && words[i - n..i]
                    .iter()
                    .map(|(_, w)| clean(w).to_lowercase())
                    .eq(q_words.iter().map(|s| s.to_string())))
            .then(|| q.to_string())
        });
        let (end_at, end_raw) = words[end_word.min(words.len() - 1)];
        out.push(FoundFigure {
            value: v,
            unit,
            qualifier,
            start: at,
            end: end_at + end_raw.trim_end_matches([',', '.', ';', ':']).len(),
            past: prev == "from" && next_lower == "to",
        });
        i = end_word + 1;
    }
    out
}

const STOP_WORDS: [&str; 22] = [
    "of", "in", "to", "for", "from", "with", "and", "or", "on", "at", "by", "the", "a", "an", "as",
    "that", "which", "who", "have", "has", "were", "was",
];

/// `24th` → 24.
fn ordinal(word: &str) -> Option<f64> {
    let digits = word
        .strip_suffix("st")
        .or_else(|| word.strip_suffix("nd"))
        .or_else(|| word.strip_suffix("rd"))
        .or_else(|| word.strip_suffix("th"))?;
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

/// Whether the word before `i` is a form of "rank" or "place".
fn prev_is_rank(words: &[(usize, &str)], i: usize, clean: &dyn Fn(&str) -> String) -> bool {
    i > 0
        && matches!(
            clean(words[i - 1].1).to_lowercase().as_str(),
            "ranks" | "ranked" | "rank" | "ranking" | "placed"
        )
}

/// A plural noun: `centres`, `NGOs`, `deputies` (not `crisis`, `status`).
fn is_plural(word: &str) -> bool {
    if ["women", "men", "children", "people", "persons"].contains(&word.to_lowercase().as_str()) {
        return true;
    }
    // Russian nouns do not follow English plurals: any Cyrillic word after
    // a number is taken as its unit ("120 НКО").
    if word.chars().any(|c| ('\u{400}'..='\u{4FF}').contains(&c)) {
        return word.chars().all(char::is_alphabetic);
    }
    word.len() > 3
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("is")
        && !word.ends_with("us")
        && word.chars().all(|c| c.is_alphabetic())
}

/// A word that may stand before a unit noun as part of it ("crisis
/// centres", "human rights"): lower case and not an adjective or a
/// participle by its ending.
fn is_noun_modifier(word: &str) -> bool {
    word.chars().all(|c| c.is_lowercase())
        && !STOP_WORDS.contains(&word)
        && ![
            "ed", "ing", "al", "ic", "ous", "ive", "ful", "ble", "ary", "ant", "ent", "or", "er",
        ]
        .iter()
        .any(|s| word.ends_with(s))
}

/// The clause holding the figure at `[start, end)`: from the punctuation
/// before it to the one after; from the sentence's start when the clause
/// opens with the number or is short, and the whole sentence when even
/// that is short.
pub fn clause_around(sentence: &str, start: usize, end: usize) -> (usize, usize) {
    let before = sentence[..start]
        .rfind([',', ';', ':'])
        .map_or(0, |p| p + 1);
    let after = sentence[end.min(sentence.len())..]
        .find([',', ';', ':'])
        .map_or(sentence.len(), |p| end + p);
    let clause = sentence[before..after].trim();
    // A clause that carries on the sentence's subject ("…, provides more
    // than 1,300 services") is quoted with it; an "including…" or "with…"
    // clause stands alone.
    let continues = clause.starts_with(char::is_lowercase)
        && !clause.starts_with("including")
        && !clause.starts_with("with");
    let from = if before == 0
        || continues
        || clause.split_whitespace().count() < 6
        || sentence[before..start].trim().is_empty()
    {
        0
    } else {
        before + (sentence[before..].len() - sentence[before..].trim_start().len())
    };
    if sentence[from..after].split_whitespace().count() < 6 {
        (0, sentence.len())
    } else {
        (from, after)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figs(s: &str) -> Vec<(f64, String, Option<String>)> {
        figures(s)
            .into_iter()
            .map(|f| (f.value, f.unit, f.qualifier))
            .collect()
    }

    #[test]
    fn figures_with_units_and_qualifiers() {
        assert_eq!(
            figs("Across the country, 46 crisis centres provide assistance."),
            [(46.0, "crisis centres".to_string(), None)]
        );
        assert_eq!(
            figs("Women make up around 55% of civil servants, 39% of civil service leaders."),
            [
                (55.0, "%".to_string(), Some("around".to_string())),
                (39.0, "%".to_string(), None)
            ]
        );
        assert_eq!(
            figs("More than $4 billion has been recovered."),
            [(4e9, "USD".to_string(), Some("more than".to_string()))]
        );
        assert_eq!(
            figs("It has ratified all eight core UN human rights conventions.")[0].0,
            8.0
        );
        assert!(figs("In 2024, on May 20, it met.").is_empty());
        assert_eq!(
            figs(
                "reduced the minimum number of founders required to establish an NGO from 10 to 3, simplifying registration"
            ),
            [
                (10.0, "founders".to_string(), None),
                (3.0, "founders".to_string(), None)
            ]
        );
        assert_eq!(
            figs(
                "resulting in 71 deputies with disabilities elected and 6 serving in the national Parliament."
            ),
            [
                (71.0, "deputies".to_string(), None),
                (6.0, "deputies".to_string(), None)
            ]
        );
    }
}
