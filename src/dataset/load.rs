//! Loading and validating a dataset: every file is read, every problem is
//! noted with its file and line, and a dataset is returned only when there
//! are none — never half of one.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::cache::CacheSlot;
use super::files::{DatasetFiles, MARKINGS_FILE, TOP_FILES};
use super::model::*;
use super::parallel;
use super::parties::{Parties, Side};

mod cached;
mod items;
mod parties;
mod people;
mod sources;
use super::problem::{Problem, Problems};
use super::reader::{At, Record, TomlFile};
use crate::text::{Normalized, is_valid_id};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Where each id was first defined (file and line), to point at both
/// halves of a duplicate.
type Seen = HashMap<String, (Arc<str>, usize)>;

/// Builds a validated [`Dataset`] from its files, or returns every problem
/// found. Files read from a folder with a cache (`files.cache`) are taken
/// from it where they did not change, and the cache is refilled when the
/// load found no problem (see `dataset::cache`); the result is the same.
pub fn load(files: &DatasetFiles) -> Result<Dataset, Problems> {
    let mut watch = Stopwatch::from_env();
    let cache = (files.cache.as_ref()).map(|slot| cached::CacheState::start(slot, files));
    watch.lap("hash files, read cache");
    let mut loader = Loader {
        files,
        texts: files
            .files
            .iter()
            .map(|(rel, text)| (rel.as_str(), text.as_str()))
            .collect(),
        item_at: HashMap::new(),
        problems: Vec::new(),
        data: Dataset::default(),
        source_texts: HashMap::new(),
        broken: HashSet::new(),
        pending_problems: Vec::new(),
        cache,
        watch,
        defined: Vec::new(),
        cited: Vec::new(),
        spoken: Vec::new(),
    };
    loader.run();
    let mut problems = loader.problems;
    let mut watch = loader.watch;
    if problems.is_empty() {
        if let Some(cache) = loader.cache {
            cache.finish();
            watch.lap("write cache");
        }
        let mut data = loader.data;
        data.pending_problems = loader.pending_problems;
        data.sources.sort_by(|a, b| a.id.cmp(&b.id));
        sort_items(&mut data.items);
        watch.lap("sort");
        data.build_index_after_load();
        watch.lap("index");
        Ok(data)
    } else {
        problems
            .sort_by(|a, b| (&a.file, a.line.unwrap_or(0)).cmp(&(&b.file, b.line.unwrap_or(0))));
        Err(Problems::dataset(&files.root, problems))
    }
}

