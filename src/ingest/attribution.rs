//! Reporting clauses: where a sentence says who speaks. The speaker is the
//! subject of its reporting verb ("X said / noted / reiterated / welcomed
//! …"), the X of "according to X", or the name after a quotation ("…,"
//! said X; "…," concluded X). A person merely named elsewhere in the
//! sentence is not its speaker, and the page's publisher never is.
//!
//! Hand-written over `lexicon.toml`'s verbs: a dependency parser would
//! find subjects more generally, but none runs offline in Rust without a
//! model of tens of megabytes, and the clauses of diplomatic prose are few
//! and regular (see `suggest`'s module comment for what was measured).

use super::lexicon::LEXICON;
use super::names::whole_word;

/// Where a sentence names its speaker.
#[derive(Debug, Clone, PartialEq)]
pub enum Voice<'s> {
    /// The words that name the speaker: the subject of the reporting verb,
    /// the X of "according to X", or the name after a quotation.
    Named(&'s str),
    /// A reporting verb whose speaker the grammar does not give (a passive,
    /// "It was noted that …").
    Unsaid,
}

/// Adverbs that may stand between a subject and its verb.
const ADVERBS: [&str; 17] = [
    "also",
    "further",
    "again",
    "once",
    "strongly",
    "firmly",
    "repeatedly",
    "warmly",
    "particularly",
    "specifically",
    "jointly",
    "then",
    "both",
    "additionally",
    "moreover",
    "likewise",
    "reportedly",
];

/// Words that open an adverbial phrase before the subject.
const ADVERBIAL_OPENERS: [&str; 24] = [
    "on",
    "in",
    "during",
    "at",
    "after",
    "before",
    "following",
    "additionally",
    "also",
    "moreover",
    "furthermore",
    "however",
    "meanwhile",
    "today",
    "yesterday",
    "last",
    "this",
    "separately",
    "further",
    "finally",
    "for",
    "as",
    "while",
    "with",
];

/// The first reporting verb of `sentence` (`lower`: the same in lower
/// case, of the same length) that stands as whole words, written in lower
/// case ("States" in "the United States" is no verb), outside quotation
/// marks: its byte range.
pub fn reporting_verb(sentence: &str, lower: &str) -> Option<(usize, usize)> {
    LEXICON
        .reporting_verbs
        .iter()
        .filter_map(|v| {
            let mut from = 0;
            while let Some(at) = whole_word(&lower[from..], v).map(|a| a + from) {
                // (Offsets of `lower` are `sentence`'s only where each
                // character kept its length: off a boundary, no verb.)
                let Some(written) = sentence.get(at..) else {
                    from = at + v.len();
                    continue;
                };
                let written_lower = written.starts_with(|c: char| c.is_lowercase());
                // "to discuss": no one reports anything yet; "the agenda
                // agreed at the Dialogue", "measures announced by X": a
                // participle describing a noun, not a verb with a subject.
                let infinitive = lower[..at].ends_with("to ");
                let after = &lower[at + v.len()..];
                // (After a name, "Lu opened by reiterating …", it is the verb.)
                let after_name = written_before(sentence, at)
                    .split_whitespace()
                    .last()
                    .is_some_and(|w| w.starts_with(char::is_uppercase));
                let participle = !after_name
                    && [" at ", " by ", " during ", " under "]
                        .iter()
                        .any(|p| after.starts_with(p));
                // "The Dialogue concluded on 7 January": it ended, it said nothing.
                let ended = ["concluded", "opened"].contains(&v.as_str())
                    && [" on ", " in ", " with "]
                        .iter()
                        .any(|p| after.starts_with(p));
                let participle = participle || ended;
                if written_lower && !infinitive && !participle && !inside_quotation(&lower[..at]) {
                    return Some((at, at + v.len()));
                }
                from = at + v.len();
            }
            None
        })
        .min()
}

fn inside_quotation(before: &str) -> bool {
    let opens = before.matches('“').count();
    let closes = before.matches('”').count();
    opens > closes || before.matches('"').count() % 2 == 1
}

/// The text of `sentence` before byte `at`, or all of it when `at` is not
/// on a character boundary.
fn written_before(sentence: &str, at: usize) -> &str {
    sentence.get(..at).unwrap_or(sentence)
}

