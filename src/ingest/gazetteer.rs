//! The states and organisations a text may name as a whole ("the Uzbek
//! side", "the Government of Moldova", a "Kazakh" minister's title), each
//! with the side it takes in the dataset being filled: the dataset's
//! declared parties (`dataset.toml`, with their words) and every other
//! state of `lexicon.toml`'s list, whose side is `other`.

use super::lexicon::{LEXICON, Party};
use crate::dataset::{self, Side};

/// Nouns that, after a party's adjective, name the party as a subject
/// ("the Uzbek side", "the American delegation").
const BODIES: [&str; 4] = ["side", "delegation", "government", "authorities"];

/// Words that are English pronouns as well as a party's short name ("US"):
/// never a subject on their own.
const PRONOUNS: [&str; 4] = ["us", "we", "it", "i"];

/// The parties ingest recognises, with their sides in one dataset.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    /// The dataset's parties first, in their declared order, then the rest.
    pub party: Vec<Party>,
}

impl Gazetteer {
    /// The gazetteer for a dataset with these declared parties: each is
    /// the built-in list's entry of the same name or sharing one of its
    /// words, with the party's own words added and its side; every other
    /// entry speaks for `other`.
    pub fn of(declared: &[dataset::Party]) -> Gazetteer {
        let mut taken = vec![false; LEXICON.party.len()];
        let mut party: Vec<Party> = declared
            .iter()
            .map(|d| {
                let words: Vec<String> = d.words.iter().map(|w| w.trim().to_lowercase()).collect();
                let name = d.name.to_lowercase();
                let known = LEXICON.party.iter().position(|p| {
                    let built_in = p.name.to_lowercase();
                    // "Republic of Uzbekistan", "United States of America":
                    // the built-in name inside the declared one.
                    built_in == name
                        || p.words.contains(&name)
                        || super::names::whole_word(&name, &built_in).is_some()
                        || words
                            .iter()
                            .any(|w| p.words.contains(w) || p.adjectives.contains(w))
                });
                let mut p = match known {
                    Some(k) if !taken[k] => {
                        taken[k] = true;
                        LEXICON.party[k].clone()
                    }
                    _ => Party::of_country(&d.name, &d.name, &d.name),
                };
                p.name = d.name.clone();
                p.side = Side::Party(d.id);
                add_words(&mut p, &d.words);
                p
            })
            .collect();
        party.extend(
            LEXICON
                .party
                .iter()
                .zip(&taken)
                .filter(|(_, taken)| !**taken)
                .map(|(p, _)| p.clone()),
        );
        Gazetteer { party }
    }

    /// The party `phrase` (lower case, trimmed) names exactly, if any.
    pub fn named(&self, phrase: &str) -> Option<&Party> {
        self.party
            .iter()
            .find(|p| p.words.iter().any(|w| w == phrase))
    }

    /// The party whose adjective stands first in `title` (any case), if any.
    pub fn of_title(&self, title: &str) -> Option<&Party> {
        let lower = format!(
            " {} ",
            title.to_lowercase().replace([',', '.', '’', '\''], " ")
        );
        let lower = lower.replace("u s ", "u.s. ");
        self.party
            .iter()
            .filter_map(|p| {
                p.adjectives
                    .iter()
                    .filter_map(|a| {
                        let a = a.replace('.', " ");
                        let a = a.trim().replace("u s", "u.s.");
                        // "Ambassador to Japan", "Special Envoy for Iran":
                        // where they serve, not whom.
                        lower
                            .match_indices(&format!(" {a} "))
                            .map(|(at, _)| at)
                            .find(|&at| {
                                !lower[..at].ends_with(" to") && !lower[..at].ends_with(" for")
                            })
                    })
                    .min()
                    .map(|at| (at, p))
            })
            .min_by_key(|(at, _)| *at)
            .map(|(_, p)| p)
    }

