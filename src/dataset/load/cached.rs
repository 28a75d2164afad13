//! The loader's side of the dataset cache (`dataset::cache`): which source
//! files are taken as they were read last time, taking them (with the
//! checks across files run again), and keeping what was read for the next
//! load.

use std::collections::BTreeMap;

use super::*;
use crate::dataset::cache::{SourceEntry, SourceOutcome, content_hash, context_hash};

/// The cache during one load.
pub(super) struct CacheState<'f> {
    slot: &'f CacheSlot,
    /// The hash of the files every source is read against.
    context: u64,
    /// Each file of `sources/` by path, with the hash of its content.
    hashes: HashMap<&'f str, u64>,
    /// The entries of the cache read, not yet taken.
    old: BTreeMap<String, SourceEntry>,
    /// The files the cache read says are read on every load.
    old_skipped: BTreeMap<String, u64>,
    /// Entries taken in the first pass, for the second.
    hits: HashMap<&'f str, SourceEntry>,
    /// Whether the cache is written after the load: something changed.
    write: bool,
    /// What is written: every source file's entry…
    fresh: BTreeMap<String, SourceEntry>,
    /// …and the files read on every load.
    skipped: BTreeMap<String, u64>,
}

/// The text file beside a source's record.
fn text_path(rel: &str) -> String {
    format!("{}.txt", rel.trim_end_matches(".toml"))
}

