"""Tests of the paragraph component of graph.nlp: every line starts a sentence."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "first_words"), [
    # a caption without a full stop does not run on into the next paragraph
    ("The mayor of Rivertown, Tomas Berg\n\nLena Vogt, the head of the police, said it was safe.",
     ["The", "Lena"]),
    ("Pier closed in Lakeside\nThe Harbour Authority closed the pier on Monday.",
     ["Pier", "The"]),
    # a sentence within one line is the parser's to split
    ("The pier closed. The harbour stayed open.", ["The", "The"]),
])
def test_each_line_starts_a_sentence(nlp, text, first_words):
    starts = [s[0].text for s in nlp(text).sents if not s[0].is_space]
    assert starts == first_words
