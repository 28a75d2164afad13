//! Dates in a sentence, resolved against the document's own date, at the
//! precision the text gives and never sharper: "on May 20" in a May 2024
//! article is 20 May 2024 (of the year before if it would fall after the
//! article), "last month" is April 2024, "in 2023" is 2023, "today" is the
//! document's date. A start ("since 2019") or a range ("2023–2026") dates
//! nothing.
//!
//! Hand-written: the date-parsing crates read a date string, not dates
//! inside prose relative to another date.

use chrono::Datelike;

use crate::date::{Date, MONTHS, Precision};

/// A date found in a sentence, with whether the words make it a plan
/// ("next year", "will be held in 2025") and whether it was relative.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// The date, at the text's precision.
    pub date: Date,
    /// The byte offset in the sentence where its words start.
    pub at: usize,
}

/// Russian month names, in the genitive a date uses ("10 марта 2025 года")
/// and the nominative.
const RUSSIAN_MONTHS: [[&str; 2]; 12] = [
    ["января", "январь"],
    ["февраля", "февраль"],
    ["марта", "март"],
    ["апреля", "апрель"],
    ["мая", "май"],
    ["июня", "июнь"],
    ["июля", "июль"],
    ["августа", "август"],
    ["сентября", "сентябрь"],
    ["октября", "октябрь"],
    ["ноября", "ноябрь"],
    ["декабря", "декабрь"],
];

/// The month a token names: an English month written with its capital, or
/// a Russian one.
fn month_of(token: &str) -> Option<u32> {
    let lower = token.to_lowercase();
    if let Some(i) = RUSSIAN_MONTHS
        .iter()
        .position(|m| m.contains(&lower.as_str()))
    {
        return Some(i as u32 + 1);
    }
    month_number(token).filter(|_| token.starts_with(char::is_uppercase))
}

/// Whether a word names a month, in English (any case) or Russian.
pub(crate) fn is_month_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    month_number(word).is_some() || RUSSIAN_MONTHS.iter().any(|m| m.contains(&lower.as_str()))
}

fn month_number(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    let w = w.trim_end_matches('.');
    MONTHS
        .iter()
        .map(|m| m.to_ascii_lowercase())
        .position(|m| {
            m == w || (w.len() == 3 && m.starts_with(w)) || (w == "sept" && m == "september")
        })
        .map(|i| i as u32 + 1)
}

/// A word as tokens: (byte offset, text without surrounding punctuation).
fn tokens(sentence: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in sentence.char_indices() {
        let part = c.is_alphanumeric() || c == '-' || c == '–' || c == '\'' || c == '’';
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &sentence[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &sentence[s..]));
    }
    out
}

fn year_of(word: &str) -> Option<i32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
        .filter(|y| (1900..=2099).contains(y))
}

/// The day of the month a word gives ("6", "6th", "1-2": the first of a
/// range).
pub(super) fn day_of(word: &str) -> Option<u32> {
    // A range of days ("1-2", "6–7") is dated by its first.
    let word = word.split(['-', '–']).next().unwrap_or(word);
    let digits = word.trim_end_matches(|c: char| c.is_alphabetic());
    (!digits.is_empty() && digits.len() <= 2 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
        .filter(|d| (1..=31).contains(d))
}

/// The most recent date of `month` (and `day`) not after the document's
/// date, in the document's year or the one before.
fn recent(doc: Date, month: u32, day: Option<u32>) -> Option<Date> {
    let year = doc.year_number();
    let make = |y: i32| match day {
        Some(d) => Date::day(y, month, d),
        None => Date::month(y, month),
    };
    let this = make(year)?;
    if doc.precision() == Precision::Year || this.first_day() <= doc.last_day() {
        Some(this)
    } else {
        make(year - 1)
    }
}

/// A day of a month with the year written after it (`next`), else the
/// most recent such day; and how many tokens the date took.
fn day_of_month(doc: Date, month: u32, day: u32, next: &str) -> (Option<Date>, usize) {
    match year_of(next) {
        Some(y) => (Date::day(y, month, day), 3),
        None => (recent(doc, month, Some(day)), 2),
    }
}

/// The length of a news dateline opening `sentence` ("ASTANA, 14 March
/// 2026 — "): a place in capitals, a comma, the date of the dispatch and a
/// dash. Its date is the report's, not that of what the sentence tells.
pub fn dateline_len(sentence: &str, doc: Date) -> Option<usize> {
    if let Some(n) = agency_dateline_len(sentence) {
        return Some(n);
    }
    let comma = sentence.find(',')?;
    let place = &sentence[..comma];
    // "ASTANA", "Washington DC": a place of a few capitalised words.
    let capitals = place.split_whitespace().count() <= 4
        && place.chars().any(char::is_alphabetic)
        && place
            .split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase));
    if !capitals {
        return None;
    }
    let rest = &sentence[comma + 1..];
    // The dispatch's date, perhaps the agency in brackets, then a dash or
    // a colon ("Washington DC, 5 May 2023 (TDI): …").
    let (dash, width) = ["—", "–", " - ", "):", ": "]
        .iter()
        .filter_map(|d| rest.find(d).map(|at| (at, d.len())))
        .min()?;
    // The date comes first, after the place's other names at most
    // ("BISHKEK, Kyrgyzstan, March 5 —"), not after words of a sentence.
    let dated_first = dates_in(&rest[..dash.min(rest.len())], doc)
        .first()
        .is_some_and(|f| {
            rest[..f.at]
                .split_whitespace()
                .all(|w| w.starts_with(char::is_uppercase))
        });
    if dash > 60 || !dated_first {
        return None;
    }
    let after = comma + 1 + dash + width;
    Some(after + (sentence[after..].len() - sentence[after..].trim_start().len()))
}

/// A wire dateline with the agency in brackets: "WASHINGTON (UrduPoint
/// News / Sputnik - 07th April, 2023) …", "BISHKEK (TCA) — …": the city in
/// capitals, the bracket, and a dash after it if there is one.
fn agency_dateline_len(sentence: &str) -> Option<usize> {
    let open = sentence.find(" (")?;
    let city = &sentence[..open];
    let capitals = !city.is_empty()
        && city.split_whitespace().count() <= 3
        && city.chars().any(char::is_alphabetic)
        && city
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '-' | '.' | ','));
    if !capitals {
        return None;
    }
    let close = open + sentence[open..].find(')')?;
    if close - open > 80 {
        return None;
    }
    let mut after = close + 1;
    let rest = &sentence[after..];
    let trimmed = rest.trim_start();
    let mut dashed = false;
    for dash in ["—", "–", "-"] {
        if let Some(r) = trimmed.strip_prefix(dash) {
            after += rest.len() - r.len();
            dashed = true;
            break;
        }
    }
    // "OSCE (ODIHR) observers noted …" is a subject, not a dateline: one
    // gives its date in the bracket or a dash after it.
    let dated = sentence[open..close].chars().any(|c| c.is_ascii_digit());
    if !dated && !dashed {
        return None;
    }
    let rest = &sentence[after..];
    Some(after + (rest.len() - rest.trim_start().len()))
}

/// The day of the week a (lower-case) word names.
fn weekday_of(word: &str) -> Option<chrono::Weekday> {
    use chrono::Weekday::*;
    Some(match word {
        "monday" => Mon,
        "tuesday" => Tue,
        "wednesday" => Wed,
        "thursday" => Thu,
        "friday" => Fri,
        "saturday" => Sat,
        "sunday" => Sun,
        _ => return None,
    })
}

/// Words between a bound ("by", "until") and its date.
const BOUND_FILLERS: [&str; 9] = [
    "the",
    "end",
    "of",
    "early",
    "late",
    "mid",
    "middle",
    "beginning",
    "start",
];

