"""Identity within an article: which mentions name the same actor.

People merge by short forms ("Okafor" of "Lena Okafor"), honorifics ("Ms. Okafor") and
near spellings (:func:`graph.names.near_spelling`); organisations by ministry word orders
("Finance Ministry" = "Ministry of Finance"), case, short forms and acronyms defined in
the text ("National Water Authority (NWA)"); places by their name. Each merge keeps its
reason, which becomes :attr:`~graph.records.Entity.evidence`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from spacy.tokens import Doc

from graph.extract.actors.candidates import Candidate
from graph.extract.actors.titles import honorific_before
from graph.extract.actors.tokens import (char_span, is_acronym, is_name_token, is_org_head,
                                         is_title_head, place_after, reporting_subject)
from graph.lexicon import lexicon
from graph.names import near_spelling
from graph.records import Entity, Mention, Span


class Form(NamedTuple):
    """One mention of a cluster: where it stands, as written (with any honorific), and the
    name itself."""

    span: Span
    surface: str
    name: str


@dataclass(frozen=True)
class Cluster:
    """The mentions of one actor or place within an article.

    Attributes:
        kind: "Person", "Organization" or "Place".
        forms: Every mention, in the order found.
        evidence: (alias, reason) for each merge.
        gender: "m" or "f" when an honorific tells (:meth:`likely_gender` also reads the
            first name).
        key: The display name of an organisation or place ("" for people).
    """

    kind: str
    forms: tuple[Form, ...] = ()
    evidence: tuple[tuple[str, str], ...] = ()
    gender: str | None = None
    key: str = ""

    def names(self) -> list[str]:
        """The name of every mention."""
        return [f.name for f in self.forms]

    def tokens(self) -> set[str]:
        """Every word of every name, lowercased."""
        return {t.lower() for n in self.names() for t in n.split()}

    def full(self) -> list[str]:
        """The words of the longest name (the first of the longest)."""
        return max((n.split() for n in self.names()), key=len)

    def likely_gender(self) -> str | None:
        """The gender an honorific tells, else the one most bearers of the first word of
        the longest name have, when it is a first name and the name has two words or more
        (:attr:`~graph.lexicon.actors.ActorWords.given_genders`)."""
        if self.gender or self.kind != "Person" or not self.forms:
            return self.gender
        full = self.full()
        return lexicon().actors.given_genders.get(full[0].lower()) if len(full) > 1 else None

    def adding(self, form: Form | None = None, evidence: Iterable[tuple[str, str]] = ()) -> Cluster:
        """This cluster with one more mention and more evidence."""
        return replace(self, forms=self.forms + ((form,) if form else ()),
                       evidence=self.evidence + tuple(evidence))


def name_of(doc: Doc, c: Candidate) -> str:
    """The candidate's text with its whitespace collapsed."""
    return re.sub(r"\s+", " ", doc[c.start:c.end].text).strip()


def full_names(people: Sequence[Cluster]) -> list[list[str]]:
    """The lowercased words of each person's longest name, when it has two words or more."""
    return [[t.lower() for t in cl.full()] for cl in people if len(cl.full()) > 1]


# ---------------------------------------------------------------- people


def person_clusters(doc: Doc, text: str, cands: Sequence[Candidate]) -> list[Cluster]:
    """The people of an article: person candidates merged, longest names first.

    Args:
        doc: The parsed article.
        text: ``doc.text``.
        cands: The classified candidates.
    """
    persons = sorted((c for c in cands if c.kind == "Person"), key=lambda c: (-(c.end - c.start), c.start))
    clusters: list[Cluster] = []
    named: dict[tuple[str, ...], list[int]] = {}  # the words of each name -> its clusters
    fulls: list[list[str]] = []  # the words of each cluster's longest name, lowercased
    for c in persons:
        name = name_of(doc, c)
        toks = tuple(name.lower().split())
        hon = honorific_before(doc, text, c.start)
        begin = hon[0] if hon else doc[c.start].idx
        surface = text[begin:doc[c.end - 1].idx + len(doc[c.end - 1])]
        gender = lexicon().actors.honorifics.gender.get(re.sub(r"[^a-z ]", "", hon[1].lower()).strip()) if hon else None
        genders = [cl.likely_gender() for cl in clusters]
        forms = [cl.forms for cl in clusters]
        i = next((k for k in named.get(toks, ()) if genders[k] in (None, gender) or gender is None), None)
        reason = ""
        found = None
        if gender is not None:  # "Mrs. Okafor": the one Okafor named in full she can be, before
            found = _find_person(fulls, list(toks), forms, doc[c.start].idx, genders, gender)
            if found[1] == "short name" and found[0] != i:  # a bare "Okafor" the headline wrote
                i, reason = found
        if i is None:
            i, reason = found or _find_person(fulls, list(toks), forms, doc[c.start].idx, genders, gender)
        evidence = []
        if i is None:
            clusters.append(Cluster("Person"))
            fulls.append([])
            i = len(clusters) - 1
        elif reason:
            evidence.append((name, reason))
        cl = clusters[i]
        if hon:
            cl = replace(cl, gender=cl.gender or gender)
            if surface != name:
                evidence.append((surface, "honorific"))
        clusters[i] = cl = cl.adding(Form(char_span(doc, c.start, c.end), surface, name), evidence)
        if i not in named.setdefault(toks, []):
            named[toks].append(i)
        fulls[i] = [t.lower() for t in cl.full()]
    return clusters


