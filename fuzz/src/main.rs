//! One AFL++ program for every fuzz target; `DOSSIER_FUZZ_TARGET` names
//! the target (see `harness::TARGETS` and `fuzz/run.sh`).

mod harness;

fn main() {
    let name = std::env::var("DOSSIER_FUZZ_TARGET").unwrap_or_default();
    let Some(target) = harness::target(&name) else {
        let names: Vec<&str> = harness::TARGETS.iter().map(|(n, _)| *n).collect();
        eprintln!("set DOSSIER_FUZZ_TARGET to one of: {}", names.join(", "));
        std::process::exit(2);
    };
    afl::fuzz!(|data: &[u8]| target(data));
}
