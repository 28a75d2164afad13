//! A deterministic generator of large, valid datasets, for benchmarks and
//! scale tests. The same `items` count always gives the same files.

use std::fmt::Write;

use crate::dataset::DatasetFiles;

const ITEMS_PER_SOURCE: usize = 200;

/// The synthetic dataset's first topics take the built-in dataset's ids,
/// so that a command written for one runs on the other
/// (`brief --topic torture`); any more are `topic-17`, `topic-18` …
const NAMED_TOPICS: [&str; 16] = [
    "political-reform",
    "rule-of-law",
    "expression-media",
    "assembly",
    "civil-society",
    "religion",
    "gender-equality",
    "domestic-violence",
    "children",
    "disability",
    "torture",
    "trafficking",
    "anti-corruption",
    "digital-governance",
    "multilateral",
    "dialogue",
];

/// The default number of topics: as many as the built-in dataset's.
pub const DEFAULT_TOPICS: usize = NAMED_TOPICS.len();

/// The id of the synthetic dataset's `i`-th topic (from 0).
fn topic_id(i: usize) -> String {
    NAMED_TOPICS
        .get(i)
        .map_or_else(|| format!("topic-{}", i + 1), |t| t.to_string())
}
const PEOPLE: usize = 300;
const PLACES: usize = 40;

const WORDS: [&str; 48] = [
    "reform",
    "court",
    "ministry",
    "law",
    "rights",
    "citizens",
    "council",
    "delegation",
    "programme",
    "assembly",
    "media",
    "schools",
    "women",
    "children",
    "police",
    "judges",
    "report",
    "dialogue",
    "commission",
    "budget",
    "platform",
    "election",
    "parliament",
    "region",
    "strengthened",
    "adopted",
    "expanded",
    "welcomed",
    "urged",
    "reviewed",
    "announced",
    "supported",
    "national",
    "independent",
    "public",
    "regional",
    "digital",
    "civil",
    "legal",
    "local",
    "the",
    "of",
    "and",
    "in",
    "for",
    "with",
    "on",
    "to",
];

/// A small linear congruential generator: enough for varied, repeatable data.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The default number of parties: the built-in dataset's two.
pub const DEFAULT_PARTIES: usize = 2;

/// The ids of `count` parties: the built-in dataset's `us` and `kz` for
/// two (declared by default, so no `dataset.toml` is written), else
/// `party-1`, `party-2` …
fn party_ids(count: usize) -> Vec<String> {
    if count == DEFAULT_PARTIES {
        return vec!["us".into(), "kz".into()];
    }
    (1..=count).map(|n| format!("party-{n}")).collect()
}

/// The `dataset.toml` declaring `ids`, the first ours.
fn declaration(ids: &[String]) -> String {
    let mut out = String::new();
    for (n, id) in ids.iter().enumerate() {
        writeln!(
            out,
            "[[party]]\nid = \"{id}\"\nname = \"Party {}\"\nwords = [\"Partyland {}\"]\nours = {}\n",
            n + 1,
            n + 1,
            n == 0
        )
        .unwrap();
    }
    out
}

/// Generates a dataset of `items` items (statements, figures and events in
/// turn) over `items / 200` sources, with dates of every precision from 2000
/// to 2025, one to three of `topic_count` topics each (at least one), and
/// statements from each of `party_count` parties (at least one), joint and
/// others.
pub fn generate(items: usize, topic_count: usize, party_count: usize) -> DatasetFiles {
    let mut rng = Lcg(0x05ee_dd05_51e5);
    let mut files = Vec::new();
    let topic_ids: Vec<String> = (0..topic_count.max(1)).map(topic_id).collect();
    let mut sides = party_ids(party_count.max(1));
    if sides.len() != DEFAULT_PARTIES {
        files.push(("dataset.toml".to_string(), declaration(&sides)));
    }
    sides.extend(["joint".to_string(), "other".to_string()]);

    let mut topics = String::new();
    for id in &topic_ids {
        writeln!(
            topics,
            "[[topic]]\nid = \"{id}\"\nlabel = \"Topic {id}\"\ndescription = \"Synthetic topic {id}.\"\nkeywords = [\"{id}\"]\n"
        )
        .unwrap();
    }
    files.push(("topics.toml".to_string(), topics));

    let mut people = String::new();
    for p in 0..PEOPLE {
        let side = &sides[p % sides.len()];
        writeln!(
            people,
            "[[person]]\nid = \"person-{p}\"\nname = \"Person {p}\"\nside = \"{side}\"\n\n[[person.role]]\ntitle = \"Official {p}\"\nfrom = \"2000\"\n"
        )
        .unwrap();
    }
    files.push(("people.toml".to_string(), people));

    let mut places = String::new();
    for p in 0..PLACES {
        writeln!(
            places,
            "[[place]]\nid = \"place-{p}\"\nname = \"Place {p}\"\n"
        )
        .unwrap();
    }
    files.push(("places.toml".to_string(), places));

    let sources = items.div_ceil(ITEMS_PER_SOURCE).max(1);
    let mut made = 0;
    for s in 0..sources {
        let id = format!("source-{s:05}");
        let mut text = String::new();
        let mut record = format!(
            "[source]\ntitle = \"Synthetic source {s}\"\npublisher = \"Generator\"\nurl = \"https://example.org/{id}\"\ndate = \"{}\"\nkind = \"report\"\n\n",
            2000 + s % 26
        );
        for _ in 0..ITEMS_PER_SOURCE.min(items - made) {
            let n = made;
            made += 1;
            let sentence = sentence(&mut rng, n);
            text.push_str(&sentence);
            text.push(if n % 7 == 0 { '\n' } else { ' ' });
            let date = random_date(&mut rng);
            let mut chosen: Vec<&str> = Vec::new();
            for _ in 0..=rng.below(3) {
                let t = topic_ids[rng.below(topic_ids.len())].as_str();
                if !chosen.contains(&t) {
                    chosen.push(t);
                }
            }
            let topics = chosen
                .iter()
                .map(|t| format!("\"{t}\""))
                .collect::<Vec<_>>()
                .join(", ");
            let common = format!(
                "id = \"item-{n}\"\ndate = \"{date}\"\ntopics = [{topics}]\nquote = \"{sentence}\"\n"
            );
            match n % 3 {
                0 => writeln!(
                    record,
                    "[[statement]]\n{common}speaker = \"person-{}\"\nside = \"{}\"\nstance = \"{}\"\n",
                    rng.below(PEOPLE),
                    sides[rng.below(sides.len())],
                    ["commends", "concern", "calls-for", "commits", "reports"][rng.below(5)],
                ),
                1 => writeln!(
                    record,
                    "[[figure]]\n{common}value = {}\nunit = \"units\"\nlabel = \"measure {n}\"\n",
                    rng.below(100_000)
                ),
                // A source reports as done only what happened by its date;
                // a later event is one it plans.
                _ => writeln!(
                    record,
                    "[[event]]\n{common}label = \"Event {n}\"\nplace = \"place-{}\"\n{}",
                    rng.below(PLACES),
                    if date[..4].parse::<usize>().unwrap_or(0) > 2000 + s % 26 {
                        "status = \"planned\"\n"
                    } else {
                        ""
                    }
                ),
            }
            .unwrap();
        }
        files.push((format!("sources/{id}.toml"), record));
        files.push((format!("sources/{id}.txt"), text));
    }
    DatasetFiles {
        root: format!("synthetic-{items}"),
        files,
        cache: None,
    }
}

