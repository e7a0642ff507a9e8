"""The name index: what the store keeps for cross-article identity, written and read here only.

For every actor an article names, the index holds one entry, in that article's private
index graph (:func:`graph.rdf._terms.index_graph`: never part of the public graph, left out
of exports unless asked). The entry is a node of its own (:func:`index_entry`), never the
actor, so that nothing in the index has the actor as subject: ``DESCRIBE`` of an actor over
the union of graphs does not repeat the index once per article. The entry has:

- ``cg:indexOf``: the actor;
- ``cg:localKind``: the class the article gives the actor;
- ``cg:localName``: each name the article gives the actor, as written;
- ``cg:nameKey``: the keys later articles find it by (:func:`graph.resolve.names.index_keys`),
  except for an actor known only by a common noun ("the police"), which no other article
  may find (unnamed sources keep theirs, so that they can be looked up by name; identity
  never reads them);
- ``cg:localReason``: why extraction took the article's names to be one actor, as
  ``"reason: alias"`` (a reason never holds ``": "``);
- ``cg:localLabel``: the label of an actor local to the article (unnamed sources, actors
  known only by a common noun), which no resolution gives.

The store's private graph (:data:`~graph.rdf._terms.STORE_GRAPH`) holds, for each article,
``cg:sourceKey``: a digest of the path of the file it was read from (:func:`source_key`),
which tells apart same-named files; no export holds it.

Only private predicates on private subjects, so that the union of all graphs never repeats a public fact. The
titles and memberships are read from the article's role nodes, which the public graph holds.

Reading turns these back into :class:`~graph.resolve.descriptors.Descriptor` objects, the
same as the resolver made from the article's record; :func:`read_context` reads every actor
a new article's names could join with one query (two when a short name needs the actors its
own keys find). :func:`read_descriptions` reads what every article says of some actors, from
which :func:`graph.rdf.mapping.description_quads` rebuilds their default-graph description.

One index graph per article, so that replacing or removing an article drops its entries with
its graph, and the article of each entry is its graph's name: :func:`index_graph`,
:func:`index_entry` and :func:`_article_of` are the only places that say so.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from itertools import chain

from graph.rdf._terms import (INDEX_OF, LOCAL_GOVERNMENT_OF, KIND_CLASSES, LOCAL_KIND, LOCAL_LABEL, LOCAL_NAME, LOCAL_REASON, MEMBER, NAME_KEY,
                              ORGANIZATION, SOURCE_FILE, SOURCE_KEY, STORE_GRAPH, TITLE, INDEX_GRAPH_PREFIX, Literal, NamedNode,
                              Quad, index_graph, iri)
from graph.rdf.base import GraphStore
from graph.rdf.ids import Ids
from graph.rdf.nquads import literal, parse
from graph.rdf.statement_keys import key_node
from graph.records import Article, ArticleRecord
from graph.resolve.descriptors import Descriptor, entity_names, is_local, is_short, titles_by_entity
from graph.resolve.names import index_keys, lookup_keys

__all__ = ["Facts", "descriptors_in", "entry_keys", "government_lines", "government_quads", "graph_facts", "holds_other_file", "index_entry", "index_graph",
           "index_lines", "index_moves", "index_quads", "indexed_actors", "renamed_index_part", "keyed_actors", "read_actors", "read_context",
           "read_descriptions", "read_index", "read_keys", "replaced_facts", "actor_keys", "graph_descriptors", "source_key",
           "source_quads", "stored_source"]

_KINDS = {cls.value: kind for kind, cls in KIND_CLASSES.items() if kind != "UnnamedSource"}
UNNAMED_SOURCE = KIND_CLASSES["UnnamedSource"]
_SEP = ": "
#: What is read about each actor of the context, in every article's index graph.
_READ = (LOCAL_NAME, LOCAL_REASON, LOCAL_KIND)
#: What is read about each actor of a description: index entries, and the role nodes'.
_DESCRIBE = (LOCAL_KIND, LOCAL_NAME, LOCAL_LABEL, LOCAL_GOVERNMENT_OF)
#: ... and of its role nodes.
_ROLE_FACTS = (TITLE, ORGANIZATION)
#: The label of the government of a place, from the article's name for the place.
GOVERNMENT_LABEL = "Government of {}"
ORGANIZATION_CLASS = KIND_CLASSES["Organization"]
#: The text of each term the index entries' lines name (:func:`index_lines`), made once.
_NT = {t: str(t) for t in (INDEX_OF, LOCAL_KIND, LOCAL_LABEL, LOCAL_NAME, NAME_KEY, LOCAL_REASON, LOCAL_GOVERNMENT_OF,
                           *KIND_CLASSES.values())}
#: Actor IRI -> predicate -> values: what the articles say of it (see :func:`read_descriptions`).
Facts = dict[str, dict[NamedNode, set]]


def _article_of(graph: NamedNode) -> str:
    """The article of an index graph (the inverse of :func:`index_graph`); an article's own graph is its article."""
    value = graph.value
    return value[len(INDEX_GRAPH_PREFIX):] if value.startswith(INDEX_GRAPH_PREFIX) else value


