"""Boilerplate detection: the lines of a text that are not article text.

Navigation and widget lines, teaser headlines of other stories, e-mail placeholders,
repeated-token banners, bylines, photo captions and credits, and lines that are only a date.
Most rules are regular expressions in ``graph/data/boilerplate.tsv`` (see its header for the
rule kinds), read through the lexicon (``lexicon().ingest``); the few that need more than
one pattern (bylines, e-mail lines, repeated tokens, teasers after a header) are functions
here.

Detection only records spans: the text is never changed, so offsets keep indexing it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from graph.ingest.dates import date_line, wire_dateline
from graph.lexicon import lexicon
from graph.lexicon.ingest import Rule
from graph.records import Span

HEADLINE_MIN_WORDS = 2
HEADLINE_MAX_WORDS = 20
HEADLINE_MAX_CHARS = 150
LONG_HEADLINE_MAX_WORDS = 40
LONG_HEADLINE_MAX_CHARS = 300
"""Limits for a headline that a byline or dateline follows."""
LABEL_MAX_WORDS = 25
CAPTION_MAX_WORDS = 80
BYLINE_MAX_WORDS = 15
LIST_MAX_TEASERS = 12
TOP_LINES = 8
"""Bylines without a "By" and datelines are looked for in this many first lines."""

_LINE = re.compile(r"[^\S\r\n]*(\S[^\r\n]*?)[^\S\r\n]*(?:\r\n?|\n|$)")
_WIDGET_TRAILER = re.compile(r"[\s:|»›>]+$")
_CLOSERS = "\"”’')]"
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.){2,}$")

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\[email(?:&#160;|\s)*protected\]", re.I)
_BYLINE_TAIL = r"(?:(?:\s*(?:[,|/•·]|\s[-–—])|\s+on)\s*[A-Z0-9][^,|/•·]*)*"


@cache
def by_line_pattern() -> re.Pattern[str]:
    """A "By Jane Doe" line, with optional tail parts (outlet, role, date) after separators."""
    words = lexicon().ingest.byline_words
    return re.compile(rf"(?:{words['lead']} )?{words['by']}\s+"
                      rf"(?P<author>{_names()}|[A-Z][\w'’.-]+){_BYLINE_TAIL}")


@cache
def slash_byline_pattern() -> re.Pattern[str]:
    """A "Jane Doe / Outlet" line, optionally followed by a "Share:" widget."""
    words = lexicon().ingest.byline_words
    outlet = (rf"[A-Z][\w&.'’-]*(?:\s+(?!{words['share']}\b)"
              rf"(?:[A-Z&][\w&.'’-]*|{words['connector']}))*")
    return re.compile(rf"(?P<author>{_name()})\s+[/|]\s+(?P<publisher>{outlet})"
                      rf"(?P<share>\s+{words['share']}:?)?")


@cache
def email_filler_pattern() -> re.Pattern[str]:
    """The words and non-word characters that may stand next to e-mail addresses."""
    return re.compile(rf"\b{lexicon().ingest.email_filler}\b|[\W_]", re.I)


def _name() -> str:
    """A personal name: capitalised words and lowercase particles ("Anna van Berg")."""
    return rf"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|{lexicon().ingest.name_particles})){{1,4}}"


def _names() -> str:
    """One name, or a list closed by "and" ("A, B and C"); "A, B" is a name and an outlet."""
    name = _name()
    return rf"{name}(?:(?:\s*,\s*{name})*\s*,?\s+(?:and|&)\s+{name})?"


@dataclass(frozen=True)
class Line:
    """One non-blank line: its trimmed text and where that stands in the article."""

    span: Span
    text: str


@dataclass(frozen=True)
class Finding:
    """A boilerplate span and why it is one.

    Attributes:
        span: The trimmed line (or, for a wire dateline, the prefix of the line).
        kind: Which rule found it: a rule kind from the rules file, or "email", "repeat",
            "byline", "teaser", "date", "dateline".
        author: For a byline, who wrote the article.
        publisher: For a byline naming the outlet, the outlet.
        date: For a dateline, its ISO date when it has one.
    """

    span: Span
    kind: str
    author: str | None = None
    publisher: str | None = None
    date: str | None = None


def detect_boilerplate(text: str) -> list[Span]:
    """Spans of the lines of ``text`` that are not article text.

    Each span covers one line without its surrounding whitespace, except that a wire-service
    dateline opening the first paragraph ("KYIV, March 3 (Reuters) -") is covered alone.

    Args:
        text: An article's text.

    Returns:
        The spans, in text order.

    >>> text = "Advertisement\\n\\nThe council met on Monday.\\n"
    >>> [text[s.begin:s.end] for s in detect_boilerplate(text)]
    ['Advertisement']
    """
    return [finding.span for finding in scan(text)]


def scan(text: str) -> list[Finding]:
    """Every boilerplate line of ``text``, with the reason and what it tells (byline, date)."""
    lines = split_lines(text)
    findings: list[Finding] = []
    teasers_left = 0
    for index, line in enumerate(lines):
        finding, teasers = _classify(line, index)
        if finding is None and teasers_left and headline_like(line.text):
            finding, teasers = Finding(line.span, "teaser"), teasers_left - 1
        if finding is not None:
            findings.append(finding)
        teasers_left = teasers
    return findings


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text``, trimmed, with their spans; a line ends at
    ``\\n``, ``\\r\\n`` or a lone ``\\r`` (old Mac files).

    >>> [(line.span.begin, line.text) for line in split_lines("  Title \\r\\n\\r\\nBody.")]
    [(2, 'Title'), (12, 'Body.')]
    """
    return [Line(Span(m.start(1), m.end(1)), m[1]) for m in _LINE.finditer(text)]


