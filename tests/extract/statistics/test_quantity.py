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
        # ages and points in time are not durations, nor is a single unit of time
        "He was 68 years old when he retired.",
        "She was elected mayor, aged 52, in the spring.",
        "Two years ago the plant closed.",
        "The plant closed and reopened three weeks later.",
        "The trial lasted a year.",
        "He sold one car to the firm.",
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
        # "one" of a rate or limit
        ("The shop limited sales to one pack per customer.", 1),
    ],
)
def test_number_words_that_count(stats, text, value):
    assert [int(s.value) for s in stats(text)] == [value]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        # a duration is a figure: how long something lasts or will take
        ("The drive took three hours.", 3, "hour"),
        ("She led the party for 37 years.", 37, "year"),
        ("He will be eligible for parole in 25 years.", 25, "year"),
        ("Police arrived 36 minutes after the first call.", 36, "minute"),
        # a light year is a distance
        ("The star lies 195 light years from the sun.", 195, "light year"),
    ],
)
def test_durations(stats, text, value, unit):
    assert [(int(s.value), s.unit) for s in stats(text)] == [(value, unit)]
