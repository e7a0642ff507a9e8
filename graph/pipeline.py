"""Build: files in, one graph out.

Articles stream through in batches (read, skip if unchanged, parse, extract, resolve, map)
and each finished article is written to the store in its own transaction, so an interrupted
build leaves a store that opens and holds every article that finished, and memory stays
bounded whatever the corpus size.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from spacy.language import Language

from graph.errors import ClaimGraphError, InputError
from graph.extract import extract, parse
from graph.ingest import iter_articles
from graph.nlp import load_nlp
from graph.rdf.ids import Ids
from graph.rdf.mapping import to_quads
from graph.rdf.store import Store
from graph.records import Article
from graph.resolve import resolve

BATCH = 32


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
        quads: Quads written.
        words: Words parsed.
        seconds: Wall time.
    """

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    statements: int = 0
    statistics: int = 0
    quads: int = 0
    words: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """True when every input was built or skipped."""
        return not self.errors


Progress = Callable[[int], None]


def build(paths: Iterable[str | Path], store: Store, *, nlp: Language | None = None,
          ids: Ids | None = None, progress: Progress | None = None,
          on_error: Callable[[str], None] | None = None) -> BuildReport:
    """Ingest files or folders into the store.

    Args:
        paths: Files (.txt .md .html .jsonl) or folders, walked recursively.
        store: Where the graph goes.
        nlp: The spaCy pipeline; loaded with :func:`graph.nlp.load_nlp` when not given.
        ids: The IRI minter (default base IRI when not given).
        progress: Called with the number of articles finished since the last call.
        on_error: Called with each error line as it happens (they are in the report too).

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

    seen: dict[str, str] = {}
    for batch in _batches(iter_articles(paths), BATCH):
        todo: list[Article] = []
        for item in batch:
            if isinstance(item, InputError):
                fail(str(item))
                continue
            if item.id in seen:
                fail(f"{item.source_file}: same article id {item.id!r} as {seen[item.id]}; "
                     "rename one of them or give it an id in a NAME.json sidecar")
                continue
            seen[item.id] = item.source_file
            old = store.article_hash(ids.article(item.id))
            if old == item.content_hash:
                report.skipped.append(item.id)
            else:
                todo.append(item)
        if len(batch) > len(todo) and progress:
            progress(len(batch) - len(todo))
        if todo:
            _build_batch(todo, store, nlp or load_nlp(), ids, report, fail, progress)
    report.seconds = time.perf_counter() - started
    return report


def _build_batch(articles: list[Article], store: Store, nlp: Language, ids: Ids,
                 report: BuildReport, fail: Callable[[str], None],
                 progress: Progress | None) -> None:
    for article, doc in parse(articles, nlp):
        iri = ids.article(article.id)
        try:
            record = extract(article, doc)
            quads = to_quads(resolve(record, ids), ids)
            existed = store.article_hash(iri) is not None
            store.replace_article(iri, quads)
        except ClaimGraphError as exc:
            fail(f"{article.source_file}: {exc}")
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
            fail(f"{article.source_file}: internal error while extracting "
                 f"({type(exc).__name__}: {exc}); please report it with this file")
        else:
            (report.updated if existed else report.added).append(article.id)
            report.statements += len(record.statements)
            report.statistics += len(record.statistics)
            report.quads += len(quads)
            report.words += len(doc)
        if progress:
            progress(1)


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch
