"""Tests of graph.ingest.decode: bytes to text, with plain-words errors."""

from __future__ import annotations

import pytest

from graph.errors import InputError
from graph.ingest.decode import decode, read_text


@pytest.mark.parametrize(("data", "text"), [
    (b"plain", "plain"),
    (b"\xef\xbb\xbfwith BOM", "with BOM"),
    ("caf\u00e9 \u2013 \u201cquoted\u201d".encode(), "caf\u00e9 \u2013 \u201cquoted\u201d"),
    (b"line\r\nline", "line\r\nline"),
])
def test_decode(data, text):
    assert decode(data, "x.txt") == text


@pytest.mark.parametrize(("data", "problem"), [
    (b"", "empty file"),
    (b" \n\t\n", "no text (only whitespace)"),
    (b"\xef\xbb\xbf\n", "no text (only whitespace)"),
    (b"abc\x00def", "binary file, not text (NUL byte at 3)"),
    (b"caf\xe9 au lait", "not UTF-8 text (byte 0xe9 at 3)"),
    ("text".encode("utf-16"), "not UTF-8 text (it is UTF-16; save it as UTF-8)"),
])
def test_decode_errors(data, problem):
    with pytest.raises(InputError) as caught:
        decode(data, "x.txt")
    assert str(caught.value) == f"x.txt: {problem}"


@pytest.mark.parametrize(("make", "problem"), [
    (lambda p: None, "no such file"),
    (lambda p: p.mkdir(), "is a folder, not a file"),
])
def test_read_text_errors(tmp_path, make, problem):
    path = tmp_path / "x.txt"
    make(path)
    with pytest.raises(InputError, match=problem):
        read_text(path)
