"""Tests for graph.extract.entities, on invented sentences run through the real model."""

from __future__ import annotations

import pytest

from graph.extract.entities import extract_entities
from graph.records import Entity, Role


def _run(nlp, text: str) -> tuple[list[Entity], list[Role]]:
    return extract_entities(nlp(text))


def _by_name(entities: list[Entity], name: str) -> Entity:
    hits = [e for e in entities if e.name == name]
    assert hits, f"no entity {name!r} in {[(e.name, e.kind) for e in entities]}"
    return hits[0]


@pytest.mark.parametrize(
    ("text", "name", "aliases"),
    [
        ("Deputy Health Minister Lena Okafor opened the clinic on Monday. "
         "Okafor said the beds were ready.", "Lena Okafor", {"Okafor"}),
        ("Mr. Tomas Berg met reporters in the afternoon. Mr. Berg said the deal was done.",
         "Tomas Berg", {"Berg", "Mr. Berg"}),
        ("Chan Dara, director of the River Alliance, said the dam was unsafe. "
         "Dara added that villagers had not been consulted.", "Chan Dara", {"Dara"}),
        ("Police spokesman Dmitri Volkonsky said the road was closed. "
         "Volkonksy added that nobody was hurt.", "Dmitri Volkonsky", {"Volkonksy"}),
    ],
)
def test_person_name_and_aliases(nlp, text, name, aliases):
    ents, _ = _run(nlp, text)
    person = _by_name(ents, name)
    assert person.kind == "Person"
    assert aliases <= person.aliases


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Lee Min, a senator, and Lee Sora, a judge, spoke at the hearing. "
         "Sora said the court would decide.", ["Lee Min", "Lee Sora"]),
        ("Finance Minister Ortiz Ramon and Ortiz Pilar, a lawyer, disagreed on the budget.",
         ["Ortiz Ramon", "Ortiz Pilar"]),
    ],
)
def test_people_sharing_a_name_stay_apart(nlp, text, names):
    ents, _ = _run(nlp, text)
    people = [e for e in ents if e.kind == "Person"]
    for name in names:
        assert sum(1 for e in people if e.name == name) == 1
    keys = {_by_name(people, n).key for n in names}
    assert len(keys) == len(names)


@pytest.mark.parametrize(
    ("text", "alias", "reason"),
    [
        ("Police spokesman Dmitri Volkonsky said the road was closed. "
         "Volkonksy added that nobody was hurt.", "Volkonksy", "near spelling"),
        ("Mr. Tomas Berg met reporters. Mr. Berg said the deal was done.", "Mr. Berg",
         "honorific"),
        ("Deputy Health Minister Lena Okafor opened the clinic. Okafor said it was ready.",
         "Okafor", "short name"),
    ],
)
def test_merge_evidence(nlp, text, alias, reason):
    ents, _ = _run(nlp, text)
    assert any((alias, reason) in e.evidence for e in ents)


@pytest.mark.parametrize(
    ("text", "name", "gender"),
    [
        ("Ms. Amara Nwosu chairs the board. Ms. Nwosu said profits fell.", "Amara Nwosu", "f"),
        ("Mr. Tomas Berg met reporters. Mr. Berg said the deal was done.", "Tomas Berg", "m"),
    ],
)
def test_gender_from_honorific(nlp, text, name, gender):
    ents, _ = _run(nlp, text)
    assert _by_name(ents, name).gender == gender


@pytest.mark.parametrize(
    ("text", "name", "aliases"),
    [
        ("The National Water Authority (NWA) said supplies were safe. "
         "NWA inspectors visited the plant.", "National Water Authority", {"NWA"}),
        ("The Ministry of Finance issued new rules. The Finance Ministry said they start "
         "in May.", "Ministry of Finance", {"Finance Ministry"}),
        ("A spokesman for the Transport ministry said the bridge was closed. The Ministry of "
         "the Transport declined to comment.", "Ministry of Transport", {"Transport ministry"}),
    ],
)
def test_organisation_forms_merge(nlp, text, name, aliases):
    ents, _ = _run(nlp, text)
    org = _by_name(ents, name)
    assert org.kind == "Organization"
    assert aliases <= org.aliases


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("The case was sent to the Municipal Court of Oldbridge last week.",
         "Municipal Court of Oldbridge", "Organization"),
        ("Officers from the Coastal Guard Network for Marine Safety patrolled the bay.",
         "Coastal Guard Network for Marine Safety", "Organization"),
        ("Flooding hit villages in Battambor province on Sunday.", "Battambor", "Place"),
        ("Spokesperson Arjun Mehta said the trains would run again.", "Arjun Mehta", "Person"),
        ("Nadia Farouk, the spokesperson for the Port Authority, declined to comment.",
         "Nadia Farouk", "Person"),
    ],
)
def test_kind_from_context(nlp, text, name, kind):
    ents, _ = _run(nlp, text)
    assert _by_name(ents, name).kind == kind


