//! Suggestions: the statements, figures, events, people and corroborations a
//! new document seems to hold, found by rules over its sentences (no model
//! to train, nothing sent anywhere, instant). Every quote is a slice of the
//! document's text; every date is one the text gives, at its precision. A
//! suggestion is not data: it is written marked `suggested = true` until a
//! person accepts it, and what the text does not settle (who speaks, when a
//! meeting was) is left `unclear` rather than guessed.
//!
//! The pieces, each with tests from real sentences: reporting clauses
//! ([`super::attribution`]), titles and names ([`super::names`]), who speaks
//! ([`super::speakers`]), meetings and their series ([`super::events`]),
//! figures ([`super::figures`]), dates in prose ([`super::when`]); the word
//! lists are data (`lexicon.toml`).
//!
//! Why rules. They are measured on real documents nobody wrote them against
//! (`tests/corpus/`, `cargo run --release --example ingest_eval`): the
//! errors that mattered there (the publisher or a person merely named taken
//! as speaker, fake people, the publication date for the meeting's) are
//! errors of attribution conventions — whose voice a joint statement, a
//! wire repost or a transcript is; what a title says about a side — which a
//! part-of-speech tagger does not know. Considered and not used: `rust-bert`
//! and other transformer crates (libtorch and a model fetched at run time,
//! which the product must not need), and `nlprule` (a rule-based tagger
//! whose English data adds several megabytes; not tried, since the
//! remaining errors are not tagging errors). Rules stay fast (a
//! 12,000-character document in about 40 ms through the whole CLI) and
//! each suggestion can be explained by the rule that made it.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use super::attribution::{self, Voice};
use super::events;
use super::figures::{clause_around, figures};
use super::gazetteer::Gazetteer;
use super::lexicon::LEXICON;
use super::names::{self, Named};
use super::sentences::{Sentence, sentences};
use super::speakers::{Who, title_case, transcript_label};
use super::when::{Found, dateline_len, dates_in, is_attributive, is_plan};
use crate::dataset::{Dataset, EventStatus, Kind, Side, SourceKind, Stance};
use crate::date::{Date, Precision};
pub use crate::text::slug;

/// What the suggester knows about the new source.
#[derive(Debug, Clone)]
pub struct SourceFacts {
    /// The new source's id.
    pub id: String,
    /// Its title: the page's own heading repeated in the text is no record.
    pub title: String,
    /// Its kind.
    pub kind: SourceKind,
    /// Its date.
    pub date: Date,
    /// The speaker (person or institution id) whose own words the document
    /// is, for kinds that speak for their author; `None` for news.
    pub author: Option<String>,
    /// The author's side.
    pub side: Side,
    /// The document is its author's own words, but who the author is the
    /// input does not say (a speech given without `--author`).
    pub author_unclear: bool,
}

/// One suggested record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// A readable, stable id (`kz-mfa-2025-defamation`).
    pub id: String,
    /// The passage, verbatim.
    pub quote: String,
    /// Its byte span in the document's text.
    #[serde(skip)]
    pub span: (usize, usize),
    /// For a PDF, the page the passage starts on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<usize>,
    /// The date the text gives (`None`: undated).
    pub date: Option<Date>,
    /// Topic ids.
    pub topics: Vec<String>,
    /// What kind of record, with its fields.
    #[serde(flatten)]
    pub detail: Suggested,
    /// The fields the text does not settle (`speaker`, `date`): left open
    /// for a person to set rather than guessed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unclear: Vec<&'static str>,
}

/// The fields of each kind of suggestion.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Suggested {
    /// A statement by a speaker.
    Statement {
        /// A person or institution id, existing or suggested; `None` when
        /// the text does not settle who speaks (`unclear` says so).
        speaker: Option<String>,
        /// The speaker's side (`None` with an unclear speaker).
        side: Option<Side>,
        /// What the statement does.
        stance: Option<Stance>,
    },
    /// A number with its unit.
    Figure {
        /// The number (whole numbers are written as integers).
        #[serde(serialize_with = "whole_as_integer")]
        value: f64,
        /// Its unit.
        unit: String,
        /// The qualifier the text puts on it.
        qualifier: Option<String>,
        /// What it counts.
        label: String,
    },
    /// Something that happened or is planned.
    Event {
        /// What, in a few words of the text.
        label: String,
        /// Place id, when the text names a known place.
        place: Option<String>,
        /// Done or planned.
        status: EventStatus,
    },
    /// A second report of an item already in the dataset.
    Corroboration {
        /// The existing item's id.
        item: String,
    },
}

impl Suggestion {
    /// The kind of item it would become (`None` for a corroboration).
    pub fn kind(&self) -> Option<Kind> {
        match self.detail {
            Suggested::Statement { .. } => Some(Kind::Statement),
            Suggested::Figure { .. } => Some(Kind::Figure),
            Suggested::Event { .. } => Some(Kind::Event),
            Suggested::Corroboration { .. } => None,
        }
    }
}

fn whole_as_integer<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if let Some(whole) = crate::format::whole_number(*v) {
        s.serialize_i64(whole)
    } else {
        s.serialize_f64(*v)
    }
}

/// A person the document names who is not yet in the dataset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewPerson {
    /// The suggested id.
    pub id: String,
    /// The name as written.
    pub name: String,
    /// The side the role suggests.
    pub side: Side,
    /// The role the text gives.
    pub role: Option<String>,
    /// An institution rather than a person.
    #[serde(skip)]
    pub institution: bool,
}

impl NewPerson {
    /// A suggested institution (a party, a joint statement's parties, a
    /// report's publisher).
    pub fn institution(id: String, name: String, side: Side) -> NewPerson {
        NewPerson {
            id,
            name,
            side,
            role: None,
            institution: true,
        }
    }
}

