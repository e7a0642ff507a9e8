"""Tests for graph.extract.actors.titles, on invented sentences run through the real model."""

from __future__ import annotations

import pytest

from graph.extract.actors.candidates import find_candidates
from graph.extract.actors.titles import (honorific_before, honorific_start, title_after,
                                         titles_before, titles_set_off)


def _at(doc, word: str) -> int:
    return next(t.i for t in doc if t.text == word)


@pytest.mark.parametrize(
    ("text", "name", "titles"),
    [
        ("Deputy Health Minister Lena Okafor opened the clinic.", "Lena", ["Deputy Health Minister"]),
        ("Provincial police chief and border commander Ravi Sharma said the crossing was shut.",
         "Ravi", ["Provincial police chief", "border commander"]),
        ("The newly-appointed spokesperson Arjun Mehta spoke.", "Arjun", ["spokesperson"]),
        ("Yesterday Lena Okafor opened the clinic.", "Lena", []),
        # words before a title that are not part of it
        ("Critics praised the qualities of President Tomas Berg on Monday.", "Tomas", ["President"]),
        ("Lawmakers voted to impeach President Tomas Berg.", "Tomas", ["President"]),
        ("Secretary of State Ann Holloway said the talks had failed.", "Ann", ["Secretary of State"]),
        ("Yesterday, Kelby House of Delegates Speaker Ann Holloway confirmed a vote.", "Ann",
         ["Speaker"]),
        # the title of the person named before belongs to that person
        ("Veltrian Prime Minister Tomas Berg and Energy Minister Lena Okafor signed the deal.",
         "Lena", ["Energy Minister"]),
        # a list of titles with commas
        ("Veltrian singer, actor, and animal rights advocate Mara Dunn died on Monday.", "Mara",
         ["Veltrian singer", "actor", "animal rights advocate"]),
        ("Board Member Ann Holloway led the inquiry.", "Ann", ["Board Member"]),
    ],
)
def test_titles_before(nlp, text, name, titles):
    doc = nlp(text)
    found = titles_before(doc, _at(doc, name))
    assert [t.text for t, _ in found] == titles
    for t, _ in found:
        assert text[t.begin:t.end] == t.text


@pytest.mark.parametrize(
    ("text", "name", "titles"),
    [
        ("The president of the Northern League for Clean Water, Jamel Okoro, said the plan "
         "failed.", "Jamel", ["president of the Northern League for Clean Water"]),
        ("According to Millbrook's first selectman, Chris Kerr, there were ten passengers.",
         "Chris", ["Millbrook's first selectman"]),
        ("A member of the Eastland Parliament, Sam Dilo said the plan failed.", "Sam",
         ["member of the Eastland Parliament"]),
        ("Riverside University water expert and former Eastland security official, Ana Reyes, "
         "said it was fine.", "Ana", ["Riverside University water expert",
                                      "former Eastland security official"]),
        ("Another former Calder adviser, Tom Grey, also spoke.", "Tom", ["former Calder adviser"]),
        ("He was stopped by a local chef named Ann Lee on the bridge.", "Ann", ["local chef"]),
        # the phrase must open its clause, and end in no other person's name
        ("After meeting the president, Ann Lee said the plan failed.", "Ann", []),
        # a phrase opened by a preposition is not a title
        ("Of the six delegates, Ann Lee won four.", "Ann", []),
        ("According to Prime Minister Ruth Calder, Tomas Berg had resigned.", "Tomas", []),
    ],
)
def test_titles_set_off(nlp, text, name, titles):
    doc = nlp(text)
    found = titles_set_off(doc, _at(doc, name))
    assert [t.text for t in found] == titles
    for t in found:
        assert text[t.begin:t.end] == t.text


@pytest.mark.parametrize(
    ("text", "after", "title"),
    [
        # the organisation phrase after the title is not part of it
        ("Chan Dara, director of the River Alliance, said the dam was unsafe.", "Dara", "director"),
        ("Jonas Weber, a police officer, was arrested on Tuesday.", "Weber", "police officer"),
        ("Ann Lee, a judge in the capital, retired.", "Lee", "judge"),
        ("Ann Lee, who retired, spoke.", "Lee", None),
        ("Ann Lee, who was the envoy to the coalition, spoke.", "Lee", "envoy to the coalition"),
        # a preposition before an organisation the model did not find is not part of the title
        ("Gary Moore, retail expert from Ridgeway University, said so.", "Moore", "expert"),
        ("Ann Lee, a member of Parliament, said so.", "Lee", "member of Parliament"),
        ("Ann Lee, Tomas Berg and Amara Nwosu spoke.", "Lee", None),
        # an infinitive after the title is not part of it; "prime" belongs to "prime minister"
        ("Ann Lee, the first president to be recalled, spoke.", "Lee", "president"),
        ("It was urged by Ann Lee, the current prime minister, on Monday.", "Lee", "prime minister"),
        # a description of kin first: the title after "and"
        ("Ann Lee, his sister and the chairwoman of the River Alliance, said so.", "Lee",
         "chairwoman"),
        ("Ann Lee, his sister, said so.", "Lee", None),
        # a gerund after the title starts a clause of its own
        ("Ann Lee, a co-founder of the green movement approaching the delegate count, spoke.",
         "Lee", "co-founder of the green movement"),
        # a title that opens the next clause belongs to its own subject, not to the name
        ("At the request of Interior Minister Tom Vale, the Governor dissolved the council.",
         "Vale", None),
        ("Ann Lee, spokesperson for the ministry said the road would close.", "Lee",
         "spokesperson for the ministry"),
    ],
)
def test_title_after(nlp, text, after, title):
    doc = nlp(text)
    orgs = find_candidates(doc, doc.text, tuple(doc.ents)).orgs
    found = title_after(doc, _at(doc, after) + 1, orgs)
    assert (found[0].text if found else None) == title


@pytest.mark.parametrize(
    ("text", "name", "honorific"),
    [
        ("Yesterday Ms. Amara Nwosu spoke.", "Amara", "Ms."),
        ("The troops saw Lt. Gen. Dara Venn.", "Dara", "Lt. Gen."),
        ("Yesterday Amara Nwosu spoke.", "Amara", None),
    ],
)
def test_honorific_before(nlp, text, name, honorific):
    doc = nlp(text)
    start = _at(doc, name)
    found = honorific_before(doc, doc.text, start)
    assert (found[1] if found else None) == honorific
    if found:
        assert text[found[0]:].startswith(honorific)
        assert doc[honorific_start(doc, doc.text, start)].idx == found[0]
