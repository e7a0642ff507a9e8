#!/usr/bin/env bash
# Build the seed articles into a scratch store, export, and score against the gold with the
# shared scorer (../shared/eval/score_gold.py) when it is there, else with `claimgraph evaluate`.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
.venv/bin/claimgraph build seeds --store "$tmp/store"
.venv/bin/claimgraph export --store "$tmp/store" --format nquads -o "$tmp/seeds.nq"
if [ -f ../shared/eval/score_gold.py ]; then
  .venv/bin/python ../shared/eval/score_gold.py "$tmp/seeds.nq" tests/gold seeds --errors "$@"
else
  .venv/bin/claimgraph evaluate --store "$tmp/store" --gold tests/gold seeds --errors
fi
