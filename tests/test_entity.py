"""One actor across the graph: names, titles over time, articles, statements, evidence."""

from __future__ import annotations

import pytest

from graph.entity import EntityProfile, entity, format_profile
from graph.errors import ClaimGraphError
from graph.rdf.store import Store

PROFILE = EntityProfile(
    iri="https://example.org/person/ana-lima", label="Ana Lima", kind="Person",
    names=[{"name": "Ms. Lima", "files": "a.txt"}],
    roles=[{"title": "Mayor", "organization": "City Council", "date": "2019", "file": "a.txt", "begin": 3, "end": 8}],
    articles=[{"file": "a.txt", "headline": "Bridge opens", "date": "2019", "inferred": True, "mentions": 2}],
    statements=[{"role": "by", "speaker": "Ana Lima", "cue": "say", "act": "assert", "text": "It opens today",
                 "file": "a.txt", "begin": 20, "end": 34},
                {"role": "about", "speaker": None, "cue": "say", "act": None, "text": "Lima erred",
                 "file": "b.txt", "begin": 5, "end": 15}],
    evidence=[{"alias": "Ms. Lima", "reason": "honorific", "files": "a.txt"}],
)


@pytest.mark.parametrize("line", [
    "Ana Lima (Person) <https://example.org/person/ana-lima>",
    "  Ms. Lima  [a.txt]",
    "titles over time (1):",
    "  2019  Mayor, City Council  a.txt:3-8",
    "  2019 (inferred)  a.txt  Bridge opens  (2 mentions)",
    "  a.txt:20-34 Ana Lima [say, assert] “It opens today”",
    "statements about (1):",
    "  b.txt:5-15 (unknown speaker) [say] “Lima erred”",
    "  Ms. Lima: honorific  [a.txt]",
])
def test_format_profile(line):
    assert line in format_profile(PROFILE).splitlines()


@pytest.mark.slow
@pytest.mark.parametrize("name", ["Sar Kheng", "sar kheng", "Mr. Kheng"])
def test_seed_person_across_three_articles(seed_store, name):
    with Store.open(seed_store, read_only=True) as store:
        (profile,) = entity(store, name)
    assert profile.label == "Sar Kheng"
    assert len(profile.articles) == 3
    dated = {("Interior Minister", r["date"]) for r in profile.articles}
    assert {(r["title"], r["date"]) for r in profile.roles} >= dated
    # a role is dated as its article is (the seed articles give no strong date evidence)
    assert {r["date"] for r in profile.roles} <= {r["date"] for r in profile.articles}
    assert {r["reason"] for r in profile.evidence} >= {"same full name", "honorific"}
    assert any(r["role"] == "by" for r in profile.statements)


@pytest.mark.slow
@pytest.mark.parametrize(("name", "message"), [
    ("Kheng Sar", "no person, organisation or place named 'Kheng Sar'"),
    ("Vyrith M", "no person"),
    ("Meas", "did you mean 'Meas Vyrith'"),
])
def test_unknown_names_raise_with_a_hint(seed_store, name, message):
    with Store.open(seed_store, read_only=True) as store, pytest.raises(ClaimGraphError, match=message):
        entity(store, name)
