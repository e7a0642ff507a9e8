"""User overrides of identity: names to join into one actor, or to keep apart.

The file is TOML (``aliases.toml`` in the working directory, or ``--overrides FILE``)::

    [[join]]                        # these names are one actor, in every article
    names = ["Lena Okafor", "Dame Lena Okafor-Reyes"]

    [[split]]                       # never one actor: keep these apart
    names = ["Lena Okafor", "Ada Okafor"]

    [[split]]                       # a single name: never merged with another name
    names = ["Okafor"]

Names are compared folded (case, diacritics, punctuation and honorifics ignored).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from graph.errors import InputError

#: The file the build reads from the working directory when no ``--overrides`` is given.
DEFAULT_FILE = "aliases.toml"
_TABLES = ("join", "split")


@dataclass(frozen=True)
class Overrides:
    """Joins and splits forced by the user.

    Attributes:
        joins: Each a group of names that are one actor.
        splits: Each a group of names never to be merged with one another (a single name:
            never merged with any other name).
    """

    joins: tuple[tuple[str, ...], ...] = ()
    splits: tuple[tuple[str, ...], ...] = field(default=())

    @property
    def names(self) -> set[str]:
        """Every name the overrides mention."""
        return {n for group in (*self.joins, *self.splits) for n in group}


def parse_overrides(text: str, source: str = DEFAULT_FILE) -> Overrides:
    """Read overrides from TOML text.

    Raises:
        InputError: when the text is not TOML or a table is malformed.

    >>> parse_overrides('[[join]]\\nnames = ["A B", "A. B."]').joins
    (('A B', 'A. B.'),)
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise InputError(source, f"not valid TOML: {e}") from e
    unknown = sorted(set(data) - set(_TABLES))
    if unknown:
        raise InputError(source, f"unknown table {unknown[0]!r}: expected [[join]] or [[split]]")
    groups = {name: tuple(_names(entry, name, source) for entry in data.get(name, []))
              for name in _TABLES}
    return Overrides(joins=groups["join"], splits=groups["split"])


def load_overrides(path: str | Path | None = None) -> Overrides:
    """Overrides from ``path``, else from ``aliases.toml`` in the working directory if present.

    Raises:
        InputError: when a given file is missing or malformed.
    """
    if path is None:
        default = Path(DEFAULT_FILE)
        return parse_overrides(default.read_text("utf-8"), str(default)) if default.is_file() else Overrides()
    file = Path(path)
    if not file.is_file():
        raise InputError(str(file), "no such overrides file")
    return parse_overrides(file.read_text("utf-8"), str(file))


def _names(entry: object, table: str, source: str) -> tuple[str, ...]:
    names = entry.get("names") if isinstance(entry, dict) else None
    if not isinstance(names, list) or not names or not all(isinstance(n, str) and n.strip() for n in names):
        raise InputError(source, f"each [[{table}]] needs names = [\"...\", ...] (non-empty strings)")
    if table == "join" and len(names) < 2:
        raise InputError(source, "a [[join]] needs at least two names")
    return tuple(n.strip() for n in names)
