//! Meetings as analysts write them: "On <date>, X welcomed / met / hosted
//! / received Y", "held the sixth meeting of …", "the third session of the
//! … Dialogue"; the series a meeting belongs to, so that a second account
//! of the same meeting is recognised; and the date of the meeting a
//! document gives an account of, which dates the statements made at it.

use super::lexicon::LEXICON;
use super::names::whole_word;
use super::when::{dates_in, day_of};
use crate::date::{Date, Precision};

/// Whether a sentence reports a meeting between people or delegations.
pub fn is_meeting(sentence: &str) -> bool {
    let lower = sentence.to_lowercase();
    let verb = LEXICON
        .meeting_verbs
        .iter()
        .chain(&LEXICON.meeting_only_verbs)
        .any(|v| whole_word(&lower, v).is_some());
    if !verb {
        return false;
    }
    let series = series_of(sentence).is_some()
        || LEXICON
            .series_words
            .iter()
            .any(|w| whole_word(&lower, w).is_some());
    let delegation = lower.contains("delegation");
    let on_date = lower.starts_with("on ")
        && dates_in(
            opening(sentence, 40),
            Date::year(2100).expect("a valid year"),
        )
        .iter()
        .any(|d| d.date.precision() == Precision::Day);
    // "A … met B, the US Secretary of State, on September 20, 2018": a
    // verb that only a meeting takes, with the day it happened.
    let met_on_day = (LEXICON
        .meeting_only_verbs
        .iter()
        .any(|v| whole_word(&lower, v).is_some())
        || met_someone(sentence))
        && dates_in(sentence, Date::year(2100).expect("a valid year"))
            .iter()
            .any(|d| d.date.precision() == Precision::Day);
    series || delegation || on_date || met_on_day
}

/// "met the Honorable Mike Pompeo", "hosted Foreign Minister X",
/// "received the Prime Minister": a verb of meeting with a person after it
/// (not "has met its obligations", "received support").
fn met_someone(sentence: &str) -> bool {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    words.iter().enumerate().any(|(i, w)| {
        ["met", "hosted", "received"].contains(w)
            && match (words.get(i + 1), words.get(i + 2)) {
                (Some(&"the"), Some(next)) | (Some(next), _) => {
                    next.starts_with(char::is_uppercase)
                }
                _ => false,
            }
    })
}

/// Whether a sentence names a dated occasion in passing: a signing, a
/// summit, a visit, an election, a review … with a date or a year the text
/// gives ("the recent signing of the Critical Minerals MOU in September",
/// "next year’s EU-Central Asia Summit").
pub fn names_dated_occasion(sentence: &str, doc: Date) -> bool {
    let lower = sentence.to_lowercase();
    let occasion = LEXICON
        .occasion_words
        .iter()
        .any(|w| whole_word(&lower, w).is_some());
    let relative = [
        "next year",
        "this year",
        "last year",
        "earlier this year",
        "later this year",
    ]
    .iter()
    .any(|w| lower.contains(w));
    occasion && (relative || !dates_in(sentence, doc).is_empty())
}

/// The first `n` bytes of `text` or fewer, ending on a character boundary.
fn opening(text: &str, n: usize) -> &str {
    let mut end = n.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The name of the recurring series a sentence's meeting belongs to: the
/// run of capitalised words that ends in a series word ("Strategic
/// Partnership Dialogue", "Annual Bilateral Consultations"), lower case.
pub fn series_of(sentence: &str) -> Option<String> {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        let clean = w.trim_matches(|c: char| !c.is_alphanumeric());
        let lower = clean.to_lowercase();
        if !LEXICON.series_words.contains(&lower) || !clean.starts_with(char::is_uppercase) {
            continue;
        }
        let mut j = i;
        while j > 0 {
            let prev =
                words[j - 1].trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '.');
            let joins = ["on", "of", "and", "for"].contains(&prev);
            if prev.is_empty()
                || !(prev.starts_with(char::is_uppercase) || joins)
                || words[j - 1].ends_with(',')
            {
                break;
            }
            j -= 1;
        }
        while j < i && ["on", "of", "and", "for", "The"].contains(&words[j]) {
            j += 1;
        }
        if i > j {
            let name: Vec<String> = words[j..=i]
                .iter()
                .map(|w| {
                    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '.')
                        .to_lowercase()
                })
                .collect();
            return Some(name.join(" ").trim_end_matches('.').to_string());
        }
    }
    None
}

