"""Interactive HTML views of an actor graph: data first, then rendering (like spaCy's displacy).

:func:`view_data` turns a graph from :func:`graph.network.actor_graph` into plain dicts for
vis-network (positions computed here, in Python, so the browser runs no physics; each node
ranked by importance, with the size of its label on screen and, given a link base, the
address of its page); :func:`render_html` writes one self-contained page with pyvis:
vis-network inlined, nothing fetched from the network, a legend that doubles as a filter, a
search box, and the script of :mod:`graph.view_page` that draws the labels without overlaps.

Security: every text that comes from an article (names, titles, quotes, headlines) is passed
through :func:`html.escape` before it enters a tooltip, and the page turns tooltips into DOM
elements from that escaped HTML when they are first hovered (vis-network 9 shows a string
``title`` as plain text, so rich tooltips have to be elements). Labels drawn on the canvas
are plain text. A node's link is the link base (checked by :func:`check_link_base`: http(s)
or relative, never another scheme) and the percent-encoded path of its IRI; no name enters
it, and the page opens only http(s) or relative links. The data sits in the page as JSON in
which ``<``, ``>``, ``&`` and ``'`` are ``\\u`` escapes, so no ``</script>`` in a quote can
end the script block.
"""

from __future__ import annotations

import copy
import functools
import html
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import quote, urlsplit

import jinja2
import networkx as nx
from pyvis.network import Network

from graph.errors import ClaimGraphError
from graph.network import actor_graph, find_node, prune
from graph.query import find_article, unquoted
from graph.rdf._terms import iri
from graph.rdf.base import GraphStore
from graph.rdf.ids import DEFAULT_BASE
from graph.view_page import PAGE_CSS, PAGE_JS, controls, offline

#: Node kind -> (legend label, colour, vis-network shape).
KIND_STYLES: dict[str, tuple[str, str, str]] = {
    "Person": ("person", "#4e79a7", "dot"),
    "Organization": ("organisation", "#f1a340", "square"),
    "Place": ("place", "#59a14f", "triangle"),
    "UnnamedSource": ("unnamed source", "#a0a0a0", "diamond"),
}
DEFAULT_KIND_STYLE = ("other", "#c0c0c0", "dot")

#: Speech act -> edge colour.
ACT_COLOURS: dict[str, str] = {
    "criticise": "#d62728",
    "praise": "#2ca02c",
    "warn": "#ff7f0e",
    "order": "#9467bd",
    "deny": "#7f7f7f",
    "assert": "#1f77b4",
    "promise": "#17becf",
    "believe": "#8c564b",
}
UNKNOWN_ACT_COLOUR = "#555555"

#: Non-statement relation -> (legend label, colour, dashed).
RELATION_STYLES: dict[str, tuple[str, str, bool]] = {
    "member_of": ("member of", "#b0b0b0", True),
    "mentions": ("mentioned together", "#dddddd", True),
}

#: Shown when :func:`graph.network.prune` left actors out.
PRUNED_NOTE = ("{n} of {total} actors left out: only the {kept} best connected are drawn. "
               "See the others with claimgraph view --focus NAME --hops N (one actor's neighbourhood), "
               "--article ID (one article) or a larger --max-nodes.")

#: Actors drawn at most by :func:`write_view`; more are pruned to the best connected.
DEFAULT_MAX_NODES = 300

#: Size on screen of a label (CSS pixels), for the least and the most important node.
LABEL_PX_MIN = 12.0
LABEL_PX_MAX = 16.0

NODE_SIZE_BASE = 10.0
NODE_SIZE_STEP = 4.0
NODE_SIZE_MAX = 48.0
EDGE_WIDTH_MAX = 8.0
#: Statements listed in one edge tooltip; the rest are counted.
TIP_STATEMENTS = 8
#: Characters of a quote shown in a tooltip.
TIP_TEXT_CHARS = 280
#: Components up to this size get a Kamada-Kawai layout (even edge lengths, so fewer labels
#: overlap; SciPy's optimiser, quick enough at this size for drawing a page).
KAMADA_KAWAI_MAX_NODES = 150
#: Components up to this size get a spring layout; larger ones are drawn in rings by
#: distance from their best-connected actor. networkx lays out up to 499 nodes with a dense
#: NumPy solver and larger graphs with a sparse SciPy one, many times slower: too slow for
#: drawing a page.
SPRING_MAX_NODES = 499
#: Spring layouts: the distance nodes settle at, times networkx's default (1 / sqrt(nodes));
#: the default packs the best-connected actors so close that their labels cannot all fit.
SPRING_DISTANCE = 8.0
#: Spring layouts: a node at distance r (0..1) from the centre is moved to r ** SPREAD_POWER.
SPREAD_POWER = 0.5
#: Canvas units per sqrt(node) of a component's radius.
LAYOUT_SPACING = 110.0
#: One-hop views (:func:`radial_layout`): the first ring holds this many actors, each ring
#: further out this many more.
RING_STEP = 8

