"""Metadata manifests: what is known about many articles, one row each, in a CSV or TSV file.

``claimgraph build --metadata FILE`` reads one. Its first line names the columns: ``file``
(the article's file name) or ``id`` (its id: the file name less its suffix, or a JSONL
record's ``id``) finds the article, and ``date``, ``title``, ``url``, ``source`` (the
publisher) and ``author`` describe it; other columns are ignored, empty cells give nothing.
The file is tab-separated when its first line holds a tab, else comma-separated. What a
manifest gives wins over a sidecar, the page's metadata and what is read from the text.

>>> import tempfile
>>> path = Path(tempfile.mkdtemp()) / "manifest.tsv"
>>> _ = path.write_text("file\\tdate\\ttitle\\na.txt\\t2024-03-05\\tPiers close\\n")
>>> read_manifest(path).given("a.txt", "a")
Metadata(id=None, title='Piers close', date='2024-03-05', url=None, publisher=None, author=None)
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from graph.errors import InputError
from graph.ingest.assemble import Metadata
from graph.ingest.decode import read_text

KEY_COLUMNS = ("file", "id")
#: Manifest column -> :class:`Metadata` field.
FIELD_COLUMNS = {"date": "date", "title": "title", "url": "url", "source": "publisher",
                 "author": "author"}


@dataclass(frozen=True)
class Manifest:
    """The rows of a manifest, by article.

    Attributes:
        rows: A file name, or an id, -> what the manifest gives about that article.
    """

    rows: Mapping[str, Metadata] = field(default_factory=lambda: MappingProxyType({}))

    def given(self, *names: str) -> Metadata:
        """What the manifest gives about the article known by the first of ``names`` it
        has a row for (a file name, then an id); empty metadata when none."""
        return next((self.rows[n] for n in names if n in self.rows), Metadata())


def read_manifest(path: Path) -> Manifest:
    """Read a CSV or TSV manifest.

    Raises:
        InputError: when the file cannot be read, or its header has no ``file`` or ``id``
            column.
    """
    lines = read_text(path).splitlines()
    delimiter = "\t" if lines and "\t" in lines[0] else ","
    reader = csv.DictReader(lines, delimiter=delimiter)
    columns = {(c or "").strip().lower(): c for c in reader.fieldnames or []}
    keys = [columns[k] for k in KEY_COLUMNS if k in columns]
    if not keys:
        raise InputError(str(path), 'a manifest needs a "file" or "id" column in its first line')
    rows: dict[str, Metadata] = {}
    for row in reader:
        given = {name: value.strip() for column, name in FIELD_COLUMNS.items()
                 if column in columns and (value := row.get(columns[column]) or "").strip()}
        for key in keys:
            name = (row.get(key) or "").strip()
            if name:
                rows[Path(name).name if key == columns.get("file") else name] = Metadata(**given)
    return Manifest(MappingProxyType(rows))
