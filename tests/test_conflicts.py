"""Conflicting figures: intervals from qualifiers and rounding, measures, units, pairs."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from graph.conflicts import (INF, Figure, base_value, candidates, find_conflicts, interval, measure_words,
                              same_measure, same_subjects, with_subjects)

from .test_roles import build_jsonl


@pytest.mark.parametrize(("value", "qualifier", "expected"), [
    (D(20490), None, (D(20485), D(20495))),
    (D(20000), None, (D(15000), D(25000))),
    (D("1.5"), None, (D("1.45"), D("1.55"))),
    (D(20000), "more than", (D(20000), INF)),
    (D(20000), "Over", (D(20000), INF)),
    (D(3), "around", (D("2.4"), D("3.6"))),
    (D(20000), "about", (D(15000), D(25000))),
    (D(100), "nearly", (D(80), D(100))),
    (D(50), "up to", (D(0), D(50))),
    (D(12), "some unknown hedge", (D("9.6"), D("14.4"))),
    (D(10), None, (D(5), D(15))),
])
def test_interval(value, qualifier, expected):
    assert interval(value, qualifier) == expected


@pytest.mark.parametrize(("value", "unit", "expected"), [
    (D(3), "tonne", (D(3000), "kilogram")),
    (D(500), "gram", (D("0.5"), "kilogram")),
    (D(7), "kilogram", (D(7), "kilogram")),
    (D(12), "person", (D(12), "person")),
])
def test_base_value(value, unit, expected):
    assert base_value(value, unit) == expected


@pytest.mark.parametrize(("measure", "expected"), [
    ("Drug-related arrests", {"drug", "related", "arrest"}),
    ("the people killed", {"person", "killed"}),
    ("total number of casualties", {"casualty"}),
    ("of the", set()),
])
def test_measure_words(measure, expected):
    assert measure_words(measure) == expected


@pytest.mark.parametrize(("a", "b", "unit", "expected"), [
    ("cocaine", "cocaine seized", "kilogram", True),
    ("heroin seizures", "heroin seizures", "", True),
    ("people arrested", "people injured", "person", False),
    ("people arrested", "persons arrested", "person", True),
    ("voters", "", "", False),
    ("illegal guns", "guns handed in", "", False),
    # a measure naming only its unit says too little to compare
    ("deaths", "related deaths", "death", False),
    ("states", "states", "state", False),
])
def test_same_measure(a, b, unit, expected):
    assert same_measure(a, b, unit) is expected


def _fig(value, unit="person", measure="people arrested", period="2019", qualifier=None, source=None,
         file="a.txt", begin=0, source_iri=None, subjects=()):
    return Figure(f"{file}#{begin}", D(value), unit, measure, period, qualifier, source, "", file, begin, begin + 5,
                  source_iri, frozenset(subjects))


@pytest.mark.parametrize(("figures", "expected"), [
    # a qualifier covers the other figure: agree
    ([_fig(20000, qualifier="more than"), _fig(20490, file="b.txt")], []),
    # "around 3 tons" vs "1.5 tonnes" (converted through kilograms): conflict
    ([_fig(3, "tonne", "cocaine", qualifier="around"), _fig(1500, "kilogram", "cocaine seized", file="b.txt")],
     [("b.txt", "a.txt")]),
    # different periods, units or measures are never compared
    ([_fig(100, period="2018"), _fig(400, period="2019", file="b.txt")], []),
    ([_fig(100, unit="case"), _fig(400, file="b.txt")], []),
    ([_fig(100, measure="people injured"), _fig(400, file="b.txt")], []),
    # same article, same source: one report, not a disagreement; another source in it: compared
    ([_fig(100), _fig(400, begin=50)], []),
    ([_fig(100, source="Police"), _fig(400, source="Hospital", begin=50)], [("a.txt", "a.txt")]),
    # rounding: 2,000 (±500) and 2,300 agree; 2,140 and 2,300 do not
    ([_fig(2000), _fig(2300, file="b.txt")], []),
    ([_fig(2140), _fig(2300, file="b.txt")], [("a.txt", "b.txt")]),
    # figures about different people (votes for one candidate, votes for another) are not compared
    ([_fig(5617, subjects={("agent", "p/ana")}), _fig(203091, file="b.txt", subjects={("agent", "p/ben")})], []),
    ([_fig(5617, subjects={("agent", "p/ana")}), _fig(203091, file="b.txt", subjects={("agent", "p/ana")})],
     [("a.txt", "b.txt")]),
])
def test_find_conflicts(figures, expected):
    assert [(c.first.file, c.second.file) for c in find_conflicts(figures)] == expected


@pytest.mark.parametrize(("figures", "expected"), [
    # intervals apart, same measure (through kilograms): both kept
    ([_fig(3, "tonne", "cocaine", qualifier="around"), _fig(1500, "kilogram", "cocaine seized", file="b.txt")],
     ["a.txt#0", "b.txt#0"]),
    # a qualifier covers the other figure: neither could conflict
    ([_fig(20000, qualifier="more than"), _fig(20490, file="b.txt")], []),
    # another period, unit or measure, or a measure naming only its unit: not kept
    ([_fig(100, period="2018"), _fig(400, file="b.txt")], []),
    ([_fig(100, unit="case"), _fig(400, file="b.txt")], []),
    ([_fig(100, measure="people injured"), _fig(400, file="b.txt")], []),
    ([_fig(100, measure="persons"), _fig(400, measure="people", file="b.txt")], []),
    # kept whatever the file, source and subjects (those are read for the kept figures only)
    ([_fig(100), _fig(400, begin=50), _fig(105, file="c.txt")], ["a.txt#0", "a.txt#50", "c.txt#0"]),
    # the one in the middle overlaps neither: only the two ends are apart
    ([_fig(2140), _fig(2300, qualifier="about", file="b.txt"), _fig(2600, file="c.txt")], ["a.txt#0", "c.txt#0"]),
])
def test_candidates(figures, expected):
    assert [f.statistic for f in candidates(figures)] == expected


def test_candidates_keep_every_figure_in_a_conflict():
    values = [D(v) for v in (90, 100, 120, 2000, 2140, 2300, 3000)]
    qualifiers = [None, "more than", "about", "nearly", "up to"]
    figures = [_fig(values[i % 7], measure=("people arrested", "arrests", "people injured")[i % 3],
                    qualifier=qualifiers[i % 5], file=f"{i % 4}.txt", begin=i, period=str(2019 + i % 2))
               for i in range(60)]
    in_conflict = {f.statistic for c in find_conflicts(figures) for f in (c.first, c.second)}
    kept = {f.statistic for f in candidates(figures)}
    assert in_conflict and in_conflict <= kept


@pytest.mark.parametrize(("a", "b", "expected"), [
    (set(), set(), True),
    ({("agent", "p/ana")}, set(), True),
    ({("agent", "p/ana")}, {("agent", "p/ben")}, False),
    ({("agent", "p/ana"), ("place", "x/chile")}, {("agent", "p/ana"), ("agent", "o/court")}, True),
    ({("place", "x/chile")}, {("place", "x/peru"), ("agent", "p/ana")}, False),
])
def test_same_subjects(a, b, expected):
    assert same_subjects(_fig(1, subjects=a), _fig(2, subjects=b)) is expected


@pytest.mark.parametrize(("begin", "kind", "actor", "source", "expected"), [
    (300, "Person", "p/ana", None, {("agent", "p/ana")}),
    (170, "Place", "x/peru", None, {("place", "x/peru")}),
    (300, "Person", "p/ana", "p/ana", set()),
    (10, "Person", "p/ana", None, set()),
    (300, "UnnamedSource", "s/1", None, set()),
])
def test_with_subjects_takes_what_is_mentioned_near_the_figure(begin, kind, actor, source, expected):
    figure = _fig(5, begin=290, source_iri=source)
    assert with_subjects(figure, [{"begin": begin, "kind": kind, "actor": actor}]).subjects == expected


ARTICLES = [
    {"id": "budget", "date": "2021-09-14", "text": "Budget unveiled\n\nFinance Minister Ingrid Solberg presented "
     "the budget on Monday. The customs agency said around 3 tons of cocaine were seized in 2020.\n"},
    {"id": "customs", "date": "2021-10-02", "text": "Customs report\n\nCustoms officers seized 1.5 tonnes of "
     "cocaine in 2020, the Interior Ministry said on Friday. The ministry said 2,140 containers were "
     "handled in 2015.\n"},
    {"id": "harbour", "date": "2016-05-10", "text": "Port strike ends\n\nThe port authority said more than "
     "2,000 containers were handled in 2015.\n"},
]


@pytest.mark.slow
def test_conflict_found_and_agreement_not_reported(tmp_path, nlp):
    from graph.conflicts import conflicts

    with build_jsonl(tmp_path, nlp, ARTICLES) as store:
        found = conflicts(store)
    assert [(c.unit, c.first.period, c.first.file, c.second.file) for c in found] == [
        ("kilogram", "2020", "customs", "budget")]
    first, second = found[0].first, found[0].second
    assert (first.text, first.source, second.text, second.source) == (
        "1.5 tonnes of cocaine", "Ministry of Interior", "around 3 tons of cocaine", "The customs agency")


BASE = "https://w3id.org/claimgraph/id/"
#: Article -> (value in tonnes, its source or None, [(mention start, actor)]); each figure spans 100-110.
FIGURES = {
    "f1": ("3", None, [(20, "person/ada-vell"), (400, "person/bo-rask")]),  # Bo outside the window
    "f2": ("1.5", None, [(225, "person/ada-vell"), (230, "place/vellmark")]),
    "f3": ("10", None, [(105, "person/bo-rask")]),  # agents, none shared with f1 and f2
    "f4": ("20", "person/bo-rask", [(90, "person/bo-rask"), (300, "person/ada-vell")]),  # its source only
}


def _figures_trig() -> str:
    out = ["""@prefix cg: <https://w3id.org/claimgraph/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
