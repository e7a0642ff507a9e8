"""Cross-article clustering: descriptors of many articles grouped into canonical actors.

Each article contributes one :class:`~graph.resolve.descriptors.Descriptor` per named actor
it mentions (its names as written, its kind, the titles it gives, why extraction merged its
names). :func:`cluster` groups descriptors into actors, as a
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
fullest name, unless one article alone writes it around a name the others write (:func:`_label`);
the actor IRI is minted from it. The evidence of an actor also says why each
article took its names to be one actor: the reason of each alias against the article's fullest
name (:func:`~graph.resolve.names.within_reason`) and the reasons extraction gave.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from graph.names import near_spelling
from graph.overrides import Overrides
from graph.rdf.ids import Ids
from graph.records import Merge
from graph.resolve.descriptors import Descriptor, Ref, full_names
from graph.resolve.names import fold, initials, is_acronym, name_rank, title_keys, within_reason


@dataclass(frozen=True)
class Assignment:
    """The actor a descriptor belongs to."""

    iri: str
    label: str


class Evidence(Mapping):
    """Actor IRI -> why each of its names was merged into it (actors with no merge left
    out), worked out for an actor when first asked: a writer asks for the few actors of one
    article among the hundreds of a clustering."""

    def __init__(self) -> None:
        self._parts: dict[str, list[tuple[list[Descriptor], str, dict[Ref, str]]]] = {}
        self._done: dict[str, list[Merge]] = {}

    def add(self, iri: str, members: list[Descriptor], label: str, joined: dict[Ref, str]) -> None:
        """One cluster of the actor ``iri`` (clusters whose labels slug alike share an IRI)."""
        self._parts.setdefault(iri, []).append((members, label, joined))
        self._done.pop(iri, None)

    def _merges(self, iri: str) -> list[Merge]:
        if iri not in self._done:
            parts = self._parts.get(iri, ())
            self._done[iri] = combine_merges([m for part in parts for m in _evidence(*part)])
        return self._done[iri]

    def __getitem__(self, iri: str) -> list[Merge]:
        merges = self._merges(iri)
        if not merges:
            raise KeyError(iri)
        return merges

    def __contains__(self, iri: object) -> bool:
        return isinstance(iri, str) and bool(self._merges(iri))

    def __iter__(self) -> Iterator[str]:
        return (iri for iri in list(self._parts) if self._merges(iri))

    def __len__(self) -> int:
        return sum(1 for _ in self)


@dataclass
class Resolution:
    """The result of :func:`cluster`.

    Attributes:
        assignments: Descriptor key -> its actor.
        evidence: Actor IRI -> why each of its names was merged into it (:class:`Evidence`).
        reasons: Descriptor key -> the rule that joined its shape to another (none when
            it joined none), which its evidence gives for its fullest name.
        clusters: Descriptor key -> the key standing for its cluster (clusters whose labels
            slug alike share an actor IRI, but not their "same full name" evidence).
    """

    assignments: dict[Ref, Assignment] = field(default_factory=dict)
    evidence: Evidence = field(default_factory=Evidence)
    reasons: dict[Ref, str] = field(default_factory=dict)
    clusters: dict[Ref, Ref] = field(default_factory=dict)


class _Clusters:
    """Union-find over descriptors, refusing joins that an override splits."""

    def __init__(self, descriptors: list[Descriptor], overrides: Overrides) -> None:
        self.parent = {d.key: d.key for d in descriptors}
        self.reason: dict[Ref, str] = {}
        none: frozenset[tuple[int, str]] = frozenset()
        self.tags = {d.key: _split_tags(d, overrides) if overrides.splits else none for d in descriptors}

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
        Each descriptor's actor and the merge evidence of each actor.
    """
    overrides = overrides or Overrides()
    # Descriptors of one shape (kind, names, titles, join reasons) meet every rule alike, so
    # the rules run once per shape: a place named alike in thousands of articles costs one.
    shapes: dict[tuple, list[Descriptor]] = {}
    for d in sorted({d.key: d for d in descriptors}.values(), key=lambda d: (d.kind, d.key)):
        shapes.setdefault(d.shape, []).append(d)
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
        for key in sorted(full_names(d)):
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
    people = [(d, title_keys(d.titles), full_names(d)) for d in ds
              if d.kind == "Person" and d.titles and full_names(d)]
    holding: dict[frozenset[str], list[int]] = {}  # title -> the people holding it, by position
    for i, (_, titles, _) in enumerate(people):
        for title in titles:
            holding.setdefault(title, []).append(i)
    for i, (a, a_titles, a_names) in enumerate(people):
        # only the later people who share a title with a, in order: every other pair fails the title test
        for j in sorted({j for title in a_titles for j in holding[title] if j > i}):
            b, _, b_names = people[j]
            if uf.find(a.key) != uf.find(b.key) and any(_near_name(x, y) for x in a_names for y in b_names):
                uf.union(a, b, "near spelling")


