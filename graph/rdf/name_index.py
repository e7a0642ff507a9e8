"""The name index: what the store keeps for cross-article identity, written and read here only.

For every actor an article names, the index holds, in that article's graph:

- ``cg:localName``: each name the article gives the actor, as written;
- ``cg:nameKey``: the keys later articles find it by (:func:`graph.resolve.names.index_keys`),
  except for an actor known only by a common noun ("the police"), which no other article
  may find (unnamed sources keep theirs, so that they can be looked up by name; identity
  never reads them);
- ``cg:localReason``: why extraction took the article's names to be one actor, as
  ``"reason: alias"`` (a reason never holds ``": "``).

Reading turns these back into :class:`~graph.resolve.descriptors.Descriptor` objects, the
same as the resolver made from the article's record, together with the label each article
gives each actor; :func:`read_context` reads every actor a new article's names could join
with one query (two when a short name needs the actors its own keys find).

The index lives in each article's graph: :func:`index_graph` and :func:`_article_of` are the
only places that say so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from graph.rdf._terms import A, JOB_TITLE, KIND_CLASSES, LABEL, LOCAL_NAME, LOCAL_REASON, NAME_KEY
from graph.rdf.store import Store
from graph.records import ArticleRecord
from graph.resolve.descriptors import Descriptor, entity_names, is_local, is_short, titles_by_entity
from graph.resolve.names import index_keys, lookup_keys

_KINDS = {cls.value: kind for kind, cls in KIND_CLASSES.items() if kind != "UnnamedSource"}
_SEP = ": "
#: What is read about each actor of the context, in every article's graph.
_READ = (LOCAL_NAME, LOCAL_REASON, A, JOB_TITLE, LABEL)


def index_graph(article: str) -> ox.NamedNode:
    """The graph that holds an article's index entries."""
    return ox.NamedNode(article)


def _article_of(graph: ox.NamedNode) -> str:
    """The article whose index entries a graph holds (the inverse of :func:`index_graph`)."""
    return graph.value


# ---------------------------------------------------------------- writing


def index_quads(record: ArticleRecord, iris: dict[str, str], article: str) -> list[ox.Quad]:
    """The index entries of every actor an article names.

    Args:
        record: The article's extraction output.
        iris: Entity key -> actor IRI (the resolver's).
        article: The article IRI.

    Returns:
        The quads, in a stable order.
    """
    graph = index_graph(article)
    titles = titles_by_entity(record)
    names: dict[tuple[str, str], set[str]] = {}
    actor_titles: dict[str, set[str]] = {}
    reasons: dict[str, set[tuple[str, str]]] = {}
    local: set[str] = set()
    for e in record.entities:
        if e.key not in iris:
            continue
        iri = iris[e.key]
        names.setdefault((iri, e.kind), set()).update(entity_names(e))
        actor_titles.setdefault(iri, set()).update(titles.get(e.key, ()))
        if is_local(e) and e.kind != "UnnamedSource":
            local.add(iri)
        elif not is_local(e):
            reasons.setdefault(iri, set()).update((a, r) for a, r in e.evidence if a.strip())
    quads = []
    for (iri, kind), found in sorted(names.items()):
        node = ox.NamedNode(iri)
        quads += [ox.Quad(node, LOCAL_NAME, ox.Literal(n), graph) for n in sorted(found)]
        if iri not in local:
            keys = index_keys(kind, found, actor_titles[iri])
            quads += [ox.Quad(node, NAME_KEY, ox.Literal(k), graph) for k in sorted(keys)]
        quads += [ox.Quad(node, LOCAL_REASON, ox.Literal(reason + _SEP + alias), graph)
                  for alias, reason in sorted(reasons.get(iri, ()))]
    return quads


# ---------------------------------------------------------------- reading


