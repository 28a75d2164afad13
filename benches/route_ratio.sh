#!/usr/bin/env bash
# Compares, in one run, the time Dossier takes to make the PDF of a brief with
# a usual HTML-to-PDF route printing Dossier's own HTML of the same brief:
# headless Chromium, or WeasyPrint. Both are timed end to end as a user runs
# them (process start included), RUNS times each; the medians and their ratio
# are printed. `chromium_ratio.sh` and `weasyprint_ratio.sh` call it.
#
#   bash benches/route_ratio.sh chromium|weasyprint [BRIEF.toml] [RUNS]
#
# Needs Debian's chromium package (apt-get install chromium), or WeasyPrint
# (pip install weasyprint).
set -euo pipefail
cd "$(dirname "$0")/.."
route=${1:?"which route: chromium or weasyprint"}
brief=${2:-examples/next-dialogue.brief.toml}
runs=${3:-9}
case "$route" in
    chromium) command -v chromium >/dev/null || { echo "chromium is not installed: apt-get install chromium" >&2; exit 1; } ;;
    weasyprint) command -v weasyprint >/dev/null || { echo "WeasyPrint is not installed: pip install weasyprint" >&2; exit 1; } ;;
    *) echo "unknown route $route: chromium or weasyprint" >&2; exit 2 ;;
esac
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
    if [ "$route" = chromium ]; then
        chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
            --disable-component-update --disable-sync --no-first-run --no-pdf-header-footer \
            --user-data-dir="$work/profile-$i" --print-to-pdf="$work/theirs.pdf" \
            "file://$work/memo.html" >/dev/null 2>&1
    else
        weasyprint "$work/memo.html" "$work/theirs.pdf" >/dev/null 2>&1
    fi
    theirs+=($(( ($(now) - t0) / 1000 )))
done

ours_ms=$(printf '%s\n' "${ours[@]}" | median)
theirs_ms=$(printf '%s\n' "${theirs[@]}" | median)
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }
printf '%-34s %10s %8s\n' "route (median of $runs runs)" "time" "pages"
awk -v o="$ours_ms" -v t="$theirs_ms" -v op="$(pages "$work/dossier.pdf")" -v tp="$(pages "$work/theirs.pdf")" -v r="$route" 'BEGIN {
    printf "%-34s %8.1f ms %8s\n", "dossier brief --format pdf", o / 1000, op
    printf "%-34s %8.1f ms %8s\n", "dossier HTML + " r, t / 1000, tp
    printf "ratio: Dossier is %.1f times faster\n", t / o
}'
