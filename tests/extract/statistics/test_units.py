"""Tests of graph.extract.statistics.units: unit symbols, unit words and counted nouns."""

from __future__ import annotations

from decimal import Decimal

import pytest


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Police arrested 21,566 people in 2020.", "21566", "person"),
        ("Customs officers seized nearly three tonnes of heroin.", "3", "tonne"),
        ("Inspectors found over a tonne of cocaine in the truck.", "1", "tonne"),
        ("The firm paid $4 million in fines.", "4000000", "USD"),
        ("The firm paid seven million US dollars in fines.", "7000000", "USD"),
        # "one" with a scale word is no lone "one"
        ("Police offered a one million US dollar reward.", "1000000", "USD"),
        ("Unemployment rose by 19% in the north.", "19", "percent"),
        ("Turnout fell to 72 percent this spring.", "72", "percent"),
        ("The agency registered 2.8 million vehicles.", "2800000", "vehicle"),
        ("Courts heard more than 300 cases of fraud.", "300", "case"),
        ("Officers recorded 1,204 thefts and other crimes.", "1204", "theft"),
        ("Border guards detained about 40 migrants.", "40", "person"),
        ("The lab tested 99.5 kilogrammes of powder.", "99.5", "kilogram"),
        ("A farmer was fined 500,000 riel.", "500000", "KHR"),
        ("Rescuers pulled 12 students from the river.", "12", "person"),
        ("At least 15 soldiers were wounded.", "15", "person"),
        ("The council hired 3 inspectors.", "3", "person"),  # a job title counts people
    ],
)
def test_unit(stats, text, value, unit):
    hits = [s for s in stats(text) if s.value == Decimal(value)]
    assert hits and hits[0].unit == unit


def test_unit_from_earlier_noun(stats):
    found = stats("The clinic tested 80 patients and about 50 were positive.")
    assert [(s.value, s.unit) for s in found] == [(Decimal(80), "person"), (Decimal(50), "person")]
