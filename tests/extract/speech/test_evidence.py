"""Tests of graph.extract.speech.evidence: "in a poll" attributes its clause to the poll,
"reportedly" to unnamed sources."""

from __future__ import annotations

import pytest

from tests.extract.speech.cast import run


@pytest.mark.parametrize(("text", "content", "speaker"), [
    ("In a new poll, Lena Vogt leads Tomas Berg by six points.",
     "Lena Vogt leads Tomas Berg by six points", "a new poll"),
    ("Lena Vogt leads Tomas Berg by six points in two recent surveys.",
     "Lena Vogt leads Tomas Berg by six points", "two recent surveys"),
    ("Lena Vogt has a wide lead in the polls ahead of the vote in Rivertown.",
     "Lena Vogt has a wide lead in the polls ahead of the vote in Rivertown", "the polls"),
])
def test_evidence_phrases(nlp, text, content, speaker):
    rows, _, _ = run(nlp, text)
    assert ("in", content, speaker) in [(r[2], r[3], r[1]) for r in rows]


@pytest.mark.parametrize("text", [
    "Lena Vogt spoke in a hall near the harbour of Rivertown.",
    "In a poll released on Monday, most fishermen said the toll was too high.",
    "As Lena Vogt rises in the polls, the council grows nervous about the toll.",
    "Lena Vogt said: “We lead in every poll since the spring of last year.”",
])
def test_no_evidence_phrase(nlp, text):
    rows, _, _ = run(nlp, text)
    assert "in" not in [r[2] for r in rows]


@pytest.mark.parametrize(("text", "rows"), [
    # a hearsay adverb attributes its clause to sources the text does not name: unnamed ones
    ("The council has reportedly dropped the plan for a second pier.",
     [("reportedly", "The council has reportedly dropped the plan for a second pier",
       "unidentified sources")]),
    # ... never a clause whose verb reports by itself, nor one inside a quote
    ("Tomas Berg reportedly told the council that the toll would rise.",
     [("tell", "that the toll would rise", "Tomas Berg")]),
    ("Lena Vogt said: “The council has reportedly dropped the plan for a second pier.”",
     [("say", "“The council has reportedly dropped the plan for a second pier.”", "Lena Vogt")]),
])
def test_hearsay_adverbs(nlp, text, rows):
    found, _, _ = run(nlp, text)
    assert [(r[2], r[3], r[1]) for r in found] == rows
