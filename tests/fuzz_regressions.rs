//! The fuzz targets (`fuzz/src/harness.rs`) over their seed corpora and
//! every crash reproducer kept under `fuzz/crashes/`: what the fuzzer once
//! broke stays fixed, and the seeds keep running clean without AFL++.

#[allow(dead_code)]
#[path = "../fuzz/src/harness.rs"]
mod harness;

use std::path::Path;

#[test]
fn every_seed_and_crash_reproducer_runs_clean() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut ran = 0;
    for (name, target) in harness::TARGETS {
        for kind in ["corpus", "crashes"] {
            let Ok(entries) = std::fs::read_dir(root.join(kind).join(name)) else {
                continue;
            };
            let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
            files.sort();
            for file in files {
                // Named before it runs: a crash that aborts says which file.
                eprintln!("{name}: {}", file.display());
                target(&std::fs::read(&file).unwrap());
                ran += 1;
            }
        }
        assert!(
            root.join("corpus").join(name).is_dir(),
            "the {name} target has seeds"
        );
    }
    assert!(ran >= 50, "only {ran} inputs ran");
}
