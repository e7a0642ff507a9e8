"""The HTML view in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

Every network request is blocked: the page must work offline. Checks the drawn counts, the
search box, the filters, edge tooltips, that no markup from article text runs, the labels at
the first zoom (read from the canvas's own text calls: size on screen, place, no overlaps),
node links, and the time to a drawn layout. :func:`write_screenshot` also makes the README
picture.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from playwright.sync_api import Browser, Page

from graph.network import actor_graph
from graph.rdf.store import Store
from graph.view import LABEL_PX_MIN, render_html, view_data, write_view
from tests.conftest import WIKINEWS, needs_shared
from tests.helpers import (EVIL, HOSTILE, ID, LINDQVIST, OKONKWO, SMALL, chromium, open_page, trig_store,
                           write_screenshot)

pytestmark = pytest.mark.slow

#: Flags each hostile payload would set if it ran.
PWNED = ["pwnedHeadline", "pwnedName", "pwnedAlias", "pwnedTitle", "pwnedQuote", "pwnedQuoteImg", "pwnedNote",
         "pwnedPage"]


#: Nodes whose labels must be drawn at the first zoom: this many of the best ranked.
TOP_LABELS = 10

#: Records the text the next drawing puts on the graph's canvas: each call's text, its font
#: size and width on screen and the top-centre of its box, in CSS pixels of the canvas.
DRAWN_TEXT = """() => new Promise(resolve => {
    const log = [], fill = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text, x, y) {
        if (this.canvas.closest("#mynetwork")) {
            const t = this.getTransform(), r = window.devicePixelRatio || 1;
            log.push({text: text, px: parseFloat(this.font) * t.a / r, width: this.measureText(text).width * t.a / r,
                      x: (t.a * x + t.e) / r, y: (t.d * y + t.f) / r, align: this.textAlign,
                      baseline: this.textBaseline});
        }
        return fill.apply(this, arguments);
    };
    network.once("afterDrawing", () => { CanvasRenderingContext2D.prototype.fillText = fill; resolve(log); });
    network.redraw();
})"""

#: The best-ranked nodes: text, centre and radius on screen (CSS pixels of the canvas).
TOP_NODES = """(k) => nodes.get().sort((a, b) => a.rank - b.rank).slice(0, k).map(n => {
    const c = network.canvasToDOM(network.getPositions([n.id])[n.id]);
    return {id: n.id, name: n.text.split("\\n")[0], x: c.x, y: c.y, r: n.size * network.getScale()};
})"""


def drawn_labels(page: Page) -> list[dict]:
    """The label lines drawn at the current zoom, as boxes on screen (left, top, right, bottom)."""
    lines = page.evaluate(DRAWN_TEXT)
    assert {t["baseline"] for t in lines} <= {"top"}
    shift = {"left": 0.0, "center": 0.5, "right": 1.0}
    return [{**t, "left": t["x"] - shift[t["align"]] * t["width"], "right": t["x"] + (1 - shift[t["align"]]) * t["width"],
             "top": t["y"], "bottom": t["y"] + t["px"]} for t in lines]


def overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    """Pairs of boxes that overlap."""
    return [(a["text"], b["text"]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
            if a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]]


def assert_readable(page: Page, top: int = TOP_LABELS) -> list[dict]:
    """At the current zoom: every label line drawn at >= 12 px inside the canvas, no two
    overlapping, and the ``top`` best-ranked nodes named next to their node (at most one line
    away from its edge)."""
    width, height = page.evaluate("[network.body.container.clientWidth, network.body.container.clientHeight]")
    boxes = drawn_labels(page)
    assert boxes and min(b["px"] for b in boxes) >= LABEL_PX_MIN - 0.01
    assert [b["text"] for b in boxes if b["left"] < -1 or b["top"] < -1 or b["right"] > width + 1
            or b["bottom"] > height + 1] == []
    assert overlapping(boxes) == []
    for node in page.evaluate(TOP_NODES, top):
        near = [b for b in boxes if b["text"] == node["name"] and
                math.hypot(max(b["left"] - node["x"], 0, node["x"] - b["right"]),
                           max(b["top"] - node["y"], 0, node["y"] - b["bottom"])) <= node["r"] + 8 + 1.2 * b["px"]]
        assert near, f"no label next to {node!r}: {[b for b in boxes if b['text'] == node['name']]}"
    return boxes


def hover_edge(page: Page, edge_id: str) -> str:
    """Move the mouse onto an edge and return the tooltip text vis-network shows.

    The point is the first along the edge as drawn (straight or curved), from its middle
    outwards, where vis-network itself finds this edge and no node.
    """
    x, y = page.evaluate("""(id) => {
        const edge = network.body.edges[id], box = document.getElementById("mynetwork").getBoundingClientRect();
        for (const t of [0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7]) {
            const dom = network.canvasToDOM(edge.edgeType.getPoint(t));
            if (network.getEdgeAt(dom) === id && network.getNodeAt(dom) === undefined)
                return [box.left + dom.x, box.top + dom.y];
        }
        throw new Error("no point of edge " + id + " can be hovered");
    }""", edge_id)
    page.mouse.move(x - 5, y - 5)
    page.mouse.move(x, y)
    page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
    return page.text_content("div.vis-tooltip") or ""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def small_view(tmp_path_factory) -> tuple[Path, dict]:
    """The small store's view: its HTML file and its data."""
    folder = tmp_path_factory.mktemp("view")
    with trig_store(folder / "store", SMALL.read_text("utf-8")) as store:
        G = actor_graph(store)
    data = view_data(G)
    return render_html(data, folder / "small.html", title="Small"), {**data, "graph": G}


