//! The fuzz targets (`fuzz/src/harness.rs`) over their seed corpora and
//! every crash reproducer kept under `fuzz/crashes/`: what the fuzzer once
//! broke stays fixed, and the seeds keep running clean without AFL++.

#[allow(dead_code)]
#[path = "../fuzz/src/harness.rs"]
mod harness;

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

/// How long one input may take in a debug build before it counts as a hang
/// (the fuzzer's limit is 1 s in an optimised build).
const HANG: Duration = Duration::from_secs(60);

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
                run_bounded(target, std::fs::read(&file).unwrap(), &file);
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

/// Runs one input on its own thread and fails the test, naming the file,
/// when it panics or takes longer than [`HANG`] (the thread is then left
/// behind, and the test binary ends with the failure).
fn run_bounded(target: fn(&[u8]), input: Vec<u8>, file: &Path) {
    let (done, finished) = mpsc::channel();
    let worker = std::thread::spawn(move || {
        target(&input);
        let _ = done.send(());
    });
    match finished.recv_timeout(HANG) {
        Ok(()) => worker.join().unwrap(),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            let panic = worker.join().unwrap_err();
            eprintln!("{} panicked", file.display());
            std::panic::resume_unwind(panic)
        }
        Err(mpsc::RecvTimeoutError::Timeout) => {
            panic!("{} ran for more than {HANG:?}: a hang", file.display())
        }
    }
}
