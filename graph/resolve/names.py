"""Names compared across articles: folding, ranking, titles and the keys of the name index.

Every function here is pure and looks only at strings, so identity rules, the name index and
queries all compare names the same way.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from graph.lexicon import lexicon
from graph.names import NEAR_MIN_LEN, near_spelling

_NON_ALNUM = re.compile(r"[\W_]+")
#: Names memoised by the pure name functions below (bounded, so memory stays flat).
NAME_CACHE = 1 << 15

#: Prefix of a name index key made of part of a name: a word of a person's name, the
#: initials of an organisation's. Kept apart from full names so that a full name finds
#: only the names it could join ("Okafor", "RBA"), not every actor sharing a word with it.
PART = "~"
#: Prefix of a near-spelling key: a titled person's full name with one word cut to its
#: first letter ("%pavel r*"); two names one letter apart share one.
NEAR = "%"


def strip_honorific(name: str) -> str:
    """``name`` without leading honorifics ("Lt. Gen. Dara" -> "Dara")."""
    return lexicon().actors.honorifics.strip(name)


@lru_cache(maxsize=NAME_CACHE)
def fold(name: str) -> str:
    """A name folded for comparison: honorifics, diacritics, case and punctuation dropped.

    >>> fold("Mr. Brudziński")
    'brudzinski'
    >>> fold("the Ministry of Water")
    'ministry of water'
    """
    text = unicodedata.normalize("NFKD", strip_honorific(name))
    text = "".join(c for c in text if not unicodedata.combining(c))
    words = _NON_ALNUM.sub(" ", text.casefold().replace("’", "").replace("'", "")).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=NAME_CACHE)
def is_acronym(name: str) -> bool:
    """True for "RBA", "U.N." and the like."""
    letters = [c for c in name if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and " " not in name.strip()


def initials(name: str) -> str:
    """Upper-case initials of the capitalised words ("National Police Force" -> "NPF")."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def acronym_key(name: str) -> str:
    """An acronym as the name index and the acronym rule compare it ("U.N." -> "un")."""
    return name.replace(".", "").lower()


@lru_cache(maxsize=NAME_CACHE)
def name_rank(name: str) -> tuple:
    """Sort key putting the fullest, most informative name first."""
    words = fold(name).split()
    return (is_acronym(name), strip_honorific(name) != name.strip(), -len(words),
            -len(name), name.isascii(), name)


@lru_cache(maxsize=NAME_CACHE)
def title_key(title: str) -> frozenset[str]:
    """A title as a set of words, word order and noise ignored."""
    return frozenset(w for w in fold(title).split() if w not in lexicon().actors.title_noise)


def title_keys(titles: Iterable[str]) -> set[frozenset[str]]:
    """The comparable titles among ``titles`` (those not only noise words such as "former")."""
    return {title_key(t) for t in titles} - {frozenset()}


def is_titled(titles: Iterable[str]) -> bool:
    """True when a title can be compared."""
    return bool(title_keys(titles))


def within_reason(alias: str, name: str) -> str:
    """Why one article's alias names the same actor as its fullest name.

    >>> within_reason("Mr. Lee", "Lee Kuan Yew"), within_reason("Lee", "Lee Kuan Yew")
    ('honorific', 'short name')
    """
    if strip_honorific(alias) != alias.strip():
        return "honorific"
    if is_acronym(alias):
        return "defined acronym"
    words, full = set(fold(alias).split()), set(fold(name).split())
    if words <= full:
        return "short name" if words != full else "word order"
    return "near spelling" if any(near_spelling(w, f) for w in words for f in full) else "same article"


# ---------------------------------------------------------------- name index keys


def _near_keys(full: Iterable[str]) -> set[str]:
    keys = set()
    for words in (f.split() for f in full):
        keys |= {NEAR + " ".join([*words[:i], word[0] + "*", *words[i + 1:]])
                 for i, word in enumerate(words) if len(word) >= NEAR_MIN_LEN}
    return keys


def index_keys(kind: str, names: Iterable[str], titles: Iterable[str] = ()) -> frozenset[str]:
    """The keys an article's actor is stored under in the name index (``cg:nameKey``).

    Its folded names; for organisations also each acronym without dots ("U.N." -> "un"),
    and the initials of each name as a part key ("~rba"); for people each word as a part
    key ("~okafor") and, when they hold a title, the near-spelling keys of their full names.
    """
    return _index_keys(kind, frozenset(names), frozenset(titles))


@lru_cache(maxsize=NAME_CACHE)
def _index_keys(kind: str, names: frozenset[str], titles: frozenset[str]) -> frozenset[str]:
    """:func:`index_keys` of a set of names (memoised, as :func:`_lookup_keys`)."""
    folded = {f for n in names if (f := fold(n))}
    keys = set(folded)
    if kind == "Person":
        keys |= {PART + w for f in folded for w in f.split()}
        if is_titled(titles):
            keys |= _near_keys(f for f in folded if len(f.split()) >= 2)
    elif kind == "Organization":
        keys |= {acronym_key(n) for n in names if is_acronym(n)}
        keys |= {PART + initials(n).lower() for n in names if len(initials(n)) >= 2}
    return frozenset(keys)


def lookup_keys(kind: str, names: Iterable[str], titles: Iterable[str] = ()) -> frozenset[str]:
    """The keys under which the candidates of an actor are stored (see :mod:`graph.resolve.cluster`).

    Its folded names (same full name); for a person's full name also its words, finding the
    short names ("Okafor") a new holder could take over, and for a titled person named only
    by one word the full names that have it ("~okafor"); for an organisation its initials,
    finding its acronym ("RBA"), and for one named only by an acronym the names with those
    initials ("~rba"); for a titled person the near spellings of their full names.
    """
    return _lookup_keys(kind, frozenset(names), frozenset(titles))


@lru_cache(maxsize=NAME_CACHE)
def _lookup_keys(kind: str, names: frozenset[str], titles: frozenset[str]) -> frozenset[str]:
    """:func:`lookup_keys` of a set of names (memoised: a frequent actor's names recur in every article naming it)."""
    names = [n for n in names if n.strip()]
    folded = {f for n in names if (f := fold(n))}
    keys = set(folded)
    if kind == "Person":
        full = {f for f in folded if len(f.split()) >= 2}
        if full:
            keys |= {w for f in full for w in f.split()}
        elif is_titled(titles):  # an untitled short name joins no holder (rule 5)
            keys |= {PART + f for f in folded}
        if is_titled(titles):
            keys |= _near_keys(full)
    elif kind == "Organization":
        acronyms = {acronym_key(n) for n in names if is_acronym(n)}
        keys |= acronyms | {initials(n).lower() for n in names if len(initials(n)) >= 2}
        if names and len(acronyms) == len(names):
            keys |= {PART + a for a in acronyms}
    return frozenset(keys)
