"""Attribution cues: which tokens start a reporting verb or phrase of the cue lexicon.

A cue is a verb lemma ("say"), a verb with its particle or preposition ("call on", "point
out"), or the fixed phrase "according to"; each carries a speech act and a content mode
(``graph/data/cues.tsv``, read through :func:`graph.lexicon.lexicon`).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy
from spacy.attrs import LOWER, POS
from spacy.parts_of_speech import AUX, VERB
from spacy.tokens import Doc, Token

from graph.lexicon import lexicon
from graph.lexicon.speech import Cue

CUE_POS = frozenset({VERB, AUX})
PASSIVE_DEPS = frozenset({"auxpass", "nsubjpass", "agent"})
#: The clitic that is "has" of a perfect or "is" of a passive ("he's said").
HAS_CLITICS = frozenset({"'s", "’s"})
#: What a verb after "'s" has that only a perfect ("has"), never a passive ("is"), has.
PERFECT_DEPS = frozenset({"ccomp", "dobj", "prt"})
TIME_LABELS = frozenset({"DATE", "TIME"})
#: Children that give a participle a clause of its own ("she was asked", "who asked").
PARTICIPLE_OWN_DEPS = frozenset({"nsubj", "nsubjpass", "aux", "auxpass"})
#: Words that open a question ("asked whether ...", "asked how ...").
QUESTION_WORDS = frozenset({"whether", "if", "how", "why", "what", "when", "where", "who",
                            "which"})
#: Words that open a yes-or-no question ("asked if she knew").
YES_NO_WORDS = frozenset({"whether", "if"})
#: Dependencies of a question clause on the verb that asks it, or on its preposition
#: ("asked what ...", "pressed on why ...").
QUESTION_DEPS = frozenset({"ccomp", "pcomp"})
#: Verb endings and what replaces them in the base form, tried in order when the model's
#: lemma is no cue ("hoping" -> "hope", "argues" -> "argue").
INFLECTIONS = (("ies", "y"), ("ied", "y"), ("ing", "e"), ("ing", ""), ("ed", "e"), ("ed", ""),
               ("es", "e"), ("es", ""), ("s", ""))


def match_cue(token: Token, cues: Mapping[str, Cue]) -> tuple[Cue, Token | None] | None:
    """The cue a token starts, with its particle ("on" of "call on"), if any.

    Args:
        token: Any token.
        cues: The cue lexicon (``lexicon().speech.cues``).

    Returns:
        (cue, particle token or None), or None when the token is no reporting cue.
    """
    doc = token.doc
    if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
        cue = cues.get("according to")
        return (cue, doc[token.i + 1]) if cue else None
    if token.pos_ not in ("VERB", "AUX"):
        return None
    lemma = verb_lemma(token, cues)
    for child in _particles(token):
        phrase = f"{lemma} {child.lower_}"
        if child.i > token.i and phrase in cues and not names_a_time(child) and not (
                cues[phrase].content == "that" and _takes_object(token, child)):
            return cues[phrase], child
    if lemma in cues and " " not in lemma:
        return cues[lemma], None
    return None


def is_discourse_marker(verb: Token, subjects: frozenset[str]) -> bool:
    """True for a cue that opens its sentence after one of ``subjects`` (and "being") and
    before a comma: "That said, ...", "This being said, ..." link two thoughts; nobody
    speaks (``marker-subject`` in ``speech_words.tsv``)."""
    doc, at = verb.doc, verb.i - 1
    if at >= 0 and doc[at].lower_ == "being":
        at -= 1
    return (at >= 0 and doc[at].lower_ in subjects and (at == 0 or doc[at].is_sent_start
                                                         or doc[at - 1].is_punct)
            and verb.i + 1 < len(doc) and doc[verb.i + 1].text == ",")


def verb_lemma(token: Token, cues: Mapping[str, Cue]) -> str:
    """The token's lemma, or the cue its inflected form stands for when the model's lemma
    is wrong ("hopes" taken for a form of "hop", "seemed" left as it is)."""
    lemma = token.lemma_.lower()
    if lemma in cues:
        return lemma
    word = token.lower_
    for suffix, ending in INFLECTIONS:
        if word.endswith(suffix) and word[:len(word) - len(suffix)] + ending in cues:
            return word[:len(word) - len(suffix)] + ending
    return lemma


def _particles(verb: Token) -> list[Token]:
    """The particles and prepositions of a verb, the adverb right after it that the parser
    may take for its particle ("back" of "shot back"), and the conjunction opening a clause
    it governs ("for" of "called for the toll to be cut")."""
    found = [c for c in verb.children if c.dep_ in ("prt", "prep")
             or (c.dep_ == "advmod" and c.i == verb.i + 1)]
    found += [m for c in verb.children if c.dep_ in ("advcl", "ccomp")
              for m in c.children if m.dep_ == "mark" and m.i == c.left_edge.i]
    return found


def _takes_object(verb: Token, particle: Token) -> bool:
    """True when a phrasal verb has an object or an infinitive, which a phrasal cue that
    reports only a clause or a quote never takes: another sense of the verb ("the Senate
    goes on recess", "went on to win", not "“…,” she went on")."""
    return any(c.dep_ == "pobj" for c in particle.children) or any(
        c.dep_ in ("xcomp", "dobj") or (c.tag_ == "VB" and any(a.lower_ == "to" for a in c.lefts))
        for c in verb.children)


def names_a_time(prep: Token) -> bool:
    """True for a preposition whose object is a date or time ("called on Monday")."""
    return any(c.dep_ == "pobj" and c.ent_type_ in TIME_LABELS for c in prep.children)


def cue_candidates(doc: Doc) -> list[int]:
    """Indices of the tokens :func:`match_cue` may accept: verbs, auxiliaries, "according"."""
    attrs = doc.to_array([POS, LOWER])
    if not len(attrs):
        return []
    according = numpy.uint64(doc.vocab.strings["according"])
    found = numpy.isin(attrs[:, 0], list(CUE_POS)) | (attrs[:, 1] == according)
    return numpy.flatnonzero(found).tolist()


def is_passive(verb: Token) -> bool:
    """True for a passive reporting verb ("was told", "as reported by X"); never a perfect
    the parser read as one (:func:`misread_perfect`), nor a verb whose only mark of the
    passive is a "by" phrase of the means it speaks through ("Roe said by telephone")."""
    media = lexicon().speech.media
    return any(c.dep_ in PASSIVE_DEPS and not (c.dep_ == "agent" and any(
        g.dep_ == "pobj" and g.lemma_.lower() in media for g in c.children)) for c in verb.children
               ) and not misread_perfect(verb)


def participle_on_noun(clause: Token) -> bool:
    """True for a clause the parser hung on a cue that is a participle without a subject (or
    a past form the tagger took it for) right after the noun of the cue's own prepositional
    phrase ("said in a note posted on Monday", "said in an interview aired on
    Friday"): it describes that noun, it is no content. Never a clause that opens with
    anything else or holds a clause of its own ("said on Friday that ...", "said in an
    interview recorded before the vote that ...")."""
    if clause.tag_ not in ("VBN", "VBD") or clause.left_edge.i != clause.i or any(
            c.dep_ in PASSIVE_DEPS | {"nsubj", "aux", "expl", "mark", "ccomp"} for c in clause.children):
        return False
    if any(t.lower_ == "that" for t in clause.subtree):
        return False  # the content's "that" the parser hung inside it ("recorded before the vote that ...")
    noun = clause.doc[clause.left_edge.i - 1] if clause.left_edge.i > 0 else None
    return (noun is not None and noun.dep_ == "pobj" and noun.head.dep_ == "prep"
            and noun.head.head.i == clause.head.i)


def misread_perfect(verb: Token) -> bool:
    """True for a perfect whose "'s" (has) the parser read as the "is" of a passive ("he's
    said he will run", "she’s predicted a close vote", "he's spoken out against it"): the verb
    has no agent but a clause, a direct object or a particle of its own, which a passive
    does not. "He's said to be ill" (an infinitive) and "she's seen as a moderate" stay
    passives."""
    return (any(c.dep_ == "auxpass" and c.lower_ in HAS_CLITICS for c in verb.children)
            and not any(c.dep_ == "agent" for c in verb.children)
            and any(c.dep_ in PERFECT_DEPS for c in verb.children))


def done_to_subject(verb: Token) -> bool:
    """True for a participle clause without a subject before its main verb ("Asked whether
    ...,", "When asked about ...,"), which says what was done to the main clause's subject
    (the parser may tag a sentence-opening "Asked" as a past tense)."""
    return (verb.dep_ == "advcl" and (verb.tag_ == "VBN" or (verb.tag_ == "VBD" and verb.i < verb.head.i))
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children))


