"""Query worker processes: each holds the store open read-only and answers one query at a time.

Why processes: a query over the timeout must stop for certain, and only killing the
process that runs it does that (pyoxigraph cannot cancel a query). Why more processes than
cores: a long query holds its worker until it ends, so with one worker per core two long
queries would leave every other client waiting. Here a query that has not answered within
:data:`LONG_AFTER` seconds becomes *long*, and at most ``long_queries`` queries (half the
workers by default) may be long at once: one more is stopped and answered 503 ("busy").
The other workers therefore stay free for short queries, which the operating system
schedules beside the long ones.

A worker is handed out only once it has opened the store, and never unless its process is
alive; one whose pipe breaks (it died: killed, crashed, out of memory) is discarded and the
request goes to another worker (:meth:`QueryPool.run`); its replacement is started in the
background. Workers are forked from a forkserver that has already imported the query code,
so a replacement is ready in a fraction of a second.

Known-fast queries skip the hand-off. Handing a query to a worker and its answer back costs
two process wake-ups, as much as the whole simple query in the Oxigraph server on a loaded
machine (``benchmarks/RESULTS.md``). The store is read-only while it is served, so a query
costs about the same each time it runs: one a worker answered within :data:`FAST_UNDER`
seconds (hand-off included) is remembered, by a digest of its text and dataset, and runs
next time in the HTTP server's own process, in the request's thread (pyoxigraph releases the
GIL while it evaluates), with the same answer function and result cap. Such a query cannot
be stopped, which is why only a query that has already answered quickly, in a worker, runs
there; one that runs slower there than :data:`FAST_UNDER` is forgotten, so it goes back to
the workers (until one answers it fast again). A new query, a slow one, one that failed or
killed its worker always runs in a worker, and so does a known-fast one while another
query is being answered: the Python half of an answer holds the GIL, which the HTTP
server's threads need too, so under concurrent load the workers, which run beside that
process, answer more queries a second. :meth:`QueryPool.run_now` answers only such a query,
in the caller's thread, or says it would not: the HTTP server's reading thread, which must
never wait for a worker, uses it to answer a known-fast ``GET`` itself
(:mod:`graph.server.http`).
"""

from __future__ import annotations

import functools
import hashlib
import math
import multiprocessing
import os
import queue
import select
import signal
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from http import HTTPStatus
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from graph.errors import QueryError, StoreError
from graph.rdf.results import GRAPH_TYPES, RESULT_TYPES, Dataset, is_graph, serialize
from graph.server.federation import check_no_service, unescape
from graph.server.protocol import Answer, content_type, error, negotiate

#: Seconds after which a query counts as long (see the module docstring).
LONG_AFTER = 1.0
#: Seconds before replacing a worker that died by itself without answering anything.
RESPAWN_PAUSE = 1.0
#: A query answered within this many seconds (and within a twentieth of the timeout) counts
#: as fast: it runs in the HTTP server's process from then on (see the module docstring).
FAST_UNDER = 0.05
#: Known-fast queries remembered at most (their digests; the least recently used go first).
FAST_KNOWN = 4096
#: Words whose presence makes a query's rows vary from run to run over the same store: SPARQL's
#: RAND, NOW, UUID, STRUUID and BNODE functions, and SERVICE (another server's answers).
_VARYING = ("rand", "now", "uuid", "bnode", "service")


@dataclass
class Request:
    """A query as the worker needs it: text, dataset and the client's Accept header."""

    query: str
    accept: str | None
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    max_results: int = 10_000
    allow_federation: bool = False
    _digest: bytes | None = field(default=None, repr=False, compare=False)

    def digest(self) -> bytes:
        """What identifies the query's work: its text, dataset and federation setting (as a
        tuple's repr, so that no two requests share a key); computed once per request."""
        if self._digest is None:
            key = repr((self.query, self.default_graphs, self.named_graphs, self.allow_federation))
            self._digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        return self._digest


