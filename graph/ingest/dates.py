"""Publication dates: normalising given dates and reading datelines at the top of a text.

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
_TIME = (r"(?:,?\s*(?:at\s+|[-–|]\s*)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?"
         r"(?:\s*\(?[a-z]{2,5}(?:\s?[+-]\s?\d{1,2}(?::?\d{2})?)?\)?)?)")
_LABEL = (r"(?:(?:(?:first |last )?(?:published|updated|posted|modified)|date)"
          r"(?:\s+on)?\s*[:|-]?\s*)")


@cache
def date_line_pattern() -> re.Pattern[str]:
    """A line that is only a date (matched against the whole trimmed line), with month and
    weekday names from the lexicon."""
    words = lexicon().ingest
    month = words.month_pattern
    calendar_date = (rf"(?:{month}\s+{_DAY},?\s+\d{{4}}|{_DAY}\s+(?:of\s+)?{month},?\s+\d{{4}}|"
                     r"\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{4})")
    return re.compile(rf"{_LABEL}?(?:{words.weekday_pattern},?\s+)?(?P<date>{calendar_date}){_TIME}?",
                      re.IGNORECASE)


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


_YEAR = re.compile(r"(?<![\d$£€¥.,/-])(19\d\d|20\d\d)(?![\d%])")
_SENTENCE = re.compile(r"[^.!?\n]+")
_WORD = re.compile(r"[a-z]+")


def latest_year(text: str, now: int | None = None) -> str | None:
    """The latest year a text refers to as past or present, as ``YYYY``; None when it names none.

    Years in a sentence that speaks of the future or of targets ("will", "plans", "by 2030")
    are ignored, and so are years after ``now`` (default: the current year), which cannot be
    past or present.

    Args:
        text: The article text (boilerplate blanked out).
        now: The current year.

    >>> latest_year("Arrests rose in 2019 and 2020. The plan runs until 2030.", now=2025)
    '2020'
    >>> latest_year("No year here.") is None
    True
    """
    limit = now or datetime.now().year
    years = [int(m.group(1)) for sentence in _SENTENCE.finditer(text)
             if not lexicon().ingest.future_markers & set(_WORD.findall(sentence.group(0).lower()))
             for m in _YEAR.finditer(sentence.group(0))]
    past = [y for y in years if y <= limit]
    return f"{max(past):04d}" if past else None
