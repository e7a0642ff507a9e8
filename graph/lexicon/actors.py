"""The actors section of the lexicon (see :mod:`graph.lexicon`): honorifics, titles and the
words that shape names of people, organisations and places."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from graph.lexicon._files import read_table, read_words


@dataclass(frozen=True)
class Honorifics:
    """Honorifics ("Mr", "Lt Gen", "Samdech") from ``honorifics.tsv``.

    Attributes:
        forms: Each honorific as written in the file (lowercase, without its final dot).
        gender: Honorific (letters and spaces only) -> "m" or "f", where it tells.
        ends: The last word of every honorific ("gen" for "Lt. Gen.").
        prefix: Matches one or more honorifics at the start of a name ("Lt. Gen. Dara").
        suffix: Matches one or more honorifics at the end of a text ("... said Mr.").
    """

    forms: tuple[str, ...]
    gender: Mapping[str, str]
    ends: frozenset[str]
    prefix: re.Pattern[str]
    suffix: re.Pattern[str]

    def strip(self, name: str) -> str:
        """``name`` without leading honorifics ("Lt. Gen. Dara" -> "Dara"); the name itself
        if nothing else is left."""
        return self.prefix.sub("", name.strip()) or name.strip()


@dataclass(frozen=True)
class ActorWords:
    """Word lists of the actors stage and of identity.

    Attributes:
        honorifics: See :class:`Honorifics`.
        title_noise: Words ignored when titles are compared ("former Water Minister" =
            "Minister of Water"), from ``title_noise.txt``.
        titles: Job-title heads ("minister", "secretary-general"), from ``titles.txt``.
    """

    honorifics: Honorifics
    title_noise: frozenset[str]
    titles: frozenset[str]


def _honorifics() -> Honorifics:
    rows = read_table("honorifics.tsv")
    forms = tuple(row[0] for row in rows)
    longest_first = sorted(forms, key=len, reverse=True)
    alt = "|".join(f.replace(" ", r"\.?\s+") for f in longest_first)
    gender = {re.sub(r"[^a-z ]", "", row[0].replace("\\", "")): row[1]
              for row in rows if len(row) > 1 and row[1]}
    ends = frozenset(re.findall(r"\w+", f.replace("\\", ""))[-1].lower() for f in forms)
    return Honorifics(forms=forms, gender=MappingProxyType(gender), ends=ends,
                      prefix=re.compile(rf"^(?:(?:{alt})\b\.?\s+)+", re.IGNORECASE),
                      suffix=re.compile(rf"(?:\b(?:{alt})\b\.?\s+)+$", re.IGNORECASE))


def load() -> ActorWords:
    """Read the actors word lists."""
    return ActorWords(honorifics=_honorifics(), title_noise=read_words("title_noise.txt"),
                      titles=read_words("titles.txt"))