/// All that was found in a document.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Suggestions {
    /// The suggested records, in text order.
    pub suggestions: Vec<Suggestion>,
    /// People to add.
    pub people: Vec<NewPerson>,
}

/// Words that make a sentence an event, with whether it is an act done.
const EVENT_WORDS: [&str; 41] = [
    " held",
    " convened",
    " met ",
    " met.",
    " signed",
    " adopted",
    " ratified",
    " established",
    " re-established",
    " created",
    " launched",
    " introduced",
    " amended",
    " passed",
    " enacted",
    " elected",
    " referendum",
    " reinstated",
    " abolished",
    " abolition",
    " decriminalised",
    " decriminalized",
    " presented",
    " entered into force",
    " took place",
    " inaugurated",
    " concluded on",
    " was founded",
    " take place",
    " next round",
    " next session",
    " opened",
    " visited",
    " hold the next",
    " will be held",
    " sent ",
    " initiated",
    " joined",
    " the proposed",
    " elevated",
    " introduction of",
];

/// Russian words that make a sentence an event.
const RUSSIAN_EVENT_WORDS: [&str; 10] = [
    " состоялось",
    " состоялась",
    " состоялся",
    " прошло",
    " прошла",
    " подписал",
    " подписан",
    " принят",
    " принял",
    " ратифицировал",
];

/// Stance words, checked in this order.
const STANCES: [(Stance, &[&str]); 4] = [
    (
        Stance::Concern,
        &[
            "concern", "worr", "troubl", "regret", "deplor", "alarm", "criticis", "criticiz",
        ],
    ),
    (
        Stance::CallsFor,
        &[
            "urge",
            "urging",
            "call on",
            "calls on",
            "called on",
            "call for",
            "calls for",
            "called for",
            "encourag",
            "should",
            "must ",
            "appeal",
        ],
    ),
    (
        Stance::Commends,
        &[
            "commend",
            "welcom",
            "prais",
            "applaud",
            "congratulat",
            "appreciat",
            "recogni",
        ],
    ),
    (
        Stance::Commits,
        &[
            "committed to",
            "commits to",
            "commit to",
            "pledge",
            "intend",
            "agreed to",
            "ready to",
            "will provide",
        ],
    ),
];

/// Suggests the records of a document, against what the dataset knows.
pub fn suggest(data: &Dataset, facts: &SourceFacts, text: &str) -> Suggestions {
    let gazetteer = Gazetteer::of(&data.parties);
    let mut ctx = Ctx {
        data,
        gazetteer: &gazetteer,
        facts,
        text,
        ids: (data.items.iter().map(|i| i.id.as_str()))
            .chain(data.pending_ids.iter().map(String::as_str))
            .collect(),
        new_ids: HashSet::new(),
        next_number: HashMap::new(),
        corroborated: HashSet::new(),
        people: Vec::new(),
        topic_counts: BTreeMap::new(),
        last_speaker: None,
        last_person: None,
        // The title first: "Secretary Blinken's Meeting with Moldovan
        // Foreign Minister Nicu Popescu" settles whose minister the text's
        // "Foreign Minister Popescu" is.
        registry: names::people_in(&format!("{}.\n{text}", facts.title), &gazetteer),
        meeting_date: events::Meeting::None,
        label_voice: None,
        lead_in: None,
        labels: Vec::new(),
        label_at: None,
        quotes: super::index::QuoteIndex::of(data),
        events_by_day: super::index::events_by_day(data),
        names: super::index::NameIndex::of(&data.people),
    };
    let mut out = Vec::new();
    let every = sentences(text);
    // A transcript's speaker labels, found before courtesies are left out
    // ("SECRETARY BLINKEN:  Well, good afternoon, everyone.").
    ctx.labels = every
        .iter()
        .filter_map(|s| {
            let t = s.text(text);
            transcript_label(t).map(|(label, n)| (s.start, s.start + n, title_case(label)))
        })
        .collect();
    // A page that repeats a sentence (a lead shown twice) gives it once.
    let mut seen = HashSet::new();
    let all: Vec<Sentence> = every
        .into_iter()
        .filter(|s| {
            let t = s.text(text);
            let spoken = transcript_label(t).map_or(t, |(_, n)| &t[n..]);
            let title = t.trim().trim_end_matches('.') == facts.title.trim();
            !s.heading && !title && !is_boilerplate(spoken) && seen.insert(t.trim())
        })
        .collect();
    ctx.meeting_date = events::meeting_date(
        all.iter().map(|s| {
            let t = s.text(text);
            &t[dateline_len(t, facts.date).unwrap_or(0)..]
        }),
        facts.date,
    );
    let quoted = quotation_speakers(&mut ctx, &all);
    for (s, speaker) in all.into_iter().zip(quoted) {
        ctx.sentence(s, speaker, &mut out);
    }
    ctx.fill_topics(&mut out);
    Suggestions {
        suggestions: out,
        people: ctx.people,
    }
}

/// For each sentence inside a quotation that runs on to a later sentence
/// (“The dialogue is a good mechanism… U.S.,” the minister wrote), the
/// speaker named where the quotation closes.
fn quotation_speakers(ctx: &mut Ctx, all: &[Sentence]) -> Vec<Option<(String, Side)>> {
    let mut out = vec![None; all.len()];
    let mut open_from: Option<usize> = None;
    for (i, s) in all.iter().enumerate() {
        let text = s.text(ctx.text);
        let opens = text.matches('“').count();
        let closes = text.matches('”').count();
        match open_from {
            None if opens > closes => open_from = Some(i),
            Some(start) if closes > opens => {
                if let Some(Voice::Named(phrase)) = attribution::voice(text)
                    && let Who::Is(id, side) = ctx.resolve(phrase)
                {
                    for slot in &mut out[start..i] {
                        *slot = Some((id.clone(), side));
                    }
                }
                open_from = None;
            }
            _ => {}
        }
    }
    out
}

