#!/usr/bin/env bash
# Rebuild sample-review.ron through the CLI, as a reviewer would (run from the repo root).
set -euo pipefail
cd "$(dirname "$0")"
st() { "${STOCKTAKE:-../target/release/stocktake}" "$@"; }
rm -f sample-review.ron sample-review.ron.bak
st new --doc isc-international-partnerships-government-response.md \
  --doc counter-terrorism-implementation-stocktake-2019.md -o sample-review.ron
st set sample-review.ron A --grade green --stance agreed --owner "JIC / Agencies" \
  --note "Reply lists coordination mechanisms but sets no timetable for a joint strategy."
st set sample-review.ron B --grade amber --stance noted --owner SIS \
  --note "Government only 'notes' the call for an SIS partnerships strategy; ask for evidence it exists."
st set sample-review.ron E --grade blue --stance agreed --owner "Cabinet Office"
st set sample-review.ron G --grade amber --stance partially-agreed --owner "Cabinet Office" \
  --note "Guidance on messaging apps was updated, but audit trails of ministerial contacts are not addressed."
st set sample-review.ron H --grade red --stance noted --owner FCDO \
  --note "Funding pressure on the station network acknowledged; no commitment made."
st set sample-review.ron XX --grade green --stance agreed --owner Agencies
rm -f sample-review.ron.bak
