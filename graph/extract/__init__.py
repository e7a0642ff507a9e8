"""Extraction: a parsed article in, an :class:`~graph.records.ArticleRecord` out.

The extractors are pure functions over a spaCy ``Doc`` made from
:meth:`Article.masked_text` (boilerplate blanked out, so every offset still indexes the
original text): actors and roles first, then statements (which may add unnamed sources and
organisations named only as speakers), then statistics (which take their source from the
statements around them).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from graph.extract.entities import extract_entities
from graph.extract.statements import extract_statements
from graph.extract.statistics import extract_statistics
from graph.records import Article, ArticleRecord

T = TypeVar("T")
#: Articles parsed together by ``nlp.pipe``, and the characters they may hold together.
#: spaCy's memory grows with the text of a batch (the 8 longest Wikinews articles,
#: 40,000 to 104,000 characters, peaked at 1.6 GB together, at 660 MB one by one), so a
#: long article is parsed alone; batches of short ones keep ``nlp.pipe`` fast.
BATCH_SIZE = 16
BATCH_CHARS = 40_000


def extract(article: Article, doc: Doc) -> ArticleRecord:
    """Everything claimgraph reads from one parsed article.

    Args:
        article: The article as ingested.
        doc: ``nlp(article.masked_text())``.

    Returns:
        The article's entities, roles, statements and statistics.
    """
    entities, roles = extract_entities(doc)
    statements, more = extract_statements(doc, entities, roles)
    entities = entities + more
    statistics = extract_statistics(doc, article, entities, statements)
    return ArticleRecord(article, entities, roles, statements, statistics)


def parse(articles: Iterable[Article], nlp: Language, batch_size: int = BATCH_SIZE
          ) -> Iterator[tuple[Article, Doc]]:
    """Parse articles with ``nlp.pipe`` in :func:`batches`, keeping each with its Doc."""
    for batch in batches(articles, batch_size):
        pairs = [(a.masked_text(), a) for a in batch]
        for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=len(pairs)):
            yield article, doc


def batches(items: Iterable[T], size: int = BATCH_SIZE, chars: int = BATCH_CHARS) -> Iterator[list[T]]:
    """Consecutive batches of at most ``size`` items and ``chars`` characters of article
    text (an article longer than that alone); items that are not articles count as none."""
    batch: list[T] = []
    held = 0
    for item in items:
        length = len(item.text) if isinstance(item, Article) else 0
        if batch and (len(batch) >= size or held + length > chars):
            yield batch
            batch, held = [], 0
        batch.append(item)
        held += length
    if batch:
        yield batch
