//! The memo's sections, one module each, and the registry that lists them.
//!
//! A section is one module here and one template in `templates/`. Its
//! module registers a [`SectionDef`]: its id (in brief files, on the
//! command line, in the app), its title where a user chooses it, where it
//! stands in the memo, its template, and how it is built from the
//! selection. What it builds is [`Content`]: the values its template reads
//! (serialised), and the [`Piece`]s the PDF and Word writers draw. The HTML
//! template, the PDF, the Word file, the CLI's `--section` values and the
//! app's check boxes all come from [`ALL`], so adding a section touches
//! this folder (the module, and its line in [`ALL`]) and `templates/`.

mod follow_up;
mod header;
mod key_figures;
mod new;
mod points;
mod sources;
mod summary;
mod timeline;
mod topics;

use std::any::Any;
use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use serde::ser::SerializeMap;

use super::AssembleError;
use super::build::{Ctx, Drafter};
use super::print::Piece;
use crate::brief_file::BriefFile;
use crate::dataset::{Dataset, Item, Topic};
use crate::date::Date;

pub use follow_up::{FollowUp, FollowUpRow, UpdateLine};
pub(in crate::assemble) use follow_up::{FollowedThread, followed};
pub use header::Header;
pub use new::{NewItem, NewSince};
pub use points::Point;
pub use summary::Summary;
pub use timeline::Timeline;
pub use topics::{SideGroup, StatementEntry, TopicSection};

/// Every section, in memo order.
const ALL: [&SectionDef; 9] = [
    &header::SECTION,
    &summary::SECTION,
    &new::SECTION,
    &key_figures::SECTION,
    &topics::SECTION,
    &points::SECTION,
    &follow_up::SECTION,
    &timeline::SECTION,
    &sources::SECTION,
];

/// What a section module registers.
pub struct SectionDef {
    /// The id in brief files, on the command line and in the app
    /// (`key-figures`).
    pub id: &'static str,
    /// The section's name where a user chooses it (`Key figures`).
    pub title: &'static str,
    /// What it holds, in a few words, for help texts.
    pub about: &'static str,
    /// The name its template reads it by (`key_figures`), and the memo's
    /// field of that name in the templates.
    pub key: &'static str,
    /// Its template's file name in `templates/` (`key-figures.hbs`).
    pub template: &'static str,
    /// Where it stands in the memo.
    pub place: Place,
    /// Whether it is built after all the others, because it tells what
    /// they drew on (the summary counts the sources). Such a section must
    /// cite nothing: the endnotes are numbered by then.
    pub last: bool,
    /// Whether it exists only for a brief with a record of what its last
    /// memo showed (`crate::shown`): without one it is not drawn, and
    /// leaves no trace in any output.
    pub needs_record: bool,
    /// Builds it from the selection.
    pub build: fn(&mut Build<'_, '_>) -> Result<Box<dyn Content>, AssembleError>,
}

/// Where in the memo a section stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Under the title (the TO / FROM block).
    Masthead,
    /// Before the drafter's text: on the `memo` form's pages too.
    Front,
    /// The body of the full memo, or the `memo` form's annex.
    Body,
    /// After the drafter's closing (the endnotes).
    End,
}

impl Place {
    /// Every place with the name templates give it (`{{sections "body"}}`).
    pub const ALL: [(&'static str, Place); 4] = [
        ("masthead", Place::Masthead),
        ("front", Place::Front),
        ("body", Place::Body),
        ("end", Place::End),
    ];

    /// The place named `name` in a template.
    pub fn named(name: &str) -> Option<Place> {
        Place::ALL.iter().find(|(n, _)| *n == name).map(|(_, p)| *p)
    }
}

/// A section of the memo: a handle on its entry in the registry, ordered as
/// the memo orders them.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Section(usize);

impl Section {
    /// Every section, in memo order.
    pub fn all() -> impl Iterator<Item = Section> {
        (0..ALL.len()).map(Section)
    }

    /// What its module registered.
    pub fn def(self) -> &'static SectionDef {
        ALL[self.0]
    }

    /// The id used in brief files and on the command line.
    pub fn id(self) -> &'static str {
        self.def().id
    }

    /// The section's name where a user chooses it ("Key figures").
    pub fn title(self) -> &'static str {
        self.def().title
    }

    /// Every section's id, in memo order.
    pub fn ids() -> Vec<&'static str> {
        Section::all().map(Section::id).collect()
    }
}

impl fmt::Debug for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Section {
    type Err = String;

    fn from_str(s: &str) -> Result<Section, String> {
        Section::all().find(|sec| sec.id() == s).ok_or_else(|| {
            format!(
                "'{s}' is not a section; the sections are: {}",
                Section::ids().join(", ")
            )
        })
    }
}

impl serde::Serialize for Section {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl<'de> serde::Deserialize<'de> for Section {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Section, D::Error> {
        let id = String::deserialize(d)?;
        id.parse().map_err(serde::de::Error::custom)
    }
}

/// What a section built: the values its template reads, and the pieces
/// the page formats draw.
pub trait Content: erased_serde::Serialize + Any + fmt::Debug + Send + Sync {
    /// The section as the PDF and Word writers draw it.
    fn pieces(&self) -> Vec<Piece>;

