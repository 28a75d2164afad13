#!/usr/bin/env bash
# Dossier's PDF against WeasyPrint printing Dossier's own HTML of the
# same brief, in one run (see route_ratio.sh).
#
#   bash benches/weasyprint_ratio.sh [BRIEF.toml] [RUNS]
exec bash "$(dirname "$0")/route_ratio.sh" weasyprint "$@"
