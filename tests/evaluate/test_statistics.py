"""A statistic has the gold value directly or once mass units are converted."""

from __future__ import annotations

import pytest

from graph.evaluate.statistics import SystemStatistic, same_value
from graph.lexicon import lexicon


@pytest.mark.parametrize(
    ("value", "unit", "gold_value", "gold_unit", "expected"),
    [(3.0, "person", 3.0, "person", True), (3.0, "tonnes", 3000.0, "kilogram", True),
     (500.0, "g", 0.5, "kg", True), (3.0, "tonnes", 3.0, "kilogram", True),
     (3.0, "tonnes", 300.0, "kilogram", False), (3.0, "pound", 3000.0, "kilogram", False),
     (2.0, "", 2000.0, "kg", False)],
)
def test_same_value(value, unit, gold_value, gold_unit, expected):
    stat = SystemStatistic(value=value, unit=unit, text=None, span=None)
    assert same_value(stat, gold_value, gold_unit, lexicon().scoring.mass_units) is expected
