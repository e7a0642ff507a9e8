"""The speech section of the lexicon (see :mod:`graph.lexicon`)."""

from __future__ import annotations

from dataclasses import dataclass

from graph.lexicon._files import read_words


@dataclass(frozen=True)
class SpeechWords:
    """Word lists of the speech stage, read from ``graph/data/``.

    Attributes:
        reporting_verbs: Lemmas of verbs whose subject is usually a person or organisation
            speaking, from ``reporting_verbs.txt``.
    """

    reporting_verbs: frozenset[str]


def load() -> SpeechWords:
    """Read the speech word lists."""
    return SpeechWords(reporting_verbs=read_words("reporting_verbs.txt"))
