"""A read-only SPARQL 1.1 Protocol endpoint over an embedded store.

Why not the ``oxigraph`` server? It serves the same store read-only and fast, but it has no
result cap, and its ``--timeout-s`` kept one thread per query alive until the timeout and
crashed under load (DESIGN.md §4). So this is a small server of our own: the standard
library's threading HTTP server in front of a few worker processes, each holding the store
open read-only through pyoxigraph (the engine the oxigraph server runs). A query that
outlives the timeout has its worker process killed and replaced, which stops it for sure;
results beyond the cap are cut, and the response says so in the ``X-Result-Truncated``
header.

Protocol: ``GET /sparql?query=...``; ``POST /sparql`` with ``application/sparql-query`` or
``application/x-www-form-urlencoded`` (``query=...``); optional ``default-graph-uri`` and
``named-graph-uri``. Without them the default graph is the union of all graphs, and the
cg, schema, prov, org, skos, nif, rdf, rdfs, xsd and owl prefixes are predeclared. Results
by content negotiation: SPARQL JSON (default), XML, CSV and TSV for SELECT and ASK; Turtle
(default), N-Triples, RDF/XML and JSON-LD for CONSTRUCT and DESCRIBE. SPARQL Update is
refused with 403; a malformed query gets 400, a query over the timeout 503.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import threading
import time
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from graph.errors import ClaimGraphError, QueryError, StoreError
from graph.machine import cores
from graph.rdf.results import GRAPH_TYPES, RESULT_TYPES, Dataset, is_graph, serialize

log = logging.getLogger(__name__)

#: Paths answering queries.
QUERY_PATHS = frozenset(("/sparql", "/query"))
#: Largest request body accepted, in bytes.
MAX_BODY = 1 << 20
_TEXT_TYPES = frozenset(("text/csv", "text/tab-separated-values", "text/turtle", "text/plain",
                         "text/xml", "application/x-turtle"))
_UPDATE_TYPE = "application/sparql-update"
_READ_ONLY = "this endpoint is read-only: SPARQL Update is not accepted"


@dataclass
class Answer:
    """An HTTP answer to one request.

    Attributes:
        status: HTTP status code.
        content_type: Media type of ``body``.
        body: The payload.
        truncated: True when results beyond the cap were cut.
    """

    status: int
    content_type: str
    body: bytes
    truncated: bool = False


def error(status: HTTPStatus, message: str) -> Answer:
    """A one-line plain-text error answer."""
    return Answer(int(status), "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


def negotiate(accept: str | None, offers: list[str]) -> str | None:
    """The offered media type the ``Accept`` header prefers (RFC 9110 q-values, wildcards).

    Args:
        accept: The header's value; None or empty accepts anything.
        offers: Media types in the server's order of preference.

    Returns:
        The chosen type, or None when the header accepts none of them.

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", ["text/csv", "application/sparql-results+xml"])
    'application/sparql-results+xml'
    >>> negotiate("image/png", ["text/turtle"]) is None
    True
    """
    if not accept or not accept.strip():
        return offers[0]
    best, best_q = None, 0.0
    for offer in offers:
        q = _quality(accept, offer)
        if q > best_q:
            best, best_q = offer, q
    return best


def _quality(accept: str, offer: str) -> float:
    """The q-value ``accept`` gives ``offer``: the most specific matching range wins."""
    kind = offer.split("/")[0]
    found, specificity = 0.0, -1
    for item in accept.split(","):
        media, *params = [p.strip() for p in item.split(";")]
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        media = media.lower()
        level = 2 if media == offer else 1 if media == f"{kind}/*" else 0 if media == "*/*" else -1
        if level > specificity:
            found, specificity = q, level
    return found


@dataclass
class Request:
    """A query as the worker needs it: text, dataset and the client's Accept header."""

    query: str
    accept: str | None
    default_graphs: list[str]
    named_graphs: list[str]
    max_results: int


