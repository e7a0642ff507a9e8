"""The endpoint's HTTP server: waitress in front of the Flask app, its limits set.

waitress reads requests on one thread with non-blocking sockets and hands only complete
requests to a fixed pool of threads, so slow or idle clients hold no thread. Its
configuration carries the limits (see :class:`Limits`); one is added here: a request must
arrive whole within the channel timeout, so a client trickling bytes is closed like an
idle one (waitress alone closes only connections that send nothing).
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from flask import Flask
from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser
from waitress.server import TcpWSGIServer

from graph.errors import ClaimGraphError
from graph.rdf.lock import StoreLock
from graph.server.app import MAX_BODY, check_settings, close_app, create_app, default_workers


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


class _Channel(HTTPChannel):
    parser_class = _Parser


class _Waitress(TcpWSGIServer):
    """waitress's TCP server, also closing connections whose request arrives too slowly."""

    channel_class = _Channel

    def maintenance(self, now: float) -> None:
        super().maintenance(now)
        cutoff = time.monotonic() - self.adj.channel_timeout
        for channel in list(self.active_channels.values()):
            if channel.request is not None and channel.request.started < cutoff:
                channel.will_close = True


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
    """Close the listening socket and every connection, and stop the request threads (once
    the loop has stopped)."""
    for channel in list(server._map.values()):
        channel.close()
    server.task_dispatcher.shutdown()


def _adjustments(host: str, port: int, limits: Limits, workers: int) -> dict[str, object]:
    """waitress's settings for ``limits``; a query thread per worker and a few more for
    other requests, by default."""
    return {"host": host, "port": port, "threads": limits.threads or workers + 4,
            "max_request_body_size": limits.body + 1, "channel_timeout": limits.channel_timeout,
            "cleanup_interval": max(1, int(limits.channel_timeout / 2)),
            "connection_limit": limits.connections + 2,  # waitress counts its listener and wake-up pipe
            "backlog": limits.backlog,
            "ident": "claimgraph"}
