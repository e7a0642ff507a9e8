"""Tests of graph.extract.speech.cues: which tokens start a cue of the lexicon."""

from __future__ import annotations

import pytest

from graph.extract.speech.cues import match_cue
from graph.lexicon import lexicon


@pytest.mark.parametrize(("text", "index", "phrase"), [
    ("She called on them to stop.", 1, "call on"),
    ("She called them twice.", 1, "call"),
    ("She walked home twice.", 1, None),
    ("He pointed out the flaw.", 1, "point out"),
    ("He pointed at the map.", 1, None),
    ("According to her, it failed.", 0, "according to"),
    ("The report said so.", 2, "say"),
    ("She hopes to win.", 1, "hope"),
    ("She was hoping to win.", 2, "hope"),
    ("He hoped for rain.", 1, "hope"),
])
def test_match_cue(nlp, text, index, phrase):
    found = match_cue(nlp(text)[index], lexicon().speech.cues)
    assert (found[0].phrase if found else None) == phrase

