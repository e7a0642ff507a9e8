"""Benchmark of ``claimgraph said`` for the busiest actor (issue 18, target 4): the first page
(newest first, 50 rows) and every row streamed, by and about the actor, on stores compared in
one run.

Each store is opened read-only; the busiest speaker and target are those of the first store
(by statements); the stores are measured in turn, round after round, so that the machine's
load falls on each alike. The medians go to ``benchmarks/RESULTS.md`` (target: the first
page in <= 100 ms). Typical use, a store built before the statement keys against a copy of it
given them with ``claimgraph keys``::

    cp -a /tmp/10k /tmp/10k-keys && .venv/bin/claimgraph keys --store /tmp/10k-keys
    .venv/bin/python benchmarks/said.py "without keys=/tmp/10k" "with keys=/tmp/10k-keys" --label "10,064 articles"
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT)]

from graph.query import said  # noqa: E402
from graph.rdf.statement_keys import has_keys  # noqa: E402
from graph.rdf.store import Store  # noqa: E402
from results_md import write_section  # noqa: E402

HEADING = "## `said` for the busiest actor"
#: Query -> the ``said`` arguments besides the actor's name.
CALLS = {"first page": {}, "every row": {"limit": None}}


def busiest(store: Store) -> dict[str, str]:
    """The label of the actor with the most statements by it ("by") and about it ("about")."""
    found = {}
    for relation, link in (("by", "prov:wasAttributedTo"), ("about", "schema:about")):
        rows = store.select(f"SELECT ?name (COUNT(*) AS ?n) WHERE {{ ?s a cg:Statement ; {link} ?a . "
                            "?a rdfs:label ?name } GROUP BY ?name ORDER BY DESC(?n) LIMIT 1")
        found[relation] = str(rows[0]["name"])
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stores", nargs="+", help="LABEL=FOLDER of each store to compare")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--label", default="the store")
    args = parser.parse_args()
    named = dict(s.split("=", 1) for s in args.stores)
    with ExitStack() as stack:
        stores = {name: stack.enter_context(Store.open(Path(folder), read_only=True)) for name, folder in named.items()}
        actors = busiest(next(iter(stores.values())))
        keyed = {name: has_keys(store) for name, store in stores.items()}
        times: dict[tuple[str, str, str], list[float]] = {}
        rows: dict[tuple[str, str, str], int] = {}
        for run in range(args.runs + 1):  # the first round warms up
            for name, store in stores.items():
                for relation, actor in actors.items():
                    for call, extra in CALLS.items():
                        start = time.perf_counter()
                        found = sum(1 for _ in said(store, **{relation: actor}, **extra))
                        if run:
                            times.setdefault((name, relation, call), []).append((time.perf_counter() - start) * 1000)
                            rows[name, relation, call] = found
    table = ["| store | keys | call | rows | p50 ms | min ms |", "|---|---|---|---:|---:|---:|"]
    for (name, relation, call), ms in times.items():
        line = (f"| {name} | {'yes' if keyed[name] else 'no'} | `said --{relation}` {call} | "
                f"{rows[name, relation, call]:,} | {statistics.median(ms):,.0f} | {min(ms):,.0f} |")
        table.append(line)
        print(line)
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    heading = f"{HEADING} ({args.label})"
    write_section(heading, "\n".join([
        heading, "",
        f"{args.label}; busiest speaker {actors['by']!r}, busiest target {actors['about']!r}; embedded stores "
        f"opened read-only, {args.runs} rounds after a warm-up, the stores in turn (`benchmarks/said.py`); load "
        f"average at the end {load}. Target: the first page (50 rows, newest first) in <= 100 ms.", "", *table]) + "\n")


if __name__ == "__main__":
    main()
