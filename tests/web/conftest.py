"""Fixtures of the browsing app's tests: apps over real stores, served by waitress.

- :func:`make_app` puts the app's pages on a new Flask app, as ``claimgraph serve`` will;
- :func:`served` runs an app on a free loopback port in a thread (waitress, the server
  ``claimgraph serve`` uses) and yields its address;
- ``wikinews_store`` comes from ``tests/conftest.py`` (the 295 Wikinews articles, built once);
- ``hostile_store``: invented articles whose text, headline, names and address carry markup,
  script and ``javascript:`` links, built with the real pipeline.
"""

from __future__ import annotations

import json
import threading
from html.parser import HTMLParser
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import flask
import pytest
import waitress

import graph.web
from tests.helpers import build_store

#: Flags each hostile payload would set if it ran.
PWNED = ("pwnedText", "pwnedImg", "pwnedHeadline", "pwnedName", "pwnedQuote", "pwnedUrl", "pwnedSvg")

#: Invented articles carrying payloads: file stem -> (text, sidecar metadata).
HOSTILE_ARTICLES: dict[str, tuple[str, dict]] = {
    "harbour": (
        "Port officials met on Monday.\n\n"
        "\u201cThe <script>window.pwnedText=1</script> crane is unsafe,\u201d said Mara Quell, the harbour master.\n\n"
        "Quell warned that <img src=x onerror=\"window.pwnedImg=1\"> repairs would cost 4 million dollars.\u2028"
        "Later, Dov Astor, the transport minister, criticised Quell.\n\n"
        "\u201cShe is wrong about </textarea><svg onload=window.pwnedSvg=1>,\u201d Astor said.\n",
        {"title": "<svg onload=\"window.pwnedHeadline=1\"></svg>Harbour crane row", "date": "2024-03-04",
         "url": "javascript:window.pwnedUrl=1", "publisher": "<b onmouseover=\"window.pwnedName=1\">Daily</b>"},
    ),
    "council": (
        "Council member Ines Varga said the budget would grow by 12 percent.\n\n"
        "\u201cWe will <a href=\"javascript:window.pwnedQuote=1\">fund</a> the schools,\u201d Varga promised.\n",
        {"title": "Council budget \u2028 grows", "date": "2024-03-05", "url": "https://news.example.org/council"},
    ),
}


class _Marked(HTMLParser):
    """Collects the text inside the elements of class ``cg-at`` (the outlined span)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth, self.found = 0, []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if self.depth or "cg-at" in (dict(attrs).get("class") or "").split():
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        self.depth = max(0, self.depth - 1)

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.found.append(data)


def marked_text(html: str) -> str:
    """The text of a page's outlined span (``?at=``), its pieces joined."""
    parser = _Marked()
    parser.feed(html)
    parser.close()
    return "".join(parser.found)


def make_app(store: Path) -> flask.Flask:
    """A new Flask app with the browsing app's pages over the store at ``store``."""
    app = flask.Flask("claimgraph-test")
    graph.web.init_app(app, store)
    return app


@contextmanager
def served(app: flask.Flask) -> Iterator[str]:
    """Serve ``app`` with waitress on a free loopback port; yields its base address."""
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def hostile_store(tmp_path_factory, nlp) -> Path:
    """A store of the :data:`HOSTILE_ARTICLES`, built with the real pipeline."""
    folder = tmp_path_factory.mktemp("hostile-articles")
    for stem, (text, meta) in HOSTILE_ARTICLES.items():
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
        (folder / f"{stem}.json").write_text(json.dumps(meta), encoding="utf-8")
    location = tmp_path_factory.mktemp("hostile") / "store"
    build_store([folder], location, nlp)
    return location