/// Whether a sentence is the page's furniture or a wire's boilerplate
/// ("The text of the following statement was released …", "Begin text").
fn is_boilerplate(sentence: &str) -> bool {
    let lower = sentence.to_lowercase();
    let short = lower.split_whitespace().count() <= 3;
    let courtesy = lower.split_whitespace().count() <= 25
        && !lower.chars().any(|c| c.is_ascii_digit())
        && LEXICON
            .courtesies
            .iter()
            .any(|b| lower.contains(b.as_str()));
    courtesy
        || LEXICON
            .boilerplate
            .iter()
            .any(|b| lower.contains(b.as_str()))
        || (short && lower.starts_with("by "))
        // "As stated by Spokesperson Ned Price:", "The following is
        // attributable to …:": who speaks next, no record of its own.
        || (lower.trim_end().ends_with(':')
            && lower.split_whitespace().count() <= 8
            && ["stated by", "attributable to"]
                .iter()
                .any(|w| lower.contains(w)))
        || lower.trim_start().starts_with("date ")
        || heading_with_colon(sentence)
        || not_english(&lower)
}

/// "Respect for the Integrity of the Person, Including Freedom from:": a
/// heading in title case that leads into what follows.
fn heading_with_colon(sentence: &str) -> bool {
    let words: Vec<&str> = sentence
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 3)
        .collect();
    sentence.trim_end().ends_with(':')
        && words.len() >= 2
        && words
            .iter()
            .filter(|w| w.starts_with(char::is_uppercase))
            .count()
            * 10
            >= words.len() * 8
        && attribution::reporting_verb(sentence, &sentence.to_lowercase()).is_none()
}

/// A sentence of five words or more without one of English's commonest
/// words and with two of another language's ("Met dank overgenomen van
/// Raad van de Europese Unie …"): a page's other language, which the
/// suggester cannot read.
fn not_english(lower: &str) -> bool {
    const COMMON: [&str; 48] = [
        "the", "of", "and", "to", "in", "a", "is", "for", "on", "with", "by", "that", "as", "at",
        "was", "are", "will", "has", "from", "an", "its", "their", "our", "we", "it", "this", "be",
        "not", "or", "but", "have", "were", "his", "her", "they", "he", "she", "against", "all",
        "which", "who", "i", "you", "my", "your", "us", "also", "into",
    ];
    let words: Vec<&str> = lower
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    // The commonest small words of the languages European pages mix in.
    const FOREIGN: [&str; 24] = [
        "van", "het", "een", "op", "der", "die", "das", "und", "für", "mit", "le", "la", "les",
        "des", "et", "du", "pour", "el", "los", "las", "y", "del", "con", "por",
    ];
    words.len() >= 5
        && !words.iter().any(|w| COMMON.contains(w))
        && words.iter().filter(|w| FOREIGN.contains(w)).count() >= 2
}

/// The suggester's state while it reads one document.
pub(super) struct Ctx<'a> {
    pub(super) data: &'a Dataset,
    /// The parties the text may name, with their sides in `data`.
    pub(super) gazetteer: &'a Gazetteer,
    pub(super) facts: &'a SourceFacts,
    pub(super) text: &'a str,
    /// The ids the dataset has taken (items and suggestions)…
    pub(super) ids: HashSet<&'a str>,
    /// …and those this document's suggestions took.
    pub(super) new_ids: HashSet<String>,
    /// The next number to try after each id base, so that many ids of one
    /// base do not each try every number before theirs.
    pub(super) next_number: HashMap<String, usize>,
    /// The items a sentence of this document already corroborates.
    pub(super) corroborated: HashSet<String>,
    pub(super) people: Vec<NewPerson>,
    pub(super) topic_counts: BTreeMap<String, usize>,
    /// The speaker last named in an attribution, for "the statement read".
    pub(super) last_speaker: Option<Who>,
    /// The person last named as a speaker, for "he said", "the minister".
    pub(super) last_person: Option<Who>,
    /// The people the text names with their titles.
    pub(super) registry: Vec<Named>,
    /// The meeting the document gives an account of, if any.
    pub(super) meeting_date: events::Meeting,
    /// A transcript's speaker labels: where each starts, where its words
    /// start, and the label in ordinary case ("Secretary Blinken").
    pub(super) labels: Vec<(usize, usize, String)>,
    /// Where the label in force starts.
    pub(super) label_at: Option<usize>,
    /// The speaker and stance of a list's lead-in ("The United States
    /// urged Vietnam to:"), for the items under it.
    pub(super) lead_in: Option<(Who, Stance)>,
    /// The speaker of a transcript's last label ("SECRETARY BLINKEN:").
    pub(super) label_voice: Option<Who>,
    /// The content words of every item's quotes.
    pub(super) quotes: super::index::QuoteIndex,
    /// The dataset's events of each day.
    pub(super) events_by_day: HashMap<Date, Vec<usize>>,
    /// The dataset's people by the last words of their names.
    pub(super) names: super::index::NameIndex,
}