@dataclass
class Context:
    """What the index holds about some actors.

    Attributes:
        descriptors: Every article's descriptor of each actor.
        labels: (article IRI, actor IRI) -> the label the article's graph gives the actor.
    """

    descriptors: list[Descriptor] = field(default_factory=list)
    labels: dict[tuple[str, str], str] = field(default_factory=dict)

    def extend(self, other: Context) -> None:
        """Add the descriptors and labels of actors read later."""
        self.descriptors += other.descriptors
        self.labels.update(other.labels)


def read_context(store: Store, keys: Iterable[str], actors: Iterable[str] = (), article: str | None = None) -> Context:
    """Every article's descriptor of every actor stored under one of ``keys``, of ``actors``,
    of the actors ``article`` indexes, and of the actors that the short names among them
    could join (:func:`graph.resolve.descriptors.is_short`).

    Args:
        store: The store (embedded or remote).
        keys: Name index keys (:func:`graph.resolve.names.lookup_keys`).
        actors: Actor IRIs read whatever their keys.
        article: An article IRI whose indexed actors are read too.
    """
    keys = set(keys)
    found = _read(store, keys, actors, article)
    seen = {d.ref for d in found.descriptors} | set(actors)
    more = {k for d in found.descriptors if is_short(d) for k in lookup_keys(d.kind, d.names, d.titles)} - keys
    if more:
        extra = _read(store, more)
        extra.descriptors = [d for d in extra.descriptors if d.ref not in seen]
        found.extend(extra)
    return found


def _read(store: Store, keys: Iterable[str], actors: Iterable[str] = (), article: str | None = None) -> Context:
    """One query for the index entries and labels of the actors found by keys, given, or indexed.

    Each property is matched in its own ``UNION`` branch: a ``VALUES`` list of properties
    would make the store scan every triple having one of them.
    """
    found = [f"{{ VALUES ?k {{ {' '.join(str(ox.Literal(k)) for k in sorted(keys))} }} "
             f"GRAPH ?kg {{ ?s {NAME_KEY} ?k }} }}",
             f"{{ VALUES ?s {{ {' '.join(str(ox.NamedNode(a)) for a in sorted(actors))} }} }}"]
    if article is not None:
        found.append(f"{{ GRAPH {index_graph(article)} {{ ?s {NAME_KEY} ?k }} }}")
    facts = " UNION ".join(f"{{ ?s {p} ?o BIND({p} AS ?p) }}" for p in _READ)
    sparql = (f"SELECT ?s ?g ?p ?o WHERE {{ {{ SELECT DISTINCT ?s WHERE {{ {' UNION '.join(found)} }} }} "
              f"GRAPH ?g {{ {facts} }} }}")
    return _context((row["s"].value, row["g"], row["p"], row["o"].value) for row in store.query(sparql))


def _context(rows: Iterable[tuple[str, ox.NamedNode, ox.NamedNode, str]]) -> Context:
    """Descriptors and labels from (actor, graph, predicate, value) rows."""
    facts: dict[tuple[str, str], dict[ox.NamedNode, set[str]]] = {}
    for actor, graph, predicate, value in rows:
        facts.setdefault((_article_of(graph), actor), {}).setdefault(predicate, set()).add(value)
    context = Context()
    people = {actor for (_, actor), f in facts.items() if _kind(f) == "Person"}
    for (article, actor), f in sorted(facts.items(), key=lambda item: (item[0][1], item[0][0])):
        if LABEL in f:
            context.labels[(article, actor)] = min(f[LABEL])
        kind = _kind(f)
        if kind is None or not f.get(LOCAL_NAME):
            continue
        titles = f.get(JOB_TITLE, set()) if actor in people else set()
        reasons = {(alias, reason) for reason, _, alias in (r.partition(_SEP) for r in f.get(LOCAL_REASON, ()))}
        context.descriptors.append(Descriptor(article, actor, kind, frozenset(f[LOCAL_NAME]), frozenset(titles),
                                              frozenset(reasons)))
    return context


def _kind(facts: dict[ox.NamedNode, set[str]]) -> str | None:
    """The actor kind of an article's types of one actor (None for unnamed sources)."""
    return next((_KINDS[t] for t in sorted(facts.get(A, ())) if t in _KINDS), None)
