"""The model's attribute rules, matched a column at a time.

spaCy's ``attribute_ruler`` (which sets ``pos_``, ``morph`` and some lemmas from the
tagger's tags) runs its rules through the general :class:`spacy.matcher.Matcher`, which
tries every pattern at every token in turn, a noticeable share of the parse with the 179
rules of ``en_core_web_sm``. Those rules only test token attributes
against a value, a set of values or a regular expression (``{"TAG": "PRP", "LOWER": "his"}``,
``{"LOWER": {"IN": ["is", "was"]}}``), so :class:`FastAttributeRuler` tests whole columns
of ``Doc.to_array`` with numpy instead and hands the same matches, in the same order, to
spaCy's own ``set_annotations``: the annotations are identical. A ruler with a rule that
needs more (operators such as ``"OP": "?"``, ``FUZZY``, comparisons, extension
attributes) matches with spaCy's Matcher, as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from spacy.attrs import IDS
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore, get_string_id
from spacy.tokens import Doc

NAME = "claimgraph_attribute_ruler"
#: Token attributes whose ``Doc.to_array`` value is the one the Matcher tests.
ARRAY_ATTRS = frozenset({
    "ORTH", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX", "LENGTH", "TAG", "POS", "DEP", "LEMMA",
    "ENT_TYPE", "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_PUNCT", "IS_SPACE",
    "IS_TITLE", "IS_UPPER", "IS_STOP", "LIKE_NUM", "LIKE_URL", "LIKE_EMAIL", "SPACY",
})
_ALIASES = {"TEXT": "ORTH"}

#: A test of one column: its values in, which of them pass.
Test = Callable[[np.ndarray], np.ndarray]


@dataclass(frozen=True)
class _Pattern:
    """One Matcher pattern as tests of columns.

    Attributes:
        key: The ruler's index of the pattern's rule.
        match_id: The Matcher's id of that rule (the id of ``str(key)``).
        length: Tokens matched.
        tests: (token offset, column, test): for a match starting at token ``i``, every
            test passes the value in its column at token ``i + offset``.
    """

    key: int
    match_id: int
    length: int
    tests: tuple[tuple[int, int, Test], ...]


class FastAttributeRuler(AttributeRuler):
    """spaCy's AttributeRuler, matching its rules a column at a time with numpy.

    Reads the token attributes its rules test; writes what they set (``pos``, ``morph``,
    ``lemma``...), exactly as :class:`spacy.pipeline.AttributeRuler` does.
    """

    _compiled: tuple[list[int], list[_Pattern]] | None = None
    _needs_matcher = False

    def add(self, patterns, attrs, index=0) -> None:  # noqa: ANN001 - AttributeRuler's signature
        """Add a rule (see :meth:`spacy.pipeline.AttributeRuler.add`)."""
        super().add(patterns, attrs, index)
        self._compiled, self._needs_matcher = None, False

    def clear(self) -> None:
        """Remove every rule."""
        super().clear()
        self._compiled, self._needs_matcher = None, False

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """The rules matching the Doc, as :meth:`AttributeRuler.match` gives them.

        Returns:
            (rule index, match id, start, end), sorted, so that later rules win.
        """
        if self._compiled is None and not self._needs_matcher:
            self._compiled = self._compile()
            self._needs_matcher = self._compiled is None
        if self._compiled is None:
            return super().match(doc)
        columns, patterns = self._compiled
        table = doc.to_array(columns).reshape(len(doc), len(columns))
        matches = []
        for pattern in patterns:
            starts = len(doc) - pattern.length + 1
            if starts <= 0:
                continue
            hit = np.ones(starts, dtype=bool)
            for offset, column, test in pattern.tests:
                hit &= test(table[offset:offset + starts, column])
            matches += [(pattern.key, pattern.match_id, s, s + pattern.length)
                        for s in np.flatnonzero(hit).tolist()]
        matches.sort()
        return matches

    def _compile(self) -> tuple[list[int], list[_Pattern]] | None:
        """The rules as column tests, or None when one of them needs the Matcher."""
        columns: dict[str, int] = {}
        patterns = []
        for key, rule in enumerate(self.patterns):
            match_id = self.vocab.strings.add(str(key))
            for pattern in rule["patterns"]:
                tests = []
                for offset, token in enumerate(pattern):
                    for name, value in token.items():
                        attr = _ALIASES.get(name.upper(), name.upper())
                        found = _tests(value, self.vocab.strings)
                        if attr not in ARRAY_ATTRS or found is None:
                            return None
                        column = columns.setdefault(attr, len(columns))
                        tests += [(offset, column, test) for test in found]
                patterns.append(_Pattern(key, match_id, len(pattern), tuple(tests)))
        return [IDS[a] for a in columns] or [IDS["ORTH"]], patterns


def _tests(value: object, strings: StringStore) -> list[Test] | None:
    """A token pattern's value as column tests, read as the Matcher reads it, or None when
    it is not a value, ``IN``, ``NOT_IN`` or ``REGEX``."""
    if isinstance(value, (str, bool, int)):
        wanted = strings.add(value) if isinstance(value, str) else int(value)
        return [lambda column: column == wanted]
    if not isinstance(value, dict) or not value:
        return None
    tests: list[Test] = []
    for predicate, argument in value.items():
        if predicate == "REGEX" and isinstance(argument, str):
            tests.append(_regex_test(re.compile(argument), strings))
        elif predicate in ("IN", "NOT_IN") and isinstance(argument, list) and all(
                isinstance(v, (str, int)) for v in argument):
            values = np.array(sorted({get_string_id(v) for v in argument}), dtype=np.uint64)
            tests.append(_set_test(values, predicate == "IN"))
        else:
            return None
    return tests


def _set_test(values: np.ndarray, inside: bool) -> Test:
    return lambda column: np.isin(column, values, invert=not inside)


def _regex_test(pattern: re.Pattern[str], strings: StringStore) -> Test:
    def test(column: np.ndarray) -> np.ndarray:
        distinct = np.unique(column)
        passing = [bool(pattern.search(strings[int(h)])) for h in distinct.tolist()]
        return np.isin(column, distinct[passing])
    return test


@Language.factory(NAME, default_config={"validate": False})
def make_fast_attribute_ruler(nlp: Language, name: str, validate: bool) -> FastAttributeRuler:
    """The spaCy factory of :class:`FastAttributeRuler` (add the rules after)."""
    return FastAttributeRuler(nlp.vocab, name, validate=validate)


def use_fast_attribute_ruler(nlp: Language) -> Language:
    """Swap the pipeline's ``attribute_ruler`` for a :class:`FastAttributeRuler` with its rules.

    Args:
        nlp: A loaded pipeline; left as it is when it has no stock ``attribute_ruler``.

    Returns:
        The same pipeline.
    """
    if "attribute_ruler" not in nlp.component_names:
        return nlp
    stock = nlp.get_pipe("attribute_ruler")
    if type(stock) is not AttributeRuler:
        return nlp
    fast = nlp.replace_pipe("attribute_ruler", NAME, config={"validate": stock.validate})
    fast.add_patterns(stock.patterns)
    return nlp
