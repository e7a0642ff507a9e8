"""JSON Lines files: one article per line.

Each line is an object with ``id`` and ``text`` (required) and ``title``, ``date``, ``url``,
``source`` (the publisher) and ``author`` (optional). ``Article.text`` is the ``text`` value
as given; ``source_file`` is the id. Blank lines are skipped; a bad line gives an
:class:`~graph.errors.InputError` naming ``FILE:LINE`` and the other lines go on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graph.errors import InputError
from graph.ingest.assemble import build_article
from graph.ingest.decode import BOM, check_not_binary, decode, read_bytes
from graph.ingest.manifest import Manifest
from graph.ingest.text import json_type, metadata_from
from graph.records import Article


def iter_jsonl(path: Path, manifest: Manifest = Manifest()) -> Iterator[Article | InputError]:
    """An article per good line of a JSONL file, an error per bad line.

    Errors about the whole file (missing, binary, empty) are yielded alone. A ``manifest``
    row for a record's id wins over the record's own fields.
    """
    for _, result in jsonl_records(path, manifest):
        yield result


def jsonl_records(path: Path, manifest: Manifest = Manifest()) -> Iterator[tuple[str, Article | InputError]]:
    """Like :func:`iter_jsonl`, each result with where it was read (``FILE:LINE``)."""
    try:
        data = read_bytes(path)
        check_not_binary(data, str(path))
    except InputError as exc:
        yield str(path), exc
        return
    lines = data.removeprefix(BOM.encode("utf-8")).split(b"\n")
    for number, raw in enumerate(lines, 1):
        if raw.strip():
            source = f"{path}:{number}"
            try:
                yield source, _article(raw, source, manifest)
            except InputError as exc:
                yield source, exc
            except Exception as exc:  # noqa: BLE001 - one odd record must not stop a batch
                yield source, InputError(source, f"could not be read ({type(exc).__name__}: {exc})")


def _article(raw: bytes, source: str, manifest: Manifest) -> Article:
    """The article on one line.

    Raises:
        InputError: when the line is not a JSON object with a string id and text.
    """
    try:
        value: Any = json.loads(decode(raw, source))
    except json.JSONDecodeError as exc:
        raise InputError(source, f"not valid JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(value, dict):
        raise InputError(source, f"expected a JSON object, got {json_type(value)}")
    article_id = _id(value.pop("id", None), source)
    text = value.get("text")
    if not isinstance(text, str) or not text.strip():
        state = "empty" if isinstance(text, str) else "missing" if text is None else "not a string"
        raise InputError(source, f'"text" is {state} (it must hold the article text)')
    meta = metadata_from(value, source).updated(manifest.given(article_id))
    return build_article(article_id, article_id, text, meta, "plain")


def _id(value: Any, source: str) -> str:
    """A record's id as a string (whole numbers are accepted too).

    Raises:
        InputError: when it is missing, empty or of another type.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str) or not value.strip():
        raise InputError(source, '"id" is missing (each line needs a non-empty string id)')
    return value
