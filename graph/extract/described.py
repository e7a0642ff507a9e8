"""Organisations an article only describes: "the government", "police", "her office".

Such a phrase is a common noun: no word of it is capitalised but a leading article. The
actors and speech stages keep it as an organisation while they read the article (a
pronoun may refer to it, a statement may be about it), but it names no organisation a
reader could look up, so the article's record gives it as an unnamed source
(``cg:UnnamedSource``: described, not named, never merged across articles), like "a
police official". A phrase with a name or an owner in it stays an organisation ("the
Ostland government", "the Harbour Authority", "al-Shabaab", "the mayor's office").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from graph.records import Entity, Role

#: A capital on a leading article or possessive pronoun ("The government said", "Her office
#: said") says nothing about the phrase.
_LEADING_ARTICLE = re.compile(r"^(?:the|an?|her|his|its|their|our|my|your)\s+", re.IGNORECASE)
#: A possessive noun: its owner names the body ("the governor's office").
_OWNER = re.compile(r"\w['’]s?\s")


def described_only(entities: Iterable[Entity], roles: Iterable[Role]) -> list[Entity]:
    """The entities, with every organisation known only by descriptions made an unnamed source.

    An organisation is known only by descriptions when it has a mention and each of its
    names (its name, its aliases, its mentions' texts) is a description
    (:func:`is_description`) or a person's name before one ("the Lee administration"). One
    that a role names as a person's organisation stays an organisation: a role's
    organisation is one (``org:organization``).

    Args:
        entities: The article's entities.
        roles: The article's roles.

    Returns:
        The entities in the same order, those described only with the kind "UnnamedSource".

    Example:
        >>> from graph.records import Mention, Span
        >>> army = Entity("s0", "Organization", "army", mentions=[Mention(Span(0, 8), "the army")])
        >>> [e.kind for e in described_only([army], [])]
        ['UnnamedSource']
    """
    entities = list(entities)
    held = {role.organization for role in roles}
    people = {n.lower() for e in entities if e.kind == "Person" for n in (e.name, *e.aliases)}
    return [replace(e, kind="UnnamedSource") if (
        e.kind == "Organization" and e.mentions and e.key not in held
        and all(is_description(n) or _led_by(n, people) for n in (e.name, *e.aliases, *(m.text for m in e.mentions))))
        else e for e in entities]


def _led_by(name: str, people: set[str]) -> bool:
    """True for a person's name and a common noun after it ("the Lee administration",
    "Ann Lee's government"): the body that person leads, described, not named."""
    words = _LEADING_ARTICLE.sub("", name.strip()).split()
    for n in range(len(words) - 1, 0, -1):
        rest = " ".join(words[n:])
        if is_description(rest) and re.sub(r"['’]s$", "", " ".join(words[:n])).lower() in people:
            return True
    return False


def is_description(name: str) -> bool:
    """True when a name is a common noun phrase: a lowercase letter and no capital but on
    a leading article or possessive pronoun ("The government", "police", "Her office",
    "the armed forces");
    False when a word of it is capitalised ("the Ostland army", "al-Shabaab"), when a
    possessive noun names its owner ("the mayor's office": one office, the mayor's), or
    when it has no letter case (a number, a name in a script without capitals). A
    capitalised "Police" is kept: it may stand for the force named elsewhere."""
    rest = _LEADING_ARTICLE.sub("", name.strip())
    return (any(c.islower() for c in rest) and not any(c.isupper() for c in rest)
            and not _OWNER.search(rest))
