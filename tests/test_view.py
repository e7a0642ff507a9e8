"""The view data (colours, sizes, labels, escaped tooltips, layout) and the offline HTML page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest

from graph.errors import ClaimGraphError, QueryError
from graph.rdf.store import Store
from graph.view import (ACT_COLOURS, KIND_STYLES, LABEL_PX_MAX, LABEL_PX_MIN, ViewSummary, check_link_base,
                        label_ranks, layout, node_link, pruned_note, render_html, view_data, view_title, write_view)
from tests.helpers import (BAKKER, EASTVALE, EVIL, FERREIRA, HALDEN, HOSTILE, ID, LINDQVIST, OKONKWO, SMALL, TRANSPORT,
                           trig_store)

#: Markup from HOSTILE (and from the page title and note) that must not appear unescaped.
PAYLOADS = ("<img src=x", "<script>window.pwned", "<svg onload", "<b onmouseover", "<a href=x>", "<i>bad</i>")


def by_id(items: list[dict]) -> dict[str, dict]:
    return {item["id"]: item for item in items}


def edge(data: dict, u: str, v: str) -> dict:
    return next(e for e in data["edges"] if (e["from"], e["to"]) == (u, v))


def test_counts(small_graph: nx.MultiDiGraph) -> None:
    data = view_data(small_graph)
    assert (len(data["nodes"]), len(data["edges"])) == (11, 15)
    assert len({e["id"] for e in data["edges"]}) == 15


@pytest.mark.parametrize("u, v, colour, tags", [
    (LINDQVIST, OKONKWO, ACT_COLOURS["criticise"], ["criticise"]),
    (OKONKWO, FERREIRA, ACT_COLOURS["praise"], ["praise"]),
    (FERREIRA, TRANSPORT, ACT_COLOURS["deny"], ["deny"]),
    (OKONKWO, TRANSPORT, "#b0b0b0", ["member_of"]),
])
def test_edge_colours(small_graph: nx.MultiDiGraph, u: str, v: str, colour: str, tags: list) -> None:
    e = edge(view_data(small_graph), u, v)
    assert (e["color"], e["tags"]) == (colour, tags)


@pytest.mark.parametrize("act, colour", [("criticise", "#d62728"), ("praise", "#2ca02c"), ("warn", "#ff7f0e"),
                                         ("order", "#9467bd"), ("deny", "#7f7f7f"), ("assert", "#1f77b4")])
def test_speech_act_palette(act: str, colour: str) -> None:
    assert ACT_COLOURS[act] == colour


def test_edge_tooltip_lists_quote_headline_date_cue(small_graph: nx.MultiDiGraph) -> None:
    title = edge(view_data(small_graph), LINDQVIST, OKONKWO)["title"]
    for part in ("The minister has ignored our demands for months.", "Port strike enters its second week",
                 "2023-05-04", "(accuse)", "criticise", "<b>Tomas Lindqvist</b>"):
        assert part in title


def test_edge_tooltip_truncates_long_lists() -> None:
    G = nx.MultiDiGraph()
    G.add_nodes_from(["a", "b"], label="x")
    statements = [{"text": f"quote {i}", "act": "warn", "cue": "warn", "headline": None, "date": None}
                  for i in range(12)]
    G.add_edge("a", "b", key="said_about", relation="said_about", statements=statements, acts=["warn"], weight=12)
    title = view_data(G)["edges"][0]["title"]
    assert "quote 7" in title and "quote 8" not in title and "and 4 more" in title


@pytest.mark.parametrize("node, label, kind", [
    (OKONKWO, "Maria Okonkwo\nTransport Minister", "Person"),
    (TRANSPORT, "Ministry of Transport", "Organization"),
])
def test_node_labels_and_styles(small_graph: nx.MultiDiGraph, node: str, label: str, kind: str) -> None:
    n = by_id(view_data(small_graph)["nodes"])[node]
    assert (n["label"], n["kind"], n["color"], n["shape"]) == (label, kind, *KIND_STYLES[kind][1:])


def test_node_sizes_grow_with_statements(small_graph: nx.MultiDiGraph) -> None:
    nodes = by_id(view_data(small_graph)["nodes"])
    union = nodes["https://w3id.org/claimgraph/id/organization/dockworkers-union"]
    assert nodes[OKONKWO]["size"] == nodes[FERREIRA]["size"] > nodes[TRANSPORT]["size"] > union["size"]


@pytest.mark.parametrize("first, top", [
    ((), [OKONKWO, FERREIRA, TRANSPORT]),
    ((EASTVALE,), [EASTVALE, OKONKWO, FERREIRA]),
])
def test_label_ranks_put_the_most_quoted_first(small_graph: nx.MultiDiGraph, first: tuple, top: list) -> None:
    ranks = label_ranks(small_graph, first)
    assert sorted(ranks, key=lambda n: ranks[n][0])[:3] == top
    assert sorted(r for r, _ in ranks.values()) == list(range(len(small_graph)))
    assert ranks[top[0]][1] == LABEL_PX_MAX
    assert all(LABEL_PX_MIN <= px <= LABEL_PX_MAX for _, px in ranks.values())
    assert ranks[top[0]][1] > ranks[HALDEN][1]


def test_nodes_carry_rank_and_label_size(small_graph: nx.MultiDiGraph) -> None:
    nodes = by_id(view_data(small_graph, first=[BAKKER])["nodes"])
    assert (nodes[BAKKER]["rank"], nodes[BAKKER]["labelPx"]) == (0, LABEL_PX_MAX)
    assert nodes[OKONKWO]["rank"] == 1 and "href" not in nodes[OKONKWO]


@pytest.mark.parametrize("link_base", ["/id/", "id/", "../id/", "http://127.0.0.1:8000/id/", "https://example.org/x/",
                                       "?page=", ""])
def test_link_bases_accepted(link_base: str) -> None:
    assert check_link_base(link_base) == link_base


@pytest.mark.parametrize("link_base", ["javascript:alert(1)//", "JavaScript:alert(1)//", "java\tscript:alert(1)//",
                                       " javascript:alert(1)//", "data:text/html,<b>x</b>", "vbscript:x",
                                       "file:///etc/", "http:///id/", "/id/\"><script>", "/id/\u2028", "/i d/"])
def test_link_bases_refused(link_base: str) -> None:
    with pytest.raises(ClaimGraphError, match="is not an http.s. or relative address"):
        check_link_base(link_base)


@pytest.mark.parametrize("node, link_base, expected", [
    (OKONKWO, "/id/", "/id/person/maria-okonkwo"),
    (OKONKWO, "http://127.0.0.1:8000/id/", "http://127.0.0.1:8000/id/person/maria-okonkwo"),
    (ID + "article/a%2Fb/source/3-9", "/id/", "/id/article/a%252Fb/source/3-9"),
    (ID + "person/\u00e9lise-roe", "/id/", "/id/person/%C3%A9lise-roe"),
    (ID + 'person/x"><script>alert(1)</script>', "/id/", "/id/person/x%22%3E%3Cscript%3Ealert%281%29%3C/script%3E"),
    (ID + "person/javascript:alert(1)", "", "person/javascript%3Aalert%281%29"),
    ("https://example.org/person/jane-roe", "/id/", None),
])
def test_node_link(node: str, link_base: str, expected: str | None) -> None:
    assert node_link(node, link_base) == expected


def test_view_data_links_nodes_and_refuses_bad_bases(small_graph: nx.MultiDiGraph) -> None:
    nodes = by_id(view_data(small_graph, link_base="/id/")["nodes"])
    assert nodes[OKONKWO]["href"] == "/id/person/maria-okonkwo"
    assert all(n["href"].startswith("/id/") for n in nodes.values())
    with pytest.raises(ClaimGraphError):
        view_data(small_graph, link_base="javascript:alert(1)//")


def test_search_names(small_graph: nx.MultiDiGraph) -> None:
    assert by_id(view_data(small_graph)["nodes"])[OKONKWO]["names"] == ["Maria Okonkwo", "Ms. Okonkwo", "Okonkwo"]


def test_legend_lists_only_what_is_drawn(small_graph: nx.MultiDiGraph) -> None:
    legend = view_data(small_graph)["legend"]
    assert [k["name"] for k in legend["kinds"]] == ["Person", "Organization", "Place", "UnnamedSource"]
    assert [t["name"] for t in legend["tags"]] == [*ACT_COLOURS, "member_of"]
    only_people = view_data(small_graph.subgraph([OKONKWO, LINDQVIST]))["legend"]
    assert (only_people["kinds"][0]["name"], [t["name"] for t in only_people["tags"]]) == ("Person", ["criticise"])


def test_tooltips_escape_article_text(hostile_graph: nx.MultiDiGraph) -> None:
    data = view_data(hostile_graph)
    tips = [n["title"] for n in data["nodes"]] + [e["title"] for e in data["edges"]]
    assert not [p for p in PAYLOADS for tip in tips if p in tip]
    assert "&lt;/script&gt;&lt;script&gt;window.pwnedQuote=1" in edge(data, EVIL, OKONKWO)["title"]
    assert "&lt;svg onload=&quot;window.pwnedHeadline=1&quot;&gt;" in edge(data, EVIL, OKONKWO)["title"]


@pytest.mark.parametrize("graph", [
    nx.path_graph(5), nx.Graph([(1, 2), (3, 4), (5, 6)]), nx.empty_graph(3), nx.star_graph(600),
    nx.gnm_random_graph(300, 600, seed=1),
])
def test_layout_places_every_node_apart(graph: nx.Graph) -> None:
    pos = layout(graph)
    assert set(pos) == set(graph) and len(set(pos.values())) == len(graph)
    assert layout(graph) == pos


def test_parallel_edges_are_bent_apart() -> None:
    G = nx.MultiDiGraph()
    for node in "abc":
        G.add_node(node, label=node, kind="Person", n_said=1, n_about=1)
    G.add_edge("a", "b", key="said_about", relation="said_about")
    G.add_edge("a", "b", key="member_of", relation="member_of")
    G.add_edge("b", "a", key="said_about", relation="said_about")
    G.add_edge("a", "c", key="said_about", relation="said_about")
    G.add_edge("c", "c", key="said_about", relation="said_about")
    smooth = [(e["from"], e["to"], e.get("smooth", {}).get("roundness")) for e in view_data(G)["edges"]]
    assert sorted(smooth, key=str) == sorted([("a", "b", None), ("a", "b", 0.25), ("b", "a", 0.5),
                                              ("a", "c", None), ("c", "c", None)], key=str)


def test_empty_view(tmp_path: Path) -> None:
    data = view_data(nx.MultiDiGraph())
    assert (data["nodes"], data["edges"]) == ([], [])
    assert "0 actors, 0 links" in render_html(data, tmp_path / "e.html", "Empty").read_text("utf-8")


@pytest.mark.parametrize("left_out, total, expected", [
    (0, 9, None),
    (7, 10, "7 of 10 actors left out: only the 3 best connected are drawn. See the others with "
            "claimgraph view --focus NAME --hops N (one actor's neighbourhood), --article ID (one article) "
            "or a larger --max-nodes."),
])
def test_pruned_note(left_out: int, total: int, expected: str | None) -> None:
    assert pruned_note(left_out, total) == expected


@pytest.mark.parametrize("focus, hops, article, expected", [
    (None, 1, None, "Who said what about whom"),
    ("Jane Roe", 1, None, "Who said what about whom: around Jane Roe (1 hop)"),
    ("Jane Roe", 2, "x.txt", "Who said what about whom: around Jane Roe (2 hops), in article x.txt"),
    (None, 1, "x.txt", "Who said what about whom: in article x.txt"),
])
def test_view_title(focus: str | None, hops: int, article: str | None, expected: str) -> None:
    assert view_title(focus, hops, article) == expected


@pytest.mark.parametrize("article, heading", [
    ("a1", "<h1>Who said what about whom: in “Port strike enters its second week” (a1)</h1>"),
    ("a2.txt", "<h1>Who said what about whom: in “Minister defends budget cuts” (a2.txt)</h1>"),
    ("a3", "<h1>Who said what about whom: in article a3</h1>"),
])
def test_article_views_are_titled_by_headline(small_store: Store, tmp_path: Path, article: str,
                                              heading: str) -> None:
    page = write_view(small_store, tmp_path / "v.html", article=article).path.read_text("utf-8")
    assert heading in page


def test_a_hostile_headline_stays_text_in_the_title(tmp_path: Path) -> None:
    with trig_store(tmp_path / "store", SMALL.read_text("utf-8"), HOSTILE) as store:
        page = write_view(store, tmp_path / "v.html", article="evil").path.read_text("utf-8")
    assert "<h1>Who said what about whom: in “&lt;svg onload=&quot;window.pwnedHeadline=1&quot;&gt;" in page
    assert "<svg" not in page.split("<body>")[1]


@pytest.mark.parametrize("options, nodes, edges, left_out, heading", [
    ({}, 11, 15, 0, "Who said what about whom"),
    ({"max_nodes": 3}, 3, 3, 8, "Who said what about whom"),
    ({"focus": "dwu"}, 3, 3, 0, "around dwu (1 hop)"),
    ({"article": "a3"}, 4, 3, 0, "in article a3"),
    ({"co_mentions": True}, 11, 42, 0, "Who said what about whom"),
    ({"link_base": "/id/"}, 11, 15, 0, '"href": "/id/person/maria-okonkwo"'),
])
def test_write_view(small_store: Store, tmp_path: Path, options: dict, nodes: int, edges: int, left_out: int,
                    heading: str) -> None:
    summary = write_view(small_store, tmp_path / "v.html", **options)
    assert summary == ViewSummary(tmp_path / "v.html", nodes, edges, left_out)
    page = summary.path.read_text("utf-8")
    assert f"{nodes} actors, {edges} links" in page and heading in page
    assert ("cg-note" in page.split("</style>")[-1]) == bool(left_out)


def test_write_view_unknown_focus(small_store: Store, tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="no actor named 'Nobody Here'"):
        write_view(small_store, tmp_path / "v.html", focus="Nobody Here")
    assert not (tmp_path / "v.html").exists()


@pytest.fixture
def page(hostile_graph: nx.MultiDiGraph, tmp_path: Path) -> str:
    """The HTML page of the hostile graph, with hostile title and note."""
    out = render_html(view_data(hostile_graph), tmp_path / "view.html", title="Who said <i>bad</i> things",
                      note="<script>window.pwnedNote=1</script> 3 left out")
    return out.read_text("utf-8")


def test_page_loads_nothing_remote(page: str) -> None:
    assert not re.search(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=""", page, re.IGNORECASE)
    assert "bootstrap" not in page.lower()
    assert "vis.Network" in page and "new vis.DataSet" in page


