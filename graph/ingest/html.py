"""HTML articles, parsed with selectolax (lexbor).

``Article.text`` is **the plain text extracted from the page**, not the HTML source: the text
of each block element (``p``, ``h2``-``h6``, ``li``, ``blockquote``) of the article body, in
document order, with whitespace collapsed, joined by blank lines ("\\n\\n"). Every offset
indexes that extracted text. The body is the longest ``<article>``, else ``<main>``, else
``<body>``; navigation, headers, footers, asides, figures (with their captions), scripts and
styles are dropped first. A page without those block elements gives the text of its
innermost ``div``/``section``/``td``/``dd``/``pre`` elements instead.

Metadata comes from the ``<head>``: title (``og:title``, else ``<title>``, else the first
``<h1>``), date (``article:published_time``, ``og:published_time``, ``date``, ``pubdate``,
``itemprop=datePublished``, else the first ``<time datetime>``), author (``author``), url
(``og:url``, else the canonical link) and publisher (``og:site_name``). A sidecar
``NAME.json`` wins over all of these.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from graph.errors import InputError
from graph.ingest.assemble import Metadata, build_article
from graph.ingest.text import SIDECAR_SUFFIX, read_sidecar
from graph.ingest.decode import read_text
from graph.records import Article

BLOCK_TAGS = frozenset({"p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"})
FALLBACK_BLOCK_TAGS = BLOCK_TAGS | {"div", "section", "td", "dd", "pre"}
"""Blocks of a page that has none of :data:`BLOCK_TAGS` (text laid out in divs)."""
SKIP_TAGS = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside",
             "figure", "figcaption", "form", "button", "svg", "iframe", "select")
BODY_SELECTORS = ("article", "main", "body")
PARAGRAPH_BREAK = "\n\n"

TITLE_SELECTORS = ('meta[property="og:title"]', 'meta[name="og:title"]',
                   'meta[name="twitter:title"]')
DATE_SELECTORS = ('meta[property="article:published_time"]',
                  'meta[property="og:published_time"]', 'meta[name="article:published_time"]',
                  'meta[name="date"]', 'meta[name="pubdate"]', 'meta[itemprop="datePublished"]',
                  '[itemprop="datePublished"]', "time[datetime]")
AUTHOR_SELECTORS = ('meta[name="author"]',)
URL_SELECTORS = ('meta[property="og:url"]', 'meta[name="og:url"]', 'link[rel="canonical"]')
PUBLISHER_SELECTORS = ('meta[property="og:site_name"]', 'meta[name="og:site_name"]')
VALUE_ATTRIBUTES = ("content", "datetime", "href")


def read_html(path: Path, given: Metadata = Metadata()) -> Article:
    """Read an ``.html``/``.htm`` article (and its sidecar, if any).

    Args:
        path: The file.
        given: Metadata given from elsewhere (a manifest row): it wins over the page's and
            the sidecar's.

    Raises:
        InputError: when the file or its sidecar cannot be read, or the page has no text.
    """
    text, meta = parse_html(read_text(path))
    if not text.strip():
        raise InputError(str(path), "no article text in the page (only markup, scripts or "
                                    "navigation)")
    meta = meta.updated(read_sidecar(path.with_suffix(SIDECAR_SUFFIX))).updated(given)
    return build_article(path.stem, path.name, text, meta, "given")


def parse_html(html: str) -> tuple[str, Metadata]:
    """The plain text of a page's article body and the metadata in its head.

    >>> text, meta = parse_html('<title>Floods</title><p>Rain <b>fell</b>.</p><p>Rivers rose.</p>')
    >>> text, meta.title
    ('Rain fell.\\n\\nRivers rose.', 'Floods')
    """
    tree = LexborHTMLParser(html)
    meta = _metadata(tree)
    tree.strip_tags(list(SKIP_TAGS))
    for br in tree.css("br"):
        br.replace_with(" ")
    body = _body(tree)
    paragraphs = list(_blocks(body, BLOCK_TAGS)) or list(_blocks(body, FALLBACK_BLOCK_TAGS))
    if not paragraphs:
        paragraphs = [body.text(deep=True)]
    return PARAGRAPH_BREAK.join(p for p in map(_clean, paragraphs) if p), meta


def _metadata(tree: LexborHTMLParser) -> Metadata:
    """The metadata of a page (read before anything is stripped from it)."""
    publisher = _first_value(tree, PUBLISHER_SELECTORS)
    title = _first_value(tree, TITLE_SELECTORS)
    if title is None:
        title = _page_title(tree, publisher)
    return Metadata(title=title, date=_first_value(tree, DATE_SELECTORS),
                    url=_first_value(tree, URL_SELECTORS), publisher=publisher,
                    author=_first_value(tree, AUTHOR_SELECTORS))


def _page_title(tree: LexborHTMLParser, publisher: str | None) -> str | None:
    """The ``<title>`` (less a " | Site name" suffix), else the first ``<h1>``."""
    for selector in ("title", "h1"):
        node = tree.css_first(selector)
        title = _clean(node.text(deep=True)) if node is not None else ""
        if publisher:
            title = re.sub(rf"\s*[|–—:-]\s*{re.escape(publisher)}$", "", title)
        if title:
            return title
    return None


def _first_value(tree: LexborHTMLParser, selectors: tuple[str, ...]) -> str | None:
    """The first non-empty value (content, datetime or href) of the first matching node."""
    for selector in selectors:
        for node in tree.css(selector):
            value = _node_value(node)
            if value:
                return value
    return None


def _node_value(node: LexborNode) -> str:
    """A metadata node's value: its content/datetime/href attribute, else its text."""
    attributes = node.attributes
    for name in VALUE_ATTRIBUTES:
        if attributes.get(name):
            return _clean(attributes[name] or "")
    return _clean(node.text(deep=True)) if node.tag not in ("meta", "link") else ""


def _body(tree: LexborHTMLParser) -> LexborNode:
    """The element holding the article: the longest ``<article>``, else ``<main>``/``<body>``."""
    for selector in BODY_SELECTORS:
        candidates = tree.css(selector)
        if candidates:
            return max(candidates, key=lambda node: len(node.text(deep=True)))
    return tree.root


def _blocks(node: LexborNode, tags: frozenset[str]) -> Iterator[str]:
    """The text of each block element (one of ``tags``) under ``node``, in document order.

    A block holding other blocks gives the text around them as paragraphs of their own;
    text outside any block is left out.
    """
    inline: list[str] = []
    for child in node.iter(include_text=True):
        nested = _has_block_inside(child, tags)
        if child.tag in tags or nested:
            yield from _flush(inline)
            yield from _blocks(child, tags) if nested else [child.text(deep=True, separator="")]
        elif node.tag in tags:
            inline.append(child.text(deep=True, separator=""))
    yield from _flush(inline)


def _flush(inline: list[str]) -> Iterator[str]:
    """The inline text gathered so far, as one paragraph, emptying the list."""
    if inline:
        yield "".join(inline)
        inline.clear()


def _has_block_inside(node: LexborNode, tags: frozenset[str]) -> bool:
    """True when a block element is nested in ``node``."""
    return any(d.tag in tags for d in islice(node.traverse(), 1, None))


def _clean(text: str) -> str:
    """Whitespace collapsed to single spaces, and trimmed."""
    return " ".join(text.split())