@pytest.mark.parametrize(
    ("text", "not_person"),
    [
        ("The NWA said supplies were safe.", "NWA"),
        ("Flooding hit villages in Battambor province on Sunday.", "Battambor"),
        ("He visited the Royal Victoria Shelter and Clinic on Friday.", "Shelter"),
    ],
)
def test_not_people(nlp, text, not_person):
    ents, _ = _run(nlp, text)
    assert not any(e.kind == "Person" and not_person in {e.name, *e.aliases} for e in ents)


@pytest.mark.parametrize(
    ("text", "person", "titles", "org"),
    [
        ("Deputy Health Minister Lena Okafor opened the clinic on Monday.", "Lena Okafor",
         {"Deputy Health Minister"}, "Ministry of Health"),
        ("Chan Dara, director of the River Alliance, said the dam was unsafe.", "Chan Dara",
         {"director"}, "River Alliance"),
        ("Nadia Farouk, the spokesperson for the Port Authority, declined to comment.",
         "Nadia Farouk", {"spokesperson"}, "Port Authority"),
        ("Jonas Weber, a police officer, was arrested on Tuesday.", "Jonas Weber",
         {"police officer"}, None),
        ("Provincial police chief and border commander Ravi Sharma said the crossing was shut.",
         "Ravi Sharma", {"Provincial police chief", "border commander"}, None),
        ("Maria Lopes, head of the Water Quality Department at the Institute of Hydrology, "
         "said the river was polluted.", "Maria Lopes", {"head of the Water Quality Department"},
         "Institute of Hydrology"),
        # a title with a complement before the name: the complement is not part of the name
        ("Secretary of State Mike Pompeo said the talks had failed.", "Mike Pompeo",
         {"Secretary of State"}, None),
        ("Minister of Health Lena Okafor said the clinics would open.", "Lena Okafor",
         {"Minister of Health"}, "Ministry of Health"),
        ("Minister of Foreign Affairs Chan Dara met the envoy.", "Chan Dara",
         {"Minister of Foreign Affairs"}, "Ministry of Foreign Affairs"),
        ("President of Argentina Alberto Fernández announced a bill.", "Alberto Fernández",
         {"President of Argentina"}, None),
        ("Mayor of Lyon Gregory Doucet said the tram would run.", "Gregory Doucet",
         {"Mayor of Lyon"}, None),
        ("United States Senator from Vermont Bernie Sanders won the vote.", "Bernie Sanders",
         {"United States Senator from Vermont"}, None),
    ],
)
def test_roles(nlp, text, person, titles, org):
    ents, roles = _run(nlp, text)
    who = _by_name(ents, person)
    mine = [r for r in roles if r.person == who.key]
    assert {r.title for r in mine} == titles
    orgs = {r.organization for r in mine} - {None}
    if org is None:
        assert not orgs
    else:
        assert _by_name(ents, org).key in orgs
    for r in mine:
        assert text[r.span.begin:r.span.end] == r.title


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n   ",
        "“Unbalanced quote marks said Mr. Berg, and (an open bracket",
        "Mr.",
        "The Ministry of",
    ],
)
def test_odd_input_does_not_raise(nlp, text):
    ents, roles = _run(nlp, text)
    for e in ents:
        for m in e.mentions:
            assert text[m.span.begin:m.span.end] == m.text


def test_mentions_index_the_text(nlp):
    text = ("Interior Minister Kofi Mensah spoke in Accra.   \n\n  Mensah said the "
            "National Police would act.")
    ents, _ = _run(nlp, text)
    assert ents
    for e in ents:
        for m in e.mentions:
            assert text[m.span.begin:m.span.end] == m.text
    assert [e.key for e in ents] == [f"e{i}" for i in range(len(ents))]
