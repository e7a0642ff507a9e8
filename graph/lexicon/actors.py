"""The actors section of the lexicon (see :mod:`graph.lexicon`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ActorWords:
    """Word lists of the actors stage, read from ``graph/data/``."""


def load() -> ActorWords:
    """Read the actors word lists."""
    return ActorWords()
