"""The ingest section of the lexicon (see :mod:`graph.lexicon`): the line rules that find
boilerplate (``boilerplate.tsv``) and the words that read dates (the calendar section's
month and weekday names)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from graph.lexicon._files import read_lines
from graph.lexicon.calendar import CalendarWords

RULES_FILE = "boilerplate.tsv"
#: Kinds of line rule (see the header of ``boilerplate.tsv``).
RULE_KINDS = ("widget", "teaser", "list", "label", "caption")


@dataclass(frozen=True)
class Rule:
    """One boilerplate line rule: its kind and its compiled pattern."""

    kind: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class IngestWords:
    """Rules and words of the ingest stage.

    Attributes:
        boilerplate_rules: The line rules of ``boilerplate.tsv``, compiled, in file order.
        month_pattern: A regular expression (to embed, no groups, ignoring case is up to the
            caller) matching a month name or its short form, with an optional final dot.
        weekday_pattern: Likewise for a weekday name or its short form.
    """

    boilerplate_rules: tuple[Rule, ...]
    month_pattern: str
    weekday_pattern: str


def load(calendar: CalendarWords) -> IngestWords:
    """Read the ingest rules and words; month and weekday names come from ``calendar``.

    Raises:
        ValueError: on a bad line in ``boilerplate.tsv`` (see :func:`parse_rules`).
    """
    return IngestWords(boilerplate_rules=parse_rules(read_lines(RULES_FILE)),
                       month_pattern=_alternation(calendar.month_forms),
                       weekday_pattern=_alternation(calendar.weekday_forms))


def parse_rules(lines: Iterable[str]) -> tuple[Rule, ...]:
    """Compile rule lines ``KIND<TAB>PATTERN`` (comments and blank lines already removed).

    Captions keep their case; every other kind ignores it.

    Raises:
        ValueError: on a line without a tab, an unknown kind or a bad regular expression.

    >>> [(r.kind, r.pattern.pattern) for r in parse_rules(["widget\\tadvert"])]
    [('widget', 'advert')]
    """
    return tuple(_rule(line) for line in lines)


def _rule(line: str) -> Rule:
    kind, sep, pattern = line.partition("\t")
    if not sep or kind not in RULE_KINDS:
        raise ValueError(f"{RULES_FILE}: expected KIND<TAB>PATTERN with KIND one "
                         f"of {', '.join(RULE_KINDS)}, got {line!r}")
    flags = 0 if kind == "caption" else re.IGNORECASE
    try:
        return Rule(kind, re.compile(pattern, flags))
    except re.error as exc:
        raise ValueError(f"{RULES_FILE}: bad pattern in {line!r} ({exc})") from exc


def _alternation(words: Iterable[str]) -> str:
    """``(?:word|...)\\.?``, longest words first."""
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w))) + r")\.?"