impl Ctx<'_> {
    fn sentence(&mut self, s: Sentence, quoted: Option<(String, Side)>, out: &mut Vec<Suggestion>) {
        // A news dateline dates the dispatch: the record starts after it.
        let s = match dateline_len(s.text(self.text), self.facts.date) {
            Some(n) => Sentence {
                start: s.start + n,
                ..s
            },
            None => s,
        };
        // A transcript's speaker label ("SECRETARY BLINKEN:  …") gives the
        // voice of what follows, up to the next label.
        let before = self.labels.partition_point(|(at, _, _)| *at <= s.start);
        let label = before.checked_sub(1).map(|i| self.labels[i].clone());
        let s = match label {
            Some((at, words, phrase)) => {
                if self.label_at != Some(at) {
                    self.label_at = Some(at);
                    self.label_voice = Some(self.resolve(&phrase));
                }
                Sentence {
                    start: s.start.max(words),
                    ..s
                }
            }
            None => s,
        };
        let sentence = s.text(self.text);
        if sentence.split_whitespace().count() < 4 {
            return;
        }
        let topics = self.topics_of(sentence);
        for t in &topics {
            *self.topic_counts.entry(t.clone()).or_default() += 1;
        }
        let dates = dates_in(sentence, self.facts.date);
        let base = Suggestion {
            id: String::new(),
            quote: sentence.to_string(),
            span: (s.start, s.end),
            page: None,
            date: None,
            topics,
            detail: Suggested::Corroboration {
                item: String::new(),
            },
            unclear: Vec::new(),
        };

        // A passage reporting an item already in the dataset corroborates it.
        // "an April 2024 law" dates the law, not what is said of it.
        let said_dates: Vec<Found> = dates
            .iter()
            .filter(|f| !is_attributive(sentence, f))
            .cloned()
            .collect();
        if let Some(item) = self.corroborated_item(sentence, &said_dates) {
            if self.corroborated.insert(item.clone()) {
                let id = self.unique_id(&format!("{item}-also-{}", self.facts.id));
                out.push(Suggestion {
                    id,
                    detail: Suggested::Corroboration { item },
                    ..base
                });
            }
            return;
        }

        let figures = self.figures_of(s, sentence, &base);
        // A sentence that counts something reports the count, not an event,
        // unless it also dates what was done ("In March 2010, … sent 16 judges").
        let dated = dates
            .iter()
            .any(|d| d.date.first_day() <= self.facts.date.last_day());
        let mut events = if figures.is_empty() || dated {
            self.events_of(s, sentence, &base)
        } else {
            Vec::new()
        };
        // What a speaker says ("X welcomed the new law", "X opened by
        // reiterating …") is a statement; an event inside it must be dated
        // by the text to be one of its own.
        if let Some(Voice::Named(_)) = attribution::voice(sentence) {
            events.retain(|e| e.date.is_some() || events::is_meeting(&e.quote));
        }
        // A list under "The United States … urging Vietnam to:": each item
        // is the lead-in's speaker's, with its stance.
        let bulleted = is_bulleted(self.text, s.start);
        if !bulleted {
            self.lead_in = None;
        }
        let listed = self.lead_in.clone();
        let speaker = match quoted {
            Some(q) => Some(Who::Is(q.0, q.1)),
            // A sentence that counts something is the count's, unless a
            // reporting clause names a speaker the text settles.
            None => self
                .speaker_of(sentence, !figures.is_empty())
                .filter(|w| figures.is_empty() || matches!(w, Who::Is(..))),
        };
        // An item that names its own speaker ("- The United States agreed
        // …") keeps it; the others speak with the lead-in.
        let listed = listed.filter(|_| !matches!(speaker, Some(Who::Is(..))));
        let speaker = match &listed {
            Some((who, _)) => Some(who.clone()),
            None => speaker,
        };
        if sentence.trim_end().ends_with(':')
            && let Some(who) = &speaker
        {
            let lead = format!(" {}", sentence.to_lowercase());
            self.lead_in = Some((who.clone(), stance_of(&lead, self.facts.kind)));
        }
        // An event sentence without a reporting clause is the event's, unless
        // the document is its author's own account (a factsheet's "In 2023,
        // Kazakhstan ratified …" is the ministry's statement too).
        let own = self.own_voice().is_some()
            && matches!(
                self.facts.kind,
                SourceKind::Report | SourceKind::Factsheet | SourceKind::Speech
            );
        let speaker =
            speaker.filter(|_| events.is_empty() || own || attribution::voice(sentence).is_some());
        if let Some(who) = speaker {
            let said = dates.iter().map(|f| f.date).find(|d| {
                d.precision() == Precision::Day
                    && d.last_day() <= self.facts.date.last_day()
                    && d.first_day() >= self.facts.date.first_day() - chrono::Days::new(31)
            });
            let (date, date_unclear) = match said {
                Some(d) => (Some(d), false),
                None => self.statement_date(),
            };
            let (speaker, side, mut unclear) = match who {
                Who::Is(id, side) => (Some(id), Some(side), Vec::new()),
                Who::Unclear => (None, None, vec!["speaker"]),
            };
            if date_unclear {
                unclear.push("date");
            }
            // "X thanked A and underscored B": two statements of X.
            for (from, to) in attribution::coordinated(sentence) {
                let clause = &sentence[from..to];
                let clause = clause.trim_end_matches([',', ';', ' ']);
                let id = self.unique_id(&format!(
                    "{}-{}-{}",
                    speaker.as_deref().unwrap_or(&self.facts.id),
                    date.unwrap_or(self.facts.date).year_number(),
                    key_words(clause, 3)
                ));
                let lower = format!(" {}", clause.to_lowercase());
                out.push(Suggestion {
                    id,
                    date,
                    quote: clause.to_string(),
                    span: (s.start + from, s.start + from + clause.len()),
                    detail: Suggested::Statement {
                        speaker: speaker.clone(),
                        side,
                        stance: Some(match &listed {
                            Some((_, stance)) => *stance,
                            None => stance_of(&lower, self.facts.kind),
                        }),
                    },
                    unclear: unclear.clone(),
                    ..base.clone()
                });
            }
        }
        out.extend(events);
        out.extend(figures);
    }

    /// The events a sentence reports: one for each of its clauses whose
    /// words make it an event, quoted by that clause.
    fn events_of(&mut self, s: Sentence, sentence: &str, base: &Suggestion) -> Vec<Suggestion> {
        let clauses = clauses(sentence);
        let whole = clauses.len() == 1;
        let mut out = Vec::new();
        for (from, to) in clauses {
            let clause = &sentence[from..to];
            if clause.split_whitespace().count() < 4 && !whole {
                continue;
            }
            let dates = dates_in(clause, self.facts.date);
            let mut base = base.clone();
            base.quote = clause.to_string();
            base.span = (s.start + from, s.start + to);
            out.extend(self.event_of(clause, &dates, &base));
        }
        out
    }

    /// The event a passage reports, if its words make it one.
    fn event_of(
        &mut self,
        sentence: &str,
        dates: &[Found],
        base: &Suggestion,
    ) -> Option<Suggestion> {
        let lower = format!(" {}", sentence.to_lowercase());
        let named_law = dates.iter().any(|d| d.date.precision() == Precision::Year)
            && [" Law", " Code", " Plan", " Concept", " Strategy"]
                .iter()
                .any(|w| sentence.contains(w));
        // "An exchange of views took place on …", "The dialogue took place
        // in an open atmosphere": how it went, said by the parties.
        let how_it_went = lower.contains("atmosphere")
            || [
                " an exchange",
                " exchange of views",
                " discussions ",
                " a discussion",
                " there was",
            ]
            .iter()
            .any(|w| lower.starts_with(w));
        if how_it_went {
            return None;
        }
        let eventful = named_law
            || EVENT_WORDS.iter().any(|w| lower.contains(w))
            || RUSSIAN_EVENT_WORDS.iter().any(|w| lower.contains(w))
            || events::is_meeting(sentence)
            || events::names_dated_occasion(sentence, self.facts.date)
            || (is_plan(sentence) && events::series_of(sentence).is_some());
        if !eventful {
            return None;
        }
        // A date after the document's can only be a plan; a plan is dated
        // by the first date not before the document.
        let doc = self.facts.date;
        let future = |d: &Date| d.first_day() > doc.last_day();
        let planned = is_plan(sentence) || dates.iter().any(|f| future(&f.date));
        let date = dates.iter().map(|f| f.date).find(|d| {
            if planned {
                d.last_day() >= doc.first_day()
            } else {
                !future(d)
            }
        });
        let place = self.place_in(sentence);
        let id = self.unique_id(&format!(
            "{}{}{}",
            key_words(sentence, 3),
            date.map(|d| format!("-{}", d.year_number()))
                .unwrap_or_default(),
            place
                .as_deref()
                .map(|p| format!("-{p}"))
                .unwrap_or_default()
        ));
        Some(Suggestion {
            id,
            date,
            detail: Suggested::Event {
                label: label_of(sentence),
                place,
                status: if planned {
                    EventStatus::Planned
                } else {
                    EventStatus::Happened
                },
            },
            ..base.clone()
        })
    }

    /// The figures a sentence gives, each quoted with its clause.
    fn figures_of(&mut self, s: Sentence, sentence: &str, base: &Suggestion) -> Vec<Suggestion> {
        let mut out = Vec::new();
        for f in figures(sentence) {
            let (from, to) = clause_around(sentence, f.start, f.end);
            let quote = &sentence[from..to];
            // A figure is as of the date its clause gives, else the
            // document's; the "from" value of a change is a past state the
            // text does not date.
            let date = if f.past {
                None
            } else {
                Some(
                    dates_in(quote, self.facts.date)
                        .iter()
                        .map(|d| d.date)
                        .find(|d| d.first_day() <= self.facts.date.last_day())
                        .unwrap_or(self.facts.date),
                )
            };
            let id = self.unique_id(&format!(
                "{}-{}{}",
                self.facts.id,
                slug(&f.unit),
                date.map(|d| format!("-{}", d.year_number()))
                    .unwrap_or_default()
            ));
            out.push(Suggestion {
                id,
                quote: quote.to_string(),
                span: (s.start + from, s.start + to),
                date,
                detail: Suggested::Figure {
                    value: f.value,
                    unit: f.unit.clone(),
                    qualifier: f.qualifier.clone(),
                    label: label_of(quote),
                },
                ..base.clone()
            });
        }
        out
    }

    /// The existing item (of any kind) this passage reports, if any: its
    /// words overlap one of the item's quotes by half (Jaccard), or it is an
    /// event of the same day that overlaps by a quarter.
    fn corroborated_item(&self, sentence: &str, dates: &[Found]) -> Option<String> {
        let mine: HashSet<String> = content_words(sentence).into_iter().collect();
        if mine.len() < 5 {
            return None;
        }
        let day = dates
            .iter()
            .map(|f| f.date)
            .find(|d| d.precision() == Precision::Day);
        let given = dates
            .iter()
            .map(|f| f.date)
            .find(|d| d.first_day() <= self.facts.date.last_day())
            .or(match self.meeting_date {
                events::Meeting::Dated(d) => Some(d),
                _ => None,
            });
        // Undated by the text: said by the time the document came out, a
        // month or so before it.
        let (when, slack) = match given {
            Some(d) => (d, 0),
            None => (self.facts.date, 31),
        };
        // A second account of a meeting: the same series on the same day.
        if let (Some(day), Some(series)) = (day, events::series_of(sentence))
            && events::is_meeting(sentence)
            && let Some(item) = (self.events_by_day.get(&day).into_iter().flatten())
                .map(|&at| &self.data.items[at])
                .find(|i| {
                    i.kind() == Kind::Event
                        && i.date == Some(day)
                        && i.citations.iter().all(|c| c.source != self.facts.id)
                        && i.citations.iter().any(|c| {
                            names_the_meeting(&c.quote.to_lowercase(), &series)
                                && jaccard(&content_words(&c.quote), &content_words(sentence))
                                    >= 0.15
                        })
                })
        {
            return Some(item.id.clone());
        }
        // Only items that share a word can overlap (even a same-day event
        // needs a quarter): the index gives them, in the items' order.
        self.quotes
            .overlaps(&mine)
            .into_iter()
            .map(|(at, best)| (&self.data.items[at], best))
            .filter(|(i, _)| i.citations.iter().all(|c| c.source != self.facts.id))
            // The same words at another meeting ("The United States
            // reaffirmed its unwavering support …" every year) are another
            // statement: a statement is reported again only of its time.
            .filter(|(i, _)| match (i.kind(), i.date) {
                (Kind::Statement, Some(d)) => overlaps(d, when, slack),
                // A meeting of another day or month is another meeting.
                (_, Some(d)) if d.precision() != Precision::Year => {
                    given.is_none_or(|g| g.precision() == Precision::Year || overlaps(d, g, 0))
                }
                // Undated: reported about the same time, or it is another.
                (_, None) => overlaps(i.reported, when, 62),
                _ => true,
            })
            .map(|(i, best)| {
                let same_day = i.kind() == Kind::Event && day.is_some() && day == i.date;
                (if same_day { best + 0.25 } else { best }, &i.id)
            })
            .filter(|(score, _)| *score >= 0.5)
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, id)| id.clone())
    }

    /// A statement's date when the sentence gives none: the meeting's
    /// date in an account of a meeting, else the source's (`None` with
    /// `true`: the text names a meeting it does not date precisely enough).
    fn statement_date(&self) -> (Option<Date>, bool) {
        match self.facts.kind {
            SourceKind::News
            | SourceKind::JointStatement
            | SourceKind::Readout
            | SourceKind::PressRelease => match self.meeting_date {
                events::Meeting::Dated(d) => (Some(d), false),
                events::Meeting::Undated => (None, true),
                events::Meeting::None => (Some(self.facts.date), false),
            },
            _ => (Some(self.facts.date), false),
        }
    }

    fn place_in(&self, sentence: &str) -> Option<String> {
        self.data.places.iter().find_map(|p| {
            std::iter::once(p.name.as_str())
                .chain(p.aliases.iter().map(|a| a.name.as_str()))
                .any(|n| names::whole_word(sentence, n).is_some())
                .then(|| p.id.clone())
        })
    }

    fn topics_of(&self, sentence: &str) -> Vec<String> {
        let lower = sentence.to_lowercase();
        self.data
            .topics
            .iter()
            .filter(|t| {
                t.keywords.iter().chain(std::iter::once(&t.label)).any(|k| {
                    let k = k.to_lowercase();
                    // Short keywords (UN, AI) must stand as words.
                    if k.len() <= 3 {
                        names::whole_word(sentence, &k.to_uppercase()).is_some()
                    } else {
                        lower.contains(&k)
                    }
                })
            })
            .map(|t| t.id.clone())
            .collect()
    }

    /// Gives a suggestion without a topic the document's commonest one.
    fn fill_topics(&self, out: &mut [Suggestion]) {
        let commonest = self
            .topic_counts
            .iter()
            .max_by_key(|(_, n)| **n)
            .map(|(t, _)| t.clone())
            .or_else(|| self.data.topics.first().map(|t| t.id.clone()));
        for s in out.iter_mut().filter(|s| s.topics.is_empty()) {
            s.topics.extend(commonest.clone());
        }
    }

    fn unique_id(&mut self, base: &str) -> String {
        let base = slug(base);
        let base = if base.is_empty() {
            "item".to_string()
        } else {
            base
        };
        let mut id = base.clone();
        let mut n = self.next_number.get(&base).copied().unwrap_or(2);
        while self.ids.contains(id.as_str()) || self.new_ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.next_number.insert(base, n);
        self.new_ids.insert(id.clone());
        id
    }
}

