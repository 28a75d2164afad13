//! Reading `sources/`: each source's record and text, the items it holds
//! and the citations that corroborate earlier items.

use std::collections::{HashMap, HashSet};

use super::*;

impl Loader<'_> {
    /// Reads every `sources/*.toml` in three passes: the `[source]` records
    /// and their texts first, so that items can then cite any source; then
    /// the items; then the corroborations, which name items of other files.
    /// Files are parsed a batch at a time, and parsed again for the items,
    /// so that a large dataset never holds every parsed table at once.
    pub(super) fn sources(&mut self) {
        let files = self.files;
        let source_files: Vec<(&str, &str)> = files
            .files
            .iter()
            .filter(|(p, _)| p.starts_with("sources/") && p.ends_with(".toml"))
            .map(|(p, t)| (p.as_str(), t.as_str()))
            .collect();
        self.orphan_source_texts();

        // Files the cache holds as they are need no parsing.
        let mut to_read = Vec::new();
        let mut cached = HashSet::new();
        for &(rel, text) in &source_files {
            if self.cached_source_record(rel) {
                cached.insert(rel);
            } else {
                to_read.push((rel, text));
            }
        }
        self.note_cache_use(&to_read.iter().map(|(rel, _)| *rel).collect::<Vec<_>>());
        let mut parsed_ok = HashSet::new();
        for batch in to_read.chunks(PARSE_BATCH) {
            for (&(rel, _), (_, file, table)) in batch.iter().zip(parse_records(files, batch)) {
                self.broken.insert(Ns::Source.key(&source_id(&file)));
                if let Some(table) = &table {
                    self.source_record(&file.root(table), &source_id(&file));
                    parsed_ok.insert(rel);
                }
                self.problems.extend(file.into_problems());
            }
        }
        let readable: Vec<(&str, &str)> = source_files
            .iter()
            .filter(|(rel, _)| cached.contains(rel) || parsed_ok.contains(rel))
            .copied()
            .collect();

        self.watch.lap("sources' records");
        // Items look up topics, speakers, places and sources by id from here on.
        self.data.build_index();
        let mut item_seen = Seen::new();
        let mut with_also = Vec::new();
        let mut also_verified: HashMap<(usize, usize), String> = HashMap::new();
        for batch in readable.chunks(PARSE_BATCH) {
            let to_parse: Vec<(&str, &str)> = (batch.iter())
                .filter(|(rel, _)| !self.is_cached(rel))
                .copied()
                .collect();
            let parsed = parse_all(files, &to_parse);
            let ids: Vec<String> = parsed.iter().map(|(_, file, _)| source_id(file)).collect();
            let verified = self.verify_quotes(&quotes_to_check(&ids, &parsed));
            let mut next = parsed.iter();
            for &(rel, text) in batch {
                if self.is_cached(rel) {
                    if !self.cached_items(rel, &mut item_seen) {
                        self.read_items_alone(rel, text, &mut item_seen);
                    }
                } else if let Some((_, file, Some(table))) = next.next() {
                    let mark = self.mark();
                    let id = source_id(file);
                    self.items_of(&file.root(table), &id, &mut item_seen, &verified);
                    let corroborates = table.get_ref().contains_key("also");
                    self.keep(rel, &id, mark, corroborates);
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
        self.watch.lap("items: parse, quote checks, cross-checks");
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
        self.watch.lap("corroborations");
    }

    /// The second pass for a file the cache held but whose ids another
    /// file took meanwhile: read from its text, so that each duplicate is
    /// reported where it is.
    fn read_items_alone(&mut self, rel: &str, text: &str, seen: &mut Seen) {
        let files = self.files;
        let parsed = parse_all(files, &[(rel, text)]);
        let ids: Vec<String> = parsed.iter().map(|(_, file, _)| source_id(file)).collect();
        let verified = self.verify_quotes(&quotes_to_check(&ids, &parsed));
        for (_, file, table) in &parsed {
            if let Some(table) = table {
                let mark = self.mark();
                self.items_of(&file.root(table), &ids[0], seen, &verified);
                self.keep(rel, &ids[0], mark, false);
            }
        }
        drop(verified);
        for (_, file, _) in parsed {
            self.problems.extend(file.into_problems());
        }
    }

    /// Reports every source text that has no record beside it.
    pub(super) fn orphan_source_texts(&mut self) {
        let files = self.files;
        for (rel, _) in files
            .files
            .iter()
            .filter(|(p, _)| p.starts_with("sources/") && p.ends_with(".txt"))
        {
            let toml = rel.replace(".txt", ".toml");
            if !self.texts.contains_key(toml.as_str()) {
                self.problems.push(Problem {
                    file: files.display_path(rel),
                    line: None,
                    message: format!("is a source text with no record; add {toml} describing it, or remove the file"),
                });
            }
        }
    }

    /// Reads the statements, figures and events of one source file.
    pub(super) fn items_of(
        &mut self,
        root: &Record,
        id: &str,
        item_seen: &mut Seen,
        verified: &Verified,
    ) {
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
    pub(super) fn source_record(&mut self, root: &Record, id: &str) {
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
                    if self.text(MARKINGS_FILE).is_some() {
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
        let text = match self.text(&text_rel) {
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
    pub(super) fn reviewed(&mut self, r: &Record, read: impl FnOnce(&mut Self) -> bool) {
        let (suggested, accepted) = review_fields(r);
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
        if added
            && !suggested
            && let Some(item) = self.data.items.last_mut()
        {
            item.accepted = accepted;
        }
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
    pub(super) fn corroboration(
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
        if self.item_at.len() != self.data.items.len() {
            self.item_at = (self.data.items.iter().enumerate())
                .map(|(i, it)| (it.id.clone(), i))
                .collect();
        }
        let Some(&target) = self.item_at.get(item.value.as_str()) else {
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
}
