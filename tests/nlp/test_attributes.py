"""The fast attribute ruler gives spaCy's matches and annotations, whatever the rules."""

from __future__ import annotations

import numpy as np
import pytest
import spacy
from spacy.attrs import LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler

from graph.nlp import model_name
from graph.nlp.attributes import ARRAY_ATTRS, FastAttributeRuler, use_fast_attribute_ruler
from tests.conftest import SEEDS

TEXT = ("The minister said on Monday that the U.S. didn't know. \"We've   got nothing,\" "
        "she told reporters in 2021, adding that 3,400 people - y'know - had left.\n\nNothin' else. "
        "Café? Write to info@example.org or see https://example.org.")
UPSTREAM = ["attribute_ruler", "lemmatizer", "ner"]

# (case, rules): each rule is AttributeRuler.add's keyword arguments.
SUPPORTED = [
    ("exact tag", [{"patterns": [[{"TAG": "NNP"}]], "attrs": {"POS": "X"}}]),
    ("two attributes", [{"patterns": [[{"TAG": "VBD", "LOWER": "said"}]], "attrs": {"LEMMA": "SAY"}}]),
    ("text alias, lower-case name", [{"patterns": [[{"text": "minister"}]], "attrs": {"MORPH": "Number=Sing"}}]),
    ("bool and int", [{"patterns": [[{"IS_SPACE": True}], [{"LENGTH": 4, "IS_ALPHA": True}]],
                       "attrs": {"POS": "SPACE"}}]),
    ("in and not in", [{"patterns": [[{"LOWER": {"IN": ["the", "that", "had"]}, "DEP": {"NOT_IN": ["det", ""]}}]],
                        "attrs": {"POS": "PRON"}}]),
    ("regex", [{"patterns": [[{"LOWER": {"REGEX": "^n[ou]thin'?$"}}], [{"LOWER": {"REGEX": "^y'?$"}}]],
                "attrs": {"LEMMA": "nothing"}}]),
    ("several tokens, index -1", [{"patterns": [[{"LOWER": "did"}, {"LOWER": "n't"}], [{}, {"TAG": "CD"}, {}]],
                                   "attrs": {"LEMMA": "not"}, "index": -1}]),
    ("later rules win", [{"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "X"}},
                         {"patterns": [[{"LOWER": "minister"}]], "attrs": {"POS": "PROPN"}}]),
    ("no match", [{"patterns": [[{"LOWER": "absent"}, {"LOWER": "words"}]], "attrs": {"POS": "X"}}]),
]
NEEDS_MATCHER = [
    ("operator", [{"patterns": [[{"LOWER": "the"}, {"TAG": "JJ", "OP": "?"}, {"TAG": "NN"}]],
                   "attrs": {"POS": "X"}}]),
    ("comparison", [{"patterns": [[{"LENGTH": {">=": 8}}]], "attrs": {"POS": "X"}}]),
    ("fuzzy", [{"patterns": [[{"LOWER": {"FUZZY": "minster"}}]], "attrs": {"POS": "X"}}]),
    ("unknown attribute", [{"patterns": [[{"SENT_START": True}]], "attrs": {"POS": "X"}}]),
]


@pytest.fixture(scope="module")
def stock():
    """The model as published, with spaCy's own attribute ruler."""
    return spacy.load(model_name())


def _rulers(vocab, rules):
    slow, fast = AttributeRuler(vocab), FastAttributeRuler(vocab)
    for ruler in (slow, fast):
        ruler.add_patterns(rules)
    return slow, fast


@pytest.mark.parametrize("case, rules", SUPPORTED + NEEDS_MATCHER, ids=[c for c, _ in SUPPORTED + NEEDS_MATCHER])
def test_matches_and_annotations_are_spacys(nlp, case, rules):
    slow, fast = _rulers(nlp.vocab, rules)
    doc = nlp(TEXT, disable=UPSTREAM)
    assert fast.match(doc) == slow.match(doc)
    attrs = [TAG, POS, MORPH, LEMMA]
    assert np.array_equal(fast(doc.copy()).to_array(attrs), slow(doc.copy()).to_array(attrs))


@pytest.mark.parametrize("attr", sorted(ARRAY_ATTRS))
def test_every_attribute_read_from_the_array_matches_as_spacy_reads_it(nlp, attr):
    doc = nlp(TEXT, disable=UPSTREAM[1:])  # after the ruler: POS and LEMMA are set too
    doc[3].ent_type_ = "ORG"
    column = doc.to_array(attr)
    values = {doc.vocab.strings[int(v)] if v > 1 and attr != "LENGTH" else
              (int(v) if attr == "LENGTH" else bool(v)) for v in column.tolist()}
    assert len(values) > 1, "the text must give this attribute more than one value"
    rules = [{"patterns": [[{attr: value}] for value in sorted(values, key=str)], "attrs": {"MORPH": "Foo=Bar"}}]
    slow, fast = _rulers(nlp.vocab, rules)
    assert fast._compile() is not None
    assert fast.match(doc) == slow.match(doc)


@pytest.mark.parametrize("case, rules", SUPPORTED, ids=[c for c, _ in SUPPORTED])
def test_rules_of_values_sets_and_regexes_skip_the_matcher(nlp, case, rules):
    assert _rulers(nlp.vocab, rules)[1]._compile() is not None


@pytest.mark.parametrize("case, rules", NEEDS_MATCHER, ids=[c for c, _ in NEEDS_MATCHER])
def test_other_rules_use_the_matcher(nlp, case, rules):
    assert _rulers(nlp.vocab, rules)[1]._compile() is None


def test_a_rule_added_later_is_matched(nlp):
    slow, fast = _rulers(nlp.vocab, SUPPORTED[0][1])
    doc = nlp(TEXT, disable=UPSTREAM)
    fast.match(doc)
    for ruler in (slow, fast):
        ruler.add([[{"LOWER": "reporters"}]], {"POS": "X"})
    assert fast.match(doc) == slow.match(doc)
    assert any(key == 1 for key, *_ in fast.match(doc))


def test_the_models_rules_all_skip_the_matcher(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, FastAttributeRuler)
    assert ruler._compile() is not None


def test_the_seeds_are_annotated_as_by_the_published_model(nlp, stock):
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    attrs = [TAG, POS, MORPH, LEMMA]
    assert texts
    for ours, theirs in zip(nlp.pipe(texts), stock.pipe(texts), strict=True):
        assert np.array_equal(ours.to_array(attrs), theirs.to_array(attrs))


def test_pipelines_without_a_stock_ruler_are_left_alone():
    blank = spacy.blank("en")
    assert use_fast_attribute_ruler(blank).pipe_names == []
    blank.add_pipe("attribute_ruler")
    assert isinstance(use_fast_attribute_ruler(blank).get_pipe("attribute_ruler"), FastAttributeRuler)
    assert use_fast_attribute_ruler(blank).pipe_names == ["attribute_ruler"]
