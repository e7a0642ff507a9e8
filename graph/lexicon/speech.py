"""The speech section of the lexicon (see :mod:`graph.lexicon`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SpeechWords:
    """Word lists of the speech stage, read from ``graph/data/``."""


def load() -> SpeechWords:
    """Read the speech word lists."""
    return SpeechWords()
