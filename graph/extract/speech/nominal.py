"""Nominal cues: a noun that reports what its possessor said, thought or wants.

"Her claim that the dam leaks", "the union's criticism of the plan", "its call for new
elections", "criticism of the plan from the union": the noun is a cue of
``graph/data/nominal_cues.tsv``, who speaks is its possessor or the object of "by"/"from"
after it, and the content is the noun's that-clause or infinitive, else the object of its
preposition ("of the plan", "for new elections"), never a name it is addressed to ("her
advice to the Queen"). A noun without a named speaker reports nothing ("the criticism of
the plan").
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from graph.extract.speech.context import Context
from graph.lexicon.speech import Cue

#: Dependents of the noun whose subtree is its content ("claim that ...", "plan to ..."),
#: when a "that" or "to" opens them (never "the statement released on Monday", nor a
#: relative clause: "the claim that he made", whose "that" is no conjunction).
CLAUSE_DEPS = frozenset({"acl", "ccomp", "relcl"})
SPEAKER_PREPS = frozenset({"by", "from"})


def nominal_cues(ctx: Context) -> Iterator[tuple[Token, Cue, Token, list[Token]]]:
    """(noun, cue, speaker head, content tokens) for each nominal cue with both."""
    cues = ctx.words.nominal_cues
    for noun in ctx.doc:
        if noun.pos_ != "NOUN":
            continue
        cue = cues.get(noun.lemma_.lower()) or cues.get(noun.lower_)
        if cue is None:
            continue
        speaker = _speaker(noun)
        content = _content(ctx, noun) if speaker is not None else []
        if speaker is not None and content:
            yield noun, cue, speaker, content


def _speaker(noun: Token) -> Token | None:
    """The possessor ("her", "the union's") or the object of "by"/"from" after the noun."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for prep in noun.rights:
        if prep.dep_ == "prep" and prep.lower_ in SPEAKER_PREPS:
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None


def _content(ctx: Context, noun: Token) -> list[Token]:
    """The noun's clause ("that the dam leaks", without "that"), else the object of its
    first content preposition ("of the plan")."""
    for child in noun.rights:
        if child.dep_ in CLAUSE_DEPS and any(
                c.lower_ in ("that", "to") and c.dep_ in ("mark", "aux") for c in child.children):
            tokens = list(child.subtree)
            if tokens and tokens[0].dep_ == "mark":
                tokens = tokens[1:]
            return tokens
    for prep in noun.rights:
        if prep.dep_ == "prep" and prep.lower_ in ctx.words.content_preps \
                and prep.lower_ not in SPEAKER_PREPS:
            objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
            if prep.lower_ == "to" and any(_names_someone(ctx, o) for o in objects):
                continue  # whom it is addressed to ("her advice to the Queen"), no content
            return [t for o in objects for t in o.subtree]
    return []


def _names_someone(ctx: Context, token: Token) -> bool:
    """True for a name, a capitalised noun or a person noun ("Jane Roe", "the Queen", "the
    minister")."""
    return (token.pos_ == "PROPN" or token.text[:1].isupper()
            or token.lemma_.lower() in ctx.words.referents.person)