def test_page_escapes_everything(page: str) -> None:
    assert not [p for p in PAYLOADS if p in page]
    assert page.count("</script>") == 4  # pyvis helpers, vis-network, pyvis's drawGraph, ours
    assert "sourceMappingURL" not in page
    assert "<title>Who said &lt;i&gt;bad&lt;/i&gt; things</title>" in page
    assert "&lt;script&gt;window.pwnedNote=1&lt;/script&gt; 3 left out" in page


def test_page_data_round_trips(page: str, hostile_graph: nx.MultiDiGraph) -> None:
    match = re.search(r"nodes = new vis\.DataSet\((.*?)\);\n", page)
    nodes = json.loads(match.group(1))
    assert len(nodes) == len(hostile_graph)
    assert "Evil <img src=x onerror=\"window.pwnedName=1\">" in {n["names"][0] for n in nodes}
    assert all("title" not in n and n["tip"] for n in nodes)


def test_page_has_controls(small_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    page = render_html(view_data(small_graph), tmp_path / "v.html", title="Small").read_text("utf-8")
    for part in ("id='cg-search'", "name='cg-kind' value='Person'", "name='cg-tag' value='criticise'",
                 "11 actors, 15 links", "<h1>Small</h1>"):
        assert part in page
    assert "cg-note" not in page.split("<style>")[-1].split("</style>")[-1]


def test_a_pruned_focus_view_keeps_the_focus(small_store: Store, tmp_path: Path) -> None:
    """The focused actor survives pruning even when it is not among the best connected."""
    summary = write_view(small_store, tmp_path / "v.html", focus="Port Halden", hops=2, max_nodes=1)
    html = (tmp_path / "v.html").read_text(encoding="utf-8")
    drawn = re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);", html, re.S).group(1)
    assert summary.nodes == 1 and summary.left_out > 0
    assert [(n["text"].split("\n")[0], n["rank"]) for n in json.loads(drawn)] == [("Port Halden", 0)]


def test_a_focus_view_ranks_the_focus_first(small_store: Store, tmp_path: Path) -> None:
    write_view(small_store, tmp_path / "v.html", focus="Eastvale", hops=1)
    html = (tmp_path / "v.html").read_text(encoding="utf-8")
    nodes = json.loads(re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);", html, re.S).group(1))
    assert min(nodes, key=lambda n: n["rank"])["id"] == EASTVALE
