"""Where extraction runs: in this process, in local worker processes, or on a Dask cluster.

Parsing and extraction (spaCy plus our extractors) take nearly all of a build's time and
need nothing but the article, so they run wherever there are cores; resolving, mapping to
RDF and writing the store stay in the calling process, in input order, so every executor
gives the same store. Each executor maps batches of articles to batches of
:class:`Extracted` results, lazily and in order, keeping only a few batches in flight, so
memory stays bounded whatever the corpus size::

    with open_executor(workers=4) as executor:
        for results in executor.map(batches):
            ...
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import Any, Protocol

from spacy.language import Language
from spacy.tokens import Doc

from graph import memory
from graph.errors import ClaimGraphError
from graph.extract import BATCH_CHARS, extract, parse
from graph.nlp import load_nlp
from graph.records import Article, ArticleRecord

#: Batches submitted ahead of the one being consumed, per worker.
WINDOW_PER_WORKER = 2
#: A batch holding more characters than this (a long article, parsed alone) is followed by
#: :func:`graph.memory.trim`, so a worker keeps no more than a full batch of short articles
#: needs. Not after every batch: the pages handed back would only be faulted in again by
#: the next one.
TRIM_AFTER_CHARS = BATCH_CHARS
#: How often a worker checks that the building process is still alive.
WATCHDOG_SECONDS = 0.5


@dataclass
class Extracted:
    """One article after parsing and extraction.

    Attributes:
        article: The article as ingested.
        record: What was extracted, or None when extraction failed.
        words: Tokens parsed.
        error: Why extraction failed (one line), or None.
    """

    article: Article
    record: ArticleRecord | None
    words: int = 0
    error: str | None = None


class Executor(Protocol):
    """Runs :func:`extract_batch` over batches of articles; a context manager."""

    def map(self, batches: Iterable[list[Article]]) -> Iterator[list[Extracted]]:
        """The results of each batch, in input order."""

    def __enter__(self) -> Executor: ...

    def __exit__(self, *exc: object) -> None: ...


def extract_batch(articles: list[Article], nlp: Language | None = None,
                  model: str | None = None) -> list[Extracted]:
    """Parse and extract a batch of articles; a failing article yields an error, not an exception.

    The batch runs in a spaCy memory zone: the strings and lexemes of words new to the
    model are dropped afterwards (the records keep plain strings), so a worker's vocabulary,
    which otherwise grows with every name it meets, stays the model's whatever the corpus
    size.

    Args:
        articles: The batch.
        nlp: The spaCy pipeline; when None, ``model`` is loaded (once per process).
        model: The model to load when ``nlp`` is None (default: :func:`graph.nlp.model_name`).

    Returns:
        One result per article, in order.
    """
    if nlp is None:
        nlp = load_nlp(model)
    results = []
    with nlp.memory_zone():  # the words new to the model are forgotten after the batch
        for article, doc in _parse_each(articles, nlp):
            if isinstance(doc, str):
                results.append(Extracted(article, None, 0, doc))
                continue
            try:
                results.append(Extracted(article, extract(article, doc), len(doc)))
            except ClaimGraphError as exc:
                results.append(Extracted(article, None, len(doc), str(exc)))
            except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
                results.append(Extracted(article, None, len(doc),
                                         f"internal error while extracting ({type(exc).__name__}: {exc}); "
                                         "please report it with this file"))
    if sum(len(a.text) for a in articles) > TRIM_AFTER_CHARS:
        memory.trim()
    return results


def _parse_each(articles: list[Article], nlp: Language) -> list[tuple[Article, Doc | str]]:
    """Each article with its Doc; when the batch cannot be parsed together, each article
    is parsed alone, and one that still fails comes with the reason (one line) instead."""
    try:
        return list(parse(articles, nlp))
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
        if len(articles) == 1:
            return [(articles[0], f"could not be parsed ({type(exc).__name__}: {exc}); "
                                  "please report it with this file")]
    return [pair for article in articles for pair in _parse_each([article], nlp)]


class LocalExecutor:
    """Extraction in the calling process."""

    def __init__(self, nlp: Language | None = None, model: str | None = None) -> None:
        self._nlp = nlp
        self._model = model

    def map(self, batches: Iterable[list[Article]]) -> Iterator[list[Extracted]]:
        """The results of each batch, in input order."""
        for batch in batches:
            yield extract_batch(batch, self._nlp, self._model)

    def __enter__(self) -> LocalExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


class ProcessExecutor:
    """Extraction in ``workers`` local processes; each loads the model once.

    A worker that dies (killed, out of memory) costs only its batch: the pool is started
    anew and the batch extracted once more; if that fails too, each of its articles gets
    an error. Workers exit on their own when the building process dies
    (:func:`_start_worker`).
    """

    def __init__(self, workers: int, model: str | None = None) -> None:
        if workers < 1:
            raise ClaimGraphError(f"--workers must be at least 1, not {workers}")
        self.workers = workers
        self._model = model
        self._pool: ProcessPoolExecutor | None = None

    def map(self, batches: Iterable[list[Article]]) -> Iterator[list[Extracted]]:
        """The results of each batch, in input order.

        A single batch is extracted in this process: starting workers would cost more.
        """
        if self._pool is None:
            raise ClaimGraphError("ProcessExecutor used outside its `with` block")
        rest = iter(batches)
        head = list(islice(rest, 2))
        if len(head) < 2:
            return LocalExecutor(model=self._model).map(head)
        return _windowed(chain(head, rest), self._submit, self._collect,
                         self.workers * WINDOW_PER_WORKER)

    def _submit(self, batch: list[Article]) -> tuple[list[Article], ProcessPoolExecutor, Future]:
        """Send a batch to the pool (a new one when the current one broke)."""
        pool = self._live_pool()
        try:
            return batch, pool, pool.submit(extract_batch, batch, None, self._model)
        except BrokenProcessPool:
            self._restart(pool)
            return self._submit(batch)

    def _collect(self, sent: tuple[list[Article], ProcessPoolExecutor, Future]) -> list[Extracted]:
        """A batch's results; when its worker died, those of one more try, else an error each."""
        batch, pool, future = sent
        try:
            return future.result()
        except BrokenProcessPool:
            self._restart(pool)
        pool = self._live_pool()
        try:
            return pool.submit(extract_batch, batch, None, self._model).result()
        except BrokenProcessPool:
            self._restart(pool)
        return [Extracted(a, None, 0, "the extraction worker died twice on this article's batch "
                                      "(killed, or out of memory)") for a in batch]

    def _live_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            raise ClaimGraphError("ProcessExecutor used outside its `with` block")
        return self._pool

    def _restart(self, broken: ProcessPoolExecutor) -> None:
        """Replace the pool, unless another batch of the same broken pool already did."""
        if broken is self._pool:
            broken.shutdown(wait=False, cancel_futures=True)
            self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        import multiprocessing

        # forkserver/spawn: no copy of the parent's threads or open store in the workers.
        context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
        return ProcessPoolExecutor(self.workers, mp_context=context, initializer=_start_worker,
                                   initargs=(self._model, os.getpid()))

    def __enter__(self) -> ProcessExecutor:
        self._pool = self._new_pool()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _start_worker(model: str | None, parent: int) -> None:
    """Set up a worker process: a watchdog that ends it when ``parent`` (the build) dies,
    so no worker outlives a killed build, then the model."""
    threading.Thread(target=_watch, args=(parent,), name="claimgraph-watchdog", daemon=True).start()
    load_nlp(model)


