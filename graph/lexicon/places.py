"""The places section of the lexicon (see :mod:`graph.lexicon`): every country's names, the
variants and abbreviations it is written with, and its demonyms, so that "US", "U.S.",
"United States" and "America" are one place and "British" can stand for the United Kingdom.

The official and common names of each country come from pycountry (ISO 3166);
``place_variants.tsv`` adds the names news writes (abbreviations, former and short names)
and the demonyms, and its first column is the name a country is shown by.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import pycountry

from graph.lexicon._files import read_table

_DOTS = re.compile(r"\.")
_THE = re.compile(r"^the\s+")


def fold(name: str) -> str:
    """A place name folded for lookup: case, dots, a leading "the" and extra spaces ignored.

    >>> fold("the U.S."), fold("United  States")
    ('us', 'united states')
    """
    return _THE.sub("", " ".join(_DOTS.sub("", name).casefold().split()))


@dataclass(frozen=True)
class PlaceNames:
    """Country names and demonyms.

    Attributes:
        names: Folded name, variant or abbreviation -> the name the country is shown by.
        demonyms: Folded demonym ("british") -> the name the country is shown by.
    """

    names: Mapping[str, str]
    demonyms: Mapping[str, str]

    def canonical(self, name: str) -> str | None:
        """The name a country written ``name`` is shown by, or None when it is not one.

        >>> from graph.lexicon import lexicon
        >>> [lexicon().places.canonical(n) for n in ("U.S.", "America", "Viet Nam", "Kelby")]
        ['United States', 'United States', 'Vietnam', None]
        """
        return self.names.get(fold(name))

    def of_demonym(self, word: str) -> str | None:
        """The country a demonym stands for ("Polish" -> "Poland"), or None."""
        return self.demonyms.get(fold(word))


def _iso_names() -> dict[str, set[str]]:
    """The name each ISO country is shown by -> all its ISO names (inverted "Korea,
    Republic of" forms left out)."""
    out: dict[str, set[str]] = {}
    for country in pycountry.countries:
        forms = {getattr(country, f, None) for f in ("name", "common_name", "official_name")}
        forms = {_THE.sub("", f) for f in forms if f and "," not in f and "(" not in f}
        shown = getattr(country, "common_name", None) or country.name
        if forms and "," not in shown:
            out[shown] = forms
    return out


def load() -> PlaceNames:
    """Read the country names from pycountry and ``place_variants.tsv``."""
    countries = _iso_names()
    by_form = {fold(f): shown for shown, forms in countries.items() for f in forms | {shown}}
    demonyms: dict[str, str] = {}
    for row in read_table("place_variants.tsv"):
        shown, variants, people = (list(row) + ["", ""])[:3]
        forms = {shown, *filter(None, variants.split("|"))}
        iso = next((by_form[fold(f)] for f in forms if fold(f) in by_form), None)
        if iso is not None:
            forms |= countries.pop(iso)
            forms.add(iso)
        countries[shown] = forms
        demonyms.update({fold(d): shown for d in filter(None, people.split("|"))})
    names = {fold(f): shown for shown, forms in countries.items() for f in forms | {shown}}
    return PlaceNames(MappingProxyType(names), MappingProxyType(demonyms))
