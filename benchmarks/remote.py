"""Benchmark: building into SPARQL servers on loopback against the embedded store (issue 18, target 2).

Starts the Oxigraph server and Debian's Virtuoso 7 (``make virtuoso``) with the test helpers,
builds the same articles into the embedded store and into each server with the spaCy model
loaded once, and prints each build's seconds and its ratio to the embedded build in the same
run. ``--write`` puts the table into its own section of ``benchmarks/RESULTS.md``.

    .venv/bin/python benchmarks/remote.py               # seeds and the 295 Wikinews articles
    .venv/bin/python benchmarks/remote.py --seeds-only --write
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from contextlib import AbstractContextManager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.nlp import load_nlp  # noqa: E402
from graph.pipeline import build  # noqa: E402
from graph.rdf.open import open_store  # noqa: E402
from results_md import RESULTS_MD, write_section  # noqa: E402
from tests.helpers import oxigraph_server, virtuoso_server  # noqa: E402

HEADING = "## Building into SPARQL servers on loopback (`benchmarks/remote.py`)"
WIKINEWS = ROOT.parent / "shared" / "corpora" / "wikinews"
TARGET = 1.3


def servers(workdir: Path) -> dict[str, AbstractContextManager[str]]:
    """The stores to build into, by name: the embedded one's folder and each started server."""
    return {"embedded": _folder(workdir / "embedded"),
            "oxigraph": oxigraph_server("serve", "--location", str(workdir / "oxigraph")),
            "virtuoso": virtuoso_server(workdir / "virtuoso")}


class _folder(AbstractContextManager[str]):
    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> str:
        return str(self.path)

    def __exit__(self, *exc: object) -> None:
        return None


def timed_build(location: str, paths: list[Path], nlp) -> tuple[float, int]:
    """Seconds to build ``paths`` into a new store at ``location``, and the articles added."""
    start = time.perf_counter()
    with open_store(location) as store:
        report = build(paths, store, nlp=nlp)
    if not report.ok:
        raise SystemExit(f"build into {location} failed: {report.errors[:1]}")
    return time.perf_counter() - start, len(report.added)


def measure(corpora: dict[str, list[Path]]) -> dict[str, dict[str, float]]:
    """Seconds per corpus and store, each store started afresh per corpus."""
    nlp = load_nlp()
    with tempfile.TemporaryDirectory(prefix="cg-warm-") as tmp:
        timed_build(tmp + "/store", [ROOT / "seeds"], nlp)  # first calls load word lists and warm spaCy
    seconds: dict[str, dict[str, float]] = {}
    for corpus, paths in corpora.items():
        seconds[corpus] = {}
        with tempfile.TemporaryDirectory(prefix="cg-remote-") as tmp:
            for name, server in servers(Path(tmp) / corpus).items():
                with server as location:
                    took, added = timed_build(location, paths, nlp)
                seconds[corpus][name] = took
                print(f"{corpus:9} {name:9} {added:4} articles {took:7.1f} s "
                      f"{took / seconds[corpus]['embedded']:5.2f}x", flush=True)
    return seconds


def section(seconds: dict[str, dict[str, float]]) -> str:
    """The Markdown section for RESULTS.md."""
    names = list(next(iter(seconds.values())))
    rows = [f"| {corpus} | " + " | ".join(f"{s[n]:.1f} s ({s[n] / s['embedded']:.2f}x)" for n in names) + " |"
            for corpus, s in seconds.items()]
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    worst = max(s[n] / s["embedded"] for s in seconds.values() for n in names)
    return "\n".join([
        HEADING, "",
        "Whole builds (extraction included, the spaCy model loaded and warmed once) into the embedded store and "
        "into each server started for the run on the same machine, one after the other; ratios to the "
        f"embedded build in the same run. Load average at the end {load}.", "",
        "| articles | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|", *rows, "",
        f"Issue 18 target 2, a build into a server within {TARGET}x of the embedded build: worst "
        f"{worst:.2f}x ({'yes' if worst <= TARGET else 'no'}), with the current writer (one request "
        "per graph written, per-article identity reads).", ""])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds-only", action="store_true", help="skip the Wikinews corpus")
    parser.add_argument("--write", action="store_true", help=f"write the section into {RESULTS_MD}")
    args = parser.parse_args()
    corpora = {"seeds (5)": [ROOT / "seeds"]}
    if not args.seeds_only:
        if not WIKINEWS.exists():
            raise SystemExit(f"needs the Wikinews corpus at {WIKINEWS} (or --seeds-only)")
        corpora["wikinews (295)"] = sorted(WIKINEWS.glob("*.txt"))
    text = section(measure(corpora))
    print(text)
    if args.write:
        write_section(HEADING, text)


if __name__ == "__main__":
    main()
