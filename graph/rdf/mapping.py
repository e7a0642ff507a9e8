"""Records → quads: one article's facts in its named graph; actor descriptions and merge
evidence, once each, in the default graph.

An article's graph, its descriptions and its evidence are made as N-Quads lines
(:mod:`graph.rdf.nquads`: what the writer plans, about a tenth of the cost of a
:mod:`pyoxigraph` quad with a literal object), and as quads by parsing those lines, so that
both say the same; rdflib is kept for the ontology, SHACL and JSON-LD. No blank nodes: every
node has an IRI from :class:`~graph.rdf.ids.Ids`.
"""

from __future__ import annotations

from collections.abc import Iterator

from pyoxigraph import Literal, NamedNode, Quad

from graph.rdf._terms import (A, ABOUT, ALIAS, ALT_LABEL, ANCHOR_OF, ATTRIBUTED_TO, BEGIN, BOILERPLATE, CONTENT_HASH,
                              CONTEXT, CUE, IS_STRING, REFERENCE_CONTEXT,
                              DATE_PUBLISHED, DERIVED_FROM, END, GOVERNMENT_OF, HAS_ROLE, LOCAL_GOVERNMENT_OF, HEADLINE, JOB_TITLE,
                              LABEL, LOCAL_KIND, LOCAL_LABEL, LOCAL_NAME, MEASURE, MEMBER, MEMBER_OF, MENTION, MENTIONS, MERGE_EVIDENCE,
                              MERGED_INTO, NEWS_ARTICLE, ORGANIZATION, PERIOD, QUALIFIER, QUOTE_CLASSES, REASON,
                              REFERS_TO, ROLE, SOURCE_FILE, SPEECH_ACT, SPEECH_ACTS, STATEMENT, STATISTIC, TEXT, TITLE,
                              UNIT_TEXT, VALID_AT, VALUE, date_literal, literal_value, term, text_graph)
from graph.rdf.ids import Ids
from graph.rdf.nquads import integer, line, literal, parse
from graph.records import Article, Entity, Merge, ResolvedRecord, Role, Span, Statement, Statistic


STATISTIC_TEXTS = ((MEASURE, "measure"), (PERIOD, "period"), (QUALIFIER, "qualifier"))
_DATE_INFERRED, _URL, _PUBLISHER, _AUTHOR = term("cg:dateInferred"), term("schema:url"), term("schema:publisher"), term("schema:author")
#: The text of each term the lines name (:func:`article_lines`, :func:`description_lines`...), made once.
_NT = {t: str(t) for t in (A, ABOUT, ANCHOR_OF, ATTRIBUTED_TO, BEGIN, CONTENT_HASH, CUE, DATE_PUBLISHED, DERIVED_FROM, END,
                           HAS_ROLE, HEADLINE, MEMBER, MENTION, MENTIONS, NEWS_ARTICLE, ORGANIZATION, REFERS_TO, ROLE,
                           SOURCE_FILE, SPEECH_ACT, STATEMENT, STATISTIC, TEXT, TITLE, UNIT_TEXT, VALID_AT, VALUE,
                           _DATE_INFERRED, _URL, _PUBLISHER, _AUTHOR, *QUOTE_CLASSES.values(), *SPEECH_ACTS.values(),
                           MERGE_EVIDENCE, MERGED_INTO, ALIAS, REASON, LABEL, ALT_LABEL, JOB_TITLE, MEMBER_OF, GOVERNMENT_OF,
                           *(prop for prop, _ in STATISTIC_TEXTS))}
_A, _MENTION, _MENTIONS, _REFERS_TO, _ANCHOR_OF, _DERIVED_FROM, _BEGIN, _END = (
    _NT[A], _NT[MENTION], _NT[MENTIONS], _NT[REFERS_TO], _NT[ANCHOR_OF], _NT[DERIVED_FROM], _NT[BEGIN], _NT[END])


