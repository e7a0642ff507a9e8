"""Identity of actors: article-local entities mapped to canonical actors of the whole graph.

A pure stage: :func:`resolve` takes one article's record and the descriptors of the other
articles that may name the same actors (read from the name index by the caller, see
:mod:`graph.identity`) and returns the record with actor IRIs, labels and merge evidence,
with the resolution of the article and its context. It never reads or writes a store.

- :mod:`graph.resolve.names`: folding, ranking and the name index keys of names;
- :mod:`graph.resolve.descriptors`: one article's view of one actor;
- :mod:`graph.resolve.cluster`: the cross-article join rules and the evidence they leave.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from graph.overrides import Overrides
from graph.rdf.ids import Ids
from graph.records import ArticleRecord, Merge, ResolvedRecord
from graph.resolve.cluster import Resolution, cluster
from graph.resolve.descriptors import Descriptor, descriptors_of, is_local, merge_descriptors
from graph.resolve.names import fold

__all__ = ["Descriptor", "Resolution", "fold", "resolve"]


def resolve(record: ArticleRecord, ids: Ids, context: Iterable[Descriptor] = (),
            overrides: Overrides | None = None) -> tuple[ResolvedRecord, Resolution]:
    """Map every entity of an article to the IRI of its canonical actor.

    Args:
        record: One article's extraction output.
        ids: The IRI minter.
        context: Descriptors of other articles that may be the same actors (from the store).
        overrides: The user's joins and splits.

    Returns:
        The record with entity keys mapped to actor IRIs and labels and with the merge
        evidence of the article's actors (:attr:`~graph.records.ResolvedRecord.merges`), and
        the resolution of the article together with its context. Entities of the article
        that end up in one actor are resolved again as one descriptor, as the store will
        hold them.
    """
    article_iri = ids.article(record.article.id)
    own = descriptors_of(record, article_iri)
    context = [d for d in context if d.article != article_iri]
    resolution = cluster([*context, *own], ids, overrides)
    groups: dict[str, list[Descriptor]] = {}
    for d in own:
        groups.setdefault(resolution.assignments[d.key].iri, []).append(d)
    if any(len(g) > 1 for g in groups.values()):
        merged = [merge_descriptors(g, iri) for iri, g in groups.items()]
        again = cluster([*context, *merged], ids, overrides)
        for iri, g in groups.items():
            for d in g:
                again.assignments[d.key] = again.assignments[(article_iri, iri)]
        resolution = again
    iris: dict[str, str] = {}
    labels: dict[str, str] = {}
    for e in record.entities:
        if is_local(e):
            iris[e.key] = ids.local_actor(record.article.id, e)
            continue
        if (article_iri, e.key) not in resolution.assignments:
            continue
        assigned = resolution.assignments[(article_iri, e.key)]
        iris[e.key] = assigned.iri
        labels[assigned.iri] = assigned.label
    return ResolvedRecord(record, iris, labels, _Merges(resolution.evidence, labels)), resolution


class _Merges(Mapping):
    """The merge evidence of an article's actors, worked out only if read: the writers map
    articles without it (they rebuild each actor's evidence from every article), and that
    of a frequent actor walks every article naming it."""

    def __init__(self, evidence: Mapping[str, list[Merge]], actors: Iterable[str]) -> None:
        self._evidence, self._actors = evidence, set(actors)

    def __getitem__(self, iri: str) -> list[Merge]:
        if iri not in self._actors:
            raise KeyError(iri)
        return self._evidence[iri]

    def __iter__(self) -> Iterator[str]:
        return (iri for iri in sorted(self._actors) if iri in self._evidence)

    def __len__(self) -> int:
        return sum(1 for _ in self)