def index_entry(article: str, actor: str) -> NamedNode:
    """The IRI of an article's index entry for an actor: its index graph's name with a
    fragment made from the actor IRI (stable across builds, one per article and actor).

    >>> index_entry("https://example.org/article/a1", "https://example.org/person/x").value
    'urn:claimgraph:index:https://example.org/article/a1#e431217fb32e4353'
    """
    return NamedNode(f"{index_graph(article).value}#{_entry_digest(actor)}")


@lru_cache(maxsize=1 << 15)
def _entry_digest(actor: str) -> str:
    """The fragment of an actor's index entries (memoised: a frequent actor has one per article)."""
    return hashlib.sha1(actor.encode("utf-8")).hexdigest()[:16]


def _entry_graph(entry: str) -> NamedNode:
    """The index graph of an entry (the inverse of :func:`index_entry`)."""
    return NamedNode(entry.partition("#")[0])


def index_moves(article: str, moves: dict[str, str]) -> dict[str, str]:
    """The renames of an article's index graph when some of its actors change IRI: the
    actors (the objects of ``cg:indexOf``), their entries and their statement keys' nodes,
    whose IRIs follow the actor's (:func:`index_entry`,
    :func:`graph.rdf.statement_keys.key_node`), so that the index ends the same whatever the
    order of writing.

    Args:
        article: The article IRI.
        moves: Actor IRI -> its new IRI.
    """
    entries = {index_entry(article, old).value: index_entry(article, new).value for old, new in moves.items()}
    keys = {key_node(old).value: key_node(new).value for old, new in moves.items()}
    return {**moves, **entries, **keys}


def renamed_index_part(store: GraphStore, article: str, moves: dict[str, str]) -> list[Quad]:
    """The part of an article's index graph that renaming some of its actors reads: every
    quad naming a node that :func:`index_moves` renames (as subject or object: the only
    ones a rename changes), and every index entry's ``cg:indexOf`` and described facts (all
    that :func:`read_descriptions` takes from an index graph, which it reads as this part
    once it is changed). The statement keys of the actors that stay (most of the graph)
    are left unread.

    Args:
        store: The store.
        article: The article IRI.
        moves: The renames of :func:`index_moves`.
    """
    graph = index_graph(article)
    found: dict[Quad, None] = {}
    for node in sorted(moves):
        found.update(dict.fromkeys(store.quads(iri(node), None, None, graph)))
        found.update(dict.fromkeys(store.quads(None, None, iri(node), graph)))
    for predicate in (INDEX_OF, *_DESCRIBE):
        found.update(dict.fromkeys(store.quads(None, predicate, None, graph)))
    return list(found)


# ---------------------------------------------------------------- writing


def index_quads(record: ArticleRecord, actors: dict[str, NamedNode], labels: dict[str, str],
                article: str) -> list[Quad]:
    """The quads of :func:`index_lines`."""
    return parse(index_lines(record, actors, labels, article))


