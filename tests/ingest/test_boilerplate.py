"""Tests of graph.ingest.boilerplate: which lines are not article text."""

from __future__ import annotations

import re

import pytest

from graph.ingest.boilerplate import (
    by_line_pattern,
    detect_boilerplate,
    email_filler_pattern,
    headline_like,
    scan,
    slash_byline_pattern,
    split_lines,
)
from graph.records import Span

LEAD = "The harbour authority closed two piers on Tuesday after a storm damaged them.\n\n"
TAIL = "\n\nRepairs are expected to take three weeks, a spokesperson said.\n"


def marked(text: str) -> list[str]:
    """The boilerplate of ``text``, as strings."""
    return [text[s.begin:s.end] for s in detect_boilerplate(text)]


@pytest.mark.parametrize("line", [
    "Accessibility links",
    "Skip to content",
    "Skip to main content",
    "Breaking News",
    "BREAKING NEWS",
    "Related Stories",
    "Related Articles",
    "Latest News",
    "Read more",
    "Read More »",
    "Previous Article",
    "Next Article",
    "Share:",
    "Share this article",
    "Share this",
    "Advertisement",
    "ADVERTISEMENT",
    "Story continues below advertisement",
    "Subscribe to our newsletter",
    "Subscribe now for full access",
    "Sign up for our morning briefing",
    "Facebook Twitter WhatsApp Email",
    "12 comments",
    "4 min read",
    "https://news.example.org/2022/05/floods-close-port",
    "www.example.org/news/item.php?id=4521",
    "Read more: Port strike enters second week",
    "Follow us on Twitter",
    "© 2024 Harbour Daily Media. All rights reserved.",
    "Copyright 2023 The Coastal Gazette",
    "Reporting by Ana Lima; Editing by Tom Roe",
    "(Reporting by Ana Lima; Editing by Tom Roe)",
    "Tags: ports, storms, shipping",
    "[email protected]",
    "[email protected], [email protected]",
    "news.desk@harbourdaily.example",
    "Email: tips@harbourdaily.example",
    "promo promo promo",
    "Harbour Harbour",
    "By Ana Lima",
    "BY ANA LIMA",
    "By Ana Lima and Tom Roe",
    "By Ana Lima, Harbour Daily",
    "By Ana Lima | March 3, 2024",
    "Posted by Ana Lima on March 3, 2024",
    "By Ana Lima, Senior Correspondent",
    "Tuesday, March 5, 2024",
    "Published: 5 March 2024, 09:30 GMT",
    "Workers repair the pier on Monday. HARBOURPIX/Ana Lima",
    "The damaged pier seen from the air. REUTERS/Tom Roe",
    "Port director Ana Lima. KT/Tom Roe",
    "Cranes stand idle at the port. AFP/Getty Images",
    "Cranes stand idle at the port. (AP Photo/Tom Roe)",
    "Cranes stand idle at the port. Tom Roe/AFP via Getty Images",
    "Cranes stand idle at the port (Photo: Ana Lima)",
    "Cranes stand idle at the port. (File photo)",
    "Photo by Ana Lima on Unsplash",
    "Photo: Ana Lima",
    "Photograph: Tom Roe/The Coastal Gazette",
    "FILE - Cranes stand idle at the port in 2019.",
    "FILE PHOTO: Cranes stand idle at the port in 2019.",
    "The minister visits the port on February 2. Ana Lima FB",
    "The minister visits the port on February 2. Photo via Facebook",
    "The minister visits the port. Supplied",
    "Dock workers at the gate. Image: Ana Lima.",
    "Dock workers at the gateImage: Ana Lima (flickr).",
    "Image source, Getty Images",
    "![Cranes at the port](cranes.jpg)",
])
def test_boilerplate_lines(line):
    text = LEAD + line + TAIL
    assert marked(text) == [line]