/// Every date the sentence gives, in order.
pub fn dates_in(sentence: &str, doc: Date) -> Vec<Found> {
    let toks = tokens(sentence);
    let lower: Vec<String> = toks
        .iter()
        .map(|(_, t)| {
            let t = t.to_lowercase();
            t.strip_suffix("’s")
                .or_else(|| t.strip_suffix("'s"))
                .unwrap_or(&t)
                .to_string()
        })
        .collect();
    let word = |i: usize| lower.get(i).map(String::as_str).unwrap_or("");
    let mut out = Vec::new();
    let mut bounds: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let at = toks[i].0;
        let w = word(i);
        // "since May 2019", "from 2021", "by the end of 2025": a start or a
        // bound, not a date; no date within the next few words is taken.
        if matches!(
            w,
            "since" | "from" | "until" | "through" | "by" | "с" | "до"
        ) {
            // "from 6 to 7 June": a range of days, dated by its first.
            let range_of_days = day_of(word(i + 1)).is_some()
                && matches!(word(i + 2), "to" | "and" | "until" | "through")
                && day_of(word(i + 3)).is_some();
            if range_of_days
                && let Some(m) = toks.get(i + 4).and_then(|(_, t)| month_of(t))
                && let Some(d) = day_of(word(i + 1))
            {
                let (date, took) = day_of_month(doc, m, d, word(i + 5));
                out.extend(date.map(|date| Found {
                    date,
                    at: toks[i + 1].0,
                }));
                // "from", the first day, "to", then the day and month (and year).
                i += 3 + took;
                continue;
            }
            // The bound reaches its date only through words that say
            // where in it ("by the end of 2025", "until early March"), not
            // through any others ("by video-conference on 2 July").
            let mut k = i + 1;
            while k < i + 5 && BOUND_FILLERS.contains(&word(k)) {
                k += 1;
            }
            let end = toks.get(k).map_or(sentence.len(), |(at, _)| *at);
            bounds.push((at, end));
            i += 1;
            continue;
        }
        if let Some(m) = month_of(toks[i].1) {
            // Month D, YYYY | Month D | Month YYYY | Month
            if let Some(d) = day_of(word(i + 1)) {
                let (date, took) = day_of_month(doc, m, d, word(i + 2));
                out.extend(date.map(|date| Found { date, at }));
                i += took;
                continue;
            }
            if let Some(y) = year_of(word(i + 1)) {
                if let Some(date) = Date::month(y, m) {
                    out.push(Found { date, at });
                }
                i += 2;
                continue;
            }
            if w != "may" && doc.precision() != Precision::Year {
                let previous = i > 0 && matches!(word(i - 1), "last" | "in" | "on" | "this");
                if previous && let Some(date) = recent(doc, m, None) {
                    out.push(Found {
                        date,
                        at: toks[i - 1].0,
                    });
                }
            }
            i += 1;
            continue;
        }
        // D Month YYYY | D Month
        if let Some(d) = day_of(w)
            && let Some(m) = toks.get(i + 1).and_then(|(_, t)| month_of(t))
        {
            let (date, took) = day_of_month(doc, m, d, word(i + 2));
            out.extend(date.map(|date| Found { date, at }));
            i += took;
            continue;
        }
        if let Some(y) = year_of(w) {
            // A range such as 2023–2026 is one token with a dash: skipped.
            let in_range = word(i + 1) == "to" && year_of(word(i + 2)).is_some();
            if !in_range && let Some(date) = Date::year(y) {
                out.push(Found { date, at });
            }
            i += if in_range { 3 } else { 1 };
            continue;
        }
        let relative = match (w, word(i + 1)) {
            ("today" | "tonight" | "yesterday", _) => {
                let d = if w == "yesterday" && doc.precision() == Precision::Day {
                    Date::from(doc.first_day().pred_opt().unwrap_or(doc.first_day()))
                } else {
                    doc
                };
                Some((d, 1))
            }
            ("this", "morning" | "afternoon" | "evening") => Some((doc, 2)),
            ("this", "month") if doc.precision() != Precision::Year => {
                Date::month(doc.year_number(), doc.first_day().month()).map(|d| (d, 2))
            }
            ("this", "year") => Date::year(doc.year_number()).map(|d| (d, 2)),
            ("last" | "previous", "year") => Date::year(doc.year_number() - 1).map(|d| (d, 2)),
            ("next", "year") => Date::year(doc.year_number() + 1).map(|d| (d, 2)),
            ("last" | "previous", "month") if doc.precision() != Precision::Year => {
                let first = doc.first_day();
                let (y, m) = if first.month() == 1 {
                    (first.year() - 1, 12)
                } else {
                    (first.year(), first.month() - 1)
                };
                Date::month(y, m).map(|d| (d, 2))
            }
            _ => None,
        };
        if let Some((date, len)) = relative {
            // "the previous year" → the year before the document's.
            out.push(Found { date, at });
            i += len;
            continue;
        }
        // "met on Tuesday": the last such day by the document's own day (the
        // coming one for a plan); a document dated only to the month does
        // not settle which. "On Tuesday, March 5": the written date says it.
        let written_next = month_of(toks.get(i + 1).map_or("", |t| t.1)).is_some()
            || day_of(word(i + 1)).is_some();
        if let Some(day) = weekday_of(w)
            && i > 0
            && matches!(word(i - 1), "on" | "last" | "next")
            && doc.precision() == Precision::Day
            && !written_next
        {
            let published = doc.first_day();
            let (from, to) = (
                published.weekday().num_days_from_monday(),
                day.num_days_from_monday(),
            );
            // "will travel … on Friday", "next Friday": the coming one.
            let ahead = word(i - 1) == "next" || lower.iter().any(|t| t == "will");
            let date = if ahead {
                let days = match (7 + to - from) % 7 {
                    0 => 7,
                    n => n,
                };
                published + chrono::Days::new(u64::from(days))
            } else {
                let back = match ((7 + from - to) % 7, word(i - 1)) {
                    (0, "last") => 7,
                    (n, _) => n,
                };
                published - chrono::Days::new(u64::from(back))
            };
            out.push(Found {
                date: Date::from(date),
                at: toks[i - 1].0,
            });
            i += 1;
            continue;
        }
        i += 1;
    }
    // Each bound takes the first date within its reach.
    for (b, e) in bounds {
        if let Some(k) = out.iter().position(|f| f.at > b && f.at <= e) {
            out.remove(k);
        }
    }
    out
}

