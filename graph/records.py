"""Plain records passed between the stages of the pipeline.

files ─ ingest ─▶ :class:`Article` ─ extract ─▶ :class:`ArticleRecord` ─ resolve ─▶
:class:`ResolvedRecord` ─ rdf ─▶ quads.

Every offset is a Python ``str`` index into :attr:`Article.text`, the article's original text
decoded as UTF-8, so that ``article.text[begin:end]`` is the span.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

#: Every space character but the plain one (Unicode's space separators: the no-break space
#: of HTML's ``&nbsp;``, thin and narrow spaces...) mapped to a plain space, one character
#: for one. spaCy's tokenizer splits words on plain spaces only and makes a token of any
#: other space, so "Jane\u00a0Roe" was three tokens and no name.
#: (Unicode 15's category Zs less U+0020; ``tests/test_records.py`` checks the list against
#: the running Python's tables.)
_SPACES = str.maketrans(dict.fromkeys("\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                                      "\u2009\u200a\u202f\u205f\u3000", " "))

EntityKind = Literal["Person", "Organization", "Place", "UnnamedSource"]
QuoteKind = Literal["direct", "indirect", "mixed"]


@dataclass(frozen=True)
class Span:
    """A half-open character range ``[begin, end)`` into an article's text."""

    begin: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.begin <= self.end:
            raise ValueError(f"bad span [{self.begin}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.begin

    def overlaps(self, other: Span) -> bool:
        """True when the two spans share at least one character."""
        return self.begin < other.end and other.begin < self.end

    def contains(self, other: Span) -> bool:
        """True when ``other`` lies wholly inside this span."""
        return self.begin <= other.begin and other.end <= self.end


@dataclass
class Article:
    """One news article as read from disk, before any language processing.

    Attributes:
        id: Stable article id (the file stem, or the ``id`` of a JSONL record), used in IRIs.
        source_file: The value of ``cg:sourceFile``: the file name as given, or the JSONL id.
        text: The original text; all offsets index into it.
        title: Headline, when known.
        title_span: Where the headline stands in ``text``, when it does.
        date: Publication date as ISO ``YYYY-MM-DD`` (or ``YYYY-MM``/``YYYY``), when known.
        date_inferred: True when ``date`` was guessed from the text rather than given.
        url: Address of the original, when known.
        publisher: Outlet name, when known.
        author: Byline, when known.
        boilerplate: Spans that are not article text (navigation, captions, credits,
            teasers, byline, headline); extraction ignores them.
        path: The file it was read from, resolved (None for a JSONL record, whose id is
            given): tells apart same-named files of different folders; never published.
    """

    id: str
    source_file: str
    text: str
    title: str | None = None
    title_span: Span | None = None
    date: str | None = None
    date_inferred: bool = False
    url: str | None = None
    publisher: str | None = None
    author: str | None = None
    boilerplate: list[Span] = field(default_factory=list)
    path: str | None = None

    def masked_text(self) -> str:
        """The text with every boilerplate span blanked out and every space character a plain
        space (:data:`_SPACES`), keeping its length and newlines.

        Language processing runs on this, so that boilerplate yields nothing while every
        offset still indexes the original text.
        """
        chars = list(self.text.translate(_SPACES))
        for span in self.boilerplate:
            for i in range(span.begin, min(span.end, len(chars))):
                if chars[i] != "\n":
                    chars[i] = " "
        return "".join(chars)

    def as_written(self, read: str, span: Span) -> str:
        """``read``, a text language processing took from :meth:`masked_text` at ``span``,
        in the article's own characters when the two differ only by their spaces (a
        no-break space read as a plain one); else ``read`` as it is."""
        own = self.text[span.begin:span.end]
        return own if own != read and own.translate(_SPACES) == read else read

    @property
    def content_hash(self) -> str:
        """SHA-256 of everything that determines this article's graph."""
        h = hashlib.sha256()
        for part in (self.source_file, self.text, self.title or "", self.date or "",
                     self.url or "", self.publisher or "", self.author or ""):
            h.update(part.encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()


@dataclass
class Mention:
    """One occurrence of an entity in the text."""

    span: Span
    text: str


@dataclass
class Entity:
    """An actor or place as found within one article (all its mentions merged).

    Attributes:
        key: Id unique within the article (e.g. ``"e3"``); statements point to it.
        kind: Person, Organization, Place or UnnamedSource.
        name: Canonical name within the article (the fullest form, e.g. "Lena Okafor", or the
            description of an unnamed source, e.g. "a city police official").
        aliases: Every other surface form seen (acronyms, "Ms. Okafor", "Okafor", misspellings).
        mentions: Where it is mentioned.
        gender: "m", "f" or None, when the text shows it (honorifics, pronouns) or the
            first name does (most of its bearers have that gender).
        evidence: Why surface forms were merged within the article: (alias, reason) pairs,
            reason one of "short name", "honorific", "acronym", "near spelling", "title match"...
    """

    key: str
    kind: EntityKind
    name: str
    aliases: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)
    gender: str | None = None
    evidence: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Role:
    """A title held by a person, as stated in one article ("Water Minister Lena Okafor")."""

    person: str  # Entity.key
    title: str  # as written, e.g. "Water Minister", "secretary-general"
    organization: str | None  # Entity.key of the organisation, when named or implied
    span: Span  # the phrase the role was read from


@dataclass
class Statement:
    """Something someone said, wrote, reported or ordered.

    Attributes:
        kind: "direct" (all in quotation marks), "indirect" (reported speech) or "mixed"
            (reported speech containing a quoted fragment).
        span: The content, without the attribution; a direct quote's with its opening and
            closing quotation marks ('“We will rebuild,”' of '“We will rebuild,” she said').
        text: ``article.text[span.begin:span.end]``.
        speaker: Entity.key of who said it, or None when unknown.
        cue: Lemma of the reporting verb or phrase ("say", "warn", "according to").
        speech_act: One of the classes in ``graph/data/cues.tsv`` (assert, warn, order,
            criticise, praise, deny, promise, believe).
        about: Entity.keys that the content is about.
        cue_span: Where the cue stands, when there is one.
    """

    kind: QuoteKind
    span: Span
    text: str
    speaker: str | None
    cue: str
    speech_act: str
    about: list[str] = field(default_factory=list)
    cue_span: Span | None = None


@dataclass
class Statistic:
    """A figure stated in the article.

    Attributes:
        value: The number stated ("2.8 million" is 2800000).
        unit: Normalised unit: person, case, percent, kilogram, tonne, USD, plant...
        measure: What is counted or measured ("people arrested").
        period: When it applies ("2020", "2017/2020", "2024-01-22"), when the text says.
        qualifier: "nearly", "about", "more than"... when present.
        source: Entity.key of who reported it, when the text says.
        span: The phrase the figure was read from.
        text: ``article.text[span.begin:span.end]``.
    """

    value: Decimal
    unit: str
    span: Span
    text: str
    measure: str | None = None
    period: str | None = None
    qualifier: str | None = None
    source: str | None = None


@dataclass
class Actors:
    """What the actors stage finds: entities keyed "e0", "e1", ... and the roles people hold."""

    entities: list[Entity] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)


