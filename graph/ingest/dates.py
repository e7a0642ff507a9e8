"""Publication dates: normalising given dates, reading datelines at the top of a text and
dates written in a file name or URL.

An article is dated only on strong evidence: the metadata given with it, a dateline, or a
date in its name. The years a text mentions are not used: news refers to past and coming
years alike, and the latest one named is often not the year of publication.

Two kinds of dateline are recognised:

* a line that is only a date, with an optional weekday, label and time
  ("Friday, January 4, 2019", "Published: 13 February 2024 10:05 GMT");
* a wire-service opening, "PORT LOUIS, March 3, 2024 (Reuters) -" or "KYIV (AP) —", which
  starts the first paragraph; only the prefix is a dateline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from dateutil import parser as dateparser

from graph.lexicon import lexicon
from graph.records import Span

# dateutil fills in missing fields from a default; parsing twice with two defaults that
# differ in every field shows which fields the text really gave.
_DEFAULTS = (datetime(2000, 1, 1), datetime(2001, 2, 2))
_YEARS = range(1800, 2200)
_MAX_DATE_CHARS = 80

_DAY = r"\d{1,2}(?:st|nd|rd|th)?"


@cache
def date_line_pattern() -> re.Pattern[str]:
    """A line that is only a date (matched against the whole trimmed line), with month and
    weekday names and label words from the lexicon."""
    words = lexicon().ingest
    month = words.month_pattern
    calendar_date = (rf"(?:{month}\s+{_DAY},?\s+\d{{4}}|{_DAY}\s+(?:of\s+)?{month},?\s+\d{{4}}|"
                     r"\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{4})")
    return re.compile(rf"{_label()}?(?:{words.weekday_pattern},?\s+)?(?P<date>{calendar_date}){_time()}?",
                      re.IGNORECASE)


def _label() -> str:
    """A label before the date: "Published:", "Last updated on", "Date -"."""
    words = lexicon().ingest.dateline_words
    return (rf"(?:(?:(?:{words['qualifier']} )?{words['event']}|{words['label']})"
            rf"(?:\s+{words['joiner']})?\s*[:|-]?\s*)")


def _time() -> str:
    """A time after the date: ", 10:05 GMT", " at 3.30pm (UTC+2)", " - 10:05"."""
    return (rf"(?:,?\s*(?:{lexicon().ingest.dateline_words['time']}\s+|[-–|]\s*)?"
            r"\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
            r"(?:\s*\(?[a-z]{2,5}(?:\s?[+-]\s?\d{1,2}(?::?\d{2})?)?\)?)?)")


@cache
def wire_dateline_pattern() -> re.Pattern[str]:
    """A wire-service dateline opening a paragraph (matched at the start of the trimmed line)."""
    return re.compile(
        r"(?P<place>[A-Z][A-Z.'’-]+(?:[ -][A-Z][A-Z.'’-]+)*"  # PORT LOUIS
        r"(?:,\s+[A-Z][A-Za-z.'’-]+(?: [A-Z][A-Za-z.'’-]+)*)?)"  # , Mauritius
        rf"(?:,\s+(?P<date>(?i:{lexicon().ingest.month_pattern})\s+{_DAY}(?:,\s+\d{{4}})?))?"
        r"\s*(?:\((?P<agency>[A-Z][\w .&-]{0,30})\))?"
        r"\s*[-–—]+(?:\s+|$)"
    )


@dataclass(frozen=True)
class Dateline:
    """A dateline found in the text.

    Attributes:
        span: The dateline itself (a whole line, or the prefix of the first paragraph).
        date: The date it gives as ISO, or None when it gives none (e.g. no year).
    """

    span: Span
    date: str | None


def normalise_date(value: str) -> str | None:
    """Normalise a date as written to ISO ``YYYY-MM-DD`` (or ``YYYY-MM``, ``YYYY``).

    Args:
        value: A date in any common form: "2024-02-13T10:00:00Z", "February 13, 2024",
            "13 Feb 2024", "Feb 2024", "2024".

    Returns:
        The ISO date, as precise as the value is, or None when it is not a date with a
        year. Times and time zones are ignored: the date is the one written.

    >>> normalise_date("Tuesday, February 13, 2024 10:00 AM EST")
    '2024-02-13'
    >>> normalise_date("Feb. 2024")
    '2024-02'
    >>> normalise_date("next week") is None
    True
    """
    value = value.strip()
    if not value or len(value) > _MAX_DATE_CHARS:
        return None
    try:
        first, second = (dateparser.parse(value, default=d, ignoretz=True) for d in _DEFAULTS)
    except (ValueError, OverflowError):
        return None
    if first.year != second.year or first.year not in _YEARS:
        return None
    if first.month != second.month:
        return f"{first.year:04d}"
    if first.day != second.day:
        return f"{first.year:04d}-{first.month:02d}"
    return f"{first.year:04d}-{first.month:02d}-{first.day:02d}"


def date_line(line: str) -> str | None:
    """The ISO date of a line that is nothing but a date, else None.

    >>> date_line("Friday, January 4, 2019")
    '2019-01-04'
    >>> date_line("Published: 13 February 2024, 10:05 GMT")
    '2024-02-13'
    >>> date_line("On January 4, 2019 the bridge opened.") is None
    True
    """
    match = date_line_pattern().fullmatch(" ".join(line.split()))
    return normalise_date(match["date"]) if match else None


def wire_dateline(line: str, start: int) -> Dateline | None:
    """A wire-service dateline at the start of a paragraph.

    Args:
        line: The paragraph, trimmed.
        start: Offset of ``line`` in the article text.

    Returns:
        The dateline, or None when the line does not open with one. Only a dateline with a
        date or a news agency in brackets counts ("NEW YORK -" alone is too weak).

    >>> wire_dateline("PORT LOUIS, March 3, 2024 (Reuters) - The rains came.", 10).span
    Span(begin=10, end=47)
    >>> wire_dateline("PORT LOUIS, March 3 (Reuters) - The rains came.", 0).date is None
    True
    >>> wire_dateline("UN - The talks ended.", 0) is None
    True
    """
    match = wire_dateline_pattern().match(line)
    if not match or not (match["date"] or match["agency"]):
        return None
    date = normalise_date(match["date"]) if match["date"] else None
    return Dateline(Span(start, start + len(match[0].rstrip())), date)


#: An ISO date in a file name or URL path: "2024-03-05_floods.txt", "/2024/03/05/floods".
_NAME_DATE = re.compile(r"(?<![\d])((?:19|20)\d\d)([-_/.])(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")


def date_in_name(name: str) -> str | None:
    """The ISO date a file name or URL writes, as ``YYYY-MM-DD``; None when it writes none.

    Many archives name each article by its date ("2024-03-05_floods.txt", blog posts
    "2024-03-05-floods.md", URLs "/2024/03/05/floods"): year, month and day in that order
    with one separator (``-``, ``_``, ``/`` or ``.``) repeated, not inside a longer number.
    Undated names and impossible dates give None.

    >>> date_in_name("2024-03-05_Floods_close_the_port.txt")
    '2024-03-05'
    >>> date_in_name("https://news.example.org/2023/11/30/port-reopens")
    '2023-11-30'
    >>> date_in_name("001_4eb9a2009ca0f220.txt") is None, date_in_name("2023-02-30_x.txt") is None
    (True, True)
    """
    for match in _NAME_DATE.finditer(name):
        year, _, month, day = match.groups()
        try:
            return datetime(int(year), int(month), int(day)).date().isoformat()
        except ValueError:
            continue
    return None