def to_quads(resolved: ResolvedRecord, ids: Ids, evidence: bool = True) -> list[Quad]:
    """Map one resolved article to quads.

    The article's facts go in the named graph whose name is the article IRI: the article
    node, its mentions, roles, statements, statistics and ``schema:mentions`` (its text goes
    in its private text graph: :func:`text_quads`). What is true
    of an actor whatever the article (its type, labels, titles, memberships) is not among
    them: :func:`description_quads` writes it once, in the default graph. The resolver's merge
    evidence goes in the default graph. Records that point to unknown entity keys lose only
    that link, never the article.

    Args:
        resolved: The extraction output with entity keys mapped to actor IRIs.
        ids: The IRI minter (its base must be the one the resolver used).
        evidence: Whether to include the merge evidence.

    Returns:
        The quads, in a stable order, without duplicates.
    """
    quads = parse(article_lines(resolved, ids))
    return list(dict.fromkeys(quads + evidence_quads(resolved.merges, ids))) if evidence else quads


def article_lines(resolved: ResolvedRecord, ids: Ids) -> list[str]:
    """The article's graph (:func:`to_quads` without the evidence) as N-Quads lines
    (:mod:`graph.rdf.nquads`: what the writer plans), in a stable order, without duplicates."""
    return list(dict.fromkeys(_lines(resolved, ids)))


def _lines(resolved: ResolvedRecord, ids: Ids) -> Iterator[str]:
    article = resolved.record.article
    graph = str(NamedNode(ids.article(article.id)))  # checked once: every node's IRI starts with it
    actors = {key: str(node) for key, node in actor_iris(resolved, ids).items()}
    for s, p, o in _article_triples(article, graph):
        yield line(s, p, o, graph)
    for actor, kind in _kinds(resolved.record.entities, actors).items():
        if kind != "UnnamedSource":
            yield line(graph, _MENTIONS, actor, graph)
    for entity in resolved.record.entities:  # half an article's quads: made without generators between
        yield from _mention_lines(entity, actors[entity.key], graph, ids, article.id)
    role_spans: set[tuple[int, int]] = set()
    for role in resolved.record.roles:  # a role's IRI is its span: the first role read there
        if (role.span.begin, role.span.end) in role_spans:
            continue
        role_spans.add((role.span.begin, role.span.end))
        for s, p, o in _role_triples(role, actors, article, graph, ids):
            yield line(s, p, o, graph)
    speakers = {key: str(node) for key, node in speaker_iris(resolved.record.entities, actor_iris(resolved, ids)).items()}
    for statement in resolved.record.statements:
        for s, p, o in _statement_triples(statement, actors, speakers, graph, ids, article.id):
            yield line(s, p, o, graph)
    for statistic in resolved.record.statistics:
        for s, p, o in _statistic_triples(statistic, speakers, graph, ids, article.id):
            yield line(s, p, o, graph)


def text_quads(article: Article, ids: Ids) -> list[Quad]:
    """The article's private text graph (:func:`graph.rdf._terms.text_graph`): the text its
    offsets index, as ``nif:isString`` of a ``nif:Context``, and its boilerplate spans
    (``cg:Boilerplate``), so that the browsing app can show every span in place. Exports
    leave this graph out unless asked (``export --with-text``).
    """
    graph = text_graph(ids.article(article.id))
    context = NamedNode(ids.text(article.id))
    quads = [Quad(context, A, CONTEXT, graph), Quad(context, IS_STRING, Literal(article.text), graph)]
    for span in article.boilerplate:
        node = NamedNode(ids.boilerplate(article.id, span))
        quads += [Quad(node, A, BOILERPLATE, graph), Quad(node, REFERENCE_CONTEXT, context, graph),
                  Quad(node, BEGIN, Literal(span.begin), graph), Quad(node, END, Literal(span.end), graph)]
    return quads


