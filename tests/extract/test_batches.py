"""Batches of articles for nlp.pipe and the workers (graph.extract.batches, graph.extract.parse)."""

from __future__ import annotations

import pytest

from graph.errors import InputError
from graph.extract import batches, parse
from graph.records import Article


def _article(n: int, chars: int) -> Article:
    return Article(f"a{n}", f"a{n}.txt", "x" * chars)


@pytest.mark.parametrize(("lengths", "size", "chars", "expected"), [
    ([10] * 5, 2, 100, [2, 2, 1]),                 # by count
    ([40, 40, 40, 10], 16, 100, [2, 2]),           # by characters
    ([10, 500, 10, 10], 16, 100, [1, 1, 2]),       # a long article alone
    ([500], 16, 100, [1]),
    ([], 16, 100, []),
])
def test_batches_hold_at_most_size_articles_and_chars_characters(lengths, size, chars, expected):
    articles = [_article(n, k) for n, k in enumerate(lengths)]
    out = list(batches(articles, size, chars))
    assert [len(b) for b in out] == expected
    assert [a for b in out for a in b] == articles  # in order, none lost


def test_input_errors_count_no_characters():
    items = [_article(0, 90), InputError("bad.txt", "not UTF-8"), _article(1, 5)]
    assert [len(b) for b in batches(items, 16, 100)] == [3]


def test_parse_keeps_each_article_with_its_doc_across_batches(nlp):
    articles = [Article(f"a{n}", f"a{n}.txt", f"Story number {n} is here.") for n in range(5)]
    pairs = list(parse(articles, nlp, batch_size=2))
    assert [a.id for a, _ in pairs] == [a.id for a in articles]
    assert all(doc.text == article.masked_text() for article, doc in pairs)
