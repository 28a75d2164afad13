//! The dataset cache: what reading each source file of a dataset folder
//! gave, kept between runs in the user's cache folder
//! (`$XDG_CACHE_HOME/dossier/datasets/FOLDER/`, else under `~/.cache`),
//! one entry file per source file, so that a file whose content did not
//! change is not parsed and checked again, and a change rewrites only the
//! entries of the files it touched.
//!
//! The cache is a speed-up, never a source of truth:
//! - every entry is keyed by the content of the files it was read from
//!   (a 64-bit XXH3 of each file, computed on every load, whatever the
//!   files' times say), by the files every source is read against
//!   (topics, people, places, `dataset.toml`, `markings.toml`) and by the
//!   sources its items cite;
//! - each entry carries a format version and the hash of the code that
//!   reads datasets (`DOSSIER_RULES_HASH`, from `build.rs`), a checksum of
//!   its body, the folder and the file it is of: an entry of another build,
//!   a truncated or corrupt one, or one of another folder or file is
//!   ignored, and that file is read;
//! - it is written only after a load found no problem, and never read for
//!   the built-in dataset.
//!
//! Validation across files (duplicate ids, corroborations, citations of
//! other sources) runs on every load, cached entries included: see
//! `load::sources`.
//!
//! `DOSSIER_CACHE=off` turns it off (for measuring a cold load).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::model::{Citation, Detail, Item, Source};
use crate::date::Date;

/// The layout of the file; a cache of another layout is ignored.
const FORMAT_VERSION: u32 = 3;
/// What a cache file starts with.
const MAGIC: &[u8; 8] = b"DOSCACHE";
/// The largest cache file read: a larger one is not Dossier's.
const MAX_CACHE_BYTES: u64 = 4 << 30;
/// The code that reads datasets, as `build.rs` hashed it.
const RULES: &str = env!("DOSSIER_RULES_HASH");

/// The 128-bit content hash the cache keys files by (XXH3: fast enough to
/// hash every file on every load; 128 bits so that making two versions of
/// a file with one hash is out of reach).
pub(crate) fn content_hash(text: &str) -> u128 {
    xxhash_rust::xxh3::xxh3_128(text.as_bytes())
}

/// Where the cache of one dataset folder lives.
#[derive(Debug, Clone)]
pub struct CacheSlot {
    /// The folder of its entries.
    pub dir: PathBuf,
    /// The dataset folder, made absolute: an entry names the folder it is of.
    folder: String,
}

impl CacheSlot {
    /// The cache of the dataset folder `dir`, or `None` when caching is off
    /// (`DOSSIER_CACHE=off`) or the user has no cache folder.
    pub fn for_folder(dir: &Path) -> Option<CacheSlot> {
        if std::env::var_os("DOSSIER_CACHE").is_some_and(|v| v == "off") {
            return None;
        }
        let folder = std::fs::canonicalize(dir).ok()?.display().to_string();
        let name = format!("{:032x}", content_hash(&folder));
        Some(CacheSlot {
            dir: cache_home()?.join("dossier").join("datasets").join(name),
            folder,
        })
    }

    /// The entry file of the source file `rel`.
    fn entry_path(&self, rel: &str) -> PathBuf {
        self.dir.join(format!("{:032x}.bin", content_hash(rel)))
    }

    /// The entry kept for the source file `rel`, if this build wrote one
    /// for it, in this folder, whole.
    pub(crate) fn read(&self, rel: &str) -> Option<SourceEntry> {
        let path = self.entry_path(rel);
        let meta = std::fs::metadata(&path).ok()?;
        if !meta.is_file() || meta.len() > MAX_CACHE_BYTES {
            return None;
        }
        let bytes = std::fs::read(&path).ok()?;
        let body = checked_body(&bytes)?;
        let entry: SourceEntry = bincode::deserialize(body).ok()?;
        (entry.folder == self.folder && entry.file == rel).then_some(entry)
    }

    /// Keeps `entry` for its source file. An entry that cannot be written
    /// is no loss: the next load reads the file.
    #[cfg(test)]
    pub(crate) fn write(&self, entry: SourceEntry) {
        let file = entry.file.clone();
        if let Some(bytes) = self.encode(entry) {
            self.write_encoded(&file, &bytes);
        }
    }