/// Whether a passage (lower case) is an account of the series' meeting
/// itself, not of another held "ahead of" it or "on the margins of" it.
fn names_the_meeting(quote: &str, series: &str) -> bool {
    quote.match_indices(series).any(|(at, _)| {
        let before = &quote[..at];
        let mut from = before.len().saturating_sub(40);
        while !before.is_char_boundary(from) {
            from += 1;
        }
        let near = &before[from..];
        ![
            "ahead of",
            "margins of",
            "prior to",
            "before the",
            "following the",
            "after the",
        ]
        .iter()
        .any(|w| near.contains(w))
    })
}

/// Whether the sentence at `start` is a list item: a bullet ("-", "•",
/// "*") opens its line.
fn is_bulleted(text: &str, start: usize) -> bool {
    // Back from the sentence to the line's start, over marks and spaces
    // only: reading a long line whole for each of its sentences would take
    // the square of its length.
    let mut marked = false;
    for c in text[..start].chars().rev() {
        if c == '\n' {
            break;
        }
        if super::sentences::BULLETS.contains(&c) {
            marked = true;
        } else if !c.is_whitespace() {
            return false;
        }
    }
    marked
}

/// Whether `a`'s interval shares a day with `b`'s, widened by `slack`
/// days before it.
fn overlaps(a: Date, b: Date, slack: u64) -> bool {
    a.first_day() <= b.last_day() && b.first_day() - chrono::Days::new(slack) <= a.last_day()
}

