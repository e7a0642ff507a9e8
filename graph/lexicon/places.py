"""The places section of the lexicon (see :mod:`graph.lexicon`): every country's names, the
variants and abbreviations it is written with, and its demonyms, so that "US", "U.S.",
"United States" and "America" are one place and "British" can stand for the United Kingdom.

The official and common names of each country come from pycountry (ISO 3166);
``place_variants.tsv`` adds the names news writes (abbreviations, former and short names)
and the demonyms, and its first column is the name a country is shown by. Other known
places (regions, states, provinces and districts from pycountry's ISO 3166-2 subdivisions,
capitals and large cities from ``major_places.txt``) only tell that a name is a place;
``not_place_names.txt`` keeps the common words among them out. ``place_heads.txt`` holds
the last words that make any name a place ("Kelby Airport").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import pycountry

from graph.lexicon._files import read_lines, read_table, read_words

_DOTS = re.compile(r"\.")
_THE = re.compile(r"^the\s+")
#: Subdivision names shorter than this are too often other words ("Ra", "Bua").
MIN_REGION_LETTERS = 4


def fold(name: str) -> str:
    """A place name folded for lookup: case, accents, dots, a leading "the" and extra spaces
    ignored.

    >>> fold("the U.S."), fold("United  States"), fold("Yaoundé")
    ('us', 'united states', 'yaounde')
    """
    bare = "".join(c for c in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(c))
    return _THE.sub("", " ".join(_DOTS.sub("", bare).split()))


@dataclass(frozen=True)
class PlaceNames:
    """Country names and demonyms.

    Attributes:
        names: Folded name, variant or abbreviation -> the name the country is shown by.
        demonyms: Folded demonym ("british") -> the name the country is shown by.
        regions: Other known places, folded: subdivisions, capitals and large cities.
        heads: Last words that make a name a place ("bridge", "airport"), from
            ``place_heads.txt``.
        leads: First words that make a name a place ("lake", "hotel", "playa"), from
            ``place_leads.txt``.
        codes: The countries' three-letter ISO 3166 codes, in capitals ("FRA", "KEN").
    """

    names: Mapping[str, str]
    demonyms: Mapping[str, str]
    regions: frozenset[str] = frozenset()
    heads: frozenset[str] = frozenset()
    leads: frozenset[str] = frozenset()
    codes: frozenset[str] = frozenset()

    def canonical(self, name: str) -> str | None:
        """The name a country written ``name`` is shown by, or None when it is not one.

        >>> from graph.lexicon import lexicon
        >>> [lexicon().places.canonical(n) for n in ("U.S.", "America", "Viet Nam", "Kelby")]
        ['United States', 'United States', 'Vietnam', None]
        """
        return self.names.get(fold(name))

    def is_place(self, name: str) -> bool:
        """True when ``name`` is a country or another known place (a region, a capital).

        >>> from graph.lexicon import lexicon
        >>> [lexicon().places.is_place(n) for n in ("Viet Nam", "Gujarat", "Amman", "Central", "Kelby")]
        [True, True, True, False, False]
        """
        folded = fold(name)
        return folded in self.names or folded in self.regions

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
    return PlaceNames(MappingProxyType(names), MappingProxyType(demonyms), _regions(),
                      read_words("place_heads.txt"), read_words("place_leads.txt"),
                      frozenset(country.alpha_3 for country in pycountry.countries))


def _regions() -> frozenset[str]:
    """Folded names of pycountry's subdivisions and of ``major_places.txt``, less the
    common words of ``not_place_names.txt`` and names too short to trust."""
    subdivisions = {fold(s.name) for s in pycountry.subdivisions if not set(s.name) & set(",(")}
    subdivisions = {n for n in subdivisions if sum(c.isalpha() for c in n) >= MIN_REGION_LETTERS}
    return frozenset((subdivisions | {fold(n) for n in read_lines("major_places.txt")})
                     - read_words("not_place_names.txt"))
