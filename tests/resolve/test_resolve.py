"""One article resolved against its context (graph.resolve.resolve)."""

from __future__ import annotations

import pytest

from graph.rdf.ids import Ids
from graph.records import Article, ArticleRecord, Entity, Mention, Span
from graph.resolve import resolve

IDS = Ids()


def _record(article_id: str, name: str, kind: str = "Organization") -> ArticleRecord:
    text = f"The {name} said the road was closed."
    begin = text.index(name)
    entity = Entity("e0", kind, name, mentions=[Mention(Span(begin, begin + len(name)), name)])
    return ArticleRecord(Article(article_id, f"{article_id}.txt", text), [entity])


@pytest.mark.parametrize(
    ("name", "kind", "shared"),
    [("police", "Organization", False), ("government", "Organization", False),
     ("The fire service", "Organization", False), ("The Hague", "Place", True),
     ("Harbour Police", "Organization", True), ("Lena Okafor", "Person", True)],
)
def test_actors_known_only_by_a_common_noun_stay_in_their_article(name, kind, shared):
    first, _ = resolve(_record("a1", name, kind), IDS)
    second, _ = resolve(_record("a2", name, kind), IDS)
    assert (first.iris["e0"] == second.iris["e0"]) is shared


def test_merges_of_the_article_carry_the_within_article_reasons():
    record = _record("a1", "Harbour Safety Board")
    record.entities[0].aliases.add("HSB")
    record.entities[0].evidence.append(("HSB", "acronym"))
    resolved, _ = resolve(record, IDS)
    [merges] = resolved.merges.values()
    assert {(m.alias, m.reason) for m in merges} == {("HSB", "acronym"), ("HSB", "defined acronym")}
    assert {m.articles for m in merges} == {(IDS.article("a1"),)}
