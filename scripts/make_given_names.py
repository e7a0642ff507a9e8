"""Compile ``graph/data/given_names.tsv``, the first names of many countries that show a
name to be a person's (:func:`graph.extract.actors.classify.given_name_first`), each with
the gender its bearers mostly have, from the name lists that the Faker package (MIT
licence, https://github.com/joke2k/faker) ships for its locales.

Kept: names in Latin script of one word, three letters or more, listed by a locale other
than Faker's generic ``en`` (whose long tail from a census holds words such as "China" or
"Young") or by ``en_US``; not a place the lexicon knows (:mod:`graph.lexicon.places`:
"Jordan", "Georgia"). The gender ("m" or "f") is the one of the locales that list the name
as male or female, when all of them agree, or all but one of four or more (a few locales
borrow another's list); otherwise none ("Jean", "Kim", "Andrea"). Faker is needed only to
run this script, not by claimgraph.

Usage::

    pip download --no-deps faker==40.54.0 -d /tmp/faker && unzip -q /tmp/faker/*.whl -d /tmp/faker/x
    .venv/bin/python scripts/make_given_names.py /tmp/faker/x > graph/data/given_names.tsv
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
#: The gendered lists of a locale.
GENDERED = {"first_names_male": "m", "first_names_male_romanized": "m",
            "first_names_female": "f", "first_names_female_romanized": "f"}
#: Names left out: words that open place names more often than people's ("Santa Marta").
LEFT_OUT = frozenset({"Santa", "Santo", "Mar", "Sol", "Ciudad"})
HEADER = """\
# First names of many countries, one a line, and the gender (m or f) their bearers mostly
# have, or none: a name of two or three words that opens on one is a person's, whatever
# the model read (graph.extract.actors.classify); the gender lets "she" find her
# (graph.extract.reference). Compiled
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
    genders: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        for attr in ATTRIBUTES:
            names = getattr(provider, attr, None)
            if names is not None and hasattr(names, "__iter__"):
                for name in names:
                    locales[name].add(module.name)
                    if attr in GENDERED:
                        genders[name][GENDERED[attr]].add(module.name)
    places = lexicon().places
    kept = sorted({n for n, where in locales.items() if latin(n) and where - {"en"} and n not in LEFT_OUT
                   and not places.is_place(n)},
                  key=str.casefold)
    sys.stdout.write(HEADER.format(version=faker.VERSION))
    sys.stdout.write("".join(f"{n}\t{gender(genders.get(n, {}))}\n" for n in kept))


def gender(listed: dict[str, set[str]]) -> str:
    """"m" or "f" when the locales listing a name by gender agree (all, or all but one of
    four or more), else ""."""
    counts = sorted(((len(where), sex) for sex, where in listed.items()), reverse=True)
    if not counts:
        return ""
    (most, sex), dissent = counts[0], sum(n for n, _ in counts[1:])
    return sex if dissent == 0 or (dissent == 1 and most >= 4) else ""


if __name__ == "__main__":
    main(sys.argv[1])
