"""Colon attributions: a paragraph opened by the name of who speaks and a colon.

Headlines ("Poll: Most fishermen want a second pier"), quotes introduced by a name ("Jane
Roe: “We will rebuild.”") and interview or debate transcripts, whose lines open with the
speaker's name in capitals ("HOST: ...", "ROE: ..."), give their speaker this way. A label
is a short noun phrase without a verb or a figure ("11:40 a.m.: ..." is a time), whose head
names an actor: a person, organisation or group the model recognised, a noun of the
referent lexicon ("Poll", "Officials"), or a capitalised word the article writes elsewhere
too ("Roe" or "ROE" for Jane Roe); the speaker stage then drops a label naming no actor. A
headline label ends before a preposition of its topic ("Roe on the pier: ...") or a reporting
verb ("Roe Backs Poe: ..."): the words before it name the speaker.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from spacy.tokens import Doc, Token

from graph.lexicon.speech import SpeechWords
from graph.records import Span

#: A label: up to 60 characters without a colon, then a colon before a blank or a mark.
_LABEL = re.compile(r"\s*([^:\n]{1,60}?)\s*:(?=[\s\"“'‘`])")
MAX_LABEL_TOKENS = 6
MIN_CONTENT_WORDS = 3
#: Commas from which verbless content after a colon is a list, not speech.
MAX_LIST_COMMAS = 2
NAME_LABELS = frozenset({"PERSON", "ORG", "NORP"})


class Label(NamedTuple):
    """A speaker label: the head of its noun phrase and where its colon stands."""

    head: Token
    colon: Span


def find_labels(doc: Doc, text: str, paragraphs: tuple[Span, ...],
                words: SpeechWords) -> Mapping[int, Label]:
    """Paragraph index -> its speaker label, for the paragraphs that open with one.

    Args:
        doc: The parsed article.
        text: ``doc.text``.
        paragraphs: The article's paragraphs.
        words: The speech lexicon (its referent nouns may head a label).
    """
    labels: dict[int, Label] = {}
    for index, para in enumerate(paragraphs):
        m = _LABEL.match(text, para.begin, para.end)
        if m is None or any(c.isdigit() for c in m.group(1)):
            continue
        colon = Span(m.end() - 1, m.end())
        if not _says_something(doc, text, Span(colon.end, para.end)):
            continue
        head = _label_head(doc, text, Span(m.start(1), m.end(1)), words)
        if head is not None:
            labels[index] = Label(head, colon)
    return labels


def _says_something(doc: Doc, text: str, rest: Span) -> bool:
    """True when what follows a colon may be speech: a few words, and not a list of names
    ("Iowa: Jane Roe, John Doe, ...")."""
    words = text[rest.begin:rest.end].split()
    if len(words) < MIN_CONTENT_WORDS:
        return False
    if text.count(",", rest.begin, rest.end) < MAX_LIST_COMMAS:
        return True
    span = doc.char_span(rest.begin, rest.end, alignment_mode="expand")
    return span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)


def _label_head(doc: Doc, text: str, label: Span, words: SpeechWords) -> Token | None:
    """The token that names the speaker of a label, or None when the label names none."""
    span = doc.char_span(label.begin, label.end, alignment_mode="expand")
    if span is None:
        return None
    tokens = []
    for tok in span:
        if tok.text == "(":
            break  # "Rep. Jane Roe (D-Ohio)"
        if tokens and (tok.lower_ in words.label_preps or _cue_word(tok, words)):
            break  # "Roe on the pier: ...", "Roe Backs Poe: ...": Roe speaks
        tokens.append(tok)
    content = [t for t in tokens if not t.is_punct]
    if not content or len(content) > MAX_LABEL_TOKENS or any(t.pos_ in ("VERB", "AUX") for t in content):
        return None
    nouns = [t for t in content if t.pos_ in ("PROPN", "NOUN") or _capitals(t)]
    if not nouns:
        return None
    head = nouns[-1]
    return head if _names_speaker(head, text, label, words) else None


def _cue_word(tok: Token, words: SpeechWords) -> bool:
    """True for a reporting verb written in a headline's capitals ("Backs", "Slams", "Says"),
    which the parser may take for a name."""
    word = tok.lower_
    return tok.text[:1].isupper() and (tok.lemma_.lower() in words.cues or word in words.cues
                                       or (word.endswith("s") and word[:-1] in words.cues))


def _capitals(tok: Token) -> bool:
    """True for a word in capitals, as transcripts write speakers ("ROE")."""
    return len(tok.text) > 1 and tok.text.isalpha() and tok.text.isupper()


def _names_speaker(head: Token, text: str, label: Span, words: SpeechWords) -> bool:
    """True when a label's head names who speaks (see the module docstring)."""
    ref = words.referents
    if head.ent_type_ in NAME_LABELS:
        return True
    if {head.lower_, head.lemma_.lower()} & (ref.person | ref.organization | ref.evidence | ref.document):
        return True
    if not (head.text.istitle() or _capitals(head)):
        return False
    name = re.compile(rf"\b{re.escape(head.text.title())}\b")
    return name.search(text, label.end) is not None or name.search(text, 0, label.begin) is not None
