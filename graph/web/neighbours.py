"""One actor's neighbourhood view, read from the actor's own statements and roles.

The view shows who the actor speaks about and who speaks about it (and the organisations it
is a member of, or the members of an organisation): the actor in the middle, the
:data:`DRAWN` counterparts most linked to it around it. Everything is read from the
statements and roles that name the actor (two index lookups from the actor, then a few per
statement), never from the whole actor graph: the first view of a store of 10,000 articles
once read 136,510 statements into networkx (162 s); now a view costs what its actor's
statements cost (the busiest actor, 11,000 statements: about a second on a loaded machine).

Links between two counterparts are not drawn (reading them costs every statement of every
counterpart: for the busiest actor, a hundred other busy actors'); the actor page lists
every statement by and about the actor.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import networkx as nx

from graph.network import KINDS, QUOTE_KINDS
from graph.rdf._terms import (A, ALT_LABEL, BEGIN, CUE, DATE_PUBLISHED, DEFAULT_GRAPH, END, HEADLINE, JOB_TITLE,
                              INDEX_GRAPH_PREFIX, LABEL, TEXT, iri)
from graph.rdf.base import GraphStore
from graph.rdf.statement_keys import KEY_PREFIX, has_keys, has_links, key_node, key_range, key_roles, parse_link
from graph.rdf.statement_keys import date_of as key_date

#: Counterparts drawn around the actor at most (the most linked to it): more labels than
#: this do not fit on a screen.
DRAWN = 100
#: Statements of a link read for its tooltip (the earliest; the tooltip says how many more).
SHOWN = 3

# The actor's IRI stands in the query text (a checked IRI: :func:`_node_text`), not in a
# VALUES block: Oxigraph joined a bound ?actor after matching every statement of the store
# (22 s for the busiest actor of 10,000 articles, 0.6 s with the IRI in the pattern).
# Grouped in the store (a row per counterpart and speech act, its statements as one string):
# rows of every statement cost twice as much to read (1.2 to 1.5 s for the busiest actor).
_LINKS = """SELECT ?other ?act (GROUP_CONCAT(CONCAT(STR(?article), " ", STR(?statement)); separator="\\n") AS ?all)
WHERE { GRAPH ?article { ?statement LINK ACTOR ; OTHER ?other ; a cg:Statement .
  OPTIONAL { ?statement cg:speechAct ?act } } }
