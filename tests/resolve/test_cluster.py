"""Cross-article identity rules (graph.resolve.cluster), on descriptors made by hand."""

from __future__ import annotations

import itertools

import pytest

from graph.overrides import Overrides
from graph.rdf.ids import Ids
from graph.resolve.cluster import cluster
from graph.resolve.descriptors import Descriptor

IDS = Ids()


def d(article: str, names: tuple[str, ...], kind: str = "Person", titles: tuple[str, ...] = (),
      reasons: tuple[tuple[str, str], ...] = ()) -> Descriptor:
    return Descriptor(f"urn:a:{article}", names[0], kind, frozenset(names), frozenset(titles), frozenset(reasons))


def groups(descs: list[Descriptor], overrides: Overrides | None = None) -> set[frozenset[str]]:
    res = cluster(descs, IDS, overrides)
    out: dict[str, set[str]] = {}
    for x in descs:
        out.setdefault(res.assignments[x.key].iri, set()).add(x.article[6:])
    return {frozenset(v) for v in out.values()}


CASES = [
    ("same full name", [d("a", ("Lena Okafor",)), d("b", ("Lena Okafor", "Okafor"))], {frozenset("ab")}),
    ("diacritics", [d("a", ("Jan Brzęczyński",)), d("b", ("Jan Brzeczynski",))], {frozenset("ab")}),
    ("honorific", [d("a", ("Dr. Lena Okafor",)), d("b", ("Lena Okafor",))], {frozenset("ab")}),
    ("same family name stays apart", [d("a", ("Lena Okafor",)), d("b", ("Ade Okafor",))],
     {frozenset("a"), frozenset("b")}),
    ("short name with same title joins",
     [d("a", ("Okafor", "Mr. Okafor"), titles=("Finance Minister",)),
      d("b", ("Tunde Okafor",), titles=("Minister of Finance",))], {frozenset("ab")}),
    ("short name without title stays apart", [d("a", ("Okafor",)), d("b", ("Tunde Okafor",))],
     {frozenset("a"), frozenset("b")}),
    ("short name fitting two people stays apart",
     [d("a", ("Okafor",), titles=("mayor",)), d("b", ("Tunde Okafor",), titles=("mayor",)),
      d("c", ("Ade Okafor",), titles=("mayor",))], {frozenset("a"), frozenset("b"), frozenset("c")}),
    ("short name fitting three people stays apart",
     [d("a", ("Okafor",), titles=("mayor",)), d("b", ("Tunde Okafor",), titles=("mayor",)),
      d("c", ("Ade Okafor",), titles=("mayor",)), d("d", ("Femi Okafor",), titles=("mayor",))],
     {frozenset("a"), frozenset("b"), frozenset("c"), frozenset("d")}),
    ("short name joins the one namesake sharing its title",
     [d("a", ("Okafor",), titles=("mayor",)), d("b", ("Tunde Okafor",), titles=("mayor",)),
      d("c", ("Ade Okafor",), titles=("surgeon",))], {frozenset("ab"), frozenset("c")}),
    ("two short names join the same namesake",
     [d("a", ("Okafor",), titles=("mayor",)), d("b", ("Okafor",), titles=("mayor",)),
      d("c", ("Tunde Okafor",), titles=("mayor",))], {frozenset("abc")}),
    ("near spelling with shared title",
     [d("a", ("Pavel Rostovic",), titles=("coach",)), d("b", ("Pavel Rostovich",), titles=("coach",))],
     {frozenset("ab")}),
    ("near spelling without title stays apart",
     [d("a", ("Pavel Rostovic",)), d("b", ("Pavel Rostovich",))], {frozenset("a"), frozenset("b")}),
    ("defined acronym", [d("a", ("Harbour Safety Board", "HSB"), "Organization"), d("b", ("HSB",), "Organization")],
     {frozenset("ab")}),
    ("ambiguous acronym stays apart",
     [d("a", ("Harbour Safety Board", "HSB"), "Organization"), d("b", ("Health Services Bureau", "HSB"), "Organization"),
      d("c", ("HSB",), "Organization")], {frozenset("a"), frozenset("b"), frozenset("c")}),
    ("acronym fitting three organisations stays apart",
     [d("a", ("Harbour Safety Board", "HSB"), "Organization"), d("b", ("Health Services Bureau",), "Organization"),
      d("c", ("HSB",), "Organization"), d("d", ("Harbour Services Board",), "Organization")],
     {frozenset("a"), frozenset("b"), frozenset("c"), frozenset("d")}),
    ("within-article reasons do not change the clusters",
     [d("a", ("Ministry of Harbours", "Harbours Ministry"), "Organization",
        reasons=(("Harbours Ministry", "ministry form"), ("Harbour Minister", "title implies organisation"))),
      d("b", ("Ministry of Harbours",), "Organization")], {frozenset("ab")}),
    ("organisation short alias does not join", [d("a", ("Royal Navy", "Navy"), "Organization"),
                                                d("b", ("Navy",), "Organization")], {frozenset("a"), frozenset("b")}),
    ("an organisation's short form of two words does not join",
     [d("a", ("Kelby Green Party", "Green Party"), "Organization", reasons=(("Green Party", "short name"),)),
      d("b", ("Green Party",), "Organization"),
      d("c", ("Marlow Green Party", "Green Party"), "Organization", reasons=(("Green Party", "short name"),))],
     {frozenset("a"), frozenset("b"), frozenset("c")}),
    ("a name written once around another joins it",
     [d("a", ("Tunde Okafor",)), d("b", ("Tunde Okafor", "Okafor")),
      d("c", ("Critics Keep Telling Tunde Okafor", "Tunde Okafor"))], {frozenset("abc")}),
    ("an organisation's other full names still join",
     [d("a", ("Kelby Green Party", "Green Party of Kelby"), "Organization"),
      d("b", ("Green Party of Kelby",), "Organization")], {frozenset("ab")}),
]


