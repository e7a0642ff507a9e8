"""Writer throughput (issue 18): identity, mapping and writing, extraction excluded.

The 295 Wikinews articles are parsed and extracted once (records pickled in the workdir);
then copies of their records are replayed through the writing half of a build
(:func:`graph.pipeline.write_batches`) into one embedded store, growing it to each size
asked for. Copy ``k`` of an article renames the capitalised words of its names that are not
common words after variant ``k % VARIANTS`` (as ``benchmarks/run.py`` does to texts), so
identities recur across copies and frequent actors ("United States" style names, made of
common words) grow with the store, as in a real corpus.

For each size the rate is measured over the last ``--window`` articles written before the
store reached it (the rate at that size, not the average since the start; the CPU time
spent making the copies, the benchmark's own work, left out), with the peak
resident memory of the process so far and the store's size on disk. The ratios (rate at the
largest size vs the smallest, peak memory at the largest vs the second largest) are printed
and written to ``benchmarks/RESULTS.md`` in this script's own section.

    .venv/bin/python benchmarks/writer.py --sizes 1000,10000 --workdir /tmp/cg-writer
    .venv/bin/python benchmarks/writer.py --sizes 1000,10000,100000 --keep
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import hashlib
import pickle
import re
import resource
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT)]

from results_md import write_section  # noqa: E402
from run import MONTHS, SYLLABLES, VARIANTS, _common_words, _du, machine, wikinews_files  # noqa: E402

SECTION = "## Writer throughput (issue 18): records replayed into stores of growing size"
TARGETS = {"rate": 100.0, "rate_ratio": 0.8, "memory_ratio": 1.2}
#: The size from which the writer's peak memory should stay flat (issue 18: within 20 % from 10k to 100k).
MEMORY_FROM = 10_000
#: Articles per batch handed to the writer, as a build's extraction batches.
BATCH = 16


#: The writer's parts timed by ``--parts`` (module, attribute path, as printed): each call's
#: CPU time in the thread that runs it (the store's writes run in the writing thread, the
#: rest in the planning one), summed per window. ``write_article`` includes its own store
#: writes, ``_plan`` the functions listed after it.
PARTS = [("graph.rdf.store", "Store.change", "store writes"), ("graph.rdf.store", "Store.ingest", "store ingestions"),
         ("graph.writer", "ActorIndex.rewritten", "index after write_article"), ("graph.rdf.store", "Store.flush", "store flushes"),
         ("graph.rdf.store", "Store.checkpoint", "checkpoints"), ("graph.writer", "write_article", "write_article"),
         ("graph.writer", "Writer._plan", "_plan"), ("graph.writer", "ActorIndex.context", "context"),
         ("graph.writer", "resolve", "resolve"), ("graph.writer", "_same_reasons", "_same_reasons"),
         ("graph.writer", "article_lines", "to_quads"), ("graph.writer", "index_lines", "index_quads"),
         ("graph.writer", "key_lines", "key_quads")]


class Parts:
    """Thread CPU time spent in each of :data:`PARTS`, while active (:meth:`timed`)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = dict.fromkeys((label for *_, label in PARTS), 0.0)
        self._lock = threading.Lock()

    @contextlib.contextmanager
    def timed(self) -> Iterator[None]:
        """Wrap every part's function for the duration."""
        import importlib

        saved = []
        for module, path, label in PARTS:
            owner = importlib.import_module(module)
            *outer, name = path.split(".")
            for attr in outer:
                owner = getattr(owner, attr)
            saved.append((owner, name, getattr(owner, name)))
            setattr(owner, name, self._wrap(getattr(owner, name), label))
        try:
            yield
        finally:
            for owner, name, real in reversed(saved):
                setattr(owner, name, real)

    def _wrap(self, real, label: str):
        def timed(*args, **kwargs):
            start = time.thread_time()
            try:
                return real(*args, **kwargs)
            finally:
                with self._lock:
                    self.seconds[label] += time.thread_time() - start
        return timed

    def snapshot(self) -> dict[str, float]:
        with self._lock:
            return dict(self.seconds)


def records(workdir: Path) -> list:
    """The extracted records of the Wikinews articles, parsed once and cached in ``workdir``."""
    cache = workdir / "records.pkl"
    if cache.is_file():
        return pickle.loads(cache.read_bytes())
    from graph.extract import extract, parse
    from graph.ingest import iter_articles
    from graph.nlp import load_nlp

    articles = [a for a in iter_articles(wikinews_files()) if not isinstance(a, Exception)]
    found = [extract(article, doc) for article, doc in parse(articles, load_nlp())]
    cache.write_bytes(pickle.dumps(found))
    return found