def asked_participle(verb: Token) -> bool:
    """True for a participle clause without a subject that says what its clause's subject
    was asked (:func:`asks`): before the main verb (:func:`done_to_subject`), after it ("...,
    she said when asked about it", "“…,” Roe said, asked about the toll"; the parser may tag
    the participle as a past tense there too, right after a comma or a word of its own such
    as "when"), as a reduced relative clause ("Roe, asked about the toll, said ...") or on a
    name the parser took for its subject ('"…," said Roe, asked about the toll')."""
    if not asks(verb) or any(c.dep_ in PARTICIPLE_OWN_DEPS and not _parted_name(c) for c in verb.children):
        return False
    if done_to_subject(verb) or (verb.dep_ in ("relcl", "acl") and verb.tag_ == "VBN"):
        return True
    if verb.tag_ in ("VBN", "VBD") and any(c.dep_ == "nsubj" and _parted_name(c) for c in verb.children):
        return True  # '"…," said Roe, asked about the toll': hung on the name as its verb
    if verb.dep_ != "advcl" or verb.tag_ not in ("VBN", "VBD"):
        return False
    before = verb.doc[verb.i - 1]
    return before.text == "," or (before.head.i == verb.i and before.dep_ in ("advmod", "mark"))


def _parted_name(subject: Token) -> bool:
    """True for a bare name that a comma parts from the verb the parser hung it on as its
    subject ("said Tomas Berg, asked about the toll"): a name never has its verb after a
    comma, so the verb is a participle on it, not its own (unlike "Berg, a former mayor,
    asked ...", whose apposition the comma closes)."""
    doc = subject.doc
    return (subject.pos_ == "PROPN" and all(t.is_punct for t in subject.rights)
            and subject.i + 2 == subject.head.i and doc[subject.i + 1].text == ",")


