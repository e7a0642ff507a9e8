"""The HTML view in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

Every network request is blocked: the page must work offline. Checks the drawn counts, the
search box, the filters, edge tooltips, that no markup from article text runs, and the time
to a drawn layout. :func:`write_screenshot` also makes the README picture.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from playwright.sync_api import Browser, Page

from graph.network import actor_graph
from graph.rdf.store import Store
from graph.view import render_html, view_data, write_view
from tests.helpers import (EVIL, HOSTILE, ID, LINDQVIST, OKONKWO, SMALL, chromium, open_page, trig_store,
                           write_screenshot)

pytestmark = pytest.mark.slow

#: Flags each hostile payload would set if it ran.
PWNED = ["pwnedHeadline", "pwnedName", "pwnedAlias", "pwnedTitle", "pwnedQuote", "pwnedQuoteImg", "pwnedNote",
         "pwnedPage"]


def hover_edge(page: Page, edge_id: str) -> str:
    """Move the mouse to the middle of an edge and return the tooltip text vis-network shows."""
    x, y = page.evaluate("""(id) => {
        const e = edges.get(id), pos = network.getPositions([e.from, e.to]);
        const mid = {x: (pos[e.from].x + pos[e.to].x) / 2, y: (pos[e.from].y + pos[e.to].y) / 2};
        const dom = network.canvasToDOM(mid), box = document.getElementById("mynetwork").getBoundingClientRect();
        return [box.left + dom.x, box.top + dom.y];
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
        data = view_data(actor_graph(store))
    return render_html(data, folder / "small.html", title="Small"), data


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