    /// The party a title serves: its country's, or the United States' for
    /// titles of the U.S. executive and Congress that name no country
    /// ("Assistant Secretary", "Senator", a bare "Secretary" — a Foreign
    /// Secretary or a Secretary-General says so).
    pub fn government_of_title(&self, title: &str) -> Option<&Party> {
        if let Some(p) = self.of_title(title) {
            return Some(p);
        }
        let us_titles = [
            "Assistant Secretary",
            "Under Secretary",
            "Deputy Secretary",
            "Secretary of State",
            "Secretary of Defense",
            "Senator",
            "Congressman",
            "Congresswoman",
        ];
        (us_titles.iter().any(|t| title.contains(t)) || title == "Secretary")
            .then(|| self.named("the united states"))
            .flatten()
    }

    /// The side a title gives: its government's (see
    /// [`Gazetteer::government_of_title`]); `None` for a title that names
    /// no country ("Foreign Minister", "Spokesperson", "Ambassador"),
    /// held on every side: which one, the text must say.
    pub fn side_of_title(&self, title: &str) -> Option<Side> {
        self.government_of_title(title).map(|p| p.side)
    }

    /// Whether `word` (as written) can be part of a person's name: the
    /// lexicon's rule, and no word of a party.
    pub fn can_be_name(&self, word: &str) -> bool {
        LEXICON.can_be_name(word) && {
            let lower = word.to_lowercase();
            !self
                .party
                .iter()
                .any(|p| p.words.contains(&lower) || p.adjectives.contains(&lower))
        }
    }
}

/// The words to declare for a party of this name, as written: the name,
/// and the adjectives, "of …" phrases and capital of the built-in list's
/// state of that name ("Uzbekistan": "Uzbek", "Uzbekistani", "of
/// Uzbekistan", "Tashkent"). Just the name for a state the list lacks.
pub fn words_of(name: &str) -> Vec<String> {
    let mut out = vec![name.to_string()];
    let lower = name.to_lowercase();
    let Some(known) = LEXICON.party.iter().find(|p| {
        let built_in = p.name.to_lowercase();
        built_in == lower
            || p.words.contains(&lower)
            || super::names::whole_word(&lower, &built_in).is_some()
    }) else {
        return out;
    };
    let single_words = known
        .words
        .iter()
        .filter(|w| !w.contains(' ') && !known.adjectives.contains(w));
    for w in known.adjectives.iter().chain(single_words) {
        let written = as_written(w);
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&written)) {
            out.push(written);
        }
    }
    out
}

