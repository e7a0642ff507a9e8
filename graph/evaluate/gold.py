"""Reading gold annotations: the names of a gold entity and where a gold text lies."""

from __future__ import annotations

import re
from typing import Any

from graph.evaluate.normalise import norm_name, norm_text

Gold = dict[str, Any]
"""One gold TOML file, as parsed (format in ``tests/gold/README.md``)."""


def item_names(item: Gold) -> set[str]:
    """The normalised name and aliases of a gold entity.

    >>> sorted(item_names({"name": "Mr. Ivo Tamm", "aliases": ["Tamm"]}))
    ['ivo tamm', 'tamm']
    """
    return {norm_name(n) for n in [item["name"]] + item.get("aliases", [])}


def gold_names(gold: Gold, name: str) -> set[str]:
    """The normalised names of the gold entity called ``name`` (or of ``name`` alone)."""
    for kind in ("person", "organization", "place"):
        for item in gold.get(kind, []):
            if item["name"] == name:
                return item_names(item)
    return {norm_name(name)}


def all_names(gold: Gold) -> set[str]:
    """The normalised names of every person, organisation and place of an article."""
    return {n for kind in ("person", "organization", "place") for item in gold.get(kind, [])
            for n in item_names(item)}


def gold_span(raw: str, text: str) -> tuple[int, int] | None:
    """Where ``text`` lies in the article ``raw``, whatever its quotes and spacing.

    >>> gold_span("He said: ‘no’  today.", "'no' today")
    (9, 20)
    """
    if norm_text(text) not in norm_text(raw):
        return None
    found = re.search(r"\s+".join(_flexible(w) for w in text.split()), raw)
    return (found.start(), found.end()) if found else None


def _flexible(word: str) -> str:
    """A regex for ``word`` matching any kind of single or double quote."""
    return "".join("['’‘]" if c in "'’‘" else '["“”]' if c in '"“”' else re.escape(c) for c in word)
