"""Tests of graph.ingest.dates: date normalisation, datelines, dates in names, and which
evidence dates an article (only strong evidence: the years a text mentions do not)."""

from __future__ import annotations

import re

import pytest

from graph.ingest.assemble import Metadata, build_article
from graph.ingest.dates import date_in_name, date_line, date_line_pattern, normalise_date, wire_dateline
from graph.records import Span


@pytest.mark.parametrize(("value", "expected"), [
    ("2024-02-13T10:00:00Z", "2024-02-13"),
    ("2024-02-13T23:30:00-05:00", "2024-02-13"),
    ("February 13, 2024", "2024-02-13"),
    ("13 Feb 2024", "2024-02-13"),
    ("Tuesday, 13 February 2024, 08:15 GMT+7", "2024-02-13"),
    ("Feb. 2024", "2024-02"),
    ("2024", "2024"),
    ("  2021-07-01  ", "2021-07-01"),
    ("February 13", None),
    ("next week", None),
    ("", None),
    ("12", None),
    ("0999-01-01", None),
    ("x" * 200, None),
])
def test_normalise_date(value, expected):
    assert normalise_date(value) == expected


@pytest.mark.parametrize(("line", "expected"), [
    ("Friday, January 4, 2019", "2019-01-04"),
    ("Friday, January 4, 2019  ", "2019-01-04"),
    ("4 January 2019", "2019-01-04"),
    ("Published: 13 February 2024, 10:05 GMT", "2024-02-13"),
    ("Updated on Mar. 3, 2023 at 4:45 p.m.", "2023-03-03"),
    ("2022-11-30", "2022-11-30"),
    ("On January 4, 2019 the bridge opened.", None),
    ("January 2019 was the wettest month", None),
    ("Monday", None),
])
def test_date_line(line, expected):
    assert date_line(line) == expected


@pytest.mark.parametrize(("line", "prefix", "date"), [
    ("PORT LOUIS, March 3, 2024 (Reuters) - Dock workers went on strike.",
     "PORT LOUIS, March 3, 2024 (Reuters) -", "2024-03-03"),
    ("PORT LOUIS, March 3 (Reuters) - Dock workers went on strike.",
     "PORT LOUIS, March 3 (Reuters) -", None),
    ("LIMA, Peru (AP) — Dock workers went on strike.", "LIMA, Peru (AP) —", None),
    ("OSLO (Reuters) -", "OSLO (Reuters) -", None),
    ("UN - The talks ended without a deal.", None, None),
    ("Dock workers went on strike - again.", None, None),
    ("NEW YORK - The talks ended.", None, None),
])
def test_wire_dateline(line, prefix, date):
    found = wire_dateline(line, 5)
    if prefix is None:
        assert found is None
    else:
        assert found is not None
        assert found.span == Span(5, 5 + len(prefix))
        assert found.date == date


@pytest.mark.parametrize(("name", "expected"), [
    ("2021-06-30_Bridge_reopens.txt", "2021-06-30"),
    ("2021_06_30_bridge.md", "2021-06-30"),
    ("https://example.org/news/2019/12/01/bridge-reopens", "2019-12-01"),
    ("desk-2022.04.09-flood.txt", "2022-04-09"),
    ("2021-06_bridge.txt", None),             # no day
    ("2021-13-01_bridge.txt", None),          # no such month
    ("2021-02-29_bridge.txt", None),          # no such day
    ("2021-06/30_bridge.txt", None),          # two separators
    ("12021-06-30.txt", None),                # inside a longer number
    ("20210630_bridge.txt", None),            # no separator: may be any number
    ("003_131d7aa2d4a58d4a.txt", None),
])
def test_date_in_name(name, expected):
    assert date_in_name(name) == expected


@pytest.mark.parametrize(("meta", "source", "text", "date", "inferred"), [
    (Metadata(date="2023-05-02"), "2020-01-01_x.txt",
     "Body\n\nIt happened in 2019 and again in 2021.\n", "2023-05-02", False),
    # the years a text mentions do not date it
    (Metadata(), "x.txt", "Body\n\nIt happened in 2019 and again in 2021.\n", None, False),
    (Metadata(), "x.txt", "Body\n\nNothing dated here at all.\n", None, False),
    (Metadata(), "2020-01-01_x.txt", "Body\n\nIt happened in 2019 and again in 2021.\n",
     "2020-01-01", True),
    (Metadata(url="https://example.org/2018/07/04/x"), "x.txt", "Body\n\nIn 2021.\n",
     "2018-07-04", True),
    # a dateline wins over the name
    (Metadata(), "2020-01-01_x.txt", "Body\n\nMonday, March 4, 2019\n\nThe dam held.\n",
     "2019-03-04", True),
])
def test_article_date(meta, source, text, date, inferred):
    article = build_article("x", source, text, meta, "plain")
    assert (article.date, article.date_inferred) == (date, inferred)


# The label and time of a date line as written before their words moved to graph/data/
# (issue 13): the pattern built from the data files must read every line as this did.
_LABEL_BEFORE = re.compile(r"(?:(?:(?:first |last )?(?:published|updated|posted|modified)|date)"
                           r"(?:\s+on)?\s*[:|-]?\s*)4 May 2020"
                           r"(?:,?\s*(?:at\s+|[-–|]\s*)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
                           r"(?:\s*\(?[a-z]{2,5}(?:\s?[+-]\s?\d{1,2}(?::?\d{2})?)?\)?)?)?", re.I)


@pytest.mark.parametrize("label", [
    "Published: ", "First published on ", "LAST UPDATED - ", "Date | ", "Posted on: ", "modified ",
    "first date: ", "Updated on", "Printed: ", "Last ",
])
@pytest.mark.parametrize("time", ["", ", 10:05 GMT", " at 3.30pm", " At 10:05", " after 10:05"])
def test_date_line_label_and_time_unchanged(label, time):
    line = f"{label}4 May 2020{time}"
    assert bool(date_line_pattern().fullmatch(line)) is bool(_LABEL_BEFORE.fullmatch(line))
