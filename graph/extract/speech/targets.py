"""What a statement is about: the actors its content names or refers to.

The content's mentions (unnamed sources aside), its pronouns and nominals resolved through
:mod:`graph.extract.reference` ("I" in a direct quote is its speaker; "he" the last fitting
person named before it in the content, else the one in focus), and the objects of a
criticising or praising cue ("criticised Riverside officials").
"""

from __future__ import annotations

from spacy.tokens import Token

from graph.extract import reference
from graph.extract.reference import Discourse
from graph.extract.speech.context import Draft
from graph.extract.speech.speakers import noun_phrase
from graph.records import Span


def about(discourse: Discourse, draft: Draft, speaker: str | None) -> list[str]:
    """Keys of the actors the draft's content is about, in the order found.

    Args:
        discourse: The article, its speakers recorded.
        draft: The statement.
        speaker: Its speaker.

    Returns:
        Entity keys without repeats; an object named only by a description may be minted.
    """
    ctx = discourse.context
    pronouns = ctx.words.pronouns
    keys = [k for k in discourse.mentions_in(draft.span) if discourse.kind(k) != "UnnamedSource"]
    for tok in ctx.doc[ctx.token_at(draft.span.begin):]:
        if tok.idx >= draft.span.end:
            break
        low = tok.lower_
        key = None
        if low in pronouns.first_person and draft.kind == "direct":
            key = speaker
        elif low in pronouns.gender and tok.pos_ == "PRON":
            key = _content_pronoun(discourse, draft, tok)
        elif discourse.mention_at(tok) is None:
            key = reference.nominal(discourse, tok, speaker)
        if key is not None and key not in keys:
            keys.append(key)
    for obj in draft.targets:
        key = discourse.mention_at(obj) or _target_entity(discourse, obj)
        if key is not None and key not in keys:
            keys.append(key)
    return keys


def _content_pronoun(discourse: Discourse, draft: Draft, tok: Token) -> str | None:
    """A he/she inside the content: the last fitting person named before it there, else the
    person in focus."""
    gender = discourse.context.words.pronouns.gender[tok.lower_]
    earlier = [k for k in discourse.mentions_in(Span(draft.span.begin, tok.idx))
               if discourse.kind(k) == "Person" and discourse.gender(k) in (None, gender)]
    if earlier:
        return earlier[-1]
    return reference.pronoun(discourse, tok.lower_, tok.idx)


def _target_entity(discourse: Discourse, obj: Token) -> str | None:
    """The group a criticised or praised object names ("Riverside district officials"),
    minted as an organisation."""
    ref = discourse.context.words.referents
    if obj.pos_ == "NOUN" and obj.lemma_.lower() in ref.person | ref.organization and any(
            t.is_title for t in obj.lefts):
        return discourse.mint("Organization", noun_phrase(obj, with_preps=False))
    return None
