#!/usr/bin/env python3
"""Score the publication dates of a claimgraph export against a manifest of true dates.

usage: score_dates.py EXPORT MANIFEST [--errors]

EXPORT is an N-Quads, TriG or Turtle export; MANIFEST a CSV or TSV file with a header
naming a ``file`` (or ``id``) column and a ``date`` column (ISO ``YYYY-MM-DD``), as the
Wikinews corpus ships one. Each article of the export is matched to its manifest row by
its ``cg:sourceFile`` (or by its id, the file name less its suffix).

Prints one line per figure, then a one-line SUMMARY:

- ``articles``: articles of the manifest found in the export;
- ``dated``: of those, how many have a ``schema:datePublished`` (``inferred``: how many of
  those are marked ``cg:dateInferred``);
- ``wrong_year``: dated articles whose year is not the true one;
- ``wrong_date``: dated articles whose date, as far as it goes (year, month, day),
  disagrees with the true one.

With ``--errors`` each wrong date is listed with the true one.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import pyoxigraph as ox

QUERY = """PREFIX cg: <https://w3id.org/claimgraph/ontology#>
PREFIX schema: <https://schema.org/>
SELECT ?file ?date ?inferred WHERE {
  ?a cg:sourceFile ?file .
  OPTIONAL { ?a schema:datePublished ?date }
  OPTIONAL { ?a cg:dateInferred ?inferred }
}"""
FORMATS = {".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG,
           ".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES}


def read_manifest(path: Path) -> dict[str, str]:
    """Article key (file name, and file name less its suffix) -> true ISO date."""
    with path.open(encoding="utf-8", newline="") as handle:
        sample = handle.readline()
        handle.seek(0)
        rows = csv.DictReader(handle, delimiter="\t" if "\t" in sample else ",")
        truth: dict[str, str] = {}
        for row in rows:
            name = (row.get("file") or row.get("id") or "").strip()
            date = (row.get("date") or "").strip()
            if name and date:
                truth[name] = date
                truth[Path(name).stem] = date
    return truth


def read_export(path: Path) -> dict[str, tuple[str | None, bool]]:
    """Source file -> (date given, whether it is marked inferred)."""
    fmt = FORMATS.get(path.suffix)
    if fmt is None:
        sys.exit(f"score_dates: unknown export suffix {path}")
    store = ox.Store()
    store.bulk_load(path=str(path), format=fmt)
    out: dict[str, tuple[str | None, bool]] = {}
    for row in store.query(QUERY, use_default_graph_as_union=True):
        date = row["date"].value if row["date"] is not None else None
        inferred = row["inferred"] is not None and row["inferred"].value == "true"
        out[row["file"].value] = (date, inferred)
    return out


def agrees(given: str, true: str) -> bool:
    """True when ``given`` (YYYY, YYYY-MM or YYYY-MM-DD) matches ``true`` as far as it goes."""
    return true.startswith(given[:10])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("export", type=Path)
    parser.add_argument("manifest", type=Path)
    parser.add_argument("--errors", action="store_true", help="list each wrong date")
    args = parser.parse_args(argv)
    truth = read_manifest(args.manifest)
    found = {f: v for f, v in read_export(args.export).items()
             if f in truth or Path(f).stem in truth}
    dated = {f: v for f, v in found.items() if v[0]}
    wrong_year, wrong_date = [], []
    for file, (date, _) in sorted(dated.items()):
        true = truth.get(file) or truth[Path(file).stem]
        if date[:4] != true[:4]:
            wrong_year.append((file, date, true))
        if not agrees(date, true):
            wrong_date.append((file, date, true))
    inferred = sum(1 for _, flag in dated.values() if flag)
    share = len(wrong_year) / len(dated) if dated else 0.0
    print(f"articles\t{len(found)}")
    print(f"dated\t{len(dated)}\t({len(dated) / len(found):.1%})" if found else "dated\t0")
    print(f"inferred\t{inferred}")
    print(f"wrong_year\t{len(wrong_year)}\t({share:.1%} of dated)")
    print(f"wrong_date\t{len(wrong_date)}")
    if args.errors:
        for file, date, true in wrong_date:
            print(f"  {file}\tgiven {date}\ttrue {true}")
    print(f"SUMMARY articles={len(found)} dated={len(dated)} inferred={inferred} "
          f"wrong_year={len(wrong_year)} wrong_date={len(wrong_date)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
