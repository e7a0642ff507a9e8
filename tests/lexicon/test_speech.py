"""Tests of graph.lexicon.speech: cues, referents, pronouns and the speech stage's words."""

from __future__ import annotations

import pytest

from graph.lexicon import lexicon
from graph.lexicon.speech import cues_from_rows, referents_from_rows
from graph.rdf._terms import SPEECH_ACTS


def test_cue_lexicon_covers_brief():
    cues = lexicon().speech.cues
    for phrase in ("say", "according to", "call on", "point out", "warn", "order", "urge",
                   "ask", "criticise", "criticize", "commend", "deny", "confirm", "reveal",
                   "note", "add", "state", "report", "acknowledge", "emphasise", "emphasize",
                   "stress", "suggest", "indicate", "believe", "reiterate", "allege",
                   "encourage", "explain", "claim", "promise", "vow"):
        assert phrase in cues, phrase
    assert {c.speech_act for c in cues.values()} == set(SPEECH_ACTS)


@pytest.mark.parametrize(("row", "message"), [
    (("say", "shout", "clause", "-"), "speech act 'shout'"),
    (("say", "assert", "everything", "-"), "content 'everything'"),
    (("tell", "assert", "object", "yell"), "xcomp class 'yell'"),
])
def test_bad_cue_row_names_the_options(row, message):
    with pytest.raises(ValueError, match=message):
        cues_from_rows([row])


@pytest.mark.parametrize(("row", "expected"), [
    (("say", "assert"), ("say", "assert", "clause", None)),
    (("Tell", "assert", "object", "order", "a note"), ("tell", "assert", "object", "order")),
])
def test_cue_rows(row, expected):
    (cue,) = cues_from_rows([row]).values()
    assert (cue.phrase, cue.speech_act, cue.content, cue.xcomp_act) == expected


def test_referents_kinds():
    ref = lexicon().speech.referents
    assert {"official", "spokesman", "source"} <= ref.person
    assert {"ministry", "police", "government"} <= ref.organization
    assert {"report", "statement", "statistics"} <= ref.document
    assert {"poll", "study", "survey"} <= ref.evidence
    assert {"province", "city", "country"} <= ref.place
    assert ref.titles["prime minister"] == ref.titles["premier"]
    assert ref.titles["spokesman"] == ref.titles["spokeswoman"] == "spokesperson"
    assert (ref.kin["mother"], ref.kin["father"]) == ("f", "m")


def test_referents_reject_unknown_kin_gender():
    with pytest.raises(ValueError, match="kin gender 'x'"):
        referents_from_rows([("aunt", "kin", "x")])


def test_referents_reject_unknown_kind():
    with pytest.raises(ValueError, match="unknown kind 'magic'"):
        referents_from_rows([("official", "person", "-"), ("wizard", "magic", "-")])


@pytest.mark.parametrize(("word", "gender"), [("he", "m"), ("his", "m"), ("she", "f"),
                                              ("herself", "f"), ("it", None), ("they", None)])
def test_pronoun_gender(word, gender):
    assert lexicon().speech.pronouns.gender.get(word) == gender


@pytest.mark.parametrize(("field", "word"), [
    ("organization", "its"), ("plural", "them"), ("relative", "who"), ("first_person", "my"),
    ("first_plural", "we"), ("indefinite", "those"), ("answer", "a"), ("second_person", "you"),
    ("demonstrative", "this"),
])
def test_pronoun_classes(field, word):
    assert word in getattr(lexicon().speech.pronouns, field)


def test_writer_description():
    assert lexicon().speech.pronouns.writer == "the writer"


@pytest.mark.parametrize(("key", "description"), [
    ("", "an unidentified source"), ("m", "an unidentified man"), ("f", "an unidentified woman"),
    ("plural", "unidentified sources"),
])
def test_descriptions_of_pronouns_that_refer_to_no_one(key, description):
    assert lexicon().speech.pronouns.unidentified[key] == description


@pytest.mark.parametrize(("word", "referring"), [
    ("it", True), ("they", True), ("who", True), ("you", True), ("those", True), ("this", True),
    ("someone", False), ("others", False), ("the writer", False),
])
def test_referring_pronouns(word, referring):
    assert (word in lexicon().speech.pronouns.referring()) is referring


@pytest.mark.parametrize(("field", "word"), [
    ("indefinite", "a"), ("quantifiers", "dozens"), ("name_glue", "of"), ("author_preps", "by"),
    ("np_preps", "with"), ("content_preps", "against"), ("quoting_verbs", "quote"),
])
def test_word_uses(field, word):
    assert word in getattr(lexicon().speech, field)


def test_target_acts_and_default_cue_are_checked():
    words = lexicon().speech
    assert words.target_acts == {"criticise", "praise", "order", "characterise"}
    assert words.target_acts <= set(SPEECH_ACTS)
    assert words.default_cue is words.cues["say"]