@pytest.fixture(scope="module")
def hostile_view(tmp_path_factory) -> tuple[Path, dict]:
    """The view of the small store plus the hostile article, with hostile title and note."""
    folder = tmp_path_factory.mktemp("hostile")
    with trig_store(folder / "store", SMALL.read_text("utf-8"), HOSTILE) as store:
        data = view_data(actor_graph(store))
    html = render_html(data, folder / "hostile.html", title="<img src=x onerror='window.pwnedPage=1'>",
                       note="<script>window.pwnedNote=1</script>")
    return html, data


@pytest.fixture(scope="module")
def seed_view(tmp_path_factory, seed_store: Path) -> tuple[Path, dict]:
    """The view of the seeds as `claimgraph view` writes it, and its data."""
    folder = tmp_path_factory.mktemp("seed-view")
    with Store.open(seed_store, read_only=True) as store:
        html = write_view(store, folder / "seeds.html").path
        data = view_data(actor_graph(store))
    return html, data


@pytest.fixture(scope="module")
def wikinews_views(tmp_path_factory, wikinews_store: Path) -> dict[str, Path]:
    """The full view and the busiest person's view of the Wikinews corpus."""
    folder = tmp_path_factory.mktemp("wikinews-views")
    with Store.open(wikinews_store, read_only=True) as store:
        G = actor_graph(store)
        people = [n for n in G if G.nodes[n]["kind"] == "Person"]
        busiest = max(people, key=lambda n: (G.nodes[n]["n_said"] + G.nodes[n]["n_about"], n))
        return {"full": write_view(store, folder / "full.html").path,
                "busiest": write_view(store, folder / "busiest.html", focus=G.nodes[busiest]["label"]).path}


@pytest.mark.parametrize("width, height, top", [(1280, 900, TOP_LABELS), (800, 600, 4)])
def test_seed_labels_readable_at_first_zoom(browser: Browser, seed_view: tuple[Path, dict], width: int,
                                            height: int, top: int) -> None:
    page, log = open_page(browser, seed_view[0], width, height)
    assert_readable(page, top)
    assert log == {"errors": [], "blocked": []}
    page.close()


@needs_shared(WIKINEWS)
@pytest.mark.parametrize("view", ["full", "busiest"])
def test_wikinews_labels_readable_at_first_zoom(browser: Browser, wikinews_views: dict[str, Path], view: str) -> None:
    page, log = open_page(browser, wikinews_views[view])
    first = assert_readable(page)
    page.mouse.move(640, 600)
    page.mouse.wheel(0, -600)
    page.wait_for_function("network.getScale() > 0", timeout=5_000)
    page.evaluate("network.moveTo({scale: network.getScale() * 3})")
    zoomed = drawn_labels(page)
    assert overlapping(zoomed) == [] and min(b["px"] for b in zoomed) >= LABEL_PX_MIN - 0.01
    assert len(zoomed) > 0 and len(first) > 20
    assert log == {"errors": [], "blocked": []}
    page.close()


def test_more_labels_as_one_zooms_in(browser: Browser, seed_view: tuple[Path, dict]) -> None:
    """Zoomed in on the best-ranked node, labels left out at the first zoom appear, still apart."""
    page, _ = open_page(browser, seed_view[0], 800, 600)
    first = {b["text"] for b in drawn_labels(page)}
    assert len(first) < sum(len(n["label"].split("\n")) for n in seed_view[1]["nodes"])
    page.evaluate("""network.moveTo({position: network.getPositions([nodes.get().find(n => n.rank === 0).id])
                                             [nodes.get().find(n => n.rank === 0).id], scale: network.getScale() * 3})""")
    closer = drawn_labels(page)
    assert {b["text"] for b in closer} - first
    assert overlapping(closer) == [] and min(b["px"] for b in closer) >= LABEL_PX_MIN - 0.01
    page.close()


