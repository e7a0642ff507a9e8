#!/usr/bin/env bash
# Check that the project works as an installed wheel, not only from a checkout:
# build a wheel, install it (not editable) into a fresh venv in a temporary folder, build
# the seeds into a store with that venv's `claimgraph`, and validate the store against the
# SHACL shapes that ship inside the package. Exit 1 unless the store validates.
#
# Dependencies come from the package index through pip (its cache is reused). Runs from the
# temporary folder, so the checkout's `graph/` cannot shadow the installed package.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/claimgraph-wheel.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

# Build from a copy of the files git knows about (tracked, or new and not ignored), so that
# stale build/ folders or local stores in the checkout cannot leak into the wheel.
mkdir "$TMP/src"
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard \
   | tar --null -T - --ignore-failed-read -cf - 2>/dev/null) | tar -xf - -C "$TMP/src"

echo "check_wheel: building the wheel"
"$PYTHON" -m pip wheel --quiet --no-deps --wheel-dir "$TMP/dist" "$TMP/src"
WHEEL="$(ls "$TMP"/dist/claimgraph-*.whl)"
"$PYTHON" - "$WHEEL" <<'EOF_PY'
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
missing = [n for n in ("graph/ontology/claimgraph.ttl", "graph/ontology/shapes.ttl",
                       "graph/queries/stats.rq", "graph/data/cues.tsv") if n not in names]
sys.exit(f"check_wheel: not in the wheel: {', '.join(missing)}" if missing else 0)
EOF_PY

echo "check_wheel: installing $(basename "$WHEEL") into a fresh venv"
"$PYTHON" -m venv "$TMP/venv"
# --no-compile: the throwaway venv compiles only the modules the check imports, as it runs
"$TMP/venv/bin/pip" install --quiet --no-compile "$WHEEL"

cd "$TMP"
where="$("$TMP/venv/bin/python" -c 'import graph; print(graph.__file__)')"
case "$where" in
    "$TMP/venv/"*) ;;
    *) echo "check_wheel: graph imported from $where, not from the installed wheel" >&2; exit 1 ;;
esac

echo "check_wheel: building the seeds and validating the store"
"$TMP/venv/bin/claimgraph" build "$ROOT/seeds" --store "$TMP/store"
"$TMP/venv/bin/claimgraph" validate --store "$TMP/store"
echo "check_wheel: ok, the installed wheel builds and validates the seeds"
