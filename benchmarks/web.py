"""Benchmark of the browsing app (issue 17): page latency by page kind, over HTTP.

The app is served by waitress on loopback over a store built by this checkout (it must hold
the articles' texts); each page kind is requested for many different pages, after one
warm-up request of each kind (a first visitor's wait: the lists the app reads once, names,
roles, conflicts, and what a page keeps). The p50 and p95 of each kind go to ``benchmarks/RESULTS.md``,
one section per store label (targets: p95 under 300 ms on the Wikinews store, pages under
1 s on a 10,000-article store: ``--target-ms 1000``).

    .venv/bin/claimgraph build ../shared/corpora/wikinews --metadata ../shared/corpora/wikinews/manifest.tsv --store /tmp/wn
    .venv/bin/python benchmarks/web.py /tmp/wn --label "295 Wikinews articles"
    .venv/bin/python benchmarks/web.py /tmp/10k --label "10,064 articles" --target-ms 1000
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import flask
import waitress

import graph.web
from graph.rdf._terms import A, STATEMENT, STATISTIC
from graph.rdf.store import Store
from graph.web.paths import base_of, to_path

RESULTS_MD = Path(__file__).resolve().parent / "RESULTS.md"
HEADING = "## Browsing app page latency"


def page_urls(location: Path, per_kind: int, seed: int = 0) -> dict[str, list[str]]:
    """Addresses of ``per_kind`` pages of each kind, sampled from the store."""
    rng = random.Random(seed)
    with Store.open(location, read_only=True) as store:
        articles = store.articles()
        base = base_of(articles[:1])
        speakers = [r["a"] for r in store.select(
            "SELECT ?a (COUNT(?s) AS ?n) WHERE { ?s a cg:Statement ; prov:wasAttributedTo ?a . ?a a schema:Person }"
            " GROUP BY ?a ORDER BY DESC(?n) LIMIT 200")]
        names = [r["n"] for r in store.select("SELECT ?n WHERE { ?a a schema:Person ; rdfs:label ?n } LIMIT 500")]
        statements = sorted(q.subject.value for q in store.quads(None, A, STATEMENT, None))
        statistics_ = sorted(q.subject.value for q in store.quads(None, A, STATISTIC, None))

    def sample(items: list[str]) -> list[str]:
        return rng.sample(items, min(per_kind, len(items)))

    def paths(items: list[str]) -> list[str]:
        return [p for p in (to_path(i, base) for i in items) if p]

    return {
        "home": ["/"] * per_kind,
        "search": [f"/search?q={quote(n.split()[-1])}" for n in sample(names)],
        "actor (busiest first)": paths(speakers[:per_kind]),
        "actor, filtered": [f"{p}?relation=by&page=2" for p in paths(speakers[:per_kind])],
        "article": paths(sample(articles)),
        "article at a statement": [f"{to_path(s.rpartition('/statement/')[0], base)}?at={quote(s)}"
                                   for s in sample(statements)],
        "statement permalink": paths(sample(statements)),
        "statistic permalink": paths(sample(statistics_)),
        "roles": [f"/roles?page={i % 5 + 1}" for i in range(per_kind)],
        "conflicts": ["/conflicts"] * per_kind,
        "neighbourhood view": [f"{p}/graph" for p in paths(speakers[:per_kind])],
    }


def measure(base_url: str, urls: list[str]) -> list[float]:
    """Milliseconds to fetch each of ``urls`` in full."""
    times = []
    for url in urls:
        start = time.perf_counter()
        with urllib.request.urlopen(base_url + url) as response:
            response.read()
        times.append((time.perf_counter() - start) * 1000)
    return times


def write_results(label: str, target_ms: float, rows: list[tuple[str, int, float, float, float, float]]) -> None:
    """Replace the section of ``RESULTS.md`` holding this benchmark's table for ``label``
    (or add it at the end)."""
    heading = f"{HEADING} ({label})"
    worst = max(p95 for _, _, _, p95, _, _ in rows)
    table = [heading, "", f"{label}, served by waitress on loopback, fetched with urllib after one warm-up "
             f"request per kind (`benchmarks/web.py`); target p95 < {target_ms:.0f} ms: "
             f"{'met' if worst < target_ms else 'not met'} (worst p95 {worst:.0f} ms). "
             f"Load average at the end {' / '.join(f'{x:.1f}' for x in os.getloadavg())}.", "",
             "| page kind | pages | p50 ms | p95 ms | max ms | warm-up ms |", "|---|---:|---:|---:|---:|---:|"]
    table += [f"| {kind} | {n} | {p50:.0f} | {p95:.0f} | {top:.0f} | {warm:.0f} |"
              for kind, n, p50, p95, top, warm in rows]
    table += ["", "The warm-up is the kind's first request, which reads what the app keeps (the lists it "
              "reads once): a first visitor's wait."]
    text = RESULTS_MD.read_text("utf-8")
    head, sep, tail = text.partition(f"\n{heading}\n")
    rest = tail[tail.find("\n## "):] if sep and "\n## " in tail else ""
    RESULTS_MD.write_text(head.rstrip() + "\n\n" + "\n".join(table) + "\n" + rest, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--per-kind", type=int, default=40)
    parser.add_argument("--label", default="the store")
    parser.add_argument("--target-ms", type=float, default=300.0, help="the p95 each page kind should stay under")
    parser.add_argument("--kinds", help="only these page kinds, separated by ';' (e.g. 'conflicts;neighbourhood view')")
    args = parser.parse_args()
    urls = page_urls(args.store, args.per_kind)
    if args.kinds:
        urls = {kind: urls[kind] for kind in args.kinds.split(";")}
    app = flask.Flask("claimgraph-benchmark")
    graph.web.init_app(app, args.store)
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    base_url = f"http://127.0.0.1:{server.effective_port}"
    rows = []
    for kind, kind_urls in urls.items():
        warm = measure(base_url, kind_urls[:1])[0]
        times = sorted(measure(base_url, kind_urls))
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        rows.append((kind, len(times), statistics.median(times), p95, times[-1], warm))
        print(f"{kind:26} {len(times):4} p50 {rows[-1][2]:7.0f} ms  p95 {p95:7.0f} ms  max {times[-1]:7.0f} ms"
              f"  warm-up {warm:7.0f} ms", flush=True)
    server.close()
    write_results(args.label, args.target_ms, rows)


if __name__ == "__main__":
    main()
