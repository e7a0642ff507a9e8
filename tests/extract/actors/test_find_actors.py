"""Tests for graph.extract.actors.find_actors: the whole stage, on invented sentences run
through the real model."""

from __future__ import annotations

import pytest

from graph.extract.actors import find_actors
from graph.records import Actors, Article


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Interior Minister Kofi Mensah spoke in Dunmere.   \n\n  Mensah said the "
         "National Police would act.", {"Kofi Mensah", "National Police"}),
        ("Mr. Tomas Berg met reporters. Mr. Berg said the deal was done.", {"Tomas Berg"}),
        ("Flooding hit villages in Battambor province on Sunday.", {"Battambor"}),
    ],
)
def test_entities_keyed_in_order_and_mentions_index_the_text(nlp, text, names):
    actors = find_actors(nlp(text))
    assert isinstance(actors, Actors)
    assert names <= {e.name for e in actors.entities}
    assert [e.key for e in actors.entities] == [f"e{i}" for i in range(len(actors.entities))]
    kinds = [e.kind for e in actors.entities if e.mentions]
    assert kinds == sorted(kinds, key=["Person", "Organization", "Place"].index)
    for e in actors.entities:
        for m in e.mentions:
            assert text[m.span.begin:m.span.end] == m.text


def test_implied_organisation_comes_last(nlp):
    actors = find_actors(nlp("Water Minister Lena Okafor visited Battambor province."))
    last = actors.entities[-1]
    assert (last.name, last.mentions) == ("Ministry of Water", [])
    assert last.evidence == [("Water Minister", "title implies organisation")]
    assert [r.organization for r in actors.roles] == [last.key]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n   ",
        "“Unbalanced quote marks said Mr. Berg, and (an open bracket",
        "Mr.",
        "The Ministry of",
    ],
)
def test_odd_input_does_not_raise(nlp, text):
    actors = find_actors(nlp(text))
    for e in actors.entities:
        for m in e.mentions:
            assert text[m.span.begin:m.span.end] == m.text


def test_a_name_spaced_with_a_no_break_space_is_one_name(nlp):
    """Language processing runs on :meth:`Article.masked_text`, whose spaces are plain."""
    article = Article("a", "a.txt", "Interior Minister Kofi\u00a0Mensah spoke in Dunmere on Monday.")
    actors = find_actors(nlp(article.masked_text()))
    assert "Kofi Mensah" in {e.name for e in actors.entities if e.kind == "Person"}
