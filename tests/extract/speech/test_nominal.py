"""Tests of graph.extract.speech.nominal: nouns that report what their possessor said."""

from __future__ import annotations

import pytest

from tests.extract.speech.cast import run


@pytest.mark.parametrize(("text", "cue", "content", "speaker"), [
    ("Lena Vogt's claim that the pumps had failed surprised the council.", "claim",
     "the pumps had failed", "Lena Vogt"),
    ("The council ignored Tomas Berg's criticism of the new toll.", "criticism",
     "the new toll", "Tomas Berg"),
    ("Maria Okonkwo repeated her call for new elections in Rivertown.", "call",
     "new elections in Rivertown", "Maria Okonkwo"),
    ("The warning from Tomas Berg that the dam could break went unheard.", "warning",
     "the dam could break", "Tomas Berg"),
    ("Lena Vogt's decision to close the pier angered the fishermen.", "decision",
     "to close the pier", "Lena Vogt"),
    ("The council read Tomas Berg's response to the criticism.", "response",
     "the criticism", "Tomas Berg"),
    ("Maria Okonkwo's proposal for a new toll split the council.", "proposal",
     "a new toll", "Maria Okonkwo"),
])
def test_nominal_cues(nlp, text, cue, content, speaker):
    rows, _, _ = run(nlp, text)
    assert (cue, content, speaker) in [(r[2], r[3], r[1]) for r in rows]


@pytest.mark.parametrize("text", [
    # a name it is addressed to is no content
    "Lena Vogt's advice to the Queen was wrong.",
    "The criticism of the new toll grew louder in Rivertown.",
    "Lena Vogt's statement released on Monday ran to four pages.",
])
def test_nominal_cues_need_a_speaker_and_a_content(nlp, text):
    rows, _, _ = run(nlp, text)
    assert rows == []
