"""A small hand-made resolved article shared by the RDF tests."""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph.rdf.ids import Ids
from graph.records import (Article, ArticleRecord, Entity, Merge, Mention, ResolvedRecord, Role, Span,
                           Statement, Statistic)

TEXT = ('Harbour Minister Lena Okafor of the Coastal Party said on Monday: "The port will reopen '
        'soon." Okafor warned that fuel prices could rise. About 2.8 million tonnes of cargo were '
        'handled in 2023, a port spokesman said. She called the plan "a bold step" for Portvale.')


def span(phrase: str, nth: int = 0) -> Span:
    """The span of the ``nth`` occurrence of ``phrase`` in :data:`TEXT`."""
    begin = -1
    for _ in range(nth + 1):
        begin = TEXT.index(phrase, begin + 1)
    return Span(begin, begin + len(phrase))


def mention(phrase: str, nth: int = 0) -> Mention:
    """A mention of the ``nth`` occurrence of ``phrase``."""
    return Mention(span(phrase, nth), phrase)


def example_record(article_id: str = "art-1", title: str = "Port to reopen") -> ResolvedRecord:
    """One article with every kind of record: entities, a role, three statements, a statistic."""
    ids = Ids()
    article = Article(id=article_id, source_file=f"{article_id}.txt", text=TEXT, title=title,
                      date="2024-03-05", url="https://news.example.org/port", publisher="Example News",
                      author="Sam Reporter")
    entities = [
        Entity("e1", "Person", "Lena Okafor", {"Okafor"}, [mention("Lena Okafor"), mention("Okafor", 1)],
               gender="f", evidence=[("Okafor", "short name")]),
        Entity("e2", "Organization", "Coastal Party", set(), [mention("Coastal Party")]),
        Entity("e3", "Place", "Portvale", set(), [mention("Portvale")]),
        Entity("e4", "UnnamedSource", "a port spokesman", set(), [mention("a port spokesman")]),
    ]
    statements = [
        Statement("direct", span("The port will reopen soon."), "The port will reopen soon.", "e1", "say",
                  "assert", ["e3"], span("said")),
        Statement("indirect", span("fuel prices could rise"), "fuel prices could rise", "e1", "warn", "warn",
                  [], span("warned")),
        Statement("mixed", span('the plan "a bold step" for Portvale'), 'the plan "a bold step" for Portvale',
                  "e1", "call", "praise", ["e3"], span("called")),
    ]
    statistic = Statistic(Decimal("2.8E6"), "tonne", span("About 2.8 million tonnes"), "About 2.8 million tonnes",
                          measure="cargo handled", period="2023", qualifier="about", source="e4")
    record = ArticleRecord(article, entities, [Role("e1", "Harbour Minister", "e2",
                                                    span("Harbour Minister Lena Okafor"))],
                           statements, [statistic])
    person = ids.actor("Person", "Lena Okafor")
    iris = {"e1": person, "e2": ids.actor("Organization", "Coastal Party"), "e3": ids.actor("Place", "Portvale"),
            "e4": ids.source(article_id, span("a port spokesman"))}
    merges = [Merge("L. Okafor", "near spelling", (ids.article("art-0"), ids.article(article_id))),
              Merge("Okafor", "short name", (ids.article(article_id),))]
    return ResolvedRecord(record, iris, labels={person: "Lena Okafor"}, merges={person: merges})


@pytest.fixture
def resolved() -> ResolvedRecord:
    """The example article, resolved."""
    return example_record()


@pytest.fixture
def make_record():
    """:func:`example_record` itself, for tests that need several variants."""
    return example_record