def actor_iris(resolved: ResolvedRecord, ids: Ids) -> dict[str, NamedNode]:
    """Entity key -> actor IRI: the resolver's, or one minted here when it gave none."""
    return {e.key: NamedNode(resolved.iris.get(e.key) or _fallback_iri(e, resolved.record.article.id, ids))
            for e in resolved.record.entities}


def speaker_iris(entities: list[Entity], actors: dict[str, NamedNode]) -> dict[str, NamedNode]:
    """Entity key -> the IRI a statement or statistic of that entity is attributed to: the
    actor, or for a place (``Britain warned``) its government (:meth:`Ids.government`), an
    organisation, since only people, organisations and unnamed sources speak."""
    return {e.key: NamedNode(Ids.government(actors[e.key].value)) if e.kind == "Place" else actors[e.key]
            for e in entities}


def _fallback_iri(entity: Entity, article_id: str, ids: Ids) -> str:
    if entity.kind == "UnnamedSource":
        return ids.local_actor(article_id, entity)
    return ids.actor(entity.kind, entity.name)


def _article_triples(article: Article, graph: str) -> Iterator[tuple[str, str, str]]:
    yield graph, _A, _NT[NEWS_ARTICLE]
    yield graph, _NT[SOURCE_FILE], literal(article.source_file)
    yield graph, _NT[CONTENT_HASH], literal(article.content_hash)
    if article.title:
        yield graph, _NT[HEADLINE], literal(article.title)
    published = date_literal(article.date) if article.date else None
    if published is not None:
        yield graph, _NT[DATE_PUBLISHED], str(published)
        yield graph, _NT[_DATE_INFERRED], str(Literal(article.date_inferred))
    if article.url:
        yield graph, _NT[_URL], str(_url(article.url))
    if article.publisher:
        yield graph, _NT[_PUBLISHER], literal(article.publisher)
    if article.author:
        yield graph, _NT[_AUTHOR], literal(article.author)


def _url(url: str) -> NamedNode | Literal:
    """The URL as an IRI, or as an ``xsd:anyURI`` literal when it is not a valid IRI."""
    try:
        return NamedNode(url.strip())
    except ValueError:
        return Literal(url, datatype=term("xsd:anyURI"))


def _kinds(entities: list[Entity], actors: dict[str, str]) -> dict[str, str]:
    """The article's actors, each with the kind of its first entity (the resolver may map several to one)."""
    kinds: dict[str, str] = {}
    for entity in entities:
        kinds.setdefault(actors[entity.key], entity.kind)
    return kinds


def _alt_labels(label: str, names: set[str]) -> list[str]:
    """Every non-blank name of an actor but its canonical label, as alternatives, its spaces
    folded to one ("Sen.\u00a0Ann  Okafor" is "Sen. Ann Okafor": a name is searched and
    compared as words; the mentions keep the text as written)."""
    return sorted({" ".join(n.split()) for n in names} - {label, " ".join(label.split()), ""})


def _mention_lines(entity: Entity, actor: str, graph: str, ids: Ids, article_id: str) -> list[str]:
    out: list[str] = []
    end = f" {graph} .\n"
    for mention in entity.mentions:
        span = mention.span
        node = f"<{ids.mention(article_id, span)}> "
        out += (f"{node}{_A} {_MENTION}{end}", f"{node}{_REFERS_TO} {actor}{end}",
                f"{node}{_ANCHOR_OF} {literal(mention.text)}{end}",
                f"{node}{_DERIVED_FROM} {graph}{end}",  # _provenance's, in its order
                f"{node}{_BEGIN} {integer(span.begin)}{end}", f"{node}{_END} {integer(span.end)}{end}")
    return out


