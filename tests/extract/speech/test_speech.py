"""Tests of graph.extract.speech.find_speech: the whole stage on odd input, and its contract."""

from __future__ import annotations

import copy

import pytest

from graph.extract.speech import find_speech
from tests.extract.speech.cast import actors_of, run


@pytest.mark.parametrize("text", [
    "Lena Vogt said: “We will appeal the ruling.\n\nThe court adjourned until May.",
    "“”“”\n\n“ ” said Vogt.",
    "We will appeal,” she said. “And win",
    "\"\"\" \" \"\n\n” “",
    "",
    "   \n\n   ",
    "Lena Vogt said.",
    # "according to" inside a list: its content tokens come out of order.
    "Vebrika's state of emergency appears to allow him to pull funding for the border wall from "
    "other places: potentially, according to Al Ilzanor, US$3.6 billion from a Orilorka construction "
    "budget, $2.5 billion from anti-drug programs, and $610 million from a forfeiture fund within "
    "the U.S. Kazannedal Department.",
])
def test_odd_marks_never_raise(nlp, text):
    rows, _, statements = run(nlp, text)
    for s in statements:
        assert text[s.span.begin:s.span.end] == s.text
        assert s.text.strip()



@pytest.mark.parametrize(("text", "sources"), [
    ("A port official said the cranes were broken. The police said two men were arrested.",
     [("s0", "UnnamedSource", "A port official"), ("s1", "Organization", "police")]),
    ("Officials said the cranes were broken. Officials said the gate was open.",
     [("s0", "UnnamedSource", "Officials")]),
    ("Maria Okonkwo said the cranes were broken.", []),
])
def test_minted_sources_are_returned_not_added(nlp, text, sources):
    actors = actors_of(text)
    before = copy.deepcopy(actors)
    speech = find_speech(nlp(text), actors)
    assert [(e.key, e.kind, e.name) for e in speech.sources] == sources
    assert actors == before


def test_statements_in_text_order(nlp):
    text = ("Tomas Berg said the pumps had failed twice. “We need new ones,” he added. "
            "Maria Okonkwo warned that the levee was weak.")
    statements = find_speech(nlp(text), actors_of(text)).statements
    assert [s.span.begin for s in statements] == sorted(s.span.begin for s in statements)
    assert [s.kind for s in statements] == ["indirect", "direct", "indirect"]


@pytest.mark.parametrize(("text", "cue"), [
    # an agentless passive cue and a reporting verb over one content: the one with a speaker
    ("Eleven people are confirmed dead, the mayor told reporters on Sunday.", "tell"),
    ("Nine ferries were reported missing, the coast guard told the radio.", "tell"),
])
def test_one_statement_per_span(nlp, text, cue):
    _, _, statements = run(nlp, text)
    spans = [(s.span.begin, s.span.end) for s in statements]
    assert len(spans) == len(set(spans)) and spans
    assert statements[0].cue == cue and statements[0].speaker is not None


@pytest.mark.parametrize(("text", "contents"), [
    # what the speaker says she wants is a part of what she said, not a second statement
    ("Ana Ruiz said she wants the pier rebuilt by June.",
     ["she wants the pier rebuilt by June"]),
    ("Tomas Berg told reporters that he supports the new toll.",
     ["that he supports the new toll"]),
    # another speaker's assertion inside the content stays a statement of its own
    ("Ana Ruiz said Tomas Berg claims the pier is unsafe.",
     ["Tomas Berg claims the pier is unsafe", "the pier is unsafe"]),
    # another speaker's stance inside an assertion is a part of what is asserted
    ("Ana Ruiz said the fishermen want the pier rebuilt by June.",
     ["the fishermen want the pier rebuilt by June"]),
    ("Tomas Berg told reporters that the council supports the new toll.",
     ["that the council supports the new toll"]),
])
def test_a_nested_statement_that_is_part_of_the_outer_one_goes(nlp, text, contents):
    rows, _, _ = run(nlp, text)
    assert [r[3] for r in rows] == contents
