"""Build: files in, one graph out.

Articles stream through in batches (read, skip if unchanged, parse, extract, resolve, map)
and each batch of finished articles is written to the store in one transaction
(:class:`graph.writer.Writer`), so an interrupted build leaves a store that opens and holds
every batch that finished, and memory stays bounded whatever the corpus size. The writer's
thread writes a batch while the next one is planned; an article is reported built (or
lost) once its batch's write has ended.
"""

from __future__ import annotations

import errno
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import chain, count
from pathlib import Path

from spacy.language import Language

from graph import memory
from graph.errors import ClaimGraphError, InputError, UnsavedWrites
from graph.extract import BATCH_SIZE, batches
from graph.identity import reconcile_names
from graph.ingest import Manifest, iter_articles
from graph.overrides import Overrides
from graph.parallel import Extracted, LocalExecutor, open_executor
from graph.rdf.base import GraphStore
from graph.rdf.ids import Ids
from graph.rdf.name_index import holds_other_file
from graph.records import Article
from graph.writer import GROUP_QUADS, Writer

#: Articles per batch read, checked against the store and, less the unchanged ones, sent to
#: a worker (the default ``batch_size`` of :func:`build`). :func:`graph.extract.batches`
#: also closes a batch at :data:`graph.extract.BATCH_CHARS` characters of text, so a long
#: article travels alone. The size is the worker's own ``nlp.pipe`` batch
#: (:data:`graph.extract.BATCH_SIZE`), so a worker parses each batch in one call; a larger
#: ``batch_size`` is parsed in several. Small batches of about equal text keep the workers
#: equally busy: in large ones a few long articles leave the other workers idle.
BATCH = BATCH_SIZE
#: Growth of the writing process's resident memory, in bytes, since the last
#: :meth:`Store.checkpoint`, at which the build checkpoints again (checked after each
#: batch). RocksDB holds memory for every article written until the store is closed, more
#: per article as the store grows, and a checkpoint is not free. Watching the growth rather
#: than counting articles checkpoints often in a large store and rarely in a small one,
#: where a fixed count would checkpoint for nothing. When extraction runs elsewhere, the
#: freed memory is also handed back to the system (:func:`graph.memory.trim`).
CHECKPOINT_GROWTH = 64 * 2**20
#: Error numbers of a write that failed for want of space.
DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})


@dataclass
class BuildReport:
    """What a build did.

    Attributes:
        added: Ids of articles new to the store.
        updated: Ids of articles whose content changed and whose graph was replaced.
        skipped: Ids of unchanged articles.
        errors: One line per input that could not be built, naming it and the problem.
        statements: Statements written.
        statistics: Statistics written.
        words: Words parsed.
        seconds: Wall time.
    """

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    statements: int = 0
    statistics: int = 0
    words: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """True when every input was built or skipped."""
        return not self.errors


Progress = Callable[[int], None]


