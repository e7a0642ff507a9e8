"""Figures stated in an article: the number, its unit, what it measures, when, and who said it.

:func:`find_statistics` runs four steps over a Doc, each in its own module:

- :mod:`~graph.extract.statistics.numbers` finds numbers written in digits or words
  ("12,840", "2.8 million", "three", "a");
- :mod:`~graph.extract.statistics.units` reads the unit of each ("$4", "19%", "three
  tonnes") or the noun it counts ("12,840 people"), normalised;
- :mod:`~graph.extract.statistics.quantity` drops those that are not quantities (years,
  dates, times, ordinals, ages, phone and street numbers, numbers inside names);
- :mod:`~graph.extract.statistics.context` and :mod:`~graph.extract.statistics.period`
  read around each figure its qualifier, measure, source and period.

Word lists come from the lexicon (``lexicon().numbers``: number words, units, counted
nouns, qualifiers, nouns that are not counted, label words; job titles count people).
"""

from __future__ import annotations

from spacy.tokens import Doc

from graph.extract.statistics.context import find_measure, find_qualifier, find_source
from graph.extract.statistics.numbers import Number, find_numbers
from graph.extract.statistics.period import article_year, find_period, latest_year
from graph.extract.statistics.quantity import is_quantity
from graph.extract.statistics.units import MAX_NOUN_GAP, Unit, find_unit
from graph.records import Entity, Span, Statement, Statistic

__all__ = ["find_statistics"]


def find_statistics(doc: Doc, date: str | None, entities: list[Entity],
                    statements: list[Statement]) -> list[Statistic]:
    """The figures an article states.

    Args:
        doc: ``nlp(article.masked_text())``.
        date: The article's date (ISO), which resolves "last year" and open ranges; None
            when unknown.
        entities: All entities of the article (sources are taken from them).
        statements: The article's statements (a figure inside one is attributed to its
            speaker).

    Returns:
        One :class:`~graph.records.Statistic` per figure, in text order.

    Example:
        >>> from graph.nlp import load_nlp
        >>> stats = find_statistics(load_nlp()("Police arrested 12,840 people in 2020."), None, [], [])
        >>> stats[0].value, stats[0].unit, stats[0].period
        (Decimal('12840'), 'person', '2020')
    """
    text, ents = doc.text, tuple(doc.ents)
    year, last_year = article_year(date), latest_year(ents)
    out = []
    for num in find_numbers(doc):
        unit = find_unit(doc, num)
        if unit is not None and is_quantity(doc, text, num, unit):
            span, qualifier = _figure_span(doc, text, num, unit)
            out.append(Statistic(
                value=num.value, unit=unit.unit, span=span, text=text[span.begin:span.end],
                measure=find_measure(doc, num, unit),
                period=find_period(doc, ents, num, year, last_year),
                qualifier=qualifier,
                source=find_source(doc, num, statements, entities),
            ))
    return out


def _figure_span(doc: Doc, text: str, num: Number, unit: Unit) -> tuple[Span, str | None]:
    """Where the figure stands (qualifier, number, unit and counted noun) and its qualifier."""
    first = min(num.start, unit.begin)
    qualifier, begin = find_qualifier(text, num, doc[first].idx)
    last = max(num.end, unit.end) - 1
    if unit.noun is not None and unit.noun.i > last and unit.noun.i - last <= MAX_NOUN_GAP + 2:
        last = unit.noun.i
    return Span(begin, doc[last].idx + len(doc[last])), qualifier
