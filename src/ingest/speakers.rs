//! Who speaks in a sentence: the phrase a reporting clause names
//! (`attribution`), resolved to a person of the text or the dataset
//! (`names`), a party (`lexicon.toml`), both parties together, or the
//! antecedent of "he", "the minister"; the document's own voice where it
//! is its author's words (a joint statement's parties, a factsheet's
//! ministry, a transcript's labelled speaker); and "unclear" wherever the
//! text does not settle it. A publisher is never a speaker here: only
//! `--author`, a report's or factsheet's publisher or a joint statement's
//! parties give a document a voice of its own.

use super::attribution::{self, Voice};
use super::gazetteer::Gazetteer;
use super::known_speaker;
use super::lexicon::{LEXICON, Party};
use super::names::{self, Named};
use super::suggest::{Ctx, NewPerson};
use crate::dataset::{Side, SourceKind};
use crate::text::slug;

/// Who speaks in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Who {
    /// A person or institution id (existing or suggested) and its side.
    Is(String, Side),
    /// The text does not settle it.
    Unclear,
}

/// The head of a phrase that runs on past its noun: the words before the
/// first one in lower case that is no article or connector ("The
/// delegations met," → "The delegations").
fn head_of(phrase: &str) -> Option<&str> {
    const JOINS: [&str; 9] = ["the", "of", "and", "for", "on", "to", "a", "an", "both"];
    let mut at = 0;
    for (i, w) in phrase.split_whitespace().enumerate() {
        let start = at + phrase[at..].find(w)?;
        at = start + w.len();
        let clean = w.trim_matches(|c: char| !c.is_alphanumeric());
        if i > 0 && clean.starts_with(char::is_lowercase) && !JOINS.contains(&clean) {
            let head = phrase[..start].trim_end_matches([',', ' ']);
            return (!head.is_empty()).then_some(head);
        }
    }
    None
}

/// A transcript's speaker label at the start of a sentence: the words in
/// capitals before a colon ("FOREIGN MINISTER MUHRIDDIN:"), and the byte
/// length to skip to the words spoken.
pub(super) fn transcript_label(sentence: &str) -> Option<(&str, usize)> {
    let colon = sentence.find(':')?;
    let label = sentence[..colon].trim();
    let words = label.split_whitespace().count();
    let capitals = (1..=6).contains(&words)
        && label.chars().any(char::is_alphabetic)
        && label
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '-' | '\'' | '’'));
    if !capitals {
        return None;
    }
    let rest = &sentence[colon + 1..];
    Some((label, colon + 1 + rest.len() - rest.trim_start().len()))
}

