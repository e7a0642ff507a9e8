"""The speech section of the lexicon (see :mod:`graph.lexicon`): attribution cues and the
words that name or refer to speakers.

The speech-act names a cue may carry are the ``cg:SpeechAct`` individuals of the ontology
(:data:`graph.rdf._terms.SPEECH_ACTS`), so a cue can only name an act the graph can write.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from graph.lexicon._files import read_table, read_words
from graph.rdf._terms import SPEECH_ACTS

Rows = Iterable[tuple[str, ...]]

#: How much of a cue's complement is its content (see ``cues.tsv``).
CONTENT_MODES = frozenset({"that", "to", "clause", "object", "as"})
PRONOUN_CLASSES = ("male", "female", "organization", "plural", "relative", "first-person",
                   "first-plural", "indefinite", "writer", "answer", "question", "second-person",
                   "demonstrative", "reader", "unidentified", "unidentified-male",
                   "unidentified-female", "unidentified-plural")
WORD_USES = ("indefinite", "quantifier", "name-glue", "author-prep", "np-prep", "content-prep",
             "quoting-verb", "target-act", "default-cue", "active-only", "writer-view",
             "control-verb", "circumstance-prep", "circumstance-mark", "share", "label-prep",
             "stance-act", "example-prep", "marker-subject", "question-verb", "medium")
REFERENT_KINDS = ("person", "organization", "document", "evidence", "place")


@dataclass(frozen=True)
class Cue:
    """One entry of the cue lexicon (``cues.tsv``).

    Attributes:
        phrase: Verb lemma, "lemma particle" ("call on"), or fixed phrase ("according to").
        speech_act: A ``cg:SpeechAct`` name ("assert", "warn", ...).
        content: "that" (only a that-clause is content), "to" (only an infinitive:
            "seemed to suggest"), "clause" (also a long object
            holding a verb: "showed voters leaving the party"), "object" (also an object,
            infinitive or prepositional complement) or "as" (an object with what it is
            called: "called the plan a disaster", "described it as reckless").
        xcomp_act: Speech act when the cue takes an infinitive ("told them to ..."), if
            different.
    """

    phrase: str
    speech_act: str
    content: str = "clause"
    xcomp_act: str | None = None


@dataclass(frozen=True)
class Referents:
    """Nouns that name or refer back to actors (``referents.tsv``).

    Attributes:
        person: Nouns naming human speakers ("official", "spokesman").
        organization: Nouns naming institutions ("ministry", "police").
        document: Nouns naming writings and data whose author speaks ("statement",
            "statistics").
        evidence: Nouns naming inquiries that speak for themselves unless a preposition or
            an organisation noun names their author ("poll", "study").
        place: Nouns that refer back to the place last named ("the province").
        titles: Title word or phrase -> canonical form ("premier" = "prime minister").
        kin: A family noun that after "the" refers to a person the article named -> that
            person's gender ("the mother": "f").
    """

    person: frozenset[str]
    organization: frozenset[str]
    document: frozenset[str]
    evidence: frozenset[str]
    place: frozenset[str]
    titles: Mapping[str, str]
    kin: Mapping[str, str]


@dataclass(frozen=True)
class Pronouns:
    """Pronouns by what they may refer to (``pronouns.tsv``).

    Attributes:
        gender: he/she forms -> "m" or "f".
        organization: Forms of "it".
        plural: Forms of "they".
        relative: "who", "which", ...
        first_person: Forms of "I".
        first_plural: Forms of "we".
        indefinite: "someone", "those", ...: an unnamed source.
        writer: How the article's writer is described when "I" or "we" outside quotes names
            them ("the writer").
        answer: Labels of an interview's answers ("A: ...").
        question: Labels of an interview's questions ("Q: ..."), which the interviewer, the
            article's writer, asks.
        second_person: Forms of "you".
        demonstrative: "this", "these": what was just said.
        reader: How the reader is described when a generic "you" outside quotes speaks
            ("the reader").
        unidentified: How a speaker is described whom a pronoun stands for that refers to
            no one the article names, by what the pronoun says: "m" ("he": "an unidentified
            man"), "f", "plural" ("they") and "" (any other: "an unidentified source").
    """

    gender: Mapping[str, str]
    organization: frozenset[str]
    plural: frozenset[str]
    relative: frozenset[str]
    first_person: frozenset[str]
    first_plural: frozenset[str]
    indefinite: frozenset[str]
    writer: str
    answer: frozenset[str]
    second_person: frozenset[str]
    demonstrative: frozenset[str]
    reader: str
    unidentified: Mapping[str, str]
    question: frozenset[str] = frozenset()

    def referring(self) -> frozenset[str]:
        """The pronouns that stand for someone named elsewhere or not at all, which alone
        describe no one ("it", "they", "who", "you", "those"), unlike an indefinite one
        ("someone", "others")."""
        return (frozenset(self.gender) | self.organization | self.plural | self.relative
                | self.first_person | self.first_plural | self.second_person | self.demonstrative)


@dataclass(frozen=True)
class SpeechWords:
    """Word lists of the speech stage; ``speech_words.tsv`` explains each use.

    Attributes:
        reporting_verbs: Lemmas of verbs whose subject is usually a person or organisation
            speaking, from ``reporting_verbs.txt``.
        cues: Cue phrase (lowercase) -> :class:`Cue`.
        nominal_cues: Noun -> :class:`Cue` (content "object"), from ``nominal_cues.tsv``.
        referents: See :class:`Referents`.
        pronouns: See :class:`Pronouns`.
        indefinite, quantifiers, name_glue, author_preps, np_preps, content_preps,
        quoting_verbs, target_acts, active_only, writer_views, circumstance_preps,
        circumstance_marks, control_verbs, shares, label_preps, stance_acts, example_preps,
        marker_subjects, question_verbs, media: The
            words of
            each use in ``speech_words.tsv``.
        default_cue: The cue of a direct quote without attribution.
    """

    reporting_verbs: frozenset[str]
    cues: Mapping[str, Cue]
    referents: Referents
    pronouns: Pronouns
    indefinite: frozenset[str]
    quantifiers: frozenset[str]
    name_glue: frozenset[str]
    author_preps: frozenset[str]
    np_preps: frozenset[str]
    content_preps: frozenset[str]
    quoting_verbs: frozenset[str]
    target_acts: frozenset[str]
    default_cue: Cue
    active_only: frozenset[str]
    writer_views: frozenset[str]
    nominal_cues: Mapping[str, Cue]
    circumstance_preps: frozenset[str]
    circumstance_marks: frozenset[str]
    control_verbs: frozenset[str] = frozenset()
    shares: frozenset[str] = frozenset()
    label_preps: frozenset[str] = frozenset()
    stance_acts: frozenset[str] = frozenset()
    example_preps: frozenset[str] = frozenset()
    marker_subjects: frozenset[str] = frozenset()
    question_verbs: frozenset[str] = frozenset()
    media: frozenset[str] = frozenset()


def _check(value: str, valid: Iterable[str], what: str, where: str) -> str:
    if value not in valid:
        raise ValueError(f"{where}: {what} {value!r} not one of {sorted(valid)}")
    return value


def cues_from_rows(rows: Rows) -> dict[str, Cue]:
    """The cue lexicon from ``cue<TAB>class<TAB>content<TAB>xcomp_class[<TAB>notes]`` rows.

    Raises:
        ValueError: when a row names an unknown speech act or content mode.
    """
    cues: dict[str, Cue] = {}
    for number, row in enumerate(rows, 1):
        phrase, act, content, xact = (list(row) + ["clause", "-"])[:4]
        where = f"cues row {number}"
        _check(act, SPEECH_ACTS, "speech act", where)
        _check(content, CONTENT_MODES, "content", where)
        if xact != "-":
            _check(xact, SPEECH_ACTS, "xcomp class", where)
        cues[phrase.lower()] = Cue(phrase.lower(), act, content, None if xact == "-" else xact)
    return cues


def nominal_cues_from_rows(rows: Rows) -> dict[str, Cue]:
    """The nominal cues from ``noun<TAB>speech act`` rows.

    Raises:
        ValueError: when a row names an unknown speech act.
    """
    return {noun.lower(): Cue(noun.lower(), _check(act, SPEECH_ACTS, "speech act",
                                                   f"nominal_cues row {number}"), "object")
            for number, (noun, act) in enumerate(rows, 1)}


def referents_from_rows(rows: Rows) -> Referents:
    """The referent lexicon from ``word<TAB>kind<TAB>canonical`` rows.

    Raises:
        ValueError: when a row names an unknown kind.
    """
    kinds: dict[str, set[str]] = {kind: set() for kind in REFERENT_KINDS}
    titles: dict[str, str] = {}
    kin: dict[str, str] = {}
    for row in rows:
        word, kind, canonical = (list(row) + ["-", "-"])[:3]
        if kind == "title":
            titles[word.lower()] = canonical.lower()
        elif kind == "kin":
            kin[word.lower()] = _check(canonical, ("m", "f"), "kin gender", "referents")
        else:
            kinds[_check(kind, kinds, "unknown kind", "referents")].add(word.lower())
    return Referents(*(frozenset(kinds[kind]) for kind in REFERENT_KINDS),
                     titles=MappingProxyType(titles), kin=MappingProxyType(kin))


def _grouped(rows: Rows, valid: tuple[str, ...], where: str) -> dict[str, frozenset[str]]:
    """Words by the class or use in their second column, every class checked."""
    groups: dict[str, set[str]] = {name: set() for name in valid}
    for word, group in rows:
        groups[_check(group, valid, "class", where)].add(word.lower())
    return {name: frozenset(words) for name, words in groups.items()}


def _pronouns(rows: Rows) -> Pronouns:
    groups = _grouped(rows, PRONOUN_CLASSES, "pronouns.tsv")
    gender = {word: "m" for word in groups["male"]} | {word: "f" for word in groups["female"]}
    (writer,) = groups["writer"]
    (reader,) = groups["reader"]
    unidentified = {}
    for key, group in (("", "unidentified"), ("m", "unidentified-male"), ("f", "unidentified-female"),
                       ("plural", "unidentified-plural")):
        (unidentified[key],) = groups[group]
    return Pronouns(MappingProxyType(gender), groups["organization"], groups["plural"],
                    groups["relative"], groups["first-person"], groups["first-plural"],
                    groups["indefinite"], writer, groups["answer"], groups["second-person"],
                    groups["demonstrative"], reader, MappingProxyType(unidentified),
                    groups["question"])


def load() -> SpeechWords:
    """Read the speech word lists.

    Raises:
        ValueError: when a file names an unknown class, speech act or cue.
    """
    cues = cues_from_rows(read_table("cues.tsv"))
    words = _grouped(read_table("speech_words.tsv"), WORD_USES, "speech_words.tsv")
    for use in ("target-act", "stance-act"):
        for act in words[use]:
            _check(act, SPEECH_ACTS, use.replace("-", " "), "speech_words.tsv")
    (default,) = words["default-cue"]
    _check(default, cues, "default cue", "speech_words.tsv")
    for use in ("active-only", "writer-view"):
        for cue in words[use]:
            _check(cue, cues, f"{use} cue", "speech_words.tsv")
    return SpeechWords(
        reporting_verbs=read_words("reporting_verbs.txt"), cues=MappingProxyType(cues),
        referents=referents_from_rows(read_table("referents.tsv")),
        pronouns=_pronouns(read_table("pronouns.tsv")), indefinite=words["indefinite"],
        quantifiers=words["quantifier"], name_glue=words["name-glue"],
        author_preps=words["author-prep"], np_preps=words["np-prep"],
        content_preps=words["content-prep"], quoting_verbs=words["quoting-verb"],
        target_acts=words["target-act"], default_cue=cues[default],
        active_only=words["active-only"], writer_views=words["writer-view"],
        nominal_cues=MappingProxyType(nominal_cues_from_rows(read_table("nominal_cues.tsv"))),
        circumstance_preps=words["circumstance-prep"],
        circumstance_marks=words["circumstance-mark"],
        control_verbs=words["control-verb"], shares=words["share"],
        label_preps=words["label-prep"], stance_acts=words["stance-act"],
        example_preps=words["example-prep"], marker_subjects=words["marker-subject"],
        question_verbs=words["question-verb"], media=words["medium"])
