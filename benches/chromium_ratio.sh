#!/usr/bin/env bash
# Compares, in one run, the time Dossier takes to make the PDF of a brief with
# the usual HTML-to-PDF route: headless Chromium printing Dossier's own HTML
# of the same brief. Both are timed end to end as a user runs them (process
# start included), RUNS times each; the medians and their ratio are printed.
#
#   bash benches/chromium_ratio.sh [BRIEF.toml] [RUNS]
#
# Needs Debian's chromium package (apt-get install chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
brief=${1:-examples/next-dialogue.brief.toml}
runs=${2:-9}
command -v chromium >/dev/null || { echo "chromium is not installed: apt-get install chromium" >&2; exit 1; }
cargo build --release --quiet
bin=target/release/dossier
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

ours=()
for _ in $(seq "$runs"); do
    t0=$(now)
    "$bin" brief "$brief" --date 2025-06-02 --out "$work/dossier.pdf"
    ours+=($(( ($(now) - t0) / 1000 )))
done

theirs=()
for i in $(seq "$runs"); do
    t0=$(now)
    "$bin" brief "$brief" --date 2025-06-02 --out "$work/memo.html"
    chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --no-pdf-header-footer \
        --user-data-dir="$work/profile-$i" --print-to-pdf="$work/chromium.pdf" \
        "file://$work/memo.html" >/dev/null 2>&1
    theirs+=($(( ($(now) - t0) / 1000 )))
done

ours_ms=$(printf '%s\n' "${ours[@]}" | median)
theirs_ms=$(printf '%s\n' "${theirs[@]}" | median)
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }
printf '%-34s %10s %8s\n' "route (median of $runs runs)" "time" "pages"
awk -v o="$ours_ms" -v t="$theirs_ms" -v op="$(pages "$work/dossier.pdf")" -v tp="$(pages "$work/chromium.pdf")" 'BEGIN {
    printf "%-34s %8.1f ms %8s\n", "dossier brief --format pdf", o / 1000, op
    printf "%-34s %8.1f ms %8s\n", "dossier HTML + chromium print", t / 1000, tp
    printf "ratio: Dossier is %.1f times faster\n", t / o
}'