/// Puts the items in their order, by date then id. Small keys are sorted
/// rather than the items (large, and scattered in memory), then the items
/// are put in their places in one pass.
fn sort_items(items: &mut [Item]) {
    let prefix = |id: &str| {
        let mut bytes = [0u8; 8];
        let n = id.len().min(8);
        bytes[..n].copy_from_slice(&id.as_bytes()[..n]);
        u64::from_be_bytes(bytes)
    };
    let mut keys: Vec<_> = (items.iter().enumerate())
        .map(|(i, item)| {
            let when = item.when();
            (when.first_day(), when.last_day(), prefix(&item.id), i)
        })
        .collect();
    keys.sort_unstable_by(|a, b| {
        (a.0, a.1, a.2)
            .cmp(&(b.0, b.1, b.2))
            .then_with(|| items[a.3].id.cmp(&items[b.3].id))
    });
    // Each cycle of the permutation in turn: place `k` takes the item at
    // `keys[k].3`.
    let mut placed = vec![false; items.len()];
    for start in 0..items.len() {
        let mut at = start;
        while !placed[at] {
            placed[at] = true;
            let from = keys[at].3;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

struct Loader<'f> {
    files: &'f DatasetFiles,
    /// Each file's text by its path, so that finding a file does not read
    /// the list of them.
    texts: HashMap<&'f str, &'f str>,
    /// Where each item stands in `data.items`, by id, filled when the
    /// corroborations are read.
    item_at: HashMap<String, usize>,
    problems: Vec<Problem>,
    data: Dataset,
    /// Each source's text with white space collapsed, for quote checks.
    source_texts: HashMap<String, Normalized>,
    /// Records that are defined but have problems of their own (`"source:x"`),
    /// and whole namespaces whose file could not be read (`"topic:*"`):
    /// references to them are not reported again as unknown.
    broken: HashSet<String>,
    /// Problems of records marked `suggested = true`.
    pending_problems: Vec<Problem>,
    /// The cache being read and refilled, when the dataset is a folder's.
    cache: Option<cached::CacheState<'f>>,
    /// Each item id defined (suggestions included) with its line, in order:
    /// what a source file defines, for its cache entry.
    defined: Vec<(String, usize)>,
    /// Each source an `also` citation names, in order: what a source file
    /// cites, for its cache entry.
    cited: Vec<String>,
    /// Each speaker or participant id named, in order: the people a source
    /// file's reading rests on, for its cache entry.
    spoken: Vec<String>,
    watch: Stopwatch,
}

/// Where a load spends its time, printed to stderr when
/// `DOSSIER_LOAD_TIMINGS` is set (for the figures of README's
/// "Performance").
pub(super) struct Stopwatch(Option<std::time::Instant>);

impl Stopwatch {
    fn from_env() -> Stopwatch {
        Stopwatch(std::env::var_os("DOSSIER_LOAD_TIMINGS").map(|_| std::time::Instant::now()))
    }

    /// Prints a line about the load.
    pub(super) fn note(&self, what: &str) {
        if self.0.is_some() {
            eprintln!("load: {what}");
        }
    }

    /// Prints the time since the last lap, named.
    pub(super) fn lap(&mut self, what: &str) {
        if let Some(start) = &mut self.0 {
            eprintln!(
                "load: {what}: {:.1} ms",
                start.elapsed().as_secs_f64() * 1e3
            );
            *start = std::time::Instant::now();
        }
    }
}

/// The kinds of thing an item refers to by id.
#[derive(Clone, Copy)]
enum Ns {
    Party,
    Topic,
    Speaker,
    Place,
    Source,
}

impl<'f> Loader<'f> {
    /// The last day of the latest source among `citations` and `own`.
    fn latest_report(&self, citations: &[Citation], own: &Source) -> chrono::NaiveDate {
        citations
            .iter()
            .filter_map(|c| self.data.source(&c.source))
            .map(|s| s.date.last_day())
            .chain([own.date.last_day()])
            .max()
            .unwrap_or_else(|| own.date.last_day())
    }

    /// The text of a file of the dataset, if it has it.
    fn text(&self, rel: &str) -> Option<&'f str> {
        self.texts.get(rel).copied()
    }
}

impl Ns {
    fn key(self, id: &str) -> String {
        let ns = match self {
            Ns::Party => "party",
            Ns::Topic => "topic",
            Ns::Speaker => "speaker",
            Ns::Place => "place",
            Ns::Source => "source",
        };
        format!("{ns}:{id}")
    }
}

const TOPIC_FIELDS: &[&str] = &["id", "label", "description", "keywords"];
const PERSON_FIELDS: &[&str] = &[
    "id",
    "name",
    "aliases",
    "side",
    "role",
    "suggested",
    "accepted",
    "accepted_by",
];
const ROLE_FIELDS: &[&str] = &["title", "from", "to"];
const INSTITUTION_FIELDS: &[&str] = &[
    "id",
    "name",
    "aliases",
    "side",
    "suggested",
    "accepted",
    "accepted_by",
];
const PLACE_FIELDS: &[&str] = &["id", "name", "alias"];
const ALIAS_FIELDS: &[&str] = &["name", "from", "to"];
const SOURCE_FILE_FIELDS: &[&str] = &["source", "statement", "figure", "event", "also"];
const SOURCE_FIELDS: &[&str] = &[
    "title",
    "publisher",
    "url",
    "date",
    "kind",
    "classification",
    "notes",
];
const MARKING_FIELDS: &[&str] = &["name", "portion"];
const STATEMENT_FIELDS: &[&str] = &[
    "id",
    "date",
    "topics",
    "quote",
    "also",
    "speaker",
    "side",
    "stance",
    "page",
    "suggested",
    "accepted",
    "accepted_by",
    "unclear",
];
const FIGURE_FIELDS: &[&str] = &[
    "id",
    "date",
    "topics",
    "quote",
    "also",
    "value",
    "unit",
    "label",
    "qualifier",
    "undated",
    "page",
    "suggested",
    "accepted",
    "accepted_by",
    "unclear",
];
const EVENT_FIELDS: &[&str] = &[
    "id",
    "date",
    "topics",
    "quote",
    "also",
    "label",
    "place",
    "participants",
    "status",
    "page",
    "suggested",
    "accepted",
    "accepted_by",
    "unclear",
];
const ALSO_FIELDS: &[&str] = &["source", "quote"];
/// A corroboration kept in the corroborating source's own file.
const TOP_ALSO_FIELDS: &[&str] = &[
    "id",
    "item",
    "quote",
    "page",
    "suggested",
    "accepted",
    "accepted_by",
];

impl<'f> Loader<'f> {
    fn run(&mut self) {
        let mut speakers_seen = Seen::new();
        self.parties();
        self.file(TOP_FILES[0], Ns::Topic, |l, root| l.topics(root));
        self.file(TOP_FILES[1], Ns::Speaker, |l, root| {
            l.people(root, &mut speakers_seen)
        });
        self.file(TOP_FILES[2], Ns::Place, |l, root| l.places(root));
        self.markings();
        self.watch.lap("parties, topics, people, places");
        self.sources();
    }

    /// A record's `side`: one of the dataset's parties, `joint` or `other`.
    fn side(&self, r: &Record) -> Option<At<Side>> {
        let id = r.string_ref("side")?;
        let side = Side::from_id(id.value).filter(|s| {
            *s == Side::Joint || *s == Side::Other || self.data.parties.party(*s).is_some()
        });
        // A party declared with problems of its own is not reported again.
        let broken = self.broken.contains(&Ns::Party.key(id.value))
            || self.broken.contains(&Ns::Party.key("*"));
        if side.is_none() && !broken {
            r.report(
                id.line,
                format!(
                    "`side` is '{}', which is not a party of this dataset: use {}, or declare the party in {}",
                    id.value,
                    self.data.parties.side_ids_in_words(),
                    super::files::DECLARATION_FILE
                ),
            );
        }
        side.map(|value| At {
            value,
            line: id.line,
        })
    }

    /// Reads `markings.toml` when the dataset has one, else takes the
    /// default scheme.
    fn markings(&mut self) {
        let Some(text) = self.text(MARKINGS_FILE) else {
            self.data.markings = Marking::default_scheme();
            return;
        };
        let file = TomlFile::new(&self.files.display_path(MARKINGS_FILE), text);
        if let Some(table) = file.parse(text) {
            let root = file.root(&table);
            let mut seen = Seen::new();
            let mut portions = Seen::new();
            for r in root.tables("marking", "this [[marking]]") {
                let name = r.string("name");
                let portion = r.string("portion");
                r.finish(MARKING_FIELDS);
                let (Some(name), Some(portion)) = (name, portion) else {
                    continue;
                };
                if name.value.contains("//") || name.value.trim() != name.value {
                    r.report(name.line, format!("the marking '{}' must not contain `//` or begin or end with spaces; caveats are added in a memo's marking, not here", name.value));
                    continue;
                }
                if !first_definition(&mut seen, &r, &name, "marking")
                    || !first_definition(&mut portions, &r, &portion, "portion mark")
                {
                    continue;
                }
                self.data.markings.push(Marking {
                    name: name.value,
                    portion: portion.value,
                });
            }
            root.finish(&["marking"]);
            if self.data.markings.is_empty() && file.is_clean() {
                file.report(Some(1), "declares no [[marking]]; list the markings the dataset uses, lowest first, or remove the file to use UNCLASSIFIED, CONFIDENTIAL, SECRET, TOP SECRET".into());
            }
        }
        self.problems.extend(file.into_problems());
        if self.data.markings.is_empty() {
            // Reported above; the default keeps source checks meaningful.
            self.data.markings = Marking::default_scheme();
        }
    }

    /// Parses one top-level file and hands its root record to `read`.
    fn file(&mut self, rel: &str, ns: Ns, read: impl FnOnce(&mut Self, &Record)) {
        let path = self.files.display_path(rel);
        let Some(text) = self.text(rel) else {
            self.problems.push(Problem {
                file: path,
                line: None,
                                message: "is missing; every dataset has topics.toml, people.toml, places.toml and a sources/ folder".into(),
            });
            self.broken.insert(ns.key("*"));
            return;
        };
        let file = TomlFile::new(&path, text);
        match file.parse(text) {
            Some(table) => read(self, &file.root(&table)),
            None => {
                self.broken.insert(ns.key("*"));
            }
        }
        self.problems.extend(file.into_problems());
    }

    fn topics(&mut self, root: &Record) {
        let mut seen = Seen::new();
        for r in root.tables("topic", "this [[topic]]") {
            let id = r.string("id");
            let label = r.string("label");
            let description = r.string("description");
            let keywords = r.opt_string_list("keywords");
            r.finish(TOPIC_FIELDS);
            let Some(id) = id else { continue };
            if !is_valid_id(&id.value) {
                r.report(
                    id.line,
                    format!(
                        "'{}' is not a topic id: use lower-case letters, digits and hyphens (for example \"labor-rights\")",
                        id.value
                    ),
                );
                continue;
            }
            if !first_definition(&mut seen, &r, &id, "topic") {
                continue;
            }
            if label.is_none() || description.is_none() {
                self.broken.insert(Ns::Topic.key(&id.value));
            }
            if let (Some(label), Some(description)) = (label, description) {
                self.data.topics.push(Topic {
                    id: id.value,
                    label: label.value,
                    description: description.value,
                    keywords: keywords.into_iter().map(|k| k.value).collect(),
                });
            }
        }
        root.finish(&["topic"]);
    }

    /// Reads a person or institution with `read`. A suggested one is
    /// loaded (so that suggestions naming it resolve) but counted as
    /// pending, its problems kept apart with the other pending ones.
    fn pending_aware(&mut self, r: &Record, read: impl FnOnce(&mut Self)) {
        let (suggested, _) = review_fields(r);
        let before = r.file().problem_count();
        read(self);
        if suggested {
            self.data.pending += 1;
            self.pending_problems
                .extend(r.file().take_problems_from(before));
        }
    }
}

/// How many source files are parsed at a time: enough to keep both cores
/// busy, few enough that a million-item dataset's tables are never all held.
const PARSE_BATCH: usize = 512;

/// Each file of `batch` (path and text) parsed on every core, with the
/// file that notes its problems; a file that is not valid TOML has no table.
fn parse_all<'t>(
    files: &DatasetFiles,
    batch: &[(&'t str, &'t str)],
) -> Vec<(&'t str, TomlFile, Option<Spanned<DeTable<'t>>>)> {
    parallel::map(batch, |(rel, text)| {
        let file = TomlFile::new(&files.display_path(rel), text);
        let table = file.parse(text);
        (*rel, file, table)
    })
}

