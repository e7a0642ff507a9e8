"""Tests of graph.ingest: walking inputs, dispatching on suffix, recovering from bad files."""

from __future__ import annotations

import doctest
import importlib
import json
from pathlib import Path

import pytest

from graph.errors import InputError
from graph.ingest import detect_boilerplate, iter_articles, read_article
from graph.records import Article, Span

BODY = "Storm closes piers\n\nThe harbour authority closed two piers on Tuesday.\n"
INGEST_MODULES = ["graph.ingest", "graph.ingest.boilerplate", "graph.ingest.dates",
                  "graph.ingest.html", "graph.ingest.text"]


def outcome(results) -> list[str]:
    """Each result as "article ID" or "error MESSAGE", with the temp folder left out."""
    return [f"article {r.id}" if isinstance(r, Article) else f"error {r}" for r in results]


def make_tree(root: Path) -> None:
    """A folder with every kind of file, good and bad, nested."""
    (root / "b" / "deeper").mkdir(parents=True)
    (root / ".hidden").mkdir()
    files: dict[str, bytes] = {
        "a.txt": BODY.encode(),
        "a.json": json.dumps({"title": "Piers closed"}).encode(),
        "b/c.md": ("# Heading\n\n" + BODY).encode(),
        "b/deeper/d.html": b"<html><body><p>Piers closed.</p></body></html>",
        "b/deeper/e.HTM": b"<html><body><p>More piers closed.</p></body></html>",
        "b/f.jsonl": b'{"id": "j1", "text": "Piers closed."}\nnot json\n',
        "b/notes.pdf": b"%PDF-1.4",
        "b/orphan.json": b"{}",
        "empty.txt": b"",
        "binary.txt": b"\x89PNG\x00\x00",
        "latin1.txt": "caf\u00e9".encode("latin-1"),
        ".hidden/h.txt": BODY.encode(),
        ".dotfile.txt": BODY.encode(),
    }
    for name, data in files.items():
        (root / name).write_bytes(data)


def test_folder_walk(tmp_path):
    make_tree(tmp_path)
    assert outcome(iter_articles([tmp_path])) == [
        "article a",
        "article c",
        "article d",
        "article e",
        "article j1",
        f"error {tmp_path}/b/f.jsonl:2: not valid JSON (Expecting value at column 1)",
        f"error {tmp_path}/binary.txt: binary file, not text (NUL byte at 4)",
        f"error {tmp_path}/empty.txt: empty file",
        f"error {tmp_path}/latin1.txt: not UTF-8 text (byte 0xe9 at 3)",
    ]


def test_sidecar_is_applied_in_walk(tmp_path):
    make_tree(tmp_path)
    (first, *_) = iter_articles([tmp_path])
    assert (first.id, first.title, first.source_file) == ("a", "Piers closed", "a.txt")


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("x.txt", None, "error {p}: no such file or folder"),
    ("x.json", b"{}", "error {p}: not an article file: .json is not one of .txt, .md, .html, "
                      ".htm, .jsonl (NAME.json files are sidecars: give NAME.txt instead)"),
    ("x.docx", b"PK", "error {p}: not an article file: .docx is not one of .txt, .md, .html, "
                      ".htm, .jsonl"),
    ("README", b"text", "error {p}: not an article file: no suffix is not one of .txt, .md, "
                        ".html, .htm, .jsonl"),
    ("x.TXT", BODY.encode(), "article x"),
])
def test_explicit_files(tmp_path, name, data, expected):
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    assert outcome(iter_articles([str(path)])) == [expected.format(p=path)]


def test_inputs_keep_their_order_and_same_named_files_are_told_apart(tmp_path):
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "z.txt").write_text(BODY, encoding="utf-8")
    results = outcome(iter_articles([tmp_path / "z.txt", tmp_path / "two", tmp_path / "one"]))
    assert results == ["article z", "article same", "article one-same"]


@pytest.mark.parametrize(("files", "expected"), [
    (["deskA/report.txt", "deskB/report.txt"],
     [("report", "report.txt"), ("deskB-report", "deskB/report.txt")]),
    (["deskA/report.txt", "deskB/report.md", "deskB/x/report.txt"],
     [("report", "report.txt"), ("deskB-report", "deskB/report.md"), ("x-report", "x/report.txt")]),
    (["a/x/report.txt", "b/x/report.txt", "c/x/report.txt"],
     [("report", "report.txt"), ("x-report", "x/report.txt"), ("c-x-report", "c/x/report.txt")]),
    (["deskA/one.txt", "deskB/two.txt"], [("one", "one.txt"), ("two", "two.txt")]),  # no clash: as before
])
def test_files_sharing_a_stem_get_ids_from_their_folders(tmp_path, files, expected):
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f"Story of {name}\n\nThe pier in {name} closed.", encoding="utf-8")
    articles = list(iter_articles([tmp_path / name for name in files]))
    assert [(a.id, a.source_file) for a in articles] == expected
    assert [a.text for a in articles] == [f"Story of {n}\n\nThe pier in {n} closed." for n in files]


def test_a_repeated_given_id_is_an_error_naming_file_and_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "r1", "text": "One story."}\n\n{"id": "r1", "text": "Another."}\n',
                    encoding="utf-8")
    assert outcome(iter_articles([path])) == [
        "article r1", f'error {path}:3: duplicate article id "r1" (already read from {path}:1)']


def test_crlf_offsets_index_stored_text(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Storm closes piers\r\n\r\nAdvertisement\r\n\r\nThe piers closed.\r\n")
    (article,) = iter_articles([path])
    assert [article.text[s.begin:s.end] for s in article.boilerplate] == [
        "Storm closes piers", "Advertisement"]
    assert "\r" in article.text


@pytest.mark.parametrize(("name", "problem"), [
    ("x.jsonl", "several articles per file"),
    ("x.csv", "not an article file"),
])
def test_read_article_rejects(tmp_path, name, problem):
    path = tmp_path / name
    path.write_text("id,text\n", encoding="utf-8")
    with pytest.raises(InputError, match=problem):
        read_article(path)


def test_read_article_folder_named_like_a_file(tmp_path):
    path = tmp_path / "folder.txt"
    path.mkdir()
    with pytest.raises(InputError, match="is a folder"):
        read_article(path)


def test_detect_boilerplate_is_exported():
    assert detect_boilerplate("Body.\n\nAdvertisement\n") == [Span(7, 20)]


@pytest.mark.parametrize("module", INGEST_MODULES)
def test_doctests(module):
    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0
