"""Names compared across articles (graph.resolve.names)."""

from __future__ import annotations

import pytest

from graph.resolve.names import PART, fold, index_keys, lookup_keys, within_reason


@pytest.mark.parametrize(("name", "expected"), [("Mr. Brudziński", "brudzinski"), ("The Coast Guard", "coast guard"),
                                                ("O'Neill", "oneill")])
def test_fold(name, expected):
    assert fold(name) == expected


@pytest.mark.parametrize(("alias", "name", "expected"), [
    ("Mr. Okafor", "Tunde Okafor", "honorific"), ("Okafor", "Tunde Okafor", "short name"),
    ("HSB", "Harbour Safety Board", "defined acronym"), ("Okafer", "Tunde Okafor", "near spelling"),
])
def test_within_reason(alias, name, expected):
    assert within_reason(alias, name) == expected


@pytest.mark.parametrize(("kind", "names", "titles", "expected"), [
    ("Person", ("Tunde Okafor",), (), {"tunde okafor", PART + "tunde", PART + "okafor"}),
    ("Organization", ("Harbour Safety Board", "H.S.B."), (), {"harbour safety board", "h s b", "hsb", PART + "hsb"}),
    ("Place", ("Portvale",), (), {"portvale"}),
])
def test_index_keys(kind, names, titles, expected):
    assert index_keys(kind, names, titles) == expected


@pytest.mark.parametrize(("kind", "names", "titles", "expected"), [
    # a full name finds the short names it could take over
    ("Person", ("Tunde Okafor",), (), {"tunde okafor", "tunde", "okafor"}),
    # a titled short name finds the full names that have it
    ("Person", ("Okafor",), ("mayor",), {"okafor", PART + "okafor"}),
    # an untitled short name finds only itself
    ("Person", ("Okafor",), (), {"okafor"}),
    # an acronym alone finds the names with those initials
    ("Organization", ("HSB",), (), {"hsb", PART + "hsb"}),
])
def test_lookup_keys(kind, names, titles, expected):
    assert lookup_keys(kind, names, titles) == expected
