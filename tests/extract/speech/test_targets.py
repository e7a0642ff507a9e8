"""Tests of graph.extract.speech.targets: what a statement is about."""

from __future__ import annotations

from dataclasses import replace

import pytest

from graph.extract.speech import find_speech
from graph.records import Actors
from tests.extract.speech.cast import CAST, Row, actors_of, find, run


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
    # an organisation description as the cue's object: another organisation than the speaker
    ("The Harbour Authority shut the port. The Water Ministry ordered the agency to reopen it.",
     "the agency to reopen it", {"Harbour Authority"}, {"Water Ministry"}),
    ("The Harbour Authority shut the port. The Water Ministry criticised the agency for it.",
     "the agency for it", {"Harbour Authority"}, {"Water Ministry"}),
    # as the subject of the content it may still be the speaker
    ("The Harbour Authority shut the port. The Water Ministry said the agency would help.",
     "the agency would help", {"Water Ministry"}, {"Harbour Authority"}),
])
def test_about(nlp, text, content, about, not_about):
    rows, _, _ = run(nlp, text)
    row = find(rows, content)
    assert about <= set(row[4])
    assert not (not_about & set(row[4]))



def first_mentions_only(nlp, text: str, titles: dict[str, str] | None = None) -> list[Row]:
    """Rows of ``text`` when the actors stage found each cast member once, by its full name
    (no aliases): later mentions are left for the targets to find."""
    actors = actors_of(text, titles)
    entities = [replace(e, aliases=set(), mentions=e.mentions[:1]) for e in actors.entities]
    speech = find_speech(nlp(text), Actors(entities, actors.roles))
    names = {e.key: e.name for e in entities + speech.sources}
    return [(s.kind, names.get(s.speaker), s.cue, s.text, [names[a] for a in s.about])
            for s in speech.statements]


@pytest.mark.parametrize(("text", "content", "about", "not_about"), [
    # a surname written again without a mention
    ("Tomas Berg resigned on Monday. Ana Ruiz said Berg had been treated unfairly.",
     "Berg had been treated", {"Tomas Berg"}, set()),
    # a place's name written again inside a quote
    ("Lakeside flooded on Monday. “The farms of Lakeside need help now,” Ana Ruiz said.",
     "need help now", {"Lakeside"}, set()),
    # a name that runs on into a longer name is another name
    ("Rivertown flooded on Monday. Ana Ruiz said Rivertown Mills had closed its gates.",
     "Rivertown Mills had closed", set(), {"Rivertown"}),
])
def test_about_names_written_again(nlp, text, content, about, not_about):
    row = find(first_mentions_only(nlp, text), content)
    assert about <= set(row[4])
    assert not (not_about & set(row[4]))


@pytest.mark.parametrize(("text", "titles", "content", "about", "not_about"), [
    # the subject written before a quoted fragment
    ("Ana Ruiz said Tomas Berg “had done well”.", {}, "had done well", {"Tomas Berg"},
     {"Ana Ruiz"}),
    # the possessor before a quoted fragment: a person other than the speaker
    ("Tomas Berg resigned on Monday. Omar Haddad praised his “courage and patience”.", {},
     "courage and patience", {"Tomas Berg"}, {"Omar Haddad"}),
    # a capitalised title after "the": the holder of that role
    ("President Tomas Berg opened the port. Ana Ruiz said the President had acted too late.",
     {"Tomas Berg": "President"}, "the President had acted", {"Tomas Berg"}, set()),
    # any title word of the title list
    ("Queen Maria Okonkwo opened the bridge. Tomas Berg said the Queen had been misled.",
     {"Maria Okonkwo": "Queen"}, "the Queen had been misled", {"Maria Okonkwo"}, set()),
    # "its", "itself", "they" in what an organisation said: that organisation
    ("The Harbour Authority said it had reviewed itself.", {}, "had reviewed itself",
     {"Harbour Authority"}, set()),
    ("The Coastal Police said they had arrested two men.", {}, "had arrested two men",
     {"Coastal Police"}, set()),
    # ... but not in what a person said
    ("Kofi Mensah said they had arrested two men.", {}, "had arrested two men", set(),
     {"Kofi Mensah"}),
])
def test_about_referred(nlp, text, titles, content, about, not_about):
    rows, _, _ = run(nlp, text, titles)
    row = find(rows, content)
    assert about <= set(row[4])
    assert not (not_about & set(row[4]))