def index_lines(record: ArticleRecord, actors: dict[str, NamedNode], labels: dict[str, str],
                article: str) -> list[str]:
    """The index entries of every actor an article names, as N-Quads lines
    (:mod:`graph.rdf.nquads`: what the writer plans).

    Args:
        record: The article's extraction output.
        actors: Entity key -> actor IRI, as the mapping writes them
            (:func:`graph.rdf.mapping.actor_iris`).
        labels: Actor IRI -> its label, for the actors the resolver gave one.
        article: The article IRI.

    Returns:
        The lines, in a stable order.
    """
    end = f" {index_graph(article)} .\n"
    titles = titles_by_entity(record)
    kinds: dict[str, str] = {}
    own_label: dict[str, str] = {}
    names: dict[str, set[str]] = {}
    actor_titles: dict[str, set[str]] = {}
    reasons: dict[str, set[tuple[str, str]]] = {}
    local: set[str] = set()
    for e in record.entities:
        iri_ = actors[e.key].value
        kinds.setdefault(iri_, e.kind)
        own_label.setdefault(iri_, e.name)
        names.setdefault(iri_, set()).update(entity_names(e))
        actor_titles.setdefault(iri_, set()).update(titles.get(e.key, ()))
        if is_local(e) and e.kind != "UnnamedSource":
            local.add(iri_)
        elif not is_local(e):
            reasons.setdefault(iri_, set()).update((a, r) for a, r in e.evidence if a.strip())
    lines = []
    for actor, kind in sorted(kinds.items()):
        node = f"{index_entry(article, actor)} "
        lines += [f"{node}{_NT[INDEX_OF]} <{actor}>{end}", f"{node}{_NT[LOCAL_KIND]} {_NT[KIND_CLASSES[kind]]}{end}"]
        if actor not in labels:
            lines.append(f"{node}{_NT[LOCAL_LABEL]} {literal(own_label[actor])}{end}")
        lines += [f"{node}{_NT[LOCAL_NAME]} {literal(n)}{end}" for n in sorted(names[actor])]
        if actor not in local:
            keys = index_keys(kind, names[actor], actor_titles[actor])
            lines += [f"{node}{_NT[NAME_KEY]} {literal(k)}{end}" for k in sorted(keys)]
        lines += [f"{node}{_NT[LOCAL_REASON]} {literal(reason + _SEP + alias)}{end}"
                  for alias, reason in sorted(reasons.get(actor, ()))]
    return lines


def government_quads(record: ArticleRecord, actors: dict[str, NamedNode], article: str) -> list[Quad]:
    """The quads of :func:`government_lines`."""
    return parse(government_lines(record, actors, article))


def government_lines(record: ArticleRecord, actors: dict[str, NamedNode], article: str) -> list[str]:
    """The index entries of the governments of the places that speak in an article
    (``Britain warned``; :func:`graph.rdf.mapping.speaker_iris`), as N-Quads lines: an
    organisation local to each place (no ``cg:nameKey``: identity never reads it), named by
    the place's names in the article, labelled "Government of" the article's name for the
    place, with ``cg:localGovernmentOf`` the place (``cg:governmentOf`` in its description).
    Its default-graph description is rebuilt from these like any actor's, so it follows the
    place through renames and removals.
    """
    end = f" {index_graph(article)} .\n"
    speaking = {s.speaker for s in record.statements} | {s.source for s in record.statistics}
    places: dict[str, list] = {}
    for e in record.entities:
        if e.kind == "Place" and e.key in speaking and e.key in actors:
            places.setdefault(actors[e.key].value, []).append(e)
    lines = []
    for place, entities in sorted(places.items()):
        government = Ids.government(place)
        node = f"{index_entry(article, government)} "
        lines += [f"{node}{_NT[INDEX_OF]} <{government}>{end}", f"{node}{_NT[LOCAL_KIND]} {_NT[ORGANIZATION_CLASS]}{end}",
                  f"{node}{_NT[LOCAL_GOVERNMENT_OF]} <{place}>{end}",
                  f"{node}{_NT[LOCAL_LABEL]} {literal(GOVERNMENT_LABEL.format(min(e.name for e in entities)))}{end}"]
        lines += [f"{node}{_NT[LOCAL_NAME]} {literal(n)}{end}"
                  for n in sorted({n for e in entities for n in entity_names(e)})]
    return lines


def source_quads(article: Article, article_iri: str) -> list[Quad]:
    """The store's record of the file the article was read from (:func:`source_key`), in
    :data:`~graph.rdf._terms.STORE_GRAPH`, on the article's index graph name; none for a
    JSONL record."""
    node = index_graph(article_iri)
    return [Quad(node, SOURCE_KEY, Literal(source_key(article.path)), STORE_GRAPH)] if article.path else []


