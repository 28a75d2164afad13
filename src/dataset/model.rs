//! The validated dataset: sources, the items quoted from them, the people,
//! institutions and places they name, and the topics they are filed under.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::{Party, Side, TopicSet};
use crate::date::Date;

/// A whole dataset that passed validation: every reference resolves and every
/// quote is found in its source.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    /// The topics, in the order the topics file gives them.
    pub topics: Vec<Topic>,
    /// The source documents, ordered by id.
    pub sources: Vec<Source>,
    /// Named people.
    pub people: Vec<Person>,
    /// Named institutions (ministries, governments, delegations, outlets).
    pub institutions: Vec<Institution>,
    /// Named places.
    pub places: Vec<Place>,
    /// The classification markings the dataset uses, lowest first.
    pub markings: Vec<Marking>,
    /// The parties of the relationship, as `dataset.toml` declares them.
    pub parties: Vec<Party>,
    /// Every statement, figure and event, ordered by date then id.
    pub items: Vec<Item>,
    /// How many records are suggestions awaiting review (`suggested =
    /// true`): validated, but not items until a person accepts them.
    pub pending: usize,
    /// Problems found in pending suggestions; they do not stop the dataset
    /// from loading, and must be mended or rejected before accepting.
    pub pending_problems: Vec<crate::dataset::Problem>,
    /// The ids of the pending suggestions' records: taken, though not items
    /// yet, so a new suggestion never reuses one.
    pub pending_ids: Vec<String>,
    pub(crate) index: Index,
}

/// Lookup tables from ids to positions, built once at load.
#[derive(Debug, Clone, Default)]
pub(crate) struct Index {
    pub topics: HashMap<String, usize>,
    pub sources: HashMap<String, usize>,
    pub speakers: HashMap<String, SpeakerRef>,
    pub places: HashMap<String, usize>,
    /// Each item's topics from the 65th on, `high_stride` words an item,
    /// in the items' order (empty when the dataset has 64 topics or fewer;
    /// see [`Item::topic_low`]).
    pub item_topics_high: Vec<u64>,
    /// Words an item takes in `item_topics_high`.
    pub high_stride: usize,
}

/// Where a speaker id points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SpeakerRef {
    Person(usize),
    Institution(usize),
}

impl Dataset {
    /// Builds the lookup tables and every item's topic bits.
    pub(crate) fn build_index(&mut self) {
        self.index_with(true);
    }

    /// Builds the lookup tables once a load has put the items in order.
    /// Items whose topic bits the loader set keep them: it set them against
    /// this dataset's topics.
    pub(crate) fn build_index_after_load(&mut self) {
        self.index_with(false);
    }

    /// The topic bits an item with `topics` has in this dataset, from the
    /// lookup tables built so far.
    pub(crate) fn topic_low_of(&self, topics: &[String]) -> u64 {
        let set: TopicSet = (topics.iter())
            .filter_map(|id| self.index.topics.get(id).copied())
            .collect();
        set.low()
    }

    fn index_with(&mut self, every_item: bool) {
        let mut index = Index::default();
        for (i, t) in self.topics.iter().enumerate() {
            index.topics.insert(t.id.clone(), i);
        }
        for (i, s) in self.sources.iter().enumerate() {
            index.sources.insert(s.id.clone(), i);
        }
        for (i, p) in self.people.iter().enumerate() {
            index.speakers.insert(p.id.clone(), SpeakerRef::Person(i));
        }
        for (i, p) in self.institutions.iter().enumerate() {
            index
                .speakers
                .insert(p.id.clone(), SpeakerRef::Institution(i));
        }
        for (i, p) in self.places.iter().enumerate() {
            index.places.insert(p.id.clone(), i);
        }
        index.high_stride = self.topics.len().saturating_sub(64).div_ceil(64);
        index.item_topics_high = vec![0; index.high_stride * self.items.len()];
        for (i, item) in self.items.iter_mut().enumerate() {
            if !every_item && index.high_stride == 0 && item.topic_low != 0 {
                continue;
            }
            let set: TopicSet = item
                .topics
                .iter()
                .filter_map(|id| index.topics.get(id).copied())
                .collect();
            item.topic_low = set.low();
            let words = set.high().unwrap_or_default();
            let at = i * index.high_stride;
            index.item_topics_high[at..at + words.len()].copy_from_slice(words);
        }
        self.index = index;
    }