/// What a document says of the meeting it gives an account of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meeting {
    /// It reports no meeting.
    None,
    /// It reports one, on this date (to the day or the month).
    Dated(Date),
    /// It reports one but does not say when, or not as precisely as a
    /// month: what was said there is not dated by the publication.
    Undated,
}

/// The meeting a document gives an account of: the first date (to the day
/// or month, not after the document's own) of its meeting sentences.
pub fn meeting_date<'a>(sentences: impl Iterator<Item = &'a str>, doc: Date) -> Meeting {
    let mut found = Meeting::None;
    let mut dated: Option<Date> = None;
    for s in sentences {
        if !is_meeting(s) {
            continue;
        }
        // "last month's meeting", "the previous round": an earlier
        // occasion than the one the document tells of.
        let earlier = |at: usize| {
            let rest = s[at..].to_lowercase();
            let next = rest.split_whitespace().nth(1).unwrap_or_default();
            (rest.starts_with("last ") || rest.starts_with("previous ")) && !next.ends_with("day")
        };
        let recent = dates_in(s, doc)
            .into_iter()
            .filter(|f| !earlier(f.at))
            .find(|f| {
                let d = f.date;
                d.precision() != Precision::Year
                    && d.first_day() <= doc.last_day()
                    && d.last_day() + chrono::Days::new(62) >= doc.first_day()
            });
        // "On 11-12 June": on which of its days a statement was made,
        // the text does not say.
        if recent.is_some_and(|f| spans_days(&s[f.at..])) {
            return Meeting::Undated;
        }
        let recent = recent.map(|f| f.date);
        match (recent, dated) {
            (Some(d), None) => dated = Some(d),
            // Two meetings on two days: which one a statement was made
            // at, the text does not say.
            (Some(d), Some(first)) if d != first && d.precision() == first.precision() => {
                return Meeting::Undated;
            }
            (None, None) => found = Meeting::Undated,
            _ => {}
        }
    }
    dated.map_or(found, Meeting::Dated)
}

