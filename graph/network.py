"""RDF → networkx: the actors of the store as a graph of who said what about whom.

Like ``rdflib/extras/external_graph_libs.py``, but reading through SPARQL so that it works on
the on-disk store without loading it into memory as RDF. Every node is an actor (its IRI is
the node key); every edge keeps the facts behind it:

- ``said_about`` (speaker → target): the statements, with text, cue, speech act, kind,
  article, headline, date and offsets;
- ``member_of`` (person → organisation): the roles stated, with title, article and offsets;
- ``mentions`` (actor → actor, opt-in): the articles mentioning both.

User input (a focus name, an article) reaches SPARQL only as a bound value.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO

import networkx as nx

from graph.errors import QueryError
from graph.query import actors_named, did_you_mean, find_article
from graph.rdf._terms import iri
from graph.rdf.base import GraphStore

#: Node kinds, by RDF class local name; the first listed wins when an actor has several.
KINDS: tuple[str, ...] = ("Person", "Organization", "Place", "UnnamedSource")

#: Edge relations, the key of each edge in the MultiDiGraph.
RELATIONS: tuple[str, ...] = ("said_about", "member_of", "mentions")

#: Cost of crossing an edge of each relation when looking for a path (cheaper = preferred).
PATH_COSTS: dict[str, float] = {"said_about": 1.0, "member_of": 1.0, "mentions": 2.0}

#: Quote class local name -> Statement.kind.
QUOTE_KINDS: dict[str, str] = {"DirectQuote": "direct", "IndirectQuote": "indirect", "MixedQuote": "mixed"}

#: Export formats of :func:`export_network`.
EXPORT_FORMATS: tuple[str, ...] = ("graphml", "gexf", "json")

#: Betweenness is exact up to this many nodes + edges × sources; above it, it is estimated
#: from as many sampled sources as fit (at least :data:`BETWEENNESS_MIN_SAMPLE`).
BETWEENNESS_BUDGET = 2_000_000
BETWEENNESS_MIN_SAMPLE = 32

ARTICLES_QUERY = """
SELECT ?article ?file ?headline ?date WHERE {
  GRAPH ?article {
    ?article a schema:NewsArticle .
    OPTIONAL { ?article cg:sourceFile ?file }
    OPTIONAL { ?article schema:headline ?headline }
    OPTIONAL { ?article schema:datePublished ?date }
  }
}"""

ACTORS_QUERY = """
SELECT DISTINCT ?actor ?type ?label ?alias WHERE {
  VALUES ?type { schema:Person schema:Organization schema:Place cg:UnnamedSource }
  ?actor a ?type ; rdfs:label ?label .
  FILTER(!BOUND(?article) || EXISTS { GRAPH ?article { ?fact ?link ?actor } })
  OPTIONAL { ?actor skos:altLabel ?alias }
}"""

TITLES_QUERY = """
SELECT DISTINCT ?actor ?title WHERE {
  GRAPH ?article { ?role org:member ?actor ; cg:title ?title }
}"""

MEMBERSHIPS_QUERY = """
SELECT DISTINCT ?person ?org ?title ?article ?begin ?end WHERE {
  GRAPH ?article {
    ?role a cg:Role ; org:member ?person ; org:organization ?org .
    OPTIONAL { ?role cg:title ?title }
    OPTIONAL { ?role nif:beginIndex ?begin ; nif:endIndex ?end }
  }
}"""

STATEMENTS_QUERY = """
SELECT ?statement ?speaker ?target ?text ?cue ?act ?kind ?article ?begin ?end WHERE {
  GRAPH ?article {
    ?statement a cg:Statement .
    OPTIONAL { ?statement prov:wasAttributedTo ?speaker }
    OPTIONAL { ?statement schema:about ?target }
    OPTIONAL { ?statement schema:text ?text }
    OPTIONAL { ?statement cg:cue ?cue }
    OPTIONAL { ?statement cg:speechAct ?act }
    OPTIONAL { ?statement a ?kind FILTER(?kind IN (cg:DirectQuote, cg:IndirectQuote, cg:MixedQuote)) }
    OPTIONAL { ?statement nif:beginIndex ?begin }
    OPTIONAL { ?statement nif:endIndex ?end }
  }
}"""

MENTIONS_QUERY = """
SELECT DISTINCT ?article ?actor WHERE {
  GRAPH ?article { ?article schema:mentions ?actor }
}"""

def actor_graph(store: GraphStore, focus: str | None = None, hops: int = 1, article: str | None = None,
                co_mentions: bool = False) -> nx.MultiDiGraph:
    """The actors of the store and what they said about each other.

    Node attributes: ``kind`` (one of :data:`KINDS`), ``label``, ``aliases`` and ``titles``
    (sorted lists), ``n_said`` and ``n_about`` (statements by and about the actor). Edge keys
    are the relations of :data:`RELATIONS`; ``said_about`` edges carry ``statements`` (dicts
    with statement, text, cue, act, kind, article, headline, date, begin, end), ``acts`` and
    ``weight`` (number of statements); ``member_of`` edges carry ``roles``.

    Args:
        store: The graph.
        focus: Only the actors within ``hops`` of the actor(s) with this name
            (:func:`graph.query.actors_named`; either edge direction).
        hops: Radius of the focus neighbourhood.
        article: Only the facts of this article: its IRI, id or ``cg:sourceFile``
            (:func:`graph.query.find_article`).
        co_mentions: Also link actors mentioned in the same article (``mentions`` edges).

    Returns:
        The graph.

    Raises:
        QueryError: when no actor has the focus name or no article matches ``article``.
    """
    bindings = {"article": iri(find_article(store, article))} if article else {}
    articles = _articles(store)
    G = nx.MultiDiGraph()
    _add_actors(G, store.select(ACTORS_QUERY, **bindings))
    _add_titles(G, store.select(TITLES_QUERY, **bindings))
    _add_memberships(G, store.select(MEMBERSHIPS_QUERY, **bindings), articles)
    _add_statements(G, store.select(STATEMENTS_QUERY, **bindings), articles)
    if co_mentions:
        _add_co_mentions(G, store.select(MENTIONS_QUERY, **bindings))
    if focus is None:
        return G
    return neighbourhood(G, _focus_nodes(store, G, focus), hops)


def neighbourhood(G: nx.MultiDiGraph, centres: Iterable[str], hops: int = 1) -> nx.MultiDiGraph:
    """The subgraph of nodes within ``hops`` of any of ``centres``, ignoring edge direction.

    Like :func:`networkx.ego_graph` with ``undirected=True``, for several centres at once.

    >>> G = nx.MultiDiGraph([("a", "b"), ("c", "b"), ("c", "d")])
    >>> sorted(neighbourhood(G, ["a"], hops=2))
    ['a', 'b', 'c']
    >>> sorted(neighbourhood(G, ["a", "d"], hops=1))
    ['a', 'b', 'c', 'd']
    """
    U = G.to_undirected(as_view=True)
    keep: set[str] = set()
    for centre in centres:
        keep.update(nx.single_source_shortest_path_length(U, centre, cutoff=hops))
    return G.subgraph(keep).copy()


def centrality(G: nx.MultiDiGraph, top: int = 10) -> list[dict[str, Any]]:
    """The most central actors.

    Args:
        G: An actor graph.
        top: How many to return.

    Returns:
        Dicts with node, label, kind, pagerank (over the undirected graph, edges weighted by
        their number of statements, so that speaking and being spoken about both count),
        degree (distinct neighbours), betweenness (normalised; estimated from a sample of
        sources on large graphs, see :func:`betweenness_sample`), n_said and n_about; best first.

    >>> G = nx.MultiDiGraph([("a", "b"), ("c", "b"), ("d", "b")])
    >>> [row["node"] for row in centrality(G, top=2)]
    ['b', 'a']
    """
    U = _undirected(G)
    ranks = nx.pagerank(U, weight="weight")
    between = nx.betweenness_centrality(U, k=betweenness_sample(U), seed=0) if len(U) else {}
    order = sorted(G, key=lambda n: (-ranks[n], _label(G, n)))
    return [{"node": n, "label": _label(G, n), "kind": G.nodes[n].get("kind"),
             "pagerank": ranks[n], "degree": U.degree(n), "betweenness": between[n],
             "n_said": G.nodes[n].get("n_said", 0), "n_about": G.nodes[n].get("n_about", 0)}
            for n in order[:top]]


def betweenness_sample(U: nx.Graph) -> int | None:
    """How many sources to sample for betweenness: None (exact) when all fit the budget.

    >>> betweenness_sample(nx.path_graph(100)) is None
    True
    >>> betweenness_sample(nx.gnm_random_graph(20_000, 30_000, seed=1))
    40
    """
    size = len(U) + U.number_of_edges()
    if size * len(U) <= BETWEENNESS_BUDGET:
        return None
    return min(len(U), max(BETWEENNESS_MIN_SAMPLE, BETWEENNESS_BUDGET // size))


def prune(G: nx.MultiDiGraph, max_nodes: int, keep: Iterable[str] = ()) -> tuple[nx.MultiDiGraph, int]:
    """Keep the ``max_nodes`` best-connected actors (and always the actors in ``keep``).

    Ranked by weighted degree (statements, memberships and co-mentions linking the actor to
    others), ties by PageRank, then label. Weighted degree rather than PageRank alone,
    because on a news graph with many small components PageRank favours isolated actors over
    the minor members of large ones. Node attributes (``n_said``...) still count the whole graph.

    Returns:
        The pruned graph (``G`` itself when it is small enough) and how many actors were left out.

    >>> G = nx.MultiDiGraph([("a", "b"), ("c", "b"), ("b", "d"), ("d", "e"), ("f", "g")])
    >>> H, left_out = prune(G, 2)
    >>> sorted(H), left_out
    (['b', 'd'], 5)
    >>> sorted(prune(G, 2, keep=["g"])[0])
    ['b', 'g']
    """
    if len(G) <= max_nodes:
        return G, 0
    U = _undirected(G)
    ranks = nx.pagerank(U, weight="weight")
    strength = dict(U.degree(weight="weight"))
    pinned = [n for n in keep if n in G]
    ranked = sorted(G, key=lambda n: (n not in pinned, -strength[n], -ranks[n], _label(G, n), n))
    kept = ranked[:max(max_nodes, len(pinned), 0)]
    return G.subgraph(kept).copy(), len(G) - len(kept)


def explain_path(G: nx.MultiDiGraph, a: str, b: str) -> list[dict[str, Any]]:
    """How two actors are connected, hop by hop, with the facts behind each hop.

    Args:
        G: An actor graph.
        a: Name, alias or IRI of the first actor.
        b: Name, alias or IRI of the second actor.

    Returns:
        One dict per hop: from, to (node keys), from_label, to_label, relation, direction
        ("forward" when the edge runs from → to, else "backward"), evidence (the statements,
        roles or article IRIs behind it) and summary (one readable line). Empty when the two
        are not connected.

    Raises:
        QueryError: when a name matches no actor.
    """
    source, target = find_node(G, a), find_node(G, b)
    U = _undirected(G)
    try:
        path = nx.shortest_path(U, source, target, weight="cost")
    except nx.NetworkXNoPath:
        return []
    return [_hop(G, u, v) for u, v in zip(path, path[1:])]


def find_node(G: nx.MultiDiGraph, name: str) -> str:
    """The node with this IRI, label or alias (case-insensitive; most statements first).

    Raises:
        QueryError: when none matches (the message lists close names).
    """
    if name in G:
        return name
    wanted = name.casefold()
    matches = [n for n, d in G.nodes(data=True)
               if wanted in {x.casefold() for x in [d.get("label", ""), *d.get("aliases", [])]}]
    if not matches:
        raise QueryError(f"no actor named {name!r} in the graph{did_you_mean(name, _names(G))}")
    return max(matches, key=lambda n: (_statements(G, n), _label(G, n)))


def export_network(G: nx.MultiDiGraph, fmt: str, out: str | Path | BinaryIO) -> None:
    """Write the graph as GraphML, GEXF or node-link JSON.

    GraphML and GEXF hold only scalar attributes, so lists and dicts (titles, statements...)
    are written as JSON text there; node-link JSON keeps them as they are.

    Args:
        G: An actor graph.
        fmt: One of :data:`EXPORT_FORMATS`.
        out: The file to write, or a binary stream.

    Raises:
        ValueError: when ``fmt`` is not one of :data:`EXPORT_FORMATS`.
    """
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown network format {fmt!r}: expected one of {', '.join(EXPORT_FORMATS)}")
    if fmt == "json":
        data = json.dumps(nx.node_link_data(G, edges="edges"), ensure_ascii=False, indent=1, default=str)
        if isinstance(out, (str, Path)):
            Path(out).write_text(data, "utf-8")
        else:
            out.write(data.encode("utf-8"))
    elif fmt == "graphml":
        nx.write_graphml(_flat(G), out)
    else:
        nx.write_gexf(_flat(G), out)


def _articles(store: GraphStore) -> dict[str, dict[str, Any]]:
    """Article IRI -> headline, date and source file."""
    return {row["article"]: {"headline": _text(row["headline"]), "date": _text(row["date"]),
                             "file": _text(row["file"])}
            for row in store.select(ARTICLES_QUERY)}


def _add_actors(G: nx.MultiDiGraph, rows: list[dict[str, Any]]) -> None:
    kinds: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, set[str]] = defaultdict(set)
    aliases: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        kinds[row["actor"]].add(_local(row["type"]))
        labels[row["actor"]].add(str(row["label"]))
        if row["alias"]:
            aliases[row["actor"]].add(str(row["alias"]))
    for actor in sorted(kinds):
        label = min(labels[actor])
        G.add_node(actor, kind=next(k for k in KINDS if k in kinds[actor]), label=label,
                   aliases=sorted(aliases[actor] | labels[actor] - {label}), titles=[],
                   n_said=0, n_about=0)


def _add_titles(G: nx.MultiDiGraph, rows: list[dict[str, Any]]) -> None:
    titles: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row["actor"] in G and row["title"]:
            titles[row["actor"]].add(str(row["title"]))
    for actor, found in titles.items():
        G.nodes[actor]["titles"] = sorted(found)


def _add_memberships(G: nx.MultiDiGraph, rows: list[dict[str, Any]],
                     articles: dict[str, dict[str, Any]]) -> None:
    roles: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        pair = (row["person"], row["org"])
        if pair[0] not in G or pair[1] not in G:
            continue
        roles.setdefault(pair, [])
        if row["title"]:
            roles[pair].append({"title": str(row["title"]), **_provenance(row, articles)})
    for (person, org), found in sorted(roles.items()):
        G.add_edge(person, org, key="member_of", relation="member_of", roles=_ordered(found), weight=1)


def _add_statements(G: nx.MultiDiGraph, rows: list[dict[str, Any]],
                    articles: dict[str, dict[str, Any]]) -> None:
    statements: dict[str, dict[str, Any]] = {}
    speakers: dict[str, str | None] = {}
    targets: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        iri = row["statement"]
        statements.setdefault(iri, _statement(row, articles))
        speakers.setdefault(iri, row["speaker"] if row["speaker"] in G else None)
        if row["target"] in G:
            targets[iri].add(row["target"])
    edges: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for iri, statement in statements.items():
        speaker = speakers[iri]
        if speaker is not None:
            G.nodes[speaker]["n_said"] += 1
        for target in targets[iri]:
            G.nodes[target]["n_about"] += 1
            if speaker is not None:
                edges[(speaker, target)].append(statement)
    for (speaker, target), found in sorted(edges.items()):
        found = _ordered(found)
        acts = Counter(s["act"] for s in found if s["act"])
        G.add_edge(speaker, target, key="said_about", relation="said_about", statements=found,
                   acts=sorted(acts, key=lambda a: (-acts[a], a)), weight=len(found))


def _add_co_mentions(G: nx.MultiDiGraph, rows: list[dict[str, Any]]) -> None:
    by_article: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row["actor"] in G:
            by_article[row["article"]].add(row["actor"])
    pairs: dict[tuple[str, str], list[str]] = defaultdict(list)
    for article, actors in sorted(by_article.items()):
        ordered = sorted(actors)
        for i, u in enumerate(ordered):
            for v in ordered[i + 1:]:
                pairs[(u, v)].append(article)
    for (u, v), found in sorted(pairs.items()):
        G.add_edge(u, v, key="mentions", relation="mentions", articles=found, weight=len(found))


def _statement(row: dict[str, Any], articles: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {"statement": row["statement"], "text": _text(row["text"]) or "", "cue": _text(row["cue"]),
            "act": _local(row["act"]).lower() if row["act"] else None,
            "kind": QUOTE_KINDS.get(_local(row["kind"])) if row["kind"] else None,
            **_provenance(row, articles)}


def _provenance(row: dict[str, Any], articles: dict[str, dict[str, Any]]) -> dict[str, Any]:
    info = articles.get(row["article"], {})
    return {"article": row["article"], "headline": info.get("headline"), "date": info.get("date"),
            "begin": row.get("begin"), "end": row.get("end")}


def _ordered(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Facts in reading order: by date, article, then position."""
    return sorted(items, key=lambda s: (s["date"] or "", s["article"], s["begin"] or 0, s.get("title") or ""))


