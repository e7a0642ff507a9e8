"""The scoring section of the lexicon (see :mod:`graph.lexicon`): the words of the shared scorer.

``claimgraph evaluate`` must give the metrics of the project's shared scorer
(``shared/eval/score_gold.py``), so it normalises names and units with the scorer's own
lists, copied into ``graph/data/scorer_honorifics.txt`` and ``scorer_mass_units.tsv``;
they are not claimgraph's extraction lists (``honorifics.tsv``, ``unit_conversions.tsv``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from graph.lexicon._files import read_lines, read_table


@dataclass(frozen=True)
class ScoringWords:
    """The shared scorer's normalisation words.

    Attributes:
        leading_honorific: Matches one honorific (optionally with its dot) and the spaces
            after it at the start of a lowercase name, as the scorer's ``HONORIFICS``.
        mass_units: Unit (lowercase) -> (base unit, factor): one unit is ``factor`` base
            units, as the scorer's ``UNITS``.
    """

    leading_honorific: re.Pattern[str]
    mass_units: Mapping[str, tuple[str, float]]


def load() -> ScoringWords:
    """Read ``scorer_honorifics.txt`` (one regex alternative a line, in the scorer's order)
    and ``scorer_mass_units.tsv`` (unit, base unit, factor)."""
    alternatives = "|".join(read_lines("scorer_honorifics.txt"))
    units = {unit: (base, float(factor)) for unit, base, factor in read_table("scorer_mass_units.tsv")}
    return ScoringWords(leading_honorific=re.compile(rf"^({alternatives})\.?\s+"),
                        mass_units=MappingProxyType(units))
