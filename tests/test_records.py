"""Tests for graph.records: the text language processing runs on."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from graph.records import _SPACES, Article, Span


def test_spaces_are_unicode_space_separators_but_the_plain_one():
    separators = {c for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Zs"}
    assert set(_SPACES) == separators - {ord(" ")}
    assert set(_SPACES.values()) == {" "}


@pytest.mark.parametrize(
    ("text", "boilerplate", "masked"),
    [
        ("Jane\u00a0Roe spoke.", [], "Jane Roe spoke."),  # HTML's &nbsp;
        ("52\u2009to\u202f48, said\u3000Roe", [], "52 to 48, said Roe"),  # thin, narrow, ideographic
        ("Ad\u00a0here\nJane Roe spoke.", [Span(0, 7)], "       \nJane Roe spoke."),
        ("Tab\tand\u200bzero-width stay", [], "Tab\tand\u200bzero-width stay"),  # not space separators
        ("", [], ""),
    ],
)
def test_masked_text_keeps_every_offset(text, boilerplate, masked):
    article = Article("a", "a.txt", text, boilerplate=boilerplate)
    assert article.masked_text() == masked
    assert len(article.masked_text()) == len(text)


@pytest.mark.parametrize(
    ("text", "read", "span", "written"),
    [
        ("Jane\u00a0Roe spoke.", "Jane Roe", Span(0, 8), "Jane\u00a0Roe"),  # read with a plain space
        ("Jane Roe spoke.", "Jane Roe", Span(0, 8), "Jane Roe"),
        ("Jane\u00a0Roe spoke.", "Roe", Span(0, 8), "Roe"),  # not read from the span: as it is
        ("Jane\u00a0Roe spoke.", "Jane Doe", Span(0, 8), "Jane Doe"),
    ],
)
def test_as_written_gives_back_the_articles_spaces(text, read, span, written):
    assert Article("a", "a.txt", text).as_written(read, span) == written
