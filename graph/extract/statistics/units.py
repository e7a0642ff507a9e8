"""The unit of a number: a symbol before it ("$4"), a unit word after it ("3 tonnes"), or
the noun it counts ("12,840 people"), normalised ("USD", "tonne", "person")."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from graph.extract.statistics.numbers import Number
from graph.lexicon import lexicon

#: How many words may stand between a number and the noun it counts.
MAX_NOUN_GAP = 4
#: Unit of a bare number whose sentence names nothing counted.
COUNT = "count"
#: Unit of nouns naming people: nationalities and job titles count people.
PERSON = "person"
_NOUNS = frozenset({"NOUN", "PROPN"})


@dataclass(frozen=True)
class Unit:
    """The unit of a number.

    Attributes:
        unit: The normalised unit.
        begin: Token index of the first unit word (symbol or noun).
        end: Token index after the last unit word.
        noun: The counted or measured noun, when there is one.
    """

    unit: str
    begin: int
    end: int
    noun: Token | None


def find_unit(doc: Doc, num: Number) -> Unit | None:
    """The unit of ``num``, or None when it counts nothing (durations, ages, fractions, a
    bare "a").

    >>> from graph.nlp import load_nlp
    >>> from graph.extract.statistics.numbers import read_number
    >>> doc = load_nlp()("Customs seized 40 kilograms of opium.")
    >>> find_unit(doc, read_number(doc, 2)).unit
    'kilogram'
    """
    pre = prefix_unit(doc, num)
    suf = _suffix_unit(doc, num.end)
    if suf is None and num.end < len(doc) and doc[num.end].text == "-":
        suf = _suffix_unit(doc, num.end + 1)
    if pre:
        end = suf[1] if suf and suf[0] == pre[0] else num.end
        return Unit(pre[0], pre[1], end, _counted_noun(doc, num))
    if suf:
        return Unit(suf[0], num.end, suf[1], _of_noun(doc, suf[1]))
    if num.article:
        return None
    noun = _counted_noun(doc, num)
    if noun is None:
        return Unit(_elided_unit(doc, num), num.end, num.end, None)
    return _noun_unit(noun, num)


def prefix_unit(doc: Doc, num: Number) -> tuple[str, int] | None:
    """A unit symbol (one or two tokens: "$", "US$") right before ``num``, with its start."""
    units = lexicon().numbers.units
    i = num.start
    for k in (1, 2):
        if i - k >= 0:
            form = units.get(doc[i - k:i].text.replace(" ", "").lower())
            if form and form.position == "prefix":
                return form.unit, i - k
    return None


def _suffix_unit(doc: Doc, j: int) -> tuple[str, int] | None:
    """A unit word (possibly two words) starting at token ``j``, with its end."""
    units = lexicon().numbers.units
    if j + 1 < len(doc):
        form = units.get(f"{doc[j].lower_} {doc[j + 1].lower_}")
        if form and form.position == "suffix":
            return form.unit, j + 2
    form = units.get(doc[j].lower_) if j < len(doc) else None
    if form and form.position == "suffix":
        return form.unit, j + 1
    return None


def _noun_unit(noun: Token, num: Number) -> Unit | None:
    """The unit a counted noun gives: its entry in the counted nouns, else its lemma."""
    words = lexicon().numbers
    lemma = noun.lemma_.lower()
    if lemma in words.not_counted or noun.lower_ in words.not_counted:
        return None
    unit = words.counted.get(noun.lower_) or words.counted.get(lemma) or lemma
    if noun.ent_type_ == "NORP" or lemma in lexicon().actors.titles:
        unit = PERSON
    return Unit(unit, num.end, noun.i + 1, noun)


def _counted_noun(doc: Doc, num: Number) -> Token | None:
    """The noun a number counts ("12,840 people", "3,215 reported burglaries")."""
    last = doc[num.end - 1]
    if (last.dep_ in {"nummod", "quantmod"} and last.head.pos_ in _NOUNS
            and 0 < last.head.i - last.i <= MAX_NOUN_GAP + 2):
        return last.head
    for j in range(num.end, min(num.end + MAX_NOUN_GAP + 1, len(doc))):
        tok = doc[j]
        if tok.pos_ in _NOUNS and not (j + 1 < len(doc) and doc[j + 1].pos_ == "NOUN"
                                       and doc[j + 1].dep_ != "conj" and tok.dep_ == "compound"):
            return tok
        if tok.pos_ not in {"ADJ", "NOUN", "PUNCT", "VERB"} or tok.text in {",", "."}:
            return None
        if tok.pos_ == "VERB" and tok.tag_ not in {"VBN", "VBG"}:
            return None
    return None


def _of_noun(doc: Doc, j: int) -> Token | None:
    """The noun after "of" following a unit ("tonnes of rice" -> rice)."""
    if j < len(doc) and doc[j].lower_ in lexicon().numbers.uses["unit-link"]:
        for k in range(j + 1, min(j + 1 + MAX_NOUN_GAP, len(doc))):
            if doc[k].pos_ in _NOUNS and doc[k].dep_ != "compound":
                return doc[k]
    return None


def _elided_unit(doc: Doc, num: Number) -> str:
    """Unit of a bare number ("about 50 who tested positive"): the counted noun earlier in
    the sentence, else :data:`COUNT`."""
    counted = lexicon().numbers.counted
    sent = doc[num.start].sent
    for tok in reversed(list(doc[sent.start:num.start])):
        if tok.pos_ == "NOUN" and (tok.lemma_.lower() in counted or tok.lower_ in counted):
            return counted.get(tok.lower_) or counted[tok.lemma_.lower()]
    return COUNT
