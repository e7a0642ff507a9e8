"""The roles people hold: each title written before or after a person's name (or set off
before it by a comma: "The chair of the board, Ann Lee, said"), with the
organisation the title names ("RBA Secretary-General", "spokesperson for the Port
Authority") or implies ("Water Minister" -> Ministry of Water).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc

from graph.extract.actors.candidates import Candidate
from graph.extract.actors.clusters import org_key
from graph.extract.actors.titles import (Title, honorific_start, title_after, titles_before,
                                         titles_set_off)
from graph.extract.actors.tokens import char_span
from graph.lexicon import lexicon
from graph.records import Entity, Role, Span

#: A ministry a title implies: "Water Minister", "Minister for the Interior".
_MINISTER = re.compile(r"(?P<pre>(?:[A-Z][\w’'-]* )+)(?:[Mm]inister|[Mm]inistry)\b"
                       r"|[Mm]inister (?:of|for) (?:the )?(?P<post>[A-Z][\w’'-]*(?: [A-Z][\w’'-]*)*)")


def find_roles(doc: Doc, text: str, cands: Sequence[Candidate], entities: Sequence[Entity]
               ) -> tuple[list[Role], list[Entity]]:
    """The titles of the people of an article, once per person and title.

    Args:
        doc: The parsed article.
        text: ``doc.text``.
        cands: The classified candidates, short mentions included.
        entities: The article's entities.

    Returns:
        The roles, and the organisations their titles imply that ``entities`` lack (keyed
        after them, with the evidence "title implies organisation").
    """
    orgs = [c for c in cands if c.kind == "Organization"]
    people = [c for c in cands if c.kind == "Person"]
    known = list(entities)  # the entities, and the organisations implied so far
    roles: list[Role] = []
    seen: set[tuple[str, str]] = set()
    for c in people:
        person = _person_at(doc, c, known)
        if person is None:
            continue
        found: list[tuple[Title, Entity | None]] = []
        start = honorific_start(doc, text, c.start)
        for t, lead in titles_before(doc, start, orgs):
            found.append((t, _cand_org(doc, lead, known) or _title_org(t, known)))
        found.extend((t, _title_org(t, known)) for t in titles_set_off(doc, start))
        appos = title_after(doc, c.end, orgs, people)
        if appos:
            t, org = appos
            found.append((t, _cand_org(doc, org, known) or _title_org(t, known)))
        for t, org_ent in found:
            if (person.key, t.text.lower()) in seen:
                continue
            seen.add((person.key, t.text.lower()))
            roles.append(Role(person.key, t.text, org_ent.key if org_ent else None, Span(t.begin, t.end)))
    return roles, known[len(entities):]


def _person_at(doc: Doc, c: Candidate, entities: Sequence[Entity]) -> Entity | None:
    """The person with a mention that ends where the candidate ends and covers its start."""
    span = char_span(doc, c.start, c.end)
    return next((e for e in entities if e.kind == "Person"
                 and any(m.span.end == span.end and m.span.begin <= span.begin for m in e.mentions)), None)


def _entity_at(entities: Sequence[Entity], begin: int, end: int, kind: str) -> Entity | None:
    """The first entity of ``kind`` with a mention inside ``[begin, end)``."""
    for e in entities:
        if e.kind == kind and any(m.span.begin >= begin and m.span.end <= end for m in e.mentions):
            return e
    return None


def _cand_org(doc: Doc, cand: Candidate | None, entities: Sequence[Entity]) -> Entity | None:
    if cand is None:
        return None
    span = char_span(doc, cand.start, cand.end)
    return _entity_at(entities, span.begin, span.end, "Organization")


def _title_org(title: Title, known: list[Entity]) -> Entity | None:
    """The organisation a title names ("RBA Secretary-General") or implies ("Water
    Minister" -> Ministry of Water); an implied one the article lacks is made and added to
    ``known``."""
    named = _entity_at(known, title.begin, title.end, "Organization")
    if named is not None:
        return named
    m = _MINISTER.search(title.text)
    if not m:
        return None
    core = _ministry_core((m.group("pre") or m.group("post")).split(), known)
    if not core:
        return None
    key, display = org_key(f"Ministry of {core}")
    for e in known:
        if e.kind == "Organization" and org_key(e.name)[0] == key:
            return e
    org = Entity(f"e{len(known)}", "Organization", display,
                 evidence=[(title.text, "title implies organisation")])
    known.append(org)
    return org


def _ministry_core(words: list[str], known: Sequence[Entity]) -> str | None:
    """What a minister's title says the ministry is of ("Water" of "Deputy Water Minister",
    "Foreign" of "Vice-Foreign Minister"),
    or None when the title implies no ministry: a word such as "Prime" ("New Zealand Prime
    Minister"), or nothing left once the country or place the title is of is set aside
    ("British Health Minister" -> "Health"; "Minister of Oldbridge" -> None)."""
    lex = lexicon()
    parts = [p for w in words for p in w.split("-") if p]  # "Vice-Foreign", "ex-Prime"
    if any(p.lower() in lex.actors.not_ministries for p in parts):
        return None
    words = [p for p in parts if p.lower() not in lex.actors.title_modifiers]
    places = {n.lower() for e in known if e.kind == "Place" for n in (e.name, *e.aliases)}
    for n in range(len(words), 0, -1):
        lead = " ".join(words[:n])
        if lead.lower() in places or lex.places.canonical(lead) or lex.places.of_demonym(lead):
            words = words[n:]
            break
    return " ".join(words) or None
