"""Tests of graph.extract.statistics.quantity: numbers that are not quantities."""

from __future__ import annotations

import pytest


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
        "Tickets went to winner #4 and nobody else.",
        "The drive took three hours.",
        "The two met on Monday.",
        "By Friday these three had recovered.",
        "The storm killed one and left.",
    ],
)
def test_not_statistics(stats, text):
    assert stats(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # "counts" (charges) is a counted noun, not the unit of a bare number
        ("She faces twelve counts of fraud.", 12),
        # a number word that stands for what it counts: subject, object, after a qualifier
        ("Police arrested three.", 3),
        ("Two of the miners died.", 2),
        ("Fewer than two hundred came to the fair.", 200),
        ("Over a thousand were hurt.", 1000),
    ],
)
def test_number_words_that_count(stats, text, value):
    assert [int(s.value) for s in stats(text)] == [value]
