"""The ingest section of the lexicon (see :mod:`graph.lexicon`): the line rules that find
boilerplate (``boilerplate.tsv``), the words that read dates (the calendar section's month
and weekday names, ``dateline_words.tsv``) and the words of bylines and e-mail lines
(``byline_words.tsv``, ``name_particles.txt``, ``email_filler.txt``).

Words reach the ingest stage as regular expressions to embed, built once here."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from graph.lexicon._files import read_lines, read_table
from graph.lexicon.calendar import CalendarWords

RULES_FILE = "boilerplate.tsv"
#: Kinds of line rule (see the header of ``boilerplate.tsv``).
RULE_KINDS = ("widget", "teaser", "list", "label", "caption")
#: Kinds of word in ``dateline_words.tsv`` and ``byline_words.tsv`` (see their headers).
DATELINE_KINDS = ("qualifier", "event", "label", "joiner", "time")
BYLINE_KINDS = ("lead", "by", "share", "connector")


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
        dateline_words: Each kind of ``dateline_words.tsv`` -> a group ``(?:word|...)`` of its
            words, in file order, to embed (ignoring case is up to the caller).
        byline_words: Likewise for ``byline_words.tsv``.
        name_particles: A group of the lowercase particles inside a name (``name_particles.txt``).
        email_filler: A group of the words around e-mail addresses (``email_filler.txt``).
    """

    boilerplate_rules: tuple[Rule, ...]
    month_pattern: str
    weekday_pattern: str
    dateline_words: Mapping[str, str]
    byline_words: Mapping[str, str]
    name_particles: str
    email_filler: str


def load(calendar: CalendarWords) -> IngestWords:
    """Read the ingest rules and words; month and weekday names come from ``calendar``.

    Raises:
        ValueError: on a bad line in ``boilerplate.tsv`` (see :func:`parse_rules`) or a word
            table with an unknown or missing kind (see :func:`group_by_kind`).
    """
    return IngestWords(boilerplate_rules=parse_rules(read_lines(RULES_FILE)),
                       month_pattern=_alternation(calendar.month_forms),
                       weekday_pattern=_alternation(calendar.weekday_forms),
                       dateline_words=group_by_kind("dateline_words.tsv", DATELINE_KINDS),
                       byline_words=group_by_kind("byline_words.tsv", BYLINE_KINDS),
                       name_particles=group(read_lines("name_particles.txt")),
                       email_filler=group(read_lines("email_filler.txt")))


def group_by_kind(name: str, kinds: tuple[str, ...]) -> Mapping[str, str]:
    """Each kind of the table ``WORD<TAB>KIND`` in ``graph/data/NAME`` -> a :func:`group` of
    its words.

    Raises:
        ValueError: on a row that is not two cells, a kind not in ``kinds``, or a kind with
            no word.
    """
    words: dict[str, list[str]] = {kind: [] for kind in kinds}
    for row in read_table(name):
        if len(row) != 2 or row[1] not in words:
            raise ValueError(f"{name}: expected WORD<TAB>KIND with KIND one of {', '.join(kinds)}, got {row!r}")
        words[row[1]].append(row[0])
    missing = [kind for kind, found in words.items() if not found]
    if missing:
        raise ValueError(f"{name}: no word of kind {', '.join(missing)}")
    return MappingProxyType({kind: group(found) for kind, found in words.items()})


def group(words: Iterable[str]) -> str:
    """A regular expression group matching any of ``words``, tried in the given order.

    >>> print(group(["e-mail", "us"]))
    (?:e\\-mail|us)
    """
    return "(?:" + "|".join(re.escape(w) for w in words) + ")"


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