def stored_source(store: GraphStore, article_iri: str) -> list[Quad]:
    """The quads of :func:`source_quads` that the store holds for an article."""
    return store.quads(index_graph(article_iri), SOURCE_KEY, None, STORE_GRAPH)


def source_key(path: str) -> str:
    """The ``cg:sourceKey`` of a file: a digest of its resolved path, which stays private.

    >>> len(source_key("/news/deskA/report.txt"))
    64
    """
    return hashlib.sha256(path.encode("utf-8")).hexdigest()


def holds_other_file(store: GraphStore, article_iri: str, article: Article) -> bool:
    """True when the store holds, under this IRI, an article read from another file than
    ``article``: another ``cg:sourceFile``, or the same name in another folder (another
    ``cg:sourceKey``; a JSONL record has none and is told apart by its id alone)."""
    graph = iri(article_iri)
    rows = store.query(f"SELECT ?f ?k WHERE {{ GRAPH {graph} {{ {graph} {SOURCE_FILE} ?f }} "
                       f"OPTIONAL {{ GRAPH {STORE_GRAPH} {{ {index_graph(article_iri)} {SOURCE_KEY} ?k }} }} }}")
    key = source_key(article.path) if article.path else None
    return any(row["f"].value != article.source_file or (row["k"].value if row["k"] else None) != key
               for row in rows)


def indexed_actors(store: GraphStore, article: str) -> set[str]:
    """IRIs of every actor an article's index graph holds (none when it is not stored)."""
    return {q.object.value for q in store.quads(None, INDEX_OF, None, index_graph(article))}


# ---------------------------------------------------------------- reading


def keyed_actors(store: GraphStore, key: str) -> set[str]:
    """IRIs of the actors whose index entries hold the name key ``key``, reading one entry
    per actor (an actor's entries share their fragment, :func:`index_entry`), not the
    entry of every article that names it."""
    sparql = (f"SELECT (SAMPLE(?entry) AS ?one) WHERE {{ GRAPH ?index {{ ?entry {NAME_KEY} ?key }} }} "
              'GROUP BY (STRAFTER(STR(?entry), "#"))')
    entries = [str(row["one"]) for row in store.select(sparql, key=key)]
    return {q.object.value for e in entries for q in store.quads(iri(e), INDEX_OF, None, _entry_graph(e))}


def read_context(store: GraphStore, keys: Iterable[str], actors: Iterable[str] = (),
                 article: str | None = None) -> list[Descriptor]:
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
    seen = {d.ref for d in found} | set(actors)
    more = {k for d in found if is_short(d) for k in lookup_keys(d.kind, d.names, d.titles)} - keys
    if more:
        found += [d for d in _read(store, more) if d.ref not in seen]
    return found


def read_keys(store: GraphStore, keys: Iterable[str], named: bool = False) -> dict[str, set[str]]:
    """Name key -> the actors stored under it, for each of ``keys`` that has any (one query).

    Args:
        store: The store.
        keys: Name index keys.
        named: Leave out unnamed sources, whose entries keep their keys for lookups by name
            but which identity never joins (:func:`_descriptors` drops them): a generic name
            ("officials") holds one per article that cites one.
    """
    values = " ".join(str(Literal(k)) for k in sorted(set(keys)))
    if not values:
        return {}
    found: dict[str, set[str]] = {}
    unnamed = f"FILTER NOT EXISTS {{ ?e {LOCAL_KIND} {UNNAMED_SOURCE} }}" if named else ""
    rows = store.query(f"SELECT DISTINCT ?k ?s WHERE {{ VALUES ?k {{ {values} }} "
                       f"GRAPH ?g {{ ?e {NAME_KEY} ?k ; {INDEX_OF} ?s {unnamed} }} }}")
    for row in rows:
        found.setdefault(row["k"].value, set()).add(row["s"].value)
    return found


def read_actors(store: GraphStore, actors: Iterable[str]) -> list[Descriptor]:
    """Every article's descriptor of each of ``actors`` (one query)."""
    return _read(store, (), actors) if actors else []


