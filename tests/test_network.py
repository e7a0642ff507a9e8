"""RDF → networkx: actor graphs, focus, centrality, paths, pruning and exports.

The store is tests/fixtures/small.trig (three invented articles; fixtures in tests/conftest.py).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx
import pytest

from graph.errors import QueryError
from graph.network import (EXPORT_FORMATS, actor_graph, betweenness_sample, centrality, explain_path,
                           export_network, find_node, neighbourhood, prune)
from graph.rdf.store import Store
from tests.helpers import (BAKKER, EASTVALE, FERREIRA, FINANCE, HALDEN, ID, LINDQVIST, OFFICIAL, OKONKWO,
                           TRANSPORT, UNION)


def test_nodes_and_edges(small_graph: nx.MultiDiGraph) -> None:
    assert len(small_graph) == 11
    relations = [k for _, _, k in small_graph.edges(keys=True)]
    assert (relations.count("said_about"), relations.count("member_of")) == (12, 3)


@pytest.mark.parametrize("node, attrs", [
    (OKONKWO, {"kind": "Person", "label": "Maria Okonkwo", "aliases": ["Ms. Okonkwo", "Okonkwo"],
               "titles": ["Transport Minister"], "n_said": 3, "n_about": 1}),
    (UNION, {"kind": "Organization", "label": "Dockworkers Union", "aliases": ["DWU"], "titles": [],
             "n_said": 0, "n_about": 1}),
    (EASTVALE, {"kind": "Place", "label": "Eastvale", "n_said": 0, "n_about": 2}),
    (OFFICIAL, {"kind": "UnnamedSource", "label": "a union official", "n_said": 1, "n_about": 0}),
    (FERREIRA, {"titles": ["Finance Minister"], "n_said": 2, "n_about": 2}),
])
def test_node_attributes(small_graph: nx.MultiDiGraph, node: str, attrs: dict) -> None:
    assert {k: small_graph.nodes[node][k] for k in attrs} == attrs


@pytest.mark.parametrize("u, v, key, acts, field, expected", [
    (LINDQVIST, OKONKWO, "said_about", ["criticise"], "text", "The minister has ignored our demands for months."),
    (LINDQVIST, OKONKWO, "said_about", ["criticise"], "headline", "Port strike enters its second week"),
    (OKONKWO, FERREIRA, "said_about", ["praise"], "cue", "say"),
    (OKONKWO, FERREIRA, "said_about", ["praise"], "kind", "direct"),
    (OKONKWO, FERREIRA, "said_about", ["praise"], "date", "2023-05-06"),
    (BAKKER, TRANSPORT, "said_about", ["believe"], "begin", 200),
    (BAKKER, EASTVALE, "said_about", ["warn"], "headline", None),
    (FERREIRA, FINANCE, "member_of", None, "title", "Finance Minister"),
])
def test_edge_evidence(small_graph: nx.MultiDiGraph, u: str, v: str, key: str, acts: list | None,
                       field: str, expected: object) -> None:
    data = small_graph.edges[u, v, key]
    facts = data.get("statements") or data["roles"]
    assert data.get("acts") == acts
    assert facts[0][field] == expected


def test_statement_without_target_counts_but_links_nothing(small_graph: nx.MultiDiGraph) -> None:
    promised = [s for _, _, d in small_graph.out_edges(FERREIRA, data=True) for s in d.get("statements", [])]
    assert small_graph.nodes[FERREIRA]["n_said"] == 2 and len(promised) == 1


@pytest.mark.parametrize("focus, hops, expected", [
    ("dwu", 1, {UNION, LINDQVIST, OKONKWO}),
    ("ms. okonkwo", 1, {OKONKWO, LINDQVIST, FERREIRA, TRANSPORT, UNION, HALDEN, EASTVALE}),
    ("Eastvale", 1, {EASTVALE, BAKKER, OKONKWO}),
    ("Chamber of Commerce", 0, {ID + "organization/chamber-of-commerce"}),
])
def test_focus(small_store: Store, focus: str, hops: int, expected: set) -> None:
    assert set(actor_graph(small_store, focus=focus, hops=hops)) == expected


@pytest.mark.parametrize("focus", ["Okonkow", "') } DROP ALL #", 'x" || true || "'])
def test_focus_unknown_name(small_store: Store, focus: str) -> None:
    with pytest.raises(QueryError, match="no actor named"):
        actor_graph(small_store, focus=focus)


def test_focus_unknown_suggests(small_store: Store) -> None:
    with pytest.raises(QueryError, match="did you mean 'Maria Okonkwo'"):
        actor_graph(small_store, focus="Maria Okonkow")


@pytest.mark.parametrize("article, nodes, edges", [
    ("a3.txt", {BAKKER, OKONKWO, EASTVALE, TRANSPORT}, 3),
    ("a3", {BAKKER, OKONKWO, EASTVALE, TRANSPORT}, 3),
    (ID + "article/a2", {OKONKWO, LINDQVIST, FERREIRA, TRANSPORT, FINANCE}, 5),
])
def test_article_restriction(small_store: Store, article: str, nodes: set, edges: int) -> None:
    G = actor_graph(small_store, article=article)
    assert (set(G), G.number_of_edges()) == (nodes, edges)


def test_co_mentions(small_store: Store) -> None:
    G = actor_graph(small_store, co_mentions=True)
    mentions = {(u, v): d["articles"] for u, v, k, d in G.edges(keys=True, data=True) if k == "mentions"}
    assert mentions[(OKONKWO, LINDQVIST)] == [ID + "article/a1", ID + "article/a2"]
    assert (BAKKER, LINDQVIST) not in mentions and (LINDQVIST, BAKKER) not in mentions


@pytest.mark.parametrize("graph, hops, centres, expected", [
    ([("a", "b"), ("b", "c"), ("c", "d")], 1, ["a"], {"a", "b"}),
    ([("a", "b"), ("c", "b"), ("c", "d")], 2, ["a"], {"a", "b", "c"}),
    ([("a", "b"), ("c", "d")], 1, ["a", "d"], {"a", "b", "c", "d"}),
])
def test_neighbourhood(graph: list, hops: int, centres: list, expected: set) -> None:
    assert set(neighbourhood(nx.MultiDiGraph(graph), centres, hops)) == expected


def test_empty_graph() -> None:
    G = nx.MultiDiGraph()
    assert (centrality(G), prune(G, 3)[1]) == ([], 0)


def test_centrality_weights_pagerank_by_statements() -> None:
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key="said_about", weight=5)
    G.add_edge("a", "c", key="said_about", weight=1)
    ranks = {r["node"]: r["pagerank"] for r in centrality(G)}
    assert ranks["b"] > ranks["c"] and sum(ranks.values()) == pytest.approx(1.0)


def test_centrality(small_graph: nx.MultiDiGraph) -> None:
    rows = centrality(small_graph, top=3)
    assert [r["label"] for r in rows] == ["Maria Okonkwo", "Ministry of Transport", "Ana Ferreira"]
    assert rows[0] | {"pagerank": None, "betweenness": None} == {
        "node": OKONKWO, "label": "Maria Okonkwo", "kind": "Person", "pagerank": None, "degree": 6,
        "betweenness": None, "n_said": 3, "n_about": 1}
    assert rows[0]["betweenness"] == max(r["betweenness"] for r in centrality(small_graph, top=99))


@pytest.mark.parametrize("n, m, expected", [(10, 20, None), (1000, 1000, None), (1000, 1500, 800), (2000, 3000, 400),
                                             (100_000, 200_000, 32)])
def test_betweenness_sample(n: int, m: int, expected: int | None) -> None:
    assert betweenness_sample(nx.gnm_random_graph(n, m, seed=1)) == expected


@pytest.mark.slow  # a 100,000-edge graph
def test_centrality_sampled_betweenness_on_large_graph() -> None:
    G = nx.MultiDiGraph(nx.gnm_random_graph(2000, 3000, seed=1, directed=True))
    rows = centrality(G, top=5)
    assert len(rows) == 5 and all(0 <= r["betweenness"] <= 1 for r in rows)


@pytest.mark.parametrize("max_nodes, kept, left_out", [
    (99, 11, 0),
    (3, 3, 8),
    (0, 0, 11),
])
def test_prune(small_graph: nx.MultiDiGraph, max_nodes: int, kept: int, left_out: int) -> None:
    H, n = prune(small_graph, max_nodes)
    assert (len(H), n) == (kept, left_out)
    assert set(H) <= set(small_graph)


def test_prune_prefers_linked_actors_to_isolated_ones() -> None:
    G = nx.MultiDiGraph([(f"leaf{i}", "hub") for i in range(6)])
    G.add_edges_from((f"alone{i}", f"alone{i}") for i in range(6))  # speaking about themselves
    H, left_out = prune(G, 7)
    assert (set(H), left_out) == ({"hub", *(f"leaf{i}" for i in range(6))}, 6)


def test_prune_keeps_the_most_central(small_graph: nx.MultiDiGraph) -> None:
    H, _ = prune(small_graph, 2)
    assert set(H) == {OKONKWO, TRANSPORT}
    assert H.nodes[OKONKWO]["n_said"] == 3


IGNORED = "The minister has ignored our demands for months."


@pytest.mark.parametrize("a, b, hops", [
    ("Tomas Lindqvist", "Maria Okonkwo", [("said_about", "forward", IGNORED)]),
    ("Maria Okonkwo", "lindqvist", [("said_about", "backward", IGNORED)]),
    ("Ana Ferreira", "Ministry of Finance", [("member_of", "forward", "Finance Minister")]),
    ("Jon Bakker", "Ana Ferreira", [("said_about", "forward", "the ministry would send pumps within days"),
                                    ("said_about", "backward", "the cuts were not aimed at road and rail projects")]),
])
def test_explain_path(small_graph: nx.MultiDiGraph, a: str, b: str, hops: list) -> None:
    path = explain_path(small_graph, a, b)
    found = [(h["relation"], h["direction"], h["evidence"][0].get("text") or h["evidence"][0].get("title"))
             for h in path]
    assert found == hops


def test_explain_path_summary(small_graph: nx.MultiDiGraph) -> None:
    (hop,) = explain_path(small_graph, "Ferreira", "Okonkwo")
    assert hop["summary"] == ('Maria Okonkwo praise → Ana Ferreira: "She has been a steady hand all year." '
                              "(Minister defends budget cuts, 2023-05-06)")


def test_explain_path_not_connected() -> None:
    G = nx.MultiDiGraph()
    G.add_nodes_from([("a", {"label": "A"}), ("b", {"label": "B"})])
    assert explain_path(G, "A", "B") == []


@pytest.mark.parametrize("name, expected", [
    ("maria okonkwo", OKONKWO), ("DWU", UNION), (OKONKWO, OKONKWO), ("OKONKWO", OKONKWO),
])
def test_find_node(small_graph: nx.MultiDiGraph, name: str, expected: str) -> None:
    assert find_node(small_graph, name) == expected


def test_find_node_unknown(small_graph: nx.MultiDiGraph) -> None:
    with pytest.raises(QueryError, match="did you mean 'Jon Bakker'"):
        find_node(small_graph, "Jon Baker")


@pytest.mark.parametrize("fmt, read", [
    ("graphml", nx.read_graphml),
    ("gexf", nx.read_gexf),
    ("json", lambda p: nx.node_link_graph(json.loads(Path(p).read_text("utf-8")), edges="edges")),
])
def test_export_parses_back(small_graph: nx.MultiDiGraph, tmp_path: Path, fmt: str, read) -> None:
    out = tmp_path / f"net.{fmt}"
    export_network(small_graph, fmt, out)
    back = read(out)
    assert (len(back), back.number_of_edges()) == (11, 15)
    label = back.nodes[OKONKWO].get("label")
    assert label == "Maria Okonkwo"
    titles = back.nodes[OKONKWO]["titles"]
    assert (titles if isinstance(titles, list) else json.loads(titles)) == ["Transport Minister"]


@pytest.mark.parametrize("fmt, read", [
    ("graphml", nx.read_graphml),
    ("gexf", nx.read_gexf),
    ("json", lambda f: nx.node_link_graph(json.loads(f.read()), edges="edges")),
])
def test_export_to_a_stream(small_graph: nx.MultiDiGraph, fmt: str, read) -> None:
    out = io.BytesIO()
    export_network(small_graph, fmt, out)
    out.seek(0)
    assert read(out).number_of_edges() == 15


def test_export_unknown_format(small_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="graphml, gexf, json"):
        export_network(small_graph, "dot", tmp_path / "x")
    assert EXPORT_FORMATS == ("graphml", "gexf", "json")