def _near_name(a: str, b: str) -> bool:
    """Full names differing by one edit in one long word ("pavel rostovich" / "pavel rostovic")."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb) or a == b:
        return False
    diff = [(x, y) for x, y in zip(wa, wb) if x != y]
    return len(diff) == 1 and near_spelling(*diff[0], strict=True)


def _shared_title(a: Iterable[str], b: Iterable[str]) -> bool:
    return bool(title_keys(a) & title_keys(b))


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
    full = [d for d in people if full_names(d)]
    # Actors as they stand before any short name joins, so that one short name joining
    # does not change what the next one sees (and the order of descriptors cannot matter).
    roots = {d.key: uf.find(d.key) for d in full}
    titles: dict[Ref, set[str]] = {}
    for d in full:
        titles.setdefault(roots[d.key], set()).update(d.titles)
    for d in people:
        if full_names(d) or not d.titles:
            continue
        words = {fold(n) for n in d.names}
        holders = {roots[o.key]: o for o in full if any(words & set(f.split()) for f in full_names(o))}
        fitting = [o for root, o in holders.items() if _shared_title(d.titles, titles[root])]
        if len(fitting) == 1:
            uf.union(d, fitting[0], "title match")


def _resolution(shapes: list[list[Descriptor]], uf: _Clusters, ids: Ids) -> Resolution:
    """Actors from the clusters of the first descriptor of each shape."""
    groups: dict[Ref, list[list[Descriptor]]] = {}
    for same in shapes:
        groups.setdefault(uf.find(same[0].key), []).append(same)
    result = Resolution()
    for root, group in groups.items():
        label = _label(group)
        iri = ids.actor(group[0][0].kind, label)
        members = [d for same in group for d in same]
        for d in members:
            result.assignments[d.key] = Assignment(iri, label)
            result.clusters[d.key] = root
        joined = {d.key: uf.reason[same[0].key] for same in group if same[0].key in uf.reason for d in same}
        result.reasons.update(joined)
        result.evidence.add(iri, members, label, joined)
    return result


def _label(group: list[list[Descriptor]]) -> str:
    """The actor's label: the fullest (:func:`~graph.resolve.names.name_rank`) of its shapes'
    primary names; but when one shape alone writes that name, and it holds a primary name of
    two words or more that other shapes write too, the fullest such name. A name written
    once with words around it that are no part of it (a run of capitalised words in a
    heading, "Critics Keep Telling Ann Okafor") then does not label an actor that the other
    articles name plainly ("Ann Okafor")."""
    primaries = {same[0].primary for same in group}
    best = min(primaries, key=name_rank)

    def shared(name: str) -> bool:
        return sum(name in same[0].names for same in group) > 1

    if len(group) == 1 or shared(best):
        return best
    words = fold(best).split()
    inner = [p for p in primaries if p != best and shared(p) and len(w := fold(p).split()) >= 2
             and any(words[i:i + len(w)] == w for i in range(len(words) - len(w) + 1))]
    return min(inner, key=name_rank) if inner else best


def _evidence(members: list[Descriptor], label: str, joined: dict[Ref, str]) -> list[Merge]:
    merges = []
    using_label = sorted({d.article for d in members if label in d.names})
    if len({d.article for d in members}) > 1 and len(using_label) > 1:
        merges.append(Merge(label, "same full name", tuple(using_label)))
    for d in members:
        merges += member_merges(d, label, joined.get(d.key))
    return merges


def member_merges(d: Descriptor, label: str, joined: str | None) -> list[Merge]:
    """The evidence one article's descriptor gives its actor, labelled ``label``, its shape
    joined by the rule ``joined`` (if any): why each of its other names is the actor, from
    that article alone (the label's "same full name", which needs two articles, aside)."""
    primary = d.primary
    merges = []
    for name in sorted(d.names - {label}):
        reason = within_reason(name, primary) if name != primary else (joined or "same full name")
        merges.append(Merge(name, reason, (d.article,)))
    return merges + [Merge(alias, reason, (d.article,)) for alias, reason in sorted(d.reasons)]


def combine_merges(merges: list[Merge]) -> list[Merge]:
    """One merge per (alias, reason), with the articles of all of them."""
    out: dict[tuple[str, str], set[str]] = {}
    for m in merges:
        out.setdefault((m.alias, m.reason), set()).update(m.articles)
    return [Merge(alias, reason, tuple(sorted(arts))) for (alias, reason), arts in sorted(out.items())]


def adds_no_shape(context: list[Descriptor], own: list[Descriptor], resolution: Resolution) -> bool:
    """True when clustering ``context`` with ``own`` (one new article's descriptors, resolved
    in ``resolution``) ran the rules on the same descriptors as clustering ``context``
    alone: each of ``own`` was clustered as it is (the resolver merged none of them) and has
    the shape of a descriptor of ``context`` whose key is smaller (the first of a shape, by
    key, stands for it). Every descriptor of ``context`` then has the same actor, label,
    cluster and join reason both ways: :func:`cluster` runs its rules once per shape, on its
    first descriptor, and labels a cluster from its shapes."""
    if len({resolution.assignments[d.key].iri for d in own}) < len(own):
        return False  # the resolver clustered them again, merged
    first: dict[tuple, Ref] = {}
    for d in context:
        shape = d.shape
        if shape not in first or d.key < first[shape]:
            first[shape] = d.key
    return all(d.shape in first and first[d.shape] < d.key for d in own)


def evidence_added(context: list[Descriptor], own: list[Descriptor], resolution: Resolution, ids: Ids,
                   overrides: Overrides | None = None) -> dict[str, list[Merge]] | None:
    """The merge evidence that adding one new article (``own``: its descriptors) to the
    articles of ``context`` adds to each of its actors, when it only adds; None when it
    may change the evidence otherwise. It only adds when every descriptor of ``context``
    keeps its actor, label, join reason and the other stored descriptors of its cluster:
    certain when the article adds no shape (:func:`adds_no_shape`), else checked against
    clustering ``context`` alone (one clustering, no read).

    The evidence of an actor is the merges of each member of its clusters
    (:func:`member_merges`: its names against the cluster's label and its shape's join
    reason), and the label's "same full name" once two articles of a cluster give it. With
    the same clusters, labels and reasons for every stored member, only the new members'
    merges are new, and the label's "same full name" gains the article (with the one other
    article giving the label, when there was one: the merge is new then).

    Returns:
        Actor IRI -> the merges to add (as quads, with those stored, they are the evidence
        :func:`cluster` gives all the articles).
    """
    if any(d.key not in resolution.clusters for d in own):
        return None  # the resolver clustered them again, merged (:func:`graph.resolve.resolve`)
    if not adds_no_shape(context, own, resolution) and not _keeps_stored(context, resolution,
                                                                         cluster(context, ids, overrides)):
        return None
    members: dict[Ref, list[Descriptor]] = {}
    for d in context:
        members.setdefault(resolution.clusters[d.key], []).append(d)
    added: dict[str, list[Merge]] = {}
    for d in own:
        actor = resolution.assignments[d.key]
        merges = member_merges(d, actor.label, resolution.reasons.get(d.key))
        if actor.label in d.names:
            using = sorted({m.article for m in members.get(resolution.clusters[d.key], ()) if actor.label in m.names})
            if using:
                merges.append(Merge(actor.label, "same full name", tuple(sorted({d.article, *using[:1]})) if len(using) == 1
                                    else (d.article,)))
        added.setdefault(actor.iri, []).extend(merges)
    return added


def _keeps_stored(context: list[Descriptor], after: Resolution, before: Resolution) -> bool:
    """True when every descriptor of ``context`` has the same actor, label and join reason
    in both resolutions, and the same others of ``context`` in its cluster."""
    roots: dict[Ref, Ref] = {}  # its cluster before -> after
    for d in context:
        if before.assignments[d.key] != after.assignments[d.key] or before.reasons.get(d.key) != after.reasons.get(d.key):
            return False
        if roots.setdefault(before.clusters[d.key], after.clusters[d.key]) != after.clusters[d.key]:
            return False  # split
    return len(set(roots.values())) == len(roots)  # else two joined
