//! Loading and validating a dataset: every file is read, every problem is
//! noted with its file and line, and a dataset is returned only when there
//! are none — never half of one.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::files::{DatasetFiles, MARKINGS_FILE, TOP_FILES};
use super::model::*;
use super::parallel;
use super::parties::{Parties, Side};

mod parties;
use super::problem::{Problem, Problems};
use super::reader::{At, Record, TomlFile};
use crate::text::Normalized;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// Where each id was first defined (file and line), to point at both
/// halves of a duplicate.
type Seen = HashMap<String, (Arc<str>, usize)>;

/// Builds a validated [`Dataset`] from its files, or returns every problem found.
pub fn load(files: &DatasetFiles) -> Result<Dataset, Problems> {
    let mut loader = Loader {
        files,
        problems: Vec::new(),
        data: Dataset::default(),
        source_texts: HashMap::new(),
        broken: HashSet::new(),
        pending_problems: Vec::new(),
    };
    loader.run();
    let mut problems = loader.problems;
    if problems.is_empty() {
        let mut data = loader.data;
        data.pending_problems = loader.pending_problems;
        data.sources.sort_by(|a, b| a.id.cmp(&b.id));
        data.items
            .sort_by(|a, b| a.when().cmp(&b.when()).then_with(|| a.id.cmp(&b.id)));
        data.build_index();
        Ok(data)
    } else {
        problems
            .sort_by(|a, b| (&a.file, a.line.unwrap_or(0)).cmp(&(&b.file, b.line.unwrap_or(0))));
        Err(Problems::dataset(&files.root, problems))
    }
}

