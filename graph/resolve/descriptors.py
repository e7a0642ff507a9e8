"""Descriptors: one article's view of one actor, the input of cross-article identity.

A descriptor comes either from a new article's record (:func:`descriptors_of`) or from the
name index of a stored article (:mod:`graph.rdf.name_index`); both hold the same facts, so an
article re-resolved from the store resolves as it did when it was written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache

from graph.records import ArticleRecord, Entity
from graph.resolve.names import NAME_CACHE, fold, is_acronym, is_titled, name_rank

Ref = tuple[str, str]  # (article IRI, actor IRI or entity key in that article)


#: (kind, names, titles, join reasons): descriptors of one shape meet every join rule alike.
Shape = tuple[str, frozenset[str], frozenset[str], frozenset[tuple[str, str]]]


@dataclass(frozen=True)
class Descriptor:
    """One article's view of one actor.

    Attributes:
        article: The article IRI.
        ref: What the article calls it: an entity key (new article) or the actor IRI its
            graph uses (stored article).
        kind: Person, Organization or Place.
        names: Every name the article gives it, as written.
        titles: The titles the article gives it.
        reasons: Why the article took its names to be one actor, as extraction found:
            (alias, reason) pairs such as ("Water Ministry", "ministry form").
    """

    article: str
    ref: str
    kind: str
    names: frozenset[str]
    titles: frozenset[str] = frozenset()
    reasons: frozenset[tuple[str, str]] = frozenset()

    @cached_property
    def key(self) -> Ref:
        """(article, ref): unique among descriptors (kept: clustering reads it often)."""
        return self.article, self.ref

    @cached_property
    def primary(self) -> str:
        """The fullest name the article gives."""
        return min(self.names, key=name_rank)

    @cached_property
    def join_reasons(self) -> frozenset[tuple[str, str]]:
        """The reasons that change which actors it joins: an organisation's short forms of a
        longer name (:attr:`full_names` leaves them out)."""
        if self.kind == "Person":
            return frozenset()
        return frozenset(r for r in self.reasons if r[1] == "short name")

    @cached_property
    def shape(self) -> Shape:
        """What the join rules read of it: descriptors of one shape meet them alike."""
        return self.kind, self.names, self.titles, self.join_reasons

    @cached_property
    def full_names(self) -> frozenset[str]:
        """Folded names strong enough to join on by equality (:func:`full_names`); kept with
        the descriptor, which a writer's index clusters again for every article naming its actor."""
        if self.kind == "Person":
            return frozenset(f for f in map(fold, self.names) if len(f.split()) >= 2)
        shorts = {alias for alias, _ in self.join_reasons}
        return frozenset({fold(self.primary)} | {f for n in self.names if n not in shorts
                                                 and not is_acronym(n) and len((f := fold(n)).split()) >= 2})


#: A capital on a leading article ("The fire service") says nothing about the name.
_LEADING_ARTICLE = re.compile(r"^(?:the|an?)\s+", re.IGNORECASE)


def is_local(entity: Entity) -> bool:
    """True for actors that belong to their article alone: unnamed sources, and actors known
    only by a common noun ("police", "the government"), which would wrongly merge across
    articles and countries if resolved by name."""
    return entity.kind == "UnnamedSource" or not any(map(_capitalised, (entity.name, *entity.aliases)))


@lru_cache(maxsize=NAME_CACHE)
def _capitalised(name: str) -> bool:
    """True when a name has a capital past its leading article (memoised, as the name functions)."""
    return any(c.isupper() for c in _LEADING_ARTICLE.sub("", name))


def entity_names(entity: Entity) -> frozenset[str]:
    """Every non-blank name an entity has (its name and aliases, as written)."""
    return frozenset(n for n in (entity.name, *entity.aliases) if n.strip())


def titles_by_entity(record: ArticleRecord) -> dict[str, frozenset[str]]:
    """Entity key -> the non-blank titles its roles give it."""
    titles: dict[str, set[str]] = {}
    for role in record.roles:
        if role.title.strip():
            titles.setdefault(role.person, set()).add(role.title)
    return {key: frozenset(found) for key, found in titles.items()}


def descriptors_of(record: ArticleRecord, article_iri: str) -> list[Descriptor]:
    """One descriptor per named entity of an article (local actors are not resolved)."""
    titles = titles_by_entity(record)
    return [Descriptor(article_iri, e.key, e.kind, entity_names(e), titles.get(e.key, frozenset()),
                       frozenset((alias, reason) for alias, reason in e.evidence if alias.strip()))
            for e in record.entities if not is_local(e) and entity_names(e)]


def merge_descriptors(descriptors: Iterable[Descriptor], ref: str) -> Descriptor:
    """Several descriptors of one article as one (what its graph holds once they share an actor)."""
    ds = list(descriptors)
    return Descriptor(ds[0].article, ref, ds[0].kind, frozenset().union(*(d.names for d in ds)),
                      frozenset().union(*(d.titles for d in ds)), frozenset().union(*(d.reasons for d in ds)))


def full_names(d: Descriptor) -> frozenset[str]:
    """Folded names strong enough to join on by equality: a person's of two words or more;
    an organisation's or place's primary name and every name of two words or more that is
    not an acronym, nor the short form the article gave a longer name ("Democratic Party"
    of "Kelby Democratic Party" names the Kelby party there, and another party elsewhere)."""
    return d.full_names


def is_short(d: Descriptor) -> bool:
    """True for a descriptor that joins an actor only if it is the one holder of its name
    (a titled person named by one word, an organisation named only by acronyms): its
    clustering depends on every actor its :func:`~graph.resolve.names.lookup_keys` find."""
    if d.kind == "Person":
        return is_titled(d.titles) and not full_names(d)
    return d.kind == "Organization" and all(is_acronym(n) for n in d.names)
