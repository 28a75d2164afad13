//! What ingest looks up in a large dataset, indexed once per document
//! rather than scanned for every sentence: the content words of every
//! quote (for "this sentence reports an item again"), the events of each
//! day (for "a second account of a meeting"), and the people by the last
//! word of each of their names (for "this phrase names a known person").
//!
//! Each index gives candidates only; the rule that decides is the same
//! code as before, run on the candidates, so the answers do not change.
//! An inverted index this small is hand-written: the crates that offer one
//! (tantivy and the like) are search engines with a ranking of their own,
//! where an exact set overlap is wanted.

use std::collections::{HashMap, HashSet};

use crate::dataset::{Dataset, Kind, Person};
use crate::date::{Date, Precision};

use super::suggest::for_each_content_word;

/// The content words of every citation of every item, indexed in as many
/// parts as the machine has cores.
pub struct QuoteIndex {
    parts: Vec<QuotePart>,
}

/// The content words of the citations of a run of items.
struct QuotePart {
    /// The place in `data.items` of the part's first item.
    first: usize,
    /// Each word's number.
    words: HashMap<String, u32>,
    /// For each word, the citations that hold it, each once, in order.
    postings: Vec<Vec<u32>>,
    /// For each citation, how many distinct content words it holds.
    sizes: Vec<u32>,
    /// For each citation, its item's place in the part.
    owners: Vec<u32>,
}

impl QuoteIndex {
    /// Indexes every citation of `data`'s items.
    pub fn of(data: &Dataset) -> QuoteIndex {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let size = data.items.len().div_ceil(cores).max(1);
        let starts: Vec<usize> = (0..data.items.len()).step_by(size).collect();
        let parts = crate::dataset::parallel_map(&starts, |&first| {
            QuotePart::of(
                &data.items[first..(first + size).min(data.items.len())],
                first,
            )
        });
        QuoteIndex { parts }
    }

    /// Every item that shares a content word with `words`, with the best
    /// word overlap (Jaccard) of its citations with them, in the items'
    /// order. An item that shares none has an overlap of 0 and is left out.
    pub fn overlaps(&self, words: &HashSet<String>) -> Vec<(usize, f64)> {
        self.parts.iter().flat_map(|p| p.overlaps(words)).collect()
    }
}

impl QuotePart {
    fn of(items: &[crate::dataset::Item], first: usize) -> QuotePart {
        let mut part = QuotePart {
            first,
            words: HashMap::new(),
            postings: Vec::new(),
            sizes: Vec::new(),
            owners: Vec::new(),
        };
        let mut seen: Vec<u32> = Vec::new();
        for (at, item) in items.iter().enumerate() {
            for citation in &item.citations {
                let number = part.sizes.len() as u32;
                seen.clear();
                for_each_content_word(&citation.quote, |word| {
                    let w = match part.words.get(word) {
                        Some(&w) => w,
                        None => {
                            let w = part.postings.len() as u32;
                            part.words.insert(word.to_string(), w);
                            part.postings.push(Vec::new());
                            w
                        }
                    };
                    if !seen.contains(&w) {
                        seen.push(w);
                        part.postings[w as usize].push(number);
                    }
                });
                part.sizes.push(seen.len() as u32);
                part.owners.push(at as u32);
            }
        }
        part
    }

    fn overlaps(&self, words: &HashSet<String>) -> Vec<(usize, f64)> {
        let mut shared: HashMap<u32, u32> = HashMap::new();
        for word in words {
            if let Some(&w) = self.words.get(word) {
                for &citation in &self.postings[w as usize] {
                    *shared.entry(citation).or_default() += 1;
                }
            }
        }
        let mut best: HashMap<u32, f64> = HashMap::new();
        for (citation, common) in shared {
            let union = words.len() + self.sizes[citation as usize] as usize - common as usize;
            let overlap = common as f64 / union as f64;
            let item = best.entry(self.owners[citation as usize]).or_default();
            *item = item.max(overlap);
        }
        let mut out: Vec<(usize, f64)> = best
            .into_iter()
            .map(|(item, overlap)| (self.first + item as usize, overlap))
            .collect();
        out.sort_by_key(|(item, _)| *item);
        out
    }
}

/// The events of each day, by their place in `data.items`.
pub fn events_by_day(data: &Dataset) -> HashMap<Date, Vec<usize>> {
    let mut days: HashMap<Date, Vec<usize>> = HashMap::new();
    for (at, item) in data.items.iter().enumerate() {
        if let (Kind::Event, Some(day)) = (item.kind(), item.date)
            && day.precision() == Precision::Day
        {
            days.entry(day).or_default().push(at);
        }
    }
    days
}

/// The people of a dataset by the last run of letters and digits of each
/// of their names and aliases, and of the last word of their name: a
/// phrase can name a person only if it holds one of these as a whole word.
pub struct NameIndex {
    by_last_word: HashMap<String, Vec<usize>>,
}

/// The last run of letters and digits in `name` ("Tokayev" in
/// "Kassym-Jomart Tokayev", "Jr" in "Jr.").
fn last_run(name: &str) -> Option<&str> {
    name.split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty())
}

impl NameIndex {
    /// Indexes `people`.
    pub fn of(people: &[Person]) -> NameIndex {
        let mut by_last_word: HashMap<String, Vec<usize>> = HashMap::new();
        for (at, p) in people.iter().enumerate() {
            let surname = p.name.split_whitespace().last().unwrap_or_default();
            let keys: HashSet<&str> = std::iter::once(p.name.as_str())
                .chain(p.aliases.iter().map(String::as_str))
                .chain([surname])
                .filter_map(last_run)
                .collect();
            for key in keys {
                by_last_word.entry(key.to_string()).or_default().push(at);
            }
        }
        NameIndex { by_last_word }
    }

    /// The people `phrase` may name, by their place in the list, in order.
    pub fn candidates(&self, phrase: &str) -> Vec<usize> {
        let mut out: Vec<usize> = phrase
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .filter_map(|w| self.by_last_word.get(w))
            .flatten()
            .copied()
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::suggest::content_words;

    #[test]
    fn overlaps_are_the_jaccard_of_the_best_citation() {
        let data = Dataset::embedded().unwrap();
        let index = QuoteIndex::of(&data);
        let item = &data.items[3];
        let words: HashSet<String> = content_words(item.quote()).into_iter().collect();
        let found = index.overlaps(&words);
        assert!(
            found.contains(&(3, 1.0)),
            "an item's own quote overlaps it whole"
        );
        // The same as the set overlap computed directly, for every item.
        for (at, overlap) in found {
            let direct = data.items[at]
                .citations
                .iter()
                .map(|c| {
                    let other: HashSet<String> = content_words(&c.quote).into_iter().collect();
                    let common = words.intersection(&other).count();
                    common as f64 / (words.len() + other.len() - common) as f64
                })
                .fold(0.0, f64::max);
            assert_eq!(overlap, direct, "{}", data.items[at].id);
        }
    }

    #[test]
    fn a_person_is_a_candidate_for_a_phrase_with_their_last_name() {
        let data = Dataset::embedded().unwrap();
        let index = NameIndex::of(&data.people);
        let zeya = data.people.iter().position(|p| p.name.ends_with("Zeya"));
        let zeya = zeya.expect("the embedded dataset names Uzra Zeya");
        assert!(
            index
                .candidates("Under Secretary Zeya's remarks")
                .contains(&zeya)
        );
        assert!(!index.candidates("Under Secretary Zeyanova").contains(&zeya));
    }
}