struct Loader<'f> {
    files: &'f DatasetFiles,
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
        let Some(text) = self.files.get(MARKINGS_FILE) else {
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
        let Some(text) = self.files.get(rel) else {
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

    fn people(&mut self, root: &Record, seen: &mut Seen) {
        for r in root.tables("person", "this [[person]]") {
            self.pending_aware(&r, |l| l.person(&r, seen));
        }
        for r in root.tables("institution", "this [[institution]]") {
            self.pending_aware(&r, |l| l.institution(&r, seen));
        }
        root.finish(&["person", "institution"]);
    }

    /// Reads a person or institution with `read`. A suggested one is
    /// loaded (so that suggestions naming it resolve) but counted as
    /// pending, its problems kept apart with the other pending ones.
    fn pending_aware(&mut self, r: &Record, read: impl FnOnce(&mut Self)) {
        let suggested = review_fields(r);
        let before = r.file().problem_count();
        read(self);
        if suggested {
            self.data.pending += 1;
            self.pending_problems
                .extend(r.file().take_problems_from(before));
        }
    }

    fn person(&mut self, r: &Record, seen: &mut Seen) {
        let id = r.string("id");
        let name = r.string("name");
        let aliases = r.opt_string_list("aliases");
        let side = self.side(r);
        let mut roles = Vec::new();
        let mut roles_ok = true;
        for role in r.tables("role", "this [[person.role]]") {
            let title = role.string("title");
            let from = role.opt_date("from");
            let to = role.opt_date("to");
            role.finish(ROLE_FIELDS);
            check_order(&role, from.as_ref(), to.as_ref());
            match title {
                Some(t) => roles.push(Role {
                    title: t.value,
                    from: from.map(|d| d.value),
                    to: to.map(|d| d.value),
                }),
                None => roles_ok = false,
            }
        }
        r.finish(PERSON_FIELDS);
        let Some(id) = valid_id(r, id) else {
            return;
        };
        if !first_definition(seen, r, &id, "person or institution") {
            return;
        }
        if name.is_none() || side.is_none() || !roles_ok {
            self.broken.insert(Ns::Speaker.key(&id.value));
        }
        if let (Some(name), Some(side), true) = (name, side, roles_ok) {
            self.data.people.push(Person {
                id: id.value,
                name: name.value,
                aliases: aliases.into_iter().map(|a| a.value).collect(),
                side: side.value,
                roles,
            });
        }
    }

    fn institution(&mut self, r: &Record, seen: &mut Seen) {
        let id = r.string("id");
        let name = r.string("name");
        let aliases = r.opt_string_list("aliases");
        let side = self.side(r);
        r.finish(INSTITUTION_FIELDS);
        let Some(id) = valid_id(r, id) else {
            return;
        };
        if !first_definition(seen, r, &id, "person or institution") {
            return;
        }
        if name.is_none() || side.is_none() {
            self.broken.insert(Ns::Speaker.key(&id.value));
        }
        if let (Some(name), Some(side)) = (name, side) {
            self.data.institutions.push(Institution {
                id: id.value,
                name: name.value,
                aliases: aliases.into_iter().map(|a| a.value).collect(),
                side: side.value,
            });
        }
    }

    fn places(&mut self, root: &Record) {
        let mut seen = Seen::new();
        for r in root.tables("place", "this [[place]]") {
            let id = r.string("id");
            let name = r.string("name");
            let mut aliases = Vec::new();
            let mut aliases_ok = true;
            for a in r.tables("alias", "this [[place.alias]]") {
                let alias = a.string("name");
                let from = a.opt_date("from");
                let to = a.opt_date("to");
                a.finish(ALIAS_FIELDS);
                check_order(&a, from.as_ref(), to.as_ref());
                match alias {
                    Some(n) => aliases.push(PlaceAlias {
                        name: n.value,
                        from: from.map(|d| d.value),
                        to: to.map(|d| d.value),
                    }),
                    None => aliases_ok = false,
                }
            }
            r.finish(PLACE_FIELDS);
            let Some(id) = valid_id(&r, id) else { continue };
            if !first_definition(&mut seen, &r, &id, "place") {
                continue;
            }
            if name.is_none() || !aliases_ok {
                self.broken.insert(Ns::Place.key(&id.value));
            }
            if let (Some(name), true) = (name, aliases_ok) {
                self.data.places.push(Place {
                    id: id.value,
                    name: name.value,
                    aliases,
                });
            }
        }
        root.finish(&["place"]);
    }

    /// Reads every `sources/*.toml` in three passes: the `[source]` records
    /// and their texts first, so that items can then cite any source; then
    /// the items; then the corroborations, which name items of other files.
    /// Files are parsed a batch at a time, and parsed again for the items,
    /// so that a large dataset never holds every parsed table at once.
    fn sources(&mut self) {
        let files = self.files;
        let source_files: Vec<(&str, &str)> = files
            .files
            .iter()
            .filter(|(p, _)| p.starts_with("sources/") && p.ends_with(".toml"))
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        self.orphan_source_texts();

        let mut readable = Vec::with_capacity(source_files.len());
        for batch in source_files.chunks(PARSE_BATCH) {
            for (&path_and_text, (_, file, table)) in batch.iter().zip(parse_records(files, batch))
            {
                self.broken.insert(Ns::Source.key(&source_id(&file)));
                if let Some(table) = &table {
                    self.source_record(&file.root(table), &source_id(&file));
                    readable.push(path_and_text);
                }
                self.problems.extend(file.into_problems());
            }
        }

        // Items look up topics, speakers, places and sources by id from here on.
        self.data.build_index();
        let mut item_seen = Seen::new();
        let mut with_also = Vec::new();
        let mut also_verified: HashMap<(usize, usize), String> = HashMap::new();
        for batch in readable.chunks(PARSE_BATCH) {
            let parsed = parse_all(files, batch);
            let ids: Vec<String> = parsed.iter().map(|(_, file, _)| source_id(file)).collect();
            let verified = self.verify_quotes(&quotes_to_check(&ids, &parsed));
            for (_, file, table) in &parsed {
                if let Some(table) = table {
                    self.items_of(
                        &file.root(table),
                        &source_id(file),
                        &mut item_seen,
                        &verified,
                    );
                }
            }
            // The corroborations' quotes were checked with the rest: keep
            // those answers (the quotes stay where they are in memory while
            // their tables wait for the last pass).
            for (id, entry) in ids.iter().zip(&parsed) {
                if entry
                    .2
                    .as_ref()
                    .is_some_and(|t| t.get_ref().contains_key("also"))
                {
                    let pairs =
                        quotes_to_check(std::slice::from_ref(id), std::slice::from_ref(entry));
                    for (_, quote) in pairs {
                        if let Some(source) = verified.get(&place(quote)) {
                            also_verified.insert(place(quote), source.to_string());
                        }
                    }
                }
            }
            drop(verified);
            for (_, file, table) in parsed {
                match table {
                    Some(table) if table.get_ref().contains_key("also") => {
                        with_also.push((file, table))
                    }
                    _ => self.problems.extend(file.into_problems()),
                }
            }
        }
        // Corroborations name items of other files: read once all are in.
        let verified: Verified = also_verified
            .iter()
            .map(|(place, source)| (*place, source.as_str()))
            .collect();
        for (file, table) in with_also {
            let root = file.root(&table);
            let source = self.data.source(&source_id(&file)).cloned();
            for r in root.tables("also", "this [[also]]") {
                self.reviewed(&r, |l| {
                    l.corroboration(&r, source.as_ref(), &mut item_seen, &verified)
                });
            }
            self.problems.extend(file.into_problems());
        }
    }

    /// Reports every source text that has no record beside it.
    fn orphan_source_texts(&mut self) {
        let files = self.files;
        for (rel, _) in files
            .files
            .iter()
            .filter(|(p, _)| p.starts_with("sources/") && p.ends_with(".txt"))
        {
            let toml = rel.replace(".txt", ".toml");
            if files.get(&toml).is_none() {
                self.problems.push(Problem {
                    file: files.display_path(rel),
                    line: None,
                    message: format!("is a source text with no record; add {toml} describing it, or remove the file"),
                });
            }
        }
    }

    /// Reads the statements, figures and events of one source file.
    fn items_of(&mut self, root: &Record, id: &str, item_seen: &mut Seen, verified: &Verified) {
        root.has("source"); // read in the first pass
        root.has("also"); // read once every item is in
        let source = self.data.source(id).cloned();
        for (key, what, kind) in [
            ("statement", "this [[statement]]", Kind::Statement),
            ("figure", "this [[figure]]", Kind::Figure),
            ("event", "this [[event]]", Kind::Event),
        ] {
            for r in root.tables(key, what) {
                self.reviewed(&r, |l| {
                    l.item(&r, source.as_ref(), kind, item_seen, verified)
                });
            }
        }
        root.finish(SOURCE_FILE_FIELDS);
    }

    /// Reads the `[source]` table of `sources/<id>.toml` and its text.
    fn source_record(&mut self, root: &Record, id: &str) {
        let id = id.to_string();
        let rel = format!("sources/{id}.toml");
        let Some(r) = root.table("source", "the [source] table") else {
            return;
        };
        let title = r.string("title");
        let publisher = r.string("publisher");
        let url = r.opt_string("url");
        let date = r.date("date");
        let kind = r.choice("kind", &SourceKind::ALL);
        let classification = r.opt_string("classification");
        let notes = r.opt_string("notes");
        r.finish(SOURCE_FIELDS);
        if let Some(c) = &classification
            && !self.data.markings.iter().any(|m| m.name == c.value)
        {
            let names: Vec<&str> = self.data.markings.iter().map(|m| m.name.as_str()).collect();
            r.report(
                c.line,
                format!(
                    "unknown marking '{}'; this dataset's markings are {} ({})",
                    c.value,
                    names.join(", "),
                    if self.files.get(MARKINGS_FILE).is_some() {
                        "declared in markings.toml"
                    } else {
                        "the default; a markings.toml declares others"
                    }
                ),
            );
            return;
        }
        if !is_valid_id(&id) {
            r.report(
                r.line,
                format!("the file name '{id}' is the source's id and must be lower-case letters, digits and hyphens; rename the file (and its .txt)"),
            );
            return;
        }
        if let Some(u) = &url
            && !crate::text::is_web_address(&u.value)
        {
            r.report(
                u.line,
                format!("`url` '{}' must start with https:// or http://", u.value),
            );
        }
        let text_rel = rel.replace(".toml", ".txt");
        let text = match self.files.get(&text_rel) {
            Some(t) if !t.trim().is_empty() => Some(t.to_string()),
            Some(_) => {
                r.report(r.line, format!("the source's text, {text_rel}, is empty"));
                None
            }
            None => {
                r.report(
                    r.line,
                    format!("the source's text is missing; put the full text of the document in {text_rel}"),
                );
                None
            }
        };
        if let (Some(title), Some(publisher), Some(date), Some(kind), Some(text)) =
            (title, publisher, date, kind, text)
        {
            self.broken.remove(&Ns::Source.key(&id));
            self.source_texts.insert(id.clone(), Normalized::new(&text));
            self.data.sources.push(Source {
                id,
                title: title.value,
                publisher: publisher.value,
                url: url.map(|u| u.value),
                date: date.value,
                kind: kind.value,
                classification: classification
                    .map(|c| c.value)
                    .unwrap_or_else(|| self.data.lowest_marking().name.clone()),
                notes: notes.map(|n| n.value),
                text,
            });
        }
    }

    /// Reads a record with `read`, which returns whether it added an item;
    /// a record marked `suggested = true` is kept out of the items and its
    /// problems apart, as pending.
    fn reviewed(&mut self, r: &Record, read: impl FnOnce(&mut Self) -> bool) {
        let suggested = review_fields(r);
        if r.has("page")
            && r.number("page")
                .is_some_and(|p| p.value < 1.0 || p.value.fract() != 0.0)
        {
            r.report(
                r.line,
                "`page` is the page of the source the quote is on: a whole number from 1".into(),
            );
        }
        let before = r.file().problem_count();
        let added = read(self);
        if suggested {
            if added {
                self.data.items.pop();
            }
            if let Some(id) = r.opt_string("id") {
                self.data.pending_ids.push(id.value);
            }
            self.data.pending += 1;
            self.pending_problems
                .extend(r.file().take_problems_from(before));
        }
    }

    /// Reads a corroboration kept in the corroborating source's own file:
    /// its passage becomes another citation of the item it names.
    fn corroboration(
        &mut self,
        r: &Record,
        source: Option<&Source>,
        seen: &mut Seen,
        verified: &Verified,
    ) -> bool {
        let id = r.string("id");
        let item = r.string("item");
        let quote = r.string_ref("quote");
        r.finish(TOP_ALSO_FIELDS);
        let Some(id) = valid_id(r, id) else {
            return false;
        };
        if !first_definition(seen, r, &id, "item") {
            return false;
        }
        let (Some(item), Some(quote), Some(src)) = (item, quote, source) else {
            return false;
        };
        if !self.check_quote(verified, r, &src.id, &quote) {
            return false;
        }
        let Some(target) = self.data.items.iter().position(|i| i.id == item.value) else {
            r.report(
                item.line,
                format!(
                    "unknown item '{}'; a corroboration names the id of an item of another source",
                    item.value
                ),
            );
            return false;
        };
        if self.data.items[target]
            .citations
            .iter()
            .any(|c| c.source == src.id)
        {
            r.report(item.line, format!("item '{}' already cites source '{}'; a corroboration is a second source reporting it", item.value, src.id));
            return false;
        }
        if r.opt_bool("suggested").is_some_and(|b| b.value) {
            return false;
        }
        let target = &mut self.data.items[target];
        target.citations.push(Citation {
            source: src.id.clone(),
            quote: quote.value.to_string(),
        });
        if src.date.first_day() < target.reported.first_day() {
            target.reported = src.date;
        }
        false
    }

    /// Reads one item; `source` is the file's own source, if it loaded.
    /// Returns whether it was added.
    fn item(
        &mut self,
        r: &Record,
        source: Option<&Source>,
        kind: Kind,
        seen: &mut Seen,
        verified: &Verified,
    ) -> bool {
        let id = r.string("id");
        let date = r.opt_date("date");
        let topics = r.string_list("topics");
        let quote = r.string_ref("quote");
        let mut ok = true;
        let mut figure_undated = false;

        let mut citations = Vec::new();
        if let (Some(q), Some(src)) = (&quote, source) {
            ok &= self.check_quote(verified, r, &src.id, q);
            citations.push(Citation {
                source: src.id.clone(),
                quote: q.value.to_string(),
            });
        }
        for a in r.tables("also", "this [[….also]] citation") {
            let src = a.string("source");
            let q = a.string_ref("quote");
            a.finish(ALSO_FIELDS);
            let (Some(src), Some(q)) = (src, q) else {
                ok = false;
                continue;
            };
            if !self.resolves(
                Ns::Source,
                &src,
                &a,
                "unknown source '{}'; a source's id is its file name in sources/, without .toml",
            ) {
                ok = false;
                continue;
            }
            if source.is_some_and(|s| s.id == src.value) {
                a.report(src.line, format!("`also` cites '{}', the item's own source; an `also` citation is a second source reporting the same item", src.value));
                ok = false;
                continue;
            }
            ok &= self.check_quote(verified, &a, &src.value, &q);
            citations.push(Citation {
                source: src.value,
                quote: q.value.to_string(),
            });
        }

        if let Some(topics) = &topics {
            for t in topics {
                ok &= self.resolves(
                    Ns::Topic,
                    t,
                    r,
                    "unknown topic '{}'; the topics are listed in topics.toml",
                );
            }
        }

        let unclear = self.unclear_fields(r, kind);
        if unclear.date
            && let Some(d) = &date
        {
            r.report(
                d.line,
                "this suggestion gives a `date` and lists it as unclear; keep one of the two"
                    .into(),
            );
            ok = false;
        }
        let detail = match kind {
            Kind::Statement if unclear.speaker => {
                // A suggestion whose speaker the text does not settle: its
                // speaker and side wait for a person to set them.
                if let Some(sp) = r.opt_string("speaker") {
                    r.report(
                        sp.line,
                        "this suggestion gives a `speaker` and lists it as unclear; keep one of the two".into(),
                    );
                    ok = false;
                }
                let _ = r.opt_string("side");
                let stance = r.opt_choice("stance", &Stance::ALL);
                if r.has("stance") && stance.is_none() {
                    ok = false;
                }
                r.finish(STATEMENT_FIELDS);
                None
            }
            Kind::Statement => {
                let speaker = r.string("speaker");
                let side = self.side(r);
                let stance = r.opt_choice("stance", &Stance::ALL);
                if r.has("stance") && stance.is_none() {
                    ok = false;
                }
                r.finish(STATEMENT_FIELDS);
                if let Some(s) = &speaker {
                    ok &= self.check_speaker(r, s);
                }
                match (speaker, side) {
                    (Some(speaker), Some(side)) => Some(Detail::Statement {
                        speaker: speaker.value,
                        side: side.value,
                        stance: stance.map(|s| s.value),
                    }),
                    _ => None,
                }
            }
            Kind::Figure => {
                let value = r.number("value");
                let unit = r.string("unit");
                let label = r.string("label");
                let qualifier = r.opt_string("qualifier");
                if let Some(undated) = r.opt_bool("undated") {
                    if undated.value && date.is_some() {
                        r.report(undated.line, "a figure with `undated = true` cannot also have a `date`; keep the date if the text gives one, else remove it".into());
                        ok = false;
                    }
                    figure_undated = undated.value;
                } else if r.has("undated") {
                    ok = false;
                }
                r.finish(FIGURE_FIELDS);
                match (value, unit, label) {
                    (Some(value), Some(unit), Some(label)) => Some(Detail::Figure {
                        value: value.value,
                        unit: unit.value,
                        label: label.value,
                        qualifier: qualifier.map(|q| q.value),
                    }),
                    _ => None,
                }
            }
            Kind::Event => {
                let label = r.string("label");
                let place = r.opt_string("place");
                let participants = r.opt_string_list("participants");
                let status = r.opt_choice("status", &EventStatus::ALL);
                if r.has("status") && status.is_none() {
                    ok = false;
                }
                r.finish(EVENT_FIELDS);
                if let Some(p) = &place {
                    ok &= self.resolves(
                        Ns::Place,
                        p,
                        r,
                        "unknown place '{}'; places are listed in places.toml",
                    );
                }
                for p in &participants {
                    ok &= self.check_speaker(r, p);
                }
                label.map(|label| Detail::Event {
                    label: label.value,
                    place: place.map(|p| p.value),
                    participants: participants.into_iter().map(|p| p.value).collect(),
                    status: status.map(|s| s.value).unwrap_or_default(),
                })
            }
        };

        let Some(id) = valid_id(r, id) else {
            return false;
        };
        if !first_definition(seen, r, &id, "item") {
            return false;
        }
        if let (Some(src), Some(topics), Some(detail), true) = (source, topics, detail, ok) {
            let topics: Vec<String> = topics.into_iter().map(|t| t.value).collect();
            // Statements and present-tense figures are dated by their source;
            // events and past-state figures without a date are undated.
            let dated_by_source = match kind {
                Kind::Statement => true,
                Kind::Figure => !figure_undated,
                Kind::Event => false,
            };
            let reported = citations
                .iter()
                .filter_map(|c| self.data.source(&c.source))
                .map(|s| s.date)
                .min_by_key(|d| (d.first_day(), d.last_day()))
                .unwrap_or(src.date);
            self.data.items.push(Item {
                id: id.value,
                date: date
                    .map(|d| d.value)
                    .or(dated_by_source.then_some(src.date)),
                reported,
                topics,
                citations,
                detail,
                // Set with the others when the items are in their order.
                topic_low: 0,
            });
            return true;
        }
        false
    }

    /// Reads `unclear`, the fields of a suggestion that the text does not
    /// settle (`speaker`, `date`). Only a suggestion may have them: an item
    /// is data, and data is never unclear.
    fn unclear_fields(&self, r: &Record, kind: Kind) -> Unclear {
        let mut out = Unclear::default();
        if !r.has("unclear") {
            return out;
        }
        let fields = r.opt_string_list("unclear");
        if !r.opt_bool("suggested").is_some_and(|b| b.value) {
            if let Some(first) = fields.first() {
                r.report(
                    first.line,
                    "`unclear` marks a suggestion's fields that the text does not settle; an item \
                     cannot be unclear: set those fields and remove `unclear`"
                        .into(),
                );
            }
            return out;
        }
        for f in &fields {
            match f.value.as_str() {
                "speaker" if kind == Kind::Statement => out.speaker = true,
                "date" => out.date = true,
                other => r.report(
                    f.line,
                    format!(
                        "`unclear` lists '{other}', which this record cannot leave open; it may list {}",
                        if kind == Kind::Statement {
                            "\"speaker\" and \"date\""
                        } else {
                            "\"date\""
                        }
                    ),
                ),
            }
        }
        out
    }

    fn check_speaker(&self, r: &Record, id: &At<String>) -> bool {
        self.resolves(
            Ns::Speaker,
            id,
            r,
            "unknown speaker '{}'; people and institutions are listed in people.toml",
        )
    }

    /// Whether `id` names a valid record of `ns`. An unknown id is reported
    /// with `message` (its `{}` replaced by the id); one whose record is
    /// itself broken is not, as that problem is reported where it lies.
    fn resolves(&self, ns: Ns, id: &At<String>, r: &Record, message: &str) -> bool {
        let found = match ns {
            Ns::Party => {
                Side::from_id(&id.value).is_some_and(|s| self.data.parties.party(s).is_some())
            }
            Ns::Topic => self.data.topic(&id.value).is_some(),
            Ns::Speaker => self.data.speaker(&id.value).is_some(),
            Ns::Place => self.data.place(&id.value).is_some(),
            Ns::Source => self.data.source(&id.value).is_some(),
        };
        if !found
            && !self.broken.contains(&ns.key(&id.value))
            && !self.broken.contains(&ns.key("*"))
        {
            r.report(id.line, message.replace("{}", &id.value));
        }
        found
    }

    /// The (source, quote) pairs found verbatim, checked on every core.
    fn verify_quotes<'p>(&self, pairs: &[(&'p str, &'p str)]) -> Verified<'p> {
        let found = parallel::map(pairs, |(source, quote)| {
            self.source_texts
                .get(*source)
                .is_some_and(|text| text.contains(quote))
        });
        pairs
            .iter()
            .zip(found)
            .filter_map(|(&(source, quote), found)| found.then_some((place(quote), source)))
            .collect()
    }

    /// Whether the quote is in the source's text; reports it when not.
    fn check_quote(&self, verified: &Verified, r: &Record, source: &str, quote: &At<&str>) -> bool {
        if verified.get(&place(quote.value)) == Some(&source) {
            return true;
        }
        let Some(text) = self.source_texts.get(source) else {
            // The source itself failed to load; that problem is already reported.
            return false;
        };
        if text.contains(quote.value) {
            return true;
        }
        let hint = match text.longest_prefix_found(quote.value) {
            Some(prefix) if prefix.chars().count() >= 12 => {
                format!("; the text matches as far as \"{}\"", tail(&prefix, 40))
            }
            _ => String::new(),
        };
        r.report(
            quote.line,
            format!("the quote is not found verbatim in source '{source}'{hint}"),
        );
        false
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
/// a suggestion.
fn review_fields(r: &Record) -> bool {
    if r.has("accepted") {
        r.opt_date("accepted");
    }
    r.opt_string("accepted_by");
    r.opt_bool("suggested").is_some_and(|b| b.value)
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

/// Ids are lower-case ASCII letters, digits and hyphens, so that they are
/// safe in file names, URLs and HTML anchors.
fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
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