/// Where `sentence` names its speaker, if it reports anyone's words.
pub fn voice(sentence: &str) -> Option<Voice<'_>> {
    if let Some(v) = after_quotation(sentence) {
        return Some(v);
    }
    let lower = sentence.to_lowercase();
    if lower.len() == sentence.len()
        && let Some(at) = lower.find("according to ")
    {
        let rest = sentence
            .get(at + "according to ".len()..)
            .unwrap_or_default();
        let end = rest.find([',', ';', '.', '(']).unwrap_or(rest.len());
        let who = rest[..end].trim();
        if !who.is_empty() {
            return Some(Voice::Named(who));
        }
    }
    // Offsets agree only where lower-casing kept every byte length.
    if lower.len() != sentence.len() {
        return reporting_verb(&lower, &lower).map(|_| Voice::Unsaid);
    }
    let (at, _) = reporting_verb(sentence, &lower)?;
    match sentence.get(..at) {
        Some(before) => Some(subject(before).map_or(Voice::Unsaid, Voice::Named)),
        None => Some(Voice::Unsaid),
    }
}

/// "“…,” said X." / "“…,” X said." / "…, concluded X.": the speaker named
/// after a closing quotation mark.
fn after_quotation(sentence: &str) -> Option<Voice<'_>> {
    let close = sentence.rfind(['”', '"'])?;
    // The quotation closes its clause: “…,” said X / “….” X said / “…”, X said.
    let closes_clause = sentence[..close].ends_with([',', '.', '!', '?'])
        || sentence[close..]
            .trim_start_matches(['”', '"'])
            .starts_with(',');
    if !closes_clause {
        return None;
    }
    let after = sentence[close..].trim_start_matches(['”', '"']);
    let after = after
        .trim_start_matches([',', ' '])
        .trim_end_matches(['.', ' ']);
    if after.is_empty() || after.split_whitespace().count() > 14 {
        return None;
    }
    let lower = after.to_lowercase();
    if lower.len() != after.len() {
        return None;
    }
    let (at, end) = LEXICON
        .reporting_verbs
        .iter()
        .filter_map(|v| whole_word(&lower, v).map(|a| (a, a + v.len())))
        .min()?;
    let who = if at == 0 {
        after.get(end..)?.trim()
    } else {
        after.get(..at)?.trim()
    };
    let who = who.split(',').next().unwrap_or(who).trim();
    // "…, which Minister X said …": a relative clause, not the speaker.
    let relative = ["which", "that", "and", "as", "who", "what"]
        .iter()
        .any(|w| who.split_whitespace().next() == Some(*w));
    (!who.is_empty() && !relative).then_some(Voice::Named(who))
}

/// The subject in `before` (the words before the verb): without the
/// adverbial phrases that open the sentence or the adverbs before the verb.
fn subject(before: &str) -> Option<&str> {
    // The verb's own clause: "X convened …, and the United States
    // reaffirmed …" → "the United States".
    let clause_start = [", and ", "; ", ", while ", ", but ", ", whereas "]
        .iter()
        .filter_map(|sep| before.rfind(sep).map(|at| at + sep.len()))
        .max()
        .unwrap_or(0);
    let mut s = before[clause_start..].trim().trim_end_matches(',').trim();
    loop {
        let lower = s.to_lowercase();
        let Some(last) = lower.split_whitespace().last() else {
            break;
        };
        if ADVERBS.contains(&last) {
            s = s[..lower.rfind(last).unwrap_or(0)].trim_end();
        } else {
            break;
        }
    }
    // Opening adverbials end at a comma: "On December 13, 2022, X …".
    while let Some(comma) = s.find(", ") {
        let head = s[..comma].to_lowercase();
        let first = head.split_whitespace().next().unwrap_or_default();
        let dated = head.chars().any(|c| c.is_ascii_digit());
        if ADVERBIAL_OPENERS.contains(&first) || dated {
            s = s[comma + 2..].trim_start();
        } else {
            break;
        }
    }
    let lower = s.to_lowercase();
    let last = lower.split_whitespace().last().unwrap_or_default();
    let passive = ["was", "were", "been", "be", "is", "are", "being", "it"];
    // A finite verb before the reporting one: the verb is in a clause of
    // its own ("The SPD was inaugurated in 2021 to discuss …"), not the
    // subject's.
    let finite = [
        " was ", " were ", " is ", " are ", " has ", " have ", " had ", " will ",
    ]
    .iter()
    .any(|v| format!(" {lower} ").contains(v));
    if s.is_empty() || passive.contains(&last) || finite || s.split_whitespace().count() > 18 {
        return None;
    }
    Some(s)
}