def build(paths: Iterable[str | Path], store: GraphStore, *, nlp: Language | None = None,
          ids: Ids | None = None, progress: Progress | None = None,
          on_error: Callable[[str], None] | None = None, workers: int = 1,
          dask: str | None = None, overrides: Overrides | None = None, batch_size: int = BATCH,
          metadata: Manifest | None = None) -> BuildReport:
    """Ingest files or folders into the store.

    Parsing and extraction run where ``workers``/``dask`` say (:mod:`graph.parallel`);
    the store is written from this process only, in input order, so the result does not
    depend on where extraction ran.

    Args:
        paths: Files (.txt .md .html .jsonl) or folders, walked recursively.
        store: Where the graph goes (an embedded or a remote store).
        nlp: The spaCy pipeline; loaded with :func:`graph.nlp.load_nlp` when not given.
            Used only when extraction runs in this process (``workers=1``, no ``dask``).
        ids: The IRI minter (default base IRI when not given).
        progress: Called with the number of articles finished since the last call.
        on_error: Called with each error line as it happens (they are in the report too).
        workers: Local processes for extraction (1: this process).
        dask: Address of a Dask scheduler to run extraction on instead.
        overrides: The user's identity joins and splits; the actors they name are
            re-resolved first, so an edited overrides file takes effect on the next build.
        batch_size: Articles read together (see :data:`BATCH`; a batch is also closed at
            :data:`graph.extract.BATCH_CHARS` characters); those not already stored
            unchanged are extracted together, in one worker.
        metadata: Metadata of articles by file name or id (a ``--metadata`` manifest); it
            wins over what the files give.

    Returns:
        What was added, updated, skipped and what failed.
    """
    started = time.perf_counter()
    ids = ids or Ids()
    report = BuildReport()

    def fail(line: str) -> None:
        report.errors.append(line)
        if on_error:
            on_error(line)

    overrides = overrides or Overrides()
    if overrides.names:
        reconcile_names(store, overrides.names, ids, overrides)
    def todo_batches() -> Iterator[list[Article]]:
        for batch in batches(iter_articles(paths, metadata or Manifest()), batch_size):
            todo = to_build(batch)
            if len(batch) > len(todo) and progress:
                progress(len(batch) - len(todo))
            if todo:
                yield todo

    stored: dict[str, bool] = {}  # article id -> already in the store (until written)

    def to_build(batch: list) -> list[Article]:
        todo: list[Article] = []
        for item in batch:
            if isinstance(item, InputError):
                fail(str(item))
                continue
            old = store.article_hash(ids.article(item.id))
            if old is not None and old != item.content_hash:
                item = _own_id(item, store, ids)
                old = store.article_hash(ids.article(item.id))
            stored[item.id] = old is not None
            if old == item.content_hash:
                report.skipped.append(item.id)
            else:
                todo.append(item)
        return todo

    with open_executor(workers, dask, nlp) as executor:
        write_batches(executor.map(todo_batches()), store, ids, overrides, report, fail, progress, stored,
                      trim=not isinstance(executor, LocalExecutor))
    report.seconds = time.perf_counter() - started
    return report


def _own_id(article: Article, store: GraphStore, ids: Ids) -> Article:
    """The article under an id that no other file's article holds in the store.

    An article whose id is stored for another file (``report.md`` built after
    ``report.txt``, or ``deskB/report.txt`` after ``deskA/report.txt``:
    :func:`graph.rdf.name_index.holds_other_file`) is a different file, never an update of
    it: it takes the first free id of ``ID-2``, ``ID-3``, ...
    """
    candidates = chain([article.id], (f"{article.id}-{n}" for n in count(2)))
    ident = next(i for i in candidates if not holds_other_file(store, ids.article(i), article))
    return article if ident == article.id else replace(article, id=ident)


def write_batches(batches: Iterable[list[Extracted]], store: GraphStore, ids: Ids, overrides: Overrides,
                  report: BuildReport, fail: Callable[[str], None], progress: Progress | None = None,
                  stored: dict[str, bool] | None = None, trim: bool = False) -> None:
    """Write extracted articles to the store, batch after batch, checkpointing the store as
    the writing process grows (:data:`CHECKPOINT_GROWTH`): the writing half of :func:`build`,
    also driven alone by ``benchmarks/writer.py`` with records extracted once.

    Each batch is written by one :class:`graph.writer.Writer`, in one transaction (an
    article that changes what the store holds of others in its own, before the rest), in the
    writer's thread while the next batch is planned: an interrupted build leaves the store
    with every batch written before it, and none of the batch being written. An article is
    counted in ``report`` (or its error line given to ``fail``), and ``progress`` told,
    once its batch's write has ended; every write has ended when this returns or raises.

    Python's cyclic collector collects its youngest generation less often meanwhile
    (:func:`graph.memory.rare_young_collections`): the planning of each article no longer
    fills the oldest generation, whose collections scan the writer's whole index.

    Args:
        batches: The extracted articles, in input order.
        store: The store (writable).
        ids: The IRI minter.
        overrides: The user's joins and splits.
        report: Where what was written and what failed is counted.
        fail: Called with the error line of each article that could not be written.
        progress: Called with the number of articles finished since the last call.
        stored: Article id -> already in the store (an update rather than an addition).
        trim: Hand freed memory back to the system at each checkpoint (when extraction
            runs elsewhere; here, spaCy's next batch would only fault the pages back in).
    """
    stored = {} if stored is None else stored
    writer = Writer(store, ids, overrides, group=GROUP_QUADS)
    unsettled: deque[tuple[list[Extracted], list[tuple[Extracted, bool]]]] = deque()
    held = memory.resident()
    asked = False
    try:
        with memory.rare_young_collections():
            for results in batches:
                unsettled.append((results, _write_each(results, writer, report, fail, stored)))
                _flush(writer, wait=False)  # waits for the batch before, and makes a checkpoint asked after it
                _settle(unsettled, writer.unwritten, writer, report, fail, progress)
                if asked:
                    if trim:
                        memory.trim()
                    held = memory.resident()
                asked = memory.resident() - held > CHECKPOINT_GROWTH
                if asked:
                    writer.checkpoint()
            _flush(writer, wait=True)
            _settle(unsettled, 0, writer, report, fail, progress)
    finally:
        writer.close()