@pytest.mark.parametrize("line", [
    "Numerous dismissals",
    "Efforts to continue",
    "Port workers said the storm was the worst in decades.",
    "By the end of the year, shipping volumes had fallen by 12 percent.",
    "By Tuesday, rescuers had found the missing crew.",
    "By Christmas Day, the toll had risen to nine.",
    "Share prices fell sharply after the announcement.",
    "Subscribers to the port's data service were warned on Monday.",
    "Related charges were dropped against two of the workers.",
    "The minister said the photo was taken by a Reuters journalist.",
    "He posted a statement on Facebook.",
    "The union shared the video on Facebook and Twitter.",
    "Advertising revenue at the port's magazine fell.",
    "The ship's captain, Ana Lima, told AFP the damage was serious.",
    "Copyright law was not the issue, the court said.",
    "Trade talks: US/EU",
    "File photos of the pier were shown to the court.",
    "Contact with the ship was lost at 3 a.m.",
    "On March 5, 2024, the pier was closed.",
    "Image rights were sold to an agency, the spokesperson said.",
    "“We will not give up,” she said.",
    "Ha, ha, he said.",
    "Breaking news of the closure spread quickly among fishermen.",
])
def test_article_lines_are_kept(line):
    text = LEAD + line + TAIL
    assert marked(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Body text ends here.\n\nPrevious Article\n\nTown rebuilds after flood\n\nNext Article\n\n"
     "Farmers count losses\n",
     ["Previous Article", "Town rebuilds after flood", "Next Article", "Farmers count losses"]),
    ("Body text ends here.\n\nRelated Stories\n\nTown rebuilds after flood\n\n"
     "Farmers count losses in dry year\n\nLatest News\n",
     ["Related Stories", "Town rebuilds after flood", "Farmers count losses in dry year",
      "Latest News"]),
    ("Body text ends here.\n\nNext Article\n\nThe council met again on Friday and agreed to "
     "rebuild the pier.\n",
     ["Next Article"]),
    ("Breaking News\n\nPiers close after storm\n\nThe piers closed on Tuesday.\n",
     ["Breaking News"]),
])
def test_teasers_after_headers(text, expected):
    assert marked(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Piers close after storm\n\nAna Lima / Harbour Daily Share:\n\nThe piers closed.\n",
     ["Ana Lima / Harbour Daily Share:"]),
    ("Piers close after storm\n\nAna Lima / Harbour Daily\n\nThe piers closed.\n",
     ["Ana Lima / Harbour Daily"]),
    ("One.\n\nTwo.\n\nThree.\n\nFour.\n\nFive.\n\nSix.\n\nSeven.\n\nEight.\n\n"
     "Climate Change / Global Warming\n\nNine.\n", []),
    ("PORT LOUIS, March 3 (Reuters) - The piers closed on Tuesday.\n\nMore text.\n",
     ["PORT LOUIS, March 3 (Reuters) -"]),
])
def test_position_dependent_rules(text, expected):
    assert marked(text) == expected


@pytest.mark.parametrize(("text", "author", "publisher"), [
    ("By Ana Lima\n\nThe piers closed.", "Ana Lima", None),
    ("By Ana Lima, Harbour Daily\n\nThe piers closed.", "Ana Lima", None),
    ("By Ana Lima, Tom Roe & Li Wei\n\nThe piers closed.", "Ana Lima, Tom Roe & Li Wei", None),
    ("By Ana Lima and Tom Roe, Harbour Daily\n\nThe piers closed.", "Ana Lima and Tom Roe", None),
    ("Ana Lima / Harbour Daily Share:\n\nThe piers closed.", "Ana Lima", "Harbour Daily"),
    ("Ana Lima | Harbour Daily Share\n\nThe piers closed.", "Ana Lima", "Harbour Daily"),
    ("Ana Lima / The Times of Harbour\n\nThe piers closed.", "Ana Lima", "The Times of Harbour"),
])
def test_byline_author(text, author, publisher):
    (finding,) = scan(text)
    assert (finding.kind, finding.author, finding.publisher) == ("byline", author, publisher)


