//! Titles and names: the people a document names, each recognised by a
//! real name together with a title ("Assistant Secretary of State for
//! European and Eurasian Affairs James O'Brien", "Gayrat Fozilov, Deputy
//! Minister of Foreign Affairs of Uzbekistan", "Assistant Secretary Lu").
//! A capitalised phrase without a title is never taken for a person, so a
//! regional adjective opening a sentence ("Nordic leaders …") makes no one.
//! The side comes from the title's country (the [`Gazetteer`]).
//!
//! Hand-written: the name-finding crates need a trained model (none fits
//! in a small offline binary, see `suggest`'s module comment); titles are a
//! closed, documented vocabulary that rules read exactly.

use super::gazetteer::Gazetteer;
use super::lexicon::LEXICON;
use crate::dataset::Side;

/// A person the document names with a title.
#[derive(Debug, Clone, PartialEq)]
pub struct Named {
    /// The name as written ("Donald Lu"; a surname alone when the text
    /// gives no more: "Lu").
    pub name: String,
    /// The whole title the text gives.
    pub title: String,
    /// The side the title's country gives; `None` where the title names
    /// no country and is held on every side ("Spokesperson", "Ambassador").
    pub side: Option<Side>,
}

impl Named {
    /// The last word of the name.
    pub fn surname(&self) -> &str {
        self.name.split_whitespace().last().unwrap_or(&self.name)
    }
}

/// Words that join the parts of a title ("Minister *of* Foreign Affairs").
const CONNECTORS: [&str; 8] = ["of", "for", "and", "the", "on", "to", "de", "in"];

/// A word of the text: its byte offset, the word as written, and the word
/// without the punctuation around it.
struct Word<'a> {
    raw: &'a str,
    clean: &'a str,
}

fn words(text: &str) -> Vec<Word<'_>> {
    text.split_whitespace()
        .map(|raw| Word {
            raw,
            clean: raw.trim_matches(|c: char| ",.;:()“”\"'‘’[]".contains(c)),
        })
        .collect()
}

/// A middle initial ("J." of "Antony J. Blinken").
fn is_initial(raw: &str) -> bool {
    let mut c = raw.chars();
    matches!((c.next(), c.next(), c.next()), (Some(a), Some('.'), None) if a.is_uppercase())
}

/// Whether the word closes a phrase (a comma, a full stop after it).
fn closes(raw: &str) -> bool {
    raw.ends_with([',', ';', ':', ')', '.', '”', '"'])
}

/// Every person the text names with a title, first mention first; later
/// mentions add nothing but fill a surname-only entry's full name.
pub fn people_in(text: &str, g: &Gazetteer) -> Vec<Named> {
    let mut out: Vec<Named> = Vec::new();
    for sentence in super::sentences::sentences(text) {
        let words = words(sentence.text(text));
        let mut i = 0;
        while i < words.len() {
            if !g.can_be_name(words[i].clean) {
                i += 1;
                continue;
            }
            let start = i;
            let mut end = i + 1;
            while end < words.len()
                && end - start < 4
                && (!closes(words[end - 1].raw) || is_initial(words[end - 1].raw))
                && (g.can_be_name(words[end].clean)
                    || (is_initial(words[end].raw)
                        && words.get(end + 1).is_some_and(|w| g.can_be_name(w.clean))))
            {
                end += 1;
            }
            i = end;
            // A single capitalised word opening the sentence before a comma
            // is an adverb far more often than a name ("Finally, the …").
            let apposition = start > 0 || end - start > 1 || !words[start].clean.ends_with("ly");
            let title = title_before(&words, start, g)
                .or_else(|| title_after(&words, end, g).filter(|_| apposition));
            let Some(title) = title else {
                continue;
            };
            let name = words[start..end]
                .iter()
                .map(|w| if is_initial(w.raw) { w.raw } else { w.clean })
                .collect::<Vec<_>>()
                .join(" ");
            let side = g.side_of_title(&title);
            add(&mut out, name, title, side);
        }
    }
    out
}

fn add(out: &mut Vec<Named>, name: String, title: String, side: Option<Side>) {
    let surname = name
        .split_whitespace()
        .last()
        .unwrap_or_default()
        .to_string();
    if let Some(known) = out
        .iter_mut()
        .find(|p| p.name == name || p.surname() == surname)
    {
        if name.split_whitespace().count() > known.name.split_whitespace().count() {
            known.name = name;
        }
        // A later title that names the country settles an open side
        // ("Spokesperson Miller" … "State Department Spokesperson Miller").
        if known.side.is_none() && side.is_some() {
            known.side = side;
            known.title = title;
        } else if known.title.len() < title.len() && side == known.side {
            known.title = title;
        }
        return;
    }
    out.push(Named { name, title, side });
}

