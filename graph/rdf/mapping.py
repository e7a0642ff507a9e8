"""Records → quads: one article's facts in its named graph, merge evidence in the default graph.

Quads are built directly as :mod:`pyoxigraph` terms, which is fast; rdflib is kept for the
ontology, SHACL and JSON-LD. No blank nodes: every node has an IRI from :class:`~graph.rdf.ids.Ids`.
"""

from __future__ import annotations

from collections.abc import Iterator

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad

from graph.rdf._terms import (A, ABOUT, ALIAS, ALT_LABEL, ANCHOR_OF, ATTRIBUTED_TO, BEGIN, CONTENT_HASH, CUE,
                              DATE_PUBLISHED, DERIVED_FROM, END, HAS_ROLE, HEADLINE, JOB_TITLE, KIND_CLASSES,
                              LABEL, MEASURE, MEMBER, MEMBER_OF, MENTION, MENTIONS, MERGE_EVIDENCE, MERGED_INTO,
                              NEWS_ARTICLE, ORGANIZATION, PERIOD, QUALIFIER, QUOTE_CLASSES, REASON, REFERS_TO,
                              ROLE, SOURCE_FILE, SPEECH_ACT, SPEECH_ACTS, STATEMENT, STATISTIC, TEXT, TITLE,
                              UNIT_TEXT, VALID_AT, VALUE, date_literal, literal_value, term)
from graph.rdf.ids import Ids
from graph.records import Article, Entity, Merge, ResolvedRecord, Role, Span, Statement, Statistic


STATISTIC_TEXTS = ((MEASURE, "measure"), (PERIOD, "period"), (QUALIFIER, "qualifier"))


def to_quads(resolved: ResolvedRecord, ids: Ids, evidence: bool = True) -> list[Quad]:
    """Map one resolved article to quads.

    The article's facts go in the named graph whose name is the article IRI, including the
    type, canonical label, other surface forms, titles and memberships of every actor it
    mentions. Merge evidence goes in the default graph. Records that point to unknown
    entity keys lose only that link, never the article.

    Args:
        resolved: The extraction output with entity keys mapped to actor IRIs.
        ids: The IRI minter (its base must be the one the resolver used).
        evidence: Whether to include the merge evidence.

    Returns:
        The quads, in a stable order, without duplicates.
    """
    return list(dict.fromkeys(_quads(resolved, ids, evidence)))


def _quads(resolved: ResolvedRecord, ids: Ids, evidence: bool) -> Iterator[Quad]:
    article = resolved.record.article
    graph = NamedNode(ids.article(article.id))
    actors = _actor_iris(resolved, ids)
    for s, p, o in _article_triples(article, graph):
        yield Quad(s, p, o, graph)
    for actor, entities in _by_actor(resolved.record.entities, actors).items():
        for s, p, o in _actor_triples(actor, entities, resolved.labels, graph):
            yield Quad(s, p, o, graph)
    for entity in resolved.record.entities:
        for s, p, o in _mention_triples(entity, actors[entity.key], graph, ids, article.id):
            yield Quad(s, p, o, graph)
    for role in resolved.record.roles:
        for s, p, o in _role_triples(role, actors, article, graph, ids):
            yield Quad(s, p, o, graph)
    for statement in resolved.record.statements:
        for s, p, o in _statement_triples(statement, actors, graph, ids, article.id):
            yield Quad(s, p, o, graph)
    for statistic in resolved.record.statistics:
        for s, p, o in _statistic_triples(statistic, actors, graph, ids, article.id):
            yield Quad(s, p, o, graph)
    if evidence:
        for s, p, o in _evidence_triples(resolved, actors, graph, ids):
            yield Quad(s, p, o, DefaultGraph())


def _actor_iris(resolved: ResolvedRecord, ids: Ids) -> dict[str, NamedNode]:
    """Entity key -> actor IRI: the resolver's, or one minted here when it gave none."""
    return {e.key: NamedNode(resolved.iris.get(e.key) or _fallback_iri(e, resolved.record.article.id, ids))
            for e in resolved.record.entities}


def _fallback_iri(entity: Entity, article_id: str, ids: Ids) -> str:
    if entity.kind == "UnnamedSource":
        return ids.local_actor(article_id, entity)
    return ids.actor(entity.kind, entity.name)


def _article_triples(article: Article, graph: NamedNode) -> Iterator[tuple]:
    yield graph, A, NEWS_ARTICLE
    yield graph, SOURCE_FILE, Literal(article.source_file)
    yield graph, CONTENT_HASH, Literal(article.content_hash)
    if article.title:
        yield graph, HEADLINE, Literal(article.title)
    published = date_literal(article.date) if article.date else None
    if published is not None:
        yield graph, DATE_PUBLISHED, published
        yield graph, term("cg:dateInferred"), Literal(article.date_inferred)
    if article.url:
        yield graph, term("schema:url"), _url(article.url)
    if article.publisher:
        yield graph, term("schema:publisher"), Literal(article.publisher)
    if article.author:
        yield graph, term("schema:author"), Literal(article.author)


def _url(url: str) -> NamedNode | Literal:
    """The URL as an IRI, or as an ``xsd:anyURI`` literal when it is not a valid IRI."""
    try:
        return NamedNode(url.strip())
    except ValueError:
        return Literal(url, datatype=term("xsd:anyURI"))