def _role_triples(role: Role, actors: dict[str, str], article: Article, graph: str,
                  ids: Ids) -> Iterator[tuple[str, str, str]]:
    person = actors.get(role.person)
    if person is None or not role.title.strip():
        return
    node = f"<{ids.role(article.id, role.span)}>"
    yield node, _A, _NT[ROLE]
    yield node, _NT[MEMBER], person
    yield node, _NT[TITLE], literal(role.title)
    yield person, _NT[HAS_ROLE], node
    organization = actors.get(role.organization) if role.organization else None
    if organization is not None:
        yield node, _NT[ORGANIZATION], organization
    valid_at = date_literal(article.date) if article.date else None
    if valid_at is not None:
        yield node, _NT[VALID_AT], str(valid_at)
    yield from _provenance(node, graph, role.span)


def _statement_triples(statement: Statement, actors: dict[str, str], speakers: dict[str, str],
                       graph: str, ids: Ids, article_id: str) -> Iterator[tuple[str, str, str]]:
    if not statement.text.strip():
        return
    node = f"<{ids.statement(article_id, statement.span)}>"
    yield node, _A, _NT[STATEMENT]
    if statement.kind in QUOTE_CLASSES:
        yield node, _A, _NT[QUOTE_CLASSES[statement.kind]]
    yield node, _NT[TEXT], literal(statement.text)
    if statement.speaker in speakers:
        yield node, _NT[ATTRIBUTED_TO], speakers[statement.speaker]
    if statement.cue:
        yield node, _NT[CUE], literal(statement.cue)
    if statement.speech_act in SPEECH_ACTS:
        yield node, _NT[SPEECH_ACT], _NT[SPEECH_ACTS[statement.speech_act]]
    for key in statement.about:
        if key in actors:
            yield node, _NT[ABOUT], actors[key]
    yield from _provenance(node, graph, statement.span)


def _statistic_triples(statistic: Statistic, speakers: dict[str, str], graph: str, ids: Ids,
                       article_id: str) -> Iterator[tuple[str, str, str]]:
    try:
        value = literal_value(statistic.value)
    except ValueError:
        return
    node = f"<{ids.statistic(article_id, statistic.span)}>"
    yield node, _A, _NT[STATISTIC]
    yield node, _NT[VALUE], str(value)
    yield node, _NT[UNIT_TEXT], literal(statistic.unit)
    for prop, field in STATISTIC_TEXTS:
        text = getattr(statistic, field)
        if text:
            yield node, _NT[prop], literal(text)
    if statistic.source in speakers:
        yield node, _NT[ATTRIBUTED_TO], speakers[statistic.source]
    yield node, _NT[TEXT], literal(statistic.text)
    yield from _provenance(node, graph, statistic.span)


def evidence_quads(merges: dict[str, list[Merge]], ids: Ids) -> list[Quad]:
    """The default-graph quads saying why each alias was merged into its actor.

    The one mapping of merge evidence, for a new article (:func:`to_quads`) and for the
    actors that reconciling other articles touches (:mod:`graph.identity`).

    Args:
        merges: Actor IRI -> the resolver's merges into it (:class:`~graph.records.Merge`).
        ids: The IRI minter.

    Returns:
        The quads, actors in IRI order, without duplicates.
    """
    return parse(evidence_lines(merges, ids))


def evidence_lines(merges: dict[str, list[Merge]], ids: Ids) -> list[str]:
    """The quads of :func:`evidence_quads` as N-Quads lines (:mod:`graph.rdf.nquads`: what the writer plans)."""
    return list(dict.fromkeys(_evidence_lines(merges, ids)))


def _evidence_lines(merges: dict[str, list[Merge]], ids: Ids) -> Iterator[str]:
    for actor_iri in sorted(merges):  # in the default graph: see _description_lines
        actor = str(NamedNode(actor_iri))
        for merge in merges[actor_iri]:
            node = f"{NamedNode(ids.evidence(actor_iri, merge.alias))} "
            yield f"{node}{_A} {_NT[MERGE_EVIDENCE]} .\n"
            yield f"{node}{_NT[MERGED_INTO]} {actor} .\n"
            yield f"{node}{_NT[ALIAS]} {literal(merge.alias)} .\n"
            yield f"{node}{_NT[REASON]} {literal(merge.reason)} .\n"
            for article in merge.articles:
                yield f"{node}{_DERIVED_FROM} {NamedNode(article)} .\n"


