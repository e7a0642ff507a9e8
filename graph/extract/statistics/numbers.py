"""Numbers in a Doc: digits ("12,840", "2.8") and number words ("three", "a"), with the
scale words after them ("2.8 million"), compound tens ("thirty-five") and halves
("three-and-a-half million", "a million and a half")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from spacy.tokens import Doc, Token

from graph.lexicon import lexicon
from graph.lexicon.numbers import NumberWord

#: A number written in digits: "12,840", "2.8", "300".
DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")


@dataclass(frozen=True)
class Number:
    """A number found in a Doc.

    Attributes:
        start: Token index of its first token.
        end: Token index after its last token (scale words included).
        value: Its value ("2.8 million" is 2800000).
        article: True for "a"/"an", which is a quantity only before a unit.
    """

    start: int
    end: int
    value: Decimal
    article: bool


def word_value(tok: Token) -> NumberWord | None:
    """The number word ``tok`` is, if it is one ("twelve", "million", "an")."""
    return lexicon().numbers.words.get(tok.lower_)


def read_number(doc: Doc, i: int) -> Number | None:
    """The number starting at token ``i`` (digits or words, with scale words), if any.

    >>> from graph.nlp import load_nlp
    >>> read_number(load_nlp()("They counted 2.8 million votes."), 2).value
    Decimal('2800000.0')
    """
    tok = doc[i]
    last = Decimal(1)  # the place of the last word read: "half" is half of it
    if DIGITS.match(tok.text):
        value, article = Decimal(tok.text.replace(",", "")), False
    else:
        word = word_value(tok)
        if word is None or (word.kind == "scale" and not _and_a_half(doc, i + 1)):
            return None  # a scale word opens a number only as "million-and-a-half"
        value, article = word.value, word.kind == "article"
        last = value if word.kind == "scale" else last
    j = i + 1
    while j < len(doc):
        half = _and_a_half(doc, j)
        if half:  # "three-and-a-half", "a million and a half": half of the last word
            value, j = value + last / 2, half
            continue
        if doc[j].text == "-" and j + 1 < len(doc) and not doc[j - 1].whitespace_:
            unit = word_value(doc[j + 1])
            if unit and unit.kind == "unit" and _whole_tens(value) and unit.value < 10:
                value, j = value + unit.value, j + 2
                continue
        word = word_value(doc[j])
        if word is None or word.kind != "scale":
            break
        value, j, article, last = value * word.value, j + 1, False, word.value
    return Number(i, j, value, article)


#: The words of "and a half" after a number, hyphens aside.
AND_A_HALF = (("and",), ("a", "an"), ("half",))


def _and_a_half(doc: Doc, j: int) -> int:
    """The token index after "and a half" or "-and-a-half" starting at ``j``, else 0."""
    for words in AND_A_HALF:
        if j < len(doc) and doc[j].text == "-" and not doc[j - 1].whitespace_:
            j += 1
        if j >= len(doc) or doc[j].lower_ not in words:
            return 0
        j += 1
    return j


def find_numbers(doc: Doc) -> list[Number]:
    """Every number in ``doc``, in text order; "twenty five" is read once, as twenty."""
    out, i = [], 0
    while i < len(doc):
        num = read_number(doc, i)
        if num is None or _after_number_word(doc, i):
            i += 1
            continue
        out.append(num)
        i = num.end
    return out


def _after_number_word(doc: Doc, i: int) -> bool:
    """True when token ``i`` follows a number word that is a number by itself."""
    prev = word_value(doc[i - 1]) if i > 0 else None
    return prev is not None and prev.kind == "unit"


def _whole_tens(value: Decimal) -> bool:
    """True when ``value`` is a whole multiple of ten, however many digits it has.

    Compared as an integer, since ``Decimal`` modulo fails beyond its 28-digit precision.
    """
    whole = int(value)
    return whole == value and whole % 10 == 0
