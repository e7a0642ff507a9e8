"""Benchmark: building into SPARQL servers on loopback against the embedded store (issue 18, target 2).

Builds the same articles into the embedded store, the Oxigraph server and Debian's Virtuoso 7
(``make virtuoso``), each server started afresh with the test helpers, and prints each
build's seconds and its ratio to the embedded build in the same run. Each build runs in a
child process of its own that loads the spaCy model and warms it on the seeds first (not
timed), so ``--before DIR`` can time an earlier version of the code beside this one in the
same run (``DIR``: a copy of that version, e.g. ``git archive COMMIT | tar -x -C DIR``); the
builds take turns, one kind of store after the other. ``--write`` puts the table into this
script's section of ``benchmarks/RESULTS.md``.

    .venv/bin/python benchmarks/remote.py                       # seeds and the 295 Wikinews articles
    .venv/bin/python benchmarks/remote.py --limit 100 --before /tmp/before --write
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from results_md import write_section  # noqa: E402

HEADING = "## Building into SPARQL servers on loopback (`benchmarks/remote.py`)"
WIKINEWS = ROOT.parent / "shared" / "corpora" / "wikinews"
STORES = ("embedded", "oxigraph", "virtuoso")
TARGET = 1.3


def child(code: Path, kind: str, files: list[Path], workdir: Path) -> dict:
    """In this process: the build of ``files`` into a new store of ``kind`` with the code in
    ``code``, timed after the spaCy model is loaded and warmed; seconds, articles added and
    the HTTP requests the store made, by method and endpoint."""
    sys.path.insert(0, str(code))
    from graph.nlp import load_nlp
    from graph.pipeline import build
    from graph.rdf import remote
    from graph.rdf.open import open_store
    from tests.helpers import oxigraph_server, virtuoso_server

    requests: dict[str, int] = {}
    send = remote.RemoteStore._request

    def counted(self, url, method, *args, **kwargs):
        key = f"{method} {url.rsplit('/', 1)[-1].split('?')[0]}"
        requests[key] = requests.get(key, 0) + 1
        return send(self, url, method, *args, **kwargs)

    remote.RemoteStore._request = counted
    nlp = load_nlp()
    with open_store(workdir / "warm") as store:
        build([code / "seeds"], store, nlp=nlp)
    server = {"oxigraph": lambda: oxigraph_server("serve", "--location", str(workdir / "oxigraph")),
              "virtuoso": lambda: virtuoso_server(workdir / "virtuoso")}.get(kind)
    with server() if server else _Folder(workdir / "embedded") as location:
        start = time.perf_counter()
        with open_store(location) as store:
            report = build(files, store, nlp=nlp)
        took = time.perf_counter() - start
    if not report.ok:
        raise SystemExit(f"build into {kind} failed: {report.errors[:1]}")
    return {"seconds": took, "added": len(report.added), "requests": requests}


class _Folder:
    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> str:
        return str(self.path)

    def __exit__(self, *exc: object) -> None:
        return None


def timed(code: Path, kind: str, files: list[Path]) -> dict:
    """:func:`child` run in a child process (the Python of this one)."""
    with tempfile.TemporaryDirectory(prefix="cg-remote-") as tmp:
        listing = Path(tmp) / "files.txt"
        listing.write_text("\n".join(map(str, files)), "utf-8")
        out = subprocess.run([sys.executable, __file__, "--child", kind, "--code", str(code),
                              "--files", str(listing), "--workdir", tmp],
                             check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def measure(corpora: dict[str, list[Path]], codes: dict[str, Path]) -> dict[str, dict[str, dict]]:
    """Each corpus built into each kind of store with each version of the code: results by
    corpus, then by ``"KIND (VERSION)"``."""
    results: dict[str, dict[str, dict]] = {}
    for corpus, files in corpora.items():
        results[corpus] = {}
        for kind in STORES:
            for version, code in codes.items():
                name = f"{kind} ({version})" if len(codes) > 1 else kind
                got = results[corpus][name] = timed(code, kind, files)
                print(f"{corpus:15} {name:20} {got['added']:4} articles {got['seconds']:7.1f} s "
                      f"{got['requests']}", flush=True)
    return results


def section(results: dict[str, dict[str, dict]], codes: dict[str, Path]) -> str:
    """The Markdown section for RESULTS.md: seconds, ratio to the embedded build of the same
    version, and the HTTP requests of each build."""
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    rows, worst = [], {}
    for corpus, by_name in results.items():
        for version in codes:
            suffix = f" ({version})" if len(codes) > 1 else ""
            embedded = by_name[f"embedded{suffix}"]["seconds"]
            cells = []
            for kind in STORES:
                got = by_name[f"{kind}{suffix}"]
                ratio = got["seconds"] / embedded
                worst[version] = max(worst.get(version, 0.0), ratio)
                asked = sum(got["requests"].values())
                cells.append(f"{got['seconds']:.1f} s ({ratio:.2f}x)" + (f", {asked} requests" if asked else ""))
            rows.append(f"| {corpus} | {version} | " + " | ".join(cells) + " |")
    verdict = "; ".join(f"{v}: worst {w:.2f}x ({'yes' if w <= TARGET else 'no'})" for v, w in worst.items())
    return "\n".join([
        HEADING, "",
        "Whole builds (extraction included; each build in its own process, the spaCy model loaded and "
        "warmed on the seeds before the clock starts) into the embedded store and into each server started "
        "for the build on the same machine; ratios to the embedded build of the same code in the same run; "
        f"requests: the HTTP requests the remote store made. Load average at the end {load}.", "",
        "| articles | code | " + " | ".join(STORES) + " |", "|---" * (len(STORES) + 2) + "|", *rows, "",
        f"Issue 18 target 2, a build into a server within {TARGET}x of the embedded build: {verdict}.", ""])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds-only", action="store_true", help="skip the Wikinews corpus")
    parser.add_argument("--limit", type=int, default=0, help="the first N Wikinews articles only")
    parser.add_argument("--before", type=Path, help="a copy of an earlier version of the code, timed beside this one")
    parser.add_argument("--write", action="store_true", help="write the section into benchmarks/RESULTS.md")
    parser.add_argument("--child", choices=STORES, help=argparse.SUPPRESS)
    parser.add_argument("--code", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--files", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        files = [Path(line) for line in args.files.read_text("utf-8").splitlines()]
        print(json.dumps(child(args.code.resolve(), args.child, files, args.workdir)))
        return
    corpora = {"seeds (5)": [ROOT / "seeds"]}
    if not args.seeds_only:
        if not WIKINEWS.exists():
            raise SystemExit(f"needs the Wikinews corpus at {WIKINEWS} (or --seeds-only)")
        files = sorted(WIKINEWS.glob("*.txt"))[:args.limit or None]
        corpora[f"wikinews ({len(files)})"] = files
    codes = {"before": args.before.resolve(), "after": ROOT} if args.before else {"this": ROOT}
    text = section(measure(corpora, codes), codes)
    print(text)
    if args.write:
        write_section(HEADING, text)


if __name__ == "__main__":
    main()
