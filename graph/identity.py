"""Cross-article identity in the store: write, reconcile and remove articles.

The orchestrator of three parts that know nothing of each other: the name index
(:mod:`graph.rdf.name_index`) says which stored actors a new article's names could join and
how every article describes them; the resolver (:mod:`graph.resolve`) clusters the lot,
without reading the store; the mapping (:mod:`graph.rdf.mapping`) turns the result into the
article's quads, the renamings of the stored articles whose actors changed IRI or label, and
the merge evidence of the actors that gained or lost a member. The reads are batched (one
query for the candidates and their descriptors, one for the evidence to replace), so their
number and cost follow the actors touched, never the size of the store.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from graph.errors import ClaimGraphError
from graph.overrides import Overrides
from graph.rdf._terms import DEFAULT_GRAPH, MERGED_INTO, SOURCE_FILE
from graph.rdf.ids import Ids
from graph.rdf.mapping import evidence_quads, rename_actors, to_quads
from graph.rdf.name_index import Context, index_quads, read_context
from graph.rdf.store import Store
from graph.records import ArticleRecord
from graph.resolve import Resolution, fold, resolve
from graph.resolve.cluster import cluster
from graph.resolve.descriptors import Descriptor, descriptors_of
from graph.resolve.names import lookup_keys


def write_article(store: Store, record: ArticleRecord, ids: Ids,
                  overrides: Overrides | None = None) -> list[ox.Quad]:
    """Resolve one article against the store, write its graph, and reconcile the others.

    Args:
        store: The store (writable).
        record: The article's extraction output.
        ids: The IRI minter.
        overrides: The user's joins and splits.

    Returns:
        The quads written to the article's graph.
    """
    article = ids.article(record.article.id)
    keys = _keys(descriptors_of(record, article))
    own, context = _split(read_context(store, keys | _override_keys(keys, overrides), article=article), article)
    resolved, resolution = resolve(record, ids, context.descriptors, overrides)
    quads = to_quads(resolved, ids, evidence=False)  # the evidence is reconciled below
    quads += index_quads(record, resolved.iris, article)
    store.replace_article(article, quads)
    _reconcile(store, context, resolution, ids, extra={d.ref for d in own})
    return quads


def remove_article(store: Store, article: str, ids: Ids, overrides: Overrides | None = None) -> str:
    """Remove an article: its graph, actors left with no mention, and its merge evidence.

    Args:
        store: The store (writable).
        article: The article id, IRI or source file name.
        ids: The IRI minter.
        overrides: The user's joins and splits.

    Returns:
        The IRI of the article removed.

    Raises:
        ClaimGraphError: when no article in the store has that id or file name.
    """
    iri = find_article(store, article, ids)
    own, _ = _split(read_context(store, (), article=iri), iri)
    before = {d.ref for d in own}
    _, context = _split(read_context(store, _keys(own), actors=before), iri)
    store.remove_article(iri)
    _reconcile(store, context, cluster(context.descriptors, ids, overrides), ids, extra=before)
    return iri


def reconcile_names(store: Store, names: Iterable[str], ids: Ids, overrides: Overrides | None = None) -> None:
    """Re-resolve every actor known by one of these names (after the overrides changed)."""
    context = read_context(store, {fold(n) for n in names} - {""})
    if context.descriptors:
        _reconcile(store, context, cluster(context.descriptors, ids, overrides), ids, refresh_all=True)


def find_article(store: Store, article: str, ids: Ids) -> str:
    """The IRI of an article given by id, IRI or source file name.

    Raises:
        ClaimGraphError: when there is no such article.
    """
    for iri in (article, ids.article(article)):
        if ":" in iri and store.article_hash(iri) is not None:
            return iri
    for quad in store.quads(None, SOURCE_FILE, ox.Literal(article), None):
        return quad.subject.value
    raise ClaimGraphError(f"no article {article!r} in the store: give its id or source file "
                          "(see `claimgraph query 'SELECT ?f WHERE {{ ?a cg:sourceFile ?f }}'`)")


# ---------------------------------------------------------------- what to read


def _keys(descriptors: Iterable[Descriptor]) -> set[str]:
    """The name index keys under which the candidates of these descriptors are stored."""
    return {k for d in descriptors for k in lookup_keys(d.kind, d.names, d.titles)}


def _override_keys(keys: set[str], overrides: Overrides | None) -> set[str]:
    """Keys of override names grouped with a name the article gives."""
    out: set[str] = set()
    for group in overrides.joins if overrides else ():
        group_keys = {fold(n) for n in group} - {""}
        if group_keys & keys:
            out |= group_keys
    return out


def _split(context: Context, article: str) -> tuple[list[Descriptor], Context]:
    """An article's own descriptors, and the context of the other articles."""
    own = [d for d in context.descriptors if d.article == article]
    return own, Context([d for d in context.descriptors if d.article != article], context.labels)


# ---------------------------------------------------------------- writing


def _reconcile(store: Store, context: Context, resolution: Resolution, ids: Ids,
               extra: Iterable[str] = (), refresh_all: bool = False) -> None:
    """Rewrite the stored articles whose actors changed, and refresh the merge evidence of
    the actors that gained or lost a member (of every actor in ``context`` with
    ``refresh_all``, for overrides, which may change why members joined), and of ``extra``."""
    by_article: dict[str, list[Descriptor]] = {}
    for d in context.descriptors:
        by_article.setdefault(d.article, []).append(d)
    for article, ds in sorted(by_article.items()):
        moves = {d.ref: resolution.assignments[d.key] for d in ds}
        if any(a.iri != ref or context.labels.get((article, ref)) != a.label for ref, a in moves.items()):
            graph = ox.NamedNode(article)
            store.change(*rename_actors(store.quads(None, None, None, graph), graph,
                                        {ref: (a.iri, a.label) for ref, a in moves.items()}))
    if refresh_all:
        touched = {d.ref for d in context.descriptors} | {a.iri for a in resolution.assignments.values()}
    else:  # an actor's evidence follows from its members: only actors that gained or lost one
        known = {d.key for d in context.descriptors}
        moved = [(d.ref, resolution.assignments[d.key].iri) for d in context.descriptors
                 if resolution.assignments[d.key].iri != d.ref]
        touched = {a.iri for key, a in resolution.assignments.items() if key not in known}
        touched |= {iri for pair in moved for iri in pair}
    _refresh_evidence(store, touched | set(extra), resolution, ids)


def _refresh_evidence(store: Store, actors: set[str], resolution: Resolution, ids: Ids) -> None:
    """Replace the default-graph evidence of these actors by the resolution's."""
    if not actors:
        return
    values = " ".join(str(ox.NamedNode(a)) for a in sorted(actors))
    rows = store.query(f"SELECT ?e ?p ?o WHERE {{ VALUES ?a {{ {values} }} ?e {MERGED_INTO} ?a . ?e ?p ?o }}")
    old = {ox.Quad(row["e"], row["p"], row["o"], DEFAULT_GRAPH) for row in rows}
    new = set(evidence_quads({a: resolution.evidence[a] for a in actors if a in resolution.evidence}, ids))
    store.change(old - new, new - old)