class Renamer:
    """Names of copy ``k``: capitalised uncommon words renamed after variant ``k % VARIANTS``."""

    def __init__(self, common: set[str]) -> None:
        self.common = common

    def __call__(self, text: str, copy: int) -> str:
        if copy == 0:
            return text
        variant = copy % VARIANTS

        def name(match: re.Match) -> str:
            word = match.group()
            if word.lower() in self.common or word in MONTHS:
                return word
            digest = hashlib.sha256(f"{word}/{variant}".encode()).digest()
            return "".join(SYLLABLES[b % len(SYLLABLES)] for b in digest[: 2 + len(word) // 4]).capitalize()

        return re.sub(r"\b[A-Z][a-z]{2,}\b", name, text)


def replayed(record, copy: int, rename: Renamer):
    """Copy ``copy`` of a record: its own id and file, its names varied (spans kept)."""
    if copy == 0:
        return record
    r = dataclasses.replace
    article = record.article
    stem = article.source_file.rsplit(".", 1)[0]
    article = r(article, id=f"{article.id}-v{copy:04d}", source_file=f"{stem}-v{copy:04d}.txt", path=None)
    entities = [r(e, name=rename(e.name, copy), aliases={rename(a, copy) for a in e.aliases},
                  mentions=[r(m, text=rename(m.text, copy)) for m in e.mentions],
                  evidence=[(rename(a, copy), why) for a, why in e.evidence]) for e in record.entities]
    return r(record, article=article, entities=entities)


def stream(base: list, count: int, rename: Renamer, spent: list[float] | None = None) -> Iterator[list]:
    """``count`` replayed records as extraction results, in batches of :data:`BATCH`.

    Args:
        spent: Its first item gathers the CPU time spent making the copies (renaming their
            names: about 2 ms a copy), which runs in the writer's planning thread, as the
            build's extraction would, but is this benchmark's work, not the writer's.
    """
    from graph.parallel import Extracted

    batch = []
    for n in range(count):
        start = time.thread_time()
        copy, index = divmod(n, len(base))
        record = replayed(base[index], copy, rename)
        batch.append(Extracted(record.article, record, words=0))
        if spent is not None:
            spent[0] += time.thread_time() - start
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def fill(store_dir: Path, base: list, sizes: list[int], window: int, url: str | None = None,
         before: bool = False, parts: Parts | None = None) -> list[dict]:
    """Grow one store through every size; the rate, memory and size at each.

    Args:
        store_dir: The embedded store's folder (the server's, with ``url``).
        base: The records replayed.
        sizes: Store sizes at which to measure.
        window: Articles the rate at each size is measured over.
        url: Write into the SPARQL server at this URL instead of an embedded store.
        before: Write each article alone with :func:`graph.identity.write_article`, as
            builds did before :class:`graph.writer.Writer` (for a before/after in one run).
        parts: Time the writer's parts (:class:`Parts`): each row then has ``parts``, label
            -> ms of CPU per article over its window.
    """
    from graph.overrides import Overrides
    from graph.pipeline import BuildReport, write_batches
    from graph.rdf.ids import Ids
    from graph.rdf.open import open_store

    rename = Renamer(_common_words(wikinews_files()))
    rows: list[dict] = []
    marks: dict[int, float] = {}
    cpu: dict[int, float] = {}
    main: dict[int, float] = {}  # CPU time of this (the planning) thread alone
    spent = [0.0]  # CPU time making the replayed copies (see stream)
    replay: dict[int, float] = {}  # ... so far
    timed: dict[int, dict[str, float]] = {}  # parts' CPU so far
    written = 0
    todo = sorted(sizes)

    def progress(n: int) -> None:
        nonlocal written
        written += n
        now = time.perf_counter()
        marks[written] = now
        cpu[written], main[written], replay[written] = time.process_time(), time.thread_time(), spent[0]
        if parts:
            timed[written] = parts.snapshot()
        while todo and written >= todo[0]:
            size = todo.pop(0)
            start = max(m for m in marks if m <= max(0, size - min(window, size)))  # batches end on marks
            copying = replay[written] - replay[start]  # the benchmark's own work: left out of every figure
            rows.append({"articles": size, "window": size - start, "seconds": now - marks[start] - copying,
                         "rate": (size - start) / (now - marks[start] - copying), "peak_rss": _peak_rss(),
                         "cpu_ms": 1000 * (cpu[written] - cpu[start] - copying) / (size - start),
                         "main_ms": 1000 * (main[written] - main[start] - copying) / (size - start),
                         "replay_ms": 1000 * copying / (size - start), "store_bytes": _du(store_dir)})
            if parts:
                rows[-1]["parts"] = {k: 1000 * (v - timed[start][k]) / (size - start) for k, v in timed[written].items()}
                _say("  ms CPU per article: " + ", ".join(f"{k} {v:.1f}" for k, v in rows[-1]["parts"].items()))
            _say(f"{size:>7} articles: {rows[-1]['rate']:.1f} articles/s over the last {size - start}, "
                 f"{rows[-1]['cpu_ms']:.0f} ms CPU each ({rows[-1]['main_ms']:.0f} ms in the main thread, "
                 f"{rows[-1]['cpu_ms'] - rows[-1]['main_ms']:.0f} in the others; "
                 f"making the copies, left out, {rows[-1]['replay_ms']:.1f} ms more), "
                 f"peak {rows[-1]['peak_rss'] / 2**20:.0f} MiB, store {rows[-1]['store_bytes'] / 2**20:.0f} MiB")
        if written % 1000 == 0:
            _say(f"{written} written")

    if url is None:
        shutil.rmtree(store_dir, ignore_errors=True)
    report = BuildReport()
    with open_store(url or store_dir) as store:
        marks[0], cpu[0], main[0], replay[0] = time.perf_counter(), time.process_time(), time.thread_time(), 0.0
        timed[0] = parts.snapshot() if parts else {}
        if before:
            from graph.identity import write_article

            for batch in stream(base, max(sizes), rename, spent):
                for result in batch:
                    write_article(store, result.record, Ids(), Overrides())
                    progress(1)
        else:
            write_batches(stream(base, max(sizes), rename, spent), store, Ids(), Overrides(), report, _say, progress)
        if report.errors:
            raise RuntimeError(f"{len(report.errors)} articles failed, first: {report.errors[0]}")
    return rows


def remote_ratio(workdir: Path, base: list, count: int) -> dict:
    """Seconds to write ``count`` replayed articles into an embedded store and into an
    Oxigraph server on loopback (the ``oxigraph`` binary beside the venv's python), side by side."""
    from tests.helpers import oxigraph_server

    embedded = fill(workdir / "ratio-embedded", base, [count], count)[0]
    server_dir = workdir / "ratio-server"
    shutil.rmtree(server_dir, ignore_errors=True)
    with oxigraph_server("serve", "--location", str(server_dir)) as url:
        remote = fill(server_dir, base, [count], count, url=url)[0]
    shutil.rmtree(workdir / "ratio-embedded", ignore_errors=True)
    return {"articles": count, "embedded_s": embedded["seconds"], "remote_s": remote["seconds"],
            "ratio": remote["seconds"] / embedded["seconds"]}


def _peak_rss() -> int:
    """This process's peak resident memory, in bytes."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def render(rows: list[dict], remote: dict | None, commit: str, load: tuple, before: dict | None = None) -> str:
    """The RESULTS.md section."""
    lines = [SECTION, "",
             f"Commit {commit}, {machine()['cores']} cores, load average {' / '.join(f'{x:.1f}' for x in load)} at the end. "
             "Records of the 295 Wikinews articles extracted once and replayed with varied names "
             "(`benchmarks/writer.py`) through `graph.pipeline.write_batches` into one embedded store; "
             "the rate at each size is over the last articles written before it, with the writer's CPU "
             "time per article (the machine is shared: CPU time is the steadier figure), all threads' and "
             "the planning (main) thread's, and the other threads' (the writing thread, and RocksDB's compactions, "
             "which merge what each ingestion added into the store's levels): on two cores the rate is bound by "
             "the larger of the planning thread's CPU and half of all threads'. "
             "Making the replayed copies (renaming their names) runs in the planning thread, as a build's "
             "extraction would, but is the benchmark's work: its CPU time is left out of the rate and the "
             "CPU figures, and shown apart.", "",
             "| articles | rate (articles/s) | CPU per article | of which the planning thread | the other threads | "
             "over | peak memory | store size | making the copies (left out) |",
             "|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        lines.append(f"| {row['articles']:,} | {row['rate']:.1f} | {row['cpu_ms']:.1f} ms | {row['main_ms']:.1f} ms | "
                     f"{row['cpu_ms'] - row['main_ms']:.1f} ms | last {row['window']:,} | "
                     f"{row['peak_rss'] / 2**20:,.0f} MiB | {row['store_bytes'] / 2**20:,.0f} MiB | "
                     f"{row['replay_ms']:.1f} ms |")
    lines.append("")
    if rows and "parts" in rows[0]:
        labels = list(rows[0]["parts"])
        lines += ["CPU per article by part (`--parts`: ms in the thread running it, over the same windows):", "",
                  "| part | " + " | ".join(f"{r['articles']:,}" for r in rows) + " |",
                  "|---|" + "---|" * len(rows)]
        lines += [f"| {label} | " + " | ".join(f"{r['parts'][label]:.1f}" for r in rows) + " |" for label in labels]
        lines.append("")
    if before:
        same = next((r for r in rows if r["articles"] == before["articles"]), None)
        lines += [f"Before (each article written alone by `write_article`, same run): {before['rate']:.1f} articles/s, "
                  f"{before['cpu_ms']:.1f} ms CPU per article at {before['articles']:,}"
                  + (f"; after: {same['rate']:.1f} articles/s, {same['cpu_ms']:.1f} ms ({same['rate'] / before['rate']:.1f}x)."
                     if same else "."), ""]
    if len(rows) >= 2:
        first, last = rows[0], rows[-1]
        ratio = last["rate"] / first["rate"]
        # the measure: from 10,000 articles (when measured) to the largest size
        since = next((r for r in rows[:-1] if r["articles"] == MEMORY_FROM), rows[-2])
        memory = last["peak_rss"] / since["peak_rss"]
        lines.append(f"Rate at {last['articles']:,} vs {first['articles']:,}: {ratio:.2f}x (target >= "
                     f"{TARGETS['rate_ratio']}: {'yes' if ratio >= TARGETS['rate_ratio'] else 'no'}); "
                     f"peak memory at {last['articles']:,} vs {since['articles']:,}: {memory:.2f}x (target <= "
                     f"{TARGETS['memory_ratio']}: {'yes' if memory <= TARGETS['memory_ratio'] else 'no'}); "
                     f"slowest rate {min(r['rate'] for r in rows):.1f} articles/s (target >= {TARGETS['rate']:.0f}: "
                     f"{'yes' if min(r['rate'] for r in rows) >= TARGETS['rate'] else 'no'}).")
        lines.append("")
    if remote:
        lines += [f"Into an Oxigraph server on loopback vs the embedded store, {remote['articles']:,} articles from "
                  f"empty: {remote['remote_s']:.1f} s vs {remote['embedded_s']:.1f} s, {remote['ratio']:.2f}x "
                  f"(target <= 1.3: {'yes' if remote['ratio'] <= 1.3 else 'no'}).", ""]
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    import os
    import subprocess

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000", help="store sizes, in articles")
    parser.add_argument("--window", type=int, default=1000, help="articles the rate at each size is measured over")
    parser.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "claimgraph-writer"))
    parser.add_argument("--keep", action="store_true",
                        help="keep the store as WORKDIR/store-N (N the largest size: run.py --only query reads it)")
    parser.add_argument("--remote", type=int, default=0,
                        help="also write this many articles into an Oxigraph server and into an embedded store, timed")
    parser.add_argument("--before", type=int, default=0,
                        help="then fill a store of this many articles writing each alone (write_article), "
                             "as builds did before graph.writer, for a before/after in one run")
    parser.add_argument("--no-results", action="store_true", help="print only; leave RESULTS.md alone")
    parser.add_argument("--parts", action="store_true",
                        help="also time the writer's parts (store writes, identity, mapping) per window")
    args = parser.parse_args(argv)
    sizes = sorted(int(n) for n in args.sizes.split(",") if n)
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    base = records(workdir)
    store_dir = workdir / f"store-{sizes[-1]}"
    remote = remote_ratio(workdir, base, args.remote) if args.remote else None
    parts = Parts() if args.parts else None
    with parts.timed() if parts else contextlib.nullcontext():
        rows = fill(store_dir, base, sizes, args.window, parts=parts)
    old = None
    if args.before:  # after the measured fill, whose peak memory it would otherwise raise
        _say(f"before: {args.before} articles written alone")
        old = fill(workdir / "store-before", base, [args.before], args.window, before=True)[0]
        shutil.rmtree(workdir / "store-before", ignore_errors=True)
    if not args.keep:
        shutil.rmtree(store_dir, ignore_errors=True)
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    table = render(rows, remote, commit, os.getloadavg(), old)
    print(table)
    if not args.no_results:
        write_section(SECTION, table)


if __name__ == "__main__":
    main(sys.argv[1:])
