"""Identity of actors: article-local entities mapped to canonical actors of the whole graph.

Each article contributes one :class:`Descriptor` per named actor it mentions (its names as
written, its kind, the titles it gives). :func:`cluster` groups descriptors into actors, as a
pure function of the *set* of descriptors, so the result does not depend on the order in which
articles were built. The rules, in order (each join records its reason as evidence):

1. same full name: equal names once case, diacritics, punctuation and honorifics are folded
   ("near spelling" when the exact strings differ); for organisations and places the
   article's primary name or any name of two words or more;
2. override: names joined by the user (:mod:`graph.overrides`);
3. near spelling: two people's full names that differ by one letter in one word, when they
   share a title;
4. defined acronym: an organisation named only by an acronym joins the one organisation that
   defines it (as an alias) or whose initials it is;
5. title match: a person named only by one word ("Okafor") joins the one person whose full
   name has that word and who holds a title this article gives too.

People who share one name word but not their full name stay apart, and so does a short name
that fits two people. Splits from the overrides forbid joins. The canonical label is the
fullest name; the actor IRI is minted from it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from graph.overrides import Overrides
from graph.rdf.ids import Ids
from graph.records import ArticleRecord, Entity, Merge, ResolvedRecord
from graph.lexicon import lexicon
from graph.names import NEAR_MIN_LEN, near_spelling

#: Minimum length of a word compared by spelling.

_NON_ALNUM = re.compile(r"[\W_]+")
#: Names memoised by the pure name functions below (bounded, so memory stays flat).
NAME_CACHE = 1 << 15
Ref = tuple[str, str]  # (article IRI, actor IRI or entity key in that article)


@dataclass(frozen=True)
class Descriptor:
    """One article's view of one actor: the input of cross-article identity.

    Attributes:
        article: The article IRI.
        ref: What the article calls it: an entity key (new article) or the actor IRI its
            graph uses (stored article).
        kind: Person, Organization or Place.
        names: Every name the article gives it, as written.
        titles: The titles the article gives it.
    """

    article: str
    ref: str
    kind: str
    names: frozenset[str]
    titles: frozenset[str] = frozenset()

    @property
    def key(self) -> Ref:
        """(article, ref): unique among descriptors."""
        return self.article, self.ref

    @property
    def primary(self) -> str:
        """The fullest name the article gives."""
        return min(self.names, key=name_rank)


@dataclass(frozen=True)
class Assignment:
    """The actor a descriptor belongs to."""

    iri: str
    label: str


@dataclass
class Resolution:
    """The result of :func:`cluster`.

    Attributes:
        assignments: Descriptor key -> its actor.
        evidence: Actor IRI -> why each of its names was merged into it.
        names: Actor IRI -> every name any descriptor gives it.
    """

    assignments: dict[Ref, Assignment] = field(default_factory=dict)
    evidence: dict[str, list[Merge]] = field(default_factory=dict)
    names: dict[str, set[str]] = field(default_factory=dict)


# ---------------------------------------------------------------- names


def strip_honorific(name: str) -> str:
    """``name`` without leading honorifics ("Lt. Gen. Dara" -> "Dara")."""
    return lexicon().actors.honorifics.strip(name)


@lru_cache(maxsize=NAME_CACHE)
def fold(name: str) -> str:
    """A name folded for comparison: honorifics, diacritics, case and punctuation dropped.

    >>> fold("Mr. Brudziński")
    'brudzinski'
    >>> fold("the Ministry of Water")
    'ministry of water'
    """
    text = unicodedata.normalize("NFKD", strip_honorific(name))
    text = "".join(c for c in text if not unicodedata.combining(c))
    words = _NON_ALNUM.sub(" ", text.casefold().replace("’", "").replace("'", "")).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=NAME_CACHE)
def is_acronym(name: str) -> bool:
    """True for "RBA", "U.N." and the like."""
    letters = [c for c in name if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and " " not in name.strip()


def initials(name: str) -> str:
    """Upper-case initials of the capitalised words ("National Police Force" -> "NPF")."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())


@lru_cache(maxsize=NAME_CACHE)
def name_rank(name: str) -> tuple:
    """Sort key putting the fullest, most informative name first."""
    words = fold(name).split()
    return (is_acronym(name), strip_honorific(name) != name.strip(), -len(words),
            -len(name), name.isascii(), name)


