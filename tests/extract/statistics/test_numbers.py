"""Tests of graph.extract.statistics.numbers: numbers in digits and words."""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph.extract.statistics.numbers import find_numbers


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Crews cleared 12,840 kilos.", [("12,840", "12840")]),
        ("The agency registered 2.8 million vehicles.", [("2.8 million", "2800000")]),
        ("The vault held thirty-five bars.", [("thirty-five", "35")]),
        ("The vault held 2.5-five bars.", [("2.5", "2.5"), ("five", "5")]),  # not tens: two numbers
        ("They waited twenty five days.", [("twenty", "20")]),  # read once, as its first word
        ("A hundred guests came.", [("A hundred", "100")]),
        ("The vault held 10000000000000000000000000000000-five bars.",
         [("10000000000000000000000000000000-five", "1E+31")]),
        ("Nobody came.", []),
        # "and a half": half of the last word's place, hyphenated or not
        ("The camp held three-and-a-half million people.", [("three-and-a-half million", "3500000.0")]),
        ("The march drew a million and a half people.", [("a million and a half", "1500000")]),
        ("Another million-and-a-half signed up.", [("million-and-a-half", "1500000")]),
        ("They walked for 2 and a half hours.", [("2 and a half", "2.5")]),
    ],
)
def test_find_numbers(nlp, text, numbers):
    doc = nlp(text)
    assert [(doc[n.start:n.end].text, n.value) for n in find_numbers(doc)] == \
        [(words, Decimal(value)) for words, value in numbers]


@pytest.mark.parametrize(("text", "article"), [("Rescuers found a dog.", True), ("Rescuers found one dog.", False)])
def test_article(nlp, text, article):
    (num,) = find_numbers(nlp(text))
    assert num.article is article
