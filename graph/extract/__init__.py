"""Extraction: a parsed article in, an :class:`~graph.records.ArticleRecord` out.

The stages are spaCy components (:mod:`graph.extract.components`), run by ``nlp.pipe``
on a Doc made from :meth:`Article.masked_text` (boilerplate blanked out, so every offset
still indexes the original text): actors and roles first, then statements (which may add
unnamed sources and organisations named only as speakers), then statistics (which take
their source from the statements around them). :func:`extract` only gathers what they
left on the Doc.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from graph.errors import ClaimGraphError
from graph.extract.components import STAGES, add_stages
from graph.extract.described import described_only
from graph.extract.pieces import cuts, parse_in_pieces
from graph.records import Article, ArticleRecord

T = TypeVar("T")
#: Articles parsed together by ``nlp.pipe``, and the characters they may hold together.
#: spaCy's memory grows with the text of a batch, so a long article is parsed alone;
#: batches of short ones keep ``nlp.pipe`` fast.
BATCH_SIZE = 16
BATCH_CHARS = 40_000


def extract(article: Article, doc: Doc) -> ArticleRecord:
    """Everything claimgraph read from one parsed article.

    Args:
        article: The article as ingested.
        doc: The article's Doc, annotated by the claimgraph components (:func:`parse`).

    Returns:
        The article's entities, roles, statements and statistics.

    Raises:
        ClaimGraphError: when a stage failed on this article.
    """
    if doc._.cg_error is not None:
        raise ClaimGraphError(doc._.cg_error)
    actors, speech = doc._.cg_actors, doc._.cg_speech
    entities = described_only(actors.entities + speech.sources, actors.roles)
    # The model read plain spaces (Article.masked_text); statements, figures and mentions
    # keep the article's own characters, as their offsets give them.
    for item in [*speech.statements, *doc._.cg_statistics, *(m for e in entities for m in e.mentions)]:
        item.text = article.as_written(item.text, item.span)
    return ArticleRecord(article, entities, actors.roles, speech.statements, doc._.cg_statistics)


def parse(articles: Iterable[Article], nlp: Language, batch_size: int = BATCH_SIZE
          ) -> Iterator[tuple[Article, Doc]]:
    """Parse articles with ``nlp.pipe`` in :func:`batches`, keeping each with its Doc.

    The claimgraph components are added to ``nlp`` if it lacks them, and each Doc carries
    its article (``doc._.cg_article``) into them. An article too long or too odd to parse
    whole (:func:`graph.extract.pieces.cuts`) is parsed in pieces, joined, and then given
    to the claimgraph components whole.
    """
    add_stages(nlp)
    for batch in batches(articles, batch_size):
        whole, apart = [], {}
        for n, article in enumerate(batch):
            text = article.masked_text()
            at = cuts(text, nlp.max_length)
            if at:
                apart[n] = _annotate(nlp, parse_in_pieces(nlp, text, at, STAGES), article)
            else:
                whole.append(_with_article(nlp.make_doc(text), article))
        piped = nlp.pipe(whole, batch_size=max(1, len(whole)))
        for n, article in enumerate(batch):
            yield article, apart[n] if n in apart else next(piped)


def _with_article(doc: Doc, article: Article) -> Doc:
    """The Doc, carrying its article for the claimgraph components."""
    doc._.cg_article = article
    return doc


def _annotate(nlp: Language, doc: Doc, article: Article) -> Doc:
    """A Doc parsed by the model, run through the claimgraph components."""
    doc = _with_article(doc, article)
    for name in STAGES:
        doc = nlp.get_pipe(name)(doc)
    return doc


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