    /// A few words naming an item: a statement's speaker and date, an
    /// event's or a figure's label and date ("Uzra Zeya, 11 April 2022").
    pub fn item_name(&self, i: &Item) -> String {
        match &i.detail {
            Detail::Statement { speaker, .. } => {
                let name = self
                    .speaker(speaker)
                    .map_or_else(|| speaker.clone(), |s| s.name().to_string());
                format!("{name}, {}", i.date_words())
            }
            Detail::Figure { label, .. } | Detail::Event { label, .. } => {
                format!("{label}, {}", i.date_words())
            }
        }
    }

    /// The day "since the first meeting" starts from: the earliest date of
    /// an event that happened under the topic of the relationship's own
    /// meetings ([`DIALOGUE_TOPIC`]), to the precision the data gives;
    /// `None` when the dataset has no such topic or no such event.
    pub fn first_meeting(&self) -> Option<Date> {
        let set = self.topic_set(&[DIALOGUE_TOPIC]);
        self.items_in(&set)
            .filter(|i| matches!(i.detail, Detail::Event { .. }) && !i.is_planned())
            .filter_map(|i| i.date)
            .min_by_key(|d| d.first_day())
    }

    /// The set of the given topic ids, by their position in this
    /// dataset's topics (an id the dataset does not have adds nothing).
    pub fn topic_set<S: AsRef<str>>(&self, ids: &[S]) -> TopicSet {
        ids.iter()
            .filter_map(|id| self.index.topics.get(id.as_ref()).copied())
            .collect()
    }

    /// The items filed under any topic of `set`, with the others' places
    /// left out, oldest first.
    pub(crate) fn items_in<'d>(&'d self, set: &TopicSet) -> impl Iterator<Item = &'d Item> {
        let (low, high) = (set.low(), set.high().map(<[u64]>::to_vec));
        let stride = self.index.high_stride;
        self.items.iter().enumerate().filter_map(move |(i, item)| {
            let found = item.topic_low & low != 0
                || high.as_ref().is_some_and(|h| {
                    let mine = self
                        .index
                        .item_topics_high
                        .get(i * stride..(i + 1) * stride)
                        .unwrap_or_default();
                    super::topic_set::words_meet(mine, h)
                });
            found.then_some(item)
        })
    }

    /// The topic with this id.
    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.index.topics.get(id).map(|&i| &self.topics[i])
    }

    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.index.sources.get(id).map(|&i| &self.sources[i])
    }

    /// The place with this id.
    pub fn place(&self, id: &str) -> Option<&Place> {
        self.index.places.get(id).map(|&i| &self.places[i])
    }

    /// The person or institution with this id.
    pub fn speaker(&self, id: &str) -> Option<Speaker<'_>> {
        self.index.speakers.get(id).map(|r| match *r {
            SpeakerRef::Person(i) => Speaker::Person(&self.people[i]),
            SpeakerRef::Institution(i) => Speaker::Institution(&self.institutions[i]),
        })
    }

    /// The lowest marking of the dataset's scheme (`UNCLASSIFIED`).
    pub fn lowest_marking(&self) -> &Marking {
        self.markings
            .first()
            .expect("a loaded dataset has at least one marking")
    }

    /// The rank of a marking in the scheme (0 is the lowest). A marking
    /// with caveats (`UNCLASSIFIED//FOR OFFICIAL USE ONLY`) ranks as the
    /// marking before its first `//`.
    pub fn marking_rank(&self, marking: &str) -> Option<usize> {
        let base = marking.split("//").next().unwrap_or("").trim();
        self.markings.iter().position(|m| m.name == base)
    }

    /// The marking of a source.
    pub fn source_marking(&self, source: &Source) -> &Marking {
        self.marking_rank(&source.classification)
            .map_or_else(|| self.lowest_marking(), |r| &self.markings[r])
    }

    /// The highest marking among the sources an item cites, with the source
    /// that carries it (the first such).
    pub fn item_marking<'s>(&'s self, item: &Item) -> (&'s Marking, Option<&'s Source>) {
        let mut best: (&Marking, Option<&Source>) = (self.lowest_marking(), None);
        let mut best_rank = 0;
        for source in item.citations.iter().filter_map(|c| self.source(&c.source)) {
            let rank = self.marking_rank(&source.classification).unwrap_or(0);
            if best.1.is_none() || rank > best_rank {
                best = (&self.markings[rank], Some(source));
                best_rank = rank;
            }
        }
        best
    }

    /// How many items are filed under each topic, in topic order.
    pub fn topic_counts(&self) -> Vec<(&Topic, usize)> {
        let mut counts = vec![0usize; self.topics.len()];
        for item in &self.items {
            for t in &item.topics {
                if let Some(&i) = self.index.topics.get(t) {
                    counts[i] += 1;
                }
            }
        }
        self.topics.iter().zip(counts).collect()
    }
}

/// A topic of the dataset (`topics.toml`): its id, label, description
/// and the keywords ingest files passages by.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Topic {
    /// A short id of lower-case words and hyphens ("rule-of-law").
    pub id: String,
    /// Short name shown to users.
    pub label: String,
    /// One line saying what the topic covers.
    pub description: String,
    /// Words that suggest the topic (for curators and search).
    pub keywords: Vec<String>,
}

/// The id of the topic of the relationship's own meetings (its dialogue,
/// consultations or commission), as the built-in topics and the ones `init`
/// writes name it: the window's "since the first meeting" starts from its
/// earliest event.
pub const DIALOGUE_TOPIC: &str = "dialogue";

/// What kind of document a source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// A speech or remarks.
    Speech,
    /// A news article.
    News,
    /// A press release or media note.
    PressRelease,
    /// A government or organisation report.
    Report,
    /// A factsheet.
    Factsheet,
    /// A statement issued jointly by two or more parties.
    JointStatement,
    /// A readout of a meeting or a call.
    Readout,
    /// A diplomatic cable.
    Cable,
    /// A post on a social-media account.
    SocialMedia,
}

impl SourceKind {
    /// Every kind with its id as written in the data.
    pub const ALL: [(&'static str, SourceKind); 9] = [
        ("speech", SourceKind::Speech),
        ("news", SourceKind::News),
        ("press-release", SourceKind::PressRelease),
        ("report", SourceKind::Report),
        ("factsheet", SourceKind::Factsheet),
        ("joint-statement", SourceKind::JointStatement),
        ("readout", SourceKind::Readout),
        ("cable", SourceKind::Cable),
        ("social-media", SourceKind::SocialMedia),
    ];

    /// The id as written in the data.
    pub fn id(self) -> &'static str {
        SourceKind::ALL
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("news", |(id, _)| id)
    }

    /// The kind for an id as written in the data.
    pub fn from_id(id: &str) -> Option<SourceKind> {
        SourceKind::ALL
            .iter()
            .find(|(i, _)| *i == id)
            .map(|(_, k)| *k)
    }

    /// What the kind is, in a sentence's words ("A press release or media
    /// note"), for help texts.
    pub fn description(self) -> &'static str {
        match self {
            SourceKind::Speech => "A speech or remarks",
            SourceKind::News => "A news article",
            SourceKind::PressRelease => "A press release or media note",
            SourceKind::Report => "A government or organisation report",
            SourceKind::Factsheet => "A factsheet",
            SourceKind::JointStatement => "A statement issued jointly by two or more parties",
            SourceKind::Readout => "A readout of a meeting or a call",
            SourceKind::Cable => "A diplomatic cable",
            SourceKind::SocialMedia => "A post on a social-media account",
        }
    }

    /// The kind as a memo names a source of it ("press release",
    /// "social-media post"): lower case, to stand inside a sentence.
    pub fn noun(self) -> &'static str {
        match self {
            SourceKind::Speech => "speech",
            SourceKind::News => "news article",
            SourceKind::PressRelease => "press release",
            SourceKind::Report => "report",
            SourceKind::Factsheet => "factsheet",
            SourceKind::JointStatement => "joint statement",
            SourceKind::Readout => "readout",
            SourceKind::Cable => "cable",
            SourceKind::SocialMedia => "social-media post",
        }
    }

    /// The kind as a label on its own ("Press release"): the noun with a
    /// capital.
    pub fn label(self) -> String {
        let noun = self.noun();
        let mut chars = noun.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default()
    }
}

/// A dated source document with its full text.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Source {
    /// The id, which is also the file's name without extension.
    pub id: String,
    /// The document's title.
    pub title: String,
    /// Who published it, as published.
    pub publisher: String,
    /// Where it was published, if it has an address (a cable or a local
    /// document may have none).
    pub url: Option<String>,
    /// When it was published, to the precision known.
    pub date: Date,
    /// What kind of document it is.
    pub kind: SourceKind,
    /// The classification marking of the document (one of the dataset's
    /// markings; `UNCLASSIFIED` unless the source says otherwise).
    pub classification: String,
    /// Curator's notes: how the text was obtained, what was cleaned.
    pub notes: Option<String>,
    /// The full text, as published.
    #[serde(skip)]
    pub text: String,
}