/// Like [`parse_all`], but only each file's [`record_part`] where it can:
/// enough for the first pass, which reads the `[source]` tables only.
fn parse_records<'t>(
    files: &DatasetFiles,
    batch: &[(&'t str, &'t str)],
) -> Vec<(&'t str, TomlFile, Option<Spanned<DeTable<'t>>>)> {
    parallel::map(batch, |(rel, text)| {
        let path = files.display_path(rel);
        if let Some(part) = record_part(text)
            && let Ok(table) = DeTable::parse(part)
            && table.get_ref().contains_key("source")
        {
            // Its lines are the file's first lines: number them only.
            return (*rel, TomlFile::new(&path, part), Some(table));
        }
        let file = TomlFile::new(&path, text);
        let table = file.parse(text);
        (*rel, file, table)
    })
}

/// The start of a source file that holds its `[source]` table, when the
/// file keeps that table ahead of its items, as Dossier writes them: the
/// text up to the first `[[` header, provided no later header names
/// `source` again. The first pass parses only this, so that each file is
/// parsed whole once. `None`: parse the whole file. A `[[` inside a
/// multi-line string cuts the string, so the part does not parse and the
/// whole file is read instead; the TOML parser stays the only judge.
fn record_part(text: &str) -> Option<&str> {
    let mut cut = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = line.trim_start();
        match cut {
            None if start.starts_with("[[") => cut = Some(offset),
            Some(_) if names_source(start) => return None,
            _ => {}
        }
        offset += line.len();
    }
    cut.map(|cut| &text[..cut])
}