/// What a statement does, by its words; a report's or factsheet's own
/// sentence reports or judges, it never commits anyone.
fn stance_of(lower: &str, kind: SourceKind) -> Stance {
    // "I was encouraged to read …": heartened, not urging.
    if [
        "was encouraged",
        "am encouraged",
        "were encouraged",
        "are encouraged by",
    ]
    .iter()
    .any(|w| lower.contains(w))
    {
        return Stance::Commends;
    }
    let reporting = matches!(kind, SourceKind::Report | SourceKind::Factsheet);
    STANCES
        .iter()
        .filter(|(s, _)| !(reporting && *s == Stance::Commits))
        .find(|(_, words)| {
            // Words start where words start: "commit" is not "Committee".
            words.iter().any(|w| {
                lower.match_indices(w).any(|(at, _)| {
                    let before = lower[..at].chars().next_back();
                    let word_start = before.is_none_or(|c| !c.is_alphanumeric());
                    word_start && !lower[at..].starts_with("committee")
                })
            })
        })
        .map_or(Stance::Reports, |(s, _)| *s)
}

/// Where a sentence divides into clauses that may each report an event:
/// at semicolons and at ", while", ", adding that", ", including", " – ",
/// ", and". Returns byte spans, leading connectives left out.
fn clauses(sentence: &str) -> Vec<(usize, usize)> {
    const SEPARATORS: [&str; 6] = [
        "; ",
        ", while ",
        ", adding that ",
        ", including ",
        " – ",
        ", and ",
    ];
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for sep in SEPARATORS {
        let mut from = 0;
        while let Some(p) = sentence[from..].find(sep) {
            let at = from + p;
            // Not inside a quoted name (the Dialogue “Turkmenistan – European Union”).
            let before = &sentence[..at];
            if before.matches('“').count() <= before.matches('”').count() {
                cuts.push((at, at + sep.len()));
            }
            from = at + sep.len();
        }
    }
    cuts.sort();
    let mut out = Vec::new();
    let mut start = 0;
    for (cut, next) in cuts {
        if cut > start {
            out.push((start, cut));
        }
        start = next.max(start);
    }
    out.push((start, sentence.len()));
    out.into_iter()
        .map(|(a, b)| {
            let piece = &sentence[a..b];
            let lead = piece.len() - piece.trim_start().len();
            (a + lead, a + piece.trim_end().len())
        })
        .filter(|(a, b)| b > a)
        .collect()
}

