"""The browsing app in a real headless Chromium (Debian's, driven by Playwright), served
by waitress on loopback: on the Wikinews store, a reader's path from a name to a statement
highlighted in its article; on invented hostile articles, that no markup ever runs.

Every request that does not go to the app is blocked and recorded: the app must work
offline. Names are never written here: the tests take them from the pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Browser, Page

from graph.rdf._terms import IS_STRING, TEXT, iri, text_graph
from graph.rdf.store import Store
from tests.helpers import chromium
from tests.web.conftest import PWNED, make_app, served

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def wikinews_app(wikinews_store) -> Iterator[str]:
    with served(make_app(wikinews_store)) as url:
        yield url


@pytest.fixture(scope="module")
def hostile_app(hostile_store) -> Iterator[str]:
    with served(make_app(hostile_store)) as url:
        yield url


def open_app(browser: Browser, base: str) -> tuple[Page, dict[str, list]]:
    """A page that logs console errors, page errors and dialogs, and blocks (and logs)
    every request not to ``base``."""
    log: dict[str, list] = {"errors": [], "left": [], "dialogs": []}
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.on("console", lambda m: log["errors"].append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: log["errors"].append(str(e)))
    page.on("dialog", lambda d: (log["dialogs"].append(d.message), d.dismiss()))

    def route(r) -> None:
        if r.request.url.startswith(base + "/") or r.request.url == base:
            r.continue_()
        else:
            log["left"].append(r.request.url)
            r.abort()

    page.route("**/*", route)
    return page, log


def stored(store_path, statement: str) -> tuple[str, str, int, int]:
    """(schema:text, the article's stored text, begin, end) of a statement, read from the store."""
    article, _, span = statement.rpartition("/statement/")
    begin, end = (int(x) for x in span.split("-"))
    with Store.open(store_path, read_only=True) as store:
        text = store.quads(iri(statement), TEXT, None, None)[0].object.value
        full = store.quads(None, IS_STRING, None, text_graph(article))[0].object.value
    return text, full, begin, end


def test_name_to_statement_in_its_article(browser, wikinews_app, wikinews_store):
    page, log = open_app(browser, wikinews_app)
    page.goto(wikinews_app + "/")
    speaker = page.locator(".cg-speakers a").first.inner_text()
    page.fill(".cg-bigsearch input", speaker[:-1])  # a typo: the last letter left out
    page.click(".cg-bigsearch button")
    page.wait_for_selector("#cg-actors")
    if not page.locator("#cg-actors a", has_text=speaker).count():
        page.click(f".cg-suggest a >> text={speaker}")
    page.locator("#cg-actors a", has_text=speaker).first.click()
    page.wait_for_selector("#cg-statements")
    assert page.inner_text("h1").startswith(speaker)
    total = int(page.inner_text("#cg-total"))
    act = page.locator("select[name=act] option").nth(1).get_attribute("value")
    page.select_option("select[name=act]", act)
    page.click("#cg-filters button")
    page.wait_for_selector("#cg-statements")
    acts = page.locator("#cg-statements tbody tr").evaluate_all("rows => rows.map(r => r.dataset.act)")
    assert 0 < int(page.inner_text("#cg-total")) < total and set(acts) == {act}
    page.locator("#cg-statements tbody tr td:last-child a").first.click()
    page.wait_for_selector("#cg-text")
    statement = unquote(urlsplit(page.url).query.partition("at=")[2])
    marked = "".join(page.locator("#cg-text .cg-at").all_text_contents())
    text, full, begin, end = stored(wikinews_store, statement)
    assert marked == full[begin:end] == text
    assert page.locator("#at").is_visible()
    page.locator("#cg-text a.cg-mention").first.click()
    page.wait_for_selector("h1 .cg-kind")
    page.goto(wikinews_app + re.sub(r"^https://w3id.org/claimgraph", "", statement))
    assert page.inner_text("#cg-span") == text
    page.click("#cg-in-article")
    page.wait_for_selector("#cg-text .cg-at")
    assert log["errors"] == [] and log["left"] == [] and log["dialogs"] == []


@pytest.mark.parametrize("path", ["/", "/roles", "/conflicts", "/query-editor", "/search?q=a"])
def test_pages_offline_without_errors(browser, wikinews_app, path):
    page, log = open_app(browser, wikinews_app)
    page.goto(wikinews_app + path)
    page.wait_for_load_state("networkidle")
    assert page.locator("main h1").count() == 1
    assert log["errors"] == [] and log["left"] == []


def test_neighbourhood_view_draws_in_the_actor_page(browser, wikinews_app):
    page, log = open_app(browser, wikinews_app)
    page.goto(wikinews_app + "/")
    page.locator(".cg-speakers a").first.click()
    page.locator("iframe.cg-graph").scroll_into_view_if_needed()  # the frame loads when seen
    page.frame_locator("iframe.cg-graph").locator("#mynetwork canvas").wait_for(timeout=120_000)
    assert log["errors"] == [] and log["left"] == []


def _links(page: Page, base: str) -> set[str]:
    hrefs = page.locator("a[href]").evaluate_all("as => as.map(a => a.href)")
    return {h.split("#")[0] for h in hrefs if h.startswith(base + "/") and "format=" not in h}


def test_hostile_markup_stays_inert_everywhere(browser, hostile_app):
    page, log = open_app(browser, hostile_app)
    seen: set[str] = set()
    todo = [hostile_app + p for p in ("/", "/roles", "/conflicts", "/search?q=harbour", "/search?q=quell")]
    while todo and len(seen) < 80:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        page.goto(url)
        page.wait_for_load_state("load")
        page.locator("[title]").evaluate_all("els => els.forEach(e => e.dispatchEvent(new MouseEvent('mouseover')))")
        flags = page.evaluate(f"() => {list(PWNED)}.filter(f => window[f] !== undefined)")
        assert flags == [], url
        assert page.locator("a[href^='javascript:' i]").count() == 0, url
        todo += sorted(_links(page, hostile_app) - seen)
    assert any("/id/article/" in u for u in seen) and any("/statement/" in u for u in seen)
    assert log["dialogs"] == [] and log["left"] == []
