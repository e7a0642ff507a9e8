"""Identity of actors: article-local entities mapped to canonical actors of the whole graph.

An actor's IRI is minted from its kind and canonical name, so the same full name found in
any article, built in any order, is the same node. Unnamed sources belong to their article
and get an IRI from their position in it.
"""

from __future__ import annotations

from graph.rdf.ids import Ids
from graph.records import ArticleRecord, Entity, Merge, ResolvedRecord


def resolve(record: ArticleRecord, ids: Ids) -> ResolvedRecord:
    """Map every entity of an article to the IRI of its canonical actor.

    Args:
        record: One article's extraction output.
        ids: The IRI minter.

    Returns:
        The record with entity keys mapped to actor IRIs, their canonical labels, and the
        evidence for each merge of surface forms.
    """
    iris: dict[str, str] = {}
    labels: dict[str, str] = {}
    merges: dict[str, list[Merge]] = {}
    article_id = record.article.id
    for entity in record.entities:
        iri = _actor_iri(entity, article_id, ids)
        iris[entity.key] = iri
        labels[iri] = entity.name
        evidence = [Merge(alias, reason, (article_id,)) for alias, reason in entity.evidence]
        if evidence:
            merges.setdefault(iri, []).extend(evidence)
    return ResolvedRecord(record, iris, labels, merges)


def _actor_iri(entity: Entity, article_id: str, ids: Ids) -> str:
    if entity.kind == "UnnamedSource":
        if entity.mentions:
            first = min(entity.mentions, key=lambda m: m.span.begin).span
            return ids.source(article_id, first)
        return ids.actor(entity.kind, f"{article_id} {entity.name}")
    return ids.actor(entity.kind, entity.name)