/// A lexicon word (lower case) as a text writes it: "of uzbekistan" →
/// "of Uzbekistan", "u.s." → "U.S.", "kyrgyz republic" → "Kyrgyz Republic".
fn as_written(word: &str) -> String {
    word.split(' ')
        .map(|w| match w {
            "of" | "the" | "and" => w.to_string(),
            _ if w.contains('.') || w.len() <= 2 => w.to_uppercase(),
            _ => {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                    .unwrap_or_default()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Adds a declared party's words (as written) to its entry: each ties a
/// title to the party, and names it as a subject alone (unless it is also
/// a pronoun, as "US" is), after "the", and before a body ("the Uzbek
/// side"); "of Uzbekistan" only ties titles.
fn add_words(party: &mut Party, declared: &[String]) {
    let push = |list: &mut Vec<String>, w: String| {
        if !list.contains(&w) {
            list.push(w);
        }
    };
    for w in declared {
        let w = w.trim().to_lowercase();
        if w.is_empty() {
            continue;
        }
        push(&mut party.adjectives, w.clone());
        if w.starts_with("of ") {
            continue;
        }
        if !PRONOUNS.contains(&w.as_str()) {
            push(&mut party.words, w.clone());
        }
        push(&mut party.words, format!("the {w}"));
        for body in BODIES {
            push(&mut party.words, format!("the {w} {body}"));
            push(&mut party.words, format!("{w} {body}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{Parties, PartyId};

    fn declared(id: &str, name: &str, words: &[&str], ours: bool) -> dataset::Party {
        dataset::Party {
            id: PartyId::new(id).unwrap(),
            name: name.into(),
            words: words.iter().map(|w| w.to_string()).collect(),
            ours,
        }
    }

    fn us_uz() -> Gazetteer {
        Gazetteer::of(&[
            declared("us", "United States", &["U.S.", "American"], true),
            declared(
                "uz",
                "Uzbekistan",
                &["Uzbek", "of Uzbekistan", "Tashkent"],
                false,
            ),
        ])
    }

    #[test]
    fn the_dataset_s_parties_take_their_sides_and_other_states_are_other() {
        let g = us_uz();
        let side = |t: &str| g.side_of_title(t).map(|s| s.id().to_string());
        assert_eq!(side("Uzbek Foreign Minister").as_deref(), Some("uz"));
        assert_eq!(
            side("Minister of Foreign Affairs of the Republic of Uzbekistan").as_deref(),
            Some("uz")
        );
        assert_eq!(side("Assistant Secretary").as_deref(), Some("us"));
        assert_eq!(
            side("First Deputy Foreign Minister of Kazakhstan").as_deref(),
            Some("other")
        );
        assert_eq!(side("Ambassador"), None);
        assert_eq!(g.named("the uzbek side").unwrap().side.id(), "uz");
        assert_eq!(g.named("tashkent").unwrap().side.id(), "uz");
        assert_eq!(g.named("kazakhstan").unwrap().side, Side::Other);
    }

    #[test]
    fn a_party_the_built_in_list_lacks_is_known_by_its_words() {
        let g = Gazetteer::of(&[
            declared("eu", "European Union", &["EU", "European"], true),
            declared(
                "nv",
                "Novaria",
                &["Novarian", "of Novaria", "Novgrad"],
                false,
            ),
        ]);
        assert_eq!(g.named("the novarian delegation").unwrap().name, "Novaria");
        assert_eq!(
            g.of_title("Novarian Foreign Minister").unwrap().side.id(),
            "nv"
        );
        assert_eq!(g.named("the eu").unwrap().side.id(), "eu");
        assert!(!g.can_be_name("Novarian"));
        assert!(LEXICON.can_be_name("Novarian"));
        // Without the United States declared, a U.S. title is other.
        assert_eq!(g.side_of_title("Assistant Secretary"), Some(Side::Other));
        let parties = [
            declared("eu", "European Union", &[], true),
            declared("nv", "Novaria", &[], false),
        ];
        assert_eq!(parties.side_ids_in_words(), "eu, nv, joint or other");
    }

    #[test]
    fn a_new_party_s_words_are_the_built_in_list_s_as_written() {
        assert_eq!(
            words_of("Uzbekistan"),
            [
                "Uzbekistan",
                "Uzbek",
                "Uzbekistani",
                "of Uzbekistan",
                "Tashkent"
            ]
        );
        let us = words_of("United States");
        for w in ["U.S.", "American", "of State", "Washington"] {
            assert!(us.contains(&w.to_string()), "{us:?}");
        }
        assert_eq!(words_of("Novaria"), ["Novaria"]);
        // Known under another name: the built-in one's words all the same.
        assert!(words_of("Republic of Uzbekistan").contains(&"Uzbek".to_string()));
        let g = Gazetteer::of(&[
            declared("us", "United States of America", &[], true),
            declared("kg", "Kyrgyzstan", &[], false),
        ]);
        assert_eq!(g.named("the kyrgyz side").unwrap().side.id(), "kg");
        assert_eq!(g.named("the united states").unwrap().side.id(), "us");
        assert_eq!(g.side_of_title("Assistant Secretary").unwrap().id(), "us");
    }

    #[test]
    fn us_is_no_subject_on_its_own() {
        let g = us_uz();
        assert!(g.named("us").is_none());
        assert_eq!(g.named("the u.s.").unwrap().side.id(), "us");
    }
}
