"""Conflicting figures: statistics about the same measure and period that disagree.

Two statistics are compared when they are in the same unit (mass and length converted to
one base unit), state the same period, come from different articles or different sources,
measure the same thing (their measure words: content words, lowercased, singular, without
stop words and the unit's own words, overlap by at least :data:`MIN_OVERLAP`, Jaccard) and
are about the same actors and places as far as the text shows: when both figures have people
or organisations (other than their source) mentioned within :data:`WINDOW` characters, they
must share one, and likewise for places (5,617 votes for one candidate and 203,091 for
another are not a conflict). Each figure
becomes an interval from its qualifier and its rounding (:func:`interval`); a pair is a
conflict only when the intervals do not overlap, so "more than 2,000" and "2,140" agree
while "around 3 tons" and "1.5 tonnes" do not.

The unit conversions, the qualifiers' intervals and the measure words left out or folded
come from the lexicon (``lexicon().numbers``: ``unit_conversions.tsv``, ``qualifiers.tsv``,
``measure_noise.txt``, ``measure_lemmas.tsv``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, replace
from decimal import Decimal
from itertools import combinations

from spacy.lang.en.stop_words import STOP_WORDS

from graph.lexicon import lexicon
from graph.lexicon.numbers import Qualifier
from graph.query import load_query
from graph.rdf._terms import (A, ATTRIBUTED_TO, BEGIN, END, LABEL, PERIOD, SOURCE_FILE, TEXT, NamedNode, index_graph, iri,
                              to_python)
from graph.rdf.base import GraphStore
from graph.rdf.statement_keys import MENTIONED_NEAR, NEAR_WINDOW, has_facets, key_node

INF = Decimal("Infinity")
#: Interval of a qualifier the lexicon does not know (read as "about": no false alarms).
UNKNOWN_QUALIFIER = Qualifier(Decimal("0.8"), Decimal("1.2"), rounding=True, read=False)
#: Minimum Jaccard overlap of two measures' words for them to count as the same measure.
MIN_OVERLAP = 0.5
#: Characters either side of a figure in which mentioned actors and places are its subjects
#: (the window of the actors near it that the statement keys hold).
WINDOW = NEAR_WINDOW
#: Entity class (as in ``schema:``) -> the kind of subject it is, compared separately.
SUBJECT_KINDS: dict[str, str] = {"Person": "agent", "Organization": "agent", "Place": "place"}

_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Figure:
    """One statistic as compared here.

    Attributes:
        statistic: Its IRI.
        value: The number stated.
        unit: The unit stated (``schema:unitText``).
        measure: What it measures.
        period: When it applies.
        qualifier: "more than", "about"... when stated.
        source: Label of who reported it, when known.
        text: The phrase it was read from.
        file: The article's source file.
        begin: Start offset in the article.
        end: End offset in the article.
        source_iri: IRI of who reported it, when known.
        subjects: (kind, IRI) of the actors and places mentioned near it, other than its
            source (kind from :data:`SUBJECT_KINDS`).
    """

    statistic: str
    value: Decimal
    unit: str
    measure: str
    period: str
    qualifier: str | None
    source: str | None
    text: str
    file: str
    begin: int
    end: int
    source_iri: str | None = None
    subjects: frozenset[tuple[str, str]] = frozenset()


@dataclass(frozen=True)
class Conflict:
    """Two figures for the same measure and period whose intervals do not overlap.

    Attributes:
        first: One figure (the lower).
        second: The other.
        unit: The unit both intervals are in.
        first_range: The values ``first`` allows (low, high) in ``unit``.
        second_range: The values ``second`` allows.
    """

    first: Figure
    second: Figure
    unit: str
    first_range: tuple[Decimal, Decimal]
    second_range: tuple[Decimal, Decimal]

    def to_dict(self) -> dict:
        """The conflict as JSON-ready data (numbers as strings)."""
        return _jsonable(asdict(self))


def conflicts(store: GraphStore) -> list[Conflict]:
    """Every conflicting pair of statistics in the graph.

    The figures are read in two steps, since each value read into Python costs (about 30 us
    under load): first what grouping and comparing their measures needs (value, unit,
    measure, period, qualifier), then, by lookups, the offsets, phrase, source and file of
    the figures that could be in a conflict (:func:`candidates`; those without them are left
    out, as a join would), and the actors mentioned near them (from the statement keys,
    :func:`graph.rdf.statement_keys.key_quads`, when the store has them; else from the
    mentions of their articles).

    Args:
        store: The graph.

    Returns:
        The conflicts, ordered by unit, period and the figures' files and offsets.
    """
    # the rows' terms read as they are (IRIs and strings: their values), not through select(),
    # whose conversion of every term cost a third of reading the 6,018 figures of 10,000 articles
    qualifiers = {r["statistic"].value: r["qualifier"].value for r in store.query(_QUALIFIERS)}
    figures = candidates(Figure(statistic=(node := r["statistic"].value), value=Decimal(str(to_python(r["value"]))),
                                unit=r["unit"].value, measure=r["measure"].value, period=r["period"].value,
                                qualifier=qualifiers.get(node) or None, source=None, text="", file="", begin=0, end=0)
                         for r in store.query(load_query("conflicts")))
    about = {f.statistic: _describe(store, f.statistic) for f in figures}
    about = {s: d for s, d in about.items() if {TEXT.value, BEGIN.value, END.value} <= d.keys()}
    file_of = {a: _value(store, a, SOURCE_FILE, a) for a in sorted({d["article"] for d in about.values()})}
    labels = {a: _value(store, a, LABEL) for a in sorted({d[ATTRIBUTED_TO.value] for d in about.values()
                                                           if ATTRIBUTED_TO.value in d})}
    figures = [replace(f, text=d[TEXT.value], file=file_of[d["article"]], begin=int(d[BEGIN.value]),
                       end=int(d[END.value]), source=label or None,
                       # as the query's OPTIONAL, which wanted the source's label too
                       source_iri=d[ATTRIBUTED_TO.value] if label is not None else None)
               for f in figures if f.statistic in about and file_of[about[f.statistic]["article"]] is not None
               for d in [about[f.statistic]] for label in [labels.get(d.get(ATTRIBUTED_TO.value, ""))]]
    kinds: dict[str, list[str]] = {}  # actor -> its classes among SUBJECT_KINDS

    def kinds_of(actor: str) -> list[str]:
        if actor not in kinds:
            kinds[actor] = sorted({_SUBJECT_CLASSES[q.object.value] for q in store.quads(iri(actor), A, None, None)
                                   if q.object.value in _SUBJECT_CLASSES})
        return kinds[actor]

    if has_facets(store):  # the actors near each figure, from the statement keys: a lookup a figure
        return find_conflicts(with_subjects(f, [
            {"begin": f.begin, "actor": q.object.value, "kind": kind}
            for q in store.quads(key_node(f.statistic), MENTIONED_NEAR, None, index_graph(about[f.statistic]["article"]))
            for kind in kinds_of(q.object.value)]) for f in figures)
    # The article's IRI and the figures' windows written into the query text (an IRI the
    # store gave, integers): bound in a VALUES block, the query matched every mention of the
    # store before keeping the article's; unfiltered, it read every mention of the article.
    query = load_query("conflicts_mentions")
    mentions: dict[str, list[dict]] = {}
    by_article: dict[str, list[Figure]] = {}
    for f in figures:
        by_article.setdefault(about[f.statistic]["article"], []).append(f)
    for article, here in sorted(by_article.items()):
        windows = " || ".join(sorted({f"(?begin >= {f.begin - WINDOW} && ?begin <= {f.end + WINDOW})" for f in here}))
        found = store.select(query.replace("ARTICLE", str(iri(article))).replace("WINDOWS", windows))
        mentions[article] = [{**m, "kind": kind} for m in found for kind in kinds_of(str(m["actor"]))]
    return find_conflicts(with_subjects(f, mentions[about[f.statistic]["article"]]) for f in figures)


def candidates(figures: Iterable[Figure]) -> list[Figure]:
    """The figures that could be in a conflict: those with another of the same measure in
    their group (base unit and period) whose interval does not overlap theirs.

    >>> a = Figure("s1", Decimal(3), "tonne", "rice seized", "2020", "around", None, "", "a.txt", 0, 1)
    >>> b = Figure("s2", Decimal("1.5"), "tonne", "rice", "2020", None, None, "", "b.txt", 0, 1)
    >>> c = Figure("s3", Decimal(2), "tonne", "rice", "2021", None, None, "", "c.txt", 0, 1)
    >>> [f.statistic for f in candidates([a, b, c])]
    ['s1', 's2']
    """
    figures = list(figures)
    kept: set[int] = set()  # id() of the figures kept
    for (unit, _), group in _groups(figures).items():
        # Figures by their measure's words, each pair of word sets compared once; a figure has
        # a partner in a set when its interval ends below the highest start there, or starts
        # above the lowest end (its own interval never lies outside itself).
        by_words: dict[frozenset[str], list[tuple[Figure, tuple[Decimal, Decimal]]]] = {}
        for f in group:
            if words := measure_words(f.measure, unit):
                by_words.setdefault(words, []).append((f, _base_interval(f)))
        sets = list(by_words)
        for n, wa in enumerate(sets):
            for wb in sets[n:]:
                if len(wa & wb) / len(wa | wb) < MIN_OVERLAP:
                    continue
                for mine, theirs in ((by_words[wa], by_words[wb]), (by_words[wb], by_words[wa])):
                    top, bottom = max(r[0] for _, r in theirs), min(r[1] for _, r in theirs)
                    kept.update(id(f) for f, (low, high) in mine if high < top or low > bottom)
    return [f for f in figures if id(f) in kept]


#: The qualifier of every statistic with a period (what ``conflicts.rq`` leaves out). (The period
#: first: from the sources, a query like it read every statement's too: 14 s on 10,000 articles.)
_QUALIFIERS = ("SELECT ?statistic ?qualifier WHERE { GRAPH ?g { ?statistic cg:period ?period ; "
               "cg:qualifier ?qualifier } }")
#: Class IRI -> its name, for the classes :data:`SUBJECT_KINDS` compares.
_SUBJECT_CLASSES = {f"https://schema.org/{k}": k for k in SUBJECT_KINDS}


def with_subjects(figure: Figure, mentions: Iterable[dict]) -> Figure:
    """``figure`` with the actors and places of ``mentions`` (rows of ``begin``, ``actor``,
    ``kind``) that stand within :data:`WINDOW` characters of it as its subjects."""
    near = {(SUBJECT_KINDS[str(m["kind"])], str(m["actor"])) for m in mentions
            if str(m["kind"]) in SUBJECT_KINDS and figure.begin - WINDOW <= int(m["begin"]) <= figure.end + WINDOW
            and str(m["actor"]) != figure.source_iri}
    return replace(figure, subjects=frozenset(near))


def find_conflicts(figures: Iterable[Figure]) -> list[Conflict]:
    """The pairs of ``figures`` that disagree (see the module docstring).

    >>> a = Figure("s1", Decimal(3), "tonne", "rice seized", "2020", "around", None, "", "a.txt", 0, 1)
    >>> b = Figure("s2", Decimal("1.5"), "tonne", "rice", "2020", None, None, "", "b.txt", 0, 1)
    >>> [(c.first.file, c.second.file) for c in find_conflicts([a, b])]
    [('b.txt', 'a.txt')]
    """
    found = [c for (unit, _), group in sorted(_groups(figures).items()) for c in _group_conflicts(group, unit)]
    return sorted(found, key=lambda c: (c.unit, c.first.period, c.first.file, c.first.begin,
                                        c.second.file, c.second.begin))


def base_value(value: Decimal, unit: str) -> tuple[Decimal, str]:
    """A value in its base unit: ``(3, "tonne")`` -> ``(3000, "kilogram")``."""
    base, factor = lexicon().numbers.conversions.get(unit, (unit, Decimal(1)))
    return value * factor, base


def interval(value: Decimal, qualifier: str | None) -> tuple[Decimal, Decimal]:
    """The values a figure allows, from its qualifier, else from its rounding.

    Args:
        value: The number stated.
        qualifier: Its qualifier, or None for an exact figure.

    Returns:
        (low, high): "more than X" is [X, inf), "about X" ±20% (at least its rounding),
        "nearly X" [0.8X, X], an exact figure ± half its last significant digit.

    >>> interval(Decimal(20490), None)
    (Decimal('20485'), Decimal('20495'))
    >>> interval(Decimal(20000), "more than")
    (Decimal('20000'), Decimal('Infinity'))
    """
    half = Decimal("0.5").scaleb(value.normalize().as_tuple().exponent) if value else Decimal("0.5")
    if qualifier is None:
        return value - half, value + half
    factors = lexicon().numbers.qualifiers.get(qualifier.strip().casefold(), UNKNOWN_QUALIFIER)
    low, high = sorted((_times(value, factors.low), _times(value, factors.high)))
    if factors.rounding:
        low, high = min(low, value - half), max(high, value + half)
    return low, high


@lru_cache(maxsize=65536)
def measure_words(measure: str, unit: str = "") -> frozenset[str]:
    """The content words of a measure, lowercased, singular, stop words and the unit's words out.

    >>> sorted(measure_words("Flood-related arrests of the people"))
    ['arrest', 'flood', 'person', 'related']
    >>> sorted(measure_words("people arrested", "person"))
    ['arrested']
    """
    unit_words = {_lemma(w) for w in _WORD.findall(unit.casefold())}
    words = (_lemma(w) for w in _WORD.findall(measure.casefold()))
    noise = lexicon().numbers.measure_noise
    return frozenset(w for w in words if w not in STOP_WORDS and w not in noise
                     and w not in unit_words and len(w) > 1)


def same_measure(a: str, b: str, unit: str = "") -> bool:
    """True when two measures (in ``unit``) share enough content words (:data:`MIN_OVERLAP`).

    A measure that names only its unit ("deaths" counted in deaths) says too little to compare.
    """
    wa, wb = measure_words(a, unit), measure_words(b, unit)
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= MIN_OVERLAP


def same_subjects(a: Figure, b: Figure) -> bool:
    """False when both figures name actors (or both name places) near them and share none."""
    return _share(_subjects_by_kind(a), _subjects_by_kind(b))


def _share(sa: dict[str, frozenset[str]], sb: dict[str, frozenset[str]]) -> bool:
    """:func:`same_subjects` on the figures' :func:`_subjects_by_kind`."""
    return all(not (sa[kind] and sb[kind]) or sa[kind] & sb[kind] for kind in _KINDS_COMPARED)


