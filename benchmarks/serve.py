"""Served query speed: `claimgraph serve` against the previous server and the Oxigraph server.

All three serve the same store on loopback, each in its own process, measured in rounds
that take turns (so load from other processes on the machine hits all of them alike):

- p50 latency of a simple query, one client, sequential requests on one keep-alive connection;
- requests/s with 16 concurrent clients (keep-alive connections), every answer checked 200.

The previous server is ``graph/server.py`` as of commit ``BASELINE`` (read with ``git show``;
measured with ``--previous``), the Oxigraph server is ``oxigraph serve-read-only
--union-default-graph``. With ``--before REV``, ``claimgraph serve`` as of commit ``REV``
(extracted with ``git archive``) takes its turns too, for before -> after figures in one run. With ``--bare``,
bare HTTP stacks answering a fixed body take their turns too (waitress, waitress with Flask,
and granian when it is installed), and the query worker's own work is timed in-process, to
show where ``claimgraph serve``'s time goes. Figures are printed, written to
``benchmarks/serve.json`` and, as a section, to ``benchmarks/RESULTS.md``.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/serve.py --store ./graph-store --rounds 3 --bare --before main
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from results_md import write_section

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
BASELINE = "23b681b"
SECTION = "## Served queries (2026-12-05, session 9, serve9): the last of three runs (known-fast GET queries answered on the reading thread)"
#: The same text for every server (the Oxigraph server predeclares no prefixes).
QUERY = ("PREFIX schema: <https://schema.org/> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
         "SELECT ?p ?name WHERE { ?p a schema:Person ; rdfs:label ?name } LIMIT 10")
#: Bare HTTP stacks answering every request with a fixed body of a similar size (``--bare``):
#: what the HTTP layer alone costs. granian is measured only when it is installed.
BARE = """
from flask import Flask

BODY = b"x" * 600


def bare(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(BODY)))])
    return [BODY]


flask_app = Flask(__name__)
flask_app.add_url_rule("/sparql", "sparql", lambda: BODY)

if __name__ == "__main__":
    import sys
    import waitress

    waitress.serve(bare if sys.argv[2] == "bare" else flask_app, host="127.0.0.1", port=int(sys.argv[1]), threads=8,
                   _quiet=True)
