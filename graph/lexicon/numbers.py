"""The numbers section of the lexicon (see :mod:`graph.lexicon`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NumberWords:
    """Word lists of the numbers stage, read from ``graph/data/``."""


def load() -> NumberWords:
    """Read the numbers word lists."""
    return NumberWords()
