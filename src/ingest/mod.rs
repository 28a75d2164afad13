//! Bringing a document in: read it ([`read`], in a child process with
//! limits, [`isolate`]), find what it holds ([`suggest`], over its
//! [`sentences`] and their dates, [`when`]), and add it to a dataset folder
//! as a new source whose records are suggestions ([`write`]) until a person
//! accepts them (`crate::edit`).

pub mod attribution;
pub mod events;
pub mod evidence;
pub mod figures;
pub mod gazetteer;
pub mod index;
pub mod isolate;
pub mod lexicon;
pub mod names;
pub mod read;
pub mod sentences;
pub mod speakers;
pub mod suggest;
pub mod when;
pub mod write;

use std::path::Path;

use serde::Serialize;

use crate::dataset::{Dataset, DatasetFiles, LEDGER_FILE, Problems, Side, SourceKind};
use crate::date::Date;
use crate::transaction::FileChange;
use evidence::EvidenceProposal;
use lexicon::LEXICON;
use read::Document;
use suggest::{NewPerson, SourceFacts, Suggestions, slug};
use write::SourceRecord;

/// What the user says about the document; each given field overrides what
/// the document says about itself.
#[derive(Debug, Clone, Default)]
pub struct Given {
    /// The title.
    pub title: Option<String>,
    /// The publisher.
    pub publisher: Option<String>,
    /// The author's person or institution id.
    pub author: Option<String>,
    /// The address.
    pub url: Option<String>,
    /// The publication date.
    pub date: Option<Date>,
    /// The kind.
    pub kind: Option<SourceKind>,
    /// The marking.
    pub classification: Option<String>,
    /// The source id.
    pub id: Option<String>,
}

/// Why a document was not brought in. The facts only: each adapter words
/// them for its user (the CLI names its flags, the app its fields).
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// A fact neither given nor found in the document.
    #[error("the document does not say its {}", .0.words())]
    Missing(Field),
    /// The classification given is not one of the dataset's markings.
    #[error("'{given}' is not one of this dataset's markings: {}", .markings.join(", "))]
    UnknownMarking {
        /// The marking given.
        given: String,
        /// The dataset's markings, lowest first.
        markings: Vec<String>,
    },
    /// The id given is not lower-case letters, digits and single hyphens.
    #[error(
        "'{0}' must be lower-case letters, digits and single hyphens, not starting or ending with a hyphen"
    )]
    BadId(String),
    /// The id given is longer than a source id may be.
    #[error(
        "the id '{0}' is {len} characters long; a source id is at most {max} (it names the files sources/ID.toml and sources/ID.txt), so give a shorter one",
        len = .0.chars().count(),
        max = crate::limits::MAX_ID_CHARS
    )]
    IdTooLong(String),
    /// The author given is not a person or institution of the dataset.
    #[error("'{0}' is not a person or institution of the dataset; people.toml lists them")]
    UnknownAuthor(String),
    /// The dataset already has a source with this id.
    #[error("the dataset already has a source '{0}'")]
    IdTaken(String),
    /// The new files would not validate (a bug, or a dataset edited meanwhile).
    #[error("the new source would not be valid, nothing was written:\n{0}")]
    Invalid(Problems),
    /// Writing failed.
    #[error("{0}: {1}; nothing was written")]
    Io(String, std::io::Error),
    /// The change could not be made: another Dossier held the dataset too
    /// long, or the files could not be written.
    #[error("{0}")]
    Busy(String),
}

/// A fact about a document that ingest needs and the user may give.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The publication date.
    Date,
    /// The kind of document.
    Kind,
    /// The publisher.
    Publisher,
}

impl Field {
    /// The fact in words ("publication date").
    pub fn words(self) -> &'static str {
        match self {
            Field::Date => "publication date",
            Field::Kind => "kind",
            Field::Publisher => "publisher",
        }
    }
}

impl IngestError {
    /// Whether it is the user's usage (exit 2) rather than a failure (exit 1).
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            IngestError::Missing(_)
                | IngestError::UnknownMarking { .. }
                | IngestError::BadId(_)
                | IngestError::IdTooLong(_)
                | IngestError::UnknownAuthor(_)
        )
    }
}