def _watch(parent: int) -> None:
    """End this process as soon as the process ``parent`` is gone (or a zombie)."""
    while _alive(parent):
        time.sleep(WATCHDOG_SECONDS)
    os._exit(1)


def _alive(pid: int) -> bool:
    """True while process ``pid`` exists and is not a zombie."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    stat = Path(f"/proc/{pid}/stat")
    try:
        return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


class DaskExecutor:
    """Extraction on a Dask cluster; each worker process loads the model once.

    Start the workers with one thread each (``dask worker ADDRESS --nthreads 1 --nworkers N``):
    a spaCy pipeline is not meant to be shared by threads.
    """

    def __init__(self, address: str, model: str | None = None, timeout: float = 20.0) -> None:
        self.address = address
        self.timeout = timeout
        self._model = model
        self._client: Any = None

    def map(self, batches: Iterable[list[Article]]) -> Iterator[list[Extracted]]:
        """The results of each batch, in input order."""
        if self._client is None:
            raise ClaimGraphError("DaskExecutor used outside its `with` block")
        client = self._client
        window = max(1, sum(client.nthreads().values())) * WINDOW_PER_WORKER
        return _windowed(batches, lambda b: client.submit(extract_batch, b, None, self._model, pure=False),
                         lambda future: future.result(), window)

    def __enter__(self) -> DaskExecutor:
        try:
            from distributed import Client
        except ImportError as exc:
            raise ClaimGraphError("--dask needs dask.distributed: pip install 'dask[distributed]'") from exc
        try:
            self._client = Client(self.address, timeout=f"{self.timeout}s")
        except (OSError, TimeoutError) as exc:
            raise ClaimGraphError(f"cannot reach the Dask scheduler at {self.address}: {exc}") from exc
        return self

    def __exit__(self, *exc: object) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None


def open_executor(workers: int = 1, dask: str | None = None, nlp: Language | None = None,
                  model: str | None = None) -> Executor:
    """The executor for a build.

    Args:
        workers: Local processes; 1 extracts in this process (with ``nlp`` if given).
        dask: Address of a Dask scheduler (``tcp://host:8786``); overrides ``workers``.
        nlp: The pipeline for in-process extraction.
        model: The model name workers load (default: :func:`graph.nlp.model_name`).

    Returns:
        An executor, to be used as a context manager.
    """
    if dask:
        return DaskExecutor(dask, model)
    if workers == 1:
        return LocalExecutor(nlp, model)
    return ProcessExecutor(workers, model)


def _windowed(items: Iterable[Any], submit: Callable[[Any], Any], result: Callable[[Any], Any],
              window: int) -> Iterator[Any]:
    """Results of ``submit(item)`` in input order, with at most ``window`` items in flight."""
    pending: deque = deque()
    for item in items:
        pending.append(submit(item))
        if len(pending) >= window:
            yield result(pending.popleft())
    while pending:
        yield result(pending.popleft())