    /// `entry` as its entry file holds it: a large load keeps these
    /// (a third of the items' size in memory) until it knows it is clean.
    pub(crate) fn encode(&self, mut entry: SourceEntry) -> Option<Vec<u8>> {
        entry.folder = self.folder.clone();
        let body = bincode::serialize(&entry).ok()?;
        let mut bytes = Vec::with_capacity(body.len() + 64);
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        bytes.extend_from_slice(&(RULES.len() as u32).to_le_bytes());
        bytes.extend_from_slice(RULES.as_bytes());
        bytes.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&body).to_le_bytes());
        bytes.extend_from_slice(&(body.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&body);
        Some(bytes)
    }

    /// Writes the entry file of the source file `rel`, as [`encode`](Self::encode) made it.
    pub(crate) fn write_encoded(&self, rel: &str, bytes: &[u8]) {
        if std::fs::create_dir_all(&self.dir).is_ok() {
            let _ = crate::atomic::replace_unsynced(&self.entry_path(rel), bytes);
        }
    }

    /// Removes the entries of source files the folder no longer has
    /// (`files`: every source record file it has).
    pub(crate) fn forget_others<'a>(&self, files: impl Iterator<Item = &'a str>) {
        let keep: std::collections::HashSet<PathBuf> =
            files.map(|rel| self.entry_path(rel)).collect();
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "bin") && !keep.contains(&path) {
                let _ = std::fs::remove_file(path);
            }
        }
    }
}

/// The user's cache folder: `$XDG_CACHE_HOME` when it is an absolute path,
/// else `~/.cache` (the XDG rule, as the `dirs` crate applies it).
fn cache_home() -> Option<PathBuf> {
    dirs::cache_dir()
}

/// The body of a cache file, if its header is this build's and its
/// checksum holds.
fn checked_body(bytes: &[u8]) -> Option<&[u8]> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let (version, rest) = rest.split_first_chunk::<4>()?;
    if u32::from_le_bytes(*version) != FORMAT_VERSION {
        return None;
    }
    let (rules_len, rest) = rest.split_first_chunk::<4>()?;
    let rules_len = u32::from_le_bytes(*rules_len) as usize;
    if rest.get(..rules_len)? != RULES.as_bytes() {
        return None;
    }
    let rest = &rest[rules_len..];
    let (checksum, rest) = rest.split_first_chunk::<8>()?;
    let (len, body) = rest.split_first_chunk::<8>()?;
    let whole = u64::from_le_bytes(*len) == body.len() as u64
        && xxhash_rust::xxh3::xxh3_64(body) == u64::from_le_bytes(*checksum);
    whole.then_some(body)
}

/// What reading one source file gave, with the content it was read from.
#[derive(Serialize, Deserialize, Clone)]
pub(crate) struct SourceEntry {
    /// The dataset folder, absolute (set when written).
    pub folder: String,
    /// The source file (`sources/x.toml`).
    pub file: String,
    /// The hash of the files every source is read against ([`context_hash`]).
    pub context: u128,
    /// The hash of `sources/x.toml`.
    pub record: u128,
    /// The hash of `sources/x.txt`.
    pub text: u128,
    /// The other sources its records cite (`also`), with the hashes of
    /// their two files: their dates and texts went into the reading.
    pub cites: Vec<(String, u128, u128)>,
    /// The people and institutions its records name: they must all still
    /// be in `people.toml` (which ingest adds to) for it to be taken.
    pub speakers: Vec<String>,
    /// The hash of `people.toml` when a person it names was not there (a
    /// suggested person with problems of their own, whose records are
    /// left out quietly): then that file must be the same.
    pub people: Option<u128>,
    /// What it gave; `None` for a file read on every load: one with
    /// corroborations (`[[also]]`), which change other files' items.
    pub outcome: Option<SourceOutcome>,
}

/// What one source file adds to a dataset.
#[derive(Serialize, Deserialize, Clone)]
pub(crate) struct SourceOutcome {
    /// Its `[source]` record (its text is the file's, not kept here).
    pub source: Source,
    /// Its items, before any other file's corroborations.
    pub items: Vec<StoredItem>,
    /// Every item id it defines, suggestions included, with its line, in
    /// the file's order: checked against the other files' on every load.
    pub defined: Vec<(String, usize)>,
    /// How many of its records are suggestions.
    pub pending: usize,
    /// The ids of its suggestions.
    pub pending_ids: Vec<String>,
}