@dataclass
class Speech:
    """What the speech stage finds: statements in text order, and the sources it had to add
    (unnamed sources, organisations named only as speakers), keyed "s0", "s1", ..."""

    statements: list[Statement] = field(default_factory=list)
    sources: list[Entity] = field(default_factory=list)


@dataclass
class ArticleRecord:
    """Everything extracted from one article, with article-local entity keys."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    statistics: list[Statistic] = field(default_factory=list)

    def entity(self, key: str) -> Entity:
        """The entity with this key.

        Raises:
            KeyError: when no entity has that key.
        """
        for e in self.entities:
            if e.key == key:
                return e
        raise KeyError(key)


@dataclass
class Merge:
    """Why two names or mentions were taken to be the same actor.

    Attributes:
        alias: The name merged into the actor.
        reason: Why ("same full name", "short name", "ministry form"...).
        articles: IRIs of the articles the merge rests on.
    """

    alias: str
    reason: str
    articles: tuple[str, ...] = ()


@dataclass
class ResolvedRecord:
    """An :class:`ArticleRecord` whose entity keys are mapped to global actor IRIs.

    Attributes:
        record: The extraction output.
        iris: Entity.key -> IRI of the canonical actor (stable across runs and machines).
        labels: IRI -> canonical label of that actor.
        merges: IRI -> why its names and mentions were merged.
    """

    record: ArticleRecord
    iris: dict[str, str]
    labels: dict[str, str] = field(default_factory=dict)
    merges: dict[str, list[Merge]] = field(default_factory=dict)
