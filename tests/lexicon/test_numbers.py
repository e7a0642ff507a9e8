"""Tests of graph.lexicon.numbers: number words, units, qualifiers and measure words."""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph.lexicon import lexicon


@pytest.mark.parametrize(("word", "value", "kind"), [
    ("twelve", "12", "unit"), ("million", "1000000", "scale"), ("an", "1", "article"),
])
def test_number_words(word, value, kind):
    entry = lexicon().numbers.words[word]
    assert (entry.value, entry.kind) == (Decimal(value), kind)


@pytest.mark.parametrize(("form", "unit", "position"), [
    ("$", "USD", "prefix"), ("per cent", "percent", "suffix"), ("kilos", "kilogram", "suffix"),
])
def test_units(form, unit, position):
    entry = lexicon().numbers.units[form]
    assert (entry.unit, entry.position) == (unit, position)
    assert unit in lexicon().numbers.unit_names


@pytest.mark.parametrize(("qualifier", "low", "high", "rounding", "read"), [
    ("more than", "1", "Infinity", False, True),
    ("nearly", "0.8", "1", False, True),
    ("about", "0.8", "1.2", True, True),
    ("below", "0", "1", False, False),   # understood when comparing, never read in text
])
def test_qualifiers(qualifier, low, high, rounding, read):
    q = lexicon().numbers.qualifiers[qualifier]
    assert (q.low, q.high, q.rounding, q.read) == (Decimal(low), Decimal(high), rounding, read)
    assert (qualifier in lexicon().numbers.read_qualifiers) is read


def test_read_qualifiers_longest_first():
    lengths = [len(q) for q in lexicon().numbers.read_qualifiers]
    assert lengths == sorted(lengths, reverse=True)


@pytest.mark.parametrize(("use", "word"), [
    ("amount-noun", "number"), ("open-range", "since"), ("source-phrase", "according to"),
    ("age-marker", "-year-old"), ("no-article", "some"),
])
def test_uses(use, word):
    assert word in lexicon().numbers.uses[use]


def test_year_leads_keep_file_order():
    assert lexicon().numbers.uses["year-lead"] == ("the", "year", "of")


@pytest.mark.parametrize(("unit", "base", "factor"), [("tonne", "kilogram", "1000"), ("mile", "metre", "1609.344")])
def test_conversions(unit, base, factor):
    assert lexicon().numbers.conversions[unit] == (base, Decimal(factor))
