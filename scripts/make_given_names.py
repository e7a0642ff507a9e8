"""Compile ``graph/data/given_names.txt``, the first names of many countries that show a
name to be a person's (:func:`graph.extract.actors.classify.given_name_first`), from the
name lists that the Faker package (MIT licence, https://github.com/joke2k/faker) ships
for its locales.

Kept: names in Latin script of one word, three letters or more, listed by a locale other
than Faker's generic ``en`` (whose long tail from a census holds words such as "China" or
"Young") or by ``en_US``; not a place the lexicon knows (:mod:`graph.lexicon.places`:
"Jordan", "Georgia"). Faker is needed only to run this script, not by claimgraph.

Usage::

    pip download --no-deps faker==40.54.0 -d /tmp/faker && unzip -q /tmp/faker/*.whl -d /tmp/faker/x
    .venv/bin/python scripts/make_given_names.py /tmp/faker/x > graph/data/given_names.txt
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import unicodedata
from collections import defaultdict

from graph.lexicon import lexicon

ATTRIBUTES = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary",
              "first_names_unisex", "first_romanized_names", "first_names_male_romanized",
              "first_names_female_romanized", "romanized_first_names")
#: Names left out: words that open place names more often than people's ("Santa Marta").
LEFT_OUT = frozenset({"Santa", "Santo", "Mar", "Sol", "Ciudad"})
HEADER = """\
# First names of many countries, one a line: a name of two or three words that opens on
# one is a person's, whatever the model read (graph.extract.actors.classify). Compiled
# by scripts/make_given_names.py from the name lists of the Faker package's locales
# (version {version}; Latin script only, known places left out).
# Faker: Copyright (c) 2012 Daniele Faraglia, MIT licence
# (https://github.com/joke2k/faker/blob/master/LICENSE.txt).
"""


def latin(name: str) -> bool:
    """True for a capitalised name of Latin letters (accents allowed), apostrophes and hyphens."""
    plain = unicodedata.normalize("NFKD", name)
    return (name[:1].isupper() and len(name) >= 3 and " " not in name
            and all(c in "'-" or unicodedata.combining(c) or (c.isalpha() and unicodedata.name(c, "").startswith("LATIN"))
                    for c in plain))


def main(faker_dir: str) -> None:
    sys.path.insert(0, faker_dir)
    import faker
    import faker.providers.person as person

    locales: dict[str, set[str]] = defaultdict(set)
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        for attr in ATTRIBUTES:
            names = getattr(provider, attr, None)
            if names is not None and hasattr(names, "__iter__"):
                for name in names:
                    locales[name].add(module.name)
    places = lexicon().places
    kept = sorted({n for n, where in locales.items() if latin(n) and where - {"en"} and n not in LEFT_OUT
                   and not places.is_place(n)},
                  key=str.casefold)
    sys.stdout.write(HEADER.format(version=faker.VERSION))
    sys.stdout.write("".join(f"{n}\n" for n in kept))


if __name__ == "__main__":
    main(sys.argv[1])