/// An event's label: the sentence's first clause, at most twelve words.
fn label_of(sentence: &str) -> String {
    // Past an opening date ("On March 3, 2025, …"): the label says what.
    let mut rest = sentence;
    loop {
        let head = rest.split(',').next().unwrap_or(rest);
        let dated = head.chars().any(|c| c.is_ascii_digit())
            && head.split_whitespace().count() <= 4
            && head.len() < rest.len();
        if !dated {
            break;
        }
        rest = rest[head.len() + 1..].trim_start();
    }
    let first = rest.split([',', ';', ':']).next().unwrap_or(rest).trim();
    let words: Vec<&str> = first.split_whitespace().collect();
    let mut label = words.iter().take(12).copied().collect::<Vec<_>>().join(" ");
    if words.len() > 12 {
        label.push('…');
    }
    label.trim_end_matches(['.', ',']).to_string()
}

/// The `n` most telling words of a sentence, for an id.
fn key_words(sentence: &str, n: usize) -> String {
    content_words(sentence)
        .into_iter()
        .filter(|w| w.len() > 3 && !w.chars().all(|c| c.is_ascii_digit()))
        .take(n)
        .collect::<Vec<_>>()
        .join("-")
}

/// The commonest function words, left out of [`content_words`].
const COMMON: [&str; 24] = [
    "the", "a", "an", "of", "and", "or", "to", "in", "on", "for", "with", "by", "at", "as", "is",
    "are", "was", "were", "its", "it", "that", "this", "from", "has",
];

/// Lower-case words without the commonest function words.
pub fn content_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_content_word(text, |w| out.push(w.to_string()));
    out
}

/// Each of [`content_words`] in turn, lent rather than allocated (a large
/// dataset's quotes hold millions of words, most of them seen before).
pub fn for_each_content_word(text: &str, mut each: impl FnMut(&str)) {
    let mut lower = String::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        if word.is_ascii() {
            lower.clear();
            lower.push_str(word);
            lower.make_ascii_lowercase();
        } else {
            lower = word.to_lowercase();
        }
        if !COMMON.contains(&lower.as_str()) {
            each(&lower);
        }
    }
}

