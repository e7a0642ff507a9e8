"""Tests of graph.ingest.decode: bytes to text, with plain-words errors."""

from __future__ import annotations

import pytest

from graph.errors import InputError
from graph.ingest.decode import clean, decode, read_text


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


@pytest.mark.parametrize(("text", "expected"), [
    ("bell\x07 and null\x00 here", "bell  and null  here"),          # C0 controls: a space each
    ("tab\tline\nreturn\r kept", "tab\tline\nreturn\r kept"),        # the usual ones stay
    ("form\x0cfeed\x0bvtab\x1f", "form feed vtab "),
    ("lone \ud800 half", "lone \ufffd half"),
    ("not a char \uffff", "not a char \ufffd"),
    ("plain caf\u00e9 \u2013 \U0001f600", "plain caf\u00e9 \u2013 \U0001f600"),
])
def test_clean_replaces_what_cannot_be_stored_one_for_one(text, expected):
    assert clean(text) == expected and len(clean(text)) == len(text)


@pytest.mark.parametrize(("data", "problem"), [
    ("Pier shuts\n\nThe pier shut on Monday.".encode("utf-16-le"), "it is UTF-16"),
    ("Pier shuts\n\nThe pier shut on Monday.".encode("utf-16-be"), "it is UTF-16"),
    ("Pier shuts".encode("utf-16"), "it is UTF-16"),                   # with a byte-order mark
    (b"Pier\x00shuts on Monday", "binary file"),
])
def test_utf16_without_a_byte_order_mark_is_named(data, problem):
    with pytest.raises(InputError, match=problem):
        decode(data, "x.txt")