GROUP BY ?other ?act"""
_ROLES = """SELECT ?person ?org ?title ?article ?begin WHERE { GRAPH ?article {
  ?role WHERE_ACTOR ; a cg:Role ; org:member ?person ; org:organization ?org .
  OPTIONAL { ?role cg:title ?title } OPTIONAL { ?role nif:beginIndex ?begin } } }"""


@dataclass
class Neighbourhood:
    """What a neighbourhood view draws.

    Attributes:
        graph: The actor and its drawn counterparts, as :func:`graph.network.actor_graph`
            describes actors and links (``said_about`` edges carry their :data:`SHOWN`
            earliest statements and their ``weight``; ``member_of`` edges their roles).
        drawn: The counterparts drawn, most linked first.
        left: Counterparts left out.
    """

    graph: nx.MultiDiGraph
    drawn: list[str]
    left: int


def _node_text(node: str) -> str:
    """``node`` as an IRI in query text (pyoxigraph checks it is an IRI and escapes it)."""
    return str(iri(node))


def neighbourhood(store: GraphStore, node: str, drawn: int = DRAWN,
                  date_of: Callable[[str], str] | None = None) -> Neighbourhood:
    """The neighbourhood of the actor ``node``: it, and the ``drawn`` actors most linked to it
    (statements by it about them, by them about it, and roles between them; then by IRI).

    Args:
        store: The store.
        node: The actor's IRI.
        drawn: Counterparts drawn at most.
        date_of: An article IRI -> its date ("" when none), when the caller holds them; read
            from the store otherwise.
    """
    dates = _key_dates(store, node)

    def date(article: str) -> str:
        if article not in dates:
            dates[article] = date_of(article) if date_of else next(
                (q.object.value for q in store.quads(iri(article), DATE_PUBLISHED, None, iri(article))), "")
        return dates[article]

    if has_links(store):
        keyed = key_range(store, node)
        links, roles = _key_links(keyed, node), _key_roles(keyed, node)
    else:
        links, roles = _links(store, node), _roles(store, node)
    weight: Counter[str] = Counter()
    for (u, v), found in links.items():
        weight[v if u == node else u] += len(found)
    for (u, v), found in roles.items():
        weight[v if u == node else u] += len(found)
    weight.pop(node, None)
    counterparts = [n for n in sorted(weight, key=lambda n: (-weight[n], n)) if _described(store, n)]
    kept = counterparts[:drawn]
    shown = {node, *kept}
    G = nx.MultiDiGraph()
    for n in [node, *kept]:
        G.add_node(n, **_attributes(store, n))
    _count_statements(store, G, links)
    links = {pair: found for pair, found in links.items() if pair[0] in shown and pair[1] in shown}
    earliest = {pair: _earliest(found.values(), date) for pair, found in links.items()}
    details = _details(store, [s for first in earliest.values() for s in first])
    for (u, v), found in sorted(links.items()):
        acts = Counter(s["act"] for s in found.values() if s["act"])
        statements = sorted(({**s, **details.get(s["statement"], {}), "date": date(s["article"]) or None}
                             for s in earliest[u, v]),
                            key=lambda s: (s["date"] or "", s["article"], s.get("begin") or 0))
        G.add_edge(u, v, key="said_about", relation="said_about", statements=statements,
                   acts=sorted(acts, key=lambda a: (-acts[a], a)), weight=len(found))
    for (u, v), found in sorted(roles.items()):
        if u in shown and v in shown:
            G.add_edge(u, v, key="member_of", relation="member_of", weight=1, roles=sorted(
                ({"title": str(r["title"]), "article": str(r["article"]), "begin": r["begin"],
                  "date": date(str(r["article"])) or None} for r in found if r["title"]),
                key=lambda r: (r["date"] or "", r["article"], r["begin"] or 0, r["title"])))
    return Neighbourhood(G, kept, len(counterparts) - len(kept))


def _links(store: GraphStore, node: str) -> dict[tuple[str, str], dict[str, dict]]:
    """(speaker, target) -> statement IRI -> its ``statement``, ``article`` and ``act`` (or
    None), for the statements by the actor ``node`` about another actor and by another actor
    about it, read from the articles' graphs (two grouped queries)."""
    links: dict[tuple[str, str], dict[str, dict]] = defaultdict(dict)
    for link, other, by in (("prov:wasAttributedTo", "schema:about", True), ("schema:about", "prov:wasAttributedTo",
                                                                              False)):
        sparql = _LINKS.replace("LINK", link).replace("ACTOR", _node_text(node)).replace("OTHER", other)
        for row in store.select(sparql):
            pair = (node, str(row["other"])) if by else (str(row["other"]), node)
            act = str(row["act"]).rpartition("#")[2].lower() if row["act"] else None
            for line in str(row["all"]).split("\n"):
                article, _, statement = line.partition(" ")
                links[pair][statement] = {"statement": statement, "article": article, "act": act}
    return links


def _key_links(rows: list[tuple[str, str, str]], node: str) -> dict[tuple[str, str], dict[str, dict]]:
    """What :func:`_links` reads, from the counterparts in the actor's statement keys (the
    rows of :func:`graph.rdf.statement_keys.key_range`): one range of the store's
    subject-first index, instead of a lookup in its article's graph for each statement."""
    links: dict[tuple[str, str], dict[str, dict]] = defaultdict(dict)
    for article, predicate, other in rows:
        parsed = parse_link(predicate)
        if parsed is None:
            continue
        relation, act, rest = parsed
        pair = (node, other) if relation == "by" else (other, node)
        links[pair][article + rest] = {"statement": article + rest, "article": article, "act": act or None}
    return links


def _roles(store: GraphStore, node: str) -> dict[tuple[str, str], list[dict]]:
    """(member, organisation) -> rows (``person``, ``org``, ``title``, ``article``, ``begin``)
    of the roles (``cg:Role``) naming the actor ``node`` as a member or as the organisation,
    with every member and organisation of each, read from the articles' graphs."""
    roles: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for where in (f"org:member {_node_text(node)}", f"org:organization {_node_text(node)}"):
        for row in store.select(_ROLES.replace("WHERE_ACTOR", where)):
            roles[str(row["person"]), str(row["org"])].append(row)
    return roles


def _key_roles(rows: list[tuple[str, str, str]], node: str) -> dict[tuple[str, str], list[dict]]:
    """What :func:`_roles` reads, from the roles in the actor's statement keys (the rows of
    :func:`graph.rdf.statement_keys.key_range`)."""
    roles: dict[tuple[str, str], list[dict]] = defaultdict(list)
    found = key_roles(rows)
    for side in ("member", "organization"):
        for role in found:
            if role.is_role and node in (role.members if side == "member" else role.organizations):
                for person in role.members:
                    for org in role.organizations:
                        roles[person, org] += [{"person": person, "org": org, "title": title,
                                                "article": role.article, "begin": begin}
                                               for title in role.titles or [None] for begin in role.begins or [None]]
    return roles


