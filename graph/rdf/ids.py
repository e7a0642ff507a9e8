"""Minting stable IRIs for articles, actors and everything stated in an article.

The scheme (relative to a configurable base, by default :data:`DEFAULT_BASE`)::

    article/<article-id>                       an article, also the named graph of its facts
    person/<slug>  organization/<slug>  place/<slug>      named actors, by canonical name
    article/<id>/source/<begin>-<end>          an unnamed source, by its first mention
    article/<id>/statement/<begin>-<end>       likewise statistic/, role/, mention/, boilerplate/
    article/<id>/text                          the article's text (in its private text graph)
    evidence/<slug(actor)>/<slug(alias)>       why an alias was merged into an actor

The same input always gives the same IRI, on every run and every machine.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote

from graph.records import Entity, Span

DEFAULT_BASE = "https://w3id.org/claimgraph/id/"

#: Entity kind -> path segment, for the actors named by a slug of their canonical name.
#: (Unnamed sources are minted per article with :meth:`Ids.source`; ``source/`` is only for
#: one that has no mention to locate it by.)
ACTOR_PATHS: dict[str, str] = {
    "Person": "person",
    "Organization": "organization",
    "Place": "place",
    "UnnamedSource": "source",
}

_NON_ALNUM = re.compile(r"[\W_]+")
_ID_SAFE = "-._~"
#: Texts whose slug is memoised (bounded, so memory stays flat): a build mints the IRI of a
#: frequent actor's name, and of its evidence, once per article naming it.
SLUG_CACHE = 1 << 16


@lru_cache(maxsize=SLUG_CACHE)
def slug(text: str) -> str:
    """Lowercase ``text``, strip diacritics and join its words with hyphens.

    Letters of scripts without a Latin decomposition are kept as they are (IRIs allow them);
    text with no letter or digit at all gets a short hash, so that a slug is never empty.

    Args:
        text: Any name or phrase.

    Returns:
        The slug, e.g. ``"jose-maria-ayala"`` for ``"José-María  Ayala"``.

    >>> slug("Ministère de l'Intérieur")
    'ministere-de-l-interieur'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    result = _NON_ALNUM.sub("-", stripped.casefold()).strip("-")
    return result or "h-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@lru_cache(maxsize=1 << 12)
def _quoted(article_id: str) -> str:
    """An article id as its IRI holds it (memoised: every mention, role and statement IRI of
    an article starts with it)."""
    return quote(article_id, safe=_ID_SAFE)


class Ids:
    """Mints the IRIs of one graph, all under one base.

    Args:
        base: Base IRI; a trailing ``/`` is added when missing.
    """

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def __repr__(self) -> str:
        return f"Ids({self.base!r})"

    def article(self, article_id: str) -> str:
        """The IRI of an article (and of the named graph holding its facts)."""
        return f"{self.base}article/{_quoted(article_id)}"

    def actor(self, kind: str, name: str) -> str:
        """The IRI of a named actor or place, from its kind and canonical name.

        Raises:
            ValueError: when ``kind`` is not one of :data:`ACTOR_PATHS`.
        """
        if kind not in ACTOR_PATHS:
            raise ValueError(f"no actor IRI for kind {kind!r}: expected one of {sorted(ACTOR_PATHS)}")
        return f"{self.base}{ACTOR_PATHS[kind]}/{slug(name)}"

    def source(self, article_id: str, span: Span) -> str:
        """The IRI of an unnamed source, from the span of its first mention."""
        return self._in_article(article_id, "source", span)

    def local_actor(self, article_id: str, entity: Entity) -> str:
        """The IRI of an actor that belongs to one article (an unnamed source, "the police"):
        from its first mention, or from the article and its name when it has none."""
        if entity.mentions:
            return self.source(article_id, min((m.span for m in entity.mentions), key=lambda s: (s.begin, s.end)))
        return self.actor(entity.kind, f"{article_id} {entity.name}")

    def statement(self, article_id: str, span: Span) -> str:
        """The IRI of a statement, from the span of its content."""
        return self._in_article(article_id, "statement", span)

    def statistic(self, article_id: str, span: Span) -> str:
        """The IRI of a statistic, from the span it was read from."""
        return self._in_article(article_id, "statistic", span)

    def role(self, article_id: str, span: Span) -> str:
        """The IRI of a role, from the span it was read from."""
        return self._in_article(article_id, "role", span)

    def mention(self, article_id: str, span: Span) -> str:
        """The IRI of one mention of an entity."""
        return self._in_article(article_id, "mention", span)

    def text(self, article_id: str) -> str:
        """The IRI of an article's text (its ``nif:Context``, in the private text graph)."""
        return f"{self.article(article_id)}/text"

    def boilerplate(self, article_id: str, span: Span) -> str:
        """The IRI of a stretch of an article's text that is not article content."""
        return self._in_article(article_id, "boilerplate", span)

    def evidence(self, actor_iri: str, alias: str) -> str:
        """The IRI of the evidence that ``alias`` names the actor ``actor_iri``.

        Aliases that slug alike ("Mr. Lee", "Mr Lee") are different evidence, so the slug is
        followed by a short hash of the exact alias.
        """
        local = actor_iri[len(self.base):] if actor_iri.startswith(self.base) else actor_iri
        digest = hashlib.sha256(alias.encode("utf-8")).hexdigest()[:8]
        return f"{self.base}evidence/{slug(local)}/{slug(alias)}-{digest}"

    @staticmethod
    def government(place_iri: str) -> str:
        """The IRI of the government of a place: the speaker of what the place "said"
        (``Britain warned``), an organisation that follows its place's IRI.

        >>> Ids.government("https://w3id.org/claimgraph/id/place/eastvale")
        'https://w3id.org/claimgraph/id/place/eastvale/government'
        """
        return f"{place_iri}/government"

    def _in_article(self, article_id: str, kind: str, span: Span) -> str:
        return f"{self.article(article_id)}/{kind}/{span.begin}-{span.end}"