    /// Itself, to be read as its own type ([`Sections::typed`]).
    fn as_any(&self) -> &dyn Any;
}

erased_serde::serialize_trait_object!(Content);

/// A section as built for one memo.
#[derive(Debug)]
pub struct Drawn {
    /// Which section.
    pub section: Section,
    /// What it holds.
    pub content: Box<dyn Content>,
}

/// The sections a memo holds, in memo order. Serialised as one field per
/// registered section, by its key: its content, or null when the memo
/// leaves it out (so that a template can ask `{{#if timeline}}`).
#[derive(Debug, Default)]
pub struct Sections(pub(in crate::assemble) Vec<Drawn>);

impl Sections {
    /// The section `id`'s content, if the memo holds it.
    pub fn get(&self, id: &str) -> Option<&dyn Content> {
        self.0
            .iter()
            .find(|d| d.section.id() == id)
            .map(|d| d.content.as_ref())
    }

    /// The section `id`'s content as its own type, if the memo holds it.
    pub fn typed<T: Content>(&self, id: &str) -> Option<&T> {
        self.get(id)?.as_any().downcast_ref()
    }

    /// Whether the memo holds the section `id`.
    pub fn has(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    /// The pieces of the sections in `place`, in memo order.
    pub fn pieces(&self, place: Place) -> Vec<Piece> {
        self.0
            .iter()
            .filter(|d| d.section.def().place == place)
            .flat_map(|d| d.content.pieces())
            .collect()
    }
}

impl serde::Serialize for Sections {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        for section in Section::all() {
            match self.0.iter().find(|d| d.section == section) {
                Some(d) => map.serialize_entry(section.def().key, &d.content)?,
                // A section that needs a record is not in the data of a
                // memo without one: its data is what it was before.
                None if section.def().needs_record => {}
                None => map.serialize_entry(section.def().key, &())?,
            }
        }
        map.end()
    }
}

/// What a section's build draws on: the brief, the selection, and the
/// memo built so far (its citation numbers, what earlier sections showed).
pub struct Build<'a, 'd> {
    /// The dataset.
    pub(in crate::assemble) data: &'d Dataset,
    /// The dataset's follow-up threads.
    pub(in crate::assemble) ledger: &'d crate::ledger::Ledger,
    /// What changed since the brief's record, when it has one.
    pub(in crate::assemble) since: Option<&'a crate::shown::Since>,
    /// The brief.
    pub(in crate::assemble) brief: &'d BriefFile,
    /// The memo's date when the brief gives none.
    pub(in crate::assemble) today: Date,
    /// The selected items, in dataset order.
    pub(in crate::assemble) items: &'a [&'d Item],
    /// The topics the memo covers.
    pub(in crate::assemble) topics: &'a [&'d Topic],
    /// How items are worded.
    pub(in crate::assemble) ctx: &'a Ctx<'d>,
    /// The drafter's text, and the citation numbers given so far.
    pub(in crate::assemble) drafter: Drafter<'d, 'a>,
    /// Whether this is the `memo` form's pages (with or without an annex)
    /// rather than the full memo.
    pub(in crate::assemble) memo_form: bool,
    /// The memo's subject.
    pub(in crate::assemble) subject: &'a str,
    /// The period, in words.
    pub(in crate::assemble) period: &'a str,
    /// Where each item's quotation is printed: its id, and the label of the
    /// topic it is shown under. Filled by the topics section; the points
    /// section, listed after it, points there instead of quoting again.
    pub(in crate::assemble) shown: HashMap<&'d str, &'d str>,
}

impl Build<'_, '_> {
    /// Whether the full assembly is made: the full memo, or the `memo`
    /// form with its annex.
    pub(in crate::assemble) fn full(&self) -> bool {
        !self.memo_form || self.brief.memo.annex
    }

    /// Builds the sections of `place` the brief asks for (`last`: those
    /// built after the others), adding them to `out`.
    pub(in crate::assemble) fn draw(
        &mut self,
        place: Place,
        last: bool,
        out: &mut Sections,
    ) -> Result<(), AssembleError> {
        for section in Section::all() {
            let def = section.def();
            if def.place != place
                || def.last != last
                || !self.brief.memo.sections.contains(&section)
                || (def.needs_record && self.since.is_none())
            {
                continue;
            }
            let content = (def.build)(self)?;
            out.0.push(Drawn { section, content });
        }
        out.0.sort_by_key(|d| d.section);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_read_back() {
        let ids = Section::ids();
        let unique: std::collections::BTreeSet<&str> = ids.iter().copied().collect();
        assert_eq!(unique.len(), ids.len());
        for s in Section::all() {
            assert_eq!(s.id().parse::<Section>().unwrap(), s);
        }
        assert!(
            "appendix"
                .parse::<Section>()
                .unwrap_err()
                .contains("key-figures")
        );
    }
}
