"""Tests for graph.extract.actors.clusters, on invented sentences run through the real model."""

from __future__ import annotations

import pytest

from graph.extract.actors import find_actors
from graph.extract.actors.candidates import Candidate
from graph.extract.actors.clusters import (is_near_form, is_short_form, org_clusters, org_key,
                                           person_clusters)
from graph.records import Entity


def _by_name(entities: list[Entity], name: str) -> Entity:
    hits = [e for e in entities if e.name == name]
    assert hits, f"no entity {name!r} in {[(e.name, e.kind) for e in entities]}"
    return hits[0]


@pytest.mark.parametrize(
    ("text", "people", "clusters", "evidence"),
    [
        # longest names first; a short form and an honorific form join the full name
        ("Mr. Berg met Tomas Berg", [(1, 2), (3, 5)], [["Tomas Berg", "Berg"]],
         [(("Berg", "short name"), ("Mr. Berg", "honorific"))]),
        # two people sharing a family name: the family name alone joins neither
        ("Lee Min met Lee Sora and Sora", [(0, 2), (3, 5), (6, 7)],
         [["Lee Min"], ["Lee Sora", "Sora"]], [(), (("Sora", "short name"),)]),
        # a family name two people bear alone is the one named most before it, then last
        ("Ann Okafor met Ben Okafor before Okafor left", [(0, 2), (3, 5), (6, 7)],
         [["Ann Okafor"], ["Ben Okafor", "Okafor"]], [(), (("Okafor", "short name, the one named most"),)]),
        ("Ann Okafor met Ben Okafor and Ann Okafor before Okafor left", [(0, 2), (3, 5), (6, 8), (9, 10)],
         [["Ann Okafor", "Ann Okafor", "Okafor"], ["Ben Okafor"]],
         [(("Okafor", "short name, the one named most"),), ()]),
        ("Okafor met Ann Okafor and Ben Okafor", [(0, 1), (2, 4), (5, 7)],
         [["Ann Okafor"], ["Ben Okafor"], ["Okafor"]], [(), (), ()]),
        ("Dmitri Volkonsky met Volkonksy", [(0, 2), (3, 4)],
         [["Dmitri Volkonsky", "Volkonksy"]], [(("Volkonksy", "near spelling"),)]),
    ],
)
def test_person_clusters(nlp, text, people, clusters, evidence):
    doc = nlp.make_doc(text)
    found = person_clusters(doc, doc.text, [Candidate(s, e, "Person") for s, e in people])
    assert [cl.names() for cl in found] == clusters
    assert [cl.evidence for cl in found] == evidence


@pytest.mark.parametrize(
    ("text", "orgs", "key", "evidence", "mentions"),
    [
        ("The Ministry of Finance met the Finance Ministry", [(1, 4), (6, 8)],
         "Ministry of Finance", (("Finance Ministry", "ministry form"),), 2),
        # an acronym defined after a name: its mentions join without a candidate
        ("The Water Authority ( WA ) said WA staff left", [(1, 3)], "Water Authority",
         (("WA", "acronym"),), 3),
        ("The Water Authority and the Authority", [(1, 3), (5, 6)], "Water Authority",
         (("Authority", "short name"),), 2),
    ],
)
def test_org_clusters(nlp, text, orgs, key, evidence, mentions):
    doc = nlp.make_doc(text)
    [cluster] = org_clusters(doc, [Candidate(s, e, "Organization") for s, e in orgs])
    assert (cluster.key, cluster.evidence, len(cluster.forms)) == (key, evidence, mentions)


@pytest.mark.parametrize(
    ("text", "orgs", "clusters"),
    [
        # a word that names an institution alone is the short name of a placed one only
        ("The Kenyan Senate and the Senate", [(1, 3), (5, 6)], [["Kenyan Senate", "Senate"]]),
        ("The US House and the House", [(1, 3), (5, 6)], [["US House", "House"]]),
        ("The Royal Kenyan Army and the Army", [(1, 4), (6, 7)], [["Royal Kenyan Army", "Army"]]),
        ("The Granite House and the House", [(1, 3), (5, 6)], [["Granite House"], ["House"]]),
        # other heads join whatever ends on them
        ("The Granite Authority and the Authority", [(1, 3), (5, 6)],
         [["Granite Authority", "Authority"]]),
    ],
)
def test_org_short_names(nlp, text, orgs, clusters):
    doc = nlp.make_doc(text)
    found = org_clusters(doc, [Candidate(s, e, "Organization") for s, e in orgs])
    assert [cl.names() for cl in found] == clusters


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
    person = _by_name(find_actors(nlp(text)).entities, name)
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
    people = [e for e in find_actors(nlp(text)).entities if e.kind == "Person"]
    for name in names:
        assert sum(1 for e in people if e.name == name) == 1
    assert len({_by_name(people, n).key for n in names}) == len(names)


