"""Tests of graph.extract.speech.cues: which tokens start a cue of the lexicon."""

from __future__ import annotations

import pytest

from graph.extract.speech.cues import asks_unnamed, in_question, match_cue, misread_perfect
from graph.lexicon import lexicon
from tests.extract.speech.cast import find, run


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



@pytest.mark.parametrize(("text", "cue", "act", "content"), [
    ("Lena Vogt shared her doubts about the new toll.", "share", "assert",
     "her doubts about the new toll"),
    ("Tomas Berg weighed in on the plan to close the pier.", "weigh in", "assert",
     "the plan to close the pier"),
    ("Lena Vogt challenged the figures of the harbour office.", "challenge", "criticise",
     "the figures of the harbour office"),
    ("Tomas Berg lashed out at the council over the new toll.", "lash out", "criticise",
     "the new toll"),
    ("Lena Vogt congratulated the rescue teams on their work.", "congratulate", "praise",
     "the rescue teams on their work"),
    ("Tomas Berg accepted the offer of the harbour office.", "accept", "support",
     "the offer of the harbour office"),
    ("Lena Vogt ruled out a new toll on the bridge.", "rule out", "deny",
     "a new toll on the bridge"),
    ("Tomas Berg learned that the pumps had failed twice.", "learn", "believe",
     "the pumps had failed twice"),
    ("Lena Vogt is looking to rebuild the old pier next spring.", "look", "intend",
     "rebuild the old pier next spring"),
    ("Tomas Berg offered to pay for the new pumps himself.", "offer", "promise",
     "pay for the new pumps himself"),
    ("Lena Vogt pressed the council to lower the toll.", "press", "order",
     "the council to lower the toll"),
    ("Tomas Berg compared the new toll to a tax on the poor.", "compare", "characterise",
     "the new toll to a tax on the poor"),
    ("A new harbour survey shows strong support for a second pier.", "show", "assert",
     "strong support for a second pier"),
])
def test_cue_classes_of_the_second_pass(nlp, text, cue, act, content):
    rows, _, statements = run(nlp, text)
    row = find(rows, content)
    assert (row[2], statements[rows.index(row)].speech_act) == (cue, act)


@pytest.mark.parametrize(("text", "index", "expected"), [
    ("Asked whether the dam would hold, she said no.", 0, True),
    ("Asked about the toll, he praised the council.", 0, True),
    ("Known for his temper, he left the meeting early.", 0, False),
    ("She asked whether the dam would hold.", 1, False),
    # after the main verb, also where the parser tags the participle a past tense
    ("She said no when asked about the toll.", 4, True),
    ("“It has been too long,” Berg said, asked about the delay in an interview.", 11, True),
    ("Okonkwo, when asked about the pier, said it was safe.", 3, True),
    # the question's word first in the text, whatever the parser hung it on
    ("Asked what a firm plan looks like, she said she would wait.", 0, True),
    ("Okonkwo, when asked specifically what about the plan is wrong, said it costs too much.", 3,
     True),
    # who asked is named; a past tense after a comma that asks nothing
    ("Asked by Roe whether the dam would hold, she said no.", 0, False),
    ("The pier came up when Roe spoke about the toll, referred to the dam and left.", 11, False),
])
def test_asks_unnamed(nlp, text, index, expected):
    assert asks_unnamed(nlp(text)[index]) is expected


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("She was asked what he thought of the plan.", "thought", True),
    ("She was asked if he believed the plan would work.", "believed", True),
    ("She was pressed on why the mayor claimed it.", "claimed", True),
    # a question no verb of asking puts, a condition, a clause of time
    ("She knows what he thought of the plan.", "thought", False),
    ("If he believed it, why did she ask?", "believed", False),
    ("She wondered what he meant when he said it.", "said", False),
])
def test_in_question(nlp, text, word, expected):
    doc = nlp(text)
    verb = next(t for t in doc if t.text == word)
    assert in_question(verb, frozenset({"ask", "press", "wonder"})) is expected


@pytest.mark.parametrize("text", [
    "Tomas Berg was listed in critical condition at the Rivertown hospital.",
    "The old pier was offered to the Harbour Authority for one dollar.",
    "The new plan is aimed at cutting the toll on the bridge.",
    "The Harbour Party is assured of a majority on the council.",
])
def test_active_only_cues_report_nothing_in_the_passive(nlp, text):
    rows, _, _ = run(nlp, text)
    assert rows == []


def test_active_only_cue_still_reports_in_the_active(nlp):
    rows, _, _ = run(nlp, "Ana Ruiz assured the fishermen that the pier is safe.")
    assert [(r[1], r[2], r[3]) for r in rows] == [("Ana Ruiz", "assure", "that the pier is safe")]


@pytest.mark.parametrize(("text", "statements"), [
    # a cue after "that" or "this" that opens its sentence before a comma is a discourse marker
    ("Ann Okafor praised the plan. That said, the plan will cost more than expected.", 1),
    ("Ann Okafor praised the plan. This being said, the plan will cost more than expected.", 1),
    ("Ann Okafor praised the plan. “Fine.” That said, the plan will cost more than expected.", 2),
    # ... not a cue whose subject "that" takes a content of its own
    ("Ann Okafor praised the plan. That said a lot about the mayor, critics said.", 2),
])
def test_discourse_markers_are_no_attributions(nlp, text, statements):
    rows, _, _ = run(nlp, text)
    assert len(rows) == statements


@pytest.mark.parametrize(("text", "word", "expected"), [
    # "'s" before a participle with a clause, an object or a particle is "has"
    ("He's said he will fight on.", "said", True),
    ("She’s predicted a close vote in the harbour race.", "predicted", True),
    ("He’s spoken out against the toll.", "spoken", True),
    # ... with an infinitive or "as", it is the "is" of a passive
    ("He's said to be in hospital.", "said", False),
    ("She’s expected to win the vote.", "expected", False),
    ("He’s seen as a moderate.", "seen", False),
    ("He has predicted a close vote.", "predicted", False),
])
def test_misread_perfect(nlp, text, word, expected):
    doc = nlp(text)
    assert misread_perfect(next(t for t in doc if t.text == word)) is expected