@pytest.mark.parametrize(("text", "content", "about"), [
    # a definite facility noun: the named place whose name holds it
    ("Hotel Miramar burned on Monday. Ana Ruiz said the burning hotel had no alarms.",
     "the burning hotel had no alarms", {"Hotel Miramar"}),
    # an organisation a speaker called by its kind alone: the named one in focus
    ("Northfield Broadcasting lost its licence on Monday. The network said the ruling was "
     "unfair. Ana Ruiz said the network had broken the rules.", "the network had broken",
     {"Northfield Broadcasting"}),
    # a site noun: the place named last whose name holds a facility noun
    ("The Miramar Hotel burned on Monday. Ana Ruiz said 80 guests were in the building.",
     "were in the building", {"Miramar Hotel"}),
    # a capitalised organisation head standing alone: the organisation whose name holds it
    ("The Parliament of Eastland met on Monday. Ana Ruiz said Parliament had failed the "
     "farmers.", "Parliament had failed", {"Parliament of Eastland"}),
    # "both companies": the last two organisations named
    ("Northfield Broadcasting and the Harbour Authority signed a deal. The Water Ministry "
     "objected. Ana Ruiz said both companies had ignored the rules.",
     "both companies had ignored", {"Water Ministry", "Harbour Authority"}),
    # a place and an organisation noun: an organisation minted from the phrase
    ("Ana Ruiz said the Lakeside government had ignored the farmers.",
     "had ignored the farmers", {"Lakeside government"}),
    # an institution's head standing bare: minted when no listed organisation holds it
    ("Ana Ruiz said the plan would go to Cabinet next week.", "the plan would go to Cabinet",
     {"Cabinet"}),
    # a site's name without its kind
    ("The Miramar Hotel burned on Monday. Ana Ruiz said the guests had left Miramar by noon.",
     "had left Miramar", {"Miramar Hotel"}),
])
def test_about_described(nlp, monkeypatch, text, content, about):
    monkeypatch.setitem(CAST, "Parliament of Eastland",
                        ("Organization", ("Parliament of Eastland",), None))
    monkeypatch.setitem(CAST, "Hotel Miramar", ("Place", ("Hotel Miramar",), None))
    monkeypatch.setitem(CAST, "Miramar Hotel", ("Place", ("Miramar Hotel",), None))
    monkeypatch.setitem(CAST, "Northfield Broadcasting",
                        ("Organization", ("Northfield Broadcasting",), None))
    rows, _, _ = run(nlp, text)
    assert about <= set(find(rows, content)[4])


@pytest.mark.parametrize(("text", "titles", "content", "about", "not_about"), [
    # "the suspect": not the titled judge named since, nor the speaker
    ("Tomas Berg was arrested on Friday. Judge Lena Vogt ordered a new hearing on Monday. "
     "Police said the suspect had fled the country.", {"Lena Vogt": "Judge"},
     "the suspect had fled", {"Tomas Berg"}, {"Lena Vogt"}),
    # an object pronoun is not the subject of its own clause
    ("Ana Ruiz left the firm in May. Kofi Mensah said Sam Okafor had been rude to her.", {},
     "had been rude to her", {"Ana Ruiz"}, set()),
    # "them" in reported words: the two people last named together
    ("A judge sentenced Tomas Berg and Ana Ruiz on Monday. Kofi Mensah said the court had "
     "treated them fairly.", {}, "had treated them fairly", {"Tomas Berg", "Ana Ruiz"},
     {"Kofi Mensah"}),
    # ... not when a plural noun before it may be meant, nor inside a quote
    ("Tomas Berg and Ana Ruiz visited Lakeside. Kofi Mensah said the farmers had met them.",
     {}, "the farmers had met them", set(), {"Tomas Berg", "Ana Ruiz"}),
    ("Tomas Berg and Ana Ruiz left on Monday. “I will see them soon,” Kofi Mensah said.", {},
     "I will see them soon", set(), {"Tomas Berg", "Ana Ruiz"}),
    # "she" is not an unnamed source described as an organisation
    ("Ana Ruiz retired in May. A charity foundation said she had been unwell for years.", {},
     "she had been unwell", {"Ana Ruiz"}, set()),
])
def test_about_people_referred(nlp, monkeypatch, text, titles, content, about, not_about):
    monkeypatch.setitem(CAST, "Sam Okafor", ("Person", ("Sam Okafor",), None))
    rows, _, _ = run(nlp, text, titles)
    row = find(rows, content)
    assert about <= set(row[4])
    assert not (not_about & set(row[4]))