/// Whether a line is a table header that may name `source` (erring on
/// the side of yes).
fn names_source(line: &str) -> bool {
    line.strip_prefix('[').is_some_and(|rest| {
        rest.trim_start_matches(|c: char| c == '[' || c == '"' || c == '\'' || c.is_whitespace())
            .starts_with("source")
    })
}

/// Quotes already found verbatim in their sources: the quote's place in
/// the parsed file (address and length) and the source it was found in.
type Verified<'p> = HashMap<(usize, usize), &'p str>;

/// Where a string lies in memory: the same field read twice gives the same.
fn place(s: &str) -> (usize, usize) {
    (s.as_ptr() as usize, s.len())
}

/// Every (source id, quote) pair the source files give, read straight from
/// the parsed tables so that the costly search can run on all cores before
/// the records are read one by one (which then only look the pair up).
/// `ids` holds each file's source id, in `parsed` order.
fn quotes_to_check<'p>(
    ids: &'p [String],
    parsed: &'p [(&str, TomlFile, Option<Spanned<DeTable<'_>>>)],
) -> Vec<(&'p str, &'p str)> {
    fn string<'v>(table: &'v DeTable<'_>, key: &str) -> Option<&'v str> {
        match table.get(key).map(|v| v.get_ref()) {
            Some(DeValue::String(s)) => Some(s),
            _ => None,
        }
    }
    fn tables<'v, 't>(table: &'v DeTable<'t>, key: &str) -> impl Iterator<Item = &'v DeTable<'t>> {
        let list = match table.get(key).map(|v| v.get_ref()) {
            Some(DeValue::Array(list)) => &list[..],
            _ => &[],
        };
        list.iter().filter_map(|v| match v.get_ref() {
            DeValue::Table(t) => Some(t),
            _ => None,
        })
    }
    let mut pairs = Vec::new();
    for (id, (_, _, table)) in ids.iter().zip(parsed) {
        let Some(root) = table.as_ref().map(|t| t.get_ref()) else {
            continue;
        };
        for key in ["statement", "figure", "event", "also"] {
            for record in tables(root, key) {
                if let Some(quote) = string(record, "quote") {
                    pairs.push((id.as_str(), quote));
                }
                for also in tables(record, "also") {
                    if let (Some(source), Some(quote)) =
                        (string(also, "source"), string(also, "quote"))
                    {
                        pairs.push((source, quote));
                    }
                }
            }
        }
    }
    pairs
}

