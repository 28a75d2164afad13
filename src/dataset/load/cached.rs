//! The loader's side of the dataset cache (`dataset::cache`): which source
//! files are taken as they were read last time, taking them (with the
//! checks across files run again), and keeping what was read for the next
//! load.

use std::collections::HashSet;

use super::*;
use crate::dataset::cache::{PEOPLE_FILE, SourceEntry, SourceOutcome, content_hash, context_hash};

/// The cache during one load.
pub(super) struct CacheState<'f> {
    slot: &'f CacheSlot,
    /// The hash of the files every source is read against.
    context: u128,
    /// Each file of `sources/` by path, with the hash of its content.
    hashes: HashMap<&'f str, u128>,
    /// The hash of `people.toml`.
    people: u128,
    /// The entries that hold for their files as they are, read on every
    /// core at the start, until the passes take them.
    hits: HashMap<&'f str, SourceEntry>,
    /// Files whose entry says they are read on every load, and are as they were.
    known_skipped: HashSet<&'f str>,
    /// The entries of the files read this time, encoded, by file: written
    /// after a clean load.
    fresh: Vec<(String, Vec<u8>)>,
    /// Every source record file of the folder.
    files: Vec<&'f str>,
}

/// The text file beside a source's record.
fn text_path(rel: &str) -> String {
    format!("{}.txt", rel.trim_end_matches(".toml"))
}

impl<'f> CacheState<'f> {
    /// Hashes every file and reads the entries of `slot` that still hold:
    /// for a source file as it is, against the same topics, places and
    /// parties, citing sources as they are.
    pub(super) fn start(slot: &'f CacheSlot, files: &'f DatasetFiles) -> CacheState<'f> {
        let sources: Vec<(&str, &str)> = files
            .files
            .iter()
            .filter(|(rel, _)| rel.starts_with("sources/"))
            .map(|(rel, text)| (rel.as_str(), text.as_str()))
            .collect();
        let hashes: HashMap<&str, u128> =
            parallel::map(&sources, |(rel, text)| (*rel, content_hash(text)))
                .into_iter()
                .collect();
        let mut state = CacheState {
            slot,
            context: context_hash(files.files.iter().map(|(p, t)| (p.as_str(), t.as_str()))),
            people: content_hash(files.get(PEOPLE_FILE).unwrap_or_default()),
            hashes,
            hits: HashMap::new(),
            known_skipped: HashSet::new(),
            fresh: Vec::new(),
            files: (sources.iter().map(|(rel, _)| *rel))
                .filter(|rel| rel.ends_with(".toml"))
                .collect(),
        };
        let found = parallel::map(&state.files, |rel| {
            slot.read(rel).filter(|entry| state.holds(entry))
        });
        for (rel, entry) in state.files.clone().into_iter().zip(found) {
            match entry {
                Some(entry) if entry.outcome.is_some() => {
                    state.hits.insert(rel, entry);
                }
                Some(_) => {
                    state.known_skipped.insert(rel);
                }
                None => {}
            }
        }
        state
    }

    fn same(&self, rel: &str, hash: u128) -> bool {
        self.hashes.get(rel) == Some(&hash)
    }

    /// Whether `entry` holds for its file as the folder has it now.
    fn holds(&self, entry: &SourceEntry) -> bool {
        entry.context == self.context
            && self.same(&entry.file, entry.record)
            && self.same(&text_path(&entry.file), entry.text)
            && entry.people.is_none_or(|h| h == self.people)
            && entry.cites.iter().all(|(id, record, text)| {
                self.same(&format!("sources/{id}.toml"), *record)
                    && self.same(&format!("sources/{id}.txt"), *text)
            })
    }

    /// Writes the entries of the files read this time, on every core, and
    /// removes those of files the folder no longer has.
    pub(super) fn finish(self) {
        if self.fresh.is_empty() {
            return;
        }
        parallel::map(&self.fresh, |(rel, bytes)| {
            self.slot.write_encoded(rel, bytes)
        });
        self.slot.forget_others(self.files.iter().copied());
    }
}

/// Where the loader's lists stood before a source file was read.
pub(super) struct Mark {
    items: usize,
    pending: usize,
    pending_ids: usize,
    pending_problems: usize,
}

impl<'f> Loader<'f> {
    /// The first pass for a file the cache holds: its source record as
    /// read last time, with its text. Whether the cache held it.
    pub(super) fn cached_source_record(&mut self, rel: &'f str) -> bool {
        let Some(source) = (self.cache.as_ref())
            .and_then(|c| c.hits.get(rel))
            .and_then(|entry| entry.outcome.as_ref())
            .map(|outcome| outcome.source.clone())
        else {
            return false;
        };
        let text = self.text(&text_path(rel)).unwrap_or_default();
        self.data.sources.push(Source {
            text: text.to_string(),
            ..source
        });
        true
    }

