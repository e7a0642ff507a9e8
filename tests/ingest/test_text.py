"""Tests of graph.ingest.text: .txt and .md articles and their sidecars."""

from __future__ import annotations

import json

import pytest

from graph.errors import InputError
from graph.ingest.text import read_plain, read_sidecar
from graph.records import Span

BODY = "The harbour authority closed two piers on Tuesday after a storm damaged them.\n"


def span_text(article, span: Span | None) -> str | None:
    """The text a span covers."""
    return None if span is None else article.text[span.begin:span.end]


@pytest.mark.parametrize(("name", "content", "title"), [
    ("a.txt", "Storm closes two piers\n\n" + BODY, "Storm closes two piers"),
    ("a.txt", "Storm closes two piers\n" + BODY, "Storm closes two piers"),
    ("a.txt", "Advertisement\n\npromo promo promo\n\nStorm closes two piers\n\n" + BODY,
     "Storm closes two piers"),
    ("a.txt", BODY + "\nMore follows here.\n", None),
    ("a.txt", "Storm closes two piers\n", None),
    ("a.txt", "World\n\nAsia Pacific\n\nStorm closes two piers\n\n" + BODY,
     "Storm closes two piers"),
    ("a.txt", "Exclusive\n\n" + BODY + "\nMore follows here.\n", None),
    ("a.txt", "Pier closes\n\n" + BODY, "Pier closes"),
    ("a.txt", "Exclusive\n\nPier closes\n\n" + BODY, "Pier closes"),
    ("a.md", "Opinion\n\n# Storm closes two piers\n\n" + BODY, "Storm closes two piers"),
    ("a.txt", "Here is what we know:\n\n" + BODY, None),
    ("a.txt", "  Storm closes two piers  \r\n\r\n" + BODY.replace("\n", "\r\n"),
     "Storm closes two piers"),
    ("a.md", "# Storm closes two piers\n\n" + BODY, "Storm closes two piers"),
    ("a.md", "# Storm closes two piers #\n\n" + BODY, "Storm closes two piers"),
    ("a.md", "Storm closes two piers\n\n" + BODY, "Storm closes two piers"),
    ("a.md", "## Background\n\n" + BODY, None),
    ("a.txt", ("Storm closes two piers as the harbour authority weighs the cost of repairs "
               "against the loss of trade for the fishing fleet and its many workers\n\n"
               "Tuesday, March 5, 2024\n\n" + BODY),
     "Storm closes two piers as the harbour authority weighs the cost of repairs against the "
     "loss of trade for the fishing fleet and its many workers"),
])
def test_title(tmp_path, name, content, title):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8", newline="")
    article = read_plain(path)
    assert article.title == title
    if title is not None:
        assert span_text(article, article.title_span) == title.strip("# ")
        assert article.title_span in article.boilerplate


def test_text_is_file_content_and_ids(tmp_path):
    content = "Storm closes two piers\r\n\r\n" + BODY
    path = tmp_path / "2024-03-05 Piers.txt"
    path.write_bytes(content.encode("utf-8"))
    article = read_plain(path)
    assert (article.id, article.source_file, article.text) == (
        "2024-03-05 Piers", "2024-03-05 Piers.txt", content)


