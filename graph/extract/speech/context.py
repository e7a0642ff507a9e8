"""The records the speech modules share: one article's context, and statement drafts.

:class:`Context` is built once per Doc when the stage starts and passed down read-only: the
text, the paragraph, sentence and token positions, the quoted runs and the lexicon, so that
no module rebuilds ``doc.text`` or ``doc.ents`` (spaCy makes them anew on every access).
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from spacy.attrs import IDX
from spacy.tokens import Doc, Span as SpacySpan, Token

from graph.extract.speech.colons import Label, find_labels
from graph.extract.speech.marks import Quote, find_quotes, paragraphs
from graph.lexicon import lexicon
from graph.lexicon.speech import Cue, SpeechWords
from graph.records import Span


@dataclass(frozen=True)
class Context:
    """One parsed article, as every module of the speech stage reads it.

    Attributes:
        doc: The parsed article.
        text: ``doc.text``.
        ents: ``doc.ents``.
        paragraphs: The non-empty lines of the text.
        quotes: Every quoted run (direct quotes and quoted fragments alike).
        words: The speech section of the lexicon.
        labels: Paragraph index -> the speaker label opening it ("ROE: ...").
    """

    doc: Doc
    text: str
    ents: tuple[SpacySpan, ...]
    paragraphs: tuple[Span, ...]
    quotes: tuple[Quote, ...]
    words: SpeechWords
    labels: Mapping[int, Label]
    _paragraph_starts: tuple[int, ...]
    _sentence_starts: tuple[int, ...]
    _token_starts: tuple[int, ...]

    @classmethod
    def of(cls, doc: Doc) -> Context:
        """The context of ``doc``, read once."""
        text = doc.text
        paras = tuple(paragraphs(text))
        words = lexicon().speech
        return cls(doc, text, tuple(doc.ents), paras, tuple(find_quotes(text)), words,
                   find_labels(doc, text, paras, words),
                   tuple(p.begin for p in paras), tuple(s.start_char for s in doc.sents),
                   tuple(doc.to_array(IDX).tolist()))

    def paragraph_of(self, char: int) -> int:
        """Index of the paragraph holding character ``char`` (0 before the first)."""
        return max(0, bisect.bisect_right(self._paragraph_starts, char) - 1)

    def paragraph_at(self, char: int) -> Span:
        """The paragraph holding character ``char``."""
        return self.paragraphs[self.paragraph_of(char)]

    def sentence_of(self, char: int) -> int:
        """Index of the sentence holding character ``char``."""
        return max(0, bisect.bisect_right(self._sentence_starts, char) - 1)

    def sentence_start(self, char: int) -> int:
        """Where the sentence holding character ``char`` starts."""
        return self._sentence_starts[self.sentence_of(char)] if self._sentence_starts else 0

    def token_at(self, char: int) -> int:
        """Index of the token holding (or last starting before) character ``char``."""
        return max(0, bisect.bisect_right(self._token_starts, char) - 1)

    def in_any_quote(self, char: int) -> bool:
        """True when ``char`` lies between quotation marks."""
        return any(q.outer.begin <= char < q.outer.end for q in self.quotes)


class Attribution(NamedTuple):
    """Who a quote's cue says spoke: the cue, its token, and the subject phrase's head."""

    cue: Cue
    token: Token
    subject: Token | None


@dataclass(frozen=True)
class Draft:
    """A statement before its speaker is resolved.

    Attributes:
        kind: "direct", "indirect" or "mixed".
        span: The content.
        cue: The cue that introduces it (the default cue for an unattributed quote).
        anchor: Where it stands for salience: the quote's opening mark or the cue.
        subject: Head of the speaker phrase, when the text gives one.
        cue_span: Where the cue stands, when there is one.
        block: For direct quotes, the run of quotes that share one speaker.
        speech_act: The cue's speech act (or its infinitive act, "told them to").
        targets: Objects of a criticising or praising cue.
    """

    kind: str
    span: Span
    cue: Cue
    anchor: int
    subject: Token | None
    cue_span: Span | None = None
    block: int = -1
    speech_act: str = ""
    targets: tuple[Token, ...] = ()