def answer(dataset: Dataset, request: Request) -> Answer:
    """Run one query over ``dataset`` and serialise its result as negotiated (worker side).

    Args:
        dataset: The store, open read-only.
        request: The query.

    Returns:
        The answer: results, or a 400/406/500 error.
    """
    try:
        result = dataset.query(request.query, request.default_graphs, request.named_graphs)
        graph = is_graph(result)
        offers = list(GRAPH_TYPES if graph else RESULT_TYPES)
        media = negotiate(request.accept, offers)
        if media is None:
            kinds = "CONSTRUCT and DESCRIBE" if graph else "SELECT and ASK"
            return error(HTTPStatus.NOT_ACCEPTABLE, f"{kinds} results are available as {', '.join(offers[:4])}")
        body, truncated = serialize(result, media, request.max_results)
        return Answer(200, _content_type(media), body, truncated)
    except QueryError as exc:
        return error(HTTPStatus.BAD_REQUEST, str(exc))
    except StoreError as exc:
        return error(HTTPStatus.INTERNAL_SERVER_ERROR, str(exc))


def _content_type(media: str) -> str:
    return f"{media}; charset=utf-8" if media in _TEXT_TYPES else media


def _worker_main(conn: Connection, location: str) -> None:
    """A query worker: open the store read-only, then answer requests until the pipe closes."""
    dataset = Dataset(location)
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(answer(dataset, request))


class _Worker:
    """One query process and the parent's end of its pipe."""

    def __init__(self, context: Any, location: str) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(child, location), daemon=True)
        self.process.start()
        child.close()

    def ask(self, request: Request, timeout: float) -> Answer | None:
        """The worker's answer; None when it took longer than ``timeout`` seconds."""
        try:
            self.conn.send(request)
            if not self.conn.poll(timeout):
                return None
            return self.conn.recv()
        except (EOFError, OSError):
            return error(HTTPStatus.INTERNAL_SERVER_ERROR, "the query worker died (is the store readable?)")

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class QueryPool:
    """Worker processes answering queries, each with the store open read-only.

    A query over the timeout gets its worker killed (which stops it for sure) and replaced.
    """

    def __init__(self, location: Path, workers: int, timeout: float) -> None:
        self.location = str(location)
        self.timeout = timeout
        self._context = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(workers):
            self._add()

    def _add(self) -> None:
        worker = _Worker(self._context, self.location)
        with self._lock:
            if self._closed:
                worker.stop()
                return
            self._all.add(worker)
        self._idle.put(worker)

    def run(self, request: Request) -> Answer:
        """Answer one request within the timeout (waiting for a free worker counts)."""
        deadline = time.monotonic() + self.timeout
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return error(HTTPStatus.SERVICE_UNAVAILABLE,
                         f"busy: no query worker became free within {self.timeout:g} s; retry later")
        result = worker.ask(request, max(0.0, deadline - time.monotonic()))
        if result is not None and worker.process.is_alive():
            self._idle.put(worker)
            return result
        with self._lock:
            self._all.discard(worker)
        worker.stop()
        threading.Thread(target=self._add, name="claimgraph-respawn", daemon=True).start()
        return result or error(HTTPStatus.SERVICE_UNAVAILABLE,
                               f"query stopped: it ran longer than the {self.timeout:g} s timeout")

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            self._closed = True
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.stop()