/// A classification marking, as a desk's scheme names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marking {
    /// The marking as printed in banners (`CONFIDENTIAL`).
    pub name: String,
    /// Its portion mark, printed in parentheses before a passage (`C`).
    pub portion: String,
}

impl Marking {
    /// The scheme a dataset without a `markings.toml` uses, lowest first.
    pub fn default_scheme() -> Vec<Marking> {
        [
            ("UNCLASSIFIED", "U"),
            ("CONFIDENTIAL", "C"),
            ("SECRET", "S"),
            ("TOP SECRET", "TS"),
        ]
        .into_iter()
        .map(|(name, portion)| Marking {
            name: name.to_string(),
            portion: portion.to_string(),
        })
        .collect()
    }
}

/// What a statement does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stance {
    /// Praises or welcomes something.
    Commends,
    /// Expresses concern or criticism.
    Concern,
    /// Urges or encourages action.
    CallsFor,
    /// Undertakes or pledges to act.
    Commits,
    /// States facts or describes what was done.
    Reports,
}

impl Stance {
    /// Every stance with its id as written in the data.
    pub const ALL: [(&'static str, Stance); 5] = [
        ("commends", Stance::Commends),
        ("concern", Stance::Concern),
        ("calls-for", Stance::CallsFor),
        ("commits", Stance::Commits),
        ("reports", Stance::Reports),
    ];

    /// The id as written in the data.
    pub fn id(self) -> &'static str {
        Stance::ALL
            .iter()
            .find(|(_, s)| *s == self)
            .map(|(id, _)| *id)
            .unwrap_or("reports")
    }
}

/// A verbatim passage of one source.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Citation {
    /// The source's id.
    pub source: String,
    /// The passage, as it appears in the source (white space may differ).
    pub quote: String,
}

/// A statement, figure or event, with the passages that attest it.
#[derive(Debug, Clone)]
pub struct Item {
    /// Stable id, unique in the dataset.
    pub id: String,
    /// The date the item refers to, as the text gives it. A statement or a
    /// present-tense figure without a date of its own takes its source's
    /// (when it was said; as of when it was reported). `None` means
    /// *undated*: an event, or a figure describing a past state, whose date
    /// the text does not give.
    pub date: Option<Date>,
    /// When the item was first reported: the date of its earliest source.
    pub reported: Date,
    /// Topic ids, at least one.
    pub topics: Vec<String>,
    /// The passages that attest it: the first is from the source file the
    /// item is recorded in; any more are corroborating reports.
    pub citations: Vec<Citation>,
    /// What is specific to statements, figures and events.
    pub detail: Detail,
    /// The day a person accepted it into the dataset (a suggestion of
    /// `dossier ingest`, or an item made in the app's editor); `None` for an
    /// item written by hand or of the built-in dataset.
    pub accepted: Option<Date>,
    /// Its topics among the dataset's first 64, one bit each by position
    /// (any further ones are kept beside the items; see [`TopicSet`]).
    pub(crate) topic_low: u64,
}

impl Item {
    /// The item's kind.
    pub fn kind(&self) -> Kind {
        match self.detail {
            Detail::Statement { .. } => Kind::Statement,
            Detail::Figure { .. } => Kind::Figure,
            Detail::Event { .. } => Kind::Event,
        }
    }

    /// The date the item is selected and ordered by: its own, or, when it
    /// is undated, the date it was reported (it is known to have happened by
    /// then). A planned event's own date is the date it is planned for.
    pub fn when(&self) -> Date {
        self.date.unwrap_or(self.reported)
    }

    /// Whether the item is an event that is planned rather than done.
    pub fn is_planned(&self) -> bool {
        matches!(
            self.detail,
            Detail::Event {
                status: EventStatus::Planned,
                ..
            }
        )
    }

    /// The item's date as a reader should see it, never sharper than the
    /// text: `20 May 2024`, `planned for 2025`, `date not given · reported
    /// 2025`, `planned, date not given · reported 2010`.
    pub fn date_words(&self) -> String {
        match (self.date, self.is_planned()) {
            (Some(d), false) => d.human(),
            (Some(d), true) => format!("planned for {}", d.human()),
            (None, false) => format!("date not given · reported {}", self.reported.human()),
            (None, true) => format!(
                "planned, date not given · reported {}",
                self.reported.human()
            ),
        }
    }

    /// The primary passage (from the item's own source).
    pub fn quote(&self) -> &str {
        &self.citations[0].quote
    }
}

/// The three kinds of item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Something a named speaker said or stated.
    Statement,
    /// A number with its unit.
    Figure,
    /// Something that happened on a date.
    Event,
}

