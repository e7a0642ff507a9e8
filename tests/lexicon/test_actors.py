"""Tests for graph.lexicon.actors: the actors word lists as read from graph/data/."""

from __future__ import annotations

import pytest

from graph.lexicon import lexicon


@pytest.mark.parametrize(
    ("attribute", "word", "present"),
    [
        ("titles", "minister", True),
        ("titles", "river", False),
        ("title_modifiers", "deputy", True),
        ("org_heads", "police", True),
        ("place_types", "province", True),
        ("connectors", "of", True),
        ("leading_junk", "the", True),
        ("possessives", "'s", True),
        ("title_preps", "from", True),
        ("org_preps", "for", True),
        ("appos_articles", "an", True),
        ("appos_stops", ";", True),
        ("appos_cuts", "who", True),
        ("not_ministries", "prime", True),
        ("ministry_domains", "foreign affairs", True),
        ("ministry_domains", "foreign", True),
        ("given_names", "maria", True),
        ("given_names", "ahmed", True),
        ("given_names", "wei", True),
        ("given_names", "jordan", False),  # a known place: left out by the compiling script
        ("given_names", "china", False),  # only in the census long tail: left out
        ("titles", "anchor", True),
        ("titles", "assemblywoman", True),
        ("verbs", "lead", True),
        ("verbs", "won", True),  # an irregular form
        ("verbs", "okafor", False),
    ],
)
def test_word_lists(attribute, word, present):
    assert (word in getattr(lexicon().actors, attribute)) is present


def test_ministry_names_keep_their_case():
    assert lexicon().actors.ministry_names["foreign"] == "Foreign Affairs"


def test_word_lists_have_no_comments_or_blanks():
    words = lexicon().actors
    for attribute in ("titles", "title_modifiers", "org_heads", "place_types", "connectors"):
        assert all(w and not w.startswith("#") and w == w.strip() for w in getattr(words, attribute))


@pytest.mark.parametrize(
    ("word", "verb"),
    [
        ("Leads", True),  # -s
        ("Wins", True),
        ("Pushes", True),  # -es
        ("Denies", True),  # -ies
        ("Booed", True),  # -ed
        ("Vowed", True),
        ("Stopped", True),  # a doubled consonant
        ("Won", True),  # irregular, listed
        ("Miss", True),  # a base form
        ("Okafor", False),
        ("Venn", False),
        ("Abs", False),  # a stem under three letters is never taken
    ],
)
def test_verb_forms(word, verb):
    assert lexicon().actors.is_verb_form(word) is verb