def asks_unnamed(verb: Token) -> bool:
    """True for a participle that says what its clause's subject was asked
    (:func:`asked_participle`) without naming who asked ("Asked whether the dam would hold,
    the mayor said ...", "Roe said no when asked about the toll"): the question was put by
    someone the text does not name."""
    return asked_participle(verb) and not any(c.dep_ == "agent" for c in verb.children)


def asks(verb: Token) -> bool:
    """True for a verb with a question ("whether the dam would hold", "if she believed it",
    which the parser may hang as an adverbial clause) or an "about" phrase after it: what it
    asks."""
    return any((c.dep_ == "ccomp" and _opening(c).lower_ in QUESTION_WORDS)
               or (c.dep_ == "advcl" and c.left_edge.lower_ in YES_NO_WORDS)
               or (c.dep_ == "prep" and c.lower_ == "about") for c in verb.children)


def _opening(clause: Token) -> Token:
    """The first word of a clause, past the adverbs before it ("specifically what ...")."""
    for t in clause.doc[clause.left_edge.i:clause.right_edge.i + 1]:
        if not (t.dep_ == "advmod" and t.head.i != clause.i and t.i < t.head.i):
            return t
    return clause.left_edge


def in_question(verb: Token, question_verbs: frozenset[str]) -> bool:
    """True for a cue inside a question that a verb of ``question_verbs`` asks ("asked
    whether she believes the plan works", "was pressed on why the mayor claimed it", "wondered
    if critics claim it"): what the cue reports is asked about, not stated. Only the nearest
    clause opened by a question word counts, and never across a clause of time or condition
    ("wondered what she meant when she said it": she said it)."""
    node = verb
    while node.head.i != node.i:
        if _question_clause(node):
            asker = node.head.head if node.head.dep_ == "prep" else node.head
            return asker.lemma_.lower() in question_verbs
        if node.dep_ == "advcl":
            return False  # a clause of time or condition: "... meant when she said it"
        node = node.head
    return False


def _question_clause(node: Token) -> bool:
    """True for a clause opened by a question word: a complement ("asked what ...", "pressed
    on why ..."), or an adverbial clause opened by "if" or "whether", as the parser may hang
    a yes-or-no question after its verb ("asked if ..."); never a clause of time ("asked
    when he left") or a condition ("If the dam fails, why wait?” she asked")."""
    first = node.left_edge.lower_
    if node.dep_ == "advcl":
        return first in YES_NO_WORDS and node.i > node.head.i
    return node.dep_ in QUESTION_DEPS and first in QUESTION_WORDS


def yes_no_clauses(verb: Token) -> list[Token]:
    """The yes-or-no questions the parser hung on a verb as adverbial clauses ("asked if she
    knew"), which are what it asks."""
    return [c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i
            and c.left_edge.lower_ in YES_NO_WORDS]
