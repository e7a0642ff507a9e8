"""Within-document reference: which actor a pronoun or a nominal ("the minister") means.

The article's reference state is a :class:`Discourse`: the actors found so far with their
mentions, and the salience of each (where it was mentioned, whether as a subject, whether it
spoke). The speech stage owns one per article, records each speaker in it as statements are
resolved, and mints the actors the text names only by description ("a police official")
through it, so that later pronouns can refer to them.

The functions below read a Discourse:

- :func:`pronoun`: "he", "she", "it", "they" -> the most salient earlier actor that fits
  (gender; organisation or document for "it"; plural);
- :func:`salient_person`, :func:`salient_subject`, :func:`introduced_speaker`: the actor in
  focus at a position;
- :func:`role_holder`: "the minister", "the premier" -> the holder of a matching role;
- :func:`kin`: "the mother" -> the most salient woman named before;
- :func:`organisation_named`: "the ministry" -> the last named organisation it fits;
- :func:`nominal`: a nominal inside a statement's content -> the place, role holder or
  organisation it refers to (a demonym, "British", to its country: :func:`place_named`).

Salience: within the nearest sentence (up to a lookback) that mentions a fitting actor, an
actor speaking there wins, then the subject of the main clause, then any subject, then the
last speaker mentioned in another role, then any mention.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate
from typing import TYPE_CHECKING

from spacy.tokens import Token

from graph.lexicon import lexicon
from graph.records import Actors, Entity, Mention, Role, Span

if TYPE_CHECKING:  # the speech stage imports this module
    from graph.extract.speech.context import Context

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: Dependencies of an object: a description there names another actor than its verb's subject.
OBJECT_DEPS = frozenset({"dobj", "dative", "iobj"})
LOOKBACK_SENTENCES = 5
PLACE_LOOKBACK = 4
KIN_LOOKBACK = 2

# salience ranks: lower wins within the nearest sentence holding a candidate
RANK_SPEAKER, RANK_MAIN_SUBJECT, RANK_SUBJECT, RANK_LAST_SPEAKER, RANK_OTHER = range(5)

_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Event:
    """An actor being salient at a position: mentioned, or speaking."""

    begin: int
    sentence: int
    key: str
    rank: int


#: Prepositions that end the head of an organisation's name ("Ministry of ...").
NAME_PREPOSITIONS = frozenset({"of", "for", "on", "against", "in", "at", "to"})


def strip_words(text: str) -> list[str]:
    """The words of ``text``, lowercased."""
    return [w for w in re.split(r"[^\w'-]+", text.lower()) if w]


def without_article(text: str) -> str:
    """``text`` without a leading "the", "a" or "an"."""
    return _ARTICLE.sub("", text)


def entity_gender(entity: Entity) -> str | None:
    """The entity's gender: as found, or told by an honorific opening one of its forms."""
    if entity.gender:
        return entity.gender
    honorifics = lexicon().actors.honorifics.gender
    for form in [entity.name, *entity.aliases, *(m.text for m in entity.mentions)]:
        first = re.split(r"[\s.]+", form.strip().lower(), maxsplit=1)[0]
        if first in honorifics:
            return honorifics[first]
    return None


