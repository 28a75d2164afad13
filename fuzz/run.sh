#!/usr/bin/env bash
# Builds Dossier's fuzz targets with cargo-afl (AFL++ in plain
# instrumentation mode, on the stable toolchain) and runs each for a fixed
# time, one after another. Every crash or hang found is copied under
# fuzz/crashes/TARGET/ (commit it with its fix: tests/fuzz_regressions.rs
# replays it) and makes the script fail.
#
#   bash fuzz/run.sh [SECONDS] [TARGET ...]
#
# SECONDS defaults to 20 (what CI runs); the targets default to all of
# them (see fuzz/src/harness.rs). Limits per input: 1 s, 512 MB.
set -euo pipefail
cd "$(dirname "$0")"

seconds=${1:-20}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(dataset brief markdown date layout html read-text read-html read-pdf read-docx)
fi

if ! cargo afl --version >/dev/null 2>&1; then
    cargo install cargo-afl --version ^0.18 --locked
fi
# AFL++ itself is built once per toolchain (cargo-afl's own copy).
if ! built=$(cargo afl config --build 2>&1); then
    grep -q "already built" <<<"$built" || { echo "$built" >&2; exit 1; }
fi
# The instrumented build has a target folder of its own, whatever
# CARGO_TARGET_DIR says for the normal builds.
export CARGO_TARGET_DIR="$PWD/target"
cargo afl build --release --locked --quiet

# No crash reporter on the fuzzing machine; the CPU governor is the host's.
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_NO_UI=1 AFL_QUIET=1 AFL_NO_AFFINITY=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

failed=0
broken=0
printf '%-10s %10s %8s %6s %8s %7s %6s\n' target execs exec/s secs corpus crashes hangs
for target in "${targets[@]}"; do
    out="$work/$target"
    DOSSIER_FUZZ_TARGET=$target cargo afl fuzz -i "corpus/$target" -o "$out" \
        -V "$seconds" -t 1000 -m 512 -- target/release/dossier-fuzz \
        >"$work/$target.log" 2>&1 || { cat "$work/$target.log"; broken=1; continue; }
    stats="$out/default/fuzzer_stats"
    stat() { sed -n "s/^$1 *: *//p" "$stats"; }
    printf '%-10s %10s %8s %6s %8s %7s %6s\n' "$target" "$(stat execs_done)" \
        "$(stat execs_per_sec)" "$(stat run_time)" "$(stat corpus_count)" \
        "$(stat saved_crashes)" "$(stat saved_hangs)"
    for kind in crashes hangs; do
        found=("$out"/default/"$kind"/id:*)
        if [ -e "${found[0]}" ]; then
            mkdir -p "crashes/$target"
            for f in "${found[@]}"; do
                cp "$f" "crashes/$target/$kind-$(sha1sum "$f" | cut -c1-12)"
            done
            failed=1
        fi
    done
    # Keep what the fuzzer learnt as seeds for the next run, when asked:
    # the queue minimised by afl-cmin (the fewest inputs that reach the same
    # coverage), without the seeds already there.
    if [ -n "${DOSSIER_FUZZ_KEEP_QUEUE:-}" ]; then
        DOSSIER_FUZZ_TARGET=$target cargo afl cmin -i "$out/default/queue" \
            -o "$work/$target.min" -t 1000 -m 512 -- target/release/dossier-fuzz \
            >"$work/$target.cmin.log" 2>&1 || { cat "$work/$target.cmin.log"; broken=1; continue; }
        known=$(sha1sum "corpus/$target"/* | cut -c1-40)
        kept=0
        for f in "$work/$target.min"/*; do
            sum=$(sha1sum "$f" | cut -c1-40)
            grep -q "$sum" <<<"$known" && continue
            cp "$f" "corpus/$target/q-${sum:0:12}"
            kept=$((kept + 1))
        done
        echo "$target: kept $kept new inputs in corpus/$target/"
    fi
done
if [ "$broken" -ne 0 ]; then
    echo "afl-fuzz could not run a target: see its output above" >&2
fi
if [ "$failed" -ne 0 ]; then
    echo "fuzzing found crashes or hangs: see fuzz/crashes/" >&2
fi
[ "$failed" -eq 0 ] && [ "$broken" -eq 0 ]