def headline_like(line: str, max_words: int = HEADLINE_MAX_WORDS,
                  max_chars: int = HEADLINE_MAX_CHARS) -> bool:
    """True when a line reads like a headline: a few words, not ending like a sentence.

    A final period after an abbreviation ("... in the U.S.") still counts as a headline.

    >>> headline_like("Floods cut off three villages")
    True
    >>> headline_like("The river rose overnight.")
    False
    >>> headline_like("“We will rebuild.”")
    False
    """
    if len(line) > max_chars or not HEADLINE_MIN_WORDS <= len(line.split()) <= max_words:
        return False
    if not any(c.isalpha() for c in line):
        return False
    bare = line.rstrip(_CLOSERS)
    if bare.endswith("."):
        return bare == line and bool(_ABBREVIATION_END.search(line))
    return not bare.endswith((":", ";", ",", "!"))


def _classify(line: Line, index: int) -> tuple[Finding | None, int]:
    """Classify one line: its finding (or None) and how many teaser lines may follow."""
    words = line.text.split()
    text = " ".join(words)
    bare = _WIDGET_TRAILER.sub("", text)
    for rule in lexicon().ingest.boilerplate_rules:
        if _matches(rule, text, bare, len(words)):
            teasers = {"teaser": 1, "list": LIST_MAX_TEASERS}.get(rule.kind, 0)
            return Finding(line.span, rule.kind), teasers
    if _email_line(text):
        return Finding(line.span, "email"), 0
    if _repeat_line(text):
        return Finding(line.span, "repeat"), 0
    date = date_line(text)
    if date is not None:
        return Finding(line.span, "date", date=date), 0
    byline = _byline(text, line.span, top=index < TOP_LINES)
    if byline is not None:
        return byline, 0
    if index < TOP_LINES:
        dateline = wire_dateline(line.text, line.span.begin)
        if dateline is not None:
            return Finding(dateline.span, "dateline", date=dateline.date), 0
    return None, 0


def _matches(rule: Rule, text: str, bare: str, words: int) -> bool:
    """True when a rule of the rules file matches the (whitespace-collapsed) line."""
    if rule.kind in ("widget", "teaser", "list"):
        return bool(rule.pattern.fullmatch(bare))
    if rule.kind == "label":
        return words <= LABEL_MAX_WORDS and bool(rule.pattern.match(text))
    return words <= CAPTION_MAX_WORDS and bool(rule.pattern.search(text))


def _email_line(text: str) -> bool:
    """A line of e-mail addresses or "[email protected]" placeholders and nothing else."""
    return bool(_EMAIL.search(text)) and not email_filler_pattern().sub("", _EMAIL.sub("", text))


def _repeat_line(text: str) -> bool:
    """A banner repeating one word: "promo promo promo"."""
    tokens = text.casefold().split()
    return len(tokens) >= 2 and len(set(tokens)) == 1 and tokens[0].isalnum()


def _byline(text: str, span: Span, *, top: bool) -> Finding | None:
    """A byline finding with its author (and outlet when named), or None.

    "By ..." lines count anywhere; "Jane Doe / Outlet" lines only near the top of the text
    or when a "Share:" widget follows them.
    """
    if len(text.split()) > BYLINE_MAX_WORDS or text.endswith("."):
        return None
    match = by_line_pattern().fullmatch(text)
    if match:
        return Finding(span, "byline", author=match["author"])
    match = slash_byline_pattern().fullmatch(text)
    if match and (top or match["share"]):
        return Finding(span, "byline", author=match["author"], publisher=match["publisher"])
    return None
