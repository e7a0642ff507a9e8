"""Tests of graph.extract.speakers: the referent lexicon and speaker resolution state."""

from __future__ import annotations

import pytest

from graph.extract.speakers import SpeakerResolver, load_referents
from graph.records import Entity, Mention, Span


def entity(key: str, kind: str, name: str, text: str, gender: str | None = None) -> Entity:
    """An entity with one mention per occurrence of ``name`` in ``text``."""
    mentions, at = [], text.find(name)
    while at >= 0:
        mentions.append(Mention(Span(at, at + len(name)), name))
        at = text.find(name, at + 1)
    return Entity(key, kind, name, mentions=mentions, gender=gender)  # type: ignore[arg-type]


def test_referents_kinds():
    ref = load_referents()
    assert {"official", "spokesman", "source"} <= ref.person
    assert {"ministry", "police", "government"} <= ref.organization
    assert {"report", "statement", "statistics"} <= ref.document
    assert {"province", "city", "country"} <= ref.place
    assert ref.titles["prime minister"] == ref.titles["premier"]
    assert ref.titles["spokesman"] == ref.titles["spokeswoman"] == "spokesperson"


def test_referents_reject_unknown_kind(tmp_path):
    path = tmp_path / "referents.tsv"
    path.write_text("official\tperson\t-\nwizard\tmagic\t-\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown kind 'magic'"):
        load_referents(path)


TEXT = ("Lena Vogt met Tomas Berg in Rivertown. Mr. Berg left early. "
        "The Harbour Authority later closed the port.")


@pytest.fixture
def resolver(nlp):
    doc = nlp(TEXT)
    entities = [entity("e0", "Person", "Lena Vogt", TEXT, "f"),
                entity("e1", "Person", "Tomas Berg", TEXT),
                entity("e2", "Place", "Rivertown", TEXT),
                entity("e3", "Organization", "Harbour Authority", TEXT)]
    entities[1].aliases.add("Mr. Berg")
    entities[1].mentions.append(Mention(Span(TEXT.find("Mr. Berg"), TEXT.find("Mr. Berg") + 8),
                                        "Mr. Berg"))
    return SpeakerResolver(doc, entities, [], [])


@pytest.mark.parametrize(("word", "expected"), [
    ("she", "e0"),        # the only woman
    ("he", "e1"),         # gender from the honorific "Mr."
    ("it", "e3"),         # organisations only
    ("we", None),
    ("I", None),
])
def test_pronoun(resolver, word, expected):
    assert resolver.pronoun(word, len(TEXT)) == expected


def test_recorded_speaker_is_most_salient(resolver):
    resolver.record("e0", TEXT.find("The Harbour"))
    assert resolver.last_speaker == "e0"
    assert resolver.salient_person(len(TEXT)) == "e0"


def test_new_entity_is_reused_by_words(resolver):
    first = resolver.new_entity("UnnamedSource", Span(0, 9))
    again = resolver.new_entity("UnnamedSource", Span(0, 9))
    assert first == again == "s0"
    assert [e.name for e in resolver.new_entities] == ["Lena Vogt"]
    assert len(resolver.new_entities[0].mentions) == 2


def test_mentions_in(resolver):
    assert resolver.mentions_in(Span(0, TEXT.find("."))) == ["e0", "e1", "e2"]
    assert resolver.mentions_in(Span(0, 3)) == []
