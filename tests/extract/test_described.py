"""Organisations known only by descriptions become unnamed sources (graph.extract.described)."""

from __future__ import annotations

import pytest

from graph.extract.described import described_only, is_description
from graph.records import Entity, Mention, Role, Span


@pytest.mark.parametrize(("name", "expected"), [
    ("the government", True),
    ("police", True),
    ("The government", True),            # capitalised at a sentence start
    ("Her organisation", True),          # ... on a possessive pronoun too
    ("her office", True),
    ("the armed forces", True),
    ("the Ostland army", False),         # a name in the phrase
    ("U.S. military", False),
    ("the governor's office", False),   # an owner names it
    ("the minister’s office", False),
    ("Police", False),                  # capitalised: may stand for a force named elsewhere
    ("Parliament", False),
    ("the Ostland Police", False),
    ("al-Shabaab", False),              # a capital inside the word
    ("Kelby 2030", False),              # no letter case
    ("", False),
])
def test_is_description(name, expected):
    assert is_description(name) is expected


def _org(key: str, *texts: str, kind: str = "Organization", aliases: set[str] | None = None) -> Entity:
    mentions = [Mention(Span(10 * n, 10 * n + len(t)), t) for n, t in enumerate(texts)]
    return Entity(key, kind, texts[0] if texts else key, aliases=aliases or set(), mentions=mentions)


@pytest.mark.parametrize(("entity", "roles", "kind"), [
    (_org("s0", "the government"), [], "UnnamedSource"),
    (_org("e1", "the navy", "The navy"), [], "UnnamedSource"),
    (_org("e7", "the Ostland navy", "the navy"), [], "Organization"),
    (_org("e2", "the Harbour Authority", "the authority"), [], "Organization"),   # one name
    (_org("e3", "police", aliases={"Kelby Police"}), [], "Organization"),       # a named alias
    (_org("e4", "the ministry"), [Role("p0", "minister", "e4", Span(0, 8))], "Organization"),
    (_org("e5"), [], "Organization"),                    # implied by a title: no mention
    (_org("e6", "the army", kind="Person"), [], "Person"),   # only organisations change
])
def test_described_only(entity, roles, kind):
    assert [e.kind for e in described_only([entity], roles)] == [kind]


@pytest.mark.parametrize(("text", "kind"), [
    ("the Okafor administration", "UnnamedSource"),     # led by a person of the article
    ("Lena Okafor's government", "UnnamedSource"),
    ("the Kelby administration", "Organization"),        # Kelby is no person here
])
def test_bodies_led_by_a_person(text, kind):
    person = Entity("e0", "Person", "Lena Okafor", aliases={"Okafor"},
                    mentions=[Mention(Span(0, 11), "Lena Okafor")])
    body = _org("e1", text)
    assert described_only([person, body], [])[1].kind == kind
