"""Tests of graph.extract.statistics (find_statistics): the whole figure, and inputs that
once raised inside the stage."""

from __future__ import annotations

from decimal import Decimal

import pytest


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("Police arrested 21,566 people in 2020.", "21,566 people"),
        ("Customs officers seized nearly three tonnes of heroin.", "nearly three tonnes of heroin"),
        ("The firm paid $4 million in fines.", "$4 million"),
        ("At least 15 soldiers were wounded.", "At least 15 soldiers"),
    ],
)
def test_figure_text(stats, text, figure):
    found = stats(text)
    assert [s.text for s in found] == [figure]
    assert text[found[0].span.begin:found[0].span.end] == figure


# A whole number of more than 28 digits before "-<number word>" made Decimal's modulo fail
# (DivisionImpossible) and the whole article with it.
@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The vault held 10000000000000000000000000000000-five bars.", "1E+31", "bar"),
        ("Auditors found 40 trillion trillion trillion-two coins.", "4E+37", "coin"),
        ("The ledger showed 1234567890123456789012345678901234-two entries.",
         "1234567890123456789012345678901234", "entry"),
    ],
)
def test_huge_numbers_do_not_raise(stats, text, value, unit):
    found = stats(text)
    assert (found[0].value, found[0].unit) == (Decimal(value), unit)


def test_no_date_no_relative_period(stats):
    assert stats("Officers arrested 300 suspects last year.", date=None)[0].period is None
