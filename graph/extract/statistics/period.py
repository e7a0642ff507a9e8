"""When a figure applies: the date expression closest to it in its sentence, normalised
("2020", "2017/2020" for "since 2017", "2022-03-03", "--03-03" without a year)."""

from __future__ import annotations

import re
from calendar import monthrange

from spacy.tokens import Doc, Span as SpacySpan

from graph.extract.statistics.context import clause
from graph.extract.statistics.numbers import Number
from graph.lexicon import lexicon

_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_MONTH_DAY = re.compile(r"\b([A-Z][a-z]+)\s+(\d{1,2})\b(?:,?\s+((?:19|20)\d\d))?")
_MONTH_YEAR = re.compile(r"\b([A-Z][a-z]+)\s+((?:19|20)\d\d)\b")


def article_year(article_date: str | None) -> int | None:
    """The year of the article's date ("2021-03-01" -> 2021), if it has one."""
    if article_date and re.match(r"^\d{4}", article_date):
        return int(article_date[:4])
    return None


def latest_year(ents: tuple[SpacySpan, ...]) -> int | None:
    """The latest year written in the Doc's date entities."""
    years = [int(m.group(0)) for e in ents if e.label_ == "DATE" for m in _YEAR.finditer(e.text)]
    return max(years) if years else None


def find_period(doc: Doc, ents: tuple[SpacySpan, ...], num: Number, year: int | None,
                last_year: int | None) -> str | None:
    """The period of ``num``: the date entity of its sentence closest to it, preferring one
    in the same clause.

    Args:
        doc: The Doc.
        ents: ``tuple(doc.ents)``.
        num: The number.
        year: The article's year (resolves "last year" and "since 2017").
        last_year: The latest year the Doc writes (closes "since 2017" without ``year``).
    """
    sent = doc[num.start].sent
    dates = [e for e in ents if e.start >= sent.start and e.end <= sent.end
             and e.label_ == "DATE" and not (e.start <= num.start < e.end)]
    if not dates:
        return None
    here = clause(doc[num.start])
    best = min(dates, key=lambda e: (clause(e.root) != here,
                                     min(abs(e.start - num.end), abs(num.start - e.end))))
    return normalise_date(best, year, last_year)


def normalise_date(ent: SpacySpan, year: int | None, last_year: int | None) -> str | None:
    """A date entity as a period: a year, an open range, a relative year, a month or a day."""
    words = lexicon().numbers
    text = ent.text.strip()
    low = text.lower()
    prev = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    opens = words.uses["open-range"]
    since = prev in opens or low.startswith(tuple(f"{w} " for w in opens))
    m = _YEAR.search(text)
    if m and since:
        end = year or last_year
        return f"{m.group(0)}/{end}" if end and end > int(m.group(0)) else m.group(0)
    if _bare_year(words.uses["year-lead"]).fullmatch(low):
        return m.group(0) if m else None
    if low in words.relative_years:
        return str(year + words.relative_years[low]) if year else None
    return month_day(text, year) or (m.group(0) if m else None)


def month_day(text: str, year: int | None) -> str | None:
    """A day ("March 3", "March 3, 2022") or a month ("March 2022") named in ``text``, as
    ISO; a day without a year (and no ``year``) as ``--MM-DD``.

    >>> month_day("on March 3", 2022), month_day("March 3", None), month_day("March 2022", None)
    ('2022-03-03', '--03-03', '2022-03')
    >>> month_day("February 30", 2021) is None
    True
    """
    months = lexicon().calendar.months
    m = _MONTH_DAY.search(text)
    if m and m.group(1).lower() in months:
        y = int(m.group(3)) if m.group(3) else year
        month, day = months[m.group(1).lower()], int(m.group(2))
        if not _real_day(y or 2000, month, day):
            return None
        return f"{y:04d}-{month:02d}-{day:02d}" if y else f"--{month:02d}-{day:02d}"
    m = _MONTH_YEAR.search(text)
    if m and m.group(1).lower() in months:
        return f"{m.group(2)}-{months[m.group(1).lower()]:02d}"
    return None


def _bare_year(leads: tuple[str, ...]) -> re.Pattern[str]:
    """A date that is only a year, after optional lead words in order ("the year 2020")."""
    return re.compile("".join(f"(?:{re.escape(w)} )?" for w in leads) + r"(?:19|20)\d\d")


def _real_day(year: int, month: int, day: int) -> bool:
    """True when the day exists (no February 30)."""
    return 1 <= day <= monthrange(year, month)[1]
