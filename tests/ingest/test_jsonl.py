"""Tests of graph.ingest.jsonl: one article per line, bad lines reported and skipped."""

from __future__ import annotations

import json

import pytest

from graph.errors import InputError
from graph.ingest.jsonl import iter_jsonl
from graph.records import Article

GOOD = {"id": "p1", "text": "Storm closes piers\n\nThe piers closed on Tuesday.",
        "title": "Two piers closed", "date": "March 5, 2024", "url": "https://example.org/1",
        "source": "Harbour Daily", "author": "Ana Lima"}


def outcome(results):
    """Articles as (id, title) and errors as their messages."""
    return [(r.id, r.title) if isinstance(r, Article) else str(r) for r in results]


def test_good_and_bad_lines(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [json.dumps(GOOD), "", "{bad json", json.dumps({"text": "No id."}),
             json.dumps({"id": "p3"}), json.dumps({"id": "p4", "text": 7}),
             json.dumps({"id": "p5", "text": "  "}), "[1]",
             json.dumps({"id": 6, "text": "Numbers are fine as ids.\n\nSecond line."}),
             json.dumps({"id": "p7", "text": "Text.", "title": ["x"]})]
    path.write_bytes(("\n".join(lines) + "\n").encode() + b'{"id": "p8", "text": "\xff"}\n')
    assert outcome(iter_jsonl(path)) == [
        ("p1", "Two piers closed"),
        f"{path}:3: not valid JSON (Expecting property name enclosed in double quotes "
        "at column 2)",
        f'{path}:4: "id" is missing (each line needs a non-empty string id)',
        f'{path}:5: "text" is missing (it must hold the article text)',
        f'{path}:6: "text" is not a string (it must hold the article text)',
        f'{path}:7: "text" is empty (it must hold the article text)',
        f"{path}:8: expected a JSON object, got a list",
        ("6", None),
        f'{path}:10: field "title" must be a string, got a list',
        f"{path}:11: not UTF-8 text (byte 0xff at 22)",
    ]


def test_fields_and_offsets(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(GOOD).encode() + b"\r\n")
    (article,) = iter_jsonl(path)
    assert (article.id, article.source_file, article.text, article.date, article.url,
            article.publisher, article.author) == (
        "p1", "p1", GOOD["text"], "2024-03-05", "https://example.org/1", "Harbour Daily",
        "Ana Lima")
    span = article.title_span
    assert span is not None and article.text[span.begin:span.end] == "Storm closes piers"


def test_whole_file_errors(tmp_path):
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "bin.jsonl").write_bytes(b'{"id": 1}\x00')
    results = [*iter_jsonl(tmp_path / "empty.jsonl"), *iter_jsonl(tmp_path / "bin.jsonl"),
               *iter_jsonl(tmp_path / "missing.jsonl")]
    assert all(isinstance(r, InputError) for r in results)
    assert [r.problem for r in results] == ["empty file", "binary file, not text (NUL byte at 9)",
                                            "no such file"]


@pytest.mark.parametrize(("raw", "ident", "text", "title"), [
    (r'{"id": "s1", "text": "Gate shuts\n\nThe \ud800 gate shut."}', "s1", "Gate shuts\n\nThe \ufffd gate shut.", "Gate shuts"),
    (r'{"id": "s2", "text": "Lock opens\n\nThe lock \udfff\ud800 opened.", "title": "Lock \udc00"}',
     "s2", "Lock opens\n\nThe lock \ufffd\ufffd opened.", "Lock \ufffd"),
    (r'{"id": "s3\ud801", "text": "Plain words.\n\nNothing odd here."}', "s3\ufffd", "Plain words.\n\nNothing odd here.", None),
])
def test_lone_surrogates_become_replacement_characters_keeping_offsets(tmp_path, raw, ident, text, title):
    path = tmp_path / "odd.jsonl"
    path.write_text(raw + "\n" + json.dumps(GOOD) + "\n", encoding="utf-8")
    first, second = iter_jsonl(path)
    assert isinstance(first, Article), first
    assert (first.id, first.text, first.title) == (ident, text, title)
    assert len(first.content_hash) == 64  # every field encodes
    assert second.id == "p1"  # the rest of the file goes on
