"""Text and names as the shared scorer compares them.

The honorifics dropped from names are the scorer's (``graph/data/scorer_honorifics.txt``,
read through :mod:`graph.lexicon.scoring`), not claimgraph's.
"""

from __future__ import annotations

import re
import unicodedata

from graph.lexicon import lexicon

_PLAIN = (("“", '"'), ("”", '"'), ("’", "'"), ("‘", "'"), ("…", "..."))


def norm_text(s: str) -> str:
    """Text as compared: NFKC, plain quotes, no brackets, single spaces, lowercase.

    >>> norm_text("“Yes,”  he [said]…")
    '"yes," he said...'
    """
    s = unicodedata.normalize("NFKC", s)
    for a, b in _PLAIN:
        s = s.replace(a, b)
    s = re.sub(r"[\[\]]", "", s)
    return re.sub(r"\s+", " ", s).strip().lower()


def norm_name(s: str) -> str:
    """A name as compared: no diacritics or punctuation, lowercase, honorifics dropped.

    Up to three leading honorifics go ("Dr. Prof. X"), then a leading "the".

    >>> norm_name("Dr. Prof. Zofia Kowalczýk")
    'zofia kowalczyk'
    """
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace("’", "'")
    s = re.sub(r"\s+", " ", re.sub(r"[^\w\s'-]", " ", s)).strip()
    honorific = lexicon().scoring.leading_honorific
    for _ in range(3):
        s = honorific.sub("", s)
    return re.sub(r"^the\s+", "", s)
