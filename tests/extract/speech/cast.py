"""The invented cast of the speech tests, and a runner of the speech stage over a sentence.

Entities are built by hand (mentions located by their surface forms) so that the speech
tests exercise the speech rules alone, through the real spaCy model.
"""

from __future__ import annotations

import re

from graph.extract.speech import find_speech
from graph.records import Actors, Entity, Mention, Role, Span, Statement

# name -> (kind, surface forms, gender)
CAST: dict[str, tuple[str, tuple[str, ...], str | None]] = {
    "Maria Okonkwo": ("Person", ("Maria Okonkwo", "Okonkwo"), "f"),
    "Tomas Berg": ("Person", ("Tomas Berg", "Mr. Berg", "Berg"), "m"),
    "Ana Ruiz": ("Person", ("Ana Ruiz", "Ruiz"), "f"),
    "Omar Haddad": ("Person", ("Omar Haddad", "Haddad"), "m"),
    "Kofi Mensah": ("Person", ("Kofi Mensah", "Mensah"), "m"),
    "Lena Vogt": ("Person", ("Lena Vogt", "Vogt"), "f"),
    "Harbour Authority": ("Organization", ("Harbour Authority",), None),
    "Water Ministry": ("Organization", ("Water Ministry",), None),
    "Coastal Police": ("Organization", ("Coastal Police",), None),
    "Lakeside": ("Place", ("Lakeside",), None),
    "Rivertown": ("Place", ("Rivertown",), None),
}

Row = tuple[str, "str | None", str, str, list[str]]


def cast_in(text: str) -> list[Entity]:
    """Entities of CAST that occur in ``text``, each with every mention of its forms."""
    entities: list[Entity] = []
    taken: list[Span] = []
    for name, (kind, forms, gender) in CAST.items():
        mentions = []
        for form in sorted(forms, key=len, reverse=True):
            for m in re.finditer(rf"\b{re.escape(form)}\b", text):
                span = Span(m.start(), m.end())
                if not any(span.overlaps(t) for t in taken):
                    taken.append(span)
                    mentions.append(Mention(span, form))
        if mentions:
            mentions.sort(key=lambda m: m.span.begin)
            entities.append(Entity(f"e{len(entities)}", kind, name,  # type: ignore[arg-type]
                                   set(forms) - {name}, mentions, gender))
    return entities


def roles_for(text: str, entities: list[Entity], titles: dict[str, str]) -> list[Role]:
    """Roles from person name -> title, located in ``text``."""
    keys = {e.name: e.key for e in entities}
    return [Role(keys[name], title, None, Span(text.find(title), text.find(title) + len(title)))
            for name, title in titles.items()]


def actors_of(text: str, titles: dict[str, str] | None = None) -> Actors:
    """The cast of ``text`` with the roles ``titles`` gives."""
    entities = cast_in(text)
    return Actors(entities, roles_for(text, entities, titles or {}))


def run(nlp, text: str, titles: dict[str, str] | None = None
        ) -> tuple[list[Row], list[Entity], list[Statement]]:
    """Statements of ``text`` as (kind, speaker name, cue, content, about names) rows, the
    minted sources, and the statements themselves."""
    actors = actors_of(text, titles)
    speech = find_speech(nlp(text), actors)
    names = {e.key: e.name for e in actors.entities + speech.sources}
    rows = [(s.kind, names.get(s.speaker), s.cue, s.text, [names[a] for a in s.about])
            for s in speech.statements]
    return rows, speech.sources, speech.statements


def find(rows: list[Row], content: str) -> Row:
    """The row whose content contains ``content`` (the shortest such)."""
    hits = [r for r in rows if content in r[3]]
    assert hits, f"no statement contains {content!r}: {rows}"
    return min(hits, key=lambda r: len(r[3]))
