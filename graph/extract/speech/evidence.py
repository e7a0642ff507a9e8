"""Evidence set into a clause: "in a new poll, most voters back the plan", "the mayor leads
in two surveys".

The preposition "in" with an evidence noun as its object (poll, survey, study: the
"evidence" referents of ``graph/data/referents.tsv``) attributes the clause it modifies to
that evidence, as "according to" attributes it to its object; the cue is the "in" row of
``graph/data/cues.tsv``. A clause whose own verb reports ("in a poll, voters said ...") is
that verb's statement, and a clause inside a quote is the quote's.

A hearsay adverb ("the plan was reportedly dropped") attributes the clause it modifies to
sources the text does not name: an unnamed source, "unidentified sources"
(:func:`~graph.extract.speech.speakers.speakers`).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from graph.extract.speech.context import Context
from graph.extract.speech.cues import match_cue
from graph.lexicon.speech import Cue

#: The prepositions that set evidence into a clause (each a row of ``cues.tsv``).
EVIDENCE_PREPS = ("in",)
#: The adverbs that attribute their clause to unnamed sources (each a row of ``cues.tsv``):
#: only those the news mostly means so ("allegedly" mostly marks a charge, not a report).
HEARSAY_ADVERBS = ("reportedly",)
#: The verbs of main clauses: a subordinate one ("as she rises in the polls, ...") sets the
#: scene rather than states a finding.
MAIN_DEPS = frozenset({"ROOT", "conj"})


def evidence_phrases(ctx: Context) -> Iterator[tuple[Token, Cue, Token, list[Token]]]:
    """(preposition, its cue, the evidence noun, the content) for each "in" + evidence
    noun that modifies a clause which does not report by itself."""
    cues, evidence = ctx.words.cues, ctx.words.referents.evidence
    for prep in ctx.doc:
        cue = cues.get(prep.lower_) if prep.dep_ == "prep" and prep.lower_ in EVIDENCE_PREPS else None
        if cue is None or ctx.in_any_quote(prep.idx):
            continue
        noun = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if noun is None or not {noun.lemma_.lower(), noun.lower_} & evidence:
            continue
        verb = _clause_verb(prep)
        if verb is not None and verb.dep_ in MAIN_DEPS and match_cue(verb, cues) is None:
            yield prep, cue, noun, _clause(prep, verb)


def _clause_verb(prep: Token) -> Token | None:
    """The verb of the clause a preposition modifies, climbing from a noun it may hang on
    ("her lead in the poll grew")."""
    head = prep.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    return head if head.pos_ in ("VERB", "AUX") else None


def _clause(prep: Token, verb: Token) -> list[Token]:
    """The clause of ``verb``, without the evidence phrase when it opens or closes it ("In
    a poll, ..."; "... in two surveys"), else whole (a statement is one span)."""
    phrase = {t.i for t in prep.subtree}
    tokens = [t for t in verb.subtree if not t.is_punct or t.i not in phrase]
    while tokens and (tokens[0].i in phrase or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and (tokens[-1].i in phrase or tokens[-1].is_punct):
        tokens = tokens[:-1]
    return tokens


def hearsay_clauses(ctx: Context) -> Iterator[tuple[Token, Cue, list[Token]]]:
    """(adverb, its cue, the content) for each hearsay adverb set into a clause whose verb
    does not report by itself ("X reportedly said ..." is X's statement)."""
    cues = ctx.words.cues
    for adverb in ctx.doc:
        cue = cues.get(adverb.lower_) if adverb.lower_ in HEARSAY_ADVERBS else None
        if cue is None or adverb.dep_ != "advmod" or ctx.in_any_quote(adverb.idx):
            continue
        verb = adverb.head
        if verb.pos_ in ("VERB", "AUX") and match_cue(verb, cues) is None:
            yield adverb, cue, [t for t in verb.subtree if t.i != adverb.i]