@dataclass
class Discourse:
    """One article's actors and their salience, as the speech stage has read it so far.

    The only mutable record of the stage: :meth:`record` and :meth:`mint` change it; the
    entities it was given are never changed.

    Attributes:
        context: The article.
        entities: Key -> entity, the given ones and the minted ones.
        roles: Titles held by the article's people.
        quoted: Spans of the direct quotes (mentions there are not salient).
        minted: The entities created for the text's unnamed and unlisted actors, keyed "s0",
            "s1", ...
        last_speaker: Key of the actor recorded speaking last.
    """

    context: Context
    entities: dict[str, Entity]
    roles: list[Role]
    quoted: list[Span]
    minted: list[Entity] = field(default_factory=list)
    last_speaker: str | None = None
    _plural: set[str] = field(default_factory=set)
    _genders: dict[str, str] = field(default_factory=dict)
    _mentions: list[tuple[int, int, str]] = field(default_factory=list)
    _begins: list[int] = field(default_factory=list)  # where each of _mentions begins
    _reach: list[int] = field(default_factory=list)  # the furthest end of _mentions[:i + 1]
    _events: list[Event] = field(default_factory=list)

    @classmethod
    def start(cls, context: Context, actors: Actors, quoted: list[Span]) -> Discourse:
        """The discourse before any statement: every mention outside quotes is salient."""
        discourse = cls(context, {e.key: e for e in actors.entities}, actors.roles,
                        sorted(quoted, key=lambda s: s.begin))
        discourse._mentions = sorted(((m.span.begin, m.span.end, e.key) for e in actors.entities
                                      for m in e.mentions), key=lambda t: (t[0], -t[1]))
        discourse._index_mentions()
        for begin, end, key in discourse._mentions:
            if not discourse.in_quote(begin):
                discourse._add_event(begin, key, discourse._mention_rank(begin, end))
        return discourse

    def in_quote(self, char: int) -> bool:
        """True when ``char`` lies inside a direct quote."""
        return any(s.begin <= char < s.end for s in self.quoted)

    def kind(self, key: str) -> str | None:
        """The kind of the entity with this key."""
        entity = self.entities.get(key)
        return entity.kind if entity else None

    def gender(self, key: str) -> str | None:
        """The gender of the entity with this key, when known: as found, or as learnt from
        the article ("the father said" resolved to it)."""
        entity = self.entities.get(key)
        return self._genders.get(key) or (entity_gender(entity) if entity else None)

    def learn_gender(self, key: str | None, gender: str | None) -> None:
        """Note the gender a family noun resolved to ``key`` shows ("the father"), when the
        entity's own is unknown."""
        if key is not None and gender is not None and self.gender(key) is None:
            self._genders[key] = gender

    def mentions_in(self, span: Span) -> list[str]:
        """Keys of entities mentioned wholly inside ``span``, in order, without repeats."""
        keys: list[str] = []
        for i in range(bisect.bisect_left(self._begins, span.begin), len(self._mentions)):
            begin, end, key = self._mentions[i]
            if begin > span.end:
                break
            if span.begin <= begin and end <= span.end and key not in keys:
                keys.append(key)
        return keys

    def mention_at(self, token: Token) -> str | None:
        """Key of the entity whose mention covers ``token`` (the first such, in mention order).

        The first mention ending after ``token`` is the first whose running furthest end
        passes it, found by bisection, so a lookup costs the same in any length of article.
        """
        first = bisect.bisect_right(self._reach, token.idx)
        if first < len(self._mentions) and self._mentions[first][0] <= token.idx:
            return self._mentions[first][2]
        return None

    def _index_mentions(self) -> None:
        """Note where each sorted mention begins and the furthest end each prefix reaches."""
        self._begins = [begin for begin, _, _ in self._mentions]
        self._reach = list(accumulate((end for _, end, _ in self._mentions), max))

    def is_plural(self, key: str) -> bool:
        """True for a minted group ("officials")."""
        return key in self._plural

    def record(self, key: str | None, at: int) -> None:
        """Note that ``key`` spoke at character ``at`` (it becomes the most salient actor)."""
        if key is None:
            return
        self.last_speaker = key
        self._add_event(at, key, RANK_SPEAKER)

    def mint(self, kind: str, span: Span, plural: bool = False, name: str | None = None) -> str:
        """The key of a created entity for the phrase at ``span``, reusing an earlier one
        with the same words (articles aside).

        Args:
            kind: "UnnamedSource" (named by its description, article kept),
                "Organization" (named without a leading article), or "Person" (a name the
                entity list lacks).
            span: Where the phrase stands; it becomes a mention.
            plural: True for a group ("officials"): "they" may refer to it.
            name: The entity's name when the phrase does not describe it ("I" for "the
                writer"); by default the phrase.
        """
        text = self.context.text[span.begin:span.end]
        ident = _identity(name or text)
        mention = Mention(span, text)
        key = next((e.key for e in self.minted if e.kind == kind and _identity(e.name) == ident),
                   None)
        if key is not None:
            self.entities[key].mentions.append(mention)
        else:
            name = name or (text if kind == "UnnamedSource" else without_article(text))
            key = f"s{len(self.minted)}"
            entity = Entity(key, kind, name.strip(), mentions=[mention])  # type: ignore[arg-type]
            self.minted.append(entity)
            self.entities[key] = entity
            self._mentions.append((span.begin, span.end, key))
            self._mentions.sort(key=lambda t: (t[0], -t[1]))
            self._index_mentions()
        self._add_event(span.begin, key, RANK_SUBJECT)
        if plural:
            self._plural.add(key)
        return key

    def events_before(self, at: int) -> list[Event]:
        """The salience events before character ``at``, in text order."""
        return self._events[:bisect.bisect_left([e.begin for e in self._events], at)]

    def _add_event(self, begin: int, key: str, rank: int) -> None:
        event = Event(begin, self.context.sentence_of(begin), key, rank)
        bisect.insort(self._events, event, key=lambda e: e.begin)

    def _mention_rank(self, begin: int, end: int) -> int:
        span = self.context.doc.char_span(begin, end, alignment_mode="expand")
        if span is None or not len(span):
            return RANK_OTHER
        root = span.root
        while root.dep_ in ("compound", "appos", "flat") and root.head.i != root.i:
            root = root.head
        if root.dep_ not in SUBJECT_DEPS:
            return RANK_OTHER
        head = root.head
        main = head.dep_ == "ROOT" or (head.dep_ == "conj" and head.head.dep_ == "ROOT")
        return RANK_MAIN_SUBJECT if main else RANK_SUBJECT


