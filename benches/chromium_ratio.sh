#!/usr/bin/env bash
# Dossier's PDF against headless Chromium printing Dossier's own HTML of the
# same brief, in one run (see route_ratio.sh).
#
#   bash benches/chromium_ratio.sh [BRIEF.toml] [RUNS]
exec bash "$(dirname "$0")/route_ratio.sh" chromium "$@"
