"""From a text and what is known about it to an :class:`~graph.records.Article`.

Every reader ends here: boilerplate is detected, the headline found (and marked as
boilerplate, so it is never extracted as a statement), the byline and a dateline read when
the metadata does not give an author or date; failing both, a date written in the file name
or URL ("2024-03-05_floods.txt"). A date read rather than given is marked as inferred; with
no such evidence the article has no date. Metadata given with the article (a sidecar, HTML
meta tags, JSONL fields, a ``--metadata`` manifest) wins over what is read from the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from itertools import islice
from typing import Literal

from graph.ingest.boilerplate import (LONG_HEADLINE_MAX_CHARS, LONG_HEADLINE_MAX_WORDS,
                                      TOP_LINES, Finding, Line, headline_like, scan,
                                      split_lines)
from graph.ingest.dates import date_in_name, normalise_date
from graph.ingest.decode import clean
from graph.records import Article, Span

TitleStyle = Literal["plain", "markdown", "given"]
"""How the headline is found: "plain" text (a short first line), "markdown" (a leading
"# Heading", else as plain) or "given" (only a line repeating the metadata title)."""

MAX_KICKERS = 3
KICKER_MAX_WORDS = 2
_MARKDOWN_HEADING = re.compile(r"#[^\S\n]+(?P<title>.*?)(?:[^\S\n]+#+)?[^\S\n]*")


@dataclass(frozen=True)
class Metadata:
    """What is known about an article besides its text; every field is optional."""

    id: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    publisher: str | None = None
    author: str | None = None

    def updated(self, other: Metadata) -> Metadata:
        """These metadata with every field that ``other`` sets replaced by ``other``'s."""
        given = {f.name: getattr(other, f.name) for f in fields(other)}
        return replace(self, **{k: v for k, v in given.items() if v is not None})


def build_article(article_id: str, source_file: str, text: str, meta: Metadata,
                  style: TitleStyle, front: Span | None = None) -> Article:
    """Make the article record for one text.

    Args:
        article_id: The id, unless ``meta.id`` gives one.
        source_file: The value of ``cg:sourceFile``.
        text: The article text, stored as is (every offset indexes it).
        meta: What is given about the article; it wins over what is read from the text.
        style: How to find the headline (see :data:`TitleStyle`).
        front: A metadata block opening the text (Markdown front matter): boilerplate.

    Characters that cannot be stored are replaced first (:func:`graph.ingest.decode.clean`)
    in the text, the id, the source and every metadata field.

    Returns:
        The article, with its boilerplate spans in text order.
    """
    article_id, source_file, text = clean(article_id), clean(source_file), clean(text)
    meta = Metadata(**{f.name: None if getattr(meta, f.name) is None else clean(getattr(meta, f.name))
                       for f in fields(meta)})
    findings = scan(text)
    if front is not None:
        findings = [Finding(front, "front matter")] + [
            f for f in findings if not front.contains(f.span)]
    lines = split_lines(text)
    boilerplate = [f.span for f in findings]
    title, title_spans = _headline(lines, findings, meta.title, style)
    date = normalise_date(meta.date) if meta.date else None
    top = lines[TOP_LINES].span.begin if len(lines) > TOP_LINES else len(text)
    dateline = None if date else _first([f for f in findings if f.span.begin < top],
                                        "date", "dateline")
    byline = _first(findings, "byline")
    found = date or (dateline.date if dateline else None) or _named_date(source_file, meta.url)
    return Article(
        id=meta.id or article_id,
        source_file=source_file,
        text=text,
        title=title,
        title_span=title_spans[0] if title_spans else None,
        date=found,
        date_inferred=not date and bool(found),
        url=meta.url,
        publisher=meta.publisher or (byline.publisher if byline else None),
        author=meta.author or (byline.author if byline else None),
        boilerplate=sorted(boilerplate + title_spans, key=lambda s: (s.begin, s.end)),
    )


def _headline(lines: list[Line], findings: list[Finding], given: str | None,
              style: TitleStyle) -> tuple[str | None, list[Span]]:
    """The title and the spans of the headline line (title span first), if there is one.

    The headline is the first line that is not boilerplate, when more lines follow it and
    it reads like a headline (or, in Markdown, is a "# Heading"); a long headline is let
    through when a byline or dateline follows it. Up to :data:`MAX_KICKERS` one- or two-word
    lines before it ("World", "Asia Pacific") are section labels, boilerplate along with it,
    when a headline-like line follows each.
    A given title wins over the line's text; with the "given" style the line only counts
    when it repeats that title.
    """
    spans = [f.span for f in findings]
    content = (i for i, line in enumerate(lines) if not any(line.span.overlaps(b) for b in spans))
    head = list(islice(content, MAX_KICKERS + 1))
    kickers = []
    while (style != "given" and len(head) > 1 and _kicker(lines[head[0]].text)
           and headline_like(lines[head[1]].text)):
        kickers.append(lines[head.pop(0)].span)
    if not head or head[0] >= len(lines) - 1:
        return given, []
    index = head[0]
    first = lines[index]
    if style == "given":
        same = given is not None and _fold(first.text) == _fold(given)
        return given, [first.span] if same else []
    heading = _MARKDOWN_HEADING.fullmatch(first.text) if style == "markdown" else None
    if heading and heading["title"]:
        title, title_spans = _markdown_headline(first, heading, given)
        return title, title_spans + kickers
    if style == "markdown" and first.text.startswith("#"):
        return given, []  # a section heading, not a headline
    if headline_like(first.text) or (_announces_article(lines[index + 1], findings)
                                     and headline_like(first.text, LONG_HEADLINE_MAX_WORDS,
                                                       LONG_HEADLINE_MAX_CHARS)):
        return given or first.text, [first.span] + kickers
    return given, []


def _kicker(line: str) -> bool:
    """True for a section label above a headline: one or two words, not a sentence."""
    return len(line.split()) <= KICKER_MAX_WORDS and line[0].isalpha() and line[-1].isalnum()


def _announces_article(line: Line, findings: list[Finding]) -> bool:
    """True when a line is a byline or a dateline (as under a headline)."""
    return any(f.span.begin == line.span.begin and f.kind in ("byline", "date", "dateline")
               for f in findings)


def _markdown_headline(line: Line, heading: re.Match[str],
                       given: str | None) -> tuple[str | None, list[Span]]:
    """Title and spans of a "# Heading" line: the heading text, then the markup around it."""
    start = line.span.begin
    title = Span(start + heading.start("title"), start + heading.end("title"))
    markup = [Span(start, title.begin), Span(title.end, line.span.end)]
    return given or heading["title"], [title] + [s for s in markup if len(s)]


def _first(findings: list[Finding], *kinds: str) -> Finding | None:
    """The first finding of one of these kinds that carries what it is looked up for."""
    for finding in findings:
        if finding.kind in kinds and (finding.date or finding.author):
            return finding
    return None


def _fold(value: str) -> str:
    """A string folded for loose comparison: case and whitespace ignored."""
    return " ".join(value.casefold().split())


def _named_date(source_file: str, url: str | None) -> str | None:
    """The date the article's file name, else its URL, writes."""
    return date_in_name(source_file) or (date_in_name(url) if url else None)
