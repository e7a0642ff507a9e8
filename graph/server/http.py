"""The endpoint's HTTP server: waitress in front of the Flask app, its limits set.

waitress reads requests on one thread with non-blocking sockets and hands only complete
requests to a fixed pool of threads, so slow or idle clients hold no thread. Its
configuration carries the limits (see :class:`Limits`); one is added here: a request must
arrive whole within the channel timeout, so a client trickling bytes is closed like an
idle one (waitress alone closes only connections that send nothing).

One request skips the hand-off to a thread: a ``GET`` query known to be fast, when no other
query is being answered (:meth:`graph.server.pool.QueryPool.run_now`), is answered by the
reading thread itself, as soon as the request is whole. Handing a request to a thread and
waking the reading thread to go on costs two thread switches, about as much as the whole
simple query in the Oxigraph server (``benchmarks/RESULTS.md``). The reading thread then
serves no other connection for that query's time, which is short (it answered within
:data:`graph.server.pool.FAST_UNDER` before, and is sent back to the workers when it does
not); every other request, and every answer over :data:`ANSWER_NOW_BODY` bytes, goes to a
thread as before, so slow clients still hold nothing.
"""

from __future__ import annotations

import functools
import logging
from http import HTTPStatus
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from flask import Flask
from waitress.channel import ClientDisconnected, HTTPChannel
from waitress.parser import HTTPRequestParser
from waitress.server import TcpWSGIServer
from waitress.task import WSGITask
from waitress.utilities import build_http_date

from graph.errors import ClaimGraphError
from graph.rdf.lock import StoreLock
from graph.server.protocol import Answer
from graph.server.app import (ANSWERED, EXTENSION, MAX_BODY, QUERY_PATHS, Endpoint, check_settings, close_app,
                              create_app, default_workers, headers)

#: Largest answer the reading thread sends itself (a larger one is written by a request
#: thread, which may wait for the client to read it).
ANSWER_NOW_BODY = 256 * 1024


@dataclass(frozen=True)
class Limits:
    """What one client may hold of the server.

    Attributes:
        body: Largest request body accepted, in bytes (``Content-Length`` over it, or a
            chunked body growing past it, is answered 413; a malformed length 400).
        channel_timeout: Seconds a connection may stay idle, or take to send one request,
            before it is closed.
        threads: Requests handled at once (the others wait, without a thread).
        connections: Open connections at most; further clients wait in the listen queue.
        backlog: Length of the listen queue, so bursts of connections are not dropped.
    """

    body: int = MAX_BODY
    channel_timeout: float = 10.0
    threads: int | None = None
    connections: int = 256
    backlog: int = 1024


class _Parser(HTTPRequestParser):
    """A request parser that remembers when its request began to arrive."""

    def __init__(self, adj: object) -> None:
        super().__init__(adj)
        self.started = time.monotonic()


class _Task(WSGITask):
    """waitress's WSGI task, passing on an answer computed while the request was read."""

    def get_environment(self) -> dict[str, object]:
        environ = super().get_environment()
        answer = getattr(self.request, "answer", None)
        if answer is not None:
            environ[ANSWERED] = answer
        return environ


class _Channel(HTTPChannel):
    """A connection whose known-fast ``GET`` queries the reading thread answers itself."""

    parser_class = _Parser
    task_class = _Task
    receiving = False  # in received(), on the reading thread
    serve_now = False  # its first request is answered: serve it when received() returns

    def received(self, data: bytes) -> bool:
        self.receiving = True
        try:
            more = super().received(data)
        finally:
            self.receiving = False
        if self.serve_now:
            self.serve_now = False
            request = self.requests[0]
            if request.version == "1.1" and request.headers.get("CONNECTION", "").lower() != "close":
                self._send_now(request)
            else:  # waitress's own task decides what the connection becomes
                self.service()
        return more

    def _send_now(self, request: HTTPRequestParser) -> None:
        """Send the answer kept on ``request`` (an HTTP/1.1 keep-alive request), in one write,
        with the headers waitress would send, and go on to the next request, as
        :meth:`service` does after a request thread has written it."""
        answer = request.answer  # type: ignore[attr-defined]
        data = _head(answer, self.server.endpoint, self.adj.ident) + answer.body
        sent = 0 if self.total_outbufs_len else self.send(data, do_close=False)  # nothing queued before it
        try:
            if sent < len(data):  # the rest goes out as the client reads
                self.write_soon(data[sent:])
        except ClientDisconnected:
            self.will_close = True
        request.close()
        with self.requests_lock:
            self.requests.pop(0)
            if self.connected and self.requests:  # pipelined requests: a thread takes them
                self.server.add_task(self)
        self.last_activity = time.time()


class _Waitress(TcpWSGIServer):
    """waitress's TCP server, also closing connections whose request arrives too slowly, and
    answering known-fast ``GET`` queries on its reading thread."""

    channel_class = _Channel
    endpoint: Endpoint | None = None

    def add_task(self, channel: _Channel) -> None:  # type: ignore[override]
        if channel.receiving and self._answered(channel.requests[0]):
            channel.serve_now = True
        else:
            super().add_task(channel)

    def _answered(self, request: HTTPRequestParser) -> bool:
        """True when the reading thread may send ``request``'s answer itself: it is a known-fast
        ``GET`` query, answered now (the answer is kept on the request for whoever serves it)."""
        if (self.endpoint is None or request.error or request.command != "GET"
                or "/" + request.path.lstrip("/") not in QUERY_PATHS):
            return False
        answer = self.endpoint.answer_now(request.query, request.headers.get("ACCEPT"))
        if answer is None:
            return False
        request.answer = answer  # type: ignore[attr-defined]
        return len(answer.body) <= ANSWER_NOW_BODY

    def maintenance(self, now: float) -> None:
        super().maintenance(now)
        cutoff = time.monotonic() - self.adj.channel_timeout
        for channel in list(self.active_channels.values()):
            if channel.request is not None and channel.request.started < cutoff:
                channel.will_close = True


