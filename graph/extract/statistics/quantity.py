"""Which numbers are quantities: not years, dates, times, ordinals, ages, labels ("street
12"), phone numbers or codes, nor numbers inside names; a duration ("for 37 years") is."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from graph.extract.statistics.numbers import DIGITS, Number, word_value
from graph.extract.statistics.units import COUNT, PERSON, Unit, prefix_unit
from graph.lexicon import lexicon

#: Entity labels whose numbers are not quantities (dates and times are, when measured).
SKIP_ENTS = frozenset({"DATE", "TIME", "ORDINAL", "PERSON", "ORG", "GPE", "LOC", "FAC",
                       "LAW", "PRODUCT", "EVENT", "WORK_OF_ART", "NORP", "LANGUAGE"})
#: A number that may be a year.
YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
#: A sign before a number that makes it a label ("#3").
NUMBER_SIGN = "#"
_CODE_CHARS = re.compile(r"[\d+()/.-]")
_CODE = re.compile(r"\d+(?:[-/.()]+\d+){2,}")


def is_quantity(doc: Doc, text: str, num: Number, unit: Unit | None) -> bool:
    """True when ``num`` with ``unit`` states a quantity.

    Args:
        doc: The Doc.
        text: ``doc.text``.
        num: The number.
        unit: Its unit (None: it counts nothing, so it is no quantity).
    """
    if unit is None:
        return False
    tok = doc[num.start]
    measured = unit.unit in lexicon().numbers.unit_names
    if tok.ent_type_ in SKIP_ENTS and not (tok.ent_type_ in {"DATE", "TIME"} and measured):
        return False
    if _is_year(doc, num, unit, measured) or _is_label(doc, num) or in_code(text, tok.idx, tok.idx + len(tok)):
        return False
    word = word_value(tok)
    if word is not None and word.kind == "unit" and num.value == 1 \
            and not (measured or unit.unit == PERSON or _is_rate(doc, unit)):
        return False
    if num.end < len(doc) and doc[num.end].lower_ in lexicon().numbers.uses["age-marker"]:
        return False
    if unit.unit in lexicon().numbers.uses["duration"] and not _is_duration(doc, num, unit):
        return False
    return not (unit.unit == COUNT and unit.noun is None and not DIGITS.match(tok.text)
                and not _counts_on_its_own(doc, num))


#: Dependencies of a number word that stands for what it counts ("police arrested three").
_ALONE_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})


def _counts_on_its_own(doc: Doc, num: Number) -> bool:
    """True when a number word of two or more stands for the things it counts: the subject
    or object of a verb ("police arrested three", "two of the victims died", "fewer than
    two hundred came") or the figure after a qualifier ("over a thousand were hurt"), not
    after a definite or demonstrative word ("the two met", "these three recovered"), which
    refers back to people already counted."""
    last = doc[num.end - 1]
    before = doc[num.start - 1] if num.start > 0 else None
    if num.value < 2 or (before is not None and (
            "Def" in before.morph.get("Definite") or "Dem" in before.morph.get("PronType"))):
        return False
    return last.dep_ in _ALONE_DEPS or (
        last.dep_ == "pobj" and last.head.lower_ in lexicon().numbers.qualifiers)


def _is_rate(doc: Doc, unit: Unit) -> bool:
    """True when the counted noun is followed by a rate word ("one pack per order")."""
    return unit.noun is not None and unit.noun.i + 1 < len(doc) \
        and doc[unit.noun.i + 1].lower_ in lexicon().numbers.uses["rate"]


def _is_duration(doc: Doc, num: Number, unit: Unit) -> bool:
    """True when a number with a unit of time states how long something lasts ("for 37
    years", "36 minutes after"): more than one (not "a year", "one day"), and neither an
    age nor a point in time ("68 years old", "aged 68", "two years ago")."""
    if num.value <= 1:
        return False
    near = {t.lower_ for t in doc[max(num.start - 1, 0):num.start]}
    near |= {t.lower_ for t in doc[unit.end:unit.end + 2]}
    return not near & set(lexicon().numbers.uses["not-duration"])


def in_code(text: str, begin: int, end: int) -> bool:
    """True when the number at ``text[begin:end]`` is part of a phone number, code or date.

    >>> in_code("call 012-345-678 now", 5, 8)
    True
    >>> in_code("the 12 cases", 4, 6)
    False
    """
    while begin > 0 and _CODE_CHARS.match(text[begin - 1]):
        begin -= 1
    while end < len(text) and _CODE_CHARS.match(text[end]):
        end += 1
    return bool(_CODE.search(text[begin:end]))


def _is_year(doc: Doc, num: Number, unit: Unit, measured: bool) -> bool:
    """True when the number reads as a year: nothing counted, or no unit right after it."""
    if not YEAR.match(doc[num.start].text):
        return False
    if unit.noun is None and unit.unit == COUNT:
        return True
    return not prefix_unit(doc, num) and not measured and (unit.noun is None or unit.noun.i != num.end)


def _is_label(doc: Doc, num: Number) -> bool:
    """True when a calendar word, a label word ("street", "No.") or "#" stands before it."""
    if num.start == 0:
        return False
    prev = doc[num.start - 1]
    return (prev.lower_ in lexicon().calendar.words or prev.lower_.rstrip(".") in lexicon().numbers.blockers
            or prev.text == NUMBER_SIGN)
