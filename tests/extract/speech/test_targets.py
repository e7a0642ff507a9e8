"""Tests of graph.extract.speech.targets: what a statement is about."""

from __future__ import annotations

import pytest

from tests.extract.speech.cast import find, run


@pytest.mark.parametrize(("text", "content", "about", "not_about"), [
    ("Maria Okonkwo said the Harbour Authority had ignored warnings from Lakeside.",
     "the Harbour Authority had ignored", {"Harbour Authority", "Lakeside"}, {"Maria Okonkwo"}),
    ("Tomas Berg said he would resign from the board next week.",
     "he would resign", {"Tomas Berg"}, set()),
    ("“I will resign from the board next week,” Tomas Berg said.",
     "I will resign", {"Tomas Berg"}, set()),
    ("Lena Vogt criticised Tomas Berg for delaying the repairs.",
     "Tomas Berg for delaying", {"Tomas Berg"}, {"Lena Vogt"}),
    ("Lena Vogt criticised Rivertown district officials for the delays.",
     "district officials for the delays", {"Rivertown district officials"}, set()),
    ("Ana Ruiz said Tomas Berg and his team had done well.",
     "Tomas Berg and his team", {"Tomas Berg"}, {"Ana Ruiz"}),
    ("The Coastal Police patrolled Rivertown. Ana Ruiz said the coastal police had done "
     "well.", "the coastal police had done well", {"Coastal Police"}, set()),
    ("Tomas Berg flew to Rivertown on Monday. He said the city had run out of water.",
     "the city had run out of water", {"Rivertown"}, set()),
])
def test_about(nlp, text, content, about, not_about):
    rows, _, _ = run(nlp, text)
    row = find(rows, content)
    assert about <= set(row[4])
    assert not (not_about & set(row[4]))