def test_spans_index_text_with_crlf_and_indent():
    text = "Intro line here.\r\n\r\n   Advertisement  \r\nMore text follows.\r\n"
    (span,) = detect_boilerplate(text)
    assert text[span.begin:span.end] == "Advertisement"


@pytest.mark.parametrize(("text", "expected"), [
    ("a\n\n  b c \r\nd", [(Span(0, 1), "a"), (Span(5, 8), "b c"), (Span(11, 12), "d")]),
    ("\n\n", []),
    ("", []),
])
def test_split_lines(text, expected):
    assert [(line.span, line.text) for line in split_lines(text)] == expected


@pytest.mark.parametrize(("line", "expected"), [
    ("Floods cut off three villages", True),
    ("Why did the pier collapse?", True),
    ("Storm hits coast of the U.S.", True),
    ("The river rose overnight.", False),
    ("Here is what we know:", False),
    ("“We will rebuild the pier.”", False),
    ("“We will rebuild,” she said", True),
    ("Mayor calls pier closure a ‘disaster’", True),
    ("Help is coming!", False),
    ("2024", False),
    ("Exclusive", False),
    (" ".join(["word"] * 21), False),
])
def test_headline_like(line, expected):
    assert headline_like(line) is expected


# The patterns as they were written before their words moved to graph/data/ (issue 13): the
# patterns built from the data files must read every line as these did.
_NAME_BEFORE = (r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|"
                r"(?:van|von|de|da|del|der|di|du|la|le|bin|binti|al|ibn|dos))){1,4}")
_BY_LINE_BEFORE = (rf"(?:(?:Posted|Written|Reported|Story|Words|Text) )?(?:By|BY|by)\s+"
                   rf"(?P<author>{_NAME_BEFORE}(?:(?:\s*,\s*{_NAME_BEFORE})*\s*,?\s+(?:and|&)\s+"
                   rf"{_NAME_BEFORE})?|[A-Z][\w'’.-]+)"
                   r"(?:(?:\s*(?:[,|/•·]|\s[-–—])|\s+on)\s*[A-Z0-9][^,|/•·]*)*")
_SLASH_BYLINE_BEFORE = re.compile(
    rf"(?P<author>{_NAME_BEFORE})\s+[/|]\s+"
    r"(?P<publisher>[A-Z][\w&.'’-]*(?:\s+(?!Share\b)(?:[A-Z&][\w&.'’-]*|of|the|de))*)(?P<share>\s+Share:?)?")
_EMAIL_FILLER_BEFORE = re.compile(r"\b(?:e-?mail|contact|and|or|at|us)\b|[\W_]", re.I)


def test_by_line_pattern_unchanged():
    assert by_line_pattern().pattern == _BY_LINE_BEFORE


@pytest.mark.parametrize("line", [
    "Mira Olsen / Coastal Ledger", "Mira van Olsen / Voice of the Valley Share:",
    "Tomas de la Cruz | Diario de Norte Share", "Ana bin Harun / The Share Post",
    "Mira Olsen / Share", "mira olsen / Ledger", "Mira Olsen / Ledger Share: Extra",
])
def test_slash_byline_pattern_unchanged(line):
    before, after = _SLASH_BYLINE_BEFORE.fullmatch(line), slash_byline_pattern().fullmatch(line)
    assert (before and before.groupdict()) == (after and after.groupdict())


@pytest.mark.parametrize("line", [
    "E-mail: desk@example.org", "Contact us at desk@example.org or tips@example.org",
    "EMAIL AND desk@example.org", "Write to desk@example.org", "usa desk@example.org",
])
def test_email_filler_unchanged(line):
    assert email_filler_pattern().sub("", line) == _EMAIL_FILLER_BEFORE.sub("", line)
