"""Tests of graph.ingest.manifest: metadata of many articles from a CSV or TSV file."""

from __future__ import annotations

import json

import pytest

from graph.errors import InputError
from graph.ingest import iter_articles, read_manifest

BODY = "Storm closes piers\n\nThe harbour master closed both piers on Monday.\n"


@pytest.mark.parametrize(("content", "names", "expected"), [
    ("file\tdate\ttitle\na.txt\t2024-03-05\tPiers close\n", ("a.txt", "a"),
     ("2024-03-05", "Piers close", None)),
    ("id,date,source,author\na,2024-03-05,Harbour Daily,Ana Lima\n", ("a.txt", "a"),
     ("2024-03-05", None, "Harbour Daily")),
    ("file,date\nsub/dir/a.txt,2024-03-05\n", ("a.txt", "a"), ("2024-03-05", None, None)),
    ("File,Date,Extra\na.txt,,x\n", ("a.txt", "a"), (None, None, None)),   # empty cells give nothing
    ("file\tdate\na.txt\t2024-03-05\n", ("b.txt", "b"), (None, None, None)),
])
def test_read_manifest(tmp_path, content, names, expected):
    path = tmp_path / "m.csv"
    path.write_text(content, encoding="utf-8")
    meta = read_manifest(path).given(*names)
    assert (meta.date, meta.title, meta.publisher) == expected


def test_manifest_without_key_column(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("name,date\na.txt,2024-03-05\n", encoding="utf-8")
    with pytest.raises(InputError, match='"file" or "id"'):
        read_manifest(path)


def test_manifest_wins_over_sidecar_and_text(tmp_path):
    (tmp_path / "a.txt").write_text("Storm closes piers\n\nMonday, March 4, 2024\n\n" + BODY,
                                    encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"date": "2024-03-06", "author": "Tom Roe"}),
                                     encoding="utf-8")
    (tmp_path / "b.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "c1", "text": BODY}) + "\n", encoding="utf-8")
    manifest = tmp_path / "m.tsv"
    manifest.write_text("file\tid\tdate\turl\na.txt\t\t2024-03-07\t\n\tb\t2023-01-02\thttps://example.org/b\n"
                        "\tc1\t2022-05-06\t\n", encoding="utf-8")
    articles = {a.id: a for a in iter_articles([tmp_path], read_manifest(manifest))}
    got = {k: (a.date, a.date_inferred, a.author, a.url) for k, a in articles.items()}
    assert got == {"a": ("2024-03-07", False, "Tom Roe", None),
                   "b": ("2023-01-02", False, None, "https://example.org/b"),
                   "c1": ("2022-05-06", False, None, None)}