/// A sentence of 8–20 words, made unique by its number.
fn sentence(rng: &mut Lcg, n: usize) -> String {
    let mut s = format!("Item {n}:");
    for _ in 0..8 + rng.below(13) {
        s.push(' ');
        s.push_str(WORDS[rng.below(WORDS.len())]);
    }
    s.push('.');
    s
}

/// A date from 2000 to 2025, a third each at year, month and day precision.
fn random_date(rng: &mut Lcg) -> String {
    let year = 2000 + rng.below(26);
    let month = 1 + rng.below(12);
    match rng.below(3) {
        0 => format!("{year}"),
        1 => format!("{year}-{month:02}"),
        _ => format!("{year}-{month:02}-{:02}", 1 + rng.below(28)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::load;

    #[test]
    fn generated_datasets_are_valid_and_repeatable() {
        let files = generate(1_000, DEFAULT_TOPICS, DEFAULT_PARTIES);
        let data = load(&files).unwrap_or_else(|p| panic!("{p}"));
        assert_eq!(data.items.len(), 1_000);
        assert_eq!(data.sources.len(), 5);
        assert_eq!(
            generate(1_000, DEFAULT_TOPICS, DEFAULT_PARTIES).files,
            files.files
        );
    }

    #[test]
    fn topics_at_the_edges_of_a_word_select_their_items() {
        for (count, edges) in [
            (64, &["topic-64", "torture"][..]),
            (65, &["topic-64", "topic-65"][..]),
            (129, &["topic-128", "topic-129", "political-reform"][..]),
        ] {
            let data =
                load(&generate(3_000, count, DEFAULT_PARTIES)).unwrap_or_else(|p| panic!("{p}"));
            for id in edges {
                let filed = data
                    .items
                    .iter()
                    .filter(|i| i.topics.iter().any(|t| t == id))
                    .count();
                let selected = crate::Selection {
                    topics: vec![id.to_string()],
                    ..Default::default()
                }
                .apply(&data)
                .len();
                assert!(filed > 0, "{count} topics: {id}");
                assert_eq!(selected, filed, "{count} topics: {id}");
            }
        }
    }

    #[test]
    fn a_dataset_of_two_hundred_topics_selects_by_any_of_them() {
        let data = load(&generate(2_000, 200, DEFAULT_PARTIES)).unwrap_or_else(|p| panic!("{p}"));
        assert_eq!(data.topics.len(), 200);
        assert_eq!(data.topics[199].id, "topic-200");
        let by = |id: &str| {
            crate::Selection {
                topics: vec![id.to_string()],
                ..Default::default()
            }
            .apply(&data)
            .len()
        };
        let filed = |id: &str| {
            data.items
                .iter()
                .filter(|i| i.topics.iter().any(|t| t == id))
                .count()
        };
        for id in ["torture", "topic-17", "topic-130", "topic-200"] {
            assert!(filed(id) > 0, "{id}");
            assert_eq!(by(id), filed(id), "{id}");
        }
    }

    #[test]
    fn a_dataset_of_three_parties_declares_them_and_hears_each() {
        let data = load(&generate(3_000, DEFAULT_TOPICS, 3)).unwrap_or_else(|p| panic!("{p}"));
        let ids: Vec<&str> = data.parties.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["party-1", "party-2", "party-3"]);
        assert!(data.parties[0].ours);
        for id in ["party-3", "joint", "other"] {
            assert!(
                data.items.iter().any(|i| matches!(
                    &i.detail,
                    crate::dataset::Detail::Statement { side, .. } if side.id() == id
                )),
                "{id}"
            );
        }
    }
}