@pytest.mark.parametrize("link_base", ["http://127.0.0.1:9/id/", "../app/id/"])
def test_clicking_a_node_opens_its_page(browser: Browser, small_view: tuple[Path, dict], tmp_path: Path,
                                        link_base: str) -> None:
    html = render_html(view_data(small_view[1]["graph"], link_base=link_base), tmp_path / "linked.html", "Linked")
    page, log = open_page(browser, html)
    page.route("http://127.0.0.1:9/**", lambda route: route.fulfill(body="the actor page", content_type="text/plain"))
    page.route("file://**/app/**", lambda route: route.fulfill(body="the actor page", content_type="text/plain"))
    click_node(page, OKONKWO)
    expected = {"http://127.0.0.1:9/id/": "http://127.0.0.1:9/id/person/maria-okonkwo",
                "../app/id/": (tmp_path.parent / "app" / "id" / "person" / "maria-okonkwo").as_uri()}[link_base]
    page.wait_for_url(expected, timeout=10_000)
    assert page.text_content("body") == "the actor page" and log["errors"] == []
    page.close()


def test_a_node_in_a_frame_opens_its_page_in_the_whole_window(browser: Browser, small_view: tuple[Path, dict],
                                                              tmp_path: Path) -> None:
    """The app embeds the view in a frame: the actor's page replaces the app's page, not the frame."""
    render_html(view_data(small_view[1]["graph"], link_base="http://127.0.0.1:9/id/"), tmp_path / "framed.html", "F")
    outer = tmp_path / "outer.html"
    outer.write_text("<!doctype html><title>app</title><iframe src='framed.html' width='1000' height='800'></iframe>",
                     "utf-8")
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.route("http://127.0.0.1:9/**", lambda route: route.fulfill(body="the actor page", content_type="text/plain"))
    page.goto(outer.as_uri())
    frame = page.frames[1]
    frame.wait_for_function("window.cgDrawnAt !== undefined", timeout=60_000)
    x, y = frame.evaluate("""(id) => {
        const dom = network.canvasToDOM(network.getPositions([id])[id]);
        const box = document.getElementById("mynetwork").getBoundingClientRect();
        return [box.left + dom.x, box.top + dom.y];
    }""", OKONKWO)
    box = page.locator("iframe").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    page.wait_for_url("http://127.0.0.1:9/id/person/maria-okonkwo", timeout=10_000)
    page.close()


@pytest.mark.parametrize("href", ["javascript:window.pwnedHref=1", "JAVASCRIPT:window.pwnedHref=1",
                                  "java\tscript:window.pwnedHref=1", " javascript:window.pwnedHref=1",
                                  "data:text/html,<script>window.opener.pwnedHref=1</script>"])
def test_a_node_never_opens_another_scheme(browser: Browser, small_view: tuple[Path, dict], tmp_path: Path,
                                           href: str) -> None:
    """Even a page whose data were tampered with opens only http(s) or relative links."""
    data = view_data(small_view[1]["graph"])
    for node in data["nodes"]:
        node["href"] = href
    html = render_html(data, tmp_path / "tampered.html", "Tampered")
    page, log = open_page(browser, html)
    click_node(page, OKONKWO)
    page.wait_for_timeout(500)
    assert page.url == html.as_uri()
    assert page.evaluate("[window.pwnedHref, network.getSelectedNodes()]") == [None, [OKONKWO]]
    assert log["errors"] == []
    page.close()


def click_node(page: Page, node: str) -> None:
    """Click the centre of a node."""
    x, y = page.evaluate("""(id) => {
        const dom = network.canvasToDOM(network.getPositions([id])[id]);
        const box = document.getElementById("mynetwork").getBoundingClientRect();
        return [box.left + dom.x, box.top + dom.y];
    }""", node)
    page.mouse.click(x, y)


def test_seed_view_offline(browser: Browser, seed_view: tuple[Path, dict]) -> None:
    html, data = seed_view
    page, log = open_page(browser, html)
    assert page.evaluate("[nodes.length, edges.length]") == [len(data["nodes"]), len(data["edges"])]
    assert len(data["nodes"]) > 30 and len(data["edges"]) > 30
    assert log == {"errors": [], "blocked": []}
    page.fill("#cg-search", "Sar Kheng")
    page.press("#cg-search", "Enter")
    (selected,) = page.evaluate("network.getSelectedNodes()")
    assert selected.endswith("/person/sar-kheng")
    said = next(e for e in data["edges"] if e["relation"] == "said_about" and e["from"] == selected)
    assert "“" in hover_edge(page, said["id"])
    page.close()


