"""Tests of graph.extract.speech.marks: quotation-mark spans, tolerant of odd marks."""

from __future__ import annotations

import pytest

from graph.extract.speech.marks import before_close, find_quotes, marked, paragraphs


def contents(text: str) -> list[str]:
    """The quoted contents found in ``text``."""
    return [text[q.span.begin:q.span.end] for q in find_quotes(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("She said: “We will rebuild the bridge.”", ["We will rebuild the bridge."]),
    ("“We are ready,\" he said.", ["We are ready"]),
    ("\"We are ready,\" he said.", ["We are ready"]),
    ("„We are ready,“ he said.", ["We are ready"]),
    ("«We are ready,» he said.", ["We are ready"]),
    ("“They told us ‘go away’ and left,” he said.", ["They told us ‘go away’ and left"]),
    ("“It’s late,” she said. “We can’t wait.”", ["It’s late", "We can’t wait."]),
    ("for posing a “serious risk to fish”.", ["serious risk to fish"]),
    ("“We will appeal, he said.", ["We will appeal, he said."]),
    ("We will appeal,” he said.", ["We will appeal"]),
    ("“First bit “Second bit,” he said.", ["First bit", "Second bit"]),
    ("Empty “” marks and “ ” marks.", []),
    ("No quotes at all.", []),
    ("", []),
    ("“", []),
    ("”", []),
    ("\"", []),
    ("a 12\" pipe", []),
])
def test_contents(text, expected):
    assert contents(text) == expected


@pytest.mark.parametrize(("text", "closed", "continued"), [
    ("“One part.\n\n“Two part,” she said.", [False, True], [False, True]),
    ("“One part.\n\nThe court adjourned.", [False], [False]),
    ("“One part.”\n\n“Two part.”", [True, True], [False, False]),
    ("“One part.\n\nShe said “two part.”", [False, True], [False, False]),
])
def test_paragraph_runs(text, closed, continued):
    quotes = find_quotes(text)
    assert [q.closed for q in quotes] == closed
    assert [q.continued for q in quotes] == continued


@pytest.mark.parametrize(("text", "expected"), [
    ("a\n\nb\n", ["a", "b"]),
    ("a\n  \nb", ["a", "b"]),
    ("", []),
])
def test_paragraphs(text, expected):
    assert [text[p.begin:p.end] for p in paragraphs(text)] == expected


def test_outer_covers_marks():
    text = "He said: “Go home.” Then left."
    (quote,) = find_quotes(text)
    assert text[quote.outer.begin:quote.outer.end] == "“Go home.”"


@pytest.mark.parametrize(("text", "expected"), [
    ("He said: “Go home.” Then left.", ["“Go home.”"]),
    ("“We are ready,\" he said.", ["“We are ready,\""]),
    ("``We are ready,'' he said.", ["``We are ready,''"]),
    ("“It’s late,” she said. “We can’t wait.”", ["“It’s late,”", "“We can’t wait.”"]),
    # left open: to its last character before the paragraph end
    ("“We will appeal, he said.  \nNext.", ["“We will appeal, he said."]),
    # a closing mark with no opening one: from the paragraph's first character
    ("  We will appeal,” he said.", ["We will appeal,”"]),
])
def test_marked_spans_hold_their_marks(text, expected):
    assert [text[s.begin:s.end] for s in (marked(text, q) for q in find_quotes(text))] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("''We are ready,'' he said.", ["We are ready"]),
    ("``We are ready,'' he said.", ["We are ready"]),
    ("He called the plan ''a waste of money'' and left.", ["a waste of money"]),
    ("''One part.\n\n''Two part,'' she said.", ["One part.", "Two part"]),
    ("The farmers' union met.", []),
])
def test_typewriter_pairs(text, expected):
    assert contents(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("“Go home,” she said.", ","),
    ("''Go home.'' She left.", "."),
    ("“Go home” she said.", "e"),
    ("“Go home", ""),
])
def test_before_close(text, expected):
    assert before_close(text, find_quotes(text)[0]) == expected
