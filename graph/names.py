"""Comparing spellings of names: the one rule for "a misspelling of the same word"."""

from __future__ import annotations

#: Words shorter than this are never taken as misspellings of each other.
NEAR_MIN_LEN = 4
#: A word this long may differ by two edits (one below it).
LONG_WORD = 7


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance between two strings.

    >>> edit_distance("Okafor", "Okafur")
    1
    """
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def near_spelling(a: str, b: str, strict: bool = False) -> bool:
    """Whether two different words look like spellings of one (case ignored).

    Both start with the same letter, the shorter has at least :data:`NEAR_MIN_LEN` letters
    and the longer one more, and they differ by one edit (two when both have at least
    :data:`LONG_WORD` letters, unless ``strict``: across articles one edit is the limit).

    >>> near_spelling("Okafor", "Okafur"), near_spelling("Okafor", "Okafor")
    (True, False)
    >>> near_spelling("Rostovich", "Rostovicz"), near_spelling("Rostovich", "Rostovitz", strict=True)
    (True, False)
    """
    a, b = a.lower(), b.lower()
    short, long_ = sorted((len(a), len(b)))
    if a == b or a[:1] != b[:1] or short < NEAR_MIN_LEN or long_ <= NEAR_MIN_LEN:
        return False
    limit = 2 if short >= LONG_WORD and not strict else 1
    return edit_distance(a, b) <= limit
