"""Cross-article identity in the store: write, reconcile and remove articles.

Each article's graph holds, for every actor it mentions, the names it gives (``cg:localName``)
and their keys in the name index (``cg:nameKey``, :func:`graph.resolve.index_keys`).
Writing an article looks up the actors that a rule could join its actors to
(:func:`graph.resolve.lookup_keys`: the same full names, the short names and acronyms
its names could take, and, for those, every other holder), loads every article's view of
them (their descriptors), clusters the lot with :func:`graph.resolve.cluster`, and rewrites
only the articles whose actors changed IRI or label. Merge evidence in the default graph
is recomputed for the actors touched. The cost is proportional to the articles of those
actors, never to the store.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from graph.errors import ClaimGraphError
from graph.overrides import Overrides
from graph.rdf.ids import Ids
from graph.rdf._terms import (A, ALIAS, ALT_LABEL, DEFAULT_GRAPH, DERIVED_FROM, JOB_TITLE, KIND_CLASSES, LABEL,
                              LOCAL_NAME, MERGE_EVIDENCE, MERGED_INTO, NAME_KEY, REASON, SOURCE_FILE)
from graph.rdf.mapping import to_quads
from graph.rdf.store import Store
from graph.records import ArticleRecord, Merge
from graph.resolve import (Descriptor, Resolution, cluster, descriptors_of, fold, index_keys, is_local, is_short,
                           lookup_keys, resolve)

_KINDS = {cls.value: kind for kind, cls in KIND_CLASSES.items() if kind != "UnnamedSource"}


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
    keys = {k for d in descriptors_of(record, article) for k in lookup_keys(d.kind, d.names, d.titles)}
    before = _actors_in(store, article)
    context = [d for d in _context(store, keys | _override_keys(keys, overrides), also=before)
               if d.article != article]
    resolved, resolution = resolve(record, ids, context, overrides)
    quads = to_quads(resolved, ids, evidence=False)  # the evidence is reconciled below
    quads += _index_quads(resolved.iris, record, ox.NamedNode(article))
    store.replace_article(article, quads)
    _reconcile(store, context, resolution, ids, extra=before)
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
    before = _actors_in(store, iri)
    keys = {k for actor in before for d in _descriptors(store, actor) if d.article == iri
            for k in lookup_keys(d.kind, d.names, d.titles)}
    context = [d for d in _context(store, keys, also=before) if d.article != iri]
    store.remove_article(iri)
    _reconcile(store, context, cluster(context, ids, overrides), ids, extra=before)
    return iri


def reconcile_names(store: Store, names: Iterable[str], ids: Ids, overrides: Overrides | None = None) -> None:
    """Re-resolve every actor known by one of these names (after the overrides changed)."""
    keys = {fold(n) for n in names} - {""}
    context = _context(store, keys)
    if context:
        _reconcile(store, context, cluster(context, ids, overrides), ids, refresh_all=True)


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


# ---------------------------------------------------------------- reading descriptors


def _override_keys(keys: set[str], overrides: Overrides | None) -> set[str]:
    """Keys of override names grouped with a name the article gives."""
    out: set[str] = set()
    for group in overrides.joins if overrides else ():
        group_keys = {fold(n) for n in group} - {""}
        if group_keys & keys:
            out |= group_keys
    return out


def _actors_in(store: Store, article: str) -> set[str]:
    """The actors of an article that are resolved across articles (those with name keys)."""
    return {q.subject.value for q in store.quads(None, NAME_KEY, None, ox.NamedNode(article))}


def _context(store: Store, keys: set[str], also: Iterable[str] = ()) -> list[Descriptor]:
    """Every article's descriptor of every actor that has one of these keys, and of the
    actors that the short names among them could join (:func:`graph.resolve.is_short`)."""
    actors = _keyed(store, keys) | set(also)
    found = [d for actor in sorted(actors) for d in _descriptors(store, actor)]
    more = {k for d in found if is_short(d) for k in lookup_keys(d.kind, d.names, d.titles)} - keys
    found += [d for actor in sorted(_keyed(store, more) - actors) for d in _descriptors(store, actor)]
    return found


def _keyed(store: Store, keys: Iterable[str]) -> set[str]:
    """The actors stored under any of these name index keys."""
    return {q.subject.value for k in sorted(keys) for q in store.quads(None, NAME_KEY, ox.Literal(k), None)}


def _descriptors(store: Store, actor: str) -> list[Descriptor]:
    """Each article's view of one actor, read with a few calls whatever the number of articles."""
    node = ox.NamedNode(actor)
    names: dict[str, set[str]] = {}
    for q in store.quads(node, LOCAL_NAME, None, None):
        names.setdefault(q.graph_name.value, set()).add(q.object.value)
    kinds: dict[str, str] = {}
    for q in store.quads(node, A, None, None):
        if q.object.value in _KINDS:
            kinds.setdefault(q.graph_name.value, _KINDS[q.object.value])
    titles: dict[str, set[str]] = {}
    if any(kind == "Person" for kind in kinds.values()):
        for q in store.quads(node, JOB_TITLE, None, None):  # each role's cg:title, on the person
            titles.setdefault(q.graph_name.value, set()).add(q.object.value)
    return [Descriptor(graph, actor, kinds[graph], frozenset(found), frozenset(titles.get(graph, ())))
            for graph, found in sorted(names.items()) if graph in kinds]


