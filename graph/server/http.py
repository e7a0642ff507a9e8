"""The endpoint's HTTP server: granian in front of the Flask app, its limits set.

granian reads and writes HTTP in Rust (hyper, on its own threads, with non-blocking
sockets) and calls the WSGI application only with complete requests, on a fixed pool of
Python threads, so slow or idle clients hold no thread. Measured against waitress on the
same query (``benchmarks/RESULTS.md``), it takes about a third of waitress's time per
request, which is what brings ``claimgraph serve`` near the Oxigraph server's latency.

It runs in this process (the query workers, the browsing app and the store's lock belong
to it), through granian's worker class rather than its command-line server, which would
start processes of its own: so this module depends on granian's internal API, pinned to a
minor version in ``pyproject.toml``. Its settings carry the limits (see :class:`Limits`).
"""

from __future__ import annotations

import asyncio
import os
import socket
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask
from granian._futures import _new_cbscheduler
from granian._granian import SocketHolder, WorkerSignal, WSGIWorker
from granian.http import HTTP1Settings
from granian.wsgi import _callback_wrapper

from graph.errors import ClaimGraphError
from graph.rdf.lock import StoreLock
from graph.server.app import MAX_BODY, check_settings, close_app, create_app, default_workers


@dataclass(frozen=True)
class Limits:
    """What one client may hold of the server.

    Attributes:
        body: Largest request body accepted, in bytes (``Content-Length`` over it, or a
            chunked body growing past it, is answered 413; a malformed length 400).
        channel_timeout: Seconds a connection may stay idle, or take to send one request's
            headers, before it is closed.
        threads: Requests handled at once (the others wait, without a thread).
        connections: Open connections at most; further clients wait in the listen queue.
        backlog: Length of the listen queue, so bursts of connections are not dropped.
    """

    body: int = MAX_BODY
    channel_timeout: float = 10.0
    threads: int | None = None
    connections: int = 256
    backlog: int = 1024


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
        self.limits = limits
        self.app: Flask | None = None
        self._fd: int | None = None  # the listening socket's, granian's once it serves
        self._address: tuple[str, int] = (host, port)
        self._signal: WorkerSignal | None = None
        self._stopped = threading.Event()
        self._lock: StoreLock | None = StoreLock(self.location, shared=True)
        workers = workers or default_workers()
        self._threads = limits.threads or workers + 4
        try:
            self.app = create_app(location, timeout, max_results, workers, allow_federation)
            self._fd, self._address = _listen(host, port, limits.backlog)
        except OSError as exc:
            self.close()
            raise ClaimGraphError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
        except BaseException:
            self.close()
            raise

    @property
    def url(self) -> str:
        """The query endpoint's URL."""
        host, port = self._address
        return f"http://{host}:{port}/sparql"

    def start(self) -> SparqlServer:
        """Serve on granian's threads and return (for tests and notebooks); :meth:`close` stops it."""
        assert self.app is not None
        if self._fd is not None:
            self._signal = _serve(self.app, self._fd, self.limits, self._threads)
            self._fd = None  # granian closes it when it stops
        return self

    def serve_forever(self) -> None:
        """Serve until :meth:`close` is called (from another thread) or Ctrl-C."""
        self.start()
        while not self._stopped.wait(0.5):  # a timed wait, so that Ctrl-C is seen
            pass

    def close(self) -> None:
        """Stop serving, then stop the query workers and release the store."""
        self._stopped.set()
        if self._signal is not None:
            self._signal.set()
            self._signal = None
        if self._fd is not None:  # never served
            os.close(self._fd)
            self._fd = None
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


def _listen(host: str, port: int, backlog: int) -> tuple[int, tuple[str, int]]:
    """A listening TCP socket on ``host:port`` with a listen queue of ``backlog``: its file
    descriptor (for granian) and its address."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(backlog)
        sock.setblocking(False)
    except BaseException:
        sock.close()
        raise
    address = sock.getsockname()[:2]
    return sock.detach(), address


def _serve(app: Any, fd: int, limits: Limits, threads: int) -> WorkerSignal:
    """Start granian's WSGI worker on the listening socket ``fd``, which it then owns (its Rust
    threads run on their own); the signal that stops it."""
    signal = WorkerSignal()
    worker = WSGIWorker(
        1, (None, SocketHolder(fd, False, limits.backlog)), None,
        1,  # runtime threads: one reads and writes every connection
        512,  # runtime blocking threads (granian's default)
        threads,  # Python threads calling the application
        30,  # seconds before an idle Python thread ends
        limits.connections,  # connections served at once; the others wait in the listen queue
        "1",  # HTTP/1.1 only
        HTTP1Settings(header_read_timeout=int(limits.channel_timeout * 1000), keep_alive=True),
        None, None,  # no HTTP/2 settings, no static files
        False, None, None, None, "tls1.3", None, [], False,  # no TLS
        (None, None),  # no metrics
    )
    loop = asyncio.new_event_loop()  # unused by WSGI, which granian calls on its own threads
    worker.serve_mtr(_new_cbscheduler(loop, _callback_wrapper(app, {}, None), impl_asyncio=False), loop, signal)
    return signal
