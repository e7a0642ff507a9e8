"""Quotation marks: the quoted runs of a raw text, tolerant of unbalanced and mixed marks.

Only double quotation marks delimit quotes (curly, straight, low-9 and guillemets, in any
mix: a quote may open with “ and close with "), and the typewriter pairs some wires and
archives write for them (``like this'' or ''like this''). Single marks are left alone, since
they double as apostrophes and mark scare quotes inside quotes. Every paragraph (line) is
scanned on its own: a quote left open at the end of a paragraph closes there and, when the
next paragraph opens with a mark, continues in it (the multi-paragraph convention).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from graph.records import Span

OPENERS = frozenset({"“", "„", "«", "‟", "``"})
CLOSERS = frozenset("”»")
AMBIGUOUS = frozenset({'"', "＂", "''"})
#: Every mark, the two-character typewriter pairs first.
_MARK = re.compile(r"``|''|[\"“”„«»‟＂]")
OPEN_CONTEXT = frozenset("([{—–-/")
END_PUNCT = ",.?!…;:—–-"
TRAILING_STRIP = " \t\u00a0,"

_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Quote:
    """One run of text between quotation marks, within one paragraph.

    Attributes:
        outer: From the opening mark to just past the closing mark (or paragraph end).
        span: The words inside the marks, without surrounding blanks or a trailing comma
            (a direct quote's statement spans :func:`marked`).
        paragraph: Index of the paragraph (line) the quote stands in.
        closed: False when no closing mark was found in the paragraph.
        continued: True when it continues an open quote of the previous paragraph.
    """

    outer: Span
    span: Span
    paragraph: int
    closed: bool
    continued: bool


def paragraphs(text: str) -> list[Span]:
    """The non-empty lines of ``text``, as spans."""
    return [Span(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def _looks_open(text: str, i: int, width: int, begin: int, end: int) -> bool:
    char = text[i:i + width]
    prev = text[i - 1] if i > begin else " "
    nxt = text[i + width] if i + width < end else " "
    if char in OPENERS:
        return True
    if char in AMBIGUOUS or char in CLOSERS:
        return (prev.isspace() or prev in OPEN_CONTEXT) and not nxt.isspace()
    return False


def _content(text: str, begin: int, end: int) -> Span | None:
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and text[end - 1] in TRAILING_STRIP:
        end -= 1
    return Span(begin, end) if end > begin else None


def _scan_paragraph(text: str, para: Span) -> Iterator[tuple[int, int, int, int]]:
    """Yield (open index, opening mark width, close index or paragraph end, closing mark
    width: 0 when the quote is left open) for one paragraph."""
    start: int | None = None
    width = 1
    seen_any = False
    for m in _MARK.finditer(text, para.begin, para.end):
        i, mark = m.start(), m.group()
        opening = _looks_open(text, i, len(mark), para.begin, para.end)
        if start is None:
            if opening:
                start, width = i, len(mark)
            elif not seen_any and i > para.begin and text[i - 1] in END_PUNCT:
                # a closing mark with no opening one: the quote ran from the paragraph start
                yield para.begin - 1, 1, i, len(mark)
                seen_any = True
        elif mark in OPENERS and text[i - 1].isspace():
            # a new opening mark while a quote is open: close the dangling one before it
            yield start, width, i - 1, 0
            start, width = i, len(mark)
        else:
            yield start, width, i, len(mark)
            start, seen_any = None, True
    if start is not None:
        yield start, width, para.end, 0


def find_quotes(text: str) -> list[Quote]:
    """All quotation-mark spans of ``text``, in order, never raising on odd marks.

    Args:
        text: The article text (boilerplate may be blanked with spaces).

    Returns:
        One :class:`Quote` per quoted run per paragraph; empty quotes are dropped.

    >>> [text[q.span.begin:q.span.end] for text in ['He said: “Go home,” and left.']
    ...  for q in find_quotes(text)]
    ['Go home']
    """
    quotes: list[Quote] = []
    previous_open = False
    for index, para in enumerate(paragraphs(text)):
        ended_open = False
        for n, (open_at, width, close_at, close_width) in enumerate(_scan_paragraph(text, para)):
            content = _content(text, open_at + width, close_at)
            ended_open = not close_width
            if content is None:
                continue
            continued = (n == 0 and previous_open
                         and not text[para.begin:open_at].strip())
            quotes.append(Quote(Span(max(open_at, para.begin), close_at + close_width), content,
                                index, bool(close_width), continued))
        previous_open = ended_open
    return quotes


def marked(text: str, quote: Quote) -> Span:
    """A direct quote's content span: the quoted words with their opening and closing
    marks, as PolNeAR and PARC-style attribution corpora mark a quote's content ('“Go
    home,”' of '“Go home,” she said'), without the blanks around them. A quote left open
    ends at its last character before the paragraph end; a closing mark with no opening
    one starts at the paragraph's first character.

    >>> text = 'He said: “Go home,” and left.'
    >>> [text[s.begin:s.end] for s in (marked(text, q) for q in find_quotes(text))]
    ['“Go home,”']
    """
    begin, end = quote.outer.begin, quote.outer.end
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and text[end - 1].isspace():
        end -= 1
    return Span(begin, end)


def before_close(text: str, quote: Quote) -> str:
    """The character just before a closed quote's closing mark ("," of '“Go,” she said'),
    or "" for a quote left open."""
    if not quote.closed:
        return ""
    inside = _MARK.sub("", text[quote.span.end:quote.outer.end])
    return inside[-1:] or text[quote.span.end - 1]