def read_index(store: GraphStore) -> tuple[dict[str, set[str]], list[Descriptor]]:
    """The whole name index, for identity: what :func:`read_keys` (``named``) gives for every
    key, and what :func:`read_actors` gives for every actor stored under one. One query per
    predicate read, each a scan of that predicate in the store, joined here.

    Returns:
        Name key -> the actors (not unnamed sources) stored under it, and every article's
        descriptor of each of those actors.
    """
    def rows(predicate: NamedNode) -> Iterator[tuple[str, str, object]]:
        for row in store.query(f"SELECT ?g ?s ?o WHERE {{ GRAPH ?g {{ ?s {predicate} ?o }} }}"):
            yield row["g"].value, row["s"].value, row["o"]
    entries: dict[str, tuple[str, str]] = {}  # entry -> (its graph, its actor)
    for graph, entry, actor in rows(INDEX_OF):
        entries[entry] = (graph, actor.value)
    kinds: dict[str, set[str]] = {}
    for _, entry, kind in rows(LOCAL_KIND):
        if entry in entries:
            kinds.setdefault(entry, set()).add(kind.value)
    keys: dict[str, set[str]] = {}
    for _, entry, key in rows(NAME_KEY):
        if entry in entries and UNNAMED_SOURCE.value not in kinds.get(entry, ()):
            keys.setdefault(key.value, set()).add(entries[entry][1])
    keyed = set().union(*keys.values()) if keys else set()
    found: list[tuple[str, NamedNode, NamedNode, str]] = []
    for entry, values in kinds.items():
        graph, actor = entries[entry]
        if actor in keyed:
            found += [(actor, NamedNode(graph), LOCAL_KIND, v) for v in values]
    for predicate in (LOCAL_NAME, LOCAL_REASON):
        for graph, entry, value in rows(predicate):
            held = entries.get(entry)
            if held is not None and held[1] in keyed:
                found.append((held[1], NamedNode(graph), predicate, value.value))
    members: dict[tuple[str, str], set[str]] = {}
    for graph, role, actor in rows(MEMBER):
        if actor.value in keyed:
            members.setdefault((graph, role), set()).add(actor.value)
    for graph, role, title in rows(TITLE):
        for actor in members.get((graph, role), ()):
            found.append((actor, NamedNode(graph), TITLE, title.value))
    return keys, _descriptors(found)


def actor_keys(store: GraphStore, actors: Iterable[str]) -> dict[str, set[str]]:
    """Name key -> the ones of ``actors`` stored under it (not unnamed sources), for every
    key any of them is stored under (one query)."""
    values = " ".join(str(iri(a)) for a in sorted(set(actors)))
    if not values:
        return {}
    found: dict[str, set[str]] = {}
    rows = store.query(f"SELECT DISTINCT ?k ?s WHERE {{ VALUES ?s {{ {values} }} "
                       f"GRAPH ?g {{ ?e {INDEX_OF} ?s ; {NAME_KEY} ?k FILTER NOT EXISTS {{ ?e {LOCAL_KIND} {UNNAMED_SOURCE} }} }} }}")
    for row in rows:
        found.setdefault(row["k"].value, set()).add(row["s"].value)
    return found


def graph_descriptors(quads: Iterable[Quad], actors: set[str]) -> list[Descriptor]:
    """The descriptors of ``actors`` that an article's index graph and the role nodes of its
    public graph (``quads``, both) give, as :func:`read_actors` reads them from the store
    (every entry of each actor, with a name key or not)."""
    quads = list(quads)
    entries = {q.subject: q.object.value for q in quads if q.predicate == INDEX_OF and q.object.value in actors}
    roles = {(q.graph_name, q.subject): q.object.value for q in quads
             if q.predicate == MEMBER and q.object.value in actors}
    rows = [(entries[q.subject], q.graph_name, q.predicate, q.object.value) for q in quads
            if q.predicate in _READ and q.subject in entries]
    rows += [(roles[q.graph_name, q.subject], q.graph_name, TITLE, q.object.value) for q in quads
             if q.predicate == TITLE and (q.graph_name, q.subject) in roles]
    return _descriptors(rows)


