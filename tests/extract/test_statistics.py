"""Tests for graph.extract.statistics, on invented sentences run through the real model."""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph.extract.actors import find_actors
from graph.extract.statistics import extract_statistics
from graph.records import Article, Span, Statement, Statistic


def _stats(nlp, text: str, date: str | None = "2021-03-01",
           statements: list[Statement] | None = None) -> list[Statistic]:
    doc = nlp(text)
    ents = find_actors(doc).entities
    article = Article(id="t", source_file="t.txt", text=text, date=date)
    return extract_statistics(doc, article, ents, statements or [])


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("Police arrested 21,566 people in 2020.", "21566", "person", None),
        ("Customs officers seized nearly three tonnes of heroin.", "3", "tonne", "nearly"),
        ("Inspectors found over a tonne of cocaine in the truck.", "1", "tonne", "over"),
        ("The firm paid $4 million in fines.", "4000000", "USD", None),
        ("Unemployment rose by 19% in the north.", "19", "percent", None),
        ("Turnout fell to 72 percent this spring.", "72", "percent", None),
        ("The agency registered 2.8 million vehicles.", "2800000", "vehicle", None),
        ("Courts heard more than 300 cases of fraud.", "300", "case", "more than"),
        ("Officers recorded 1,204 thefts and other crimes.", "1204", "theft", None),
        ("Border guards detained about 40 migrants.", "40", "person", "about"),
        ("The lab tested 99.5 kilogrammes of powder.", "99.5", "kilogram", None),
        ("A farmer was fined 500,000 riel.", "500000", "KHR", None),
        ("Rescuers pulled 12 students from the river.", "12", "person", None),
        ("At least 15 soldiers were wounded.", "15", "person", "at least"),
    ],
)
def test_value_unit_qualifier(nlp, text, value, unit, qualifier):
    stats = _stats(nlp, text)
    hits = [s for s in stats if s.value == Decimal(value)]
    assert hits, [(s.value, s.unit) for s in stats]
    assert hits[0].unit == unit
    assert hits[0].qualifier == qualifier
    assert text[hits[0].span.begin:hits[0].span.end] == hits[0].text


@pytest.mark.parametrize(
    "text",
    [
        "The law was passed in 2019 after a long debate.",
        "He lives on street 60 near the market.",
        "The hearing is set for January 22.",
        "She was the first to arrive at 9:30.",
        "For details call 012-345-678 today.",
        "One of them said nothing.",
        "The 45-year-old driver was arrested.",
    ],
)
def test_not_statistics(nlp, text):
    assert _stats(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "date", "period"),
    [
        ("Police arrested 21,566 people in 2020.", "2021-03-01", "2020"),
        ("Nearly 1.5 tonnes of drugs have been seized since 2017.", "2020-05-02", "2017/2020"),
        ("Officers arrested 300 suspects last year.", "2021-03-01", "2020"),
        ("Officers arrested 300 suspects last year.", None, None),
        ("Guards found 40 kilograms of opium on March 3.", "2022-06-01", "2022-03-03"),
        ("Guards found 40 kilograms of opium.", "2022-06-01", None),
    ],
)
def test_period(nlp, text, date, period):
    stats = _stats(nlp, text, date=date)
    assert stats and stats[0].period == period


@pytest.mark.parametrize(
    ("text", "measure_word"),
    [
        ("Police arrested 21,566 people in 2020.", "people"),
        ("Customs officers seized nearly three tonnes of heroin.", "heroin"),
        ("There was a 30 percent rise in the number of burglaries.", "burglaries"),
    ],
)
def test_measure(nlp, text, measure_word):
    stats = _stats(nlp, text)
    assert stats and stats[0].measure and measure_word in stats[0].measure


def test_source_from_according_to(nlp):
    text = "According to the Ministry of Health, 420 patients were treated."
    doc = nlp(text)
    ents = find_actors(doc).entities
    article = Article(id="t", source_file="t.txt", text=text)
    stats = extract_statistics(doc, article, ents, [])
    ministry = next(e for e in ents if e.name == "Ministry of Health")
    assert stats[0].source == ministry.key


def test_source_from_statement(nlp):
    text = "The mayor said that 75 families lost their homes."
    begin = text.index("75")
    statement = Statement("indirect", Span(begin, len(text) - 1),
                          text[begin:-1], "s0", "say", "assert")
    stats = _stats(nlp, text, statements=[statement])
    assert stats[0].source == "s0"
    assert stats[0].unit == "family"
