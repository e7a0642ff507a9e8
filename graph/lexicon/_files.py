"""Where the lexicon's data files are found and how they are read: the only place.

Every word list and rule table lives in ``graph/data/`` (package data, so it ships in the
wheel). Blank lines and lines starting with ``#`` are comments.
"""

from __future__ import annotations

from importlib import resources


def read_lines(name: str) -> tuple[str, ...]:
    """The lines of ``graph/data/NAME``, stripped, without blank lines and comments."""
    text = resources.files("graph").joinpath("data", name).read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def read_table(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of the tab-separated ``graph/data/NAME``, each cell stripped."""
    text = resources.files("graph").joinpath("data", name).read_text(encoding="utf-8")
    return tuple(tuple(cell.strip() for cell in line.split("\t"))
                 for line in text.splitlines() if line.strip() and not line.startswith("#"))


def read_words(name: str) -> frozenset[str]:
    """The lowercased lines of ``graph/data/NAME`` as a set."""
    return frozenset(line.lower() for line in read_lines(name))