def _find_person(fulls: list[list[str]], toks: list[str], forms: Sequence[Sequence[Form]] = (),
                 at: int = 0, genders: Sequence[str | None] = (), gender: str | None = None,
                 ) -> tuple[int | None, str]:
    """The index of the cluster a new person name belongs to, given each cluster's longest
    name (lowercased words), with the merge reason. A short name that several people bear
    ("Okafor" after "Ann Okafor" and "Ben Okafor") is the one of them named most often
    before it, of those named as often the one named last (``forms``: each cluster's
    mentions so far; ``at``: where the short name stands), or no one's when none was named
    before it. A name after an honorific of a ``gender`` ("Ms. Okafor") is no one's of the
    other gender (``genders``: each cluster's likely gender), and is the one of a person
    known to be of that gender when there is one ("Mr. Okafor" after "Ben Okafor" and "Sam
    Okafor", a first name either gender bears, is Ben's)."""
    fits = [gender is None or i >= len(genders) or genders[i] in (None, gender) for i in range(len(fulls))]
    short = [i for i, full in enumerate(fulls) if is_short_form(toks, full) and fits[i]]
    told = [i for i in short if gender is not None and i < len(genders) and genders[i] == gender]
    short = told or short
    if len(short) == 1:
        return short[0], "short name"
    if short:
        before = {i: (sum(f.span.begin < at for f in forms[i]),
                      max((f.span.begin for f in forms[i] if f.span.begin < at), default=-1))
                  for i in short if i < len(forms)}
        top = max(before, key=before.get, default=None)
        if top is not None and before[top][0]:
            return top, "short name, the one named most"
        return None, ""
    near = [i for i, full in enumerate(fulls) if is_near_form(toks, full) and fits[i]]
    if len(near) == 1:
        return near[0], "near spelling"
    return None, ""


def is_short_form(toks: list[str], full: list[str]) -> bool:
    """True when the words ``toks`` begin or end the longer name ``full``."""
    n = len(toks)
    return 0 < n < len(full) and (full[-n:] == toks or full[:n] == toks)


def is_near_form(toks: list[str], full: list[str]) -> bool:
    """True when ``toks`` spell ``full`` with one word nearly the same (the first word equal),
    or when one word nearly spells a word of the longer name."""
    if len(toks) == len(full) and len(toks) > 1:
        diffs = [(a, b) for a, b in zip(toks, full) if a != b]
        return len(diffs) == 1 and toks[0] == full[0] and near_spelling(*diffs[0])
    if len(toks) == 1 and len(full) > 1:
        return any(near_spelling(toks[0], f) for f in full[1:]) or near_spelling(toks[0], full[0])
    return False


