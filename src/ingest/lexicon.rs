//! The suggester's word lists, read once from `lexicon.toml` (compiled
//! in): reporting verbs, joint subjects, titles, words that are never
//! names, the parties and their words, boilerplate, nouns that make a
//! number no figure, and the words of meetings.

use std::sync::LazyLock;

use serde::Deserialize;

use crate::dataset::Side;

/// The word lists.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lexicon {
    /// Verbs that report someone's words ("said", "called on").
    pub reporting_verbs: Vec<String>,
    /// Subjects meaning both parties ("the delegations").
    pub joint_subjects: Vec<String>,
    /// Words that head a title, capitalised ("Secretary").
    pub title_words: Vec<String>,
    /// Capitalised words never part of a person's name.
    pub not_name_words: Vec<String>,
    /// Parties that speak as a whole.
    pub party: Vec<Party>,
    /// Phrases of page furniture and wire boilerplate.
    pub boilerplate: Vec<String>,
    /// Courtesies and protocol: boilerplate in a short sentence with no number.
    pub courtesies: Vec<String>,
    /// Nouns after a number that make it no figure.
    pub not_figure_nouns: Vec<String>,
    /// Verbs of a meeting between people.
    pub meeting_verbs: Vec<String>,
    /// Verbs that only a meeting or a call takes ("met with", "spoke
    /// with"): with a day, the sentence reports one.
    pub meeting_only_verbs: Vec<String>,
    /// Words naming a meeting of a recurring series.
    pub series_words: Vec<String>,
    /// Nouns of occasions a sentence may name in passing, dated.
    pub occasion_words: Vec<String>,
    /// Words of ministers' portfolios inside titles ("Political Affairs",
    /// "European Integration"): capitalised, never part of a name.
    pub portfolio_words: Vec<String>,
    /// Report series whose author their title or heading names, for copies
    /// that others repost.
    pub report_series: Vec<ReportSeries>,
    /// Sites that repost others' documents ("ecoi.net", "ReliefWeb"): never
    /// the author of what they carry.
    pub reposters: Vec<String>,
    /// Other states, each as its name, its adjective and its capital:
    /// parties with side "other", their words made by [`Party::of_country`].
    pub countries: Vec<[String; 3]>,
}

/// A series of reports by one author, known by the words of its title.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportSeries {
    /// Lower-case words its titles and headings hold ("trafficking in
    /// persons report"); `{year} ` first: only after a year.
    pub title: String,
    /// Who writes it ("U.S. Department of State").
    pub author: String,
}

impl Lexicon {
    /// The author of the report series that `title` or the opening of
    /// `text` names ("2024 Trafficking in Persons Report: Uzbekistan" →
    /// the U.S. Department of State), if any.
    pub fn report_author(&self, title: &str, text: &str) -> Option<&str> {
        let opening: String = text.chars().take(400).collect();
        let heard = format!("{title}\n{opening}").to_lowercase();
        let heard = heard.split_whitespace().collect::<Vec<_>>().join(" ");
        self.report_series
            .iter()
            .find(|s| match s.title.strip_prefix("{year} ") {
                // "Tajikistan 2017 Human Rights Report": a year before it.
                Some(rest) => heard.match_indices(rest).any(|(at, _)| {
                    let before = heard[..at].trim_end();
                    before.len() < at
                        && before.len() >= 4
                        && before.as_bytes()[before.len() - 4..]
                            .iter()
                            .all(u8::is_ascii_digit)
                }),
                None => heard.contains(&s.title),
            })
            .map(|s| s.author.as_str())
    }

    /// Whether `publisher` is a site that reposts others' documents.
    pub fn is_reposter(&self, publisher: &str) -> bool {
        let lower = publisher.to_lowercase();
        self.reposters.iter().any(|r| lower.contains(r.as_str()))
    }
}

/// A party that may speak as a whole: a state or an organisation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// Its name as a speaker ("United States").
    pub name: String,
    /// Its side in the dataset being filled: `other` in the built-in list,
    /// a declared party's in a [`Gazetteer`](super::gazetteer::Gazetteer).
    #[serde(skip, default = "other")]
    pub side: Side,
    /// Lower-case phrases that name it as a subject ("the u.s. side").
    pub words: Vec<String>,
    /// Lower-case words that tie a title to it ("kazakh", "of state").
    pub adjectives: Vec<String>,
}

fn other() -> Side {
    Side::Other
}

/// The compiled-in lexicon.
pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut lexicon: Lexicon =
        toml::from_str(include_str!("lexicon.toml")).expect("the built-in lexicon.toml is valid");
    let countries = std::mem::take(&mut lexicon.countries);
    for [name, adjective, capital] in &countries {
        if !lexicon.party.iter().any(|p| &p.name == name) {
            lexicon
                .party
                .push(Party::of_country(name, adjective, capital));
        }
    }
    lexicon
});

