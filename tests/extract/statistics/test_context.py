"""Tests of graph.extract.statistics.context: qualifier, measure and source of a figure."""

from __future__ import annotations

import pytest

from graph.extract.actors import find_actors
from graph.extract.statistics import find_statistics
from graph.records import Span, Statement


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("Customs officers seized nearly three tonnes of heroin.", "nearly"),
        ("Inspectors found over a tonne of cocaine in the truck.", "over"),
        ("Courts heard more than 300 cases of fraud.", "more than"),
        ("Border guards detained about 40 migrants.", "about"),
        ("At least 15 soldiers were wounded.", "at least"),
        ("The firm paid $4 million in fines.", None),
    ],
)
def test_qualifier(stats, text, qualifier):
    assert stats(text)[0].qualifier == qualifier


@pytest.mark.parametrize(
    ("text", "measure_word"),
    [
        ("Police arrested 21,566 people in 2020.", "people"),
        ("Customs officers seized nearly three tonnes of heroin.", "heroin"),
        ("There was a 30 percent rise in the number of burglaries.", "burglaries"),
    ],
)
def test_measure(stats, text, measure_word):
    found = stats(text)
    assert found and found[0].measure and measure_word in found[0].measure


def test_source_from_according_to(nlp):
    doc = nlp("According to the Ministry of Health, 420 patients were treated.")
    entities = find_actors(doc).entities
    ministry = next(e for e in entities if e.name == "Ministry of Health")
    assert find_statistics(doc, None, entities, [])[0].source == ministry.key


def test_source_from_statement(stats):
    text = "The mayor said that 75 families lost their homes."
    begin = text.index("75")
    statement = Statement("indirect", Span(begin, len(text) - 1), text[begin:-1], "s0", "say", "assert")
    found = stats(text, statements=[statement])
    assert (found[0].source, found[0].unit) == ("s0", "family")
