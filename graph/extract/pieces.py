"""Texts too long or too odd to parse whole are parsed in pieces, every offset kept.

spaCy refuses a text longer than ``nlp.max_length`` (1,000,000 characters), and some texts
take it and our stages time that grows with the square of a stretch's length: the
tokenizer's suffix search on a long run of punctuation without a space (200,000 quotation
marks), and the statements read in one endless sentence. :func:`cuts` says where such a
text is cut: a text over the limit into pieces of at most :data:`PIECE_CHARS` characters
(at a paragraph break if there is one, else a line break, else a space), and any text so
that no stretch runs more than :data:`MAX_STRETCH` characters without a sentence end or
line break and no run without a space is longer than :data:`MAX_RUN` characters. Each piece is parsed alone and the pieces are joined into one
Doc whose text is the article's (:func:`parse_in_pieces`), so a cut costs at most a
sentence break where the text had none. Texts that need no cut (all ordinary articles) are
parsed whole, as before.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

#: Longest piece a text over the limit is cut into. The model's memory grows with the text
#: it parses at once, so pieces are parsed one at a time and kept about as long as a batch
#: of ordinary articles (:data:`graph.extract.BATCH_CHARS`).
PIECE_CHARS = 50_000
#: Longest run of characters without whitespace parsed as it is (a long URL is shorter).
MAX_RUN = 200
#: Longest stretch without a sentence end or a line break parsed as it is (an ordinary
#: sentence is far shorter).
MAX_STRETCH = 5_000

_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")
_BREAK = re.compile(r"[.!?…][\"'”’)\]]*\s|\n")


def cuts(text: str, limit: int, piece: int = PIECE_CHARS) -> list[int]:
    """Offsets at which ``text`` is cut into pieces parsed apart, in order (none: parse whole).

    >>> cuts("A short text.", 1000)
    []
    >>> cuts("one two three four", 9)  # over the limit: pieces of at most the limit
    [8, 14]
    >>> cuts("one two three four", 15, piece=9)  # ... or of ``piece`` characters
    [8, 14]
    >>> len(cuts('"' * 1000, 10_000))
    4
    """
    found = set(_by_length(text, min(limit, piece)) if len(text) > limit else [])
    found.update(_long_stretches(text))
    for run in _RUN.finditer(text):
        found.update(range(run.start() + MAX_RUN, run.end(), MAX_RUN))
    return sorted(c for c in found if 0 < c < len(text))


def _by_length(text: str, limit: int) -> list[int]:
    """Cuts keeping every piece within ``limit`` characters, at the best break in the
    second half of each window (so each cut moves on by at least half a window)."""
    found, start = [], 0
    while len(text) - start > limit:
        end = start + limit
        cut = next((at + len(sep) for sep in ("\n\n", "\n", " ")
                    if (at := text.rfind(sep, start + limit // 2, end - len(sep) + 1)) >= 0), end)
        found.append(cut)
        start = cut
    return found


def _long_stretches(text: str) -> list[int]:
    """Cuts breaking every stretch of more than :data:`MAX_STRETCH` characters without a
    sentence end or a line break."""
    found = []
    ends = [m.end() for m in _BREAK.finditer(text)] + [len(text)]
    start = 0
    for end in ends:
        if end - start > MAX_STRETCH:
            found += [start + c for c in _by_length(text[start:end], MAX_STRETCH)]
        start = end
    return found


def parse_in_pieces(nlp: Language, text: str, at: list[int], skip: tuple[str, ...] = ()) -> Doc:
    """One Doc of ``text``, its pieces (cut at ``at``) parsed apart and joined.

    Args:
        nlp: The pipeline.
        text: The whole text; the Doc's text is exactly this.
        at: Where to cut (see :func:`cuts`).
        skip: Components not run on the pieces (those that must see the whole Doc).

    Returns:
        The joined Doc, with the model's annotations of each piece; a sentence starts at
        each cut.
    """
    bounds = [0, *at, len(text)]
    with nlp.select_pipes(disable=list(skip)):
        docs = list(nlp.pipe((text[a:b] for a, b in zip(bounds, bounds[1:])), batch_size=1))
    return Doc.from_docs(docs, ensure_whitespace=False)