/// Whether the date words that open `from` name more than one day ("11-12
/// June", "June 6–7, 2023", "from 6 to 7 June").
fn spans_days(from: &str) -> bool {
    let words: Vec<&str> = from.split_whitespace().take(4).collect();
    let day = |w: &str| day_of(w.trim_matches(|c: char| !c.is_alphanumeric())).is_some();
    let dashed = words.iter().take(3).any(|w| {
        w.split_once(['-', '–'])
            .is_some_and(|(a, b)| day(a) && day(b))
    });
    let from_to = matches!(
        words.as_slice(),
        ["from", a, "to" | "and" | "until" | "through", b, ..]
            | [a, "to" | "and" | "until" | "through", b, ..] if day(a) && day(b)
    );
    dashed || from_to
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meetings_in_their_common_forms() {
        assert!(is_meeting(
            "On December 13, 2022, Assistant Secretary Donald Lu hosted an Uzbekistani delegation for a productive annual Strategic Partnership Dialogue (SPD) in Washington."
        ));
        assert!(is_meeting(
            "The European Union and the Kyrgyz Republic held their tenth round of the annual Human Rights Dialogue on Thursday (24 September) via video conference."
        ));
        assert!(is_meeting(
            "On May 31, Assistant Secretary James O'Brien welcomed First Deputy Minister Ivanov to Washington."
        ));
        assert!(!is_meeting(
            "The EU welcomed the adoption of new legislation on domestic violence."
        ));
    }

    #[test]
    fn the_series_of_a_meeting() {
        assert_eq!(
            series_of("led the fourth annual Strategic Partnership Dialogue (SPD) between Uzbekistan and the United States").as_deref(),
            Some("strategic partnership dialogue")
        );
        assert_eq!(
            series_of(
                "The European Union and the Kyrgyz Republic held their 14th Human Rights Dialogue."
            )
            .as_deref(),
            Some("human rights dialogue")
        );
    }

    #[test]
    fn a_meeting_verb_with_its_day() {
        assert!(is_meeting(
            "H.E. Mr. U. Khurelsukh, the Prime Minister of Mongolia, met the Honorable Mike Pompeo, the US Secretary of State, on September 20, 2018, and exchanged views."
        ));
        assert!(!is_meeting(
            "The EU welcomed the law adopted on 5 May 2023."
        ));
        assert!(!is_meeting(
            "Uzbekistan has met its obligations under the 12 May 2022 agreement."
        ));
        assert!(!is_meeting(
            "The Secretary spoke with reporters on 5 May 2023."
        ));
    }

    #[test]
    fn an_earlier_meeting_in_passing_dates_no_account() {
        let doc: Date = "2023-03".parse().unwrap();
        let text = [
            "Chisinau hosted a session of the US-Moldova Strategic Dialogue.",
            "He welcomed the frequent high-level meetings, including last month's meeting between Presidents Maia Sandu and Joe Biden.",
        ];
        assert_eq!(meeting_date(text.into_iter(), doc), Meeting::Undated);
    }

    #[test]
    fn the_meeting_dates_the_account() {
        let doc: Date = "2022-12-14".parse().unwrap();
        let text = [
            "The text of the following statement was released.",
            "On December 13, 2022, Assistant Secretary Donald Lu hosted an Uzbekistani delegation for the annual Strategic Partnership Dialogue.",
        ];
        assert_eq!(
            meeting_date(text.into_iter(), doc),
            Meeting::Dated("2022-12-13".parse().unwrap())
        );
        let undated = ["The two delegations held consultations in Bishkek."];
        assert_eq!(meeting_date(undated.into_iter(), doc), Meeting::Undated);
        let two = [
            "On 10 December, Brussels hosted a meeting of the Cooperation Committee.",
            "The annual Human Rights Dialogue preceded the meeting on 9 December.",
        ];
        assert_eq!(meeting_date(two.into_iter(), doc), Meeting::Undated);
    }

    #[test]
    fn a_courtesy_call_or_a_host_with_the_day_is_a_meeting() {
        for s in [
            "US Under Secretary of State for Political Affairs Ambassador Victoria Nuland paid a courtesy call on DFA Secretary Enrique Manalo on March 6.",
            "The President of the United States hosted the Prime Minister of Viet Nam at the White House on May 31.",
        ] {
            assert!(is_meeting(s), "{s}");
        }
        assert!(!is_meeting("The programme received support on May 31."));
    }

    #[test]
    fn a_meeting_of_several_days_dates_no_statement() {
        let doc: Date = "2024-06-13".parse().unwrap();
        for s in [
            "On 11-12 June 2024, the EU-Armenia Partnership Committee met for the fifth time in Yerevan.",
            "The Cooperation Council met on June 11–12, 2024 in Yerevan.",
            "The Cooperation Council met from 11 to 12 June in Yerevan.",
        ] {
            assert_eq!(meeting_date([s].into_iter(), doc), Meeting::Undated, "{s}");
        }
        let one = ["On 12 June 2024, the Partnership Committee met in Yerevan."];
        assert_eq!(
            meeting_date(one.into_iter(), doc),
            Meeting::Dated("2024-06-12".parse().unwrap())
        );
    }
}