def _focus_nodes(store: GraphStore, G: nx.MultiDiGraph, focus: str) -> list[str]:
    found = sorted(set(actors_named(store, focus)) & set(G))
    if not found:
        raise QueryError(f"no actor named {focus!r} in the graph{did_you_mean(focus, _names(G))}")
    return found


def _undirected(G: nx.MultiDiGraph) -> nx.Graph:
    """A simple undirected graph: one edge per linked pair, weight = summed edge weights,
    cost = the cheapest relation's :data:`PATH_COSTS`. Self-loops (actors speaking about
    themselves) link no one and are left out."""
    U = nx.Graph()
    U.add_nodes_from(G)
    for u, v, key, weight in G.edges(keys=True, data="weight", default=1):
        if u == v:
            continue
        if U.has_edge(u, v):
            U[u][v]["weight"] += weight
            U[u][v]["cost"] = min(U[u][v]["cost"], PATH_COSTS.get(key, 1.0))
        else:
            U.add_edge(u, v, weight=weight, cost=PATH_COSTS.get(key, 1.0))
    return U


def _hop(G: nx.MultiDiGraph, u: str, v: str) -> dict[str, Any]:
    """The best-supported edge between ``u`` and ``v`` (either direction), described."""
    candidates = [(PATH_COSTS.get(key, 1.0), _relation_rank(key), rank, key, data)
                  for rank, (x, y) in enumerate(((u, v), (v, u)))
                  for key, data in (G.get_edge_data(x, y) or {}).items()]
    _, _, backward, relation, data = min(candidates, key=lambda c: c[:3])
    evidence = data.get("statements") or data.get("roles") or data.get("articles") or []
    hop = {"from": u, "to": v, "from_label": _label(G, u), "to_label": _label(G, v),
           "relation": relation, "direction": "backward" if backward else "forward", "evidence": evidence}
    return {**hop, "summary": _summary(hop)}