def description_quads(facts: dict[str, dict[NamedNode, set]], labels: dict[str, str]) -> list[Quad]:
    """The default-graph description of some actors, from what their articles say of them.

    An actor's description is the same whichever articles were added first, and an article
    added then removed leaves it as it was: it is rebuilt from every article's index entries
    and role nodes (:func:`graph.rdf.name_index.read_descriptions`), never patched.

    Args:
        facts: Actor IRI -> what its articles say: ``cg:localKind`` classes, ``cg:localName``
            and ``cg:localLabel`` literals, role ``cg:title`` literals and
            ``org:organization`` IRIs.
        labels: Actor IRI -> its canonical label (the resolver's); an actor without one
            takes the label its one article gives (``cg:localLabel``).

    Returns:
        Each actor's types, ``rdfs:label``, ``skos:altLabel`` (every other non-blank name),
        ``schema:jobTitle`` and ``org:memberOf``, in a stable order.
    """
    return parse(description_lines(facts, labels))


def description_lines(facts: dict[str, dict[NamedNode, set]], labels: dict[str, str]) -> list[str]:
    """The quads of :func:`description_quads` as N-Quads lines (:mod:`graph.rdf.nquads`: what the writer plans)."""
    return list(dict.fromkeys(_description_lines(facts, labels)))


def _description_lines(facts: dict[str, dict[NamedNode, set]], labels: dict[str, str]) -> Iterator[str]:
    # In the default graph (no graph in the line): a quad, as pyoxigraph writes it.
    for actor in sorted(facts):
        f, node = facts[actor], f"{NamedNode(actor)} "
        for kind in sorted(map(str, f.get(LOCAL_KIND, ()))):
            yield f"{node}{_A} {kind} .\n"
        label = labels.get(actor) or min((v.value for v in f.get(LOCAL_LABEL, ())), default="")
        names = {v.value for v in f.get(LOCAL_NAME, ())}
        yield f"{node}{_NT[LABEL]} {literal(label)} .\n"
        for alt in _alt_labels(label, names):
            yield f"{node}{_NT[ALT_LABEL]} {literal(alt)} .\n"
        for predicate, objects in ((JOB_TITLE, TITLE), (MEMBER_OF, ORGANIZATION), (GOVERNMENT_OF, LOCAL_GOVERNMENT_OF)):
            for obj in sorted(map(str, f.get(objects, ()))):
                yield f"{node}{_NT[predicate]} {obj} .\n"


def rename_actors(stored: list[Quad], graph: NamedNode, moves: dict[str, str]) -> tuple[list[Quad], list[Quad]]:
    """A stored graph (an article's, or its index graph) with some actors renamed.

    Args:
        stored: Every quad of the graph.
        graph: The graph.
        moves: Actor IRI in the graph -> its new IRI.

    Returns:
        The quads to remove and the quads to add (only those that change).
    """
    rename = {ref: NamedNode(iri) for ref, iri in moves.items() if iri != ref}
    remove, add = [], []
    for q in stored:
        subject, obj = q.subject, q.object  # each access makes a new Python object
        s = rename.get(subject.value, subject) if isinstance(subject, NamedNode) else subject
        o = rename.get(obj.value, obj) if isinstance(obj, NamedNode) else obj
        if s is not subject or o is not obj:
            remove.append(q)
            add.append(Quad(s, q.predicate, o, graph))
    return remove, list(dict.fromkeys(add))


def _provenance(node: str, graph: str, span: Span) -> Iterator[tuple[str, str, str]]:
    yield node, _DERIVED_FROM, graph
    yield node, _BEGIN, integer(span.begin)
    yield node, _END, integer(span.end)
