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
