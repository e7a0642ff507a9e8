"""Cross-article identity in the store: write, reconcile and remove articles.

The orchestrator of three parts that know nothing of each other: the name index
(:mod:`graph.rdf.name_index`) says which stored actors a new article's names could join and
how every article describes them; the resolver (:mod:`graph.resolve`) clusters the lot,
without reading the store; the mapping (:mod:`graph.rdf.mapping`) turns the result into the
article's quads, the renamings of the stored articles whose actors changed IRI, the actors'
descriptions and the merge evidence.

What is true of an actor whatever the article (its types, labels, titles, memberships) and
its merge evidence live once, in the default graph. Both are rebuilt for every actor a write
or a removal touches: from the index entries and role nodes of every article naming it, and
from the resolution; except the description of an actor that only gains the article written
(none of its articles removed, renamed or re-labelled), which is the stored one with the
article's facts added: a description is a union over its articles, so both ways give the
same quads, and this one reads one row per fact instead of one per article. Likewise its
merge evidence, when no stored member changes actor, label, reason or cluster
(:func:`graph.resolve.cluster.evidence_added`), gains only the article's merges. So adding an
article then removing it leaves the store as it was, and the order of the articles does not
matter. The reads are batched (one query for the candidates and their descriptors, one each
for the descriptions and evidence to replace), so their number follows the actors touched,
never the size of the store.

Every write (an article with what it changes in the others, a removal, a re-resolution) is
computed first, reading the store as the write will leave it, then applied in one transaction
(:class:`_Pending`): a crash leaves the store as it was before or after the write, so a rerun
of an interrupted build or removal finishes it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from graph.overrides import Overrides
from graph.query import find_article
from graph.rdf._terms import (A, ALT_LABEL, DEFAULT_GRAPH, GOVERNMENT_OF, INDEX_OF, JOB_TITLE, LABEL, LOCAL_KIND, LOCAL_LABEL, MEMBER, MEMBER_OF, MERGED_INTO,
                              NamedNode, Quad, index_graph, iri, own_graphs)
from graph.rdf.base import GraphStore
from graph.rdf.ids import Ids
from graph.rdf.mapping import actor_iris, description_quads, evidence_quads, rename_actors, text_quads, to_quads
from graph.rdf.name_index import (government_quads, index_moves, index_quads, indexed_actors, read_context,
                                  read_descriptions, renamed_index_part, replaced_facts, source_quads, stored_source)
from graph.rdf.statement_keys import key_quads
from graph.records import ArticleRecord, Merge
from graph.resolve import Resolution, fold, resolve
from graph.resolve.cluster import cluster, evidence_added
from graph.resolve.descriptors import Descriptor, descriptors_of
from graph.resolve.names import lookup_keys

#: The predicates of an actor's default-graph description (:func:`graph.rdf.mapping.description_quads`).
DESCRIPTION = (A, LABEL, ALT_LABEL, JOB_TITLE, MEMBER_OF, GOVERNMENT_OF)


def write_article(store: GraphStore, record: ArticleRecord, ids: Ids,
                  overrides: Overrides | None = None, out: dict | None = None) -> list[Quad]:
    """Resolve one article against the store, write its graphs, and reconcile the others.

    Args:
        store: The store (writable).
        record: The article's extraction output.
        ids: The IRI minter.
        overrides: The user's joins and splits.
        out: Given, receives what the write read and changed (for :class:`graph.writer.Writer`'s
            index): ``own`` and ``context``, the descriptors read (the article's as stored
            before, the others'), ``resolution``, and ``pending`` (the :class:`_Pending` applied).

    Returns:
        The quads written to the article's graph, its index graph and its text graph.
    """
    article = ids.article(record.article.id)
    before = indexed_actors(store, article)
    own_new = descriptors_of(record, article)
    keys = _keys(own_new)
    own, context = _split(read_context(store, keys | override_keys(keys, overrides), article=article), article)
    resolved, resolution = resolve(record, ids, context, overrides)
    actors = actor_iris(resolved, ids)
    quads = to_quads(resolved, ids, evidence=False)  # descriptions and evidence are reconciled below
    quads += index_quads(record, actors, resolved.labels, article) + government_quads(record, actors, article)
    quads += key_quads(quads, article)
    quads += text_quads(record.article, ids)
    pending = _Pending()
    for graph in own_graphs(article):
        pending.replace(graph, [q for q in quads if q.graph_name == graph])
    pending.edit(stored_source(store, article), source_quads(record.article, article))
    now = {q.object.value for q in quads if q.predicate == INDEX_OF}
    added = None if before else evidence_added(context, own_new, resolution, ids, overrides)
    _reconcile(store, pending, context, resolution, ids, extra=before | {d.ref for d in own}, gained=now, added=added)
    pending.apply(store)
    if out is not None:
        out.update(own=own, context=context, resolution=resolution, pending=pending)
    return quads


def remove_article(store: GraphStore, article: str, ids: Ids, overrides: Overrides | None = None) -> str:
    """Remove an article: its graphs, the description of actors left with no mention, and
    its part in the descriptions and merge evidence of the others.

    Args:
        store: The store (writable).
        article: The article id, IRI or source file name.
        ids: The IRI minter.
        overrides: The user's joins and splits.

    Returns:
        The IRI of the article removed.

    Raises:
        QueryError: when no article in the store has that IRI, id or file name.
    """
    article_iri = find_article(store, article)
    before = indexed_actors(store, article_iri)
    own, _ = _split(read_context(store, (), article=article_iri), article_iri)
    _, context = _split(read_context(store, _keys(own), actors={d.ref for d in own}), article_iri)
    pending = _Pending()
    for graph in own_graphs(article_iri):
        pending.replace(graph, [])
    pending.edit(stored_source(store, article_iri), [])
    _reconcile(store, pending, context, cluster(context, ids, overrides), ids, extra=before)
    pending.apply(store)
    return article_iri


def reconcile_names(store: GraphStore, names: Iterable[str], ids: Ids, overrides: Overrides | None = None) -> None:
    """Re-resolve every actor known by one of these names (after the overrides changed)."""
    context = read_context(store, {fold(n) for n in names} - {""})
    if context:
        pending = _Pending()
        _reconcile(store, pending, context, cluster(context, ids, overrides), ids, refresh_all=True)
        pending.apply(store)


@dataclass
class _Pending:
    """The changes of one write (an article, a removal, a re-resolution), gathered so that
    they are applied in one transaction: a crash leaves the store as it was before or after
    the write, never between its parts.

    Attributes:
        drop: Named graphs dropped first.
        remove: Quads removed.
        add: Quads added.
        graphs: The content each dropped or changed named graph will have, for the reads
            made before the write is applied (:func:`graph.rdf.name_index.read_descriptions`).
    """

    drop: list[NamedNode] = field(default_factory=list)
    remove: list[Quad] = field(default_factory=list)
    add: list[Quad] = field(default_factory=list)
    graphs: dict[NamedNode, list[Quad]] = field(default_factory=dict)

    def replace(self, graph: NamedNode, quads: list[Quad]) -> None:
        """Replace a named graph's content with ``quads``."""
        self.drop.append(graph)
        self.add += quads
        self.graphs[graph] = quads

    def change(self, graph: NamedNode, stored: list[Quad], remove: list[Quad], add: list[Quad]) -> None:
        """Change a named graph holding ``stored``: remove some of its quads, add others."""
        gone = set(remove)
        self.remove += remove
        self.add += add
        self.graphs[graph] = [q for q in stored if q not in gone] + add

    def edit(self, remove: list[Quad], add: list[Quad]) -> None:
        """Remove some quads and add others, in graphs that no read sees before the write."""
        self.remove += remove
        self.add += add

    def apply(self, store: GraphStore) -> None:
        """Write the changes, in one transaction."""
        store.change(self.remove, self.add, self.drop)


# ---------------------------------------------------------------- what to read


def _keys(descriptors: Iterable[Descriptor]) -> set[str]:
    """The name index keys under which the candidates of these descriptors are stored."""
    return {k for d in descriptors for k in lookup_keys(d.kind, d.names, d.titles)}


def override_keys(keys: set[str], overrides: Overrides | None) -> set[str]:
    """Keys of override names grouped with a name the article gives."""
    out: set[str] = set()
    for group in overrides.joins if overrides else ():
        group_keys = {fold(n) for n in group} - {""}
        if group_keys & keys:
            out |= group_keys
    return out


def _split(descriptors: list[Descriptor], article: str) -> tuple[list[Descriptor], list[Descriptor]]:
    """An article's own descriptors, and those of the other articles."""
    return [d for d in descriptors if d.article == article], [d for d in descriptors if d.article != article]


# ---------------------------------------------------------------- writing


def _reconcile(store: GraphStore, pending: _Pending, context: list[Descriptor], resolution: Resolution,
               ids: Ids, extra: Iterable[str] = (), gained: Iterable[str] = (), refresh_all: bool = False,
               added: dict[str, list[Merge]] | None = None) -> None:
    """Add to ``pending`` the renaming of the actors of the stored articles whose actors changed IRI, and rebuild the
    description and merge evidence of the actors that gained or lost a member (of every
    actor in ``context`` with ``refresh_all``, for overrides, which may change why members
    joined), of ``extra`` and of ``gained``.

    Args:
        store: The store.
        pending: The write being computed.
        context: The stored articles' descriptors that were resolved.
        resolution: Their resolution (with the new article's descriptors, for a write).
        ids: The IRI minter.
        extra: Actors whose articles may have changed otherwise (an article replaced or removed).
        gained: Actors that may only have gained the article written (those it indexes).
        refresh_all: Rebuild every actor of the context and the resolution.
        added: The merge evidence a new article adds to each of its actors, when it only
            adds (:func:`graph.resolve.cluster.evidence_added`): the evidence of those of
            ``gained`` is then extended, not rebuilt.
    """
    by_article: dict[str, list[Descriptor]] = {}
    for d in context:
        by_article.setdefault(d.article, []).append(d)
    renamed: set[str] = set()
    for article, ds in sorted(by_article.items()):
        moves = {d.ref: resolution.assignments[d.key].iri for d in ds if resolution.assignments[d.key].iri != d.ref}
        renamed |= set(moves)
        moves |= {Ids.government(old): Ids.government(new) for old, new in moves.items()}  # a place's follows it
        if moves:
            graph = iri(article)
            stored = _renamed_part(store, graph, moves)
            pending.change(graph, stored, *rename_actors(stored, graph, moves))
            graph, index_renames = index_graph(article), index_moves(article, moves)
            stored = renamed_index_part(store, article, index_renames)
            pending.change(graph, stored, *rename_actors(stored, graph, index_renames))
    grown: set[str] = set()
    if refresh_all:
        touched = {d.ref for d in context} | {a.iri for a in resolution.assignments.values()}
    else:  # an actor's description follows from its members: only actors that gained or lost one
        known = {d.key for d in context}
        moved = [(d.ref, resolution.assignments[d.key].iri) for d in context
                 if resolution.assignments[d.key].iri != d.ref]
        touched = {actor for pair in moved for actor in pair}
        grown = {a.iri for key, a in resolution.assignments.items() if key not in known}  # the article's own
        grown |= {Ids.government(a) for a in grown} | set(gained)
    touched |= {Ids.government(a) for a in touched}  # a place's government follows it
    full = touched | set(extra) | _members_of(store, renamed)
    _refresh_descriptions(store, pending, full, grown - full, resolution)
    extended = (grown - full) & set(added) if added is not None else set()
    _refresh_evidence(store, pending, (full | grown) - extended, resolution, ids)
    pending.edit([], evidence_quads({a: added[a] for a in extended if added[a]}, ids))


def _renamed_part(store: GraphStore, graph: NamedNode, moves: dict[str, str]) -> list[Quad]:
    """The part of an article's graph that renaming the actors ``moves`` reads: the quads
    naming one of them (as subject or object, the only ones a rename changes), and every
    quad of its role nodes (all that :func:`graph.rdf.name_index.read_descriptions` takes
    from an article's graph, which it reads as this part once it is changed). Reading the
    whole graph (its mentions, statements, statistics) cost a rename of a frequent actor
    most of its time."""
    found: dict[Quad, None] = {}
    for actor in sorted(moves):
        found.update(dict.fromkeys(store.quads(iri(actor), None, None, graph)))
        found.update(dict.fromkeys(store.quads(None, None, iri(actor), graph)))
    for role in sorted({q.subject.value for q in store.quads(None, MEMBER, None, graph)}):
        found.update(dict.fromkeys(store.quads(iri(role), None, None, graph)))
    return list(found)


def _refresh_descriptions(store: GraphStore, pending: _Pending, actors: set[str], grown: set[str],
                          resolution: Resolution) -> None:
    """Add to ``pending`` the replacement of the default-graph description of these actors by the one their articles give.

    The label is the resolution's; an actor it does not cover keeps the label it has (a
    member of a renamed organisation), unless it is local to its article (``cg:localLabel``).

    An actor of ``grown`` (whose articles only gained the one written: none lost, renamed
    or changed otherwise) whose label stays is not rebuilt from every article naming it: a
    description is a union over its articles' facts (:func:`graph.rdf.mapping.description_quads`
    maps each fact to its quads whatever the others, given the label), so the new one is
    the stored one with the quads of the facts of the graphs written. Its label stays when
    it is the resolution's, or, for a place's government (``org:governmentOf``, whose
    every article gives a ``cg:localLabel``), when the smallest of those the write adds is
    not smaller. Any other actor of ``grown`` is rebuilt as ``actors`` are.
    """
    if not actors and not grown:
        return
    old = _stored(store, actors | grown, DESCRIPTION)
    stored: dict[str, set[Quad]] = {}
    for q in old:
        stored.setdefault(q.subject.value, set()).add(q)
    new: set[Quad] = set()
    resolved = {a.iri: a.label for a in resolution.assignments.values()}
    added = replaced_facts(grown, pending.graphs)
    for actor in sorted(grown):
        label = _stored_label(stored.get(actor, ()))
        f = added.get(actor, {})
        same = resolved.get(actor)
        if same is None and label is not None and f.get(LOCAL_LABEL) and _is_government(stored[actor]):
            same = min(label, *(v.value for v in f[LOCAL_LABEL]))
        if label is None or LOCAL_KIND not in f or same != label:
            actors = actors | {actor}
            continue
        new |= stored[actor] | set(description_quads({actor: f}, {actor: label}))
    if actors:
        facts = read_descriptions(store, actors, pending.graphs)
        labels = {q.subject.value: q.object.value for q in old
                  if q.predicate == LABEL and q.subject.value in actors and LOCAL_LABEL not in facts.get(q.subject.value, {})}
        labels.update({a: label for a, label in resolved.items() if a in actors})
        new |= set(description_quads({a: f for a, f in facts.items() if a in actors}, labels))
    pending.edit(*_diff(old, new))


def _stored_label(description: Iterable[Quad]) -> str | None:
    """The ``rdfs:label`` of a stored description (None: none is stored)."""
    return next((q.object.value for q in description if q.predicate == LABEL), None)


def _is_government(description: Iterable[Quad]) -> bool:
    """True for the stored description of a place's government (:func:`graph.rdf.name_index.government_quads`)."""
    return any(q.predicate == GOVERNMENT_OF for q in description)


def _refresh_evidence(store: GraphStore, pending: _Pending, actors: set[str], resolution: Resolution,
                      ids: Ids) -> None:
    """Add to ``pending`` the replacement of the default-graph evidence of these actors by the resolution's."""
    if not actors:
        return
    values = " ".join(str(iri(a)) for a in sorted(actors))
    rows = store.query(f"SELECT ?e ?p ?o WHERE {{ VALUES ?a {{ {values} }} ?e {MERGED_INTO} ?a . ?e ?p ?o }}")
    old = {Quad(row["e"], row["p"], row["o"], DEFAULT_GRAPH) for row in rows}
    new = set(evidence_quads({a: resolution.evidence[a] for a in actors if a in resolution.evidence}, ids))
    pending.edit(*_diff(old, new))


def _members_of(store: GraphStore, organizations: set[str]) -> set[str]:
    """The actors whose description says they are members of one of these organisations
    (which were renamed: their ``org:memberOf`` must follow)."""
    if not organizations:
        return set()
    values = " ".join(str(iri(o)) for o in sorted(organizations))
    return {row["s"].value for row in store.query(f"SELECT DISTINCT ?s WHERE {{ VALUES ?o {{ {values} }} ?s {MEMBER_OF} ?o }}")}


def _stored(store: GraphStore, actors: set[str], predicates: Iterable) -> set[Quad]:
    """The default-graph quads of these actors with these predicates (which no other graph
    holds about an actor), in one query: one ``UNION`` branch per predicate."""
    values = " ".join(str(iri(a)) for a in sorted(actors))
    branches = " UNION ".join(f"{{ ?s {p} ?o BIND({p} AS ?p) }}" for p in predicates)
    rows = store.query(f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} {branches} }}")
    return {Quad(row["s"], row["p"], row["o"], DEFAULT_GRAPH) for row in rows}


def _diff(old: set[Quad], new: set[Quad]) -> tuple[list[Quad], list[Quad]]:
    """The quads to remove and to add to turn ``old`` into ``new``, in a stable order."""
    return sorted(old - new, key=str), sorted(new - old, key=str)