def descriptors_in(quads: Iterable[Quad], article: str) -> list[Descriptor]:
    """The descriptors of an article's actors that later articles can find by name (those
    with ``cg:nameKey`` entries), from the quads written for it, as :func:`read_context`
    will read them back."""
    quads = list(quads)
    entries = {q.subject: q.object.value for q in quads if q.predicate == INDEX_OF}
    keyed = {entries[q.subject] for q in quads if q.predicate == NAME_KEY and q.subject in entries}
    return [d for d in graph_descriptors(quads, keyed) if d.article == article]


def entry_keys(quads: Iterable[Quad], named: bool = False) -> dict[str, set[str]]:
    """Name key -> the actors an article's index quads store under it (all but unnamed
    sources with ``named``, as :func:`read_keys` reads them)."""
    quads = list(quads)
    entries = {q.subject: q.object.value for q in quads if q.predicate == INDEX_OF}
    if named:
        for q in quads:
            if q.predicate == LOCAL_KIND and q.object == UNNAMED_SOURCE:
                entries.pop(q.subject, None)
    keys: dict[str, set[str]] = {}
    for q in quads:
        if q.predicate == NAME_KEY and q.subject in entries:
            keys.setdefault(q.object.value, set()).add(entries[q.subject])
    return keys


def graph_facts(quads: Iterable[Quad]) -> Facts:
    """What an article's quads say of each actor it indexes, as :func:`read_descriptions`
    reads it from every article (actors without a class left out)."""
    quads = list(quads)
    actors = {q.object.value for q in quads if q.predicate == INDEX_OF}
    facts: Facts = {}
    for actor, predicate, value in _graph_facts(quads, actors):
        facts.setdefault(actor, {}).setdefault(predicate, set()).add(value)
    return {actor: f for actor, f in facts.items() if LOCAL_KIND in f}


def _read(store: GraphStore, keys: Iterable[str], actors: Iterable[str] = (),
          article: str | None = None) -> list[Descriptor]:
    """One query for the index entries and titles of the actors found by keys, given, or indexed.

    Each entry's facts are read in one scan of its quads, kept by a ``FILTER`` on the
    property (about twice as fast as a ``UNION`` branch per property, each a lookup per
    entry; a ``VALUES`` list of properties would make the store scan every triple having one
    of them). Titles come from the role nodes of each article's own graph.
    """
    found = [f"{{ VALUES ?k {{ {' '.join(str(Literal(k)) for k in sorted(keys))} }} "
             f"GRAPH ?kg {{ ?ke {NAME_KEY} ?k ; {INDEX_OF} ?s }} }}",
             f"{{ VALUES ?s {{ {' '.join(str(iri(a)) for a in sorted(actors))} }} }}"]
    if article is not None:
        found.append(f"{{ GRAPH {index_graph(article)} {{ ?ke {NAME_KEY} ?k ; {INDEX_OF} ?s }} }}")
    facts = _entry_facts(_READ) + f" UNION {{ ?r {MEMBER} ?s ; {TITLE} ?o BIND({TITLE} AS ?p) }}"
    sparql = (f"SELECT ?s ?g ?p ?o WHERE {{ {{ SELECT DISTINCT ?s WHERE {{ {' UNION '.join(found)} }} }} "
              f"GRAPH ?g {{ {facts} }} }}")
    return _descriptors((row["s"].value, row["g"], row["p"], row["o"].value) for row in store.query(sparql))


def _descriptors(rows: Iterable[tuple[str, NamedNode, NamedNode, str]]) -> list[Descriptor]:
    """Descriptors from (actor, graph, predicate, value) rows."""
    facts: dict[tuple[str, str], dict[NamedNode, set[str]]] = {}
    for actor, graph, predicate, value in rows:
        facts.setdefault((_article_of(graph), actor), {}).setdefault(predicate, set()).add(value)
    descriptors = []
    people = {actor for (_, actor), f in facts.items() if _kind(f) == "Person"}
    for (article, actor), f in sorted(facts.items(), key=lambda item: (item[0][1], item[0][0])):
        kind = _kind(f)
        if kind is None or not f.get(LOCAL_NAME):
            continue
        titles = f.get(TITLE, set()) if actor in people else set()
        reasons = {(alias, reason) for reason, _, alias in (r.partition(_SEP) for r in f.get(LOCAL_REASON, ()))}
        descriptors.append(Descriptor(article, actor, kind, frozenset(f[LOCAL_NAME]), frozenset(titles),
                                      frozenset(reasons)))
    return descriptors


