"""What surrounds a figure: its qualifier ("nearly"), what it measures ("people arrested")
and who reported it (the speaker of its statement, an "according to" source, or the
subject of a reporting verb)."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from graph.extract.statistics.numbers import Number
from graph.extract.statistics.units import Unit
from graph.lexicon import lexicon
from graph.records import Entity, Statement

#: Units whose measure is the noun after them ("a 30 percent rise") or the subject of the
#: verb they modify ("turnout fell 5 percent").
SHARE_UNITS = frozenset({"percent", "percentage point"})
#: How far before a figure its qualifier is looked for, in characters.
QUALIFIER_REACH = 30
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_NOUNS = frozenset({"NOUN", "PROPN"})


def find_qualifier(text: str, num: Number, begin: int) -> tuple[str | None, int]:
    """The qualifier right before a figure ("nearly", "more than") and where it starts.

    Args:
        text: ``doc.text``.
        num: The number (some qualifiers never qualify "a").
        begin: Where the figure starts in ``text`` (its unit symbol, if first).

    Returns:
        The qualifier and its start offset, or (None, ``begin``).

    >>> from decimal import Decimal
    >>> find_qualifier("seized more than 300 kg", Number(2, 3, Decimal(300), False), 17)
    ('more than', 7)
    """
    before = text[max(0, begin - QUALIFIER_REACH):begin].lower()
    for q in lexicon().numbers.read_qualifiers:
        if re.search(rf"(?:^|\W){re.escape(q)}\s+$", before):
            start = begin - len(before) + before.rstrip().rfind(q)
            if num.article and q in lexicon().numbers.uses["no-article"]:
                continue
            return q, start
    return None, begin


def find_measure(doc: Doc, num: Number, unit: Unit) -> str | None:
    """What a figure measures: its noun with modifiers and verb ("people arrested"), else
    the subject of its clause; for a percentage, what rose or fell."""
    if unit.unit in SHARE_UNITS:
        return _share_measure(doc, num, unit)
    noun = unit.noun
    if noun is None:
        verb = doc[clause(doc[num.start])]
        subj = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
        if subj is None or subj.pos_ not in _NOUNS:
            return None
        return f"{_compact(subj)} {_participle(verb)}"
    phrase = _compact(noun)
    verb = noun.head if noun.dep_ in {"dobj", "nsubjpass", "nsubj"} else None
    acl = next((c for c in noun.children if c.dep_ == "acl" and c.pos_ == "VERB"), None)
    verb = acl or verb
    if verb is not None and verb.pos_ == "VERB" and verb.lemma_ not in lexicon().numbers.uses["light-verb"]:
        return f"{phrase} {_participle(verb)}"
    return phrase or None


def find_source(doc: Doc, num: Number, statements: list[Statement], entities: list[Entity]) -> str | None:
    """Who reported the figure: the speaker of the statement containing it, else the
    "according to" source or the subject of a reporting verb heading its sentence."""
    begin = doc[num.start].idx
    for st in statements:
        if st.speaker and st.span.begin <= begin < st.span.end:
            return st.speaker
    sent = doc[num.start].sent
    phrases = lexicon().numbers.uses["source-phrase"]
    for tok in sent:
        if tok.i + 1 < len(doc) and f"{tok.lower_} {doc[tok.i + 1].lower_}" in phrases:
            for t in doc[tok.i + 1].subtree:
                key = _entity_at(t, entities)
                if key:
                    return key
    root = sent.root
    if root.pos_ == "VERB" and root.lemma_ in lexicon().speech.reporting_verbs:
        for c in root.children:
            if c.dep_ == "nsubj":
                return _entity_at(c, entities)
    return None


def clause(tok: Token) -> int:
    """Index of the verb that heads the clause a token stands in."""
    for t in [tok, *tok.ancestors]:
        if t.pos_ in {"VERB", "AUX"}:
            return t.i
    return tok.sent.root.i


def _share_measure(doc: Doc, num: Number, unit: Unit) -> str | None:
    """What a percentage measures: the noun after it ("a 30 percent rise in burglaries"),
    else the subject of its verb ("turnout fell")."""
    host = doc[unit.end] if unit.end < len(doc) and doc[unit.end].pos_ == "NOUN" else None
    if host is not None:
        obj = _prep_object(host)
        return f"{host.text} in {obj}" if obj else host.text
    verb = next((a for a in doc[num.start].ancestors if a.pos_ == "VERB"), None)
    if verb is not None:
        subj = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
        if subj is not None and subj.pos_ in _NOUNS:
            obj = _prep_object(subj)
            return f"{obj or _compact(subj)} {verb.text}"
    return None


def _compact(tok: Token) -> str:
    """A noun with its adjective and compound modifiers ("flood-related deaths"), without
    numbers, qualifiers and unit words."""
    words = lexicon().numbers
    left = [c for c in tok.lefts if c.dep_ in {"amod", "compound"} and not c.like_num]
    start = min([c.left_edge.i for c in left] + [tok.i])
    kept = [t for t in tok.doc[start:tok.i + 1] if not t.like_num and t.lower_ not in words.read_qualifiers
            and t.lower_ not in words.units]
    return " ".join(t.text for t in kept).replace(" - ", "-").strip()


def _participle(verb: Token) -> str:
    if verb.tag_ in {"VBN", "VBD"}:
        return verb.lower_
    return verb.lemma_.lower()


def _prep_object(noun: Token) -> str | None:
    """The object of the noun's "in"/"of" phrase ("rise in burglaries" -> "burglaries"),
    looking through amount nouns ("number of flood-related deaths")."""
    words = lexicon().numbers.uses
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in words["measure-prep"]:
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is None:
                continue
            if obj.lower_ in words["amount-noun"]:
                return _prep_object(obj) or _compact(obj)
            return _compact(obj)
    return None


def _entity_at(tok: Token, entities: list[Entity]) -> str | None:
    """The key of the entity with a mention covering ``tok``, if any."""
    for e in entities:
        if any(m.span.begin <= tok.idx < m.span.end for m in e.mentions):
            return e.key
    return None
