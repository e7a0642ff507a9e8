"""The calendar section of the lexicon (see :mod:`graph.lexicon`): ``graph/data/calendar.tsv``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from graph.lexicon._files import read_table


@dataclass(frozen=True)
class CalendarWords:
    """Month and weekday names.

    Attributes:
        months: Full month names (lowercase) -> month number, in calendar order.
        month_forms: Full and short month names ("sept") -> month number.
        weekday_forms: Full and short weekday names ("tues") -> 1 (Monday) to 7.
        words: Every calendar word but the short weekday names ("Sun", "Wed" may be
            names): never the name of an actor.
    """

    months: Mapping[str, int]
    month_forms: Mapping[str, int]
    weekday_forms: Mapping[str, int]
    words: frozenset[str]


def load() -> CalendarWords:
    """Read ``calendar.tsv``: one word a row, with its kind and number."""
    rows = read_table("calendar.tsv")
    by_kind: dict[str, dict[str, int]] = {"month": {}, "month-short": {}, "weekday": {}, "weekday-short": {}}
    for word, kind, number in rows:
        if kind not in by_kind:
            raise ValueError(f"calendar.tsv: unknown kind {kind!r} for {word!r} "
                             f"(expected one of {', '.join(by_kind)})")
        by_kind[kind][word.lower()] = int(number)
    return CalendarWords(months=MappingProxyType(by_kind["month"]),
                         month_forms=MappingProxyType(by_kind["month"] | by_kind["month-short"]),
                         weekday_forms=MappingProxyType(by_kind["weekday"] | by_kind["weekday-short"]),
                         words=frozenset(by_kind["month"] | by_kind["month-short"] | by_kind["weekday"]))