/// An [`Item`] as the cache keeps it (the item's own `Serialize` is the
/// JSON shape of `dossier items --json`).
#[derive(Serialize, Deserialize, Clone)]
pub(crate) struct StoredItem {
    id: String,
    date: Option<Date>,
    reported: Date,
    topics: Vec<String>,
    citations: Vec<Citation>,
    detail: Detail,
    accepted: Option<Date>,
    /// Its topic bits, set against the same topics (the cache's context).
    topic_low: u64,
}

impl From<&Item> for StoredItem {
    fn from(item: &Item) -> StoredItem {
        let item = item.clone();
        StoredItem {
            id: item.id,
            date: item.date,
            reported: item.reported,
            topics: item.topics,
            citations: item.citations,
            detail: item.detail,
            accepted: item.accepted,
            topic_low: item.topic_low,
        }
    }
}

impl From<StoredItem> for Item {
    fn from(item: StoredItem) -> Item {
        Item {
            id: item.id,
            date: item.date,
            reported: item.reported,
            topics: item.topics,
            citations: item.citations,
            detail: item.detail,
            accepted: item.accepted,
            topic_low: item.topic_low,
        }
    }
}

/// The file of people and institutions, which a source file's entry
/// depends on only through the ids it names (see [`SourceEntry::speakers`]).
pub(crate) const PEOPLE_FILE: &str = "people.toml";

/// The hash of the files every source is read against: every file of the
/// dataset outside `sources/` but the ledger (which a dataset's items do
/// not depend on) and the people (see [`SourceEntry::speakers`]), by path.
pub(crate) fn context_hash<'a>(files: impl Iterator<Item = (&'a str, &'a str)>) -> u128 {
    let mut parts: Vec<(&str, u128)> = files
        .filter(|(rel, _)| {
            !rel.starts_with("sources/") && *rel != super::LEDGER_FILE && *rel != PEOPLE_FILE
        })
        .map(|(rel, text)| (rel, content_hash(text)))
        .collect();
    parts.sort();
    let mut key = String::new();
    for (rel, hash) in parts {
        key.push_str(&format!("{rel}\0{hash:032x}\n"));
    }
    content_hash(&key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_taken_only_whole_of_this_build_folder_and_file() {
        let dir = tempfile::tempdir().unwrap();
        let slot = CacheSlot {
            dir: dir.path().join("d"),
            folder: "/data".into(),
        };
        let entry = SourceEntry {
            folder: String::new(),
            file: "sources/a.toml".into(),
            context: 7,
            record: 1,
            text: 2,
            cites: Vec::new(),
            speakers: Vec::new(),
            people: None,
            outcome: None,
        };
        slot.write(entry);
        assert_eq!(slot.read("sources/a.toml").map(|e| e.context), Some(7));
        let path = slot.entry_path("sources/a.toml");
        let bytes = std::fs::read(&path).unwrap();
        for cut in [0, 8, 12, bytes.len() - 1] {
            std::fs::write(&path, &bytes[..cut]).unwrap();
            assert!(slot.read("sources/a.toml").is_none(), "cut at {cut}");
        }
        let mut flipped = bytes.clone();
        *flipped.last_mut().unwrap() ^= 1;
        std::fs::write(&path, &flipped).unwrap();
        assert!(slot.read("sources/a.toml").is_none(), "a flipped bit");
        let mut other_version = bytes.clone();
        other_version[8] ^= 1;
        std::fs::write(&path, &other_version).unwrap();
        assert!(
            slot.read("sources/a.toml").is_none(),
            "another format version"
        );
        std::fs::write(&path, &bytes).unwrap();
        let other = CacheSlot {
            dir: slot.dir.clone(),
            folder: "/elsewhere".into(),
        };
        assert!(
            other.read("sources/a.toml").is_none(),
            "another folder's entry"
        );
        std::fs::copy(&path, slot.entry_path("sources/b.toml")).unwrap();
        assert!(
            slot.read("sources/b.toml").is_none(),
            "another file's entry"
        );
        slot.forget_others(["sources/b.toml"].into_iter());
        assert!(!path.exists() && slot.entry_path("sources/b.toml").exists());
    }
}