@pytest.mark.parametrize(
    ("text", "alias", "reason"),
    [
        ("Police spokesman Dmitri Volkonsky said the road was closed. "
         "Volkonksy added that nobody was hurt.", "Volkonksy", "near spelling"),
        ("Mr. Tomas Berg met reporters. Mr. Berg said the deal was done.", "Mr. Berg",
         "honorific"),
        ("Deputy Health Minister Lena Okafor opened the clinic. Okafor said it was ready.",
         "Okafor", "short name"),
        ("The National Water Authority (NWA) said supplies were safe.", "NWA", "acronym"),
        ("The Ministry of Finance issued new rules. The Finance Ministry said they start "
         "in May.", "Finance Ministry", "ministry form"),
    ],
)
def test_merge_evidence(nlp, text, alias, reason):
    assert any((alias, reason) in e.evidence for e in find_actors(nlp(text)).entities)


@pytest.mark.parametrize(
    ("text", "name", "gender"),
    [
        ("Ms. Amara Nwosu chairs the board. Ms. Nwosu said profits fell.", "Amara Nwosu", "f"),
        ("Mr. Tomas Berg met reporters. Mr. Berg said the deal was done.", "Tomas Berg", "m"),
        # the first name tells, when most of its bearers have one gender
        ("Maria Kelbow chairs the board. She said profits fell.", "Maria Kelbow", "f"),
        ("Tomas Berg met reporters on Monday.", "Tomas Berg", "m"),
        # an honorific outweighs the first name; a first name of either gender tells nothing
        ("Ms. Tomas Berg met reporters. Ms. Berg said the deal was done.", "Tomas Berg", "f"),
        ("Kim Berg met reporters on Monday.", "Kim Berg", None),
    ],
)
def test_gender_from_honorific_or_first_name(nlp, text, name, gender):
    assert _by_name(find_actors(nlp(text)).entities, name).gender == gender


@pytest.mark.parametrize(
    ("text", "short", "owner"),
    [
        # a gendered honorific takes the family name of the person of that gender
        ("Tomas Berg and his wife, Maria Berg, opened the shop. Tomas Berg cut the ribbon. "
         "Mrs. Berg said it was busy.", "Mrs. Berg", "Maria Berg"),
        ("Maria Berg and her husband, Tomas Berg, opened the shop. Mr. Berg said it was busy.",
         "Mr. Berg", "Tomas Berg"),
        # ... and is a person of her own when only the other gender bears it
        ("Tomas Berg opened the shop. Mrs. Berg said it was busy.", "Mrs. Berg", "Berg"),
        # ... the person known to be of that gender, over one whose first name tells nothing
        ("Tomas Berg and Kim Berg opened the shop. Kim Berg cut the ribbon. Mr. Berg said it "
         "was busy.", "Mr. Berg", "Tomas Berg"),
        # ... and goes to her, not to a bare family name written before both (a headline's)
        ("Berg Shop Opens\n\nTomas Berg and Maria Berg opened the shop. Mrs. Berg said it was busy.",
         "Mrs. Berg", "Maria Berg"),
    ],
)
def test_honorific_gender_chooses_the_person(nlp, text, short, owner):
    people = [e for e in find_actors(nlp(text)).entities if e.kind == "Person"]
    owners = [e.name for e in people if short in e.aliases]
    assert owners == [owner]


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
    org = _by_name(find_actors(nlp(text)).entities, name)
    assert org.kind == "Organization"
    assert aliases <= org.aliases


@pytest.mark.parametrize(
    ("toks", "full", "short", "near"),
    [
        (["okafor"], ["lena", "okafor"], True, False),
        (["lena"], ["lena", "okafor"], True, False),
        (["okafer"], ["lena", "okafor"], False, True),
        (["lena", "okafer"], ["lena", "okafor"], False, True),
        (["lina", "okafer"], ["lena", "okafor"], False, False),
        (["berg"], ["lena", "okafor"], False, False),
    ],
)
def test_short_and_near_forms(toks, full, short, near):
    assert (is_short_form(toks, full), is_near_form(toks, full)) == (short, near)


@pytest.mark.parametrize(
    ("name", "key", "display"),
    [
        ("Finance Ministry", "ministry of finance", "Ministry of Finance"),
        ("Ministry of the Finance", "ministry of finance", "Ministry of Finance"),
        ("Foreign Ministry", "ministry of foreign affairs", "Ministry of Foreign Affairs"),
        ("National  Water Authority", "national water authority", "National Water Authority"),
    ],
)
def test_org_key(name, key, display):
    assert org_key(name) == (key, display)
