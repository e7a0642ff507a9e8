"""The store's own cost of an article: what the writer's groups cost to ingest, planning excluded.

The writer (``graph.writer``) hands the store groups of N-Quads text, each ingested by
Oxigraph's bulk loader; RocksDB then merges the files of every ingestion into its levels in
background threads (compactions), which no thread of ours accounts for. This script
measures that cost alone, and how it depends on the size of the groups:

1. replays ``--articles`` records through the writer (as ``benchmarks/writer.py`` does) and
   keeps the text of every group it ingests (``WORKDIR/groups``);
2. for each multiple ``k`` of ``--groups``, ingests those texts into a fresh store, ``k``
   groups at a time, in a child process: its CPU time (every thread's, those ended
   included), its peak memory, the wall time until the compactions have settled, and the
   store's size.

The figures are CPU per article (all threads, and the calling thread alone); with two
cores, an article's planning (``benchmarks/writer.py``'s planning thread) and its share of
these must together stay under 20 ms for 100 articles a second.

    .venv/bin/python benchmarks/store_floor.py --articles 10000 --groups 1,3,8
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT)]

#: How an article's graph is told apart in the groups' text: the line of its content hash.
ARTICLE_LINE = "<https://w3id.org/claimgraph/ontology#contentHash>"


def capture(workdir: Path, articles: int) -> list[Path]:
    """Replay ``articles`` records through the writer into a scratch store, keeping each
    group's text as ``WORKDIR/groups/gNNNNN.nq``; the files, in order."""
    import writer as bench

    from graph.rdf import store as store_module

    folder = workdir / "groups"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    real = store_module.Store.ingest
    count = 0

    def ingest(self, add: str) -> None:  # the writer hands its groups over as N-Quads text
        nonlocal count
        (folder / f"g{count:05d}.nq").write_text(add, encoding="utf-8")
        count += 1
        real(self, add)

    store_module.Store.ingest = ingest
    try:
        bench.fill(workdir / "scratch", bench.records(workdir), [articles], articles)
    finally:
        store_module.Store.ingest = real
        shutil.rmtree(workdir / "scratch", ignore_errors=True)
    return sorted(folder.glob("g*.nq"))


def ingest(files: list[str], k: int, dest: str) -> dict:
    """Ingest ``files`` into a fresh store at ``dest``, ``k`` at a time (run in a child process)."""
    import pyoxigraph as ox

    shutil.rmtree(dest, ignore_errors=True)
    store = ox.Store(dest)
    articles = quads = 0
    start = time.perf_counter()
    for i in range(0, len(files), k):
        text = "".join(Path(f).read_text(encoding="utf-8") for f in files[i:i + k])
        articles += text.count(ARTICLE_LINE)
        quads += text.count("\n")
        store.bulk_load(text, format=ox.RdfFormat.N_QUADS, lenient=True)
    ingested = time.perf_counter() - start
    main = time.thread_time()
    while True:  # until RocksDB's compactions have ended: no CPU spent for a whole second
        before = _cpu()
        time.sleep(1.0)
        if _cpu() - before < 0.02:
            break
    settled = time.perf_counter() - start - 1.0
    del store
    return {"k": k, "articles": articles, "quads": quads, "ingest_s": ingested, "settled_s": settled,
            "cpu_ms": 1000 * _cpu() / articles, "main_ms": 1000 * main / articles,
            "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "store_mib": sum(p.stat().st_size for p in Path(dest).rglob("*") if p.is_file()) / 2**20}


def _cpu() -> float:
    """This process's CPU seconds, every thread's, those ended included."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def render(rows: list[dict]) -> str:
    """The figures as a Markdown table, each against the first row's."""
    first = rows[0]
    lines = ["| groups per ingestion | quads per ingestion | CPU per article (all threads) | calling thread | "
             "vs the first | wall until compactions end | peak memory | store |",
             "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['k']} | {r['quads'] / max(1, r['ingestions']):,.0f} | {r['cpu_ms']:.1f} ms | "
                     f"{r['main_ms']:.1f} ms | {r['cpu_ms'] / first['cpu_ms']:.2f}x | {r['settled_s']:.0f} s | "
                     f"{r['peak_mib']:,.0f} MiB | {r['store_mib']:,.0f} MiB |")
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    if argv[:1] == ["_ingest"]:
        _, k, dest, listing = argv
        print(json.dumps(ingest(Path(listing).read_text().split(), int(k), dest)))
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=5000, help="replayed articles whose groups are ingested")
    parser.add_argument("--groups", default="1,8", help="groups per ingestion, one measurement each")
    parser.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "claimgraph-store-floor"))
    parser.add_argument("--reuse", action="store_true", help="ingest the groups kept in WORKDIR by an earlier run")
    args = parser.parse_args(argv)
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    files = sorted((workdir / "groups").glob("g*.nq")) if args.reuse else capture(workdir, args.articles)
    if not files:
        raise SystemExit(f"no groups in {workdir / 'groups'}: run without --reuse first")
    listing = workdir / "groups.txt"
    listing.write_text("\n".join(str(f) for f in files))
    rows = []
    for k in (int(n) for n in args.groups.split(",") if n):
        out = subprocess.run([sys.executable, __file__, "_ingest", str(k), str(workdir / f"store-{k}"), str(listing)],
                             capture_output=True, text=True, check=True).stdout
        row = json.loads(out.strip().splitlines()[-1])
        row["ingestions"] = -(-len(files) // k)
        shutil.rmtree(workdir / f"store-{k}", ignore_errors=True)
        print(f"{k} groups per ingestion: {row}", file=sys.stderr, flush=True)
        rows.append(row)
    print(f"{len(files)} groups of the writer, {rows[0]['articles']:,} articles, {rows[0]['quads']:,} quads; "
          f"load average {' / '.join(f'{x:.1f}' for x in os.getloadavg())} at the end\n")
    print(render(rows))


if __name__ == "__main__":
    main(sys.argv[1:])