/// Whether a date stands as an adjective before a noun ("the passage of an
/// April 2024 law", "the 2023 report"): it dates the thing named, not what
/// the sentence says was done or said.
pub fn is_attributive(sentence: &str, found: &Found) -> bool {
    let before = sentence[..found.at].trim_end().to_lowercase();
    let article = ["a", "an", "the", "its", "their", "his", "her"]
        .iter()
        .any(|a| before == *a || before.ends_with(&format!(" {a}")));
    let after = &sentence[found.at..];
    // The first word after the date's own words (a month, a day, a year).
    let next = after
        .split_whitespace()
        .find(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            !w.is_empty() && month_of(w).is_none() && !w.bytes().all(|b| b.is_ascii_digit())
        })
        .unwrap_or_default();
    article && next.starts_with(char::is_lowercase)
}

/// Whether the words make the sentence's event a plan rather than a fact.
pub fn is_plan(sentence: &str) -> bool {
    let s = sentence.to_lowercase();
    [
        "will be held",
        "will hold",
        "will take place",
        "will meet",
        "will convene",
        "agreed to hold",
        "agreed to meet",
        "plans to",
        "planned for",
        "is planned",
        "are planned",
        "is scheduled",
        "scheduled for",
        "the proposed",
        "is proposed",
        "next meeting",
        "upcoming",
        "будет проведен",
    ]
    .iter()
    .any(|w| s.contains(w))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_dateline_is_the_dispatch_not_the_news() {
        let doc: crate::date::Date = "2026-03-14".parse().unwrap();
        let s = "ASTANA, 14 March 2026 — Officials met in Astana on 12 March 2026.";
        let n = super::dateline_len(s, doc).unwrap();
        assert_eq!(&s[n..], "Officials met in Astana on 12 March 2026.");
        assert_eq!(
            super::dateline_len("WASHINGTON, May 3 - Talks went on.", doc).map(|n| n > 0),
            Some(true)
        );
        assert_eq!(
            super::dateline_len("Astana, the capital, hosted talks — again.", doc),
            None
        );
        assert_eq!(
            super::dateline_len("In 2025, the law — long awaited — passed.", doc),
            None
        );
    }

    use super::*;

    fn found(s: &str, doc: &str) -> Vec<String> {
        dates_in(s, doc.parse().unwrap())
            .iter()
            .map(|f| f.date.to_string())
            .collect()
    }

    #[test]
    fn dates_at_the_precision_the_text_gives() {
        assert_eq!(
            found("They met on May 20 in Astana.", "2024-05"),
            ["2024-05-20"]
        );
        assert_eq!(found("They met on December 20.", "2024-05"), ["2023-12-20"]);
        assert_eq!(found("signed last month", "2024-05"), ["2024-04"]);
        // 2 March 2016 was a Wednesday.
        assert_eq!(
            found("met on Tuesday to convene", "2016-03-02"),
            ["2016-03-01"]
        );
        assert_eq!(found("met on Wednesday", "2016-03-02"), ["2016-03-02"]);
        assert!(found("met on Tuesday", "2016-03").is_empty());
        assert_eq!(found("will travel on Friday", "2016-03-02"), ["2016-03-04"]);
        assert_eq!(
            found("met on Tuesday, March 1, 2016", "2016-03-15"),
            ["2016-03-01"]
        );
        let s = "commended the passage of an April 2024 law recriminalizing abuse";
        let d: Date = "2024-05".parse().unwrap();
        assert!(is_attributive(s, &dates_in(s, d)[0]));
        let s = "The law was adopted in April 2024 by parliament";
        assert!(!is_attributive(s, &dates_in(s, d)[0]));
        assert_eq!(
            found(
                "held the 13th round by video-conference on 2 July 2020.",
                "2020-07-02"
            ),
            ["2020-07-02"]
        );
        assert_eq!(
            found(
                "visited Uzbekistan from 6 to 7 June, 2023 as part",
                "2023-06"
            ),
            ["2023-06-06"]
        );
        assert_eq!(
            found(
                "the official visit to Uzbekistan(19-25 September 2019)",
                "2019-09"
            ),
            ["2019-09-19"]
        );
        assert_eq!(
            found("was held November 1-2 in Washington", "2023-11"),
            ["2023-11-01"]
        );
        let d: Date = "2023-05-05".parse().unwrap();
        let s = "Washington DC, 5 May 2023 (TDI): The Ninth US-Bangladesh Partnership Dialogue was convened on May 3, 2023.";
        assert_eq!(
            &s[dateline_len(s, d).unwrap()..],
            "The Ninth US-Bangladesh Partnership Dialogue was convened on May 3, 2023."
        );
        let s = "Tashkent, for its part, said on 5 May: no.";
        assert_eq!(dateline_len(s, d), None);
        let s = "ASTANA, 5 May 2023, 10:30 — The talks opened.";
        assert_eq!(&s[dateline_len(s, d).unwrap()..], "The talks opened.");
        let d: Date = "2023-04-07".parse().unwrap();
        let s = "WASHINGTON (UrduPoint News / Sputnik - 07th April, 2023) The United States and Kyrgyzstan held consultations.";
        assert_eq!(
            &s[dateline_len(s, d).unwrap()..],
            "The United States and Kyrgyzstan held consultations."
        );
        assert_eq!(
            dateline_len("OSCE (ODIHR) observers noted the vote.", d),
            None
        );
        let s = "BISHKEK (TCA) — Representatives of the European Union met.";
        assert_eq!(
            &s[dateline_len(s, d).unwrap()..],
            "Representatives of the European Union met."
        );
        assert_eq!(found("held in New York last year", "2024-05"), ["2023"]);
        assert_eq!(found("the previous year", "2025"), ["2024"]);
        assert_eq!(
            found("what we launched here today", "2022-04-11"),
            ["2022-04-11"]
        );
        assert_eq!(
            found("this morning’s dialogue", "2022-04-11"),
            ["2022-04-11"]
        );
        assert_eq!(
            found("In December 2009, the law passed.", "2010"),
            ["2009-12"]
        );
        assert_eq!(
            found("In 2023, it ratified two protocols.", "2025"),
            ["2023"]
        );
        assert_eq!(
            found("on May 20, 2024, in Astana", "2024-05"),
            ["2024-05-20"]
        );
        assert_eq!(found("20 May 2024", "2025"), ["2024-05-20"]);
        assert_eq!(found("last December", "2024-05"), ["2023-12"]);
    }

    #[test]
    fn starts_and_ranges_date_nothing() {
        assert!(found("Since 2019, Kazakhstan has reformed.", "2025").is_empty());
        assert!(found("since May 2019 it has grown", "2025").is_empty());
        assert!(found("by the end of 2025", "2024").is_empty());
        assert_eq!(
            found("since 2019, and in 2023 it was amended", "2025"),
            ["2023"]
        );
        assert!(found("this week", "2024-05-20").is_empty());
        assert_eq!(found("10 марта 2025 года", "2025-03-12"), ["2025-03-10"]);
        assert!(found("The 2023–2026 Action Plan", "2025").is_empty());
        assert!(found("It may help.", "2025").is_empty());
        assert!(found("on May 20", "2024").iter().all(|d| d == "2024-05-20"));
    }

    #[test]
    fn plans() {
        assert!(is_plan(
            "hold the next meeting of the High-Level Dialogue in 2025"
        ));
        assert!(is_plan("the proposed 2011 Women's Empowerment Conference"));
        assert!(!is_plan("The dialogue was held in Astana."));
    }
}
