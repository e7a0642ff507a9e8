"""Roles in time: who held a title and when, from invented articles of different years."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.entity import roles
from graph.pipeline import build
from graph.rdf.store import Store

pytestmark = pytest.mark.slow

ARTICLES = [
    {"id": "harbour-2016", "date": "2016-05-10", "text": "Port strike ends\n\nTransport Minister Ingrid "
     "Solberg said on Tuesday that the strike at the northern harbour was over. Solberg told reporters "
     "that wages would rise.\n"},
    {"id": "budget-2021", "date": "2021-09-14", "text": "Budget unveiled\n\nFinance Minister Ingrid "
     "Solberg presented the budget to parliament on Monday. Solberg said the deficit would shrink.\n"},
    {"id": "rail-2019", "date": "2019-02-01", "text": "Rail line opens\n\nTransport Minister Lars Berg "
     "opened the coastal rail line on Friday. Berg said trains would run every hour.\n"},
]


def build_jsonl(tmp_path: Path, nlp, articles: list[dict]) -> Store:
    """A store built from these articles, written as one JSONL file (caller closes it)."""
    source = tmp_path / "articles.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in articles), "utf-8")
    store = Store.open(tmp_path / "store")
    report = build([source], store, nlp=nlp)
    assert report.ok, report.errors
    return store


@pytest.fixture(scope="module")
def store(tmp_path_factory, nlp):
    with build_jsonl(tmp_path_factory.mktemp("roles"), nlp, ARTICLES) as st:
        yield st


@pytest.mark.parametrize(("title", "person", "expected"), [
    ("transport minister", None, [("Ingrid Solberg", "Transport Minister", "Ministry of Transport", "2016-05-10"),
                                  ("Lars Berg", "Transport Minister", "Ministry of Transport", "2019-02-01")]),
    (None, "Solberg", [("Ingrid Solberg", "Finance Minister", "Ministry of Finance", "2021-09-14"),
                       ("Ingrid Solberg", "Transport Minister", "Ministry of Transport", "2016-05-10")]),
    ("FINANCE MINISTER", "ingrid solberg", [("Ingrid Solberg", "Finance Minister", "Ministry of Finance",
                                             "2021-09-14")]),
    ("Prime Minister", None, []),
])
def test_who_held_which_title_and_when(store, title, person, expected):
    rows = roles(store, title=title, person=person)
    assert [(r["person"], r["title"], r["organization"], r["date"]) for r in rows] == expected


def test_each_role_points_to_its_article_and_offsets(store):
    rows = roles(store, person="Lars Berg")
    assert [(r["file"], r["begin"], r["end"]) for r in rows] == [("rail-2019", 17, 35)]
    assert ARTICLES[2]["text"][17:35] == "Transport Minister"
