"""Texts parsed in pieces (graph.extract.pieces): where they are cut, and that offsets hold."""

from __future__ import annotations

import pytest

from graph.extract import extract, parse
from graph.extract.pieces import MAX_RUN, MAX_STRETCH, cuts
from graph.records import Article

PARAGRAPH = "The harbour master said the new pier would open in May. "


@pytest.mark.parametrize(("text", "limit", "piece", "expected"), [
    ("A short text. It needs no cut.", 1000, 10, []),              # within the limit: whole
    ("one two three four", 9, 100, [8, 14]),                       # at spaces
    ("one two three four", 15, 9, [8, 14]),                        # over the limit: in pieces
    ("aaaa bbbb\ncccc\n\ndddd eeee", 18, 18, [16]),                 # a paragraph break first
    ("x" * 25, 10, 10, [10, 20]),                                  # no space: hard cuts
    ('"' * (3 * MAX_RUN + 5), 10**6, 10**6, [MAX_RUN, 2 * MAX_RUN, 3 * MAX_RUN]),  # a run of marks
])
def test_cuts_keep_pieces_within_the_limit(text, limit, piece, expected):
    assert cuts(text, limit, piece) == expected


@pytest.mark.parametrize(("text", "pieces"), [
    ("word " * (MAX_STRETCH // 5 * 3), 3),                         # one endless sentence
    (("word " * 100 + ". ") * 100, 1),                             # many ordinary sentences
    ("word\n" * MAX_STRETCH, 1),                                   # many short lines
])
def test_an_endless_sentence_is_cut_but_ordinary_text_is_not(text, pieces):
    assert len(cuts(text, 10**6)) + 1 == pieces


@pytest.mark.parametrize("paragraphs", [12, 30])
def test_a_text_over_max_length_is_parsed_in_pieces_with_offsets_kept(nlp, monkeypatch, paragraphs):
    text = "Pier plans\n\n" + "\n\n".join(f'{PARAGRAPH}"We will finish pier {n} soon," said Ana Rios.'
                                        for n in range(paragraphs))
    monkeypatch.setattr(nlp, "max_length", 500)
    article = Article("long", "long.txt", text)
    [(_, doc)] = list(parse([article], nlp))
    record = extract(article, doc)
    assert doc.text == article.masked_text()
    assert len(record.statements) >= paragraphs
    for statement in record.statements:
        assert text[statement.span.begin:statement.span.end] == statement.text
