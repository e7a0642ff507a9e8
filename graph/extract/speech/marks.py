"""Quotation marks: the quoted runs of a raw text, tolerant of unbalanced and mixed marks.

Only double quotation marks delimit quotes (curly, straight, low-9 and guillemets, in any
mix: a quote may open with “ and close with "). Single marks are left alone, since they
double as apostrophes and mark scare quotes inside quotes. Every paragraph (line) is
scanned on its own: a quote left open at the end of a paragraph closes there and, when the
next paragraph opens with a mark, continues in it (the multi-paragraph convention).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from graph.records import Span

OPENERS = frozenset("“„«‟")
CLOSERS = frozenset("”»")
AMBIGUOUS = frozenset('"＂')
MARKS = OPENERS | CLOSERS | AMBIGUOUS
OPEN_CONTEXT = frozenset("([{—–-/")
END_PUNCT = ",.?!…;:—–-"
TRAILING_STRIP = " \t\u00a0,"

_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Quote:
    """One run of text between quotation marks, within one paragraph.

    Attributes:
        outer: From the opening mark to just past the closing mark (or paragraph end).
        span: The content, without marks, surrounding blanks or a trailing comma.
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


def _looks_open(text: str, i: int, begin: int, end: int) -> bool:
    char = text[i]
    prev = text[i - 1] if i > begin else " "
    nxt = text[i + 1] if i + 1 < end else " "
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


def _scan_paragraph(text: str, para: Span) -> Iterator[tuple[int, int, bool]]:
    """Yield (open index, close index or paragraph end, closed) for one paragraph."""
    start: int | None = None
    seen_any = False
    for i in range(para.begin, para.end):
        if text[i] not in MARKS:
            continue
        opening = _looks_open(text, i, para.begin, para.end)
        if start is None:
            if opening:
                start = i
            elif not seen_any and i > para.begin and text[i - 1] in END_PUNCT:
                # a closing mark with no opening one: the quote ran from the paragraph start
                yield para.begin - 1, i, True
                seen_any = True
        elif text[i] in OPENERS and text[i - 1].isspace():
            # a new opening mark while a quote is open: close the dangling one before it
            yield start, i - 1, False
            start = i
        else:
            yield start, i, True
            start, seen_any = None, True
    if start is not None:
        yield start, para.end, False


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
        for n, (open_at, close_at, closed) in enumerate(_scan_paragraph(text, para)):
            content = _content(text, open_at + 1, close_at)
            ended_open = not closed
            if content is None:
                continue
            continued = (n == 0 and previous_open
                         and not text[para.begin:open_at].strip())
            outer_end = close_at + 1 if closed else close_at
            quotes.append(Quote(Span(max(open_at, para.begin), outer_end), content, index,
                                closed, continued))
        previous_open = ended_open
    return quotes
