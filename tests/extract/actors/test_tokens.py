"""Tests for graph.extract.actors.tokens, on invented sentences run through the real model."""

from __future__ import annotations

import pytest

from graph.extract.actors.tokens import (after_title_of, char_span, is_acronym, is_name_token,
                                         is_org_head, is_title_head, place_after)


@pytest.mark.parametrize(
    ("text", "index", "expected"),
    [
        ("the Water Minister spoke", 2, True),
        ("the new Secretary-General spoke", 4, True),
        ("two senators spoke", 1, True),
        ("the river spoke", 1, False),
    ],
)
def test_is_title_head(nlp, text, index, expected):
    assert is_title_head(nlp(text), index) is expected


@pytest.mark.parametrize(
    ("text", "index", "name", "org"),
    [
        ("met Amara in March", 1, True, False),
        ("met Amara in March", 3, False, False),  # a month is never a name
        ("the National Police said", 2, True, True),
        ("the police said", 1, False, False),
        ("shares of Kelvane Holdings rose", 3, True, True),   # a company form
        ("Tamsin Okafor GmbH signed", 2, True, True),
        ("Kelvane Ltd. signed", 1, True, True),  # an abbreviated company form with its dot
    ],
)
def test_name_and_org_heads(nlp, text, index, name, org):
    doc = nlp(text)
    assert (is_name_token(doc[index]), is_org_head(doc[index])) == (name, org)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("NWA", True), ("U.N.", True), ("Nwa", False), ("A", False), ("NWA NWB", False)],
)
def test_is_acronym(text, expected):
    assert is_acronym(text) is expected


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("in Battambor province", 2, True),
        ("in Battambor and Kelby districts", 2, True),
        ("in Battambor's district", 2, True),
        ("in Battambor today", 2, False),
    ],
)
def test_place_after(nlp, text, end, expected):
    assert place_after(nlp(text), end) is expected


@pytest.mark.parametrize(
    ("text", "index", "expected"),
    [("Secretary of State Ann Lee", 2, True), ("Senator from Ostland", 2, True),
     ("a friend of Ann Lee", 3, False)],
)
def test_after_title_of(nlp, text, index, expected):
    assert after_title_of(nlp(text), index) is expected


def test_char_span(nlp):
    doc = nlp("Yesterday Amara  Nwosu spoke.")
    span = char_span(doc, 1, 4)
    assert doc.text[span.begin:span.end] == "Amara  Nwosu"
