"""Tests of graph.extract.speech.colons: speaker labels opening a paragraph."""

from __future__ import annotations

import pytest

from tests.extract.speech.cast import find, run


@pytest.mark.parametrize(("text", "content", "speaker", "kind"), [
    ("Okonkwo: Levee Will Hold Until Spring\n\nMaria Okonkwo spoke in Lakeside on Friday.",
     "Levee Will Hold Until Spring", "Maria Okonkwo", "indirect"),
    ("Poll: most fishermen want a second pier\n\nThe harbour is busy.",
     "most fishermen want a second pier", "Poll", "indirect"),
    ("Tomas Berg spoke to the host on Friday.\n\nBERG: We will rebuild every house in "
     "Rivertown.\n\nHe left soon after.", "We will rebuild every house", "Tomas Berg", "indirect"),
    # an interview's question label: the interviewer, the article's writer, asks
    ("Tomas Berg spoke to the host on Friday.\n\nQ: The toll on the bridge has doubled in a "
     "year.\n\nBERG: We will rebuild every house in Rivertown.\n\nQ: The ferry still runs late "
     "every day.", "The toll on the bridge", "the writer", "indirect"),
    ("Maria Okonkwo spoke on Friday.\n\nMaria Okonkwo: “The levee will hold until spring.”",
     "The levee will hold until spring.", "Maria Okonkwo", "direct"),
    # a headline label ends before its topic or a reporting verb: the words before it speak
    ("Okonkwo On Berg: Levee Will Hold Until Spring\n\nMaria Okonkwo spoke in Lakeside.",
     "Levee Will Hold Until Spring", "Maria Okonkwo", "indirect"),
    ("Okonkwo to Berg: the levee will hold until spring\n\nMaria Okonkwo spoke in Lakeside.",
     "the levee will hold until spring", "Maria Okonkwo", "indirect"),
    ("Okonkwo Backs Berg: Levee Will Hold Until Spring\n\nMaria Okonkwo spoke in Lakeside.",
     "Levee Will Hold Until Spring", "Maria Okonkwo", "indirect"),
    ("Maria Okonkwo Endorses Tomas Berg: I Am ‘Worried’ By Omar Haddad\n\nMaria Okonkwo spoke "
     "in Lakeside.", "I Am ‘Worried’ By Omar Haddad", "Maria Okonkwo", "indirect"),
    ("Harbour Authority Backs Tomas Berg: Levee Will Hold Until Spring\n\nThe Harbour "
     "Authority spoke in Lakeside.", "Levee Will Hold Until Spring", "Harbour Authority", "indirect"),
])
def test_speaker_labels(nlp, text, content, speaker, kind):
    rows, _, _ = run(nlp, text)
    row = find(rows, content)
    assert (row[0], row[1]) == (kind, speaker)


@pytest.mark.parametrize("text", [
    "11:40 a.m.: The ferry left the harbour of Rivertown late.",
    "Update: the ferry left the harbour of Rivertown late.",
    "Lakeside: Maria Okonkwo, Tomas Berg, Ana Ruiz, Omar Haddad.",
    "Note: the harbour closes at noon.",
])
def test_no_label(nlp, text):
    rows, _, _ = run(nlp, text)
    assert rows == []