/// The clauses of a sentence whose subject reports twice ("X thanked A
/// and underscored B"): the byte spans of the first clause and of each
/// coordinated reporting verb's, or one span for the whole sentence.
pub fn coordinated(sentence: &str) -> Vec<(usize, usize)> {
    let lower = sentence.to_lowercase();
    let whole = vec![(0, sentence.len())];
    if lower.len() != sentence.len() {
        return whole;
    }
    let Some((_, first_end)) = reporting_verb(sentence, &lower) else {
        return whole;
    };
    let mut starts = vec![0];
    let mut from = first_end;
    while let Some(p) = lower[from..].find(" and ") {
        let at = from + p;
        let rest = &lower[at + 5..];
        let verb = LEXICON
            .reporting_verbs
            .iter()
            .find(|v| rest.starts_with(v.as_str()) && rest[v.len()..].starts_with(' '));
        if let Some(v) = verb
            && !inside_quotation(&lower[..at])
            && !v.starts_with("will")
        {
            starts.push(at + 5);
        }
        from = at + 5;
    }
    if starts.len() == 1 || starts.iter().any(|s| !sentence.is_char_boundary(*s)) {
        return whole;
    }
    let mut out = Vec::new();
    for (i, start) in starts.iter().enumerate() {
        let end = match starts.get(i + 1) {
            Some(next) => next - 5,
            None => sentence.len(),
        };
        out.push((*start, end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who(s: &str) -> Option<Voice<'_>> {
        voice(s)
    }

    #[test]
    fn the_subject_of_the_reporting_verb_speaks() {
        assert_eq!(
            who(
                "The United States reiterated its strong support for President Mirziyoyev’s reforms."
            ),
            Some(Voice::Named("The United States"))
        );
        assert_eq!(
            who(
                "Assistant Secretary Lu opened by reiterating the United States’ unwavering support."
            ),
            Some(Voice::Named("Assistant Secretary Lu"))
        );
        assert_eq!(
            who(
                "In their Human Rights Dialogue, the European Union and the Kyrgyz Republic talked about the reforms."
            ),
            Some(Voice::Named("the European Union and the Kyrgyz Republic"))
        );
        assert_eq!(
            who("The two governments also discussed Uzbekistan’s announced reform agenda."),
            Some(Voice::Named("The two governments"))
        );
    }

    #[test]
    fn quotations_and_according_to() {
        assert_eq!(
            who("“We will continue the reforms,” concluded Minister Saidov."),
            Some(Voice::Named("Minister Saidov"))
        );
        assert_eq!(
            who("“The dialogue matters,” the minister said."),
            Some(Voice::Named("the minister"))
        );
        assert_eq!(
            who("The talks were productive, according to the Uzbek Foreign Ministry."),
            Some(Voice::Named("the Uzbek Foreign Ministry"))
        );
    }

    #[test]
    fn a_subject_that_reports_twice_makes_two_clauses() {
        let s = "The United States thanked Uzbekistan for its participation and underscored the importance of the format.";
        let parts: Vec<&str> = coordinated(s).into_iter().map(|(a, b)| &s[a..b]).collect();
        assert_eq!(
            parts,
            [
                "The United States thanked Uzbekistan for its participation",
                "underscored the importance of the format."
            ]
        );
        assert_eq!(
            coordinated("The EU welcomed the law and its adoption.").len(),
            1
        );
    }

    #[test]
    fn an_infinitive_or_a_clause_of_its_own_reports_nothing() {
        assert_eq!(
            who(
                "The U.S.-Uzbekistan SPD was inaugurated in 2021 to discuss a wide range of issues."
            ),
            None
        );
        assert_eq!(
            who("The dialogue, which was founded in 2019, welcomed new members."),
            Some(Voice::Unsaid)
        );
    }

    #[test]
    fn a_quoted_name_inside_a_sentence_gives_no_speaker() {
        assert_eq!(
            who(
                "The U.S. welcomed the “Tashkent Declaration”, which Minister Norov said reflects progress."
            ),
            Some(Voice::Named("The U.S."))
        );
        // Not "and": the subject of "urged" (its head, "The EU", is who
        // `speakers` resolves).
        assert!(matches!(
            who("The EU called the law \"restrictive\" and urged its repeal."),
            Some(Voice::Named(s)) if s.starts_with("The EU called")
        ));
    }

    #[test]
    fn text_whose_case_changes_length_never_panics() {
        for s in [
            "İstanbul officials said the talks went well.",
            "ẞ “quoted,” said İlham Aliyev and noted more.",
            "Министр заявил, что İ said so and noted it.",
        ] {
            let _ = voice(s);
            let _ = coordinated(s);
        }
    }

    #[test]
    fn passives_say_no_speaker_and_plain_sentences_report_nothing() {
        assert_eq!(
            who("Individual cases have been discussed."),
            Some(Voice::Unsaid)
        );
        assert_eq!(
            who("It was noted that the law entered into force."),
            Some(Voice::Unsaid)
        );
        assert_eq!(who("The law entered into force in 2024."), None);
        assert_eq!(
            who("The two sides met in Astana, and the United States reaffirmed its support."),
            Some(Voice::Named("the United States"))
        );
        assert_eq!(
            who(
                "Officials met on 12 March to review the human rights agenda agreed at the High-Level Dialogue."
            ),
            None
        );
        assert_eq!(
            who("The United States reaffirmed its support."),
            Some(Voice::Named("The United States"))
        );
    }
}