impl Kind {
    /// Every kind with its id as written in the data and on the command line.
    pub const ALL: [(&'static str, Kind); 3] = [
        ("statement", Kind::Statement),
        ("figure", Kind::Figure),
        ("event", Kind::Event),
    ];

    /// The id as written in the data.
    pub fn id(self) -> &'static str {
        match self {
            Kind::Statement => "statement",
            Kind::Figure => "figure",
            Kind::Event => "event",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The fields particular to each kind of item.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Detail {
    /// Something a named speaker said or stated.
    Statement {
        /// Person or institution id.
        speaker: String,
        /// The party the statement speaks for.
        side: Side,
        /// What the statement does, where one fits.
        stance: Option<Stance>,
    },
    /// A number with its unit.
    Figure {
        /// The number, in the unit given.
        value: f64,
        /// The unit: `%`, `USD`, `crisis centres`, `rank`…
        unit: String,
        /// What the number counts, in a few words.
        label: String,
        /// A qualifier the text puts on the number: `more than`, `around`…
        qualifier: Option<String>,
    },
    /// Something that happened.
    Event {
        /// What happened, in a few words.
        label: String,
        /// Place id, where known.
        place: Option<String>,
        /// Person or institution ids of those who took part, where the text names them.
        participants: Vec<String>,
        /// Whether it happened or is only planned.
        status: EventStatus,
    },
}

/// Whether an event has taken place or is a plan (a meeting that "will be
/// held", a conference "proposed").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventStatus {
    /// It took place (the default).
    #[default]
    Happened,
    /// It is planned, proposed or announced, not (yet) done.
    Planned,
}

impl EventStatus {
    /// Every status with its id as written in the data.
    pub const ALL: [(&'static str, EventStatus); 2] = [
        ("happened", EventStatus::Happened),
        ("planned", EventStatus::Planned),
    ];
}

/// A named person, known once whatever the spelling.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Person {
    /// Stable id.
    pub id: String,
    /// The name as usually written.
    pub name: String,
    /// Other spellings found in sources.
    pub aliases: Vec<String>,
    /// The party the person speaks for.
    pub side: Side,
    /// Offices held, with the dates the sources attest.
    pub roles: Vec<Role>,
}

/// An office a person held.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Role {
    /// The title, as the sources give it.
    pub title: String,
    /// Held from (as far as the sources attest).
    pub from: Option<Date>,
    /// Held until (as far as the sources attest).
    pub to: Option<Date>,
}

impl Person {
    /// The role the person held on `date`, if the sources give one.
    pub fn role_on(&self, date: &Date) -> Option<&Role> {
        self.roles
            .iter()
            .find(|r| date.overlaps(r.from.map(|d| d.first_day()), r.to.map(|d| d.last_day())))
    }
}

/// A named institution (government, ministry, outlet, delegation).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Institution {
    /// Stable id.
    pub id: String,
    /// The name as usually written.
    pub name: String,
    /// Other names found in sources.
    pub aliases: Vec<String>,
    /// The party it speaks for.
    pub side: Side,
}

/// A speaker: a person or an institution.
#[derive(Debug, Clone, Copy)]
pub enum Speaker<'a> {
    /// A named person.
    Person(&'a Person),
    /// A named institution.
    Institution(&'a Institution),
}

impl Speaker<'_> {
    /// The display name.
    pub fn name(&self) -> &str {
        match self {
            Speaker::Person(p) => &p.name,
            Speaker::Institution(i) => &i.name,
        }
    }
}

/// A named place, with its other names and when they applied.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Place {
    /// Stable id.
    pub id: String,
    /// The current name.
    pub name: String,
    /// Other names, with the period each applied where known.
    pub aliases: Vec<PlaceAlias>,
}

/// Another name of a place.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlaceAlias {
    /// The other name.
    pub name: String,
    /// In use from.
    pub from: Option<Date>,
    /// In use until.
    pub to: Option<Date>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Dataset;

    #[test]
    fn the_first_meeting_is_the_dialogue_topic_s_earliest_event_held() {
        let data = Dataset::embedded().unwrap();
        assert_eq!(
            data.first_meeting().map(|d| d.to_string()),
            Some("2022-04-11".to_string())
        );
        let mut no_dialogue = data.clone();
        for item in &mut no_dialogue.items {
            item.topics.retain(|t| t != DIALOGUE_TOPIC);
        }
        no_dialogue.build_index();
        assert_eq!(no_dialogue.first_meeting(), None);
    }
}