def _identity(text: str) -> str:
    """A phrase's words, lowercased, without a leading article."""
    return " ".join(strip_words(without_article(text.strip())))


# -- salience --------------------------------------------------------------------------------


def salient(discourse: Discourse, at: int, fits: Callable[[Entity], bool],
            lookback: int = LOOKBACK_SENTENCES, fallback: bool = True) -> str | None:
    """The most salient actor that ``fits``, in the nearest sentence before ``at`` (within
    ``lookback`` sentences) that mentions one; else, with ``fallback``, the last speaker
    if it fits."""
    here = discourse.context.sentence_of(at)
    by_sentence: dict[int, list[Event]] = {}
    for event in discourse.events_before(at):
        if here - event.sentence <= lookback and fits(discourse.entities[event.key]):
            by_sentence.setdefault(event.sentence, []).append(event)
    if not by_sentence:
        last = discourse.entities.get(discourse.last_speaker or "") if fallback else None
        return last.key if last and fits(last) else None

    def rank(event: Event) -> tuple[int, int]:
        r = event.rank
        if r > RANK_MAIN_SUBJECT and event.key == discourse.last_speaker:
            r = RANK_LAST_SPEAKER
        return r, event.begin

    return min(by_sentence[max(by_sentence)], key=rank).key


def salient_person(discourse: Discourse, at: int, lookback: int = LOOKBACK_SENTENCES) -> str | None:
    """The most salient person or unnamed source before ``at``, of any gender, within
    ``lookback`` sentences (0: the same sentence only, without falling back)."""
    return salient(discourse, at, lambda e: e.kind in ("Person", "UnnamedSource"), lookback,
                   fallback=lookback > 0)


