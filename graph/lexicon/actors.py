"""The actors section of the lexicon (see :mod:`graph.lexicon`)."""

from __future__ import annotations

from dataclasses import dataclass

from graph.lexicon._files import read_words


@dataclass(frozen=True)
class ActorWords:
    """Word lists of the actors stage, read from ``graph/data/``.

    Attributes:
        titles: Job-title heads ("minister", "secretary-general"), from ``titles.txt``.
    """

    titles: frozenset[str]


def load() -> ActorWords:
    """Read the actors word lists."""
    return ActorWords(titles=read_words("titles.txt"))