/// The new source, its text and its suggestions, ready to be written.
#[derive(Debug, Clone)]
pub struct Ingested {
    /// The source record.
    pub source: SourceRecord,
    /// The document's text.
    pub text: String,
    /// What the suggester found.
    pub found: Suggestions,
    /// A suggested institution for an author the dataset does not know.
    pub new_author: Option<NewPerson>,
}

/// The `--json` shape of an ingest.
#[derive(Serialize)]
pub struct IngestReport<'a> {
    /// The source.
    pub source: SourceSummary<'a>,
    /// The suggestions, in text order.
    pub suggestions: &'a [suggest::Suggestion],
    /// Suggested people and institutions.
    pub people: Vec<&'a NewPerson>,
}

/// The source in the `--json` report.
#[derive(Serialize)]
pub struct SourceSummary<'a> {
    /// Id.
    pub id: &'a str,
    /// Title.
    pub title: &'a str,
    /// Publisher.
    pub publisher: &'a str,
    /// Address or null.
    pub url: Option<&'a str>,
    /// Date as stored.
    pub date: String,
    /// Kind id.
    pub kind: &'static str,
}

impl Ingested {
    /// The `--json` report.
    pub fn report(&self) -> IngestReport<'_> {
        IngestReport {
            source: SourceSummary {
                id: &self.source.id,
                title: &self.source.title,
                publisher: &self.source.publisher,
                url: self.source.url.as_deref(),
                date: self.source.date.to_string(),
                kind: self.source.kind.id(),
            },
            suggestions: &self.found.suggestions,
            people: self
                .new_author
                .iter()
                .chain(self.found.people.iter())
                .collect(),
        }
    }
}