def test_renders_offline_with_all_nodes_and_edges(browser: Browser, small_view: tuple[Path, dict]) -> None:
    html, data = small_view
    page, log = open_page(browser, html)
    assert page.evaluate("[nodes.length, edges.length]") == [len(data["nodes"]), len(data["edges"])] == [11, 15]
    assert page.evaluate("Object.keys(network.getPositions()).length") == 11
    assert log == {"errors": [], "blocked": []}
    page.close()


@pytest.mark.parametrize("query, expected", [("maria okonkwo", OKONKWO), ("Lindqvist", LINDQVIST),
                                             ("dockworkers", ID + "organization/dockworkers-union")])
def test_search_box_finds_and_selects(browser: Browser, small_view: tuple[Path, dict], query: str,
                                      expected: str) -> None:
    page, _ = open_page(browser, small_view[0])
    page.fill("#cg-search", query)
    page.press("#cg-search", "Enter")
    assert page.evaluate("network.getSelectedNodes()") == [expected]
    assert page.text_content("#cg-search-result").startswith("found: ")
    page.close()


def test_search_box_reports_no_match(browser: Browser, small_view: tuple[Path, dict]) -> None:
    page, _ = open_page(browser, small_view[0])
    page.fill("#cg-search", "nobody at all")
    page.press("#cg-search", "Enter")
    assert page.text_content("#cg-search-result") == "no actor matches"
    page.close()


def test_hovering_an_edge_shows_the_quote(browser: Browser, small_view: tuple[Path, dict]) -> None:
    html, data = small_view
    edge = next(e for e in data["edges"] if (e["from"], e["to"]) == (LINDQVIST, OKONKWO))
    page, _ = open_page(browser, html)
    text = hover_edge(page, edge["id"])
    assert "The minister has ignored our demands for months." in text
    assert "Port strike enters its second week" in text and "2023-05-04" in text
    page.close()


@pytest.mark.parametrize("box, hidden_nodes, hidden_edges", [
    ("input[name=cg-kind][value=Person]", 4, 0),
    ("input[name=cg-tag][value=criticise]", 0, 3),
    ("input[name=cg-tag][value=member_of]", 0, 3),
])
def test_filters(browser: Browser, small_view: tuple[Path, dict], box: str, hidden_nodes: int,
                 hidden_edges: int) -> None:
    page, _ = open_page(browser, small_view[0])
    page.uncheck(box)
    counts = "[nodes.get({filter: n => n.hidden}).length, edges.get({filter: e => e.hidden}).length]"
    assert page.evaluate(counts) == [hidden_nodes, hidden_edges]
    page.check(box)
    assert page.evaluate(counts) == [0, 0]
    page.close()


def test_hostile_text_never_runs(browser: Browser, hostile_view: tuple[Path, dict]) -> None:
    html, data = hostile_view
    page, log = open_page(browser, html)
    edge = next(e for e in data["edges"] if e["from"] == EVIL)
    text = hover_edge(page, edge["id"])
    assert "<script>window.pwnedQuote=1</script>" in text
    assert "<svg onload=" in text
    page.fill("#cg-search", "evil")
    page.press("#cg-search", "Enter")
    page.mouse.move(5, 5)
    page.wait_for_timeout(300)
    tips = page.evaluate("""[...nodes.get(), ...edges.get()].map(x => cgTip(x.tip))
                            .filter(t => t.querySelector('script, img, svg, [onerror], [onload], a')).length""")
    page.wait_for_timeout(300)
    assert tips == 0
    assert page.evaluate(f"{PWNED}.filter(flag => window[flag] !== undefined)") == []
    assert page.evaluate("document.querySelectorAll('img, svg, a').length") == 0
    assert log["blocked"] == []
    page.close()


def test_large_view_draws_fast(browser: Browser, tmp_path: Path) -> None:
    G = nx.MultiDiGraph()
    for i, (u, v) in enumerate(nx.gnm_random_graph(1000, 1500, seed=2).edges()):
        G.add_edge(f"n{u}", f"n{v}", key="said_about", relation="said_about", acts=["assert"], weight=1,
                   statements=[{"text": f"quote {i}", "act": "assert", "cue": "say", "headline": "H", "date": None}])
    for n in G:
        G.nodes[n].update(kind="Person", label=f"Person {n}", aliases=[], titles=[], n_said=1, n_about=1)
    html = render_html(view_data(G), tmp_path / "large.html", title="Large")
    start = time.perf_counter()
    page, log = open_page(browser, html)
    elapsed = time.perf_counter() - start
    assert page.evaluate("[nodes.length, edges.length]") == [len(G), G.number_of_edges()]
    assert log["errors"] == [] and elapsed < 20
    page.close()


def test_write_screenshot(browser: Browser, small_view: tuple[Path, dict], tmp_path: Path) -> None:
    png = write_screenshot(browser, small_view[0], tmp_path / "view.png", 900, 600)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
