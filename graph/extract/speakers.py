"""Who is speaking: from the subject of a reporting verb to an article-local entity key.

A :class:`SpeakerResolver` holds one article's state: the entities and roles found by the
actor extractor, the salience of every mention (sentence, subject or not), the speakers
resolved so far, and the entities it had to create (unnamed sources such as "a police
official", and organisations named only as speakers such as "the police"). Names resolve by
mention span, then by name; pronouns to the most salient earlier actor of matching gender;
nominal references ("the minister") to the holder of a matching role.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from graph.records import Entity, Mention, Role, Span
from graph.textutil import doc_ents, doc_text

REFERENTS_FILE = Path(__file__).resolve().parent.parent / "data" / "referents.tsv"

PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                  "she": "f", "her": "f", "hers": "f", "herself": "f"}
ORG_PRONOUNS = frozenset({"it", "its"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
HONORIFIC_GENDER = {"mr": "m", "mister": "m", "sir": "m", "mrs": "f", "ms": "f", "miss": "f",
                    "madam": "f", "madame": "f", "lady": "f", "dame": "f", "lok chumteav": "f"}
INDEFINITE = frozenset({"a", "an", "one", "some", "another", "several", "two", "three", "many"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
NAME_GLUE = frozenset({"of", "the", "for", "and", "on", "in"})
CORE_DEPS = frozenset({"compound", "flat", "appos", "nsubj", "nmod"})
AUTHOR_PREPS = frozenset({"by", "from", "of"})
NP_PREPS = frozenset({"at", "from", "in", "with", "of", "for", "on"})
#: Heads of partitive subjects: "one of the witnesses", "some of the residents".
QUANTIFIERS = frozenset({"one", "some", "many", "several", "most", "few", "none", "all", "each", "both",
                         "half", "dozens", "hundreds", "thousands"})
LOOKBACK_SENTENCES = 5
PLACE_LOOKBACK = 4

# salience ranks: lower wins within the nearest sentence holding a candidate
RANK_SPEAKER, RANK_MAIN_SUBJECT, RANK_LAST_SPEAKER, RANK_SUBJECT, RANK_OTHER = range(5)


@dataclass(frozen=True)
class Referents:
    """Noun lexicon for nominal speakers (``graph/data/referents.tsv``).

    Attributes:
        person: Nouns naming human speakers ("official", "spokesman").
        organization: Nouns naming institutions ("ministry", "police").
        document: Nouns naming writings whose author speaks ("report", "statistics").
        place: Nouns that refer back to the place last named ("the province").
        titles: Title word or phrase -> canonical form ("premier" = "prime minister").
    """

    person: frozenset[str]
    organization: frozenset[str]
    document: frozenset[str]
    place: frozenset[str] = frozenset()
    titles: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=4)
def load_referents(path: Path | None = None) -> Referents:
    """Read the referent lexicon (``word<TAB>kind<TAB>canonical``; ``#`` starts a comment).

    Raises:
        ValueError: when a line names an unknown kind.
    """
    kinds: dict[str, set[str]] = {"person": set(), "organization": set(), "document": set(),
                                  "place": set()}
    titles: dict[str, str] = {}
    for line in (path or REFERENTS_FILE).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, kind, canonical = (line.split("\t") + ["-", "-"])[:3]
        if kind == "title":
            titles[word.lower()] = canonical.lower()
        elif kind in kinds:
            kinds[kind].add(word.lower())
        else:
            raise ValueError(f"referents: unknown kind {kind!r} (valid: {sorted(kinds)}, title)")
    return Referents(frozenset(kinds["person"]), frozenset(kinds["organization"]),
                     frozenset(kinds["document"]), frozenset(kinds["place"]), titles)


@dataclass(frozen=True)
class _Event:
    """An actor being salient at a position: mentioned, or speaking."""

    begin: int
    sentence: int
    key: str
    rank: int


def _entity_gender(entity: Entity) -> str | None:
    if entity.gender:
        return entity.gender
    for form in [entity.name, *entity.aliases, *(m.text for m in entity.mentions)]:
        first = re.split(r"[\s.]+", form.strip().lower(), maxsplit=1)[0]
        if first in HONORIFIC_GENDER:
            return HONORIFIC_GENDER[first]
    return None


def _strip_words(text: str) -> list[str]:
    return [w for w in re.split(r"[^\w'-]+", text.lower()) if w]


_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)


def _identity(text: str) -> str:
    """A phrase's words, lowercased, without a leading article."""
    return " ".join(_strip_words(_ARTICLE.sub("", text.strip())))


class SpeakerResolver:
    """Resolves speaker phrases to entity keys within one article.

    Args:
        doc: The parsed article.
        entities: Actors and places found in it.
        roles: Titles held by its people.
        quoted: Spans inside direct quotes (mentions there are not salient for pronouns).
        referents: The noun lexicon; defaults to :func:`load_referents`.
    """

    def __init__(self, doc: Doc, entities: list[Entity], roles: list[Role],
                 quoted: list[Span], referents: Referents | None = None) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.entities = {e.key: e for e in entities}
        self.roles = roles
        self.quoted = sorted(quoted, key=lambda s: s.begin)
        self.referents = referents or load_referents()
        self.new_entities: list[Entity] = []
        self._plural: set[str] = set()
        self.last_speaker: str | None = None
        self._sent_starts = [s.start_char for s in doc.sents]
        self._mentions = sorted(((m.span.begin, m.span.end, e.key) for e in entities
                                 for m in e.mentions), key=lambda t: (t[0], -t[1]))
        self._events: list[_Event] = []
        for begin, end, key in self._mentions:
            if not self.in_quote(begin):
                self._add_event(begin, key, self._mention_rank(begin, end))

    # -- bookkeeping -------------------------------------------------------------------

    def sentence_of(self, char: int) -> int:
        """Index of the sentence holding character ``char``."""
        return max(0, bisect.bisect_right(self._sent_starts, char) - 1)

    def in_quote(self, char: int) -> bool:
        """True when ``char`` lies inside a direct quote."""
        return any(s.begin <= char < s.end for s in self.quoted)

    def _add_event(self, begin: int, key: str, rank: int) -> None:
        event = _Event(begin, self.sentence_of(begin), key, rank)
        bisect.insort(self._events, event, key=lambda e: e.begin)

    def _mention_rank(self, begin: int, end: int) -> int:
        span = self.doc.char_span(begin, end, alignment_mode="expand")
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

    def record(self, key: str | None, at: int) -> None:
        """Note that ``key`` spoke at character ``at`` (it becomes the most salient actor)."""
        if key is None:
            return
        self.last_speaker = key
        self._add_event(at, key, RANK_SPEAKER)

    def gender(self, key: str) -> str | None:
        """The gender of the entity with this key, when known."""
        entity = self.entities.get(key)
        return _entity_gender(entity) if entity else None

    def kind(self, key: str) -> str | None:
        """The kind of the entity with this key (found or created)."""
        entity = self.entities.get(key)
        return entity.kind if entity else None

    def mentions_in(self, span: Span) -> list[str]:
        """Keys of entities mentioned wholly inside ``span``, in order, without repeats."""
        keys: list[str] = []
        for begin, end, key in self._mentions:
            if begin > span.end:
                break
            if span.begin <= begin and end <= span.end and key not in keys:
                keys.append(key)
        return keys

    def mention_at(self, token: Token) -> str | None:
        """Key of the entity whose mention covers ``token``."""
        at = token.idx
        for begin, end, key in self._mentions:
            if begin > at:
                break
            if at < end:
                return key
        return None

    # -- pronouns ----------------------------------------------------------------------

    def pronoun(self, word: str, at: int) -> str | None:
        """Resolve a pronoun standing at character ``at`` to the most salient earlier actor.

        Args:
            word: The pronoun ("he", "she", "it", "they"...).
            at: Its position.

        Returns:
            An entity key, or None for first/second person and when nothing fits.
        """
        word = word.lower()
        if word in PRONOUN_GENDER:
            gender = PRONOUN_GENDER[word]
            return self._salient(at, lambda e: e.kind in ("Person", "UnnamedSource")
                                 and e.key not in self._plural
                                 and _entity_gender(e) in (None, gender))
        if word in ORG_PRONOUNS:
            return self._salient(at, lambda e: e.kind == "Organization", lookback=3)
        if word in PLURAL_PRONOUNS:
            return self._salient(at, lambda e: e.kind == "Organization" or e.key in self._plural,
                                 lookback=2)
        return None

    def salient_person(self, at: int, lookback: int = LOOKBACK_SENTENCES) -> str | None:
        """The most salient person or unnamed source before ``at``, of any gender, within
        ``lookback`` sentences (0: the same sentence only)."""
        return self._salient(at, lambda e: e.kind in ("Person", "UnnamedSource"), lookback,
                             fallback=lookback > 0)

    def _salient_subject(self, at: int, kind: str) -> str | None:
        """An actor of this kind that spoke or was a subject in this or the last sentence
        (the author of "the report" just cited or issued)."""
        here = self.sentence_of(at)
        for event in reversed(self._events):
            if event.begin < at and here - event.sentence <= 1 and event.rank <= RANK_SUBJECT \
                    and self.kind(event.key) == kind:
                return event.key
        return None

    def _salient(self, at: int, fits, lookback: int = LOOKBACK_SENTENCES,
                 fallback: bool = True) -> str | None:
        here = self.sentence_of(at)
        end = bisect.bisect_left([e.begin for e in self._events], at)
        by_sentence: dict[int, list[_Event]] = {}
        for event in self._events[:end]:
            if here - event.sentence <= lookback and fits(self.entities[event.key]):
                by_sentence.setdefault(event.sentence, []).append(event)
        if not by_sentence:
            last = self.entities.get(self.last_speaker or "") if fallback else None
            return last.key if last and fits(last) else None
        events = by_sentence[max(by_sentence)]

        def rank(event: _Event) -> tuple[int, int]:
            r = event.rank
            if r > RANK_MAIN_SUBJECT and event.key == self.last_speaker:
                r = RANK_LAST_SPEAKER
            return r, event.begin

        return min(events, key=rank).key

    # -- subjects ----------------------------------------------------------------------

    def resolve(self, token: Token) -> str | None:
        """The entity key for the speaker phrase headed by ``token``, creating one if needed.

        Args:
            token: Head of the subject (or of the "according to" object).

        Returns:
            An entity key, or None when the phrase names no actor.
        """
        key = self.mention_at(token)
        if key is not None and self.kind(key) != "Person":
            key = self._person_in_phrase(token) or key
        if key is not None:
            return key
        group = _partitive_group(token)
        if group is not None and (group.lower_ in self.referents.person
                                  or group.lemma_.lower() in self.referents.person):
            return self._unnamed(token)
        if token.pos_ == "PRON" or token.lower_ in PRONOUN_GENDER:
            if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
                return self.resolve(token.head.head)
            return self.pronoun(token.lower_, token.idx)
        key = self._person_in_phrase(token)
        if key is not None:
            return key
        if token.pos_ == "PROPN":
            return self._by_name(token) or self._nominal(token)
        if token.pos_ == "NOUN":
            return self._nominal(token)
        return None

    def _person_in_phrase(self, token: Token) -> str | None:
        """A person named in the subject phrase: by apposition, or as its last words.

        "Jane Roe, a lawyer," and "Green Network director Jane Roe" both give Jane Roe.
        """
        near = [t for t in token.children if t.dep_ in CORE_DEPS]
        for child in near:
            for t in child.subtree:
                key = self.mention_at(t)
                if key is not None and self.kind(key) == "Person":
                    return key
        last = token.right_edge
        while last.i > token.i and (last.is_punct or last.is_space):
            last = last.nbor(-1)
        key = self.mention_at(last)
        if key is not None and self.kind(key) == "Person":
            return key
        return None

    def _by_name(self, token: Token) -> str | None:
        chain = [t for t in token.lefts if t.dep_ in ("compound", "flat")] + [token]
        words = {w for t in chain for w in _strip_words(t.text)}
        best = None
        for entity in self.entities.values():
            if entity.kind == "Place":
                continue
            forms = [entity.name, *entity.aliases]
            if any(token.lower_ in _strip_words(f) for f in forms):
                score = max(len(words & set(_strip_words(f))) for f in forms)
                if best is None or score > best[0]:
                    best = (score, entity.key)
        if best is not None:
            return best[1]
        if token.ent_type_ == "PERSON":
            ent = next((e for e in doc_ents(token.doc) if e.start <= token.i < e.end), None)
            if ent is not None:
                return self.new_entity("Person", Span(ent.start_char, ent.end_char))
        if token.ent_type_ in ("ORG", "NORP", "GPE") and token.lower_ not in self.referents.person:
            return self.new_entity("Organization", self.phrase(token, with_preps=False))
        return None

    def _nominal(self, token: Token) -> str | None:
        noun = token.lower_
        lemma = token.lemma_.lower()
        ref = self.referents
        definite = not any(t.lower_ in INDEFINITE for t in token.lefts) and not (
            token.tag_ == "NNS" and not any(t.dep_ in ("det", "poss") for t in token.lefts))
        if noun in ref.person or lemma in ref.person or self._title_head(token) in ref.person:
            key = self._role_holder(token) if definite else None
            return key or self._unnamed(token)
        if noun in ref.organization or lemma in ref.organization:
            return (self._org_in_phrase(token) or self._org_named(lemma, token.idx)
                    or self.new_entity("Organization", self.phrase(token, with_preps=False)))
        if noun in ref.document or lemma in ref.document:
            key = self._org_in_phrase(token)
            if key is None:
                for t in token.lefts:
                    if t.lower_ in ref.organization:
                        key = self._org_named(t.lower_, token.idx)
            return key or self._salient_subject(token.idx, "Organization")
        return None

    def reference(self, token: Token, speaker: str | None) -> str | None:
        """The actor a nominal inside a statement's content refers to, if any.

        Definite titles ("the prime minister") go to the holder of a matching role; a
        lowercase or shortened organisation ("the national police forces", "the city
        police", "the ministry") to the organisation whose name it fits, preferring the
        speaker's own organisation. Nothing is created.

        Args:
            token: A noun inside the content.
            speaker: The statement's speaker key.
        """
        noun, lemma = token.lower_, token.lemma_.lower()
        ref = self.referents
        head = token
        while head.dep_ in ("compound", "amod", "nmod") and head.head.i > head.i:
            head = head.head
        determiners = [t.lower_ for t in head.lefts if t.dep_ in ("det", "poss")]
        if noun in ref.place and determiners[:1] == ["the"] and self.mention_at(head) is None:
            return self._salient(token.idx, lambda e: e.kind == "Place", lookback=PLACE_LOOKBACK)
        if token.pos_ not in ("NOUN", "PROPN"):
            return None
        if token.pos_ == "NOUN" and (noun in ref.person or self._title_head(token) in ref.person):
            return self._role_holder(token) if determiners[:1] == ["the"] else None
        if noun not in ref.organization and lemma not in ref.organization:
            return None
        words = {w for t in head.subtree if t.i <= token.i and t.left_edge.i >= head.left_edge.i
                 and t.dep_ not in ("det", "poss", "case", "punct", "predet")
                 for w in _strip_words(t.text)} - {noun} | {lemma}
        chunk = {w for t in head.subtree if t.i <= head.i for w in _strip_words(t.text)}
        best: tuple[int, int, str] | None = None
        for entity in self.entities.values():
            if entity.kind != "Organization":
                continue
            for form in [entity.name, *entity.aliases]:
                name = set(_strip_words(form)) - NAME_GLUE
                fits = (name and name <= chunk) or (len(words) > 1 and words <= name) or (
                    len(words) == 1 and (noun in name or lemma in name) and head.i == token.i
                    and determiners[:1] in (["the"], ["its"], ["their"]))
                if not fits:
                    continue
                own = any(r.person == speaker and r.organization == entity.key
                          for r in self.roles)
                recent = max((m.span.begin for m in entity.mentions if m.span.begin < token.idx),
                             default=-1)
                if best is None or (own, recent) > best[:2]:
                    best = (own, recent, entity.key)
        return best[2] if best else None

    def _title_head(self, token: Token) -> str:
        return self.referents.titles.get(token.lower_, token.lower_)

    def _org_in_phrase(self, token: Token) -> str | None:
        """The author named in the phrase itself ("a Harbour Authority report", "a
        statement from the ministry"), never inside a relative clause or a quote."""
        parts = [c for c in token.rights if c.dep_ == "prep" and c.lower_ in AUTHOR_PREPS]
        parts += [*token.lefts, token]
        for part in parts:
            for t in (part.subtree if part is not token else [token]):
                key = self.mention_at(t)
                if key is not None and not self.in_quote(t.idx) and self.kind(key) in (
                        "Organization", "Person"):
                    return key
        return None

    def _org_named(self, noun: str, at: int) -> str | None:
        best: tuple[int, str] | None = None
        for entity in self.entities.values():
            if entity.kind != "Organization":
                continue
            forms = [entity.name, *entity.aliases]
            if not any(noun in _strip_words(f) or noun.rstrip("s") in _strip_words(f)
                       for f in forms):
                continue
            positions = [m.span.begin for m in entity.mentions if m.span.begin < at]
            score = max(positions, default=-1)
            if best is None or score > best[0]:
                best = (score, entity.key)
        return best[1] if best else None

    def _canonical_title(self, text: str) -> list[str]:
        text = " " + " ".join(_strip_words(text)) + " "
        for phrase, canonical in sorted(self.referents.titles.items(), key=lambda kv: -len(kv[0])):
            if " " in phrase:
                text = text.replace(f" {phrase} ", f" {canonical} ")
        return [self.referents.titles.get(w, w) for w in text.split()]

    def _role_holder(self, token: Token) -> str | None:
        head = self._canonical_title(token.text)[-1]
        modifiers = {self.referents.titles.get(t.lower_, t.lower_) for t in token.lefts
                     if t.dep_ in ("compound", "amod")}
        phrase = " ".join(t.lower_ for t in token.lefts if t.dep_ in ("compound", "amod"))
        if phrase:
            head = self._canonical_title(f"{phrase} {token.text}")[-1]
        best: tuple[int, int, str] | None = None
        for role in self.roles:
            words = self._canonical_title(role.title)
            if head not in words or role.person not in self.entities:
                continue
            score = len(modifiers & set(words))
            recent = max((e.begin for e in self._events
                          if e.key == role.person and e.begin < token.idx), default=-1)
            recent = max(recent, role.span.begin if role.span.begin < token.idx else -1)
            if best is None or (score, recent) > best[:2]:
                best = (score, recent, role.person)
        return best[2] if best else None

    def phrase(self, token: Token, with_preps: bool = True) -> Span:
        """The noun phrase headed by ``token``: its modifiers, and with ``with_preps`` the
        prepositional or adjectival tail ("a source close to the talks"), never a relative
        clause or apposition."""
        begin = token.left_edge.idx
        end = token.idx + len(token.text)
        if with_preps:
            for child in token.rights:
                if not ((child.dep_ == "prep" and child.lower_ in NP_PREPS)
                        or child.dep_ == "amod"):
                    break
                end = child.right_edge.idx + len(child.right_edge.text)
        return Span(begin, end)

    def _unnamed(self, token: Token) -> str:
        key = self.new_entity("UnnamedSource", self.phrase(token))
        if token.tag_ in ("NNS", "NNPS"):
            self._plural.add(key)
        return key

    def new_entity(self, kind: str, span: Span) -> str:
        """The key of a created entity for the phrase at ``span``, reusing an earlier one
        with the same words (articles aside).

        Args:
            kind: "UnnamedSource" (named by its description, article kept),
                "Organization" (named without a leading article), or "Person" (a name the
                entity list lacks, found as the subject of a reporting verb).
            span: Where the phrase stands; it becomes a mention.
        """
        text = self.text[span.begin:span.end]
        ident = _identity(text)
        mention = Mention(span, text)
        for entity in self.new_entities:
            if entity.kind == kind and _identity(entity.name) == ident:
                entity.mentions.append(mention)
                self._add_event(span.begin, entity.key, RANK_SUBJECT)
                return entity.key
        name = text if kind == "UnnamedSource" else _ARTICLE.sub("", text)
        entity = Entity(f"s{len(self.new_entities)}", kind, name.strip(),  # type: ignore[arg-type]
                        mentions=[mention])
        self.new_entities.append(entity)
        self.entities[entity.key] = entity
        self._mentions.append((span.begin, span.end, entity.key))
        self._mentions.sort(key=lambda t: (t[0], -t[1]))
        self._add_event(span.begin, entity.key, RANK_SUBJECT)
        return entity.key


def _partitive_group(token: Token) -> Token | None:
    """The group noun of a partitive phrase ("witnesses" in "one of the witnesses", "two of
    the officers"), or None when ``token`` heads no such phrase."""
    if token.pos_ != "NUM" and token.lower_ not in QUANTIFIERS:
        return None
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.pos_ == "NOUN":
                    return obj
    return None
