"""The numbers section of the lexicon (see :mod:`graph.lexicon`): the words that make, count,
measure and qualify figures, for the statistics stage and for comparing figures
(:mod:`graph.conflicts`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType

from graph.lexicon._files import read_table, read_words

#: Kinds of number word in ``numbers.tsv``.
NUMBER_KINDS = ("unit", "scale", "article")
#: Positions of a unit in ``units.tsv``.
UNIT_POSITIONS = ("prefix", "suffix")
#: Uses of the function words in ``statistic_words.tsv``.
WORD_USES = ("measure-prep", "amount-noun", "light-verb", "unit-link", "open-range", "source-phrase",
             "age-marker", "duration", "not-duration", "rate", "no-article", "year-lead")
_FLAGS = {"yes": True, "no": False}


@dataclass(frozen=True)
class NumberWord:
    """A number written as a word ("twelve", "million", "a").

    Attributes:
        value: Its value.
        kind: "unit" (a number by itself), "scale" (multiplies the number before it) or
            "article" ("a", "an": one, but only before a unit).
    """

    value: Decimal
    kind: str


@dataclass(frozen=True)
class UnitForm:
    """How a unit is written ("$", "tonnes").

    Attributes:
        unit: The normalised unit ("USD", "tonne").
        position: "prefix" (a symbol before the number) or "suffix" (a word after it).
    """

    unit: str
    position: str


@dataclass(frozen=True)
class Qualifier:
    """A word or phrase that qualifies a figure ("more than", "about").

    Attributes:
        low: Lowest value the qualified figure allows, as a factor of the figure.
        high: Highest value, as a factor of the figure (may be infinite).
        rounding: True when the values also cover the figure's rounding ("about 20,000").
        read: True when the statistics stage looks for it before a figure.
    """

    low: Decimal
    high: Decimal
    rounding: bool
    read: bool


@dataclass(frozen=True)
class NumberWords:
    """Word lists of the statistics stage and of figure comparison, from ``graph/data/``.

    Attributes:
        words: Number word (lowercase) -> its value and kind, from ``numbers.tsv``.
        units: Unit form (lowercase) -> its unit and position, from ``units.tsv``.
        counted: Noun or lemma (lowercase) -> the unit it counts in ("troops" -> "person"),
            from ``counted_nouns.tsv``; a noun not listed counts as its own lemma.
        not_counted: Nouns after a number that make it a duration, age or fraction
            ("years", "half"), from ``not_counted.txt``.
        blockers: Words right before a number that make it a label ("street 12"), from
            ``number_blockers.txt``.
        qualifiers: Qualifier (lowercase) -> its interval and use, from ``qualifiers.tsv``.
        conversions: Unit -> (base unit, factor): figures are compared in the base unit,
            from ``unit_conversions.tsv``.
        measure_lemmas: Irregular plural in a measure -> its singular, from
            ``measure_lemmas.tsv``.
        measure_noise: Words that say nothing about what is measured ("total"), from
            ``measure_noise.txt``.
        relative_years: Date expression ("last year") -> years from the article's year,
            from ``relative_years.tsv``.
        uses: Use -> its function words, in file order, from ``statistic_words.tsv`` (see
            :data:`WORD_USES` and the file's header).
        unit_names: Every normalised unit a unit form stands for ("USD", "percent").
        read_qualifiers: The qualifiers the statistics stage looks for, longest first.
    """

    words: Mapping[str, NumberWord]
    units: Mapping[str, UnitForm]
    counted: Mapping[str, str]
    not_counted: frozenset[str]
    blockers: frozenset[str]
    qualifiers: Mapping[str, Qualifier]
    conversions: Mapping[str, tuple[str, Decimal]]
    measure_lemmas: Mapping[str, str]
    measure_noise: frozenset[str]
    relative_years: Mapping[str, int]
    uses: Mapping[str, tuple[str, ...]]
    unit_names: frozenset[str]
    read_qualifiers: tuple[str, ...]


def load() -> NumberWords:
    """Read the numbers word lists.

    Raises:
        ValueError: on a number kind, unit position or yes/no flag the files do not allow.
    """
    units = {form.lower(): UnitForm(unit, _one_of(position, UNIT_POSITIONS, form))
             for form, unit, position in read_table("units.tsv")}
    qualifiers = {q.lower(): Qualifier(Decimal(low), Decimal(high), _flag(rounding, q), _flag(read, q))
                  for q, low, high, rounding, read in read_table("qualifiers.tsv")}
    return NumberWords(
        words=MappingProxyType({word.lower(): NumberWord(Decimal(value), _one_of(kind, NUMBER_KINDS, word))
                                for word, value, kind in read_table("numbers.tsv")}),
        units=MappingProxyType(units),
        counted=MappingProxyType({noun.lower(): unit for noun, unit in read_table("counted_nouns.tsv")}),
        not_counted=read_words("not_counted.txt"),
        blockers=read_words("number_blockers.txt"),
        qualifiers=MappingProxyType(qualifiers),
        conversions=MappingProxyType({unit: (base, Decimal(factor))
                                      for unit, base, factor in read_table("unit_conversions.tsv")}),
        measure_lemmas=MappingProxyType(dict(read_table("measure_lemmas.tsv"))),
        measure_noise=read_words("measure_noise.txt"),
        relative_years=MappingProxyType({phrase.lower(): int(years)
                                         for phrase, years in read_table("relative_years.tsv")}),
        uses=MappingProxyType(_uses(read_table("statistic_words.tsv"))),
        unit_names=frozenset(form.unit for form in units.values()),
        read_qualifiers=tuple(sorted((q for q, row in qualifiers.items() if row.read), key=lambda q: (-len(q), q))),
    )


def _uses(rows: tuple[tuple[str, ...], ...]) -> dict[str, tuple[str, ...]]:
    uses: dict[str, list[str]] = {use: [] for use in WORD_USES}
    for word, use in rows:
        uses[_one_of(use, WORD_USES, word)].append(word.lower())
    return {use: tuple(words) for use, words in uses.items()}


def _one_of(value: str, allowed: tuple[str, ...], word: str) -> str:
    if value not in allowed:
        raise ValueError(f"unknown kind {value!r} for {word!r} (expected one of {', '.join(allowed)})")
    return value


def _flag(value: str, word: str) -> bool:
    if value not in _FLAGS:
        raise ValueError(f"expected yes or no for {word!r}, got {value!r}")
    return _FLAGS[value]