def _head(answer: Answer, endpoint: Endpoint, ident: str) -> bytes:
    """The status line and headers of ``answer`` as waitress writes them for an HTTP/1.1
    keep-alive request: the endpoint's headers, ``Content-Length``, ``Date`` and ``Server``,
    sorted by name."""
    start, middle, end = _head_parts(answer.status, answer.content_type, answer.truncated, endpoint.max_results, ident)
    return b"%s%d%s%s%s" % (start, len(answer.body), middle, _date(), end)


@functools.lru_cache(maxsize=64)
def _head_parts(status: int, content_type: str, truncated: bool, max_results: int,
                ident: str) -> tuple[bytes, bytes, bytes]:
    """:func:`_head` around its two varying values, the body's length and the date."""
    found = [*headers(content_type, truncated, max_results), ("Content-Length", "\0"), ("Date", "\0"),
             ("Server", ident)]
    lines = [f"HTTP/1.1 {status} {HTTPStatus(status).phrase}",
             *(f"{name}: {value}" for name, value in sorted(found, key=lambda h: h[0]))]
    start, middle, end = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1").split(b"\0")
    return start, middle, end


def _date(cache: list[tuple[int, bytes]] = [(0, b"")]) -> bytes:  # noqa: B006 - the last second's, kept
    """The ``Date`` header's value for now (formatted once a second)."""
    now = int(time.time())
    second, text = cache[0]
    if second != now:
        text = build_http_date(now).encode("latin-1")
        cache[0] = (now, text)
    return text


#: waitress warns on every request that waits for a thread; under load that is the thread
#: cap working as meant, and one line per request would flood the log.
logging.getLogger("waitress.queue").setLevel(logging.ERROR)


class SparqlServer:
    """The endpoint: ``with SparqlServer(store_dir, port=0) as s: s.start(); print(s.url)``.

    While it runs it holds the store's lock shared (:mod:`graph.rdf.lock`): a build into
    the store is refused, and so is serving a store that is being built.

    Args:
        location: The store folder (opened read-only).
        host: Interface to bind; loopback by default, so only this machine can connect.
        port: TCP port; 0 picks a free one (see :attr:`url`).
        timeout: Seconds a query may take, waiting for a free worker included.
        max_results: Rows (or triples) returned at most; more are cut and flagged.
        workers: Query processes (default: two per core; see :mod:`graph.server.pool`).
        allow_federation: Let ``SERVICE`` clauses through (the server then sends requests
            to any URL a client names).
        limits: Connection and request limits.

    Raises:
        StoreError: when there is no store at ``location``, or it is being built.
        ClaimGraphError: when the address cannot be bound or the limits are not positive.
    """

    def __init__(self, location: str | Path, host: str = "127.0.0.1", port: int = 7878,
                 timeout: float = 30.0, max_results: int = 10_000, workers: int | None = None,
                 allow_federation: bool = False, limits: Limits = Limits()) -> None:
        check_settings(location, timeout, max_results)
        self.location, self.timeout_s, self.max_results = Path(location), timeout, max_results
        self.app: Flask | None = None
        self._server: _Waitress | None = None
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._lock: StoreLock | None = StoreLock(self.location, shared=True)
        workers = workers or default_workers()
        try:
            self.app = create_app(location, timeout, max_results, workers, allow_federation)
            self._server = _Waitress(self.app, **_adjustments(host, port, limits, workers))
            self._server.endpoint = self.app.extensions[EXTENSION]
        except OSError as exc:
            self.close()
            raise ClaimGraphError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
        except BaseException:
            self.close()
            raise

    @property
    def url(self) -> str:
        """The query endpoint's URL."""
        assert self._server is not None
        return f"http://{self._server.effective_host}:{self._server.effective_port}/sparql"

    def serve_forever(self) -> None:
        """Serve until :meth:`close` is called (from another thread) or Ctrl-C."""
        server = self._server
        assert server is not None
        while not self._stopping:
            server.asyncore.loop(timeout=server.adj.asyncore_loop_timeout, map=server._map, use_poll=True, count=1)

    def start(self) -> SparqlServer:
        """Serve in a background thread (for tests and notebooks); :meth:`close` stops it."""
        self._thread = threading.Thread(target=self.serve_forever, name="claimgraph-serve", daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop serving, then stop the query workers and release the store."""
        self._stopping = True
        if self._server is not None:
            if self._thread is not None:
                self._server.pull_trigger()  # wake the loop, which then sees _stopping
                self._thread.join()
            _stop(self._server)
        self._thread = self._server = None
        if self.app is not None:
            close_app(self.app)
            self.app = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> SparqlServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _stop(server: _Waitress) -> None:
    """Stop the request threads, then close the listening socket and every connection (once
    the loop has stopped): a request thread that ends its task wakes the loop through its
    trigger, which must still be open."""
    server.task_dispatcher.shutdown()
    for channel in list(server._map.values()):
        channel.close()


def _adjustments(host: str, port: int, limits: Limits, workers: int) -> dict[str, object]:
    """waitress's settings for ``limits``; a query thread per worker and a few more for
    other requests, by default."""
    return {"host": host, "port": port, "threads": limits.threads or workers + 4,
            "max_request_body_size": limits.body + 1, "channel_timeout": limits.channel_timeout,
            "cleanup_interval": max(1, int(limits.channel_timeout / 2)),
            "connection_limit": limits.connections + 2,  # waitress counts its listener and wake-up pipe
            "backlog": limits.backlog,
            "ident": "claimgraph"}