"""
BARE_SERVERS = ("waitress bare", "waitress+Flask bare", "granian bare", "granian+Flask bare")
PREVIOUS = """
import sys
sys.path.insert(0, {folder!r})
from previous_server import SparqlServer
if __name__ == "__main__":
    SparqlServer({store!r}, port={port}).serve_forever()
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(name: str, store: Path, work: Path) -> tuple[subprocess.Popen, int, str]:
    """Start server ``name`` on a free port; its process, port and query path."""
    port = free_port()
    if name == "oxigraph":
        command = [str(BIN / "oxigraph"), "serve-read-only", "--location", str(store),
                   "--bind", f"127.0.0.1:{port}", "--union-default-graph"]
        path = "/query"
    elif name == "previous":
        source = subprocess.run(["git", "show", f"{BASELINE}:graph/server.py"], cwd=ROOT, check=True,
                                capture_output=True, text=True).stdout
        (work / "previous_server.py").write_text(source, "utf-8")
        runner = work / "run_previous.py"
        runner.write_text(PREVIOUS.format(folder=str(work), store=str(store), port=port), "utf-8")
        command, path = [sys.executable, str(runner)], "/sparql"
    elif name.startswith("claimgraph "):  # claimgraph at an earlier commit: "claimgraph REV"
        tree = work / name.split()[1]
        if not tree.exists():
            tree.mkdir()
            archive = subprocess.run(["git", "archive", name.split()[1]], cwd=ROOT, check=True, capture_output=True)
            subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
        command = [sys.executable, "-m", "graph.cli", "serve", "--store", str(store), "--port", str(port)]
        process = subprocess.Popen(command, cwd=tree, env={**os.environ, "PYTHONPATH": _path(tree)},
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return _ready(name, process, port, "/sparql")
    elif name in BARE_SERVERS:
        (work / "bare_apps.py").write_text(BARE, "utf-8")
        app = "flask_app" if "Flask" in name else "bare"
        command = ([sys.executable, "-m", "granian", "--interface", "wsgi", "--port", str(port), "--blocking-threads", "8",
                    f"bare_apps:{app}"] if name.startswith("granian") else
                   [sys.executable, str(work / "bare_apps.py"), str(port), app.split("_")[0]])
        process = subprocess.Popen(command, cwd=work, env={**os.environ, "PYTHONPATH": _path(work)},
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return _ready(name, process, port, "/sparql")
    else:  # this tree's claimgraph
        command = [sys.executable, "-m", "graph.cli", "serve", "--store", str(store), "--port", str(port)]
        process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "PYTHONPATH": _path(ROOT)},
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return _ready(name, process, port, "/sparql")
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return _ready(name, process, port, path)


def _path(first: Path) -> str:
    """``PYTHONPATH`` with ``first`` ahead of what this process was given."""
    return os.pathsep.join([str(first), *filter(None, [os.environ.get("PYTHONPATH")])])


def _ready(name: str, process: subprocess.Popen, port: int, path: str) -> tuple[subprocess.Popen, int, str]:
    """``process``, its port and query path once it answers the query 200."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with Client(port, path) as client:
                if client.get(QUERY) == 200:
                    return process, port, path
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"{name} did not start on port {port}")


class Client:
    """One keep-alive HTTP/1.1 connection sending GET queries (minimal parsing, low overhead)."""

    def __init__(self, port: int, path: str) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.port, self.path = port, path
        self.buffer = b""

    def get(self, query: str) -> int:
        target = f"{self.path}?{urllib.parse.urlencode({'query': query})}"
        self.sock.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n"
                          "Accept: application/sparql-results+json\r\n\r\n".encode())
        while b"\r\n\r\n" not in self.buffer:
            self._read()
        head, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
        if headers.get("transfer-encoding", "").lower() == "chunked":
            while self._chunk():
                pass
        else:
            self._take(int(headers.get("content-length", "0")))
        return int(lines[0].split()[1])

    def _chunk(self) -> int:
        """Read one chunk of a chunked body; its size (0 ends the body)."""
        while b"\r\n" not in self.buffer:
            self._read()
        size_line, _, self.buffer = self.buffer.partition(b"\r\n")
        size = int(size_line.split(b";")[0], 16)
        self._take(size + 2)
        return size

    def _take(self, length: int) -> None:
        while len(self.buffer) < length:
            self._read()
        self.buffer = self.buffer[length:]

    def _read(self) -> None:
        data = self.sock.recv(65536)
        if not data:
            raise OSError("connection closed")
        self.buffer += data

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.sock.close()


def p50_ms(port: int, path: str, requests: int, fresh: bool = False) -> float:
    """Median latency of sequential requests on one keep-alive connection, or (``fresh``)
    each on a new connection, as curl or urllib send them."""
    times = []
    client = Client(port, path)
    try:
        for _ in range(requests):
            begin = time.perf_counter()
            if fresh:
                client.sock.close()
                client = Client(port, path)
            assert client.get(QUERY) == 200
            times.append(time.perf_counter() - begin)
    finally:
        client.sock.close()
    return statistics.median(times) * 1000


def rate(port: int, path: str, clients: int, seconds: float) -> float:
    """Requests/s answered 200 by ``clients`` concurrent keep-alive clients."""
    counts = [0] * clients
    failures: list[str] = []
    stop = time.monotonic() + seconds

    def run(i: int) -> None:
        with Client(port, path) as client:
            while time.monotonic() < stop:
                status = client.get(QUERY)
                if status != 200:
                    failures.append(str(status))
                    return
                counts[i] += 1

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    begin = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise SystemExit(f"failed answers: {failures[:5]}")
    return sum(counts) / (time.monotonic() - begin)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, help="a built store (copied; not changed)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=400, help="sequential requests for the p50")
    parser.add_argument("--seconds", type=float, default=5.0, help="length of each throughput run")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--bare", action="store_true", help="also measure bare HTTP stacks answering a fixed body")
    parser.add_argument("--previous", action="store_true", help=f"also measure the server of {BASELINE}")
    parser.add_argument("--before", metavar="REV", action="append", default=[],
                        help="also measure `claimgraph serve` as of commit REV (repeatable)")
    parser.add_argument("--render", action="store_true", help="only rewrite the RESULTS.md section from serve.json")
    args = parser.parse_args()
    if args.render:
        write_section(SECTION, render(json.loads((ROOT / "benchmarks" / "serve.json").read_text("utf-8"))))
        return
    if args.store is None:
        parser.error("--store is required")
    names: tuple[str, ...] = ("claimgraph", *(f"claimgraph {rev}" for rev in args.before),
                              *(["previous"] if args.previous else []), "oxigraph")
    if args.bare:
        names += tuple(n for n in BARE_SERVERS if not n.startswith("granian") or _installed("granian"))
    figures: dict[str, dict[str, list[float]]] = {n: {"p50_ms": [], "p50_new_ms": [], "rps": []} for n in names}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        store = work / "store"
        shutil.copytree(args.store, store)
        for round_ in range(args.rounds):
            for name in names:
                process, port, path = start(name, store, work)
                try:
                    p50_ms(port, path, 50)  # warm up
                    figures[name]["p50_ms"].append(p50_ms(port, path, args.requests))
                    figures[name]["p50_new_ms"].append(p50_ms(port, path, args.requests, fresh=True))
                    figures[name]["rps"].append(rate(port, path, args.clients, args.seconds))
                finally:
                    process.terminate()
                    process.wait(30)
                print(f"round {round_ + 1} {name}: " + ", ".join(f"{k} {v[-1]:.2f}" for k, v in figures[name].items()),
                      flush=True)
        engine = engine_ms(store)
        handoff = handoff_ms(store)
    summary = {n: {k: statistics.median(v) for k, v in f.items()} for n, f in figures.items()}
    out = {"engine_ms": engine, "handoff_ms": handoff, "query": QUERY, "clients": args.clients, "rounds": figures,
           "median": summary, "store": str(args.store), "service_check_us": service_check_us(), "load": os.getloadavg()}
    (ROOT / "benchmarks" / "serve.json").write_text(json.dumps(out, indent=1) + "\n", "utf-8")
    table = render(out)
    print(table)
    write_section(SECTION, table)


def _installed(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def engine_ms(store: Path, runs: int = 2000) -> dict[str, float]:
    """Median milliseconds, in this process, of the benchmark query: pyoxigraph alone (query
    and JSON), the endpoint's answer as a known-fast query gets it in the HTTP server's
    process (complete, so without the cap's pass), and the answer with the cap (a worker's)."""
    import pyoxigraph as ox

    from graph.rdf._terms import PREFIX_MAP
    from graph.rdf.results import Dataset
    from graph.server.pool import Request, answer

    dataset, request = Dataset(str(store)), Request(QUERY, "application/sparql-results+json")
    raw = ox.Store.read_only(str(store))
    steps = {"pyoxigraph": lambda: raw.query(QUERY, use_default_graph_as_union=True, prefixes=PREFIX_MAP)
             .serialize(format=ox.QueryResultsFormat.JSON),
             "in process": lambda: answer(dataset, request, capped=False),
             "capped": lambda: answer(dataset, request)}
    out = {}
    for name, step in steps.items():
        times = []
        for _ in range(runs):
            begin = time.perf_counter()
            step()
            times.append(time.perf_counter() - begin)
        out[name] = statistics.median(times) * 1000
    return out


def handoff_ms(store: Path, runs: int = 1000) -> float:
    """Median milliseconds of the benchmark query answered by a query worker through the pool
    (hand-off there and back included), in this process: what a query not known to be fast costs
    before HTTP."""
    from graph.server.pool import QueryPool, Request

    pool, request = QueryPool(store, 2, 30.0, fast=False), Request(QUERY, "application/sparql-results+json")
    try:
        for _ in range(50):
            assert pool.run(request).status == 200
        times = []
        for _ in range(runs):
            begin = time.perf_counter()
            pool.run(request)
            times.append(time.perf_counter() - begin)
    finally:
        pool.close()
    return statistics.median(times) * 1000


def service_check_us() -> dict[str, float]:
    """Median cost of refusing federation (``check_no_service``), in microseconds: for the
    benchmark query (no ``service`` in it: a text scan) and for queries that mention the word
    (parsed with rdflib)."""
    from graph.server.federation import check_no_service

    mentions = QUERY.replace("?name }", "?name . ?p rdfs:comment \"service\" }")
    out = {}
    for label, query, runs in (("without the word", QUERY, 2000), ("mentioning it", mentions, 50)):
        times = []
        for _ in range(runs):
            begin = time.perf_counter()
            check_no_service(query)
            times.append(time.perf_counter() - begin)
        out[label] = statistics.median(times) * 1e6
    return out


def render(out: dict) -> str:
    """The RESULTS.md section: medians over the rounds, and ratios to the Oxigraph server."""
    ox, cg = out["median"]["oxigraph"], out["median"]["claimgraph"]
    rows = [f"| {name} | {m['p50_ms']:.2f} ms ({m['p50_ms'] / ox['p50_ms']:.1f}x) | "
            f"{m['p50_new_ms']:.2f} ms ({m['p50_new_ms'] / ox['p50_new_ms']:.1f}x) | "
            f"{m['rps']:,.0f} ({m['rps'] / ox['rps']:.2f}x) |" for name, m in out["median"].items()]
    load = " / ".join(f"{x:.1f}" for x in out["load"])
    return "\n".join([
        SECTION, "",
        f"Written by `benchmarks/serve.py` (store `{out['store']}`, {len(out['rounds']['oxigraph']['rps'])} rounds "
        f"taking turns, medians; ratios to the Oxigraph server in the same run). Query: a 10-row SELECT. "
        f"p50 of sequential requests on one keep-alive connection, and each on a new connection (as curl "
        f"sends them); requests/s with {out['clients']} concurrent keep-alive clients, all answered 200. "
        f"Clients and servers share the 2 cores; load average at the end {load}.", "",
        "| server | p50 keep-alive | p50 new connection | requests/s |", "|---|---|---|---|",
        *rows, "",
        "Refusing federation costs (median) " + ", ".join(f"{us:,.0f} µs for a query {label}"
                                                         for label, us in out["service_check_us"].items())
        + " (see `graph/server/federation.py`).", "",
        f"Issue 18 target 3, `claimgraph serve` p50 within 1.5x of the Oxigraph server's: "
        f"{cg['p50_ms'] / ox['p50_ms']:.1f}x keep-alive ({_yes(cg['p50_ms'] / ox['p50_ms'] <= 1.5)}); "
        f">= 800 requests/s with {out['clients']} clients: {cg['rps']:,.0f} ({_yes(cg['rps'] >= 800)}).", "",
        *_before(out), *_where_it_goes(out), ""])


def _before(out: dict) -> list[str]:
    """Before -> after, when an earlier commit's server was measured in the same run (``--before``)."""
    median = out["median"]
    before = next((name for name in median if name.startswith("claimgraph ")), None)
    if before is None:
        return []
    ox, old, new = median["oxigraph"], median[before], median["claimgraph"]
    return [f"Before -> after in this run: p50 keep-alive {old['p50_ms']:.2f} -> {new['p50_ms']:.2f} ms "
            f"({old['p50_ms'] / ox['p50_ms']:.1f}x -> {new['p50_ms'] / ox['p50_ms']:.1f}x the Oxigraph server), "
            f"new connection {old['p50_new_ms']:.2f} -> {new['p50_new_ms']:.2f} ms, requests/s "
            f"{old['rps']:,.0f} -> {new['rps']:,.0f} (`{before}` is `claimgraph serve` at that commit).", ""]


def _where_it_goes(out: dict) -> list[str]:
    """Where `claimgraph serve`'s keep-alive p50 goes, when the bare stacks were measured (``--bare``)."""
    median, engine = out["median"], out.get("engine_ms")
    http = next((name for name in ("granian bare", "waitress bare") if name in median), None)
    if http is None or not isinstance(engine, dict):
        return []
    bare = median[http]["p50_ms"]
    rest = median["claimgraph"]["p50_ms"] - bare - engine["in process"]
    stacks = "; ".join(f"{name}: {median[name]['p50_ms']:.2f} ms, {median[name]['rps']:,.0f} requests/s"
                       for name in BARE_SERVERS if name in median)
    handoff = out.get("handoff_ms")
    via = (f" Through a query worker (a query not yet known to be fast) the answer takes {handoff:.2f} ms "
           f"before HTTP, {handoff - engine['capped']:.2f} ms more than in process with the cap: the hand-off "
           "to the worker process and back." if handoff else "")
    return [f"Where `claimgraph serve`'s p50 goes (the query known to be fast, so answered in the HTTP server's "
            f"process): {http.split()[0]} answering a fixed body takes {bare:.2f} ms; the endpoint's answer "
            f"(timed in-process: parsing, pyoxigraph's engine and JSON writer, negotiation, the federation "
            f"check) {engine['in process']:.2f} ms, of which pyoxigraph alone {engine['pyoxigraph']:.2f} ms "
            f"(with the cap's pass, as a worker answers: {engine['capped']:.2f} ms); the WSGI call, the "
            f"thread switches and the machine's load the remaining {rest:.2f} ms.{via} The bare stacks, "
            f"a fixed body each ({stacks})."]


def _yes(met: bool) -> str:
    return "yes" if met else "no"


if __name__ == "__main__":
    main()