def salient_subject(discourse: Discourse, at: int, kind: str) -> str | None:
    """An actor of this kind that spoke or was a subject in this or the last sentence
    (the author of "the report" just cited or issued)."""
    here = discourse.context.sentence_of(at)
    for event in reversed(discourse.events_before(at)):
        if here - event.sentence <= 1 and event.rank <= RANK_SUBJECT \
                and discourse.kind(event.key) == kind:
            return event.key
    return None


def introduced_speaker(discourse: Discourse, at: int) -> str | None:
    """The person or unnamed source that spoke or was the main subject of the sentence just
    before ``at`` in the same paragraph ("Roe defended the plan. “It will work.”")."""
    ctx = discourse.context
    here = ctx.sentence_of(at)
    candidates = [e for e in discourse.events_before(at) if e.sentence == here - 1
                  and e.rank <= RANK_MAIN_SUBJECT and ctx.paragraph_of(e.begin) == ctx.paragraph_of(at)
                  and discourse.kind(e.key) in ("Person", "UnnamedSource")]
    return min(candidates, key=lambda e: (e.rank, e.begin)).key if candidates else None


def kin(discourse: Discourse, token: Token) -> str | None:
    """The person a definite family noun names ("the mother said"): the most salient person
    named before it whose gender fits (:attr:`~graph.lexicon.speech.Referents.kin`)."""
    gender = discourse.context.words.referents.kin.get(token.lower_)
    if gender is None or [t.lower_ for t in token.lefts] != ["the"]:
        return None
    return salient(discourse, token.idx, lambda e: e.kind == "Person"
                   and discourse.gender(e.key) in (None, gender), lookback=KIN_LOOKBACK,
                   fallback=False)


def pronoun(discourse: Discourse, word: str, at: int) -> str | None:
    """The actor a third-person pronoun standing at character ``at`` refers to.

    Args:
        discourse: The article so far.
        word: The pronoun ("he", "she", "it", "they"...).
        at: Its position.

    Returns:
        An entity key, or None for first/second person and when nothing fits.
    """
    word = word.lower()
    pronouns = discourse.context.words.pronouns
    if word in pronouns.gender:
        gender = pronouns.gender[word]
        return salient(discourse, at, lambda e: e.kind in ("Person", "UnnamedSource")
                       and not discourse.is_plural(e.key) and discourse.gender(e.key) in (None, gender))
    if word in pronouns.organization:
        return salient(discourse, at, lambda e: e.kind == "Organization" or _is_writing(discourse, e),
                       lookback=3)
    if word in pronouns.plural:
        return salient(discourse, at, lambda e: e.kind == "Organization" or discourse.is_plural(e.key),
                       lookback=2)
    return None


def _is_writing(discourse: Discourse, entity: Entity) -> bool:
    """True for an unnamed source that is a document or evidence ("the report", "a new
    poll"), which "it" may refer to."""
    ref = discourse.context.words.referents
    words = strip_words(entity.name)
    return entity.kind == "UnnamedSource" and bool(words) and (
        words[-1] in ref.document or words[-1] in ref.evidence)


# -- nominals --------------------------------------------------------------------------------


def canonical_title(discourse: Discourse, text: str) -> list[str]:
    """The words of a title, each title phrase replaced by its canonical form ("premier" ->
    "prime minister")."""
    titles = discourse.context.words.referents.titles
    text = " " + " ".join(strip_words(text)) + " "
    for phrase, canonical in sorted(titles.items(), key=lambda kv: -len(kv[0])):
        if " " in phrase:
            text = text.replace(f" {phrase} ", f" {canonical} ")
    return [titles.get(w, w) for w in text.split()]


def title_head(discourse: Discourse, token: Token) -> str:
    """The canonical form of a title word ("premier" -> "prime minister")."""
    return discourse.context.words.referents.titles.get(token.lower_, token.lower_)


