"""Tests for graph.extract.actors.candidates, on invented sentences run through the real model."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from graph.extract.actors import find_actors
from graph.extract.actors.candidates import (Candidate, _acronym_after, _headline_trimmed, _joined_people,
                                             _owner_named, dateline_outlet, dateline_place, find_candidates,
                                             fragment_trimmed, person_shaped, strip_person_prefix, trim)


def _find(nlp, text: str):
    doc = nlp(text)
    return doc, find_candidates(doc, doc.text, tuple(doc.ents))


@pytest.mark.parametrize(
    ("text", "org", "label"),
    [
        # a title modifier opening the phrase is left out ("Municipal")
        ("The case was sent to the Municipal Court of Oldbridge last week.",
         "Court of Oldbridge", ""),
        ("Officers from the Coastal Guard Network for Marine Safety patrolled the bay.",
         "Coastal Guard Network for Marine Safety", ""),
        ("The Finance Ministry said the rules start in May.", "Finance Ministry", "MINISTRY"),
        ("A spokesman for the Ministry of the Interior declined to comment.",
         "Ministry of the Interior", ""),
        # ... unless only the head would be left: the words are the name's own
        ("The report was backed by the unions, and Public Rights Forum.", "Public Rights Forum", ""),
    ],
)
def test_organisation_phrases(nlp, text, org, label):
    doc, cands = _find(nlp, text)
    found = {(doc[c.start:c.end].text, c.label) for c in cands.orgs}
    assert (org, label) in found
    assert all(c.kind == "Organization" for c in cands.orgs)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Mr. Tomas Berg met reporters in the afternoon.", "Tomas Berg"),
        ("Lt. Gen. Dara Venn inspected the troops.", "Dara Venn"),
        ("Secretary of State Ann Holloway said the talks had failed.", "Ann Holloway"),
        ("Minister of Foreign Affairs Chan Dara met the envoy.", "Chan Dara"),
        ("Reporters asked the Port Authority's director, Nadia Farouk, about the strike.",
         "Nadia Farouk"),
        ("Morning Desk co-Anchor Tomas Berg asked the mayor.", "Tomas Berg"),
        ('"It is late," said Alderman Tomas Berg, whose ward is large.', "Tomas Berg"),
        ("Veteran Assemblywoman Nadia Farouk defeated the favourite.", "Nadia Farouk"),
        ("Moderator Tomas Berg also asked about the budget.", "Tomas Berg"),
    ],
)
def test_names_lose_titles_and_honorifics(nlp, text, name):
    doc, cands = _find(nlp, text)
    assert name in {doc[c.start:c.end].text for c in cands.names}


def test_no_candidate_twice(nlp):
    doc, cands = _find(nlp, "Amara Nwosu and Tomas Berg met Lena Okafor in Dunmere.")
    spans = [(c.start, c.end) for c in cands.names]
    assert len(spans) == len(set(spans))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the Port Authority's", "Port Authority"),
        ("[Ann Lee", "Ann Lee"),
        ("Ann Lee (ANL)", "Ann Lee"),
        ("Council for", "Council"),
        ("“Tomas Berg,", "Tomas Berg"),
    ],
)
def test_trim(nlp, text, expected):
    doc = nlp.make_doc(text)
    start, end = trim(doc, 0, len(doc))
    assert doc[start:end].text == expected


@pytest.mark.parametrize(
    ("text", "shaped"),
    [
        ("Amara Nwosu", True),
        ("NWA", False),
        ("National Police", False),
        ("Ann Mary Jo Lee Smith", False),
        ("Abdul bin Khalid Al-Rashid", True),      # a particle and a hyphen inside
        ("Kim Min-jun", True),                     # the lowercase part of a given name
        ("Ana van", False),                        # a particle ends no name
    ],
)
def test_person_shaped(nlp, text, shaped):
    doc = nlp(text)
    assert person_shaped(doc, 0, len(doc)) is shaped


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("OLDBRIDGE — The council approved the budget on Monday.", "OLDBRIDGE"),
        ("KELBY, May 3 — Ministers met on Sunday.", "KELBY"),
        ("Amman - Ministers met on Sunday to discuss water.", "Amman"),
        ("Headline of the day\n\nAMMAN: Ministers met on Sunday to discuss water.", "AMMAN"),
        ("OKAFOR: We will rebuild the pier.", None),        # a speaker label
        ("Lena Okafor-Smith said the pier would be rebuilt.", None),
        ("Kelby - Ministers met on Sunday.", None),          # an unknown name, not in capitals
    ],
)
def test_dateline_place(nlp, text, place):
    doc = nlp(text)
    found = dateline_place(doc)
    assert (doc[found[0]:found[1]].text if found else None) == place


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("kelby News, 14 March - The port council approved a new budget on Tuesday.", "kelby News"),
        ("Kelby Morning Times, Sept. 5, 2022 -- Ministers met on Sunday.", "Kelby Morning Times"),
        ("Headline of the day\n\nMarlow Herald - In May, the council met.", "Marlow Herald"),
        ("KELBY, May 3 — Ministers met on Sunday.", None),                   # a place
        ("Kelby Times, the town's paper, closed on Monday - a loss.", None),  # no date
        ("Ann Lee, 14 March - the day she left.", None),                     # no organisation head
    ],
)
def test_dateline_outlet(nlp, text, outlet):
    doc = nlp(text)
    found = dateline_outlet(doc)
    assert (doc[found[0]:found[1]].text if found else None) == outlet


@pytest.mark.parametrize(("words", "people", "joined"), [
    # two person entities the model split with nothing between them are one name
    (["Rafiq", "El", "Amin", "Bel", "Omar", "spoke"], [(0, 3), (3, 5)], [(0, 5)]),
    # ... but not when the first ends in a possessive or holds a lowercase word
    (["Velo", "province", "’s", "Kanta", "Marr", "district"], [(0, 3), (3, 5)], [(0, 3), (3, 5)]),
    (["Lena", "Okafor", "’s", "Tomas", "Reyes", "left"], [(0, 3), (3, 5)], [(0, 3), (3, 5)]),
])
def test_joined_people(nlp, words, people, joined):
    tags = ["O"] * len(words)
    for start, end in people:
        tags[start:end] = ["B-PERSON"] + ["I-PERSON"] * (end - start - 1)
    doc = Doc(nlp.vocab, words=words, ents=tags)
    assert [(e.start, e.end) for e in _joined_people(doc, tuple(doc.ents))] == joined


@pytest.mark.parametrize(
    ("text", "people"),
    [
        # a title-case headline's run of names is cut to what the article writes again
        ("Berg Beats Okafor In Kelby Primary\n\nTomas Berg won the primary on Tuesday.",
         {"Tomas Berg"}),
        ("Okafor Says Tax Plan Will Pass\n\nAnn Okafor said on Monday that it would pass.",
         {"Ann Okafor"}),
        ("Ann Okafor Sounds Oddly Confident With A Kelby Accent.\n\nAnn Okafor spoke on Monday.",
         {"Ann Okafor"}),
        # a place before an abbreviated title, a description opening the sentence
        ("Marlow Sen. Tomas Berg said on Monday that the bill would pass.", {"Tomas Berg"}),
        ("Billionaire Tomas Berg said on Monday that the bill would pass.", {"Tomas Berg"}),
        ("Tycoon Tomas Berg praised the editor at a press conference in Kelby on Monday.",
         {"Tomas Berg"}),
        # a full name in the headline, the family name alone below
        ("Ann Okafor Visits Kelby Flood Shelters\n\nOkafor met families on Monday.", {"Ann Okafor"}),
        # a name the body writes again stays whole
        ("Ann Okafor Wins Kelby Primary Again\n\nAnn Okafor won the primary on Tuesday.",
         {"Ann Okafor"}),
        # title-case words before the name are cut off too, and a headline may open with a number
        ("Critics Keep Telling Tomas Berg To Quit The Race\n\nTomas Berg spoke on Monday.",
         {"Tomas Berg"}),
        ("9 (More) Outrageous Things Tomas Berg Has Said About Farmers\n\nTomas Berg spoke on Monday.",
         {"Tomas Berg"}),
    ],
)
def test_people_named(nlp, text, people):
    found = {e.name for e in find_actors(nlp(text)).entities if e.kind == "Person"}
    assert found == people


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Billionaire Tomas Berg praised the editor.", "Tomas"),
        ("Widow Ann Okafor praised the editor.", "Ann"),
        ("Certainly Ann Okafor praised the editor.", "Ann"),
        ("Mr. Tomas Berg praised the editor.", "Tomas"),
        ("Tomas Berg praised the editor.", "Tomas"),
    ],
)
def test_person_prefix_stripped(nlp, text, first):
    doc = nlp(text)
    end = next(t.i for t in doc if t.text == "praised")
    assert doc[strip_person_prefix(doc, text, (), 0, end)].text == first


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        # a row of a ranked list or a table is no headline: its names stay whole
        ("2. Ann Okafor (MAR) Marlow Motors Racing Team Fourth", 2),
        ("12) Ann Okafor (MAR) Marlow Motors Racing Team Fourth", 2),
        # a headline opening with a number is a headline
        ("5 Ann Okafor Wins Beat Marlow Motors Racing Team", 1),
        # a title-case headline's name is cut to what the article writes again
        ("Ann Okafor Beats Marlow Motors Racing Team Fourth", 1),
    ],
)
def test_numbered_lines_are_no_headlines(nlp, line, kept):
    text = f"{line}\n\nAnn said the race was long."
    doc = nlp(text)
    start = next(t.i for t in doc if t.text == "Ann")
    cand = _headline_trimmed(doc, text, Candidate(start, start + 2, "Person"))
    assert cand.end - cand.start == kept


@pytest.mark.parametrize(
    ("text", "owner", "ents", "named"),
    [
        # the owner before a possessive inside an organisation's span names one of its own ...
        ("Kelbix said sales rose. Kelbix’s Tamsin Pay app stopped.", (5, 6), [(0, 1), (5, 9)], True),
        ("Kelby University’s Virus Laboratory said so.", (0, 2), [(0, 5)], True),   # a head
        ("Talks at Kenya’s Ostwin Peace Centre ended.", (2, 3), [(2, 7)], True),   # a place
        # ... not a word the article writes nowhere else
        ("Sales rose. Kelbix’s Tamsin Pay app stopped.", (3, 4), [(3, 7)], False),
    ],
)
def test_owner_named(nlp, text, owner, ents, named):
    doc = nlp(text)
    assert _owner_named(doc, tuple(doc[a:b] for a, b in ents), *owner) is named


@pytest.mark.parametrize(
    ("text", "end", "after"),
    [
        ("Shares rose on the Ostland exchange (OSX) on Monday.", 6, True),
        ("Shares rose on the Ostland exchange on Monday.", 6, False),
        ("Shares rose on the Ostland exchange (in May) on Monday.", 6, False),
    ],
)
def test_acronym_after(nlp, text, end, after):
    assert _acronym_after(nlp(text), end) is after


@pytest.mark.parametrize(
    ("text", "name", "label", "trimmed"),
    [
        # a headline's verb after a name the article writes alone more often
        ("It said that 'Ann Okafor Leads' gets clicks. Ann Okafor said no.", "Ann Okafor Leads", "",
         "Ann Okafor"),
        ("A site called Marlow If Dara Venn Wins opened. Dara Venn laughed.", "Dara Venn Wins", "PERSON",
         "Dara Venn"),
        ("9:26PM Dara Venn Booed After Joke\nDara Venn spoke. Dara Venn left.", "Dara Venn Booed", "PERSON",
         "Dara Venn"),
        # with the words after it
        ("Ann Okafor Leads Poll.\n\nAnn Okafor said no.", "Ann Okafor Leads Poll", "PERSON", "Ann Okafor"),
        # a first word that is a verb form, in a name the model read as a person's
        ("Dara Venn Booed After Telling Ann Okafor To Stop\nAnn Okafor left.", "Telling Ann Okafor", "PERSON",
         "Ann Okafor"),
        # kept: a capitalised run's first word, a first word before a place's name
        ("Spar Kelby Bay opened. Kelby Bay grew. Kelby Bay voted.", "Spar Kelby Bay", "", "Spar Kelby Bay"),
        ("Trains stop at Kelby Bay. They supply Spar Kelby Bay, in Kelby Bay.", "Spar Kelby Bay", "PERSON",
         "Spar Kelby Bay"),
        # kept: the article writes the name with the verb as often as without
        ("Ann Okafor Leads spoke. Ann Okafor Leads left.", "Ann Okafor Leads", "PERSON", "Ann Okafor Leads"),
        # kept: a verb after a first name is a family name ("Ann Lee", then "Ann Lee Cook")
        ("Ann Lee Cook founded it. Ann Lee sells. Ann Lee grew.", "Ann Lee Cook", "PERSON", "Ann Lee Cook"),
        # kept: a verb after an initial ("Ann B. Cook" elsewhere writes "Ann B" too)
        ("Ann B Cook spoke. Ann B. Cook left. Ann B. Cook won.", "Ann B Cook", "PERSON", "Ann B Cook"),
        # kept: a last word that is no verb
        ("Ann Okafor Holt spoke. Ann Okafor left.", "Ann Okafor Holt", "PERSON", "Ann Okafor Holt"),
        # kept: two words are never cut
        ("Okafor Wins spoke. Okafor left.", "Okafor Wins", "PERSON", "Okafor Wins"),
    ],
)
def test_fragment_trimmed(nlp, text, name, label, trimmed):
    doc = nlp(text)
    start = text.index(name)
    span = doc.char_span(start, start + len(name))
    cand = fragment_trimmed(doc, text, Candidate(span.start, span.end, "Person", label))
    assert doc[cand.start:cand.end].text == trimmed


@pytest.mark.parametrize(
    ("text", "org"),
    [
        # a rank's ordinal is no part of the organisation before it
        ("The medal went to Air Force 1st Lt. Ann Okafor of Marlow.", "Air Force"),
    ],
)
def test_organisation_without_ordinal(nlp, text, org):
    doc, cands = _find(nlp, text)
    orgs = {doc[c.start:c.end].text for c in cands.orgs + cands.names if c.kind == "Organization"}
    assert org in orgs and not any(o.endswith("1st") for o in orgs)