def test_bom_is_stripped_and_offsets_index_stored_text(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfStorm closes two piers\n\nAdvertisement\n\n" + BODY.encode())
    article = read_plain(path)
    assert not article.text.startswith("\ufeff")
    assert [span_text(article, s) for s in article.boilerplate] == [
        "Storm closes two piers", "Advertisement"]


def test_kickers_are_boilerplate_with_the_headline(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("World\n\nStorm closes piers\n\n" + BODY, encoding="utf-8")
    article = read_plain(path)
    assert [span_text(article, s) for s in article.boilerplate] == ["World", "Storm closes piers"]


def test_markdown_heading_markup_is_boilerplate(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("# Storm closes piers\n\n" + BODY, encoding="utf-8")
    article = read_plain(path)
    assert [span_text(article, s) for s in article.boilerplate] == ["# ", "Storm closes piers"]


@pytest.mark.parametrize(("content", "date", "inferred"), [
    ("Storm closes piers\n\nTuesday, March 5, 2024\n\n" + BODY, "2024-03-05", True),
    ("PORT LOUIS, March 5, 2024 (Reuters) - " + BODY, "2024-03-05", True),
    ("PORT LOUIS, March 5 (Reuters) - " + BODY, None, False),
    ("Storm closes piers\n\n" + BODY, None, False),
    ("".join(f"Paragraph {i} is here.\n\n" for i in range(10)) + "March 5, 2024\n", None, False),
])
def test_dateline(tmp_path, content, date, inferred):
    path = tmp_path / "a.txt"
    path.write_text(content, encoding="utf-8")
    article = read_plain(path)
    assert (article.date, article.date_inferred) == (date, inferred)


def test_byline_sets_author_and_publisher(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Storm closes piers\n\nAna Lima / Harbour Daily Share:\n\n" + BODY,
                    encoding="utf-8")
    article = read_plain(path)
    assert (article.title, article.author, article.publisher) == (
        "Storm closes piers", "Ana Lima", "Harbour Daily")


def test_sidecar_overrides(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Storm closes piers\n\nBy Ana Lima\n\nTuesday, March 5, 2024\n\n" + BODY,
        encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({
        "id": "piers-2024", "title": "Two piers closed", "date": "2024-03-06T08:00:00Z",
        "url": "https://example.org/piers", "source": "Harbour Daily", "author": "Tom Roe",
        "extra": [1, 2]}), encoding="utf-8")
    article = read_plain(tmp_path / "a.txt")
    assert (article.id, article.source_file, article.title, article.date,
            article.date_inferred, article.url, article.publisher, article.author) == (
        "piers-2024", "a.txt", "Two piers closed", "2024-03-06", False,
        "https://example.org/piers", "Harbour Daily", "Tom Roe")
    assert span_text(article, article.title_span) == "Storm closes piers"


def test_sidecar_with_bad_date_falls_back_to_dateline(tmp_path):
    (tmp_path / "a.txt").write_text("Storm closes piers\n\nMarch 5, 2024\n\n" + BODY,
                                    encoding="utf-8")
    (tmp_path / "a.json").write_text('{"date": "sometime soon"}', encoding="utf-8")
    article = read_plain(tmp_path / "a.txt")
    assert (article.date, article.date_inferred) == ("2024-03-05", True)


@pytest.mark.parametrize(("content", "problem"), [
    ("{not json", "not valid JSON"),
    ("[1, 2]", "expected a JSON object, got a list"),
    ('{"title": 5}', 'field "title" must be a string, got a number'),
    ("", "empty file"),
])
def test_malformed_sidecar(tmp_path, content, problem):
    (tmp_path / "a.json").write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=problem) as caught:
        read_sidecar(tmp_path / "a.json")
    assert caught.value.source == str(tmp_path / "a.json")


def test_missing_sidecar_is_empty_metadata(tmp_path):
    assert read_sidecar(tmp_path / "none.json").title is None


@pytest.mark.parametrize(("content", "sidecar", "expected"), [
    ("---\ntitle: Piers close\ndate: 2024-03-05\nauthor: 'Ana Lima'\ntags: [a, b]\n---\n\n"
     "The piers closed on Tuesday.\n\nMore text.\n", None,
     ("Piers close", "2024-03-05", "Ana Lima", None)),
    ("---\r\ntitle: Piers close\r\n---\r\n# Storm closes piers\r\n\r\nText.\r\n",
     '{"author": "Tom Roe"}', ("Piers close", None, "Tom Roe", "Storm closes piers")),
    ("---\n\nSome text after a rule.\n\nMore text.\n", None, (None, None, None, None)),
])
def test_markdown_front_matter(tmp_path, content, sidecar, expected):
    path = tmp_path / "a.md"
    path.write_bytes(content.encode())
    if sidecar:
        (tmp_path / "a.json").write_text(sidecar, encoding="utf-8")
    article = read_plain(path)
    assert (article.title, article.date, article.author,
            span_text(article, article.title_span)) == expected
    if content.startswith("---\n") and expected[0]:
        assert article.boilerplate[0] == Span(0, content.index("---", 3) + 4)


@pytest.mark.parametrize(("data", "title"), [
    (b"Ferry resumes\rThe ferry resumed on Friday. Crews cheered.\r", "Ferry resumes"),   # CR only
    (b"Ferry resumes\r\rThe ferry resumed on Friday.\r", "Ferry resumes"),
    (b"Ferry resumes\r\nThe ferry resumed on Friday.\r\n", "Ferry resumes"),             # CRLF
    (b"\xef\xbb\xbfFerry resumes\n\nThe ferry resumed on Friday.\n", "Ferry resumes"),   # UTF-8 BOM
])
def test_line_ends_and_a_byte_order_mark_keep_the_headline_and_offsets(tmp_path, data, title):
    path = tmp_path / "ferry.txt"
    path.write_bytes(data)
    article = read_plain(path)
    assert article.title == title
    assert not article.text.startswith("\ufeff")  # offsets index the text after a BOM
    assert article.text[article.title_span.begin:article.title_span.end] == title