/// The title standing right before the name at `start`: capitalised words
/// and connectors back to the first title word, with one comma allowed
/// just before the name ("Deputy Minister of Foreign Affairs, Gayrat
/// Fozilov").
/// Words of a headline in title case that no title holds: what stands
/// before them is another phrase ("… Strategic Partnership Commission With
/// Georgian Prime Minister Giorgi Kvirikashvili").
const HEADLINE_BREAKS: [&str; 12] = [
    "With",
    "Before",
    "After",
    "During",
    "Meets",
    "Hosts",
    "Welcomes",
    "Receives",
    "Visits",
    "Holds",
    "Remarks",
    "Participation",
];

fn title_before(words: &[Word], start: usize, g: &Gazetteer) -> Option<String> {
    let mut j = start;
    let mut first_title = None;
    while j > 0 && start - j < 16 {
        let w = &words[j - 1];
        if j - 1 < start - 1 && closes(w.raw) {
            break;
        }
        let is_title = LEXICON.is_title_word(w.clean);
        let capital = w.clean.starts_with(char::is_uppercase);
        if !(is_title || capital || CONNECTORS.contains(&w.clean))
            || HEADLINE_BREAKS.contains(&w.clean)
        {
            break;
        }
        // Another person's name ends this one's title ("… Jane Roe and
        // Deputy Minister …").
        if w.clean == "The" || g.can_be_name(w.clean) {
            break;
        }
        if is_title {
            first_title = Some(j - 1);
        }
        j -= 1;
    }
    let from = first_title?;
    // A title before a comma must end the phrase before the name.
    let mut title: Vec<&str> = words[from..start].iter().map(|w| w.clean).collect();
    while title.last().is_some_and(|w| CONNECTORS.contains(w)) {
        title.pop();
    }
    // Widen to the capitalised words before the first title word
    // ("U.S. Department of State Bureau of … Assistant Secretary").
    let mut k = from;
    while k > 0 && from - k < 10 {
        let w = &words[k - 1];
        if closes(w.raw) || w.clean == "The" || g.can_be_name(w.clean) {
            break;
        }
        if !(w.clean.starts_with(char::is_uppercase) || CONNECTORS.contains(&w.clean))
            || HEADLINE_BREAKS.contains(&w.clean)
        {
            break;
        }
        k -= 1;
    }
    let mut lead: Vec<&str> = words[k..from].iter().map(|w| w.clean).collect();
    // Words that open the sentence are no part of the title ("As Secretary
    // Pompeo said", "Thank you, Ambassador …").
    const OPENERS: [&str; 14] = [
        "On", "As", "In", "At", "During", "When", "While", "After", "Before", "Thank", "Dear",
        "And", "But", "Both",
    ];
    while lead
        .first()
        .is_some_and(|w| CONNECTORS.contains(w) || OPENERS.contains(w))
    {
        lead.remove(0);
    }
    lead.extend(title);
    Some(lead.join(" ")).filter(|t| !t.is_empty())
}

/// The title in apposition after the name ("Gayrat Fozilov, Deputy Minister
/// of Foreign Affairs of Uzbekistan,"), up to the next comma or stop.
fn title_after(words: &[Word], end: usize, g: &Gazetteer) -> Option<String> {
    if end == 0 || end >= words.len() || !words[end - 1].raw.ends_with(',') {
        return None;
    }
    let mut title = Vec::new();
    let mut k = end;
    while k < words.len() && title.len() < 16 {
        let w = &words[k];
        if title.is_empty() && (w.clean == "the" || w.clean == "The") {
            k += 1;
            continue;
        }
        if title.is_empty() && !LEXICON.is_title_word(w.clean) {
            // "U.S. Ambassador", "Uzbek Foreign Minister": a country first.
            let next_is_title = words
                .get(k + 1)
                .is_some_and(|n| LEXICON.is_title_word(n.clean));
            if !(g.of_title(w.clean).is_some() && next_is_title) {
                return None;
            }
        }
        title.push(w.clean);
        if closes(w.raw) {
            break;
        }
        k += 1;
    }
    Some(title.join(" ")).filter(|t| !t.is_empty())
}

/// The people of `registry` that `phrase` names (full name or surname as
/// whole words), in the order the phrase names them.
pub fn named_in<'r>(phrase: &str, registry: &'r [Named]) -> Vec<&'r Named> {
    let mut found: Vec<(usize, &Named)> = registry
        .iter()
        .filter_map(|p| {
            whole_word(phrase, &p.name)
                .or_else(|| whole_word(phrase, p.surname()).filter(|_| p.surname().len() > 1))
                .map(|at| (at, p))
        })
        .collect();
    found.sort_by_key(|(at, _)| *at);
    found.into_iter().map(|(_, p)| p).collect()
}

