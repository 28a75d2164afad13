//! The embedded source texts are the seed documents as published: the only
//! differences allowed are the conversion artifacts listed here (each also
//! noted in its source's `notes`) and white space.

use dossier::Dataset;
use dossier::text::collapse_whitespace;
use std::path::Path;

/// Seed file, source id, and the artifacts removed from the seed.
const SEEDS: &[(&str, &str, &[&str])] = &[
    ("000_cef0799a9cadb651.txt", "neglobal-2024-05", &[]),
    (
        "001_5b628861d8b90dbb.txt",
        "federal-newswire-2024-05",
        &["Webp ufgg1a0a6bbunaxq5h6ro7bbpept"],
    ),
    (
        "002_ae87d03db4117397.txt",
        "state-zeya-remarks-2022-04-11",
        &[],
    ),
    (
        "003_95389612efca9565.txt",
        "state-drl-advancing-freedom-2010",
        &[],
    ),
    (
        "004_2b21e2bf0d6f96a9.txt",
        "mfa-kz-factsheet-2025",
        &["[bookmark: _GoBack]"],
    ),
];

#[test]
fn source_texts_are_the_seeds_less_noted_artifacts() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !seeds.is_dir() {
        // CI always has ../shared beside the repository; elsewhere it may not.
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have ../shared/seeds"
        );
        eprintln!("skipped: {} not found", seeds.display());
        return;
    }
    let data = Dataset::embedded().unwrap();
    let mut seen = Vec::new();
    for (file, id, artifacts) in SEEDS {
        let mut seed = std::fs::read_to_string(seeds.join(file)).unwrap();
        for a in *artifacts {
            assert!(seed.contains(a), "{file} has no artifact {a:?}");
            seed = seed.replace(a, "");
        }
        let source = data.source(id).unwrap();
        seen.push(*id);
        assert_eq!(
            collapse_whitespace(&source.text),
            collapse_whitespace(&seed),
            "{id} differs from {file}"
        );
        for a in *artifacts {
            let notes = source.notes.as_deref().unwrap_or("");
            assert!(
                notes.contains(a),
                "{id}'s notes do not mention removing {a:?}"
            );
        }
    }
    assert_eq!(seen.len(), data.sources.len(), "a source has no seed here");
}