class _Handler(BaseHTTPRequestHandler):
    """SPARQL 1.1 Protocol, query operation only."""

    protocol_version = "HTTP/1.1"
    server: SparqlServer

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        url = urlsplit(self.path)
        if url.path == "/":
            self._send(Answer(200, "text/plain; charset=utf-8", self.server.help_text().encode("utf-8")))
            return
        self._send(self._dispatch(url.path, parse_qs(url.query, keep_blank_values=True)))

    def do_POST(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        params = parse_qs(url.query, keep_blank_values=True)
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.close_connection = True
            self._send(error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body over {MAX_BODY} bytes"))
            return
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if media == "application/x-www-form-urlencoded":
            params.update(parse_qs(body, keep_blank_values=True))
        elif media == "application/sparql-query":
            params["query"] = [body]
        elif media == _UPDATE_TYPE:
            params["update"] = [body]
        elif url.path in QUERY_PATHS:
            self._send(error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "POST a query as application/sparql-query "
                             "or application/x-www-form-urlencoded (query=...)"))
            return
        self._send(self._dispatch(url.path, params))

    def _refuse_method(self) -> None:
        answer_ = error(HTTPStatus.METHOD_NOT_ALLOWED, f"{_READ_ONLY}; use GET or POST queries")
        self._send(answer_, {"Allow": "GET, POST"})

    do_PUT = do_DELETE = do_PATCH = _refuse_method  # noqa: N815

    def _dispatch(self, path: str, params: dict[str, list[str]]) -> Answer:
        if path == "/update" or "update" in params:
            return error(HTTPStatus.FORBIDDEN, _READ_ONLY)
        if path not in QUERY_PATHS:
            return error(HTTPStatus.NOT_FOUND, f"no such endpoint {path}: queries go to /sparql")
        queries = params.get("query") or []
        if len(queries) != 1 or not queries[0].strip():
            return error(HTTPStatus.BAD_REQUEST, "give exactly one query (parameter `query`)")
        request = Request(queries[0], self.headers.get("Accept"), params.get("default-graph-uri", []),
                          params.get("named-graph-uri", []), self.server.max_results)
        return self.server.pool.run(request)

    def _send(self, answer_: Answer, headers: dict[str, str] | None = None) -> None:
        self.send_response(answer_.status)
        self.send_header("Content-Type", answer_.content_type)
        self.send_header("Content-Length", str(len(answer_.body)))
        self.send_header("Vary", "Accept")
        if answer_.truncated:
            self.send_header("X-Result-Truncated", f"true; cap={self.server.max_results}")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer_.body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's signature
        log.info("%s %s", self.address_string(), format % args)


class SparqlServer(ThreadingHTTPServer):
    """The endpoint: ``with SparqlServer(store_dir, port=0) as s: s.start(); print(s.url)``.

    Args:
        location: The store folder (opened read-only; do not build into it while serving).
        host: Interface to bind; loopback by default, so only this machine can connect.
        port: TCP port; 0 picks a free one (see :attr:`url`).
        timeout: Seconds a query may take, waiting for a free worker included.
        max_results: Rows (or triples) returned at most; more are cut and flagged.
        workers: Query processes (default: the cores available).

    Raises:
        StoreError: when there is no store at ``location``.
        ClaimGraphError: when the address cannot be bound or the limits are not positive.
    """

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, location: str | Path, host: str = "127.0.0.1", port: int = 7878,
                 timeout: float = 30.0, max_results: int = 10_000, workers: int | None = None) -> None:
        from graph.rdf.store import Store

        if timeout <= 0 or max_results < 1:
            raise ClaimGraphError("--timeout must be positive and --max-results at least 1")
        if not isinstance(location, Path) and "://" in str(location):
            raise StoreError("serve needs a local store folder; a remote SPARQL server already serves itself")
        Store.open(location, create=False, read_only=True).close()  # a clear error if there is none
        try:
            super().__init__((host, port), _Handler)
        except OSError as exc:
            raise ClaimGraphError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
        self.max_results = max_results
        self.timeout_s = timeout
        self.location = Path(location)
        self.pool = QueryPool(self.location, workers or cores(), timeout)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The query endpoint's URL."""
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/sparql"

    def help_text(self) -> str:
        """What ``GET /`` answers."""
        return (f"claimgraph SPARQL 1.1 endpoint (read-only) over {self.location}\n"
                f"query: GET or POST {self.url}\n"
                f"timeout {self.timeout_s:g} s, at most {self.max_results} results\n")

    def start(self) -> SparqlServer:
        """Serve in a background thread (for tests and notebooks); :meth:`close` stops it."""
        self._thread = threading.Thread(target=self.serve_forever, name="claimgraph-serve", daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop serving, then stop the query workers."""
        if self._thread is not None:
            self.shutdown()
            self._thread.join()
            self._thread = None
        self.server_close()
        self.pool.close()

    def __enter__(self) -> SparqlServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
