//! The dataset cache: what reading each source file of a dataset folder
//! gave, kept between runs in the user's cache folder
//! (`$XDG_CACHE_HOME/dossier/datasets/`, else `~/.cache/dossier/datasets/`)
//! so that a file whose content did not change is not parsed and checked
//! again.
//!
//! The cache is a speed-up, never a source of truth:
//! - every entry is keyed by the content of the files it was read from
//!   (a 64-bit XXH3 of each file, computed on every load, whatever the
//!   files' times say), by the files every source is read against
//!   (topics, people, places, `dataset.toml`, `markings.toml`) and by the
//!   sources its items cite;
//! - the file carries a format version and the hash of the code that reads
//!   datasets (`DOSSIER_RULES_HASH`, from `build.rs`), and a checksum of its
//!   body: a cache of another build, a truncated or corrupt one, or one of
//!   another folder is ignored, and the dataset is read from its files;
//! - it is written only after a load found no problem, and never read for
//!   the built-in dataset.
//!
//! Validation across files (duplicate ids, corroborations, citations of
//! other sources) runs on every load, cached entries included: see
//! `load::sources`.
//!
//! `DOSSIER_CACHE=off` turns it off (for measuring a cold load).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::model::{Citation, Detail, Item, Source};
use crate::date::Date;
use super::problem::Problem;

/// The layout of the file; a cache of another layout is ignored.
const FORMAT_VERSION: u32 = 1;
/// What a cache file starts with.
const MAGIC: &[u8; 8] = b"DOSCACHE";
/// The largest cache file read: a larger one is not Dossier's.
const MAX_CACHE_BYTES: u64 = 4 << 30;
/// The code that reads datasets, as `build.rs` hashed it.
const RULES: &str = env!("DOSSIER_RULES_HASH");

/// The 64-bit content hash the cache keys files by.
pub(crate) fn content_hash(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

/// Where the cache of one dataset folder lives.
#[derive(Debug, Clone)]
pub struct CacheSlot {
    /// The cache file.
    pub path: PathBuf,
    /// The dataset folder, made absolute: a cache names the folder it is of.
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
        let name = format!("{:016x}.bin", content_hash(&folder));
        Some(CacheSlot {
            path: cache_home()?.join("dossier").join("datasets").join(name),
            folder,
        })
    }

    /// The snapshot kept for this folder, if there is one that this
    /// build wrote for it, whole.
    pub(crate) fn read(&self) -> Option<Snapshot> {
        let meta = std::fs::metadata(&self.path).ok()?;
        if !meta.is_file() || meta.len() > MAX_CACHE_BYTES {
            return None;
        }
        let bytes = std::fs::read(&self.path).ok()?;
        let body = checked_body(&bytes)?;
        let snapshot: Snapshot = bincode::deserialize(body).ok()?;
        (snapshot.folder == self.folder).then_some(snapshot)
    }

    /// Keeps `sources` for this folder, read against `context`, and the
    /// files read on every load (`skipped`). A cache that cannot be written
    /// is no loss: the next load reads the files.
    pub(crate) fn write(
        &self,
        context: u64,
        sources: BTreeMap<String, SourceEntry>,
        skipped: BTreeMap<String, u64>,
    ) {
        let snapshot = Snapshot {
            folder: self.folder.clone(),
            context,
            sources,
            skipped,
        };
        let Ok(body) = bincode::serialize(&snapshot) else {
            return;
        };
        let mut bytes = Vec::with_capacity(body.len() + 64);
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        bytes.extend_from_slice(&(RULES.len() as u32).to_le_bytes());
        bytes.extend_from_slice(RULES.as_bytes());
        bytes.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&body).to_le_bytes());
        bytes.extend_from_slice(&(body.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&body);
        if let Some(dir) = self.path.parent()
            && std::fs::create_dir_all(dir).is_ok()
        {
            let _ = crate::atomic::replace_unsynced(&self.path, &bytes);
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

/// What the cache keeps of a dataset folder.
#[derive(Serialize, Deserialize)]
pub(crate) struct Snapshot {
    /// The folder, absolute.
    folder: String,
    /// The hash of the files every source is read against ([`context_hash`]).
    pub context: u64,
    /// What each source file gave, by its path (`sources/x.toml`).
    pub sources: BTreeMap<String, SourceEntry>,
    /// The source files read on every load, with their hashes: those with
    /// corroborations (`[[also]]`), which change other files' items.
    pub skipped: BTreeMap<String, u64>,
}

/// What reading one source file gave, with the content it was read from.
#[derive(Serialize, Deserialize, Clone)]
pub(crate) struct SourceEntry {
    /// The hash of `sources/x.toml`.
    pub record: u64,
    /// The hash of `sources/x.txt`.
    pub text: u64,
    /// The other sources its records cite (`also`), with the hashes of
    /// their two files: their dates and texts went into the reading.
    pub cites: Vec<(String, u64, u64)>,
    /// What it gave.
    pub outcome: SourceOutcome,
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
    /// The problems of its suggestions.
    pub pending_problems: Vec<Problem>,
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

/// The hash of the files every source is read against: every file of the
/// dataset outside `sources/` but the ledger (which a dataset's items do
/// not depend on), by path.
pub(crate) fn context_hash<'a>(files: impl Iterator<Item = (&'a str, &'a str)>) -> u64 {
    let mut parts: Vec<(&str, u64)> = files
        .filter(|(rel, _)| !rel.starts_with("sources/") && *rel != super::LEDGER_FILE)
        .map(|(rel, text)| (rel, content_hash(text)))
        .collect();
    parts.sort();
    let mut key = String::new();
    for (rel, hash) in parts {
        key.push_str(&format!("{rel}\0{hash:016x}\n"));
    }
    content_hash(&key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_is_taken_only_whole_and_of_this_build() {
        let dir = tempfile::tempdir().unwrap();
        let slot = CacheSlot {
            path: dir.path().join("c.bin"),
            folder: "/data".into(),
        };
        slot.write(7, BTreeMap::new(), BTreeMap::new());
        assert_eq!(slot.read().map(|s| s.context), Some(7));
        let bytes = std::fs::read(&slot.path).unwrap();
        for cut in [0, 8, 12, bytes.len() - 1] {
            std::fs::write(&slot.path, &bytes[..cut]).unwrap();
            assert!(slot.read().is_none(), "cut at {cut}");
        }
        let mut flipped = bytes.clone();
        *flipped.last_mut().unwrap() ^= 1;
        std::fs::write(&slot.path, &flipped).unwrap();
        assert!(slot.read().is_none(), "a flipped bit");
        let mut other_version = bytes.clone();
        other_version[8] ^= 1;
        std::fs::write(&slot.path, &other_version).unwrap();
        assert!(slot.read().is_none(), "another format version");
        std::fs::write(&slot.path, &bytes).unwrap();
        let other = CacheSlot {
            path: slot.path.clone(),
            folder: "/elsewhere".into(),
        };
        assert!(other.read().is_none(), "another folder's cache");
    }
}