""", f"@base <{BASE}> .\n",
           '<person/ada-vell> a schema:Person ; rdfs:label "Ada Vell" .\n<person/bo-rask> a schema:Person ; '
           'rdfs:label "Bo Rask" .\n<place/vellmark> a schema:Place ; rdfs:label "Vellmark" .\n']
    for name, (value, source, mentions) in FIGURES.items():
        lines = [f'<article/{name}> a schema:NewsArticle ; cg:sourceFile "{name}.txt" .',
                 f'<article/{name}/statistic/100-110> a cg:Statistic ; schema:value {value} ; schema:unitText "tonne" ; '
                 f'cg:measure "rice seized" ; cg:period "2020" ; schema:text "{value} tonnes" ; '
                 f'prov:wasDerivedFrom <article/{name}> ; nif:beginIndex 100 ; nif:endIndex 110'
                 + (f" ; prov:wasAttributedTo <{source}>" if source else "") + " ."]
        lines += [f"<article/{name}/mention/{b}-{b + 3}> a cg:Mention ; cg:refersTo <{actor}> ; nif:beginIndex {b} ; "
                  f"nif:endIndex {b + 3} ." for b, actor in mentions]
        out.append(f"<article/{name}> {{\n" + "\n".join(lines) + "\n}\n")
    return "".join(out)


def test_conflicts_are_the_same_from_the_actors_near_each_figure_in_the_keys(tmp_path):
    import pyoxigraph as ox

    from graph.conflicts import conflicts
    from graph.rdf.statement_keys import MENTIONED_NEAR, has_facets, mark_quad
    from tests.helpers import trig_store

    with trig_store(tmp_path / "store", _figures_trig()) as store:
        assert has_facets(store)
        keyed = [c.to_dict() for c in conflicts(store)]
        near = [q for q in store.quads() if q.predicate == MENTIONED_NEAR]
        store.change(near + [mark_quad()], [ox.Quad(mark_quad().subject, mark_quad().predicate, ox.Literal(1),
                                                    mark_quad().graph_name)])
        assert not has_facets(store)
        assert [c.to_dict() for c in conflicts(store)] == keyed
    assert sorted((n.subject.value.rpartition("/article/")[2], n.object.value.removeprefix(BASE)) for n in near) == [
        ("f1/statistic/100-110", "person/ada-vell"), ("f2/statistic/100-110", "person/ada-vell"),
        ("f2/statistic/100-110", "place/vellmark"), ("f3/statistic/100-110", "person/bo-rask"),
        ("f4/statistic/100-110", "person/bo-rask")]
    # f3 is about Bo alone (f1 and f2 about Ada) and overlaps f4, whose only actor near is its source
    assert sorted((c["first"]["file"], c["second"]["file"], len(c["first"]["subjects"]), len(c["second"]["subjects"]))
                  for c in keyed) == [("f1.txt", "f4.txt", 1, 0), ("f2.txt", "f1.txt", 2, 1), ("f2.txt", "f4.txt", 2, 0)]