def format_conflict(c: Conflict) -> str:
    """A conflict as three lines of text: the disagreement, then each figure with its source."""
    head = (f"{c.first.period}, {c.unit}: {_show(c.first)} ({c.first.measure}) vs "
            f"{_show(c.second)} ({c.second.measure})")
    return "\n".join([head, *(f"  {f.file}:{f.begin}-{f.end} “{f.text}” ({f.source or 'source not stated'}), "
                              f"allows {_range(r)}" for f, r in ((c.first, c.first_range),
                                                                 (c.second, c.second_range)))])


def _groups(figures: Iterable[Figure]) -> dict[tuple[str, str], list[Figure]]:
    """Figures by base unit and period: only figures in one group are compared."""
    groups: dict[tuple[str, str], list[Figure]] = {}
    for f in figures:
        groups.setdefault((base_value(f.value, f.unit)[1], f.period.strip().casefold()), []).append(f)
    return groups


def _group_conflicts(group: list[Figure], unit: str) -> Iterator[Conflict]:
    group = sorted(group, key=lambda f: (f.file, f.begin, f.statistic))
    subjects = [_subjects_by_kind(f) for f in group]  # what same_subjects compares, sorted once a figure
    for (a, ra, sa), (b, rb, sb) in combinations(zip(group, map(_base_interval, group), subjects), 2):
        if ((ra[1] < rb[0] or rb[1] < ra[0]) and (a.file, a.source) != (b.file, b.source)
                and same_measure(a.measure, b.measure, unit) and _share(sa, sb)):
            yield Conflict(a, b, unit, ra, rb) if ra[1] < rb[0] else Conflict(b, a, unit, rb, ra)