def short_mentions(doc: Doc, cands: Sequence[Candidate], people: Sequence[Cluster]) -> list[Candidate]:
    """Lone capitalised words that no candidate covers and that are a known person's name
    word (or, as the subject of a reporting verb, a near spelling of one); a word of
    several people's names once one of them was named before it (it is then the one named
    last: :func:`person_clusters`)."""
    covered = set()
    for c in cands:
        covered.update(range(c.start, c.end))
    known = [(cl.tokens(), [t.lower() for t in cl.full()], min(f.span.begin for f in cl.forms)) for cl in people]
    extra = []
    for tok in doc:
        if tok.i in covered or not is_name_token(tok) or tok.text.isupper():
            continue
        if any(0 <= k < len(doc) and is_name_token(doc[k]) and not doc[k].is_sent_start
               for k in (tok.i - 1, tok.i + 1)) and not tok.is_sent_start:
            continue
        if place_after(doc, tok.i + 1) or is_org_head(tok) or is_title_head(doc, tok.i):
            continue
        exact = [first for words, full, first in known if tok.lower_ in words and len(full) > 1]
        if len(exact) == 1 or (len(exact) > 1 and min(exact) < tok.idx) or (
                not exact and reporting_subject(doc, tok.i, tok.i + 1)
                and sum(is_near_form([tok.lower_], full) for _, full, _ in known) == 1):
            extra.append(Candidate(tok.i, tok.i + 1, "Person", "SHORT"))
    return extra


# ---------------------------------------------------------------- organisations and places


def org_key(name: str) -> tuple[str, str]:
    """Matching key and display form of an organisation name (ministry word orders unify)."""
    words = lexicon().actors
    clean = re.sub(r"\s+", " ", name).strip()
    m = re.fullmatch(r"(?P<pre>.+?) [Mm]inistry|[Mm]inistry of (?:the )?(?P<post>.+)", clean)
    if m:
        core = (m.group("pre") or m.group("post")).strip()
        core = words.ministry_names.get(core.lower(), core)
        core = " ".join(w[:1].upper() + w[1:] if w.islower() and w not in words.connectors else w
                        for w in core.split())
        return f"ministry of {core.lower()}", f"Ministry of {core}"
    return clean.lower(), clean


def org_clusters(doc: Doc, cands: Sequence[Candidate]) -> list[Cluster]:
    """The organisations of an article: organisation candidates merged by key, short name
    and acronym, with the mentions of acronyms defined in the text."""
    orgs = [c for c in cands if c.kind == "Organization"]
    acronyms = _acronym_defs(doc, orgs)
    by_key: dict[str, int] = {}
    clusters: list[Cluster] = []
    for n, o in enumerate(orgs):
        name = name_of(doc, o)
        key, display = org_key(name)
        i = by_key.get(key)
        if i is None and len(name.split()) == 1:
            i = _org_by_head(clusters, name)
            if (i is None and is_org_head(doc[o.start]) and not name.isupper()
                    and name.lower() not in lexicon().actors.institutions):
                continue
            if i is not None:
                clusters[i] = clusters[i].adding(evidence=[(name, "short name")])
        if i is None:
            clusters.append(Cluster("Organization", key=display))
            i = len(clusters) - 1
        elif name != clusters[i].key and (name, "short name") not in clusters[i].evidence:
            reason = "ministry form" if key.startswith("ministry of ") else "case variant"
            clusters[i] = clusters[i].adding(evidence=[(name, reason)])
        cl = clusters[i]
        if len(display) > len(cl.key) and not is_acronym(display):
            cl = replace(cl, key=display)
        by_key[key] = i
        cl = cl.adding(Form(char_span(doc, o.start, o.end), name, name))
        if n in acronyms and acronyms[n].lower() not in by_key:
            by_key[acronyms[n].lower()] = i
            cl = cl.adding(evidence=[(acronyms[n], "acronym")])
        clusters[i] = cl
    return _tails_joined(_with_acronym_mentions(doc, by_key, cands, clusters))


def _tails_joined(clusters: list[Cluster]) -> list[Cluster]:
    """The clusters with an organisation of two words or more whose name ends every
    longer name that ends on it merged into the longest ("Appeals Committee" into "Kelby
    Oversight and Appeals Committee", which "Oversight and Appeals Committee" ends too);
    two longer names that end alike but differ ("Kelby High Court", "Marlow High Court")
    leave it alone."""
    words = [cl.key.lower().split() for cl in clusters]
    into: dict[int, int] = {}
    for i, w in enumerate(words):
        longer = [j for j, v in enumerate(words) if len(v) > len(w) >= 2 and v[-len(w):] == w]
        if not longer:
            continue
        top = max(longer, key=lambda j: len(words[j]))
        if all(words[top][-len(words[j]):] == words[j] for j in longer):
            into[i] = top
    if not into:
        return clusters
    out = list(clusters)
    for i, j in into.items():
        out[j] = replace(out[j].adding(evidence=[(clusters[i].key, "short name")]),
                         forms=tuple(sorted(out[j].forms + clusters[i].forms, key=lambda f: f.span.begin)))
    return [cl for i, cl in enumerate(out) if i not in into]