def _by_actor(entities: list[Entity], actors: dict[str, NamedNode]) -> dict[NamedNode, list[Entity]]:
    """The article's entities grouped by actor (the resolver may map several to one)."""
    groups: dict[NamedNode, list[Entity]] = {}
    for entity in entities:
        groups.setdefault(actors[entity.key], []).append(entity)
    return groups


def _actor_triples(actor: NamedNode, entities: list[Entity], labels: dict[str, str],
                   graph: NamedNode) -> Iterator[tuple]:
    """Type, canonical label and other surface forms of one actor, and the article's link to it."""
    label = labels.get(actor.value) or entities[0].name
    kind = entities[0].kind
    yield actor, A, KIND_CLASSES[kind]
    yield actor, LABEL, Literal(label)
    names = {name for e in entities for name in (e.name, *e.aliases)}
    for alt in sorted(names - {label}):
        if alt.strip():
            yield actor, ALT_LABEL, Literal(alt)
    if kind != "UnnamedSource":
        yield graph, MENTIONS, actor


def _mention_triples(entity: Entity, actor: NamedNode, graph: NamedNode, ids: Ids,
                     article_id: str) -> Iterator[tuple]:
    for mention in entity.mentions:
        node = NamedNode(ids.mention(article_id, mention.span))
        yield node, A, MENTION
        yield node, REFERS_TO, actor
        yield node, ANCHOR_OF, Literal(mention.text)
        yield from _provenance(node, graph, mention.span)


def _role_triples(role: Role, actors: dict[str, NamedNode], article: Article, graph: NamedNode,
                  ids: Ids) -> Iterator[tuple]:
    person = actors.get(role.person)
    if person is None or not role.title.strip():
        return
    node = NamedNode(ids.role(article.id, role.span))
    yield node, A, ROLE
    yield node, MEMBER, person
    yield node, TITLE, Literal(role.title)
    yield person, HAS_ROLE, node
    yield person, JOB_TITLE, Literal(role.title)
    organization = actors.get(role.organization) if role.organization else None
    if organization is not None:
        yield node, ORGANIZATION, organization
        yield person, MEMBER_OF, organization
    valid_at = date_literal(article.date) if article.date else None
    if valid_at is not None:
        yield node, VALID_AT, valid_at
    yield from _provenance(node, graph, role.span)


def _statement_triples(statement: Statement, actors: dict[str, NamedNode], graph: NamedNode, ids: Ids,
                       article_id: str) -> Iterator[tuple]:
    if not statement.text.strip():
        return
    node = NamedNode(ids.statement(article_id, statement.span))
    yield node, A, STATEMENT
    if statement.kind in QUOTE_CLASSES:
        yield node, A, QUOTE_CLASSES[statement.kind]
    yield node, TEXT, Literal(statement.text)
    if statement.speaker in actors:
        yield node, ATTRIBUTED_TO, actors[statement.speaker]
    if statement.cue:
        yield node, CUE, Literal(statement.cue)
    if statement.speech_act in SPEECH_ACTS:
        yield node, SPEECH_ACT, SPEECH_ACTS[statement.speech_act]
    for key in statement.about:
        if key in actors:
            yield node, ABOUT, actors[key]
    yield from _provenance(node, graph, statement.span)


def _statistic_triples(statistic: Statistic, actors: dict[str, NamedNode], graph: NamedNode, ids: Ids,
                       article_id: str) -> Iterator[tuple]:
    try:
        value = literal_value(statistic.value)
    except ValueError:
        return
    node = NamedNode(ids.statistic(article_id, statistic.span))
    yield node, A, STATISTIC
    yield node, VALUE, value
    yield node, UNIT_TEXT, Literal(statistic.unit)
    for prop, field in STATISTIC_TEXTS:
        text = getattr(statistic, field)
        if text:
            yield node, prop, Literal(text)
    if statistic.source in actors:
        yield node, ATTRIBUTED_TO, actors[statistic.source]
    yield node, TEXT, Literal(statistic.text)
    yield from _provenance(node, graph, statistic.span)


def _evidence_triples(resolved: ResolvedRecord, actors: dict[str, NamedNode], graph: NamedNode,
                      ids: Ids) -> Iterator[tuple]:
    """Merge evidence: the resolver's, plus each entity's within-article evidence."""
    merges: dict[str, list[Merge]] = {iri: list(ms) for iri, ms in resolved.merges.items()}
    for entity in resolved.record.entities:
        merges.setdefault(actors[entity.key].value, []).extend(
            Merge(alias, reason, (resolved.record.article.id,)) for alias, reason in entity.evidence)
    for actor_iri, actor_merges in merges.items():
        actor = NamedNode(actor_iri)
        for merge in actor_merges:
            node = NamedNode(ids.evidence(actor_iri, merge.alias))
            yield node, A, MERGE_EVIDENCE
            yield node, MERGED_INTO, actor
            yield node, ALIAS, Literal(merge.alias)
            yield node, REASON, Literal(merge.reason)
            for article_id in merge.articles:
                yield node, DERIVED_FROM, NamedNode(ids.article(article_id))


def _provenance(node: NamedNode, graph: NamedNode, span: Span) -> Iterator[tuple]:
    yield node, DERIVED_FROM, graph
    yield node, BEGIN, Literal(span.begin)
    yield node, END, Literal(span.end)
