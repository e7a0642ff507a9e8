"""Benchmark: `claimgraph export` from a Wikinews-sized store on SPARQL servers (issue 18, target 2).

Copies the quads of a built embedded store (every article's graph and index graph, then the
default graph; not the text graphs, see :data:`COPIED`) into the Oxigraph server and Debian's Virtuoso 7 (``make virtuoso``), both started with the
test helpers, then exports from each server through the remote store, which reads graph by
graph, and checks that the bytes equal the embedded store's export. Prints the seconds of
each step; ``--write`` puts the table into its own section of ``benchmarks/RESULTS.md``.

    .venv/bin/python benchmarks/remote_export.py --store ./graph-store --write
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from contextlib import AbstractContextManager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.rdf._terms import DEFAULT_GRAPH, own_graphs  # noqa: E402
from graph.rdf.open import open_store  # noqa: E402
from graph.rdf.remote import RemoteStore  # noqa: E402
from results_md import RESULTS_MD, write_section  # noqa: E402
from tests.helpers import oxigraph_server, virtuoso_server  # noqa: E402

HEADING = "## Exporting from SPARQL servers graph by graph (`benchmarks/remote_export.py`)"
#: The export options measured: the public graphs only, and with the index graphs.
EXPORTS = {"export": (False, False), "export --with-index": (True, False)}
#: Which of an article's graphs (:func:`graph.rdf._terms.own_graphs`) are copied: its public
#: graph and its index graph. Not its text graph: Virtuoso 7's Graph Store endpoint refuses a
#: graph holding a literal over about 64 KB (one long article's text), answering
#: "unsupported type text/plain".
COPIED = slice(0, 2)


def servers(workdir: Path) -> dict[str, AbstractContextManager[str]]:
    """The servers to copy the store into, by name, each started in its own folder."""
    return {"oxigraph": oxigraph_server("serve", "--location", str(workdir / "oxigraph")),
            "virtuoso": virtuoso_server(workdir / "virtuoso")}


def copy(source, target: RemoteStore) -> int:
    """Copy every article's :data:`COPIED` graphs and the default graph of ``source`` into ``target``;
    the quads copied."""
    copied = 0
    for article in source.articles():
        quads = [q for graph in own_graphs(article)[COPIED] for q in source.quads(graph=graph)]
        target.replace_article(article, quads)
        copied += len(quads)
    default = source.quads(graph=DEFAULT_GRAPH)
    target.change([], default)
    return copied + len(default)


def export(store, with_index: bool, with_text: bool) -> bytes:
    out = io.BytesIO()
    store.export("nquads", out, with_index=with_index, with_text=with_text)
    return out.getvalue()


def measure(location: Path) -> tuple[dict[str, dict[str, float]], int]:
    """Seconds to copy the store into each server and to export from it, and the quads copied."""
    with open_store(str(location), create=False, read_only=True) as source:
        expected = {name: export(source, *options) for name, options in EXPORTS.items()}
        seconds: dict[str, dict[str, float]] = {}
        with tempfile.TemporaryDirectory(prefix="cg-export-") as tmp:
            for name, server in servers(Path(tmp)).items():
                with server as url, open_store(url) as target:
                    start = time.perf_counter()
                    quads = copy(source, target)
                    seconds[name] = {"copy": time.perf_counter() - start}
                    for label, options in EXPORTS.items():
                        start = time.perf_counter()
                        got = export(target, *options)
                        seconds[name][label] = time.perf_counter() - start
                        if got != expected[label]:
                            raise SystemExit(f"{name}: `{label}` differs from the embedded store's export")
                print(name, {k: round(v, 1) for k, v in seconds[name].items()}, flush=True)
    return seconds, quads


def section(seconds: dict[str, dict[str, float]], quads: int, location: Path) -> str:
    """The Markdown section for RESULTS.md."""
    steps = list(next(iter(seconds.values())))
    rows = [f"| {name} | " + " | ".join(f"{s[step]:.1f} s" for step in steps) + " |" for name, s in seconds.items()]
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    return "\n".join([
        HEADING, "",
        f"The store `{location}` ({quads:,} quads: every article's graph and index graph, and the default graph; "
        "not the text graphs, one of which Virtuoso refuses, see the script) copied into "
        "each server started for the run on loopback (one `PUT` per graph), then exported through the remote "
        "store, which reads one graph per request; every export equal, byte for byte, to the embedded "
        f"store's. Load average at the end {load}.", "",
        "| server | " + " | ".join(f"`{step}`" if step != "copy" else "copy" for step in steps) + " |",
        "|---" * (len(steps) + 1) + "|", *rows, "",
        "Before (main 694500e), an export read every quad in one answer, which Virtuoso took 174 s to "
        "write for this store's public graphs (\"Building into SPARQL servers on loopback\" above), over "
        "the remote store's 120 s request timeout. Graph by graph, the longest answer is the default "
        "graph's; Virtuoso's total is about the same, its rate of writing results being the limit.", ""])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="a built embedded store (read, not changed)")
    parser.add_argument("--write", action="store_true", help=f"write the section into {RESULTS_MD}")
    args = parser.parse_args()
    seconds, quads = measure(args.store)
    text = section(seconds, quads, args.store)
    print(text)
    if args.write:
        write_section(HEADING, text)


if __name__ == "__main__":
    main()
