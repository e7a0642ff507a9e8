"""Tests for graph.extract.actors.roles, on invented sentences run through the real model."""

from __future__ import annotations

import pytest

from graph.extract.actors import find_actors
from graph.extract.actors.candidates import find_candidates
from graph.extract.actors.classify import classify
from graph.extract.actors.clusters import org_clusters, person_clusters, place_clusters, to_entities
from graph.extract.actors.roles import find_roles
from graph.records import Entity


def _by_name(entities: list[Entity], name: str) -> Entity:
    hits = [e for e in entities if e.name == name]
    assert hits, f"no entity {name!r} in {[(e.name, e.kind) for e in entities]}"
    return hits[0]


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
        # a title set off before the name, and one after "who is"
        ("The chair of the River Alliance, Chan Dara, said the dam was unsafe.", "Chan Dara",
         {"chair of the River Alliance"}, "River Alliance"),
        ("Lena Okafor, who is the spokesperson for the Port Authority, declined to comment.",
         "Lena Okafor", {"spokesperson"}, "Port Authority"),
        ("Provincial police chief and border commander Ravi Sharma said the crossing was shut.",
         "Ravi Sharma", {"Provincial police chief", "border commander"}, None),
        ("Maria Lopes, head of the Water Quality Department at the Institute of Hydrology, "
         "said the river was polluted.", "Maria Lopes", {"head of the Water Quality Department"},
         "Institute of Hydrology"),
        # a title with a complement before the name: the complement is not part of the name
        ("Secretary of State Ann Holloway said the talks had failed.", "Ann Holloway",
         {"Secretary of State"}, None),
        ("Minister of Health Lena Okafor said the clinics would open.", "Lena Okafor",
         {"Minister of Health"}, "Ministry of Health"),
        ("Minister of Foreign Affairs Chan Dara met the envoy.", "Chan Dara",
         {"Minister of Foreign Affairs"}, "Ministry of Foreign Affairs"),
        ("President of Veltria Marco Deluna announced a bill.", "Marco Deluna",
         {"President of Veltria"}, None),
        ("Mayor of Dunmere Paul Avery said the tram would run.", "Paul Avery",
         {"Mayor of Dunmere"}, None),
        # the model tags only the surname: the first name is not part of the title
        ("\"We are safe,\" tweeted Mayor of Madrid Sadiq Haddad.", "Sadiq Haddad",
         {"Mayor of Madrid"}, None),
        ("\"Stay calm,\" said Mayor of Toronto Imran Mirza.", "Imran Mirza",
         {"Mayor of Toronto"}, None),
        ("United States Senator from Vermont Ruth Calder won the vote.", "Ruth Calder",
         {"United States Senator from Vermont"}, None),
        # "Prime Minister" implies no ministry
        ("Prime Minister Ruth Calder won the vote.", "Ruth Calder", {"Prime Minister"}, None),
        ("Veltrian Prime Minister Ruth Calder won the vote.", "Ruth Calder",
         {"Veltrian Prime Minister"}, None),
        ("New Zealand Prime Minister Ruth Calder won the vote.", "Ruth Calder",
         {"New Zealand Prime Minister"}, None),
        # the country a minister serves is not the ministry's subject
        ("British Health Minister Ruth Calder won the vote.", "Ruth Calder",
         {"British Health Minister"}, "Ministry of Health"),
        ("Minister of Dunmere Ruth Calder won the vote in Dunmere.", "Ruth Calder",
         {"Minister of Dunmere"}, None),
        ("Ex-Prime Minister Ruth Calder won the vote.", "Ruth Calder",
         {"Ex-Prime Minister"}, None),
        ("Vice-Foreign Minister Ruth Calder won the vote.", "Ruth Calder",
         {"Vice-Foreign Minister"}, "Ministry of Foreign Affairs"),
    ],
)
def test_roles(nlp, text, person, titles, org):
    actors = find_actors(nlp(text))
    who = _by_name(actors.entities, person)
    mine = [r for r in actors.roles if r.person == who.key]
    assert {r.title for r in mine} == titles
    orgs = {r.organization for r in mine} - {None}
    if org is None:
        assert not orgs
    else:
        assert _by_name(actors.entities, org).key in orgs
    for r in mine:
        assert text[r.span.begin:r.span.end] == r.title


@pytest.mark.parametrize(
    ("text", "implied"),
    [
        ("Water Minister Lena Okafor and Water Minister Tomas Berg met.", ["Ministry of Water"]),
        ("The Ministry of Water said Water Minister Lena Okafor would resign.", []),
        ("Spokesperson Arjun Mehta said the trains would run.", []),
    ],
)
def test_find_roles_returns_implied_organisations(nlp, text, implied):
    doc = nlp(text)
    cands = classify(doc, doc.text, find_candidates(doc, doc.text, tuple(doc.ents)))
    people = person_clusters(doc, doc.text, cands)
    entities = to_entities(people, org_clusters(doc, cands) + place_clusters(doc, cands))
    roles, new = find_roles(doc, doc.text, cands, entities)
    assert [e.name for e in new] == implied
    assert [e.key for e in new] == [f"e{len(entities) + n}" for n in range(len(new))]
    assert roles and all(r.person in {e.key for e in entities} for r in roles)