def _acronym_defs(doc: Doc, orgs: list[Candidate]) -> dict[int, str]:
    """Org candidate index -> acronym defined right after it ("... Basin Authority (RBA)")."""
    out = {}
    for n, o in enumerate(orgs):
        j = o.end
        if j + 2 < len(doc) and doc[j].text == "(" and doc[j + 2].text == ")":
            acr = doc[j + 1].text
            if is_acronym(acr):
                out[n] = acr
    return out


def _org_by_head(clusters: list[Cluster], word: str) -> int | None:
    """The one cluster whose longer name ends on ``word`` ("Authority"), if only one does.

    A word that names an institution on its own ("Senate", "House") is the short name only
    of a longer name that places it ("Veltrian Senate", "US House"), not of one it merely
    ends ("White House" is not the House)."""
    hits = [i for i, cl in enumerate(clusters) if cl.key.split()[-1].lower() == word.lower()
            and len(cl.key.split()) > 1]
    if word.lower() in lexicon().actors.institutions:
        hits = [i for i in hits if _placed(clusters[i].key.rsplit(" ", 1)[0])]
    return hits[0] if len(hits) == 1 else None


def _placed(words: str) -> bool:
    """True when ``words`` (a name without its head) is or holds a place or its demonym
    ("US", "the United States", "Royal Kenyan")."""
    places = lexicon().places
    words = words.removeprefix("the ").removeprefix("The ")
    return any(places.is_place(w) or places.of_demonym(w) is not None for w in (words, *words.split()))


def _with_acronym_mentions(doc: Doc, by_key: dict[str, int], cands: Sequence[Candidate],
                           clusters: list[Cluster]) -> list[Cluster]:
    """The clusters with the mentions of defined acronyms that no candidate covers ("RBA
    Secretary-General")."""
    taken = {f.span.begin for cl in clusters for f in cl.forms}
    out = list(clusters)
    for tok in doc:
        i = by_key.get(tok.lower_)
        if i is None or not is_acronym(tok.text) or tok.idx in taken:
            continue
        if any(c.start <= tok.i < c.end for c in cands):
            continue
        out[i] = out[i].adding(Form(Span(tok.idx, tok.idx + len(tok)), tok.text, tok.text))
    return out


def place_clusters(doc: Doc, cands: Sequence[Candidate]) -> list[Cluster]:
    """The places of an article: place candidates merged by their name, case aside, and
    a country's variants merged under the name it is shown by ("US", "U.S." and "America"
    are the United States: :attr:`lexicon().places <graph.lexicon.places.PlaceNames>`)."""
    places = lexicon().places
    by_key: dict[str, Cluster] = {}
    for c in cands:
        if c.kind != "Place":
            continue
        name = name_of(doc, c)
        shown = places.canonical(name) or name
        cl = by_key.get(shown.lower(), Cluster("Place", key=shown))
        evidence = [(name, "place variant")] if shown != name else []
        by_key[shown.lower()] = cl.adding(Form(char_span(doc, c.start, c.end), name, name), evidence)
    return list(by_key.values())


# ---------------------------------------------------------------- entities


def to_entities(people: Sequence[Cluster], others: Sequence[Cluster]) -> list[Entity]:
    """Entities keyed ``"e0"``, ``"e1"``, ...: people first, then organisations and places."""
    entities = [_to_entity(f"e{n}", cl, _canonical_person(cl)) for n, cl in enumerate(people)]
    return entities + [_to_entity(f"e{len(entities) + n}", cl, cl.key) for n, cl in enumerate(others)]


def _to_entity(key: str, cl: Cluster, canonical: str) -> Entity:
    mentions = sorted((Mention(f.span, f.name) for f in cl.forms), key=lambda m: m.span.begin)
    aliases = {f.surface for f in cl.forms} | {f.name for f in cl.forms}
    aliases |= {a for a, r in cl.evidence if r == "acronym"}
    aliases.discard(canonical)
    evidence = list(dict.fromkeys((a, r) for a, r in cl.evidence if a != canonical))
    return Entity(key, cl.kind, canonical, aliases, mentions, cl.likely_gender(), evidence)  # type: ignore[arg-type]


def _canonical_person(cl: Cluster) -> str:
    """The person's name with the most words; among those the most frequent, then the first."""
    names = cl.names()
    return max(names, key=lambda n: (len(n.split()), names.count(n), -names.index(n)))