def role_holder(discourse: Discourse, token: Token) -> str | None:
    """The person whose role a definite title noun names ("the minister", "the water
    minister"): the best match of its modifiers, then the most recently salient. Once the
    article has named someone, only a person it named before the noun: "the minister"
    refers back, so a minister first named further on is someone else ("Ann Lee toured the
    state. The governor told reporters ... In the next state, Governor Jane Roe ..." is
    not Roe). Before anyone is named, the noun may name whom the text names next (a
    headline's or lede's "Ostland governor vetoes bill", then "Gov. Jane Roe")."""
    titles = discourse.context.words.referents.titles
    head = canonical_title(discourse, token.text)[-1]
    modifiers = {titles.get(t.lower_, t.lower_) for t in token.lefts if t.dep_ in ("compound", "amod")}
    phrase = " ".join(t.lower_ for t in token.lefts if t.dep_ in ("compound", "amod"))
    if phrase:
        head = canonical_title(discourse, f"{phrase} {token.text}")[-1]
    earlier = discourse.events_before(token.idx)
    anyone_before = any(discourse.kind(e.key) == "Person" for e in earlier)
    best: tuple[int, int, str] | None = None
    for role in discourse.roles:
        words = canonical_title(discourse, role.title)
        if head not in words or role.person not in discourse.entities:
            continue
        score = len(modifiers & set(words))
        recent = max((e.begin for e in earlier if e.key == role.person), default=-1)
        recent = max(recent, role.span.begin if role.span.begin <= token.idx else -1)
        if recent < 0 and anyone_before:
            continue
        if best is None or (score, recent) > best[:2]:
            best = (score, recent, role.person)
    return best[2] if best else None


def organisation_named(discourse: Discourse, noun: str, at: int) -> str | None:
    """The organisation whose name ``noun`` ("ministry") heads, mentioned last before
    ``at``: "the police" is the Harbour Police, never the Police Diving Unit, whose head is
    another noun (that unit is part of the police, not all of it)."""
    best: tuple[int, str] | None = None
    for entity in discourse.entities.values():
        if entity.kind != "Organization":
            continue
        forms = [entity.name, *entity.aliases]
        if not any(_heads(noun, f) or _heads(noun.rstrip("s"), f) for f in forms):
            continue
        score = max((m.span.begin for m in entity.mentions if m.span.begin < at), default=-1)
        if best is None or score > best[0]:
            best = (score, entity.key)
    return best[1] if best else None


def _heads(noun: str, name: str) -> bool:
    """True when ``noun`` is the last word of ``name`` before its first preposition
    ("ministry" of "Ministry of Water", "authority" of "Authority for Clean Rivers",
    "police" of "Harbour Police")."""
    words = strip_words(name)
    cut = next((i for i, w in enumerate(words) if w in NAME_PREPOSITIONS), len(words))
    return cut > 0 and words[cut - 1] == noun


def place_named(discourse: Discourse, name: str) -> str | None:
    """The article's place shown by ``name`` ("United Kingdom"), if it names one."""
    return next((e.key for e in discourse.entities.values() if e.kind == "Place" and e.name == name),
                None)