def _write_each(results: list[Extracted], writer: Writer, report: BuildReport, fail: Callable[[str], None],
                stored: dict[str, bool]) -> list[tuple[Extracted, bool]]:
    """Hand a batch's articles to the writer; those it took, with whether each was stored before."""
    written: list[tuple[Extracted, bool]] = []
    for result in results:
        article, record = result.article, result.record
        existed = stored.pop(article.id, False)
        try:
            if record is None:
                raise ClaimGraphError(result.error or "extraction failed")
            writer.write(record)
        except UnsavedWrites:  # the articles written before this one are lost too: stop, say so
            raise
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
            _stop_if_disk_full(exc, article, report)
            fail(_error_line(article, exc))
        else:
            written.append((result, existed))
    return written


def _flush(writer: Writer, wait: bool) -> None:
    """Flush the writer; a batch whose write failed is left in ``writer.lost``, to :func:`_settle`."""
    try:
        writer.flush(wait=wait)
    except UnsavedWrites:
        raise
    except Exception as exc:  # noqa: BLE001 - the batch is lost, the build goes on
        if not writer.lost_to(exc):
            raise  # not a batch's write (a checkpoint): stop, as before


def _settle(unsettled: deque[tuple[list[Extracted], list[tuple[Extracted, bool]]]], keep: int, writer: Writer,
            report: BuildReport, fail: Callable[[str], None], progress: Progress | None) -> None:
    """Count the batches handed to the writer but the last ``keep``, in order: a flush waits
    for every batch before the one it hands over, so each of their articles is written, or
    lost (in ``writer.lost``).

    Raises:
        ClaimGraphError: when an article was lost to a full disk.
    """
    while len(unsettled) > keep:
        results, written = unsettled.popleft()
        for result, existed in written:
            lost = writer.lost.pop(result.article.id, None)
            if lost is not None:
                _stop_if_disk_full(lost, result.article, report)
                fail(_error_line(result.article, lost))
                continue
            (report.updated if existed else report.added).append(result.article.id)
            report.statements += len(result.record.statements)
            report.statistics += len(result.record.statistics)
            report.words += result.words
        if progress:
            progress(len(results))


def _error_line(article: Article, exc: Exception) -> str:
    """The one line reporting an article that could not be built."""
    if isinstance(exc, ClaimGraphError):
        return f"{article.source_file}: {exc}"
    return (f"{article.source_file}: internal error while extracting ({type(exc).__name__}: "
            f"{exc}); please report it with this file")


def _stop_if_disk_full(exc: BaseException, article: Article, report: BuildReport) -> None:
    """Stop the build, once and clearly, when ``exc`` comes from a full disk: every later
    article would fail the same way.

    Raises:
        ClaimGraphError: when the disk (or the user's quota) is full.
    """
    cause: BaseException | None = exc
    while cause is not None and not (isinstance(cause, OSError) and cause.errno in DISK_FULL):
        cause = cause.__cause__ or cause.__context__
    if cause is None and "No space left on device" not in str(exc):
        return
    written = len(report.added) + len(report.updated)
    raise ClaimGraphError(
        f"the disk is full (writing {article.source_file}): the build stopped; the store holds "
        f"every article written before it ({written} in this build); free some space and run "
        "the build again to finish it") from exc
