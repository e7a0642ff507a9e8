"""Tests of graph.lexicon.places: country names, variants and demonyms."""

from __future__ import annotations

import pytest

from graph.lexicon import lexicon


@pytest.mark.parametrize(("name", "shown"), [
    ("US", "United States"), ("U.S.", "United States"), ("the United States", "United States"),
    ("United States of America", "United States"), ("America", "United States"),
    ("Britain", "United Kingdom"), ("U.K.", "United Kingdom"),
    ("Russian Federation", "Russia"),          # ISO name, shown by the row's name
    ("Viet Nam", "Vietnam"),                   # ISO name and common name
    ("Republic of Moldova", "Moldova"),        # ISO official name
    ("Czechia", "Czech Republic"), ("Burma", "Myanmar"),
    ("Portugal", "Portugal"), ("Kiribati", "Kiribati"),   # ISO only
    ("Latin America", None), ("Korea", None), ("Oldbridge", None), ("us", "United States"),
])
def test_canonical(name, shown):
    assert lexicon().places.canonical(name) == shown


@pytest.mark.parametrize(("word", "place"), [
    ("British", "United Kingdom"), ("Polish", "Poland"), ("Filipino", "Philippines"),
    ("Americans", "United States"), ("Dutch", "Netherlands"), ("Ministerial", None),
])
def test_of_demonym(word, place):
    assert lexicon().places.of_demonym(word) == place


def test_every_row_names_one_country():
    shown = set(lexicon().places.names.values())
    assert set(lexicon().places.demonyms.values()) <= shown


@pytest.mark.parametrize(("name", "known"), [
    ("Viet Nam", True),            # a country
    ("Gujarat", True), ("Quintana Roo", True), ("Yaoundé", True), ("Yaounde", True),  # subdivisions
    ("Amman", True), ("Kuala Lumpur", True),   # capitals (major_places.txt)
    ("Central", False), ("Southern", False),   # regions' names that are common words
    ("Ra", False),                              # too short to trust
    ("Oldbridge", False),
])
def test_is_place(name, known):
    assert lexicon().places.is_place(name) is known


def test_place_heads_are_lowercase_words():
    heads = lexicon().places.heads
    assert {"bridge", "airport", "river"} <= heads and "authority" not in heads


@pytest.mark.parametrize(("code", "known"), [("KEN", True), ("FRA", True), ("UK", False), ("KEL", False)])
def test_country_codes(code, known):
    assert (code in lexicon().places.codes) is known