/// Turns a read document into a new source with suggestions, against `data`.
pub fn prepare(
    data: &Dataset,
    doc: Document,
    given: Given,
    file_name: &str,
) -> Result<Ingested, IngestError> {
    let date = given
        .date
        .or(doc.date)
        .ok_or(IngestError::Missing(Field::Date))?;
    let kind = given.kind.ok_or(IngestError::Missing(Field::Kind))?;
    let title = given
        .title
        .or(doc.title.clone())
        .unwrap_or_else(|| file_name.to_string());
    let publisher = given
        .publisher
        .or(doc.publisher.clone())
        .ok_or(IngestError::Missing(Field::Publisher))?;
    let classification = given
        .classification
        .unwrap_or_else(|| data.lowest_marking().name.clone());
    if !data.markings.iter().any(|m| m.name == classification) {
        return Err(IngestError::UnknownMarking {
            given: classification,
            markings: data.markings.iter().map(|m| m.name.clone()).collect(),
        });
    }
    let id = match given.id {
        Some(id) => {
            if id.chars().count() > crate::limits::MAX_ID_CHARS {
                return Err(IngestError::IdTooLong(id));
            }
            if slug(&id) != id {
                return Err(IngestError::BadId(id));
            }
            id
        }
        None => {
            let base = slug(&title);
            let base: String = base.split('-').take(6).collect::<Vec<_>>().join("-");
            format!("{base}-{}", date.year_number())
        }
    };
    if data.source(&id).is_some() {
        return Err(IngestError::IdTaken(id));
    }

    let mut new_author = None;
    let (author, side, author_unclear) = match given.author {
        Some(a) => {
            let speaker = data
                .speaker(&a)
                .ok_or_else(|| IngestError::UnknownAuthor(a.clone()))?;
            let side = match speaker {
                crate::dataset::Speaker::Person(p) => p.side,
                crate::dataset::Speaker::Institution(i) => i.side,
            };
            (Some(a), side, false)
        }
        // A joint statement speaks for its parties together, whoever
        // reposted it.
        None if kind == SourceKind::JointStatement => {
            let p = NewPerson::institution(
                format!("{id}-parties"),
                format!("The parties to “{title}”"),
                Side::Joint,
            );
            let author = p.id.clone();
            new_author = Some(p);
            (Some(author), Side::Joint, false)
        }
        // A report or factsheet is its author's own words: the one the
        // document names, the author of the series its title names, or its
        // publisher, unless the publisher only reposts others' documents.
        None if matches!(kind, SourceKind::Report | SourceKind::Factsheet) => {
            let series = LEXICON.report_author(&title, &doc.text);
            let reposted = LEXICON.is_reposter(&publisher);
            let author = doc
                .author
                .clone()
                .or_else(|| series.map(str::to_string))
                .or_else(|| (!reposted).then(|| publisher.clone()));
            match author
                .as_deref()
                .and_then(|a| known_speaker(data, [a].into_iter()))
            {
                Some((id, side)) => (Some(id), side, false),
                // A repost of a report whose author it does not say: who
                // speaks, a person decides.
                None if author.is_none() => (None, Side::Other, true),
                None => {
                    // "U.S. Department of State", "Ministry of Foreign
                    // Affairs of Uzbekistan": a government body whose name
                    // ties it to a party, as a title would; anyone else
                    // ("Uzbek Forum for Human Rights", "The Washington
                    // Post") is other.
                    let name = author.unwrap_or_default();
                    let side = if government_body(&name) {
                        gazetteer::Gazetteer::of(&data.parties)
                            .of_title(&name)
                            .map_or(Side::Other, |p| p.side)
                    } else {
                        Side::Other
                    };
                    let p = NewPerson::institution(slug(&name), name, side);
                    let author = p.id.clone();
                    new_author = Some(p);
                    (Some(author), side, false)
                }
            }
        }
        // A speech is its speaker's: the one the document names as its
        // author and the dataset knows, else unclear (never its publisher).
        None if kind == SourceKind::Speech => {
            match known_speaker(data, doc.author.as_deref().into_iter()) {
                Some((id, side)) => (Some(id), side, false),
                None => (None, Side::Other, true),
            }
        }
        // Anything else reports others' words: the grammar says whose.
        None => (None, Side::Other, false),
    };
    let facts = SourceFacts {
        id: id.clone(),
        title: title.clone(),
        kind,
        date,
        author,
        side,
        author_unclear,
    };
    let mut found = suggest::suggest(data, &facts, &doc.text);
    if doc.pages.len() > 1 {
        for s in &mut found.suggestions {
            s.page = Some(doc.pages.partition_point(|&start| start <= s.span.0).max(1));
        }
    }
    let mut notes = format!("Ingested from {file_name} by `dossier ingest`.");
    if !doc.dropped.is_empty() {
        notes.push_str(&format!(" Left out: {}.", doc.dropped.join(", ")));
    }
    if doc.pages.len() > 1 {
        notes.push_str(&format!(" {} pages.", doc.pages.len()));
    }
    Ok(Ingested {
        source: SourceRecord {
            id,
            title,
            publisher,
            url: given.url.or(doc.url),
            date,
            kind,
            classification,
            notes,
        },
        text: doc.text,
        found,
        new_author,
    })
}

/// Whether `name` is a government body's ("Department of State",
/// "Ministry of Foreign Affairs", "Embassy of …", "Government of …").
fn government_body(name: &str) -> bool {
    const BODIES: [&str; 9] = [
        "Department",
        "Ministry",
        "Embassy",
        "Government",
        "Mission",
        "Consulate",
        "Foreign Office",
        "White House",
        "Office of the President",
    ];
    BODIES.iter().any(|b| names::whole_word(name, b).is_some())
}

/// A known person or institution named exactly by one of `names`, with its side.
pub fn known_speaker<'a>(
    data: &Dataset,
    names: impl Iterator<Item = &'a str>,
) -> Option<(String, Side)> {
    for name in names {
        let name = name.trim();
        for p in &data.people {
            if p.name == name || p.aliases.iter().any(|a| a == name) {
                return Some((p.id.clone(), p.side));
            }
        }
        for i in &data.institutions {
            if i.name == name || i.aliases.iter().any(|a| a == name) {
                return Some((i.id.clone(), i.side));
            }
        }
    }
    None
}

