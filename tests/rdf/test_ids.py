"""IRI minting: slugs and the IRI scheme."""

from __future__ import annotations

import pytest

from graph.rdf.ids import DEFAULT_BASE, Ids, slug
from graph.records import Span

B = DEFAULT_BASE


@pytest.mark.parametrize(("text", "expected"), [
    ("Jane Doe", "jane-doe"),
    ("  Jane   DOE  ", "jane-doe"),
    ("José-María Ayala", "jose-maria-ayala"),
    ("Ministère de l'Intérieur", "ministere-de-l-interieur"),
    ("U.S. Navy", "u-s-navy"),
    ("Straße", "strasse"),
    ("ﬁrst Ø", "first-ø"),
    ("Nguyễn Thị Minh", "nguyen-thi-minh"),
    ("Group of 20 (G20)", "group-of-20-g20"),
    ("snake_case", "snake-case"),
    ("北京", "北京"),
])
def test_slug(text: str, expected: str) -> None:
    assert slug(text) == expected


@pytest.mark.parametrize("text", ["", "!!!", " - "])
def test_slug_never_empty(text: str) -> None:
    assert slug(text).startswith("h-") and slug(text) == slug(text)


def test_slug_hash_differs_by_text() -> None:
    assert slug("!!!") != slug("???")


@pytest.mark.parametrize(("call", "expected"), [
    (lambda i: i.article("001_abc"), B + "article/001_abc"),
    (lambda i: i.article("a b/c"), B + "article/a%20b%2Fc"),
    (lambda i: i.actor("Person", "Dr. Jane Doe"), B + "person/dr-jane-doe"),
    (lambda i: i.actor("Organization", "World Health Organization"),
     B + "organization/world-health-organization"),
    (lambda i: i.actor("Place", "São Paulo"), B + "place/sao-paulo"),
    (lambda i: i.source("a1", Span(3, 9)), B + "article/a1/source/3-9"),
    (lambda i: i.actor("UnnamedSource", "a1 an aide"), B + "source/a1-an-aide"),
    (lambda i: i.statement("a1", Span(10, 42)), B + "article/a1/statement/10-42"),
    (lambda i: i.statistic("a1", Span(0, 5)), B + "article/a1/statistic/0-5"),
    (lambda i: i.role("a1", Span(7, 7)), B + "article/a1/role/7-7"),
    (lambda i: i.mention("a1", Span(1, 2)), B + "article/a1/mention/1-2"),
    (lambda i: i.evidence(B + "person/jane-doe", "Ms. Doe"), B + "evidence/person-jane-doe/ms-doe-ea36cf1e"),
    (lambda i: i.evidence("http://other.example/x/Y", "Y"), B + "evidence/http-other-example-x-y/y-18f5384d"),
])
def test_ids_default_base(call, expected: str) -> None:
    assert call(Ids()) == expected


@pytest.mark.parametrize(("base", "expected"), [
    ("http://example.org/kg/", "http://example.org/kg/person/jane-doe"),
    ("http://example.org/kg", "http://example.org/kg/person/jane-doe"),
    ("http://example.org/kg#", "http://example.org/kg#person/jane-doe"),
])
def test_ids_custom_base(base: str, expected: str) -> None:
    assert Ids(base).actor("Person", "Jane Doe") == expected


def test_evidence_under_custom_base() -> None:
    ids = Ids("http://example.org/kg/")
    assert ids.evidence(ids.actor("Place", "Lima"), "LIMA") == "http://example.org/kg/evidence/place-lima/lima-d6c21b94"


def test_aliases_that_slug_alike_are_different_evidence() -> None:
    ids = Ids()
    assert ids.evidence(ids.actor("Person", "Ann Lee"), "Mr. Lee") != ids.evidence(ids.actor("Person", "Ann Lee"), "Mr Lee")


@pytest.mark.parametrize("kind", ["person", "Event", ""])
def test_actor_rejects_other_kinds(kind: str) -> None:
    with pytest.raises(ValueError, match="expected one of"):
        Ids().actor(kind, "x")