@lru_cache(maxsize=NAME_CACHE)
def title_key(title: str) -> frozenset[str]:
    """A title as a set of words, word order and noise ignored."""
    return frozenset(w for w in fold(title).split() if w not in lexicon().actors.title_noise)


def _full_names(d: Descriptor) -> set[str]:
    """Folded names strong enough to join on by equality."""
    if d.kind == "Person":
        return {f for f in map(fold, d.names) if len(f.split()) >= 2}
    return {fold(d.primary)} | {f for n in d.names if not is_acronym(n) and len((f := fold(n)).split()) >= 2}


#: Prefix of a name index key made of part of a name: a word of a person's name, the
#: initials of an organisation's. Kept apart from full names so that a full name finds
#: only the names it could join ("Okafor", "RBA"), not every actor sharing a word with it.
PART = "~"
#: Prefix of a near-spelling key: a titled person's full name with one word cut to its
#: first letter ("%pavel r*"); two names one letter apart share one.
NEAR = "%"


def _acronym_key(name: str) -> str:
    return name.replace(".", "").lower()


def _near_keys(full: Iterable[str]) -> set[str]:
    keys = set()
    for words in (f.split() for f in full):
        keys |= {NEAR + " ".join([*words[:i], word[0] + "*", *words[i + 1:]])
                 for i, word in enumerate(words) if len(word) >= NEAR_MIN_LEN}
    return keys


def index_keys(kind: str, names: Iterable[str], titles: Iterable[str] = ()) -> set[str]:
    """The keys a descriptor is stored under in the name index (``cg:nameKey``).

    Its folded names; for organisations also each acronym without dots ("U.N." -> "un"),
    and the initials of each name as a part key ("~rba"); for people each word as a part
    key ("~okafor") and, when they hold a title, the near-spelling keys of their full names.
    """
    folded = {f for n in names if (f := fold(n))}
    keys = set(folded)
    if kind == "Person":
        keys |= {PART + w for f in folded for w in f.split()}
        if _titled(titles):
            keys |= _near_keys(f for f in folded if len(f.split()) >= 2)
    elif kind == "Organization":
        keys |= {_acronym_key(n) for n in names if is_acronym(n)}
        keys |= {PART + initials(n).lower() for n in names if len(initials(n)) >= 2}
    return keys


def lookup_keys(kind: str, names: Iterable[str], titles: Iterable[str] = ()) -> set[str]:
    """The keys under which the candidates of a descriptor are stored (see :func:`cluster`).

    Its folded names (same full name); for a person's full name also its words, finding the
    short names ("Okafor") a new holder could take over, and for a titled person named only
    by one word the full names that have it ("~okafor"); for an organisation its initials,
    finding its acronym ("RBA"), and for one named only by an acronym the names with those
    initials ("~rba"); for a titled person the near spellings of their full names.
    """
    names = [n for n in names if n.strip()]
    folded = {f for n in names if (f := fold(n))}
    keys = set(folded)
    if kind == "Person":
        full = {f for f in folded if len(f.split()) >= 2}
        if full:
            keys |= {w for f in full for w in f.split()}
        elif _titled(titles):  # an untitled short name joins no holder (rule 5)
            keys |= {PART + f for f in folded}
        if _titled(titles):
            keys |= _near_keys(full)
    elif kind == "Organization":
        acronyms = {_acronym_key(n) for n in names if is_acronym(n)}
        keys |= acronyms | {initials(n).lower() for n in names if len(initials(n)) >= 2}
        if names and len(acronyms) == len(names):
            keys |= {PART + a for a in acronyms}
    return keys


def _titled(titles: Iterable[str]) -> bool:
    """True when a title can be compared (not only noise words such as "former")."""
    return bool(_title_keys(titles))


def is_short(d: Descriptor) -> bool:
    """True for a descriptor that joins an actor only if it is the one holder of its name
    (a titled person named by one word, an organisation named only by acronyms): its
    clustering depends on every actor its :func:`lookup_keys` find."""
    if d.kind == "Person":
        return _titled(d.titles) and not _full_names(d)
    return d.kind == "Organization" and all(is_acronym(n) for n in d.names)