def _relation_rank(key: str) -> int:
    return RELATIONS.index(key) if key in RELATIONS else len(RELATIONS)


def _summary(hop: dict[str, Any]) -> str:
    """One line, e.g. ``A criticise → B: "..." (headline, date)``."""
    first, second = hop["from_label"], hop["to_label"]
    if hop["direction"] == "backward":
        first, second = second, first
    fact = hop["evidence"][0] if hop["evidence"] else {}
    source = ", ".join(x for x in (fact.get("headline"), fact.get("date")) if x) if isinstance(fact, dict) else ""
    where = f" ({source})" if source else ""
    if hop["relation"] == "said_about":
        return f'{first} {fact.get("act") or fact.get("cue") or "said"} → {second}: "{fact.get("text", "")}"{where}'
    if hop["relation"] == "member_of":
        title = f" as {fact['title']}" if fact.get("title") else ""
        return f"{first} member of {second}{title}{where}"
    return f"{first} and {second} mentioned together in {len(hop['evidence'])} article(s)"


def _flat(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with list/dict attributes as JSON text and None attributes dropped."""
    H = nx.MultiDiGraph()
    H.add_nodes_from((n, _scalars(d)) for n, d in G.nodes(data=True))
    H.add_edges_from((u, v, k, _scalars(d)) for u, v, k, d in G.edges(keys=True, data=True))
    return H


def _scalars(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: json.dumps(v, ensure_ascii=False, default=str) if isinstance(v, (list, dict)) else v
            for k, v in attrs.items() if v is not None}


def _statements(G: nx.MultiDiGraph, n: str) -> int:
    return G.nodes[n].get("n_said", 0) + G.nodes[n].get("n_about", 0)


def _label(G: nx.MultiDiGraph, n: str) -> str:
    return str(G.nodes[n].get("label") or n)


def _names(G: nx.MultiDiGraph) -> list[str]:
    """Every label and alias of the actors of ``G``."""
    return [name for n in G for name in (_label(G, n), *G.nodes[n].get("aliases", []))]


def _local(iri: str) -> str:
    """The local name of an IRI: after the last ``#`` or ``/``."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


__all__ = ["EXPORT_FORMATS", "KINDS", "RELATIONS", "actor_graph", "centrality", "explain_path",
           "betweenness_sample", "export_network", "find_node", "neighbourhood", "prune"]
