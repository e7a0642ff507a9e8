"""Fixtures of the statistics stage tests: figures of an invented sentence."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from graph.extract.actors import find_actors
from graph.extract.statistics import find_statistics
from graph.records import Statement, Statistic


@pytest.fixture
def stats(nlp) -> Callable[..., list[Statistic]]:
    """``stats(text, date=..., statements=...)``: the figures of ``text``, with its entities."""

    def run(text: str, date: str | None = "2021-03-01",
            statements: list[Statement] | None = None) -> list[Statistic]:
        doc = nlp(text)
        entities = find_actors(doc).entities
        return find_statistics(doc, date, entities, statements or [])

    return run