@pytest.mark.parametrize(("text", "content", "not_about"), [
    # only a state body makes a place's organisation; a plural or a company does not
    ("Ana Ruiz said the Lakeside companies had ignored the rules.", "had ignored the rules",
     {"Lakeside companies"}),
    ("Ana Ruiz said Veltrian firms had ignored the rules.", "had ignored the rules",
     {"Veltrian firms"}),
])
def test_about_not_minted(nlp, text, content, not_about):
    rows, sources, _ = run(nlp, text)
    assert not (not_about & set(find(rows, content)[4]))
    assert not (not_about & {e.name for e in sources})


@pytest.mark.parametrize(("text", "content", "about"), [
    # a participle cue set aside after another cue: the targets of the main content
    ("The Harbour Authority closed the port. Ana Ruiz condemned the decision of the authority, "
     "calling the move “reckless” and “a betrayal”.", "the move “reckless”", {"Harbour Authority"}),
    ("Ana Ruiz condemned the closure by the Harbour Authority, describing it as “reckless”.",
     "reckless", {"Harbour Authority"}),
    # a finite verb joined to the cue is a statement of its own
    ("Ana Ruiz praised the Harbour Authority and said the new rules were working.",
     "the new rules were working", set()),
    # an aside that adds a clause of its own, or a participle before the cue
    ("Ana Ruiz praised the Harbour Authority, adding that the new rules were working.",
     "the new rules were working", set()),
    ("Refusing to resign, Ana Ruiz criticised the Harbour Authority.", "to resign", set()),
    ("Ana Ruiz criticised the Harbour Authority, describing him as “a coward”.", "a coward",
     set()),
])
def test_about_aside(nlp, text, content, about):
    rows, _, _ = run(nlp, text)
    assert set(find(rows, content)[4]) == about


@pytest.mark.parametrize(("text", "titles", "content", "about"), [
    # "we" in a direct quote: the organisation speaking, or the country of its speaker's title
    ("“We have told the regulator about the leak,” the Harbour Authority said.", {},
     "We have told the regulator", {"Harbour Authority"}),
    ("Tomas Berg flew to Norway on Monday. “Our islands are safe,” said Norwegian prime "
     "minister Tomas Berg.", {"Tomas Berg": "Norwegian prime minister"}, "Our islands are safe",
     {"Norway"}),
    # a relative pronoun opening the content: the actors of the phrase its clause modifies
    ("Ana Ruiz spoke about Tomas Berg, who was described as “reckless” by the Coastal Police.",
     {}, "who was described as", {"Tomas Berg"}),
    # the possessor of a subject phrase that ends at a quoted fragment
    ("The court found Tomas Berg's advice to the board “was motivated by an improper purpose”.",
     {}, "was motivated by an improper purpose", {"Tomas Berg"}),
    # the object of a characterising cue, outside the quote
    ("The Water Ministry described Tomas Berg as an “emerging” leader.", {}, "emerging",
     {"Tomas Berg"}),
    # an organisation's own parts in what it said; not when a name gives them another owner
    ("The Harbour Authority said some offices would close on Monday.", {},
     "some offices would close", {"Harbour Authority"}),
    ("The Harbour Authority said Rivertown stores would close on Monday.", {},
     "Rivertown stores would close", {"Rivertown"}),
    # a definite noun for two people: the last two named together, however far back
    ("A judge sentenced Tomas Berg and Ana Ruiz on Monday. The farmers went home. Kofi Mensah "
     "said the couple had left the country.", {}, "the couple had left", {"Tomas Berg", "Ana Ruiz"}),
    # ... not someone's own parents, nor those of a group named before them
    ("A judge sentenced Tomas Berg and Ana Ruiz on Monday. Lena Vogt said her parents had "
     "left the country.", {}, "her parents had left", {"Lena Vogt"}),
    ("A judge sentenced Tomas Berg and Ana Ruiz on Monday. Lena Vogt said the pupils and "
     "their parents had left the country.", {}, "their parents had left", set()),
    # "US" in capitals is a country, not "us"; a reflexive object is the speaker
    ("“Few US firms have come,” the Harbour Authority said.", {}, "Few US firms", set()),
    ("Tomas Berg described himself as a “reluctant leader”.", {}, "reluctant leader",
     {"Tomas Berg"}),
])
def test_about_reference(nlp, monkeypatch, text, titles, content, about):
    monkeypatch.setitem(CAST, "Norway", ("Place", ("Norway",), None))
    rows, _, _ = run(nlp, text, titles)
    assert set(find(rows, content)[4]) == about