/// Adds the new source to the dataset folder, holding the dataset's lock:
/// checks the whole dataset with the new files first (the id must still be
/// free), then writes the text, the record and any suggested people as one
/// change. Nothing is written if the check fails.
pub fn add_to(dir: &Path, ingested: &Ingested) -> Result<Vec<EvidenceProposal>, IngestError> {
    let lock = crate::transaction::WriteLock::acquire(dir)
        .map_err(|e| IngestError::Busy(e.to_string()))?;
    let mut files = DatasetFiles::read_locked(&lock).map_err(IngestError::Invalid)?;
    let id = &ingested.source.id;
    let text_rel = format!("sources/{id}.txt");
    let toml_rel = format!("sources/{id}.toml");
    if files.get(&toml_rel).is_some() || files.get(&text_rel).is_some() {
        return Err(IngestError::IdTaken(id.clone()));
    }
    let record = write::source_toml(&ingested.source, &ingested.found.suggestions);
    let mut people: Vec<NewPerson> = ingested.new_author.iter().cloned().collect();
    people.extend(ingested.found.people.iter().cloned());
    let new_people = (!people.is_empty()).then(|| {
        let mut t = files.get("people.toml").unwrap_or_default().to_string();
        if !t.ends_with('\n') {
            t.push('\n');
        }
        t.push_str(&write::people_toml(&people, id));
        t
    });
    files.files.push((text_rel.clone(), ingested.text.clone()));
    files.files.push((toml_rel.clone(), record.clone()));
    if let Some(t) = &new_people
        && let Some(slot) = files.files.iter_mut().find(|(p, _)| p == "people.toml")
    {
        slot.1 = t.clone();
    }
    let checked = crate::dataset::load(&files).map_err(IngestError::Invalid)?;
    // The suggestions themselves must validate, not only the rest.
    let own: Vec<_> = checked
        .pending_problems
        .iter()
        .filter(|p| p.file.ends_with(&toml_rel))
        .cloned()
        .collect();
    if !own.is_empty() {
        return Err(IngestError::Invalid(Problems::dataset(&files.root, own)));
    }
    let (ledger, _) = crate::ledger::load(&files, &checked).map_err(IngestError::Invalid)?;
    let proposals = evidence::propose(
        &checked,
        &ledger,
        &ingested.found.suggestions,
        ingested.source.date,
    );
    let mut changes = vec![
        FileChange::Write(text_rel, ingested.text.clone()),
        FileChange::Write(toml_rel, record),
    ];
    if let Some(t) = new_people {
        changes.push(FileChange::Write("people.toml".into(), t));
    }
    if !proposals.is_empty() {
        let ledger = with_proposals(&mut files, &proposals);
        crate::ledger::load(&files, &checked).map_err(IngestError::Invalid)?;
        changes.push(FileChange::Write(LEDGER_FILE.into(), ledger));
    }
    // Freeing a large dataset takes a while: not while the user waits.
    std::thread::spawn(move || drop(checked));
    lock.commit(&changes)
        .map_err(|e| IngestError::Busy(e.to_string()))?;
    Ok(proposals)
}

/// Writes `proposals` into the ledger of `files` (each a `suggested`
/// update of its thread, keeping the file's comments), and returns the new
/// text. The ledger parsed when the dataset loaded, so it parses here.
fn with_proposals(files: &mut DatasetFiles, proposals: &[EvidenceProposal]) -> String {
    let text = files.get(LEDGER_FILE).unwrap_or_default();
    let mut doc: toml_edit::DocumentMut = text.parse().unwrap_or_default();
    for p in proposals {
        if let Some(t) = crate::ledger::file::thread_mut(&mut doc, &p.thread) {
            crate::ledger::file::push_update(t, None, std::slice::from_ref(&p.item), None);
        }
    }
    let text = doc.to_string();
    match files.files.iter_mut().find(|(p, _)| p == LEDGER_FILE) {
        Some(slot) => slot.1 = text.clone(),
        None => files.files.push((LEDGER_FILE.to_string(), text.clone())),
    }
    text
}
