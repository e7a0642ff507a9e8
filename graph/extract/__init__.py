"""Extraction: a parsed article in, an :class:`~graph.records.ArticleRecord` out.

The extractors are pure functions over a spaCy ``Doc`` made from
:meth:`Article.masked_text` (boilerplate blanked out, so every offset still indexes the
original text): actors and roles first, then statements (which may add unnamed sources and
organisations named only as speakers), then statistics (which take their source from the
statements around them).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from graph.extract.entities import extract_entities
from graph.extract.statements import extract_statements
from graph.extract.statistics import extract_statistics
from graph.records import Article, ArticleRecord

BATCH_SIZE = 16


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
    """Parse articles in batches with ``nlp.pipe``, keeping each with its Doc."""
    pairs = ((a.masked_text(), a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield article, doc