def repeatable(query: str) -> bool:
    """True when ``query`` gives the same rows each time over the same store: it does not
    contain, escapes applied and in any case, the name of a function whose values change
    from run to run (nor SERVICE). A mention in a comment or a string counts too: the answer
    errs on the safe side.

    >>> repeatable("SELECT ?s WHERE { ?s a schema:Person } LIMIT 3"), repeatable("SELECT (R\\u0041ND() AS ?r) {}")
    (True, False)
    """
    text = unescape(query).lower()
    return not any(word in text for word in _VARYING)


def answer(dataset: Dataset, request: Request, capped: bool = True) -> Answer:
    """Run one query over ``dataset`` and serialise its result as negotiated (worker side).

    Args:
        dataset: The store, open read-only.
        request: The query.
        capped: Cut the rows at ``request.max_results``. False only for a query known to
            give at most that many (see :meth:`QueryPool.run`): its result is then written
            once, straight in the negotiated format.

    Returns:
        The answer: results, or a one-line 400/406/500 error. Any failure costs only this
        request: the worker goes on. A federated query is refused here, before it reaches
        the engine, unless the request allows it (parsing it takes the worker's time, under
        the timeout, not the HTTP server's).
    """
    try:
        if not request.allow_federation:
            check_no_service(request.query)
        result = dataset.query(request.query, request.default_graphs, request.named_graphs)
        graph = is_graph(result)
        media = _media(request.accept, graph)
        if media is None:
            kinds = "CONSTRUCT and DESCRIBE" if graph else "SELECT and ASK"
            offers = list(GRAPH_TYPES if graph else RESULT_TYPES)[:4]
            return error(HTTPStatus.NOT_ACCEPTABLE, f"{kinds} results are available as {', '.join(offers)}")
        body, truncated = serialize(result, media, request.max_results if capped else None)
        return Answer(200, content_type(media), body, truncated)
    except QueryError as exc:
        return error(HTTPStatus.BAD_REQUEST, str(exc))
    except StoreError as exc:
        return error(HTTPStatus.INTERNAL_SERVER_ERROR, str(exc))
    except Exception as exc:  # noqa: BLE001 - the process boundary: one request fails, not the worker
        return error(HTTPStatus.INTERNAL_SERVER_ERROR, f"the query failed: {type(exc).__name__}: {exc}")


@functools.lru_cache(maxsize=256)
def _media(accept: str | None, graph: bool) -> str | None:
    """The media type negotiated for ``accept`` and a result of triples (``graph``) or not;
    remembered, as clients send the same few Accept headers again and again."""
    return negotiate(accept, list(GRAPH_TYPES if graph else RESULT_TYPES))


def _worker_main(conn: Connection, location: str) -> None:
    """A query worker: open the store read-only, say so (``None``), then answer requests
    until the pipe closes."""
    dataset = Dataset(location)
    conn.send(None)
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
        self.answered = 0
        # poll objects made once: multiprocessing's poll() and is_alive() build a selector per call
        self._answer, self._exit = select.poll(), select.poll()
        self._answer.register(self.conn.fileno(), select.POLLIN)
        self._exit.register(self.process.sentinel, select.POLLIN)

    def alive(self) -> bool:
        """True while the worker's process runs."""
        return not self._exit.poll(0)

    def ready(self) -> bool:
        """Wait until the worker has opened the store; False when it died first."""
        try:
            return self.conn.recv() is None
        except (EOFError, OSError):
            return False

    def send(self, request: Request) -> bool:
        """Hand the worker a request; False when its pipe is broken."""
        try:
            self.conn.send(request)
            return True
        except (OSError, ValueError):
            return False

    def receive(self, timeout: float) -> Answer | None:
        """The answer, or None when none came within ``timeout`` seconds.

        Raises:
            EOFError: when the worker died.
        """
        try:
            if not self._answer.poll(math.ceil(timeout * 1000)):
                return None
            result = self.conn.recv()
        except OSError as exc:
            raise EOFError(str(exc)) from exc
        self.answered += 1
        return result

    def kill(self) -> None:
        self.process.kill()

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


def _context() -> Any:
    """Forked from a forkserver that imported this module (POSIX), spawned elsewhere."""
    if os.name != "posix":
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return context


class QueryPool:
    """Worker processes answering queries, each with the store open read-only.

    Args:
        location: The store folder.
        workers: Processes.
        timeout: Seconds a query may take, waiting for a free worker included.
        long_queries: Queries allowed to run longer than :data:`LONG_AFTER` at once
            (default: half the workers, at least one).
        fast: Run known-fast queries in this process (see the module docstring); False
            sends every query to a worker.
    """

    def __init__(self, location: Path, workers: int, timeout: float, long_queries: int | None = None,
                 fast: bool = True) -> None:
        self.location = str(location)
        self.timeout = timeout
        self.long_queries = long_queries or max(1, workers // 2)
        self.fast_under = min(FAST_UNDER, timeout / 20) if fast else 0.0
        # digests of known-fast queries -> whether their answer is complete and repeatable (see run)
        self._fast: OrderedDict[bytes, bool] = OrderedDict()
        self._dataset: Dataset | None = None  # opened on the first known-fast query
        self.in_process = 0  # queries answered in this process (for monitoring)
        self._running = 0  # queries being answered (in this process or by workers)
        self._long = threading.BoundedSemaphore(self.long_queries)
        self._context = _context()
        self._idle: queue.LifoQueue[_Worker] = queue.LifoQueue()  # the most recent: warm caches
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.started = 0  # worker processes started so far (for monitoring)
        for _ in range(workers):
            self._add()

    def _add(self) -> None:
        worker = _Worker(self._context, self.location)
        with self._lock:
            self.started += 1
            if self._closed:
                worker.stop()
                return
            self._all.add(worker)
        threading.Thread(target=self._admit, args=(worker,), name="claimgraph-admit", daemon=True).start()

    def _admit(self, worker: _Worker) -> None:
        """Make ``worker`` idle once it has opened the store, so that its start never counts
        as a query's time (a start slower than :data:`LONG_AFTER` under load would make its
        first query long, and one long query too many is stopped)."""
        if worker.ready():
            self._idle.put(worker)
        elif not self._closed:  # it died starting (closing the pool stops the starting ones too)
            self._retire(worker)

    def run(self, request: Request) -> Answer:
        """Answer one request within the timeout (waiting for a free worker counts).

        A worker found dead when the request is handed to it (killed from outside, its exit
        not yet noticed) costs nothing: the request goes to another one. A worker that dies
        while this request is with it may have been killed by something else, so the request
        is tried once more on another worker; a second death is answered 500, so that a query
        that kills its worker cannot take the whole pool down. A known-fast query is answered
        in this process instead (see the module docstring), without the cap's second pass when
        its worker's answer was complete and the query is :func:`repeatable`.
        """
        result = self._answer(request, wait=True)
        assert result is not None
        return result

    def run_now(self, request: Request) -> Answer | None:
        """The answer to a known-fast ``request``, run in this process at once, when no other
        query is being answered; None otherwise (then :meth:`run` answers it).

        For a caller that must never wait for a worker: the HTTP server's reading loop, which
        answers such a query itself rather than hand it to one of its threads.
        """
        return self._answer(request, wait=False)

    def _answer(self, request: Request, wait: bool) -> Answer | None:
        """:meth:`run` (``wait``) or :meth:`run_now`."""
        if not self.fast_under:
            return self._run(request) if wait else None
        digest = request.digest()
        with self._lock:
            complete = self._fast.get(digest)
            known = complete is not None
            here = known and not self._running  # the only query: no other request waits for the GIL
            if not (here or wait):
                return None
            if known:
                self._fast.move_to_end(digest)
            self._running += 1
        begin = time.monotonic()
        try:
            result = self._run_here(request, not complete) if here else None
            if result is None and wait:
                result = self._run(request)
        finally:
            with self._lock:
                self._running -= 1
        if result is None:
            return None
        fast = result.status == 200 and time.monotonic() - begin < self.fast_under
        with self._lock:
            if fast and not known:
                self._fast[digest] = not result.truncated and repeatable(request.query)
                if len(self._fast) > FAST_KNOWN:
                    self._fast.popitem(last=False)
            elif here and not fast:  # slow where it cannot be stopped: back to the workers
                self._fast.pop(digest, None)
        return result

    def _run_here(self, request: Request, capped: bool = True) -> Answer | None:
        """Answer a known-fast request in this process; None when the store cannot be opened
        here (the workers, which have it open, answer instead). ``capped`` as :func:`answer`'s."""
        if self._dataset is None:
            with self._lock:
                try:
                    self._dataset = self._dataset or Dataset(self.location)
                except Exception:  # noqa: BLE001 - the workers have it open: they answer instead
                    self.fast_under = 0.0
                    return None
        self.in_process += 1
        return answer(self._dataset, request, capped)

    def _run(self, request: Request) -> Answer:
        """Answer ``request`` in a worker (see :meth:`run`)."""
        deadline = time.monotonic() + self.timeout
        deaths = 0
        while True:
            worker = self._checkout(deadline)
            if worker is None:
                return error(HTTPStatus.SERVICE_UNAVAILABLE,
                             f"busy: no query worker became free within {self.timeout:g} s; retry later")
            if not worker.send(request):
                self._retire(worker)
                continue
            try:
                result = self._await(worker, deadline)
            except EOFError:
                self._retire(worker)
                deaths += 1
                if deaths < 2:
                    continue
                return error(HTTPStatus.INTERNAL_SERVER_ERROR,
                             "the query worker died answering this query (it is being replaced)")
            if isinstance(result, Answer):
                self._idle.put(worker)
                return result
            self._retire(worker)
            return error(HTTPStatus.SERVICE_UNAVAILABLE, result)

    def _checkout(self, deadline: float) -> _Worker | None:
        """An idle worker whose process is alive (dead ones are replaced); None at the deadline."""
        while True:
            try:
                worker = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                return None
            if worker.alive():
                return worker
            self._retire(worker)

    def _await(self, worker: _Worker, deadline: float) -> Answer | str:
        """The worker's answer, or why it is to be stopped (over the timeout, or one long
        query too many)."""
        first = worker.receive(min(LONG_AFTER, max(0.0, deadline - time.monotonic())))
        if first is not None:
            return first
        if time.monotonic() >= deadline:
            return f"query stopped: it ran longer than the {self.timeout:g} s timeout"
        if not self._long.acquire(blocking=False):
            return (f"busy: {self.long_queries} queries running longer than {LONG_AFTER:g} s already; "
                    "this one was stopped, retry later")
        try:
            later = worker.receive(max(0.0, deadline - time.monotonic()))
        finally:
            self._long.release()
        return later if later is not None else f"query stopped: it ran longer than the {self.timeout:g} s timeout"

    def _retire(self, worker: _Worker) -> None:
        """Kill ``worker`` now; reap it and start its replacement in the background (after a
        pause when it died by itself without ever answering: a store that cannot be opened
        must not make the pool start processes in a loop)."""
        worker.kill()
        with self._lock:
            self._all.discard(worker)

        def replace() -> None:
            worker.stop()
            if worker.process.exitcode != -signal.SIGKILL and not worker.answered:  # it exited by itself
                time.sleep(RESPAWN_PAUSE)
            self._add()

        threading.Thread(target=replace, name="claimgraph-respawn", daemon=True).start()

    def pids(self) -> list[int]:
        """The worker processes' ids (for monitoring)."""
        with self._lock:
            return [w.process.pid for w in self._all if w.process.pid is not None]

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            self._closed = True
            workers, self._all = list(self._all), set()
            self._dataset = None
        for worker in workers:
            worker.stop()