#: The kinds of subject compared (:data:`SUBJECT_KINDS`'s values).
_KINDS_COMPARED = sorted(set(SUBJECT_KINDS.values()))


def _subjects_by_kind(f: Figure) -> dict[str, frozenset[str]]:
    """The IRIs of a figure's subjects of each kind, as :func:`same_subjects` sorts them."""
    return {kind: frozenset(i for k, i in f.subjects if k == kind) for kind in _KINDS_COMPARED}


def _base_interval(f: Figure) -> tuple[Decimal, Decimal]:
    low, high = interval(f.value, f.qualifier)
    _, factor = lexicon().numbers.conversions.get(f.unit, (f.unit, Decimal(1)))
    return _times(low, factor), _times(high, factor)


def _times(value: Decimal, factor: Decimal) -> Decimal:
    """Multiplication where infinity times anything stays infinity (and 0 * inf is inf)."""
    return INF if INF in (value, factor) else value * factor


def _lemma(word: str) -> str:
    """The singular of a measure word: irregular plurals from the lexicon, then by rule."""
    irregular = lexicon().numbers.measure_lemmas
    if word in irregular:
        return irregular[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _value(store: GraphStore, subject: str, predicate: NamedNode, graph: str | None = None) -> str | None:
    """The first object of ``subject``'s ``predicate`` (in ``graph`` when given), read by a lookup."""
    found = store.quads(iri(subject), predicate, None, iri(graph) if graph else None)
    return found[0].object.value if found else None


def _describe(store: GraphStore, statistic: str) -> dict[str, str]:
    """What a statistic's graph (its article, as ``"article"``) says of it: predicate IRI -> object."""
    found = store.quads(iri(statistic), None, None, None)
    graph = next(q.graph_name for q in found if q.predicate == PERIOD)
    return {"article": graph.value, **{q.predicate.value: q.object.value for q in found if q.graph_name == graph}}


def _show(f: Figure) -> str:
    return f"{f.qualifier + ' ' if f.qualifier else ''}{_number(f.value)} {f.unit}"


def _range(r: tuple[Decimal, Decimal]) -> str:
    return f"[{_number(r[0])}, {'∞' if r[1] == INF else _number(r[1])}]"


def _number(value: Decimal) -> str:
    return format(value.normalize(), ",f") if value.is_finite() else str(value)


def _jsonable(data: object) -> object:
    if isinstance(data, dict):
        return {k: _jsonable(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [_jsonable(v) for v in data]
    if isinstance(data, frozenset):
        return sorted(_jsonable(v) for v in data)
    return str(data) if isinstance(data, Decimal) else data