# ---------------------------------------------------------------- descriptors


def is_local(entity: Entity) -> bool:
    """True for actors that belong to their article alone: unnamed sources, and actors known
    only by a common noun ("police", "the government"), which would wrongly merge across
    articles and countries if resolved by name."""
    return entity.kind == "UnnamedSource" or not any(
        c.isupper() for name in (entity.name, *entity.aliases) for c in _LEADING_ARTICLE.sub("", name))


#: A capital on a leading article ("The fire service") says nothing about the name.
_LEADING_ARTICLE = re.compile(r"^(?:the|an?)\s+", re.IGNORECASE)


def descriptors_of(record: ArticleRecord, article_iri: str) -> list[Descriptor]:
    """One descriptor per named entity of an article (local actors are not resolved)."""
    titles: dict[str, set[str]] = {}
    for role in record.roles:
        if role.title.strip():
            titles.setdefault(role.person, set()).add(role.title)
    return [Descriptor(article_iri, e.key, e.kind, _entity_names(e), frozenset(titles.get(e.key, ())))
            for e in record.entities if not is_local(e) and _entity_names(e)]


def _entity_names(entity: Entity) -> frozenset[str]:
    return frozenset(n for n in (entity.name, *entity.aliases) if n.strip())


def merge_descriptors(descriptors: Iterable[Descriptor], ref: str) -> Descriptor:
    """Several descriptors of one article as one (what its graph holds once they share an actor)."""
    ds = list(descriptors)
    return Descriptor(ds[0].article, ref, ds[0].kind, frozenset().union(*(d.names for d in ds)),
                      frozenset().union(*(d.titles for d in ds)))


# ---------------------------------------------------------------- clustering


class _Clusters:
    """Union-find over descriptors, refusing joins that an override splits."""

    def __init__(self, descriptors: list[Descriptor], overrides: Overrides) -> None:
        self.parent = {d.key: d.key for d in descriptors}
        self.reason: dict[Ref, str] = {}
        self.tags = {d.key: _split_tags(d, overrides) for d in descriptors}

    def find(self, key: Ref) -> Ref:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: Descriptor, b: Descriptor, reason: str) -> None:
        ra, rb = self.find(a.key), self.find(b.key)
        if ra == rb or _clash(self.tags[ra] | self.tags[rb]):
            return
        ra, rb = min(ra, rb), max(ra, rb)
        self.parent[rb] = ra
        self.tags[ra] = self.tags[ra] | self.tags[rb]
        for d in (a, b):
            self.reason.setdefault(d.key, reason)


def _split_tags(d: Descriptor, overrides: Overrides) -> frozenset[tuple[int, str]]:
    primary = fold(d.primary)
    tags = set()
    for i, group in enumerate(overrides.splits):
        folded = [fold(n) for n in group]
        if len(folded) == 1:
            tags.add((i, "in" if primary == folded[0] else "out"))
        elif primary in folded:
            tags.add((i, primary))
    return frozenset(tags)


def _clash(tags: frozenset[tuple[int, str]]) -> bool:
    seen: dict[int, str] = {}
    for group, tag in tags:
        if seen.setdefault(group, tag) != tag:
            return True
    return False


def cluster(descriptors: Iterable[Descriptor], ids: Ids, overrides: Overrides | None = None) -> Resolution:
    """Group descriptors into actors (see the module docstring for the rules).

    The result depends only on the set of descriptors, never on their order.

    Args:
        descriptors: Descriptors from one or more articles.
        ids: The IRI minter.
        overrides: The user's joins and splits.

    Returns:
        Each descriptor's actor, the merge evidence and the names of each actor.
    """
    overrides = overrides or Overrides()
    # Descriptors with the same kind, names and titles meet every rule alike, so the rules
    # run once per such shape: a place named alike in thousands of articles costs one.
    shapes: dict[tuple, list[Descriptor]] = {}
    for d in sorted({d.key: d for d in descriptors}.values(), key=lambda d: (d.kind, d.key)):
        shapes.setdefault((d.kind, d.names, d.titles), []).append(d)
    ds = [same[0] for same in shapes.values()]
    uf = _Clusters(ds, overrides)
    _join_same_names(ds, uf)
    _join_overrides(ds, uf, overrides)
    _join_near_spellings(ds, uf)
    _join_acronyms(ds, uf)
    _join_short_names(ds, uf)
    return _resolution(list(shapes.values()), uf, ids)