@pytest.mark.parametrize(("why", "descs", "expected"), CASES, ids=[c[0] for c in CASES])
def test_rules(why, descs, expected):
    assert groups(descs) == expected


@pytest.mark.parametrize(("why", "descs", "expected"), CASES, ids=[c[0] for c in CASES])
def test_order_does_not_matter(why, descs, expected):
    results = {frozenset(cluster(p, IDS).assignments.items()) for p in itertools.permutations(descs)}
    assert len(results) == 1


@pytest.mark.parametrize(("overrides", "expected"), [
    (Overrides(joins=(("Lena Okafor", "L. Okafor-Bello"),)), {frozenset("ab")}),
    (Overrides(), {frozenset("a"), frozenset("b")}),
])
def test_override_join(overrides, expected):
    assert groups([d("a", ("Lena Okafor",)), d("b", ("L. Okafor-Bello",))], overrides) == expected


@pytest.mark.parametrize(("overrides", "expected"), [
    (Overrides(splits=(("Okafor",),)), {frozenset("a"), frozenset("b")}),
    (Overrides(), {frozenset("ab")}),
])
def test_override_split(overrides, expected):
    descs = [d("a", ("Okafor",), titles=("mayor",)), d("b", ("Tunde Okafor",), titles=("mayor",))]
    assert groups(descs, overrides) == expected


def test_label_is_fullest_name_and_evidence_names_articles():
    res = cluster([d("a", ("Okafor",), titles=("mayor",)), d("b", ("Tunde Okafor", "Mr. Okafor"), titles=("mayor",))], IDS)
    iri = res.assignments[("urn:a:a", "Okafor")].iri
    assert iri.endswith("/person/tunde-okafor")
    reasons = {(m.alias, m.reason, m.articles) for m in res.evidence[iri]}
    assert ("Okafor", "title match", ("urn:a:a",)) in reasons
    assert ("Mr. Okafor", "honorific", ("urn:a:b",)) in reasons


@pytest.mark.parametrize(("descs", "label"), [
    # the fullest name, even when one article alone writes it ...
    ([d("a", ("Okafor",), titles=("mayor",)), d("b", ("Tunde Okafor", "Okafor"), titles=("mayor",))], "tunde-okafor"),
    ([d("a", ("Tunde Okafor",)), d("b", ("Tunde Okafor",)), d("c", ("Tunde Ade Okafor", "Tunde Okafor"))],
     "tunde-ade-okafor"),
    # ... but not words around a name that the other articles write plainly
    ([d("a", ("Tunde Okafor",)), d("b", ("Tunde Okafor", "Okafor")), d("c", ("Critics Keep Telling Tunde Okafor",
                                                                           "Tunde Okafor"))], "tunde-okafor"),
    ([d("a", ("Harbour Board",), "Organization"), d("b", ("Harbour Board",), "Organization", titles=("x",)),
      d("c", ("New Report Blames Harbour Board", "Harbour Board"), "Organization")], "harbour-board"),
])
def test_label(descs, label):
    res = cluster(descs, IDS)
    assert {res.assignments[x.key].iri.rsplit("/", 1)[1] for x in descs} == {label}


@pytest.mark.parametrize(("descs", "expected"), [
    # extraction's reason is written beside the resolver's own for the same alias
    ([d("a", ("Harbour Safety Board", "HSB"), "Organization", reasons=(("HSB", "acronym"),))],
     {("HSB", "acronym", ("urn:a:a",)), ("HSB", "defined acronym", ("urn:a:a",))}),
    # an alias that is not one of the actor's names (a title) is evidence too
    ([d("a", ("Ministry of Harbours",), "Organization", reasons=(("Harbour Minister", "title implies organisation"),)),
      d("b", ("Ministry of Harbours",), "Organization",
        reasons=(("Harbour Minister", "title implies organisation"),))],
     {("Ministry of Harbours", "same full name", ("urn:a:a", "urn:a:b")),
      ("Harbour Minister", "title implies organisation", ("urn:a:a", "urn:a:b"))}),
    # without reasons, only the resolver's
    ([d("a", ("Lena Okafor", "Okafor"))], {("Okafor", "short name", ("urn:a:a",))}),
])
def test_evidence_includes_the_within_article_reasons(descs, expected):
    res = cluster(descs, IDS)
    assert {(m.alias, m.reason, m.articles) for ms in res.evidence.values() for m in ms} == expected


@pytest.mark.parametrize(("descs", "with_evidence"), [
    ([d("a", ("Lena Okafor",)), d("b", ("Lena Okafor",))], {"lena-okafor"}),  # two articles: same full name
    ([d("a", ("Lena Okafor",)), d("b", ("Ade Bello", "Bello"))], {"ade-bello"}),  # one name alone: no merge
    ([d("a", ("Lena Okafor",))], set()),
])
def test_evidence_maps_only_the_actors_with_merges(descs, with_evidence):
    res = cluster(descs, IDS)
    iris = {a.iri for a in res.assignments.values()}
    assert {i.rsplit("/", 1)[1] for i in res.evidence} == with_evidence == {i.rsplit("/", 1)[1] for i in iris if i in res.evidence}
    assert len(res.evidence) == len(with_evidence)
    for i in iris - set(res.evidence):
        with pytest.raises(KeyError):
            res.evidence[i]