def _described(store: GraphStore, node: str) -> bool:
    """True when the default graph gives ``node`` a label (as every actor has)."""
    return bool(store.quads(iri(node), LABEL, None, DEFAULT_GRAPH))


def _attributes(store: GraphStore, node: str) -> dict:
    """The node attributes of :func:`graph.network.actor_graph` for ``node``, from its
    description in the default graph (its job titles as its titles)."""
    props: dict[str, set[str]] = defaultdict(set)
    for q in store.quads(iri(node), None, None, DEFAULT_GRAPH):
        props[q.predicate.value].add(q.object.value)
    kinds = {t.rpartition("/")[2].rpartition("#")[2] for t in props[A.value]}
    labels = props[LABEL.value] or {node}
    label = min(labels)
    return {"kind": next((k for k in KINDS if k in kinds), ""), "label": label,
            "aliases": sorted(props[ALT_LABEL.value] | labels - {label}), "titles": sorted(props[JOB_TITLE.value]),
            "n_said": 0, "n_about": 0}


def _key_dates(store: GraphStore, node: str) -> dict[str, str]:
    """Article IRI -> date of the articles with a statement by or about ``node``, from its
    statement keys (which hold the date: one index scan), or {} for a store without them."""
    if not has_keys(store):
        return {}
    rows = store.select(f"SELECT ?g (MIN(?k) AS ?key) WHERE {{ GRAPH ?g {{ {key_node(node)} ?p ?k }} "
                        f"FILTER(?p IN (cg:statementBy, cg:statementAbout)) }} GROUP BY ?g")
    return {str(r["g"])[len(INDEX_GRAPH_PREFIX):]: key_date(int(r["key"])) for r in rows}


def _count_statements(store: GraphStore, G: nx.MultiDiGraph, links: dict[tuple[str, str], dict]) -> None:
    """Set ``n_said`` and ``n_about`` of every node of ``G``: from the statement keys (counted
    in one query) when the store has them, else the statements of the drawn links."""
    if has_keys(store):
        nodes = " ".join(str(key_node(n)) for n in G)
        for attribute, predicate in (("n_said", "cg:statementBy"), ("n_about", "cg:statementAbout")):
            # one predicate a query: with both in a VALUES block too, Oxigraph took 8 s instead of 0.1
            for row in store.select(f"SELECT ?key (COUNT(?k) AS ?n) WHERE {{ VALUES ?key {{ {nodes} }} "
                                    f"GRAPH ?g {{ ?key {predicate} ?k }} }} GROUP BY ?key"):
                G.nodes[str(row["key"])[len(KEY_PREFIX):]][attribute] = int(row["n"])
        return
    for (u, v), found in links.items():
        if u in G:
            G.nodes[u]["n_said"] += len(found)
        if v in G:
            G.nodes[v]["n_about"] += len(found)


def _earliest(statements, date: Callable[[str], str]) -> list[dict]:
    """The :data:`SHOWN` first of ``statements`` by date, article and IRI."""
    return heapq.nsmallest(SHOWN, statements, key=lambda s: (date(s["article"]), s["article"], s["statement"]))


def _details(store: GraphStore, statements: list[dict]) -> dict[str, dict]:
    """Statement IRI -> its text, cue, kind, end offset and its article's headline."""
    out: dict[str, dict] = {}
    headlines: dict[str, str | None] = {}
    for s in statements:
        graph = iri(s["article"])
        props: dict[str, list[str]] = defaultdict(list)
        for q in store.quads(iri(s["statement"]), None, None, graph):
            props[q.predicate.value].append(q.object.value)
        if s["article"] not in headlines:
            headlines[s["article"]] = next((q.object.value for q in store.quads(graph, HEADLINE, None, graph)), None)
        kinds = [QUOTE_KINDS[k.rpartition("#")[2]] for k in props[A.value] if k.rpartition("#")[2] in QUOTE_KINDS]
        out[s["statement"]] = {"text": (props[TEXT.value] or [""])[0], "cue": (props[CUE.value] or [None])[0],
                               "kind": kinds[0] if kinds else None, "headline": headlines[s["article"]],
                               "begin": int(props[BEGIN.value][0]) if props[BEGIN.value] else None,
                               "end": int(props[END.value][0]) if props[END.value] else None}
    return out


__all__ = ["DRAWN", "SHOWN", "Neighbourhood", "neighbourhood"]
