"""Article dates inferred from the text when no metadata or dateline gives one."""

from __future__ import annotations

import pytest

from graph.ingest.assemble import Metadata, build_article
from graph.ingest.dates import latest_year


@pytest.mark.parametrize(("text", "expected"), [
    ("Prices rose in 2017. In 2021 they fell again.", "2021"),
    ("Sales grew in 2018. The firm will double them by 2031.", "2018"),
    ("A quiet story with no year in it.", None),
    ("The 1999 budget was $2019 million.", "1999"),
])
def test_latest_year(text, expected):
    assert latest_year(text, now=2025) == expected


@pytest.mark.parametrize(("meta", "text", "date", "inferred"), [
    (Metadata(date="2023-05-02"), "Body\n\nIt happened in 2019 and again in 2021.\n", "2023-05-02", False),
    (Metadata(), "Body\n\nIt happened in 2019 and again in 2021.\n", "2021", True),
    (Metadata(), "Body\n\nNothing dated here at all.\n", None, False),
])
def test_article_date(meta, text, date, inferred):
    article = build_article("x", "x.txt", text, meta, "plain")
    assert (article.date, article.date_inferred) == (date, inferred)
