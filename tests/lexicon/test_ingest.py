"""Tests of graph.lexicon.ingest: boilerplate line rules and date words."""

from __future__ import annotations

import re

import pytest

from graph.lexicon import lexicon
from graph.lexicon.ingest import BYLINE_KINDS, DATELINE_KINDS, Rule, group, parse_rules


@pytest.mark.parametrize(("lines", "message"), [
    (["widget\tok", "bogus\tx"], "bogus"),
    (["widget no tab"], "KIND<TAB>PATTERN"),
    (["caption\t(unclosed"], "bad pattern"),
])
def test_bad_rules(lines, message):
    with pytest.raises(ValueError, match=message):
        parse_rules(lines)


def test_rules_parse():
    rules = parse_rules(["widget\tadvert", "caption\tX/Y$"])
    assert [(r.kind, r.pattern.pattern) for r in rules] == [("widget", "advert"), ("caption", "X/Y$")]
    assert all(isinstance(r, Rule) for r in rules)


@pytest.mark.parametrize(("line", "text", "matches"), [
    ("widget\tadvert", "ADVERT", True),  # widgets ignore case
    ("caption\tX/Y", "x/y", False),      # captions keep it
    ("caption\tX/Y", "X/Y", True),
])
def test_rule_case(line, text, matches):
    (rule,) = parse_rules([line])
    assert bool(rule.pattern.fullmatch(text)) is matches


@pytest.mark.parametrize(("word", "matches"), [
    ("Sept.", True), ("march", True), ("MAY", True), ("Marc", False), ("Sepember", False),
])
def test_month_pattern(word, matches):
    assert bool(re.fullmatch(lexicon().ingest.month_pattern, word, re.IGNORECASE)) is matches


@pytest.mark.parametrize(("word", "matches"), [
    ("Tues.", True), ("thursday", True), ("Sun", True), ("Tueday", False),
])
def test_weekday_pattern(word, matches):
    assert bool(re.fullmatch(lexicon().ingest.weekday_pattern, word, re.IGNORECASE)) is matches


@pytest.mark.parametrize(("words", "text", "matches"), [
    (["e-mail", "email"], "e-mail", True),
    (["e-mail", "email"], "e.mail", False),  # words are escaped, not patterns
    (["van", "von"], "von", True),
    (["van", "von"], "vo", False),
])
def test_group(words, text, matches):
    assert bool(re.fullmatch(group(words), text)) is matches


@pytest.mark.parametrize(("table", "kinds", "word"), [
    ("dateline_words", DATELINE_KINDS, "published"),
    ("byline_words", BYLINE_KINDS, "Written"),
])
def test_word_tables_have_every_kind(table, kinds, word):
    groups = getattr(lexicon().ingest, table)
    assert tuple(groups) == kinds
    assert any(re.fullmatch(pattern, word) for pattern in groups.values())