/// The fields a suggestion leaves open (`unclear = [...]`).
#[derive(Default)]
struct Unclear {
    speaker: bool,
    date: bool,
}

/// Reads the fields that mark a record as a suggestion (`suggested`) or
/// note its acceptance (`accepted`, `accepted_by`); returns whether it is
/// a suggestion, and the day it was accepted, if the record says.
fn review_fields(r: &Record) -> (bool, Option<crate::date::Date>) {
    let accepted = if r.has("accepted") {
        r.opt_date("accepted").map(|d| d.value)
    } else {
        None
    };
    r.opt_string("accepted_by");
    (r.opt_bool("suggested").is_some_and(|b| b.value), accepted)
}

/// The source id a `sources/<id>.toml` file defines.
fn source_id(file: &TomlFile) -> String {
    let name = file.path.rsplit('/').next().unwrap_or(&file.path);
    name.trim_end_matches(".toml").to_string()
}

/// The last `n` characters of `s`, with an ellipsis when cut.
fn tail(s: &str, n: usize) -> String {
    let count = s.chars().count();
    if count <= n {
        s.to_string()
    } else {
        format!("…{}", s.chars().skip(count - n).collect::<String>())
    }
}

fn valid_id(r: &Record, id: Option<At<String>>) -> Option<At<String>> {
    let id = id?;
    if is_valid_id(&id.value) {
        Some(id)
    } else {
        r.report(
            id.line,
            format!("id '{}' must be lower-case letters, digits and hyphens (for example zeya-2022-torture)", id.value),
        );
        None
    }
}

/// Records where `id` is defined; reports a duplicate with both places.
fn first_definition(seen: &mut Seen, r: &Record, id: &At<String>, what: &str) -> bool {
    match seen.get(&id.value) {
        Some((file, line)) => {
            let first = format!("{file}:{line}");
            r.report(
                id.line,
                format!(
                    "duplicate {what} id '{}', first defined at {first}; ids must be unique",
                    id.value
                ),
            );
            false
        }
        None => {
            seen.insert(id.value.clone(), (r.file().path.clone(), id.line));
            true
        }
    }
}

fn check_order(
    r: &Record,
    from: Option<&At<crate::date::Date>>,
    to: Option<&At<crate::date::Date>>,
) {
    if let (Some(f), Some(t)) = (from, to)
        && f.value.first_day() > t.value.last_day()
    {
        r.report(
            f.line,
            format!("`from` ({}) is after `to` ({})", f.value, t.value),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::record_part;

    #[test]
    fn items_come_out_by_date_then_id() {
        let data = super::load(&crate::synthetic::generate(3_000, 16, 2)).unwrap();
        assert_eq!(data.items.len(), 3_000);
        for pair in data.items.windows(2) {
            let key = |i: &super::Item| (i.when(), i.id.clone());
            assert!(
                key(&pair[0]) <= key(&pair[1]),
                "{} before {}",
                pair[0].id,
                pair[1].id
            );
        }
    }

    #[test]
    fn the_record_part_ends_at_the_first_array_header() {
        let text = "[source]\ntitle = \"T\"\n\n  [[statement]]\nid = \"a\"\n";
        assert_eq!(record_part(text), Some("[source]\ntitle = \"T\"\n\n"));
    }

    #[test]
    fn a_file_that_names_source_again_is_read_whole() {
        for later in [
            "[source.extra]",
            "[ \"source\" ]",
            "[['source']]",
            "[sources]",
        ] {
            let text = format!("[source]\ntitle = \"T\"\n[[statement]]\nid = \"a\"\n{later}\n");
            assert_eq!(record_part(&text), None, "{later}");
        }
        assert_eq!(record_part("[source]\ntitle = \"T\"\n"), None);
    }
}