def _join_same_names(ds: list[Descriptor], uf: _Clusters) -> None:
    index: dict[tuple[str, str], list[Descriptor]] = {}
    for d in ds:
        for key in sorted(_full_names(d)):
            index.setdefault((d.kind, key), []).append(d)
    for (_, key), group in sorted(index.items()):
        first = group[0]
        for other in group[1:]:
            exact = {n for n in first.names if fold(n) == key} & {n for n in other.names if fold(n) == key}
            uf.union(first, other, "same full name" if exact else "near spelling")


def _join_overrides(ds: list[Descriptor], uf: _Clusters, overrides: Overrides) -> None:
    for group in overrides.joins:
        folded = {fold(n) for n in group}
        members = [d for d in ds if folded & {fold(n) for n in d.names}]
        for kind in sorted({d.kind for d in members}):
            same = [d for d in members if d.kind == kind]
            for other in same[1:]:
                uf.union(same[0], other, "override")


def _join_near_spellings(ds: list[Descriptor], uf: _Clusters) -> None:
    people = [(d, _title_keys(d.titles), _full_names(d)) for d in ds
              if d.kind == "Person" and d.titles and _full_names(d)]
    for i, (a, a_titles, a_names) in enumerate(people):
        for b, b_titles, b_names in people[i + 1:]:
            if (uf.find(a.key) != uf.find(b.key) and a_titles & b_titles
                    and any(_near_name(x, y) for x in a_names for y in b_names)):
                uf.union(a, b, "near spelling")


