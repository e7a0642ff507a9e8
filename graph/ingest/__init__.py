"""Ingest: files and folders in, :class:`~graph.records.Article` records out.

Formats: ``.txt`` and ``.md`` (the text is the file's content), ``.html``/``.htm`` (the text
is the plain text extracted from the article body, see :mod:`graph.ingest.html`) and
``.jsonl`` (one article per line, see :mod:`graph.ingest.jsonl`). Each article gets its
boilerplate spans (navigation, teasers, bylines, captions, datelines, the headline), its
title, date, author and publisher when they can be told. A ``NAME.json`` beside an article
file is its metadata sidecar; a manifest (:mod:`graph.ingest.manifest`) gives the metadata
of many articles at once.

>>> from pathlib import Path
>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "a.txt").write_text("Bridge reopens\\n\\nThe bridge reopened on Monday.\\n")
>>> [(a.id, a.title) for a in iter_articles([folder])]
[('a', 'Bridge reopens')]
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from itertools import count
from pathlib import Path

from graph.errors import InputError
from graph.ingest.assemble import Metadata
from graph.ingest.boilerplate import detect_boilerplate
from graph.ingest.html import read_html
from graph.ingest.jsonl import jsonl_records
from graph.ingest.manifest import Manifest, read_manifest
from graph.ingest.text import read_plain
from graph.records import Article

__all__ = ["iter_articles", "read_article", "read_manifest", "Manifest", "detect_boilerplate",
           "SUFFIXES"]

READERS: dict[str, Callable[[Path, Metadata], Article]] = {
    ".txt": read_plain, ".md": read_plain, ".html": read_html, ".htm": read_html,
}
SUFFIXES = (*READERS, ".jsonl")
"""File suffixes read as articles (case does not matter)."""


def iter_articles(paths: Iterable[str | Path], manifest: Manifest = Manifest()
                  ) -> Iterator[Article | InputError]:
    """Yield an Article per readable input, or an InputError (not raised: yielded) per bad one.

    Folders are walked recursively in sorted order, reading the files with a known suffix
    (see :data:`SUFFIXES`) and ignoring the others and hidden files; ``NAME.json`` files
    there are sidecars, not articles. A file given explicitly must have a known suffix.
    A file whose stem was already the id of another file in this batch (``deskA/report.txt``
    then ``deskB/report.txt``) is told apart by its folders (:func:`_told_apart`); an id
    given in the input (a JSONL record, a sidecar) that was already read is an error
    naming both places.

    Args:
        paths: Files and folders.
        manifest: Metadata of articles by file name or id; it wins over what the files give.

    Yields:
        Articles and errors, in input order.
    """
    seen: dict[str, str] = {}  # article id -> where it was read
    for item in _expand(paths):
        if isinstance(item, InputError):
            yield item
            continue
        for where, result in _read_any(item, manifest):
            yield _unique(result, item, where, seen)


def read_article(path: Path, given: Metadata = Metadata()) -> Article:
    """Read one ``.txt``, ``.md``, ``.html`` or ``.htm`` article; ``given`` metadata (a
    manifest row) wins over what the file and its sidecar give.

    Raises:
        InputError: when the file is missing, unreadable, not UTF-8 text, empty, of another
            type, or its sidecar is malformed.
    """
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        raise InputError(str(path), "a .jsonl file holds several articles per file: read it "
                                    "with iter_articles")
    reader = READERS.get(suffix)
    if reader is None:
        raise InputError(str(path), _unsupported(path))
    return replace(reader(path, given), path=str(path.resolve()))


def _expand(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """The files to read, in order, and an error per missing path or unknown file type."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _walk(path)
        elif not path.exists():
            yield InputError(str(path), "no such file or folder")
        elif path.suffix.lower() in SUFFIXES:
            yield path
        else:
            yield InputError(str(path), _unsupported(path))


def _walk(folder: Path) -> list[Path]:
    """Article files under ``folder``, recursively, sorted by path, skipping hidden ones."""
    found = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [Path(root, name) for name in names
                  if not name.startswith(".") and Path(name).suffix.lower() in SUFFIXES]
    return sorted(found, key=lambda path: path.parts)


def _read_any(path: Path, manifest: Manifest) -> Iterator[tuple[str, Article | InputError]]:
    """The articles of one file, or the error that stops it from being read, each with
    where it was read (the file, or ``FILE:LINE``).

    Any failure while reading becomes an error for this file, so a batch always goes on.
    """
    if path.suffix.lower() == ".jsonl":
        yield from jsonl_records(path, manifest)
        return
    try:
        yield str(path), read_article(path, manifest.given(path.name, path.stem))
    except InputError as exc:
        yield str(path), exc
    except Exception as exc:  # noqa: BLE001 - one odd file must not stop a batch
        yield str(path), InputError(str(path), f"could not be read ({type(exc).__name__}: {exc})")


def _unique(result: Article | InputError, path: Path, where: str,
            seen: dict[str, str]) -> Article | InputError:
    """The article under an id not yet read in this batch, or an error for a given id
    that was."""
    if isinstance(result, Article) and result.id in seen:
        if path.suffix.lower() == ".jsonl" or result.id != path.stem:
            return InputError(where, f'duplicate article id "{result.id}" '
                                     f"(already read from {seen[result.id]})")
        result = _told_apart(result, path, seen)
    if isinstance(result, Article):
        seen[result.id] = where
    return result


def _told_apart(article: Article, path: Path, seen: dict[str, str]) -> Article:
    """The article of a file whose stem is already taken, under an id and source made of
    its last folders and its name: ``deskB/report.txt`` becomes id ``deskB-report``,
    source ``deskB/report.txt`` (more folders when that is taken too, then a number)."""
    parts = path.resolve().parts
    for depth in range(2, len(parts)):
        folders = parts[-depth:-1]
        ident = "-".join((*folders, path.stem))
        if ident not in seen:
            return replace(article, id=ident, source_file="/".join((*folders, path.name)))
    return replace(article, id=next(f"{article.id}-{n}" for n in count(2)
                                    if f"{article.id}-{n}" not in seen))


def _unsupported(path: Path) -> str:
    """The message for a file of a type that is not read."""
    hint = " (NAME.json files are sidecars: give NAME.txt instead)" \
        if path.suffix.lower() == ".json" else ""
    return (f"not an article file: {path.suffix or 'no suffix'} is not one of "
            f"{', '.join(SUFFIXES)}{hint}")