def _kind(facts: dict[NamedNode, set[str]]) -> str | None:
    """The actor kind of an article's index entry (None for unnamed sources)."""
    return next((_KINDS[t] for t in sorted(facts.get(LOCAL_KIND, ())) if t in _KINDS), None)


def read_descriptions(store: GraphStore, actors: Iterable[str],
                      replaced: Mapping[NamedNode, list[Quad]] | None = None) -> Facts:
    """What the articles say of each of ``actors``: for each, the classes (``cg:localKind``),
    names (``cg:localName``) and own labels (``cg:localLabel``) of its index entries (found
    by ``cg:indexOf``), and the
    titles (``cg:title``) and organisations (``org:organization``) of its role nodes, keyed
    by those predicates. Actors no article names are left out. One query.

    Args:
        store: The store.
        actors: Actor IRIs.
        replaced: Named graphs read as these quads instead of what the store holds (a
            write computed but not applied yet, so that it can be applied in one transaction).
    """
    actors = set(actors)
    values = " ".join(str(iri(a)) for a in sorted(actors))
    if not values:
        return {}
    replaced = replaced or {}
    skip = f"FILTER(?g NOT IN ({', '.join(str(g) for g in replaced)}))" if replaced else ""
    rows = ((row["s"].value, row["p"], row["o"]) for row in store.query(_description_query(values, skip)))
    facts: Facts = {}
    for actor, predicate, value in chain(rows, *(_graph_facts(quads, actors) for quads in replaced.values())):
        facts.setdefault(actor, {}).setdefault(predicate, set()).add(value)
    return {actor: f for actor, f in facts.items() if LOCAL_KIND in f}


def replaced_facts(actors: Iterable[str], replaced: Mapping[NamedNode, list[Quad]]) -> Facts:
    """What the graphs of a write not applied yet (``replaced``: graph -> its content once
    written) say of ``actors``, as :func:`read_descriptions` reads them from those graphs,
    without reading the store (actors without a class kept: the caller decides)."""
    actors = set(actors)
    facts: Facts = {}
    for actor, predicate, value in chain.from_iterable(_graph_facts(quads, actors) for quads in replaced.values()):
        facts.setdefault(actor, {}).setdefault(predicate, set()).add(value)
    return facts


def _graph_facts(quads: list[Quad], actors: set[str]) -> Iterator[tuple[str, NamedNode, object]]:
    """What one graph's ``quads`` say of ``actors``, as (actor, predicate, value): what
    :func:`_description_query` matches in it, found without a store (for a write not applied yet)."""
    of: dict[tuple[NamedNode, object], set[str]] = {}  # (link, node) -> the actors it is an entry or a role of
    for q in quads:
        if q.predicate in (INDEX_OF, MEMBER) and isinstance(q.object, NamedNode) and q.object.value in actors:
            of.setdefault((q.predicate, q.subject), set()).add(q.object.value)
    for q in quads:
        link = INDEX_OF if q.predicate in _DESCRIBE else MEMBER if q.predicate in _ROLE_FACTS else None
        for actor in of.get((link, q.subject), ()) if link is not None else ():
            yield actor, q.predicate, q.object


def _description_query(values: str, where: str) -> str:
    """The query of :func:`read_descriptions` for the actor IRIs ``values``, with ``where``
    added to its graph pattern (each entry's and role node's facts read in one scan, as in :func:`_read`)."""
    roles = f"{{ ?r {MEMBER} ?s . ?r ?p ?o FILTER(?p IN ({', '.join(str(p) for p in _ROLE_FACTS)})) }}"
    return (f"SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} GRAPH ?g {{ {_entry_facts(_DESCRIBE)} UNION {roles} }} "
            f"{where} }}")


def _entry_facts(predicates: Iterable[NamedNode]) -> str:
    """The graph pattern binding ``?p ?o`` to the facts with these predicates of every index
    entry ``?e`` of the actor ``?s``: one scan of each entry's quads."""
    return f"{{ ?e {INDEX_OF} ?s . ?e ?p ?o FILTER(?p IN ({', '.join(str(p) for p in predicates)})) }}"