def nominal(discourse: Discourse, token: Token, speaker: str | None) -> str | None:
    """The actor a noun inside a statement's content refers to, if any; nothing is minted.

    "The province" goes to the place last named; a demonym ("Polish farmers") to its country
    when the article names it; a definite title ("the prime minister") to
    the holder of a matching role; "the suspect" to the most salient person other than the
    speaker; a lowercase or shortened organisation ("the national police forces", "the city
    police", "the ministry") to the organisation whose name it fits, preferring the
    speaker's own organisation, then the latest mentioned; failing that, "the company" to
    the most salient organisation.

    Args:
        discourse: The article so far.
        token: A token inside the content.
        speaker: The statement's speaker key.
    """
    noun = token.lower_
    ref = discourse.context.words.referents
    head = token
    while head.dep_ in ("compound", "amod", "nmod") and head.head.i > head.i:
        head = head.head
    determiners = [t.lower_ for t in head.lefts if t.dep_ in ("det", "poss")]
    if noun in ref.place and determiners[:1] == ["the"] and discourse.mention_at(head) is None:
        return salient(discourse, token.idx, lambda e: e.kind == "Place", lookback=PLACE_LOOKBACK)
    if token.is_title and token.pos_ in ("ADJ", "PROPN", "NOUN"):
        country = lexicon().places.of_demonym(token.text)
        if country is not None:
            return place_named(discourse, country)
    described = _described(discourse, token, head, determiners, speaker)
    if described is not None or token.pos_ not in ("NOUN", "PROPN"):
        return described
    if token.pos_ == "NOUN" and (noun in ref.person or title_head(discourse, token) in ref.person):
        return role_holder(discourse, token) if determiners[:1] == ["the"] else None
    if noun not in ref.organization and token.lemma_.lower() not in ref.organization:
        return _described_organisation(discourse, token, head, determiners, speaker)
    return _organisation_fitting(discourse, token, head, determiners, speaker) or (
        _described_organisation(discourse, token, head, determiners, speaker))


def _described(discourse: Discourse, token: Token, head: Token, determiners: list[str],
               speaker: str | None) -> str | None:
    """The person "the suspect" (:attr:`~graph.lexicon.actors.ActorWords.person_descriptions`)
    refers to: the most salient person named before it, other than the speaker."""
    if (head.i != token.i or determiners[:1] != ["the"]
            or token.lower_ not in lexicon().actors.person_descriptions):
        return None
    return salient(discourse, token.idx, lambda e: e.kind == "Person" and e.key != speaker,
                   fallback=False)


def _described_organisation(discourse: Discourse, token: Token, head: Token,
                            determiners: list[str], speaker: str | None) -> str | None:
    """The organisation "the company" (:attr:`~graph.lexicon.actors.ActorWords.org_descriptions`)
    refers to when no organisation's name fits it: the most salient one named before it.

    As the object of a verb ("ordered the company to close") the description names another
    actor than the speaker, who is that verb's subject; as a subject ("said the company
    would close") it may be the speaker itself."""
    if (head.i != token.i or determiners[:1] != ["the"]
            or token.lemma_.lower() not in lexicon().actors.org_descriptions):
        return None
    other = token.dep_ in OBJECT_DEPS
    return salient(discourse, token.idx, lambda e: e.kind == "Organization"
                   and not (other and e.key == speaker), lookback=2, fallback=False)


def _organisation_fitting(discourse: Discourse, token: Token, head: Token, determiners: list[str],
                          speaker: str | None) -> str | None:
    """The organisation a lowercase or shortened name headed by ``head`` fits (see
    :func:`nominal`)."""
    noun, lemma = token.lower_, token.lemma_.lower()
    words = {w for t in head.subtree if t.i <= token.i and t.left_edge.i >= head.left_edge.i
             and t.dep_ not in ("det", "poss", "case", "punct", "predet")
             for w in strip_words(t.text)} - {noun} | {lemma}
    chunk = {w for t in head.subtree if t.i <= head.i for w in strip_words(t.text)}
    glue = discourse.context.words.name_glue
    best: tuple[int, int, str] | None = None
    for entity in discourse.entities.values():
        if entity.kind != "Organization":
            continue
        for form in [entity.name, *entity.aliases]:
            name = set(strip_words(form)) - glue
            fits = (name and name <= chunk) or (len(words) > 1 and words <= name) or (
                len(words) == 1 and (noun in name or lemma in name) and head.i == token.i
                and determiners[:1] in (["the"], ["its"], ["their"]))
            if not fits:
                continue
            own = any(r.person == speaker and r.organization == entity.key for r in discourse.roles)
            recent = max((m.span.begin for m in entity.mentions if m.span.begin < token.idx),
                         default=-1)
            if best is None or (own, recent) > best[:2]:
                best = (own, recent, entity.key)
    return best[2] if best else None
