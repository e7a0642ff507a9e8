"""The speech stage: direct, indirect and mixed statements, with speakers and targets.

:func:`find_speech` runs the steps in order over one :class:`~.context.Context`, built once
per Doc:

1. :mod:`.marks` finds the quoted runs and :mod:`.quotes` sorts them into direct quotes
   (with their attribution, when the text gives one) and quoted fragments;
2. :mod:`.reported` drafts indirect and mixed statements around the cues of
   :mod:`.cues` (``graph/data/cues.tsv``);
3. :mod:`.speakers` resolves who speaks in each draft, in text order, through the
   article's :class:`~graph.extract.reference.Discourse` (pronouns, nominals, salience);
4. :mod:`.targets` finds what each statement is about.

Speakers the actors stage did not list (unnamed sources, organisations named only as
speakers, missed names) are minted as new entities, returned in :attr:`Speech.sources`.
"""

from __future__ import annotations

from spacy.tokens import Doc

from graph.extract.reference import Discourse
from graph.extract.speech.context import Context
from graph.extract.speech.quotes import direct_drafts, fallback_drafts, read_quotes
from graph.extract.speech.reported import reported_drafts
from graph.extract.speech.speakers import speakers
from graph.extract.speech.targets import about, aside_about
from graph.records import Actors, Speech, Statement

__all__ = ["find_speech"]


def find_speech(doc: Doc, actors: Actors) -> Speech:
    """Direct, indirect and mixed statements of one parsed article.

    Args:
        doc: ``nlp(article.masked_text())``.
        actors: The article's actors and places (keys "e0", "e1", ...) and their roles;
            never changed.

    Returns:
        The statements in text order (reported ones only when their speaker is known or
        the text states none: "the council is expected to approve it"), and
        the entities minted for speakers or targets the actors lacked, keyed "s0", "s1", ...
    """
    ctx = Context.of(doc)
    quoting = read_quotes(ctx)
    discourse = Discourse.start(ctx, actors, [q.outer for q in quoting.direct])
    drafts = direct_drafts(ctx, quoting) + reported_drafts(ctx, quoting)
    drafts += fallback_drafts(ctx, quoting, drafts)
    found = speakers(discourse, drafts)
    kept, statements = [], []
    for i in sorted(range(len(drafts)), key=lambda i: drafts[i].span.begin):
        draft, speaker = drafts[i], found[i]
        if speaker is None and draft.block < 0 and draft.subject is not None:
            continue
        kept.append(draft)
        statements.append(Statement(draft.kind, draft.span,  # type: ignore[arg-type]
                                    ctx.text[draft.span.begin:draft.span.end], speaker,
                                    draft.cue.phrase, draft.speech_act,
                                    about(discourse, draft, speaker), draft.cue_span))
    return Speech(_one_per_span(_without_nested_parts(ctx, aside_about(ctx, kept, statements))),
                  discourse.minted)


def _without_nested_parts(ctx: Context, statements: list[Statement]) -> list[Statement]:
    """The statements without a reported one that is a part of a longer (or as long) reported
    statement.

    An indirect statement whose verb cue lies inside the content of a longer reported
    statement by the same speaker is a part of it ("Roe said she wants the pier rebuilt":
    *wants* is a part of what Roe said, not a second statement of hers); so is one without
    a speaker. A stance (a speech act of the ``stance-act`` list of
    ``graph/data/speech_words.tsv``: believes, wants, plans, supports) inside what someone
    asserts is a part of the assertion whoever holds it ("Roe said voters want the pier
    rebuilt": the voters' wish is what Roe says), also with the same content ("The plan seems
    to work, Roe said": the writer's judgement is Roe's). Another speaker's utterance stays ("Roe
    said critics claim the pier is unsafe", "critics urged ..., according to the minutes"),
    and so does the content of a noun cue ("repeated her call for new elections": the call
    is for new elections)."""
    reported = [s for s in statements if s.kind != "direct"]
    return [s for s in statements if not (s.kind != "direct" and any(
        o is not s and o.span.begin <= s.span.begin and s.span.end <= o.span.end
        and _part_of(ctx, s, o) and (len(o.span) > len(s.span) or not _part_of(ctx, o, s))
        for o in reported))]


def _part_of(ctx: Context, inner: Statement, outer: Statement) -> bool:
    """True when ``inner``, whose span lies inside ``outer``'s, is a part of it (see
    :func:`_without_nested_parts`)."""
    if _noun_cue(ctx, inner):
        return False
    if inner.speech_act in ctx.words.stance_acts and outer.speech_act == ctx.words.default_cue.speech_act:
        return True
    return inner.kind == "indirect" and (inner.speaker is None or outer.speaker == inner.speaker)


def _noun_cue(ctx: Context, statement: Statement) -> bool:
    """True when the statement's cue is a noun ("her call for new elections")."""
    span = statement.cue_span
    return span is not None and ctx.doc[ctx.token_at(span.begin)].pos_ in ("NOUN", "PROPN")


def _one_per_span(statements: list[Statement]) -> list[Statement]:
    """One statement per content span, whose offsets make its IRI: the first with a speaker
    ("Nine are confirmed dead, the mayor told reporters": *told*, not the agentless passive
    *confirmed*), else the first."""
    best: dict[tuple[int, int], Statement] = {}
    for statement in statements:
        key = (statement.span.begin, statement.span.end)
        if key not in best or (best[key].speaker is None and statement.speaker is not None):
            best[key] = statement
    return [s for s in statements if best[(s.span.begin, s.span.end)] is s]