/// Token Jaccard similarity of two word lists (as sets).
pub fn jaccard(a: &[String], b: &[String]) -> f64 {
    let a: HashSet<&String> = a.iter().collect();
    let b: HashSet<&String> = b.iter().collect();
    let union = a.union(&b).count();
    if union == 0 {
        0.0
    } else {
        a.intersection(&b).count() as f64 / union as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The statements' (quote opening, speaker, side) and the events'
    /// (label, date) of `text` ingested as `kind` on `date`.
    fn ingest(text: &str, kind: SourceKind, date: &str) -> Vec<(String, String, String)> {
        ingest_titled(text, kind, date, "A document")
    }

    /// The same, for a document of this title.
    fn ingest_titled(
        text: &str,
        kind: SourceKind,
        date: &str,
        title: &str,
    ) -> Vec<(String, String, String)> {
        let data = Dataset::embedded().expect("the embedded dataset loads");
        let facts = SourceFacts {
            id: "doc".into(),
            title: title.into(),
            kind,
            date: date.parse().unwrap(),
            author: (kind == SourceKind::JointStatement).then(|| "doc-parties".to_string()),
            side: if kind == SourceKind::JointStatement {
                Side::Joint
            } else {
                Side::Other
            },
            author_unclear: false,
        };
        suggest(&data, &facts, text)
            .suggestions
            .into_iter()
            .map(|s| match s.detail {
                Suggested::Statement { speaker, side, .. } => (
                    s.quote
                        .split_whitespace()
                        .take(3)
                        .collect::<Vec<_>>()
                        .join(" "),
                    speaker.unwrap_or_else(|| "unclear".into()),
                    side.map_or("unclear".into(), |d| d.id().to_string()),
                ),
                Suggested::Event { label, .. } => (
                    label,
                    "event".into(),
                    s.date.map_or("undated".into(), |d| d.to_string()),
                ),
                _ => (s.quote, "other".into(), String::new()),
            })
            .collect()
    }

    #[test]
    fn a_repeated_lead_gives_one_record() {
        let lead = "Chisinau hosted a session of the US-Moldova Strategic Dialogue.";
        let rest = "The parties reviewed the achievements.";
        let once = ingest(&format!("{lead}\n\n{rest}"), SourceKind::News, "2023-03");
        let twice = ingest(
            &format!("{lead}\n\n{lead}\n\n{rest}"),
            SourceKind::News,
            "2023-03",
        );
        assert_eq!(once.len(), 2, "{once:?}");
        assert_eq!(once, twice);
    }

    #[test]
    fn officials_and_parties_speak_for_their_government() {
        let text = "Assistant Secretary of State Daniel Kritenbrink and Assistant Secretary of Defense Ely Ratner led the U.S. delegation. Assistant Secretary Kritenbrink and Assistant Secretary Ratner underscored the United States' support for ASEAN centrality. The United States and Moldova welcomed the significant progress achieved.";
        let got = ingest(text, SourceKind::News, "2023-10");
        let speaker = |opening: &str| {
            got.iter()
                .find(|g| g.0.starts_with(opening))
                .map(|g| (g.1.as_str(), g.2.as_str()))
        };
        assert_eq!(
            speaker("Assistant Secretary Kritenbrink"),
            Some(("united-states", "us")),
            "{got:?}"
        );
        assert_eq!(
            speaker("The United States"),
            Some(("parties-doc", "joint")),
            "{got:?}"
        );
    }

    #[test]
    fn the_document_s_title_settles_whose_minister_the_text_means() {
        let text = "Foreign Minister Aidar Bekmurov said the talks were useful.";
        let side = |title: &str| {
            ingest_titled(text, SourceKind::News, "2023-03-01", title)
                .into_iter()
                .find(|g| g.0.starts_with("Foreign Minister"))
                .map(|g| (g.1, g.2))
        };
        assert_eq!(
            side("Secretary Blinken's Meeting with Kazakh Foreign Minister Aidar Bekmurov"),
            Some(("aidar-bekmurov".into(), "kz".into()))
        );
        // Without it, the text does not say which government he serves.
        assert_eq!(
            side("Talks in the capital"),
            Some(("unclear".into(), "unclear".into()))
        );
    }

    #[test]
    fn two_coordinated_speakers_of_two_sides_speak_together() {
        let text = "Deputy Secretary of State Wendy R. Sherman spoke today with Mongolian Deputy Foreign Minister Munkhjin. Finally, the Deputy Secretary and Deputy Foreign Minister Munkhjin exchanged views on how to advance cooperation. The statement said Japarov and Cameron exchanged views on bilateral cooperation.";
        let got = ingest(text, SourceKind::News, "2022-01-27");
        let speaker = |opening: &str| {
            got.iter()
                .find(|g| g.0.starts_with(opening))
                .map(|g| g.1.as_str())
        };
        assert_eq!(
            speaker("Finally, the Deputy"),
            Some("parties-doc"),
            "{got:?}"
        );
        assert_eq!(speaker("The statement said"), Some("unclear"), "{got:?}");
    }

    #[test]
    fn in_a_joint_statement_one_party_speaks_for_itself() {
        let text = "The United States stands together with Moldova by supporting its reform efforts. The two governments intend to deepen cooperation. Russia continues its brutal war against Ukraine.";
        let got = ingest_titled(
            text,
            SourceKind::JointStatement,
            "2023-03-23",
            "Joint Statement on the U.S.-Moldova Strategic Dialogue",
        );
        let speakers: Vec<&str> = got.iter().map(|g| g.1.as_str()).collect();
        // A third state the title does not name speaks in the parties' text,
        // not in its own voice.
        assert_eq!(
            speakers,
            ["united-states", "doc-parties", "doc-parties"],
            "{got:?}"
        );
    }

    #[test]
    fn a_title_with_and_is_one_speaker() {
        let text = "Minister of Foreign Affairs and European Integration Nicu Popescu said that relations have never been stronger.";
        let got = ingest(text, SourceKind::News, "2023-03");
        assert_eq!(got[0].1, "nicu-popescu", "{got:?}");
    }

    #[test]
    fn a_title_of_portfolios_keeps_its_country() {
        let text = "Foreign Secretary Masud Bin Momen and US Under Secretary of State for Political Affairs Ambassador Victoria Nuland led their delegations. Ambassador Nuland noted areas of convergence.";
        let got = ingest(text, SourceKind::News, "2023-03");
        assert!(
            got.iter()
                .any(|g| g.0.starts_with("Ambassador Nuland") && g.2 == "us"),
            "{got:?}"
        );
    }

    #[test]
    fn list_items_know_their_bullet() {
        let text =
            "The EU urged Vietnam to:\n- Protect the freedom of expression.\nThe talks ended.";
        let item = text.find("Protect").unwrap();
        assert!(is_bulleted(text, item));
        assert!(!is_bulleted(text, text.find("The talks").unwrap()));
    }

    #[test]
    fn boilerplate_is_no_record() {
        assert!(is_boilerplate(
            "The text of the following statement was released by the Governments of the United States of America and the Republic of Uzbekistan."
        ));
        assert!(is_boilerplate("Begin Text:"));
        assert!(!is_boilerplate("The delegations discussed media freedom."));
        assert!(is_boilerplate(
            "Met dank overgenomen van Raad van de Europese Unie (Raad), gepubliceerd op vrijdag 18 december 2020, 16:00."
        ));
        assert!(is_boilerplate(
            "Respect for the Integrity of the Person, Including Freedom from:"
        ));
        // English sentences without a common word are still English.
        assert!(!is_boilerplate("Both sides welcomed progress."));
        assert!(!is_boilerplate(
            "International treaties hold primacy over domestic law under Kazakhstan’s Constitution."
        ));
        assert!(!is_boilerplate(
            "Kazakhstan initiated two major resolutions:"
        ));
        assert!(!is_boilerplate("The United States urged Vietnam to:"));
    }
}