def _index_quads(iris: dict[str, str], record: ArticleRecord, graph: ox.NamedNode) -> list[ox.Quad]:
    """``cg:localName`` and ``cg:nameKey`` (the name index) of every actor the article names,
    except the key of an actor known only by a common noun ("the police"): it must never be
    found by another article's names. (Unnamed sources keep theirs, so that they can be
    looked up by name; identity never reads them, see :data:`_KINDS`.)"""
    names: dict[tuple[str, str], set[str]] = {}
    titles: dict[str, set[str]] = {}
    local: set[str] = set()
    for role in record.roles:
        if role.person in iris and role.title.strip():
            titles.setdefault(iris[role.person], set()).add(role.title)
    for e in record.entities:
        if e.key in iris:
            names.setdefault((iris[e.key], e.kind), set()).update(n for n in (e.name, *e.aliases) if n.strip())
            if is_local(e) and e.kind != "UnnamedSource":
                local.add(iris[e.key])
    quads = []
    for (iri, kind), found in sorted(names.items()):
        node = ox.NamedNode(iri)
        quads += [ox.Quad(node, LOCAL_NAME, ox.Literal(n), graph) for n in sorted(found)]
        if iri not in local:
            keys = index_keys(kind, found, titles.get(iri, ()))
            quads += [ox.Quad(node, NAME_KEY, ox.Literal(k), graph) for k in sorted(keys)]
    return quads


# ---------------------------------------------------------------- writing


def _reconcile(store: Store, context: list[Descriptor], resolution: Resolution, ids: Ids,
               extra: Iterable[str] = (), refresh_all: bool = False) -> None:
    """Rewrite the stored articles whose actors changed, and refresh the merge evidence of
    the actors that gained or lost a member (of every actor in ``context`` with
    ``refresh_all``, for overrides, which may change why members joined), and of ``extra``."""
    stored_labels: dict[str, dict[str, str]] = {}

    def labels(actor: str) -> dict[str, str]:
        """Article -> the label it gives the actor, read once for all articles."""
        if actor not in stored_labels:
            stored_labels[actor] = {q.graph_name.value: q.object.value
                                    for q in store.quads(ox.NamedNode(actor), LABEL, None, None)}
        return stored_labels[actor]

    by_article: dict[str, list[Descriptor]] = {}
    for d in context:
        by_article.setdefault(d.article, []).append(d)
    for article, ds in sorted(by_article.items()):
        moves = {d.ref: resolution.assignments[d.key] for d in ds}
        if any(a.iri != ref or labels(ref).get(article) != a.label for ref, a in moves.items()):
            _rewrite(store, article, moves)
    if refresh_all:
        touched = {d.ref for d in context} | {a.iri for a in resolution.assignments.values()}
    else:  # an actor's evidence follows from its members: only actors that gained or lost one
        known = {d.key for d in context}
        moved = [(d.ref, resolution.assignments[d.key].iri) for d in context
                 if resolution.assignments[d.key].iri != d.ref]
        touched = {a.iri for key, a in resolution.assignments.items() if key not in known}
        touched |= {iri for pair in moved for iri in pair}
    _refresh_evidence(store, touched | set(extra), resolution, ids)


def _rewrite(store: Store, article: str, moves: dict) -> None:
    """Rewrite one stored article with its actors renamed and relabelled (only the quads
    that change are removed and added)."""
    graph = ox.NamedNode(article)
    rename = {ref: ox.NamedNode(a.iri) for ref, a in moves.items()}
    labels = {a.iri: a.label for a in moves.values()}
    stored = store.quads(None, None, None, graph)
    out: list[ox.Quad] = []
    names: dict[str, set[str]] = {}
    for q in stored:
        subject, obj = q.subject, q.object  # each access makes a new Python object
        s = rename.get(subject.value, subject) if isinstance(subject, ox.NamedNode) else subject
        o = rename.get(obj.value, obj) if isinstance(obj, ox.NamedNode) else obj
        if s.value in labels and q.predicate in (LABEL, ALT_LABEL):
            continue
        if s.value in labels and q.predicate == LOCAL_NAME:
            names.setdefault(s.value, set()).add(obj.value)
        out.append(q if s is subject and o is obj else ox.Quad(s, q.predicate, o, graph))
    for iri, label in labels.items():
        node = ox.NamedNode(iri)
        out.append(ox.Quad(node, LABEL, ox.Literal(label), graph))
        out += [ox.Quad(node, ALT_LABEL, ox.Literal(n), graph) for n in sorted(names.get(iri, set()) - {label})]
    old, new = set(stored), set(out)
    store.change([q for q in stored if q not in new], [q for q in dict.fromkeys(out) if q not in old])


def _refresh_evidence(store: Store, actors: set[str], resolution: Resolution, ids: Ids) -> None:
    """Replace the default-graph evidence of these actors by the resolution's."""
    old = {q for actor in actors for e in store.quads(None, MERGED_INTO, ox.NamedNode(actor), DEFAULT_GRAPH)
           for q in store.quads(e.subject, None, None, DEFAULT_GRAPH)}
    new = {q for actor in sorted(actors) for m in resolution.evidence.get(actor, [])
           for q in evidence_quads(actor, m, ids)}
    store.change(old - new, new - old)


def evidence_quads(actor: str, merge: Merge, ids: Ids) -> list[ox.Quad]:
    """The default-graph quads saying why ``merge.alias`` was merged into ``actor``."""
    node = ox.NamedNode(ids.evidence(actor, merge.alias))
    quads = [ox.Quad(node, A, MERGE_EVIDENCE, DEFAULT_GRAPH),
             ox.Quad(node, MERGED_INTO, ox.NamedNode(actor), DEFAULT_GRAPH),
             ox.Quad(node, ALIAS, ox.Literal(merge.alias), DEFAULT_GRAPH),
             ox.Quad(node, REASON, ox.Literal(merge.reason), DEFAULT_GRAPH)]
    return quads + [ox.Quad(node, DERIVED_FROM, ox.NamedNode(a), DEFAULT_GRAPH) for a in merge.articles]