    /// Says (with `DOSSIER_LOAD_TIMINGS`) how many source files the first
    /// pass took from the cache and how many it read.
    pub(super) fn note_cache_use(&mut self, read: &[&str]) {
        if let Some(cache) = &self.cache {
            self.watch.note(&format!(
                "cache: {} source files taken, {} read",
                cache.hits.len(),
                read.len()
            ));
        }
    }

    /// Whether the second pass takes `rel` from the cache.
    pub(super) fn is_cached(&self, rel: &str) -> bool {
        self.cache
            .as_ref()
            .is_some_and(|c| c.hits.contains_key(rel))
    }

    /// The second pass for a file the cache holds: its items, suggestions
    /// and their problems. Its ids are checked against every other file's
    /// first; if one is taken, nothing is added and the file must be read
    /// (so that the duplicate is reported where it is).
    pub(super) fn cached_items(&mut self, rel: &str, seen: &mut Seen) -> bool {
        let Some(entry) = self.cache.as_mut().and_then(|c| c.hits.remove(rel)) else {
            return false;
        };
        let Some(outcome) = entry.outcome else {
            return false;
        };
        // A duplicate id, or a person it names who is gone: read it.
        if outcome.defined.iter().any(|(id, _)| seen.contains_key(id))
            || (entry.speakers.iter()).any(|id| self.data.speaker(id).is_none())
        {
            return false;
        }
        let path: Arc<str> = Arc::from(self.files.display_path(rel));
        for (id, line) in outcome.defined {
            seen.insert(id, (path.clone(), line));
        }
        self.data.pending += outcome.pending;
        self.data.pending_ids.extend(outcome.pending_ids);
        (self.data.items).extend(outcome.items.into_iter().map(Item::from));
        true
    }

    /// Where the lists stand, before a source file's items are read.
    pub(super) fn mark(&mut self) -> Mark {
        self.defined.clear();
        self.cited.clear();
        self.spoken.clear();
        Mark {
            items: self.data.items.len(),
            pending: self.data.pending,
            pending_ids: self.data.pending_ids.len(),
            pending_problems: self.pending_problems.len(),
        }
    }

    /// Keeps what the source file `rel` (source `id`) added since `mark`
    /// for the cache. A file with corroborations changes other files'
    /// items, so it is read every time: its entry says only that.
    pub(super) fn keep(&mut self, rel: &str, id: &str, mark: Mark, corroborates: bool) {
        let Some(cache) = self.cache.as_ref() else {
            return;
        };
        if cache.known_skipped.contains(rel) {
            return;
        }
        let hash = |path: &str| cache.hashes.get(path).copied().unwrap_or(0);
        let source = self.data.source(id);
        let mut cites: Vec<&String> = self.cited.iter().filter(|c| *c != id).collect();
        cites.sort();
        cites.dedup();
        let mut speakers = std::mem::take(&mut self.spoken);
        speakers.sort();
        speakers.dedup();
        // Suggestions with problems are read every time: their problems may
        // name other files (a duplicate's first definition) and the folder
        // as the user named it this time.
        if self.pending_problems.len() > mark.pending_problems {
            return;
        }
        // A person named who is not there (a suggested person with
        // problems of their own): the reading rests on all of people.toml.
        let unresolved = speakers.iter().any(|id| self.data.speaker(id).is_none());
        let outcome = source
            .filter(|_| !corroborates)
            .map(|source| SourceOutcome {
                source: Source {
                    text: String::new(),
                    ..source.clone()
                },
                items: self.data.items[mark.items..]
                    .iter()
                    .map(Into::into)
                    .collect(),
                defined: std::mem::take(&mut self.defined),
                pending: self.data.pending - mark.pending,
                pending_ids: self.data.pending_ids[mark.pending_ids..].to_vec(),
            });
        let entry = SourceEntry {
            folder: String::new(),
            file: rel.to_string(),
            context: cache.context,
            record: hash(rel),
            text: hash(&text_path(rel)),
            cites: cites
                .into_iter()
                .map(|c| {
                    let rel = format!("sources/{c}.toml");
                    (c.clone(), hash(&rel), hash(&text_path(&rel)))
                })
                .collect(),
            speakers,
            people: unresolved.then_some(cache.people),
            outcome,
        };
        if let Some(cache) = self.cache.as_mut()
            && let Some(bytes) = cache.slot.encode(entry)
        {
            cache.fresh.push((rel.to_string(), bytes));
        }
    }
}
