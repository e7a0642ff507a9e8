"""What a statement is about: the actors its content names or refers to.

The content's mentions (unnamed sources aside) and the names it repeats where the actors
stage left no mention; its pronouns and nominals resolved through
:mod:`graph.extract.reference` and :mod:`.target_reference` ("I" in a direct quote is its
speaker, "we" there the speaker's organisation; "he" the last fitting person named before
it in the content, else the one in focus; "who" opening the content the actor it relates
to; "its" in what an organisation said, that organisation; "they" in reported speech
the two people last named together when no organisation or group fits; "the President" the holder
of that role; "the suspect" the person in focus who neither spoke nor holds a title;
"the hotel" the named place whose name holds the noun; "both companies" the last two
organisations named; "some stores" in what an organisation said, that organisation; "the
Veltrian government" an organisation minted from the phrase);
the subject or possessor written just before a quoted fragment (said Berg "had done his
best"; praised her "courage"); and the objects of a criticising, praising, ordering or
characterising cue ("criticised Riverside officials", "ordered the accused to remain",
"described him as 'emerging'")."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Token

from graph.extract import reference
from graph.extract.reference import Discourse
from graph.extract.speech import target_reference
from graph.extract.speech.context import Context, Draft
from graph.extract.speech.speakers import noun_phrase
from graph.records import Span, Statement

#: Dependencies of the words outside a quoted fragment that its content is about.
FRAGMENT_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})
#: Most tokens between such a word and the fragment's first word (the quotation mark).
FRAGMENT_GAP = 3
#: Dependency of a participle cue set aside after another cue ("condemned X, calling it ...").
ASIDE_DEPS = frozenset({"advcl", "conj"})
#: Contents of such a cue that name what it speaks of (an object, "as" what it is called),
#: not a new clause ("adding that ...").
ASIDE_CONTENT = frozenset({"object", "as"})


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
    keys = [k for k in discourse.mentions_in(draft.span) if discourse.kind(k) != "UnnamedSource"]
    found = [*target_reference.named_again(discourse, draft.span)]
    before = list(_before_fragment(discourse, draft))
    for tok in ctx.doc[ctx.token_at(draft.span.begin):]:
        if tok.idx >= draft.span.end:
            break
        if tok in before:
            continue
        found.append(_token_target(discourse, draft, tok, speaker))
        found.extend(target_reference.pair_named(discourse, tok))
        found.extend(target_reference.antecedent(discourse, tok, draft.span))
        if draft.kind != "direct" and target_reference.speaker_pronoun(discourse, tok, speaker) is None:
            found.extend(target_reference.people_pair(discourse, tok, speaker))
    found.extend(_fragment_target(discourse, tok, speaker) for tok in before)
    objects = draft.targets or _quote_cue_objects(discourse, draft)
    found.extend(_object_target(discourse, draft, obj, speaker) for obj in objects)
    for key in found:
        if key is not None and key not in keys:
            keys.append(key)
    return keys


def aside_about(ctx: Context, drafts: list[Draft], statements: list[Statement]
                ) -> list[Statement]:
    """Statements whose content names no actor, given the targets of the statement their
    cue is an aside to: a participle cue after another cue of the same speaker, taking an
    object rather than a clause ("Ruiz condemned the closure by the Harbour Authority,
    calling it reckless": what "it" is called is the authority's closure; not "adding that
    ...", nor a participle before the cue, "Refusing to resign, Ruiz said ...", nor one
    whose object is a person's pronoun, "describing him as ...").

    Args:
        ctx: The article.
        drafts: The drafts, one for each statement.
        statements: The statements, in the drafts' order.

    Returns:
        New statements, the others unchanged.
    """
    by_cue = {ctx.token_at(d.cue_span.begin): s for d, s in zip(drafts, statements)
              if d.cue_span is not None and s.about}
    return [_carried(ctx, d, s, by_cue) for d, s in zip(drafts, statements)]


def _carried(ctx: Context, draft: Draft, statement: Statement, by_cue: dict[int, Statement]
             ) -> Statement:
    """The statement, given the targets of the one its participle cue is an aside to."""
    if statement.about or draft.cue_span is None or statement.speaker is None:
        return statement
    cue = ctx.doc[ctx.token_at(draft.cue_span.begin)]
    main = by_cue.get(cue.head.i)
    if (cue.tag_ != "VBG" or cue.dep_ not in ASIDE_DEPS or cue.i < cue.head.i
            or draft.cue.content not in ASIDE_CONTENT or main is None
            or main.speaker != statement.speaker
            or any(c.lower_ in ctx.words.pronouns.gender for c in cue.children)):
        return statement
    return replace(statement, about=list(main.about))


def _token_target(discourse: Discourse, draft: Draft, tok: Token, speaker: str | None) -> str | None:
    """The actor one word of the content refers to, if any."""
    pronouns = discourse.context.words.pronouns
    low = tok.lower_
    if low in pronouns.first_person and draft.kind == "direct":
        return speaker
    if low in pronouns.first_plural and tok.pos_ == "PRON" and draft.kind == "direct":
        return target_reference.speaker_group(discourse, speaker)
    if low in pronouns.gender and tok.pos_ == "PRON":
        return _content_pronoun(discourse, draft, tok)
    if low in pronouns.organization or low in pronouns.plural:
        return target_reference.speaker_pronoun(discourse, tok, speaker) \
            if draft.kind != "direct" else None
    if discourse.mention_at(tok) is not None:
        return None
    key = (target_reference.title_holder(discourse, tok)
           or target_reference.described_person(discourse, tok, speaker)
           or reference.nominal(discourse, tok, speaker))
    if key is None:
        return (target_reference.facility_named(discourse, tok)
                or target_reference.place_organisation(discourse, tok)
                or target_reference.speaker_part(discourse, tok, speaker))
    return target_reference.named_instead(discourse, key, tok)


def _content_pronoun(discourse: Discourse, draft: Draft, tok: Token) -> str | None:
    """A he/she inside the content (:func:`.target_reference.person_pronoun`)."""
    earlier = [k for k in discourse.mentions_in(Span(draft.span.begin, tok.idx))
               if discourse.kind(k) == "Person"]
    return target_reference.person_pronoun(discourse, tok, earlier)


def _before_fragment(discourse: Discourse, draft: Draft) -> Iterator[Token]:
    """The subject or possessor of a quoted fragment's first words, written just before its
    opening mark, before or inside the content ("Berg" in said Berg "had resigned"; "her"
    in praised her "courage"), and the possessor of such a subject, however long the phrase
    it heads when it ends at the mark ("Berg" in found Berg's advice to the board "was
    unlawful")."""
    if draft.kind == "indirect":
        return
    ctx = discourse.context
    for quote in ctx.quotes:
        if not draft.span.begin <= quote.span.begin < draft.span.end:
            continue
        first = ctx.token_at(quote.span.begin)
        for tok in ctx.doc[first:]:
            if tok.idx >= quote.span.end:
                break
            for child in tok.children:
                if child.dep_ in FRAGMENT_DEPS and child.i < first and (
                        child.i >= first - FRAGMENT_GAP or child.right_edge.i >= first - FRAGMENT_GAP):
                    yield child
                    yield from (c for c in child.children if c.dep_ == "poss")


def _fragment_target(discourse: Discourse, tok: Token, speaker: str | None) -> str | None:
    """The actor a word before a quoted fragment names: its mention, a name written again,
    or a pronoun's referent other than the speaker ("X praised her 'courage'")."""
    named = discourse.mention_at(tok) or next(iter(target_reference.named_again(
        discourse, Span(tok.left_edge.idx, tok.idx + len(tok.text)))), None)
    if named is not None or tok.lower_ not in discourse.context.words.pronouns.gender:
        return named
    gender = discourse.context.words.pronouns.gender[tok.lower_]
    return reference.salient(discourse, tok.idx, lambda e: e.kind == "Person" and e.key != speaker
                             and reference.entity_gender(e) in (None, gender), fallback=False)


def _quote_cue_objects(discourse: Discourse, draft: Draft) -> list[Token]:
    """The direct objects of a quote's cue when its speech act takes its object as target
    (described Berg as an "emerging" leader), outside the quote."""
    ctx = discourse.context
    if draft.kind == "indirect" or draft.cue_span is None \
            or draft.speech_act not in ctx.words.target_acts:
        return []
    cue = ctx.doc[ctx.token_at(draft.cue_span.begin)]
    return [c for c in cue.children if c.dep_ == "dobj"
            and not draft.span.begin <= c.idx < draft.span.end]


def _object_target(discourse: Discourse, draft: Draft, obj: Token, speaker: str | None
                   ) -> str | None:
    """The actor the object of a cue names: the one criticised, praised, ordered or
    characterised ("ordered the accused to remain", "described him as 'reckless'"), by its
    mention, its name written again, a pronoun (a reflexive one: the speaker), a
    description, or a group minted from it."""
    if "Yes" in obj.morph.get("Reflex"):
        return speaker  # "describes himself as ..."
    key = _fragment_target(discourse, obj, speaker) or _target_entity(discourse, obj)
    if key is None and obj.pos_ != "PRON":
        key = _token_target(discourse, draft, obj, speaker)
    return key


def _target_entity(discourse: Discourse, obj: Token) -> str | None:
    """The group a criticised or praised object names ("Riverside district officials"),
    minted as an organisation."""
    ref = discourse.context.words.referents
    if obj.pos_ == "NOUN" and obj.lemma_.lower() in ref.person | ref.organization and any(
            t.is_title for t in obj.lefts):
        return discourse.mint("Organization", noun_phrase(obj, with_preps=False))
    return None
