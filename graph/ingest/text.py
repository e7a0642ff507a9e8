"""Plain-text and Markdown articles, and their JSON sidecars.

``Article.text`` is the file's content exactly (less a leading byte-order mark), so offsets
index the file as decoded. A sidecar ``NAME.json`` beside ``NAME.txt``/``NAME.md`` may give
``id``, ``title``, ``date``, ``url``, ``source`` (the publisher) and ``author``; what it
gives wins over what is read from the text. A Markdown file may open with front matter
(``---`` lines around ``key: value`` lines); its title, date, author, url and source (or
publisher) are read, and the block is boilerplate.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from graph.errors import InputError
from graph.ingest.assemble import Metadata, TitleStyle, build_article
from graph.ingest.decode import decode, read_bytes, read_text
from graph.records import Article, Span

SIDECAR_SUFFIX = ".json"
SIDECAR_FIELDS = {"id": "id", "title": "title", "date": "date", "url": "url",
                  "source": "publisher", "author": "author"}
"""Sidecar (and JSONL) field -> :class:`Metadata` field."""

STYLES: dict[str, TitleStyle] = {".txt": "plain", ".md": "markdown"}

FRONT_MATTER = re.compile(r"---[^\S\n]*\r?\n(?P<body>.*?)\r?\n---[^\S\n]*(?:\r?\n|$)", re.DOTALL)
FRONT_MATTER_FIELDS = {"title": "title", "date": "date", "url": "url", "author": "author",
                       "source": "publisher", "publisher": "publisher"}
"""Front-matter key -> :class:`Metadata` field."""


def read_plain(path: Path, given: Metadata = Metadata()) -> Article:
    """Read a ``.txt`` or ``.md`` article and its sidecar, if any.

    Args:
        path: The file.
        given: Metadata given from elsewhere (a manifest row): it wins over the sidecar's.

    Raises:
        InputError: when the file or its sidecar cannot be read.
    """
    text = read_text(path)
    style = STYLES[path.suffix.lower()]
    front, meta = front_matter(text) if style == "markdown" else (None, Metadata())
    meta = meta.updated(read_sidecar(path.with_suffix(SIDECAR_SUFFIX))).updated(given)
    return build_article(path.stem, path.name, text, meta, style, front)


def front_matter(text: str) -> tuple[Span | None, Metadata]:
    """The front-matter block opening a Markdown text, and the metadata it gives.

    >>> span, meta = front_matter('---\\ntitle: "Piers close"\\nlayout: post\\n---\\nText.')
    >>> span, meta.title
    (Span(begin=0, end=42), 'Piers close')
    """
    match = FRONT_MATTER.match(text)
    if match is None:
        return None, Metadata()
    given: dict[str, str] = {}
    for line in match["body"].splitlines():
        key, sep, value = line.partition(":")
        name = FRONT_MATTER_FIELDS.get(key.strip().lower())
        value = value.strip().strip("\"'")
        if sep and name and value:
            given.setdefault(name, value)
    return Span(0, match.end()), Metadata(**given)


def read_sidecar(path: Path) -> Metadata:
    """The metadata in a sidecar file; empty metadata when there is no sidecar.

    Raises:
        InputError: when the sidecar is not a JSON object of strings.
    """
    if not path.is_file():
        return Metadata()
    try:
        value = json.loads(decode(read_bytes(path), str(path)))
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"not valid JSON ({exc.msg} at line {exc.lineno}, "
                                    f"column {exc.colno})") from exc
    return metadata_from(value, str(path))


def metadata_from(value: Any, source: str) -> Metadata:
    """The metadata fields of a parsed JSON object (unknown fields are ignored).

    Raises:
        InputError: when ``value`` is not an object or a known field is not a string.
    """
    if not isinstance(value, dict):
        raise InputError(source, f"expected a JSON object, got {json_type(value)}")
    given: dict[str, str] = {}
    for key, name in SIDECAR_FIELDS.items():
        field = value.get(key)
        if field is None:
            continue
        if not isinstance(field, str):
            raise InputError(source, f'field "{key}" must be a string, got {json_type(field)}')
        if field.strip():
            given[name] = field.strip()
    return Metadata(**given)


def json_type(value: Any) -> str:
    """The JSON name of a parsed value's type, for messages."""
    names = {dict: "an object", list: "a list", str: "a string", bool: "true/false",
             int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)