#: The headline of ``?article`` (bound), for the title of an article's view.
HEADLINE_QUERY = """
SELECT ?headline WHERE { GRAPH ?article { ?article schema:headline ?headline } } ORDER BY ?headline LIMIT 1"""

#: Roundness added by each further edge between the same two actors (vis-network's curvedCW).
PARALLEL_BEND = 0.25
#: vis-network options: physics off (positions come from Python), hover tooltips on (labels are
#: drawn by the page's script, :mod:`graph.view_page`).
VIS_OPTIONS: dict[str, Any] = {
    "physics": {"enabled": False},
    "layout": {"improvedLayout": False},
    "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True},
    "nodes": {"borderWidth": 1},
    "edges": {"smooth": False, "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}},
}


class ViewSummary(NamedTuple):
    """What :func:`write_view` wrote."""

    path: Path
    nodes: int
    edges: int
    left_out: int


def view_data(G: nx.MultiDiGraph, seed: int = 0, link_base: str | None = None,
              first: Iterable[str] = (), positions: Mapping[Any, tuple[float, float]] | None = None) -> dict[str, Any]:
    """Nodes and edges of ``G`` as vis-network dicts, with positions, colours and tooltips.

    Args:
        G: An actor graph from :func:`graph.network.actor_graph` (possibly pruned).
        seed: Seed of the layout, for the same picture on every run.
        link_base: Where the nodes' pages are (:func:`node_link`); None for no links.
        first: Nodes ranked before all others (e.g. the focus of the view).
        positions: Every node's position in pixels (e.g. :func:`radial_layout`); laid out
            by :func:`layout` when None.

    Returns:
        ``{"nodes": [...], "edges": [...], "legend": {"kinds": [...], "tags": [...]}}``.
        A node has id, label (name and first title), title (escaped HTML tooltip), names
        (label and aliases, for search), kind, color, shape, size, x, y, rank and labelPx
        (:func:`label_ranks`), and href when it has a page. An edge has id, from, to,
        relation, tags (its speech acts, or its relation), color, width, dashes, title, and
        smooth when another edge joins the same two actors (:func:`_bend_parallel`).
        Legend entries have name, label and color (and shape for kinds).

    Raises:
        ClaimGraphError: when ``link_base`` is not an http(s) or relative address.
    """
    if link_base is not None:
        check_link_base(link_base)
    if positions is None:
        positions = layout(G, seed)
    ranks = label_ranks(G, first)
    nodes = [_node(n, G.nodes[n], positions[n], ranks[n], link_base) for n in G]
    edges = [_edge(f"e{i}", u, v, key, d, G) for i, (u, v, key, d) in enumerate(G.edges(keys=True, data=True))]
    _bend_parallel(edges)
    return {"nodes": nodes, "edges": edges, "legend": _legend(nodes, edges)}


def _bend_parallel(edges: list[dict[str, Any]]) -> None:
    """Curve the second and later edges between the same two actors (either direction), each
    a little more than the one before, so no edge is drawn on top of another and each can be
    hovered ("said about" beside "member of"); the first stays straight."""
    seen: Counter[frozenset[str]] = Counter()
    for edge in edges:
        pair = frozenset((edge["from"], edge["to"]))
        if len(pair) == 2:
            if seen[pair]:
                edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": round(PARALLEL_BEND * seen[pair], 2)}
            seen[pair] += 1


def pruned_note(left_out: int, total: int) -> str | None:
    """The note for a view that :func:`graph.network.prune` cut, or None when nothing was.

    Args:
        left_out: Actors left out.
        total: Actors before pruning.
    """
    return PRUNED_NOTE.format(n=left_out, total=total, kept=total - left_out) if left_out > 0 else None


def view_title(focus: str | None = None, hops: int = 1, article: str | None = None,
               headline: str | None = None) -> str:
    """The heading of a view: what it shows (an article by its headline when it has one).

    >>> view_title("Jane Roe", 2)
    'Who said what about whom: around Jane Roe (2 hops)'
    >>> view_title(article="a1.txt", headline="Rain at last")
    'Who said what about whom: in “Rain at last” (a1.txt)'
    """
    in_article = f"in “{headline}” ({article})" if headline else f"in article {article}"
    parts = [f"around {focus} ({hops} hop{'s' if hops != 1 else ''})" if focus else "",
             in_article if article else ""]
    where = ", ".join(p for p in parts if p)
    return "Who said what about whom" + (f": {where}" if where else "")


def write_view(store: GraphStore, path: str | Path, focus: str | None = None, hops: int = 1,
               article: str | None = None, max_nodes: int = DEFAULT_MAX_NODES,
               co_mentions: bool = False, link_base: str | None = None) -> ViewSummary:
    """Draw the store's actors (or one actor's neighbourhood, or one article) as one HTML page.

    Graphs with more than ``max_nodes`` actors are pruned to the best connected
    (:func:`graph.network.prune`), and the page says how many were left out and how to focus.

    Args:
        store: The graph.
        path: The HTML file to write.
        focus: Only the actors within ``hops`` of the actor with this name or alias.
        hops: Radius of the focus neighbourhood.
        article: Only the facts of this article (IRI, source file or id).
        max_nodes: Actors drawn at most.
        co_mentions: Also link actors mentioned in the same article.
        link_base: Clicking a node opens ``link_base`` + the path of its IRI under the data
            base (:func:`node_link`); None (the default) for no links.

    Returns:
        Where the page was written and what it shows.

    Raises:
        QueryError: when no actor has the focus name or no article matches.
        ClaimGraphError: when ``link_base`` is not an http(s) or relative address.
    """
    if link_base is not None:
        check_link_base(link_base)
    G = actor_graph(store, focus=focus, hops=hops, article=article, co_mentions=co_mentions)
    centre = [find_node(G, focus)] if focus else []
    drawn, left_out = prune(G, max_nodes, keep=centre)
    data = view_data(drawn, link_base=link_base, first=centre)
    headline = article_headline(store, article) if article else None
    out = render_html(data, path, view_title(focus, hops, article, headline), pruned_note(left_out, len(G)))
    return ViewSummary(out, len(data["nodes"]), len(data["edges"]), left_out)


def render_html(data: dict[str, Any], path: str | Path, title: str, note: str | None = None) -> Path:
    """Write ``data`` (from :func:`view_data`) as one self-contained HTML page.

    The page loads nothing from the network: vis-network is inlined and pyvis's CDN links
    (Bootstrap) are removed.

    Args:
        data: The view data.
        path: The HTML file to write.
        title: Page heading (escaped).
        note: A line shown under the heading, e.g. :func:`pruned_note` (escaped).

    Returns:
        The path written.
    """
    net = Network(height="85vh", width="100%", directed=True, cdn_resources="in_line")
    net.templateEnv = _pyvis_templates()
    net.nodes = [_vis_item(n) for n in data["nodes"]]
    net.edges = [_vis_item(e) for e in data["edges"]]
    net.options = copy.deepcopy(VIS_OPTIONS)
    page = offline(net.generate_html())
    page = page.replace("<head>", f"<head>\n<title>{html.escape(title)}</title>", 1)
    page = page.replace("</head>", f"<style>{PAGE_CSS}</style>\n</head>", 1)
    page = page.replace("<body>", "<body>\n" + controls(data, title, note), 1)
    page = page.replace("</body>", f"<script>{PAGE_JS}</script>\n</body>", 1)
    out = Path(path)
    out.write_text(page, encoding="utf-8")
    return out


@functools.cache
def _pyvis_templates() -> jinja2.Environment:
    """pyvis's templates, compiled once: a pyvis network makes a new environment, and
    compiles its page template again (half a second), for every page."""
    return Network(cdn_resources="in_line").templateEnv


def article_headline(store: GraphStore, article: str) -> str | None:
    """The headline of the article given by its IRI, id or source file, if it has one.

    Raises:
        QueryError: when no article matches.
    """
    rows = store.select(HEADLINE_QUERY, article=iri(find_article(store, article)))
    return str(rows[0]["headline"]) if rows else None


def label_ranks(G: nx.Graph, first: Iterable[str] = ()) -> dict[Any, tuple[int, float]]:
    """Each node's rank by importance (0 first) and the size of its label on screen.

    Importance is the statements by and about the actor plus its number of neighbours;
    ``first`` come before all. Label sizes grow with the square root of importance from
    :data:`LABEL_PX_MIN` to :data:`LABEL_PX_MAX` (``first`` get the largest).

    >>> G = nx.MultiDiGraph([("a", "b"), ("c", "b")])
    >>> G.nodes["b"]["n_about"] = 2
    >>> label_ranks(G)
    {'b': (0, 16.0), 'a': (1, 14.0), 'c': (2, 14.0)}
    """
    U = G.to_undirected(as_view=True) if G.is_directed() else G
    score = {n: G.nodes[n].get("n_said", 0) + G.nodes[n].get("n_about", 0) + len(set(U[n]) - {n}) for n in G}
    top = set(first)
    peak = max(score.values(), default=0) or 1
    ordered = sorted(G, key=lambda n: (n not in top, -score[n], _name(G, n), str(n)))
    size = {n: LABEL_PX_MAX if n in top else LABEL_PX_MIN + (LABEL_PX_MAX - LABEL_PX_MIN) * math.sqrt(score[n] / peak)
            for n in G}
    return {n: (i, round(size[n], 1)) for i, n in enumerate(ordered)}


def check_link_base(link_base: str) -> str:
    """``link_base`` if it is an http(s) address or a relative one.

    >>> check_link_base("/id/")
    '/id/'

    Raises:
        ClaimGraphError: for another scheme (``javascript:``, ``data:``...), an http(s)
            address without a host, or spaces and control characters.
    """
    parts = urlsplit(link_base)
    bad = (any(c.isspace() or ord(c) < 32 or c in '"<>\\`' for c in link_base)
           or parts.scheme not in ("", "http", "https") or (parts.scheme != "" and not parts.netloc))
    if bad:
        raise ClaimGraphError(f"link base {link_base!r} is not an http(s) or relative address: "
                              "give one like /id/ or http://127.0.0.1:8000/id/")
    return link_base


def node_link(node: str, link_base: str, base: str = DEFAULT_BASE) -> str | None:
    """The address of a node's page: ``link_base`` and the path of its IRI under ``base``,
    percent-encoded (a server decoding the path once gets the IRI's path back), or None
    for an IRI outside ``base``.

    >>> node_link("https://w3id.org/claimgraph/id/person/jane-roe", "/id/")
    '/id/person/jane-roe'
    >>> node_link("https://w3id.org/claimgraph/id/article/a%20b/source/1-5", "/id/")
    '/id/article/a%2520b/source/1-5'
    """
    if not node.startswith(base):
        return None
    return link_base + quote(node[len(base):], safe="/-._~")


def layout(G: nx.Graph, seed: int = 0) -> dict[Any, tuple[float, float]]:
    """Node positions in pixels: each connected component laid out alone, then packed in rows.

    >>> pos = layout(nx.Graph([(1, 2), (3, 4)]))
    >>> sorted(pos) == [1, 2, 3, 4] and len(set(pos.values())) == 4
    True
    """
    U = nx.Graph(G.to_undirected(as_view=True)) if G.is_directed() else nx.Graph(G)
    components = sorted((sorted(c, key=str) for c in nx.connected_components(U)),
                        key=lambda c: (-len(c), str(c[0])))
    row_width = 2 * LAYOUT_SPACING * math.sqrt(max(len(U), 1)) * 1.5
    positions: dict[Any, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for component in components:
        radius = LAYOUT_SPACING * math.sqrt(len(component)) if len(component) > 1 else 0.0
        if x > 0 and x + 2 * radius > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        local = _component_layout(U.subgraph(component), seed)
        for node, (px, py) in local.items():
            positions[node] = (round(x + radius + px * radius, 1), round(y + radius + py * radius, 1))
        x += 2 * radius + LAYOUT_SPACING
        row_height = max(row_height, 2 * radius + LAYOUT_SPACING)
    return positions


def radial_layout(centre: Any, others: Sequence[Any]) -> dict[Any, tuple[float, float]]:
    """Positions in pixels for a one-hop view: ``centre`` in the middle, ``others`` (the most
    important first) on rings around it, :data:`RING_STEP` on the first ring and that many
    more on each ring further out. It costs nothing next to :func:`layout`'s force-directed
    layouts (seconds for a hundred actors on a busy machine), so a view can be drawn on request.

    >>> radial_layout("c", ["a", "b"])
    {'c': (0.0, 0.0), 'a': (220.0, 0.0), 'b': (-220.0, 0.0)}
    >>> sorted(set(round(math.hypot(*p)) for p in radial_layout("c", range(20)).values()))
    [0, 220, 440]
    """
    positions = {centre: (0.0, 0.0)}
    ring = done = 0
    while done < len(others):
        ring += 1
        on_ring = others[done:done + RING_STEP * ring]
        radius, turn = 2 * LAYOUT_SPACING * ring, math.pi * (ring - 1) / (RING_STEP * ring)
        for i, node in enumerate(on_ring):
            angle = turn + 2 * math.pi * i / len(on_ring)
            positions[node] = (round(radius * math.cos(angle), 1) + 0.0, round(radius * math.sin(angle), 1) + 0.0)
        done += len(on_ring)
    return positions


def _component_layout(C: nx.Graph, seed: int) -> dict[Any, tuple[float, float]]:
    """Positions within [-1, 1] for one connected component."""
    if len(C) == 1:
        return {next(iter(C)): (0.0, 0.0)}
    if len(C) <= KAMADA_KAWAI_MAX_NODES:
        return {n: (float(p[0]), float(p[1])) for n, p in nx.kamada_kawai_layout(C, weight=None).items()}
    if len(C) <= SPRING_MAX_NODES:
        spring = nx.spring_layout(C, seed=seed, k=SPRING_DISTANCE / math.sqrt(len(C)))
        return _spread({n: (float(p[0]), float(p[1])) for n, p in spring.items()})
    hub = max(C, key=lambda n: (C.degree(n), str(n)))
    rings = [sorted(layer, key=str) for layer in nx.bfs_layers(C, [hub])]
    return {n: (float(p[0]), float(p[1])) for n, p in nx.shell_layout(C, nlist=rings).items()}


def _spread(positions: dict[Any, tuple[float, float]]) -> dict[Any, tuple[float, float]]:
    """Positions moved away from their centre, distance r to r ** :data:`SPREAD_POWER` (within
    [-1, 1]): a spring layout packs the best-connected actors in a dense core, where no label
    would fit."""
    cx = sum(x for x, _ in positions.values()) / len(positions)
    cy = sum(y for _, y in positions.values()) / len(positions)
    far = max(math.hypot(x - cx, y - cy) for x, y in positions.values()) or 1.0
    out = {}
    for n, (x, y) in positions.items():
        r = math.hypot(x - cx, y - cy) / far
        k = r ** SPREAD_POWER / r if r > 0 else 0.0
        out[n] = ((x - cx) / far * k, (y - cy) / far * k)
    return out


def _node(node: str, attrs: dict[str, Any], position: tuple[float, float], rank: tuple[int, float],
          link_base: str | None) -> dict[str, Any]:
    kind = attrs.get("kind", "")
    _, colour, shape = KIND_STYLES.get(kind, DEFAULT_KIND_STYLE)
    label = str(attrs.get("label") or node)
    titles = attrs.get("titles") or []
    n = attrs.get("n_said", 0) + attrs.get("n_about", 0)
    href = node_link(node, link_base) if link_base is not None else None
    return {"id": node, "label": label + (f"\n{titles[0]}" if titles else ""), "title": _node_tip(attrs, label),
            "names": [label, *attrs.get("aliases", [])], "kind": kind, "color": colour, "shape": shape,
            "size": round(min(NODE_SIZE_MAX, NODE_SIZE_BASE + NODE_SIZE_STEP * math.sqrt(n)), 1),
            "x": position[0], "y": position[1], "rank": rank[0], "labelPx": rank[1],
            **({"href": href} if href else {})}


def _node_tip(attrs: dict[str, Any], label: str) -> str:
    e = html.escape
    lines = [f"<b>{e(label)}</b> <i>({e(attrs.get('kind', ''))})</i>"]
    if attrs.get("titles"):
        lines.append(e("; ".join(attrs["titles"])))
    if attrs.get("aliases"):
        lines.append("also: " + e(", ".join(attrs["aliases"])))
    lines.append(f"{int(attrs.get('n_said', 0))} statements by, {int(attrs.get('n_about', 0))} about")
    return "<br>".join(lines)


def _edge(edge_id: str, u: str, v: str, key: str, attrs: dict[str, Any], G: nx.MultiDiGraph) -> dict[str, Any]:
    relation = attrs.get("relation", key)
    if relation == "said_about":
        tags = list(attrs.get("acts") or []) or ["unknown"]
        colour, dashes = ACT_COLOURS.get(tags[0], UNKNOWN_ACT_COLOUR), False
    else:
        tags = [relation]
        _, colour, dashes = RELATION_STYLES.get(relation, (relation, UNKNOWN_ACT_COLOUR, True))
    weight = float(attrs.get("weight", 1) or 1)
    return {"id": edge_id, "from": u, "to": v, "relation": relation, "tags": tags, "color": colour,
            "dashes": dashes, "width": round(min(EDGE_WIDTH_MAX, 1 + math.log2(weight)), 2),
            "title": _edge_tip(relation, attrs, _name(G, u), _name(G, v))}


def _edge_tip(relation: str, attrs: dict[str, Any], source: str, target: str) -> str:
    e = html.escape
    if relation == "said_about":
        head = f"<b>{e(source)}</b> on <b>{e(target)}</b>"
        items = [_statement_tip(s) for s in attrs.get("statements", [])]
    elif relation == "member_of":
        head = f"<b>{e(source)}</b> member of <b>{e(target)}</b>"
        items = [f"<div class='cg-q'>{e(r.get('title') or '')} {_source_tip(r)}</div>"
                 for r in attrs.get("roles", [])]
    else:
        head = f"<b>{e(source)}</b> and <b>{e(target)}</b> mentioned together"
        items = [f"<div class='cg-q'>{e(str(a))}</div>" for a in attrs.get("articles", [])]
    shown = items[:TIP_STATEMENTS]
    # A said_about edge may carry only its first statements (the app's views): its weight counts them all.
    total = max(len(items), int(attrs.get("weight") or 0)) if relation == "said_about" else len(items)
    more = total - len(shown)
    tail = [f"<div class='cg-q'>… and {more} more</div>"] if more > 0 else []
    return head + "".join(shown + tail)


def _statement_tip(statement: dict[str, Any]) -> str:
    e = html.escape
    act = statement.get("act") or "said"
    text = unquoted(statement.get("text") or "")
    if len(text) > TIP_TEXT_CHARS:
        text = text[: TIP_TEXT_CHARS - 1] + "…"
    cue = f" ({e(statement['cue'])})" if statement.get("cue") else ""
    return (f"<div class='cg-q'><span style='color:{ACT_COLOURS.get(act, UNKNOWN_ACT_COLOUR)}'>"
            f"{e(act)}</span>{cue}: “{e(text)}” {_source_tip(statement)}</div>")


def _source_tip(fact: dict[str, Any]) -> str:
    parts = [f"<i>{html.escape(fact['headline'])}</i>"] if fact.get("headline") else []
    if fact.get("date"):
        parts.append(html.escape(str(fact["date"])))
    return f"— {', '.join(parts)}" if parts else ""


def _legend(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> dict[str, list[dict[str, str]]]:
    """Legend entries for the kinds and tags present, in a fixed order."""
    kinds_present = {n["kind"] for n in nodes}
    tags_present = {t for e in edges for t in e["tags"]}
    kinds = [{"name": k, "label": label, "color": c, "shape": s}
             for k, (label, c, s) in KIND_STYLES.items() if k in kinds_present]
    acts = [{"name": a, "label": a, "color": c} for a, c in ACT_COLOURS.items() if a in tags_present]
    relations = [{"name": r, "label": label, "color": c}
                 for r, (label, c, _) in RELATION_STYLES.items() if r in tags_present]
    unknown = [{"name": "unknown", "label": "other", "color": UNKNOWN_ACT_COLOUR}] if "unknown" in tags_present else []
    return {"kinds": kinds, "tags": acts + unknown + relations}


def _vis_item(item: dict[str, Any]) -> dict[str, Any]:
    """A node or edge for pyvis: the HTML tooltip moves to ``tip`` (the page turns it into an
    element), so pyvis never sees a ``title`` (it switches to an innerHTML popup on "href");
    a node's label moves to ``text`` (the page's script draws it, not vis-network)."""
    out = {k: v for k, v in item.items() if k not in ("title", "label")}
    out["tip"] = item.get("title", "")
    if "label" in item:
        out["text"] = item["label"]
    return out


def _name(G: nx.MultiDiGraph, node: str) -> str:
    return str(G.nodes[node].get("label") or node)


__all__ = ["ACT_COLOURS", "DEFAULT_MAX_NODES", "KIND_STYLES", "LABEL_PX_MAX", "LABEL_PX_MIN", "PRUNED_NOTE",
           "RING_STEP", "VIS_OPTIONS", "ViewSummary", "article_headline", "check_link_base", "label_ranks", "layout",
           "node_link", "pruned_note", "radial_layout", "render_html", "view_data", "view_title", "write_view"]