/// "FOREIGN MINISTER MUHRIDDIN" → "Foreign Minister Muhriddin" (U.S. kept).
pub(super) fn title_case(label: &str) -> String {
    label
        .split_whitespace()
        .map(|w| {
            if w.contains('.') {
                return w.to_string();
            }
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_string() + &c.as_str().to_lowercase())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The party a phrase names: exactly, or as its last words ("the
/// Government of Uzbekistan"), or by an adjective before a body ("Uzbek
/// officials", "the U.S. delegation").
fn party_in<'g>(phrase: &str, g: &'g Gazetteer) -> Option<&'g Party> {
    if let Some(p) = g.named(phrase) {
        return Some(p);
    }
    let bodies = [
        "officials",
        "authorities",
        "government",
        "ministry",
        "side",
        "sides",
        "delegation",
        "delegations",
        "embassy",
        "mfa",
        "administration",
        "foreign ministry",
        "diplomats",
        "representatives",
        "co-chairs",
        "co-chair",
        "negotiators",
    ];
    let words: Vec<&str> = phrase.split_whitespace().collect();
    if words.len() > 8 {
        return None;
    }
    if bodies.iter().any(|b| phrase.ends_with(b)) || phrase.starts_with("the government of") {
        return g.of_title(phrase);
    }
    None
}

/// Whether the words `before` a name make it the one served or addressed
/// rather than the one who acts: "Delegation to", "Ambassador for",
/// "called on", "the government of" after "on".
fn addressed(before: &str) -> bool {
    let words: Vec<&str> = before.split_whitespace().rev().take(4).collect();
    let last = words.first().copied().unwrap_or_default();
    if last == "to" && words.get(1) == Some(&"according") {
        return false;
    }
    [
        "to", "for", "on", "with", "against", "towards", "toward", "urged", "called",
    ]
    .contains(&last)
        || (["of", "the"].contains(&last)
            && words.iter().skip(1).any(|w| ["on", "urged"].contains(w)))
}

/// Verbs that say what ought to or may happen, not what someone said.
const MODALS: [&str; 10] = [
    "should", "must", "could", "would", "may", "might", "shall", "can", "cannot", "ought",
];

/// Whether `title` names the party, by any of its words or adjectives.
fn names_party(title: &str, party: &Party) -> bool {
    let lower = title.to_lowercase().replace(['-', '–'], " ");
    party
        .words
        .iter()
        .chain(&party.adjectives)
        .any(|w| names::whole_word(&lower, w).is_some())
}

impl Ctx<'_> {
    /// Who speaks in `sentence`: the speaker its reporting clause names,
    /// resolved; the document's own voice for a sentence without one in a
    /// text that speaks for its author (not for a count, `counts`); unclear
    /// where a clause names no one the text settles; `None`: not a
    /// statement.
    pub(super) fn speaker_of(&mut self, sentence: &str, counts: bool) -> Option<Who> {
        match attribution::voice(sentence) {
            Some(Voice::Named(phrase)) => Some(self.resolve(phrase)),
            Some(Voice::Unsaid) => Some(self.own_voice().unwrap_or(Who::Unclear)),
            None if counts => None,
            // In a joint statement, a sentence whose subject is one party
            // ("The United States stands with Moldova …") is that party's.
            None if self.facts.kind == SourceKind::JointStatement => self
                .party_subject_of(sentence, true)
                .or_else(|| self.own_voice())
                .or_else(|| self.how_it_went(sentence))
                .or_else(|| self.first_person(sentence)),
            None => self
                .own_voice()
                .or_else(|| self.how_it_went(sentence))
                .or_else(|| self.party_subject_of(sentence, false))
                .or_else(|| self.first_person(sentence)),
        }
    }

    /// "An exchange of views took place on …", "The dialogue took place in
    /// an open atmosphere", "Particular attention was paid to …": how a
    /// meeting went, a statement whose speaker the passive leaves open.
    fn how_it_went(&self, sentence: &str) -> Option<Who> {
        let lower = sentence.to_lowercase();
        let opens = [
            "there was an exchange",
            "an exchange of views",
            "an exchange on",
            "discussions took place",
            "discussions were held",
            "particular attention was paid",
            "during the meeting, there was",
            "during the meeting there was",
            "discussions focused",
            "discussions centered",
            "discussions centred",
            "the discussions during",
            "the discussions focused",
            "talks focused",
        ];
        let went = opens.iter().any(|o| lower.starts_with(o))
            || lower.contains("central to the discussions")
            || (lower.contains("took place in") && lower.contains("atmosphere"));
        // Who spoke, the passive does not say.
        went.then_some(Who::Unclear)
    }

    /// A sentence whose subject is a party ("The United States works with
    /// …", "The European Union considers …"): that party's position.
    /// With `of_title`, only a party the document's title names: a joint
    /// statement speaks of third states ("Russia continues its war …")
    /// without their voice.
    fn party_subject_of(&mut self, sentence: &str, of_title: bool) -> Option<Who> {
        let lower = sentence.to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        let g = self.gazetteer;
        // The longest opening of up to five words that names a party,
        // followed by a verb in lower case (not "The United States-Uzbekistan SPD").
        (1..=5.min(words.len().saturating_sub(1)))
            .rev()
            .find_map(|n| {
                let head = words[..n].join(" ");
                let next = words[n];
                let verb_like = next.chars().all(|c| c.is_alphabetic())
                    && !["and", "of", "in", "to", "side", "sides"].contains(&next);
                // "The Vietnamese delegation was headed by …": a passive
                // says who did something to it, not what it holds.
                let passive = ["was", "were", "is", "are"].contains(&next)
                    && words.iter().skip(n + 1).take(3).any(|w| *w == "by");
                // "The Tajik government should …", "Uzbekistan is an
                // important partner": what someone says of a party, not
                // what it says; who says it, the sentence does not tell.
                let spoken_of = MODALS.contains(&next)
                    || (!of_title
                        && (["is", "are", "was", "were"].contains(&next)
                            || (["has", "have", "had"].contains(&next)
                                && words
                                    .get(n + 1)
                                    .is_some_and(|w| ["always", "been", "long"].contains(w)))));
                let verb_like = verb_like && !passive && !spoken_of;
                let party = g.named(&head)?;
                let written = sentence.split_whitespace().nth(n)?;
                (verb_like && written.starts_with(char::is_lowercase)).then_some(party)
            })
            .filter(|p| !of_title || names_party(&self.facts.title, p))
            .map(|p| self.party(p))
    }

    /// A sentence in the first person ("I have met …", "We welcome …") in a
    /// text that is someone's own words but does not say whose.
    fn first_person(&self, sentence: &str) -> Option<Who> {
        if matches!(self.facts.kind, SourceKind::News | SourceKind::SocialMedia) {
            return None;
        }
        let first = sentence
            .split_whitespace()
            .next()?
            .trim_matches(|c: char| !c.is_alphabetic());
        ["I", "We", "My", "Our"]
            .contains(&first)
            .then_some(Who::Unclear)
    }

    /// The document's own voice: the parties of a joint statement, or the
    /// author of a text that is its author's own words.
    pub(super) fn own_voice(&self) -> Option<Who> {
        if let Some(label) = &self.label_voice {
            return Some(label.clone());
        }
        if self.facts.author_unclear {
            return Some(Who::Unclear);
        }
        self.facts
            .author
            .clone()
            .map(|a| Who::Is(a, self.facts.side))
    }

    /// The speaker a phrase names: a person of the text or the dataset, a
    /// party, both parties, or a pronoun's antecedent; unclear otherwise.
    pub(super) fn resolve(&mut self, phrase: &str) -> Who {
        let lower = phrase
            .trim()
            .trim_matches(|c: char| ",.;:“”\"".contains(c))
            .to_lowercase();
        let lower = lower.split_whitespace().collect::<Vec<_>>().join(" ");
        if lower.contains(" and ")
            && self.people_named(phrase).len() < 2
            && !LEXICON.joint_subjects.contains(&lower)
            && let Some(who) = self.coordinated_subject(phrase)
        {
            return who;
        }
        let joint = || {
            if self.facts.side == Side::Joint {
                self.own_voice()
            } else {
                None
            }
        };
        match lower.as_str() {
            "he" | "she" => return self.last_person.clone().unwrap_or(Who::Unclear),
            "we" | "our side" | "i" => return self.own_voice().unwrap_or(Who::Unclear),
            "it"
            | "the statement"
            | "the document"
            | "the communiqué"
            | "the communique"
            | "the release"
            | "the readout"
            | "the message"
            | "the declaration"
            | "the joint statement"
            | "the text" => {
                return joint()
                    .or_else(|| (lower == "the joint statement").then(|| self.parties()))
                    .or_else(|| self.last_speaker.clone())
                    .unwrap_or(Who::Unclear);
            }
            _ => {}
        }
        let both = [
            "two countries",
            "both countries",
            "both sides",
            "two sides",
            "both parties",
        ];
        if LEXICON.joint_subjects.contains(&lower)
            || (lower.split_whitespace().count() <= 6 && both.iter().any(|b| lower.contains(b)))
        {
            return joint().unwrap_or_else(|| self.parties());
        }
        let people = self.people_named(phrase);
        if let [first, rest @ ..] = people.as_slice() {
            let differ =
                |p: &Named| p.side.is_some() && first.side.is_some() && p.side != first.side;
            if lower.contains(" and ") && rest.iter().any(differ) {
                return joint().unwrap_or_else(|| self.parties());
            }
            // "Assistant Secretary Kritenbrink and Assistant Secretary
            // Ratner underscored …": two officials of one government speak
            // for it; which one's words these are, the text does not say.
            if lower.contains(" and ") && !rest.is_empty() {
                return self.government_of(&people).unwrap_or(Who::Unclear);
            }
            let who = self.person(first);
            self.last_person = Some(who.clone());
            self.last_speaker = Some(who.clone());
            return who;
        }
        let parties: Vec<&Party> = lower
            .split(" and ")
            .filter_map(|part| party_in(part.trim().trim_start_matches("both "), self.gazetteer))
            .collect();
        // "The European Union and the Kyrgyz Republic discussed …": both.
        if let [a, b, ..] = parties.as_slice()
            && a.name != b.name
        {
            return joint().unwrap_or_else(|| self.parties());
        }
        if let Some(who) = self.known_in(phrase) {
            self.last_speaker = Some(who.clone());
            return who;
        }
        match parties.as_slice() {
            [one] => {
                let who = self.party(one);
                self.last_speaker = Some(who.clone());
                who
            }
            [a, b, ..] if a.name != b.name => joint().unwrap_or_else(|| self.parties()),
            _ => self.by_title(&lower).unwrap_or_else(|| {
                // A title with a name the text gave nowhere else
                // ("Secretary Blinken", "Spokesperson Jane Roe").
                match names::people_in(phrase, self.gazetteer).as_slice() {
                    [one] => {
                        let who = self.person(&one.clone());
                        self.last_person = Some(who.clone());
                        who
                    }
                    // "The delegations met," / "X closed the dialogue by":
                    // the subject is the phrase's head, before its verb.
                    _ => match head_of(phrase) {
                        Some(head) if head.len() < phrase.len() => self.resolve(head),
                        _ => Who::Unclear,
                    },
                }
            }),
        }
    }

    /// A subject of two coordinated parts that names at most one person
    /// ("the Deputy Secretary and Deputy Foreign Minister Munkhjin",
    /// "Secretary Austin and I", "Japarov and Cameron"): the document's own
    /// voice where one part is "I" or "we"; both parties where the parts
    /// speak for different sides; unclear where the text does not settle
    /// one of them. `None`: the phrase is not two such parts.
    fn coordinated_subject(&mut self, phrase: &str) -> Option<Who> {
        let (a, b) = phrase.split_once(" and ")?;
        // "Finally, the Deputy Secretary": the subject starts after a comma.
        let a = a.rsplit(',').next().unwrap_or(a);
        let (a, b) = (a.trim(), b.trim());
        if a.is_empty()
            || b.is_empty()
            || a.split_whitespace().count() > 10
            || b.split_whitespace().count() > 10
        {
            return None;
        }
        let own = |p: &str| matches!(p, "I" | "we" | "We" | "me");
        // "Deputy Prime Minister and Foreign Minister X", "Minister of
        // Foreign Affairs and Trade X": one title with "and" in it, not two
        // speakers. A speaker is "the …", a pronoun or has a name.
        let speaker_like = |p: &str| {
            own(p)
                || p.starts_with("the ")
                || p.starts_with("The ")
                || p.split_whitespace().any(|w| {
                    self.gazetteer
                        .can_be_name(w.trim_matches(|c: char| !c.is_alphanumeric()))
                })
        };
        if !speaker_like(a) {
            return None;
        }
        if own(a) || own(b) {
            return Some(self.own_voice().unwrap_or(Who::Unclear));
        }
        // Parties are settled by the caller ("The EU and Kyrgyzstan …").
        let party = |p: &str| party_in(&p.to_lowercase(), self.gazetteer).is_some();
        if party(a) || party(b) {
            return None;
        }
        let suggested = self.people.len();
        let (last_person, last_speaker) = (self.last_person.clone(), self.last_speaker.clone());
        let first = self.resolve(a);
        let second = self.resolve(b);
        // Resolving a part is no suggestion of its own.
        self.people.truncate(suggested);
        (self.last_person, self.last_speaker) = (last_person, last_speaker);
        let joint = match (&first, &second) {
            (Who::Is(x, sx), Who::Is(y, sy)) if x == y && sx == sy => return Some(first),
            (Who::Is(_, sx), Who::Is(_, sy)) => sx != sy,
            _ => false,
        };
        Some(if joint {
            if self.facts.side == Side::Joint {
                self.own_voice().unwrap_or(Who::Unclear)
            } else {
                self.parties()
            }
        } else {
            Who::Unclear
        })
    }

    /// The government that officials of one side all serve, as their
    /// titles name it (the United States for U.S. titles with no country).
    fn government_of(&mut self, people: &[Named]) -> Option<Who> {
        let g = self.gazetteer;
        let parties: Vec<&Party> = people
            .iter()
            .map(|p| g.government_of_title(&p.title))
            .collect::<Option<_>>()?;
        let first = parties.first()?;
        parties
            .iter()
            .all(|p| p.name == first.name)
            .then(|| self.party(first))
    }

    /// "The minister", "the Secretary": the person last named, if their
    /// title has that word; else the one person of the text whose title
    /// holds the whole noun ("the Deputy Secretary").
    fn by_title(&mut self, lower: &str) -> Option<Who> {
        let noun = lower.strip_prefix("the ")?;
        if noun.split_whitespace().count() > 3 {
            return None;
        }
        let head = noun.split_whitespace().last()?;
        if let Some(Who::Is(id, _)) = &self.last_person {
            let title = self
                .registry
                .iter()
                .find(|p| slug(&p.name) == *id)
                .map(|p| p.title.to_lowercase())
                .or_else(|| {
                    self.data
                        .people
                        .iter()
                        .find(|p| p.id == *id)
                        .and_then(|p| p.roles.last())
                        .map(|r| r.title.to_lowercase())
                });
            if title.is_some_and(|t| t.contains(head)) {
                return self.last_person.clone();
            }
        }
        // "the President" is not the Vice President: a qualifier before the
        // noun makes another office.
        let holds = |title: &str| {
            let title = title.to_lowercase();
            names::whole_word(&title, noun).is_some_and(|at| {
                let before = title[..at].split_whitespace().last().unwrap_or_default();
                !["vice", "deputy", "assistant", "under", "acting", "first"].contains(&before)
            })
        };
        let holders: Vec<Named> = self
            .registry
            .iter()
            .filter(|p| holds(&p.title))
            .cloned()
            .collect();
        match holders.as_slice() {
            [one] => Some(self.person(one)),
            _ => None,
        }
    }

    /// The people of the text's registry and of the dataset that `phrase`
    /// names, in its order.
    fn people_named(&self, phrase: &str) -> Vec<Named> {
        let mut found: Vec<(usize, Named)> = names::named_in(phrase, &self.registry)
            .into_iter()
            .map(|p| {
                (
                    names::whole_word(phrase, p.surname()).unwrap_or(0),
                    p.clone(),
                )
            })
            .collect();
        // Only people with a name's last word in the phrase can be named.
        for p in (self.names.candidates(phrase).into_iter()).map(|at| &self.data.people[at]) {
            let at = std::iter::once(&p.name)
                .chain(&p.aliases)
                .find_map(|n| names::whole_word(phrase, n))
                .or_else(|| {
                    p.name
                        .split_whitespace()
                        .last()
                        .filter(|l| l.len() > 3)
                        .and_then(|l| names::whole_word(phrase, l))
                });
            if let Some(at) = at
                && !found.iter().any(|(_, f)| {
                    f.surname() == p.name.split_whitespace().last().unwrap_or_default()
                })
            {
                found.push((
                    at,
                    Named {
                        name: p.name.clone(),
                        title: p.roles.last().map(|r| r.title.clone()).unwrap_or_default(),
                        side: Some(p.side),
                    },
                ));
            }
        }
        found.sort_by_key(|(at, _)| *at);
        found.into_iter().map(|(_, p)| p).collect()
    }

    /// The speaker for a named person: the dataset's, or a new person.
    fn person(&mut self, p: &Named) -> Who {
        if let Some((id, side)) = known_speaker(self.data, [p.name.as_str()].into_iter()) {
            return Who::Is(id, side);
        }
        let candidates = self.names.candidates(p.surname());
        if let Some(d) = (candidates.into_iter().map(|at| &self.data.people[at])).find(|d| {
            d.name.split_whitespace().last() == Some(p.surname()) && p.surname().len() > 3
        }) {
            return Who::Is(d.id.clone(), d.side);
        }
        // A new person whose title leaves their side open: who speaks is
        // plain, whose voice it is is not; a person decides.
        let Some(side) = p.side else {
            return Who::Unclear;
        };
        self.suggest_speaker(NewPerson {
            id: slug(&p.name),
            name: p.name.clone(),
            side,
            role: Some(p.title.clone()).filter(|t| !t.is_empty()),
            institution: false,
        })
    }

    /// A known institution (by name or alias) that `phrase` is or names,
    /// other than where it is served or addressed ("the EU Delegation to
    /// Tajikistan", "called on the government of Tajikistan").
    fn known_in(&self, phrase: &str) -> Option<Who> {
        let lower = phrase.to_lowercase();
        self.data.institutions.iter().find_map(|i| {
            std::iter::once(&i.name)
                .chain(&i.aliases)
                .any(|n| {
                    let n = n.to_lowercase();
                    n.len() > 3
                        && names::whole_word(&lower, &n).is_some_and(|at| !addressed(&lower[..at]))
                })
                .then(|| Who::Is(i.id.clone(), i.side))
        })
    }

    /// The speaker for a party as a whole: the dataset's institution of
    /// that name, or a new one.
    fn party(&mut self, party: &Party) -> Who {
        if let Some((id, side)) = known_speaker(self.data, [party.name.as_str()].into_iter()) {
            return Who::Is(id, side);
        }
        self.suggest_speaker(NewPerson::institution(
            slug(&party.name),
            party.name.clone(),
            party.side,
        ))
    }

    /// Both parties together, when the document is not itself a joint
    /// statement: an institution for the parties this document reports.
    fn parties(&mut self) -> Who {
        let id = format!("parties-{}", self.facts.id);
        let name = format!("The parties, as reported by {}", self.facts.id);
        self.suggest_speaker(NewPerson::institution(id, name, Side::Joint))
    }

    /// A new person or institution as a speaker: suggested once, named by
    /// every statement that needs it.
    fn suggest_speaker(&mut self, p: NewPerson) -> Who {
        let who = Who::Is(p.id.clone(), p.side);
        if !self.people.iter().any(|n| n.id == p.id) {
            self.people.push(p);
        }
        who
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transcript_labels_name_the_speaker() {
        let s = "FOREIGN MINISTER MUHRIDDIN:  And the most important issue is Afghanistan.";
        let (label, n) = transcript_label(s).unwrap();
        assert_eq!(title_case(label), "Foreign Minister Muhriddin");
        assert_eq!(&s[n..], "And the most important issue is Afghanistan.");
        assert!(transcript_label("The EU stressed: reforms matter.").is_none());
    }

    #[test]
    fn parties_by_name_body_or_adjective() {
        let g = Gazetteer::of(&crate::dataset::Dataset::embedded().unwrap().parties);
        assert_eq!(party_in("the united states", &g).unwrap().side, Side::us());
        assert_eq!(party_in("uzbek officials", &g).unwrap().name, "Uzbekistan");
        assert_eq!(
            party_in("the government of kazakhstan", &g).unwrap().side,
            Side::kz()
        );
        assert!(party_in("nordic leaders", &g).is_none());
    }
}