/// Where `word` stands in `text` as whole words.
pub fn whole_word(text: &str, word: &str) -> Option<usize> {
    if word.is_empty() {
        return None;
    }
    let mut from = 0;
    while let Some(pos) = text[from..].find(word) {
        let at = from + pos;
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        if before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
        {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(text: &str) -> Vec<(String, String, Option<Side>)> {
        let g = Gazetteer::of(&crate::dataset::Dataset::embedded().unwrap().parties);
        people_in(text, &g)
            .into_iter()
            .map(|p| (p.name, p.title, p.side))
            .collect()
    }

    #[test]
    fn a_surname_opening_the_sentence_in_apposition_is_a_name() {
        let p = people("Norov, the Foreign Minister of Uzbekistan, said so.");
        assert_eq!(p[0].0, "Norov");
    }

    #[test]
    fn an_adverb_opening_the_sentence_is_no_name() {
        let p = people(
            "Finally, the Deputy Secretary and Deputy Foreign Minister Munkhjin exchanged views.",
        );
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, "Munkhjin");
    }

    #[test]
    fn a_title_without_a_country_leaves_the_side_open() {
        let p = people("“We support the talks,” Spokesperson Matthew Miller said.");
        assert_eq!(p[0].2, None);
        let p = people(
            "Spokesperson Matthew Miller said so. U.S. Department of State Spokesperson Matthew Miller added more.",
        );
        assert_eq!(p[0].2, Some(Side::us()));
        // A minister is never a U.S. official, but which of the others'
        // the text must say.
        let p = people("Deputy Minister Bakhtiyor Saidov welcomed the talks.");
        assert_eq!(p[0].2, None);
    }

    #[test]
    fn a_title_before_the_name() {
        let p = people(
            "On December 13, 2022, Assistant Secretary for South and Central Asian Affairs Donald Lu hosted an Uzbekistani delegation, led by Minister of Foreign Affairs of the Republic of Uzbekistan Vladimir Norov, for a productive annual Strategic Partnership Dialogue (SPD) in Washington.",
        );
        assert_eq!(
            p,
            vec![
                (
                    "Donald Lu".into(),
                    "Assistant Secretary for South and Central Asian Affairs".into(),
                    Some(Side::us())
                ),
                (
                    "Vladimir Norov".into(),
                    "Minister of Foreign Affairs of the Republic of Uzbekistan".into(),
                    Some(Side::Other)
                ),
            ]
        );
    }

    #[test]
    fn a_headline_s_other_words_are_no_part_of_the_title() {
        let p = people(
            "Secretary of State Kerry’s Remarks Before Participation in the U.S.-Georgia Strategic Partnership Commission With Georgian Prime Minister Giorgi Kvirikashvili",
        );
        let georgian = p.iter().find(|(name, ..)| name == "Giorgi Kvirikashvili");
        assert_eq!(
            georgian.map(|(_, title, side)| (title.as_str(), *side)),
            Some(("Georgian Prime Minister", Some(Side::Other))),
            "{p:?}"
        );
    }

    #[test]
    fn a_title_in_apposition_and_a_later_surname() {
        let p = people(
            "Deputy Minister of Foreign Affairs of Uzbekistan, Gayrat Fozilov, and U.S. Department of State Bureau of South and Central Asian Affairs Assistant Secretary, Donald Lu, led the delegations. Deputy Minister Fozilov underscored the progress.",
        );
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!(p[0].0, "Gayrat Fozilov");
        assert_eq!(p[0].2, Some(Side::Other));
        assert_eq!(p[1].0, "Donald Lu");
        assert_eq!(p[1].2, Some(Side::us()));
    }

    #[test]
    fn a_middle_initial_is_part_of_the_name() {
        let p = people("Secretary of State Antony J. Blinken met Foreign Minister Vladimir Norov.");
        assert_eq!(p[0].0, "Antony J. Blinken");
        assert_eq!(p[0].2, Some(Side::us()));
        assert_eq!(p[1].0, "Vladimir Norov");
    }

    #[test]
    fn no_title_no_person() {
        assert!(people("Nordic leaders welcome the new strategy.").is_empty());
        assert!(people("Kazakhstan highlighted its reforms.").is_empty());
        assert!(people("The Strategic Partnership Dialogue Was Held.").is_empty());
    }

    #[test]
    fn kazakh_titles_are_kz() {
        let p = people(
            "Kazakh First Deputy Foreign Minister Akan Rakhmetullin welcomed the delegation.",
        );
        assert_eq!(p[0].0, "Akan Rakhmetullin");
        assert_eq!(p[0].2, Some(Side::kz()));
    }
}
