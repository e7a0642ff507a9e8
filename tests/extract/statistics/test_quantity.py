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
    ],
)
def test_not_statistics(stats, text):
    assert stats(text) == []