impl Party {
    /// A state with side "other", named as a subject by its name, "the
    /// <adjective> side / delegation / government", "the government of
    /// <name>" or its capital, and tied to a title by its adjective.
    pub fn of_country(name: &str, adjective: &str, capital: &str) -> Party {
        let (name_l, adj, capital) = (
            name.to_lowercase(),
            adjective.to_lowercase(),
            capital.to_lowercase(),
        );
        let mut words = vec![
            name_l.clone(),
            format!("the {name_l}"),
            format!("the republic of {name_l}"),
            format!("the government of {name_l}"),
            capital,
        ];
        for noun in ["side", "delegation", "government", "authorities"] {
            words.push(format!("the {adj} {noun}"));
            words.push(format!("{adj} {noun}"));
        }
        Party {
            name: name.to_string(),
            side: Side::Other,
            words,
            adjectives: vec![adj, name_l.clone(), format!("of {name_l}")],
        }
    }
}

impl Lexicon {
    /// Whether `word` (as written) heads or belongs to a title.
    pub fn is_title_word(&self, word: &str) -> bool {
        self.title_words.iter().any(|w| w == word)
    }

    /// Whether `word` (as written) can be part of a person's name.
    pub fn can_be_name(&self, word: &str) -> bool {
        let mut chars = word.chars();
        let Some(first) = chars.next() else {
            return false;
        };
        let rest: String = chars.collect();
        first.is_uppercase()
            && rest.chars().filter(|c| c.is_lowercase()).count() >= 1
            && !word.ends_with("’s")
            && !word.ends_with("'s")
            && rest.chars().filter(|c| c.is_uppercase()).count() <= 2
            && word
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
            && !self.not_name_words.iter().any(|w| w == word)
            && !self.is_title_word(word)
            // "Indo-Pacific", "Euro-Atlantic": a part that is no name.
            && !word.split('-').any(|part| {
                self.portfolio_words.iter().any(|w| w == part)
                    || self.not_name_words.iter().any(|w| w == part)
            })
            && !self.party.iter().any(|p| {
                let lower = word.to_lowercase();
                p.words.contains(&lower) || p.adjectives.contains(&lower)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::gazetteer::Gazetteer;

    fn default_gazetteer() -> Gazetteer {
        Gazetteer::of(&crate::dataset::Dataset::embedded().unwrap().parties)
    }

    #[test]
    fn the_lexicon_loads_and_knows_the_parties() {
        let g = default_gazetteer();
        assert!(LEXICON.reporting_verbs.contains(&"reiterated".to_string()));
        assert_eq!(g.named("the u.s.").unwrap().side.id(), "us");
        assert_eq!(g.named("the eu").unwrap().name, "European Union");
        assert!(LEXICON.party.iter().all(|p| p.side == Side::Other));
    }

    #[test]
    fn a_title_belongs_to_its_country() {
        let g = default_gazetteer();
        let side = |t: &str| g.of_title(t).map(|p| p.side.id().to_string());
        assert_eq!(
            side("Assistant Secretary of State for South and Central Asian Affairs").as_deref(),
            Some("us")
        );
        assert_eq!(side("U.S. Ambassador").as_deref(), Some("us"));
        assert_eq!(
            side("First Deputy Foreign Minister of Kazakhstan").as_deref(),
            Some("kz")
        );
        assert_eq!(
            side("Minister of Foreign Affairs of the Republic of Uzbekistan").as_deref(),
            Some("other")
        );
        assert_eq!(side("Deputy Minister"), None);
        assert_eq!(side("Ambassador to Japan"), None);
    }

    #[test]
    fn adjectives_of_regions_are_no_names() {
        assert!(!LEXICON.can_be_name("Nordic"));
        assert!(!LEXICON.can_be_name("Uzbek"));
        assert!(!LEXICON.can_be_name("OSCE"));
        assert!(LEXICON.can_be_name("Norov"));
        assert!(LEXICON.can_be_name("Al-Hussein"));
        assert!(!LEXICON.can_be_name("RSF’s"));
        assert!(!LEXICON.can_be_name("Integration"));
        assert!(!LEXICON.can_be_name("Moldovan"));
        assert!(!LEXICON.can_be_name("Indo-Pacific"));
    }

    #[test]
    fn any_country_speaks_and_titles_its_officials() {
        let g = default_gazetteer();
        assert_eq!(g.named("the moldovan side").unwrap().name, "Moldova");
        assert_eq!(
            g.of_title("Bangladeshi Foreign Secretary").unwrap().name,
            "Bangladesh"
        );
    }
}