impl<'f> CacheState<'f> {
    /// Hashes every file and reads the cache of `slot`; a cache read
    /// against other topics, people, places or parties is set aside whole.
    pub(super) fn start(slot: &'f CacheSlot, files: &'f DatasetFiles) -> CacheState<'f> {
        let sources: Vec<(&str, &str)> = files
            .files
            .iter()
            .filter(|(rel, _)| rel.starts_with("sources/"))
            .map(|(rel, text)| (rel.as_str(), text.as_str()))
            .collect();
        let hashes = parallel::map(&sources, |(rel, text)| (*rel, content_hash(text)))
            .into_iter()
            .collect();
        let context = context_hash(files.files.iter().map(|(p, t)| (p.as_str(), t.as_str())));
        let (old, old_skipped) = match slot.read() {
            Some(snapshot) if snapshot.context == context => (snapshot.sources, snapshot.skipped),
            _ => Default::default(),
        };
        CacheState {
            slot,
            context,
            hashes,
            old,
            old_skipped,
            hits: HashMap::new(),
            write: false,
            fresh: BTreeMap::new(),
            skipped: BTreeMap::new(),
        }
    }

    fn same(&self, rel: &str, hash: u64) -> bool {
        self.hashes.get(rel) == Some(&hash)
    }

    /// Takes the entry of the source file `rel` if its two files, and
    /// those of every source it cites, are as they were when it was read.
    fn take(&mut self, rel: &'f str) -> Option<&SourceEntry> {
        let entry = self.old.remove(rel)?;
        let valid = self.same(rel, entry.record)
            && self.same(&text_path(rel), entry.text)
            && entry.cites.iter().all(|(id, record, text)| {
                self.same(&format!("sources/{id}.toml"), *record)
                    && self.same(&format!("sources/{id}.txt"), *text)
            });
        if !valid {
            return None;
        }
        self.hits.insert(rel, entry);
        self.hits.get(rel)
    }

    /// Settles, once the first pass has taken what it could, whether the
    /// cache is written again: a file was read that it could have held,
    /// or it holds files that are gone.
    fn settle(&mut self, read: &[&str]) {
        self.write = !self.old.is_empty()
            || read.iter().any(|rel| {
                self.old_skipped.get(*rel).is_none_or(|h| !self.same(rel, *h))
            });
    }

    /// Writes the cache, if the load changed it.
    pub(super) fn finish(self) {
        if self.write {
            self.slot.write(self.context, self.fresh, self.skipped);
        }
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
        let Some(source) = (self.cache.as_mut())
            .and_then(|c| c.take(rel))
            .map(|entry| entry.outcome.source.clone())
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

    /// Notes the files the first pass read rather than took.
    pub(super) fn settle_cache(&mut self, read: &[&str]) {
        if let Some(cache) = &mut self.cache {
            cache.settle(read);
            self.watch.note(&format!(
                "cache: {} source files taken, {} read",
                cache.hits.len(),
                read.len()
            ));
        }
    }

    /// Whether the second pass takes `rel` from the cache.
    pub(super) fn is_cached(&self, rel: &str) -> bool {
        self.cache.as_ref().is_some_and(|c| c.hits.contains_key(rel))
    }

    /// The second pass for a file the cache holds: its items, suggestions
    /// and their problems. Its ids are checked against every other file's
    /// first; if one is taken, nothing is added and the file must be read
    /// (so that the duplicate is reported where it is).
    pub(super) fn cached_items(&mut self, rel: &str, seen: &mut Seen) -> bool {
        let Some(cache) = self.cache.as_mut() else {
            return false;
        };
        let Some(entry) = cache.hits.remove(rel) else {
            return false;
        };
        let outcome = &entry.outcome;
        if outcome.defined.iter().any(|(id, _)| seen.contains_key(id)) {
            return false;
        }
        let path: Arc<str> = Arc::from(self.files.display_path(rel));
        for (id, line) in &outcome.defined {
            seen.insert(id.clone(), (path.clone(), *line));
        }
        self.data.pending += outcome.pending;
        self.data.pending_ids.extend(outcome.pending_ids.iter().cloned());
        // Kept with paths inside the folder: the folder may be named
        // otherwise this time.
        let files = self.files;
        self.pending_problems
            .extend(outcome.pending_problems.iter().map(|p| Problem {
                file: files.display_path(&p.file),
                ..p.clone()
            }));
        if cache.write {
            (self.data.items).extend(outcome.items.iter().cloned().map(Item::from));
            cache.fresh.insert(rel.to_string(), entry);
        } else {
            (self.data.items).extend(entry.outcome.items.into_iter().map(Item::from));
        }
        true
    }

    /// Where the lists stand, before a source file's items are read.
    pub(super) fn mark(&mut self) -> Mark {
        self.defined.clear();
        self.cited.clear();
        Mark {
            items: self.data.items.len(),
            pending: self.data.pending,
            pending_ids: self.data.pending_ids.len(),
            pending_problems: self.pending_problems.len(),
        }
    }

    /// Keeps what the source file `rel` (source `id`) added since `mark`
    /// for the cache, when the cache is to be written. A file with
    /// corroborations changes other files' items, so it is read every time.
    pub(super) fn keep(&mut self, rel: &str, id: &str, mark: Mark, corroborates: bool) {
        let Some(cache) = self.cache.as_ref().filter(|c| c.write) else {
            return;
        };
        let hash = |path: &str| cache.hashes.get(path).copied().unwrap_or(0);
        if corroborates {
            let record = hash(rel);
            if let Some(cache) = self.cache.as_mut() {
                cache.skipped.insert(rel.to_string(), record);
            }
            return;
        }
        let Some(source) = self.data.source(id) else {
            return;
        };
        let root = self.files.display_path("");
        let mut cites: Vec<&String> = self.cited.iter().filter(|c| *c != id).collect();
        cites.sort();
        cites.dedup();
        let entry = SourceEntry {
            record: hash(rel),
            text: hash(&text_path(rel)),
            cites: cites
                .into_iter()
                .map(|c| {
                    let rel = format!("sources/{c}.toml");
                    (c.clone(), hash(&rel), hash(&text_path(&rel)))
                })
                .collect(),
            outcome: SourceOutcome {
                source: Source {
                    text: String::new(),
                    ..source.clone()
                },
                items: self.data.items[mark.items..].iter().map(Into::into).collect(),
                defined: std::mem::take(&mut self.defined),
                pending: self.data.pending - mark.pending,
                pending_ids: self.data.pending_ids[mark.pending_ids..].to_vec(),
                pending_problems: self.pending_problems[mark.pending_problems..]
                    .iter()
                    .map(|p| Problem {
                        file: p.file.strip_prefix(&root).unwrap_or(&p.file).to_string(),
                        ..p.clone()
                    })
                    .collect(),
            },
        };
        if let Some(cache) = self.cache.as_mut() {
            cache.fresh.insert(rel.to_string(), entry);
        }
    }
}
