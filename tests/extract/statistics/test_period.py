"""Tests of graph.extract.statistics.period: when a figure applies."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "date", "period"),
    [
        ("Police arrested 21,566 people in 2020.", "2021-03-01", "2020"),
        ("Nearly 1.5 tonnes of drugs have been seized since 2017.", "2020-05-02", "2017/2020"),
        ("Officers arrested 300 suspects last year.", "2021-03-01", "2020"),
        ("Officers arrested 300 suspects last year.", None, None),
        ("Guards found 40 kilograms of opium on March 3.", "2022-06-01", "2022-03-03"),
        ("Guards found 40 kilograms of opium on March 3.", None, "--03-03"),
        ("Guards found 40 kilograms of opium in March 2019.", "2022-06-01", "2019-03"),
        ("Guards found 40 kilograms of opium.", "2022-06-01", None),
    ],
)
def test_period(stats, text, date, period):
    found = stats(text, date=date)
    assert found and found[0].period == period