def _near_name(a: str, b: str) -> bool:
    """Full names differing by one edit in one long word ("pavel rostovich" / "pavel rostovic")."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or a == b:
        return False
    diff = [(x, y) for x, y in zip(wa, wb) if x != y]
    return len(diff) == 1 and near_spelling(*diff[0], strict=True)





def _shared_title(a: Iterable[str], b: Iterable[str]) -> bool:
    return bool(_title_keys(a) & _title_keys(b))


def _title_keys(titles: Iterable[str]) -> set[frozenset[str]]:
    return {title_key(t) for t in titles} - {frozenset()}


def _join_acronyms(ds: list[Descriptor], uf: _Clusters) -> None:
    orgs = [d for d in ds if d.kind == "Organization"]
    named = [(o, {n.replace(".", "") for n in o.names if is_acronym(n)} | {initials(o.primary)})
             for o in orgs if not all(is_acronym(n) for n in o.names)]
    for d in orgs:
        if not all(is_acronym(n) for n in d.names):
            continue
        acronyms = {n.replace(".", "") for n in d.names}
        roots = {uf.find(o.key): o for o, forms in named if acronyms & forms}
        if len(roots) == 1:
            uf.union(d, next(iter(roots.values())), "defined acronym")


def _join_short_names(ds: list[Descriptor], uf: _Clusters) -> None:
    people = [d for d in ds if d.kind == "Person"]
    full = [d for d in people if _full_names(d)]
    # Actors as they stand before any short name joins, so that one short name joining
    # does not change what the next one sees (and the order of descriptors cannot matter).
    roots = {d.key: uf.find(d.key) for d in full}
    titles: dict[Ref, set[str]] = {}
    for d in full:
        titles.setdefault(roots[d.key], set()).update(d.titles)
    for d in people:
        if _full_names(d) or not d.titles:
            continue
        words = {fold(n) for n in d.names}
        holders = {roots[o.key]: o for o in full if any(words & set(f.split()) for f in _full_names(o))}
        fitting = [o for root, o in holders.items() if _shared_title(d.titles, titles[root])]
        if len(fitting) == 1:
            uf.union(d, fitting[0], "title match")


def _resolution(shapes: list[list[Descriptor]], uf: _Clusters, ids: Ids) -> Resolution:
    """Actors from the clusters of the first descriptor of each shape."""
    groups: dict[Ref, list[list[Descriptor]]] = {}
    for same in shapes:
        groups.setdefault(uf.find(same[0].key), []).append(same)
    result = Resolution()
    for group in groups.values():
        label = min((same[0].primary for same in group), key=name_rank)
        iri = ids.actor(group[0][0].kind, label)
        members = [d for same in group for d in same]
        for d in members:
            result.assignments[d.key] = Assignment(iri, label)
        result.names.setdefault(iri, set()).update(n for same in group for n in same[0].names)
        joined = {d.key: uf.reason[same[0].key] for same in group if same[0].key in uf.reason for d in same}
        result.evidence.setdefault(iri, []).extend(_evidence(members, label, joined))
    result.evidence = {iri: _combine(ms) for iri, ms in result.evidence.items() if ms}
    return result


def _evidence(members: list[Descriptor], label: str, joined: dict[Ref, str]) -> list[Merge]:
    merges = []
    using_label = sorted({d.article for d in members if label in d.names})
    if len({d.article for d in members}) > 1 and len(using_label) > 1:
        merges.append(Merge(label, "same full name", tuple(using_label)))
    for d in members:
        primary = d.primary
        for name in sorted(d.names - {label}):
            reason = within_reason(name, primary) if name != primary else joined.get(d.key, "same full name")
            merges.append(Merge(name, reason, (d.article,)))
    return merges


def within_reason(alias: str, name: str) -> str:
    """Why one article's alias names the same actor as its fullest name.

    >>> within_reason("Mr. Lee", "Lee Kuan Yew"), within_reason("Lee", "Lee Kuan Yew")
    ('honorific', 'short name')
    """
    if strip_honorific(alias) != alias.strip():
        return "honorific"
    if is_acronym(alias):
        return "defined acronym"
    words, full = set(fold(alias).split()), set(fold(name).split())
    if words <= full:
        return "short name" if words != full else "word order"
    return "near spelling" if any(near_spelling(w, f) for w in words for f in full) else "same article"


def _combine(merges: list[Merge]) -> list[Merge]:
    """One merge per (alias, reason), with the articles of all of them."""
    out: dict[tuple[str, str], set[str]] = {}
    for m in merges:
        out.setdefault((m.alias, m.reason), set()).update(m.articles)
    return [Merge(alias, reason, tuple(sorted(arts))) for (alias, reason), arts in sorted(out.items())]


# ---------------------------------------------------------------- one article


def resolve(record: ArticleRecord, ids: Ids, context: Iterable[Descriptor] = (),
            overrides: Overrides | None = None) -> tuple[ResolvedRecord, Resolution]:
    """Map every entity of an article to the IRI of its canonical actor.

    Args:
        record: One article's extraction output.
        ids: The IRI minter.
        context: Descriptors of other articles that may be the same actors (from the store).
        overrides: The user's joins and splits.

    Returns:
        The record with entity keys mapped to actor IRIs and labels, and the resolution of
        the article together with its context. Entities of the article that end up in one
        actor are resolved again as one descriptor, as the store will hold them.
    """
    article_iri = ids.article(record.article.id)
    own = descriptors_of(record, article_iri)
    context = [d for d in context if d.article != article_iri]
    resolution = cluster([*context, *own], ids, overrides)
    groups: dict[str, list[Descriptor]] = {}
    for d in own:
        groups.setdefault(resolution.assignments[d.key].iri, []).append(d)
    if any(len(g) > 1 for g in groups.values()):
        merged = [merge_descriptors(g, iri) for iri, g in groups.items()]
        again = cluster([*context, *merged], ids, overrides)
        for iri, g in groups.items():
            for d in g:
                again.assignments[d.key] = again.assignments[(article_iri, iri)]
        resolution = again
    iris: dict[str, str] = {}
    labels: dict[str, str] = {}
    for e in record.entities:
        if is_local(e):
            iris[e.key] = ids.local_actor(record.article.id, e)
            continue
        if (article_iri, e.key) not in resolution.assignments:
            continue
        assigned = resolution.assignments[(article_iri, e.key)]
        iris[e.key] = assigned.iri
        labels[assigned.iri] = assigned.label
    return ResolvedRecord(record, iris, labels, {}), resolution
