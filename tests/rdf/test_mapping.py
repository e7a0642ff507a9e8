"""Records → quads, compared with a hand-written TriG by graph isomorphism."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset

from graph.rdf.ids import Ids
from graph.rdf._terms import date_literal, literal_value
from graph.rdf.mapping import actor_iris, to_quads
from graph.rdf.store import Store
from graph.records import Entity, Mention, Merge, ResolvedRecord, Role, Span, Statement, Statistic
from tests.helpers import assert_isomorphic, to_dataset, write_resolved

EXPECTED = Path(__file__).parent / "data" / "example.trig"
XSD = "http://www.w3.org/2001/XMLSchema#"
ARTICLE = "https://w3id.org/claimgraph/id/article/art-1"


def objects(quads: list[ox.Quad], subject: str, predicate: str) -> list[str]:
    return sorted(str(q.object) for q in quads if q.subject.value == subject and q.predicate.value == predicate)


def described(resolved: ResolvedRecord, folder: Path) -> list[ox.Quad]:
    """The article's quads, and the default-graph description of its actors as the store
    rebuilds it from the article's index entries and role nodes."""
    with Store.open(folder / "store") as store:
        return write_resolved(store, resolved)


def test_example_matches_expected_trig(resolved: ResolvedRecord, tmp_path: Path) -> None:
    assert_isomorphic(Dataset().parse(EXPECTED, format="trig"), to_dataset(described(resolved, tmp_path)))


def test_no_actor_description_in_the_article_graph(resolved: ResolvedRecord) -> None:
    described_here = {"http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#altLabel",
                      "https://schema.org/jobTitle", "http://www.w3.org/ns/org#memberOf"}
    actors = {a.value for a in actor_iris(resolved, Ids()).values()}
    named = [q for q in to_quads(resolved, Ids()) if not isinstance(q.graph_name, ox.DefaultGraph)]
    assert not [q for q in named if q.subject.value in actors and q.predicate.value in described_here]
    assert not [q for q in named if q.subject.value in actors and q.predicate.value.endswith("#type")]


def test_mapping_is_deterministic(make_record) -> None:
    assert to_quads(make_record(), Ids()) == to_quads(make_record(), Ids())


def test_no_blank_nodes_and_no_duplicates(resolved: ResolvedRecord) -> None:
    quads = to_quads(resolved, Ids())
    terms = [t for q in quads for t in (q.subject, q.object, q.graph_name)]
    assert not any(isinstance(t, ox.BlankNode) for t in terms)
    assert len(set(quads)) == len(quads)


def test_only_merge_evidence_in_default_graph(resolved: ResolvedRecord) -> None:
    default = {q.subject.value for q in to_quads(resolved, Ids()) if isinstance(q.graph_name, ox.DefaultGraph)}
    assert default and all("/evidence/" in s for s in default)


def test_without_evidence_only_the_article_graph(resolved: ResolvedRecord) -> None:
    every = to_quads(resolved, Ids())
    named = [q for q in every if not isinstance(q.graph_name, ox.DefaultGraph)]
    assert to_quads(resolved, Ids(), evidence=False) == named


@pytest.mark.parametrize(("value", "lexical"), [
    (Decimal("2.8E6"), "2800000"),
    (Decimal("1.50"), "1.5"),
    (Decimal("0.00"), "0"),
    (Decimal("-0"), "0"),
    (Decimal("1E-3"), "0.001"),
    (Decimal("-12.5"), "-12.5"),
    (21566, "21566"),
    (1.5, "1.5"),
    ("3.25", "3.25"),
])
def test_literal_value(value, lexical: str) -> None:
    assert literal_value(value) == ox.Literal(lexical, datatype=ox.NamedNode(XSD + "decimal"))


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), "twelve"])
def test_literal_value_rejects_non_numbers(value) -> None:
    with pytest.raises(ValueError):
        literal_value(value)


@pytest.mark.parametrize(("date", "datatype"), [
    ("2024-03-05", "date"), ("2024-02-29", "date"), ("2024-03", "gYearMonth"), ("2024", "gYear"),
    ("March 2024", None), ("24-3-5", None), ("2023-02-29", None), ("2024-13", None), ("2024-00-10", None),
])
def test_date_literal(date: str, datatype: str | None) -> None:
    expected = ox.Literal(date, datatype=ox.NamedNode(XSD + datatype)) if datatype else None
    assert date_literal(date) == expected


def test_bad_date_and_url_are_tolerated(resolved: ResolvedRecord) -> None:
    resolved.record.article = replace(resolved.record.article, date="last week", url="not a url")
    quads = to_quads(resolved, Ids())
    assert objects(quads, ARTICLE, "https://schema.org/datePublished") == []
    assert objects(quads, ARTICLE, "https://schema.org/url") == [f'"not a url"^^<{XSD}anyURI>']


@pytest.mark.parametrize(("change", "subject", "predicate", "expected"), [
    # a statement whose speaker and topic are unknown keys keeps its text, loses the links
    (lambda r: r.record.statements.append(Statement("indirect", Span(0, 7), "Harbour", "e99", "say", "assert",
                                                    ["e98"])),
     ARTICLE + "/statement/0-7", "http://www.w3.org/ns/prov#wasAttributedTo", []),
    # a statement with no text is dropped
    (lambda r: r.record.statements.append(Statement("indirect", Span(3, 5), "  ", "e1", "say", "assert")),
     ARTICLE + "/statement/3-5", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", []),
    # a role with an empty title is dropped
    (lambda r: r.record.roles.append(Role("e1", " ", None, Span(3, 5))),
     ARTICLE + "/role/3-5", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", []),
    # two roles read from one title phrase: one role node, the first holder
    (lambda r: (r.record.entities.append(Entity("e6", "Person", "Tom Park")),
                r.record.roles.extend([Role("e1", "former mayor", None, Span(3, 5)),
                                       Role("e6", "former mayor", None, Span(3, 5))])),
     ARTICLE + "/role/3-5", "http://www.w3.org/ns/org#member",
     ["<https://w3id.org/claimgraph/id/person/lena-okafor>"]),
    # an unknown speech act is left out
    (lambda r: r.record.statements.append(Statement("direct", Span(0, 7), "Harbour", "e1", "mutter", "mumble")),
     ARTICLE + "/statement/0-7", "https://w3id.org/claimgraph/ontology#speechAct", []),
    # a statistic whose value is not finite is dropped
    (lambda r: r.record.statistics.append(Statistic(Decimal("NaN"), "case", Span(0, 7), "Harbour")),
     ARTICLE + "/statistic/0-7", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", []),
    # an entity the resolver gave no IRI gets one from its kind and name
    (lambda r: r.record.entities.append(Entity("e5", "Organization", "Dock Workers Union")),
     ARTICLE, "https://schema.org/mentions",
     ["<https://w3id.org/claimgraph/id/organization/coastal-party>",
      "<https://w3id.org/claimgraph/id/organization/dock-workers-union>",
      "<https://w3id.org/claimgraph/id/person/lena-okafor>", "<https://w3id.org/claimgraph/id/place/portvale>"]),
    # an unnamed source the resolver gave no IRI: by its first mention, else by article and name
    (lambda r: r.record.entities.append(Entity("e7", "UnnamedSource", "an aide", set(),
                                               [Mention(Span(50, 52), "an"), Mention(Span(40, 45), "aide")])),
     ARTICLE + "/source/40-45", "http://www.w3.org/2000/01/rdf-schema#label", ['"an aide"']),
    (lambda r: r.record.entities.append(Entity("e7", "UnnamedSource", "an aide")),
     "https://w3id.org/claimgraph/id/source/art-1-an-aide", "http://www.w3.org/2000/01/rdf-schema#label",
     ['"an aide"']),
    # two entities resolved to one actor: one label, the other names as altLabels
    (lambda r: (r.record.entities.append(Entity("e6", "Person", "L. Okafor", {"Minister Okafor"})),
                r.iris.__setitem__("e6", r.iris["e1"])),
     "https://w3id.org/claimgraph/id/person/lena-okafor", "http://www.w3.org/2004/02/skos/core#altLabel",
     ['"L. Okafor"', '"Minister Okafor"', '"Okafor"']),
    # names written with other spaces are one alternative name, with single spaces
    (lambda r: (r.record.entities.append(Entity("e6", "Person", "Lena  Okafor", {"Minister\u00a0Okafor",
                                                                                "Minister Okafor"})),
                r.iris.__setitem__("e6", r.iris["e1"])),
     "https://w3id.org/claimgraph/id/person/lena-okafor", "http://www.w3.org/2004/02/skos/core#altLabel",
     ['"Minister Okafor"', '"Okafor"']),
    # merges from the resolver land in the default graph, for every article they cite
    (lambda r: r.merges.__setitem__("https://w3id.org/claimgraph/id/place/portvale",
                                    [Merge("Port Vale", "near spelling", (ARTICLE[:-5] + "x", ARTICLE[:-5] + "y"))]),
     "https://w3id.org/claimgraph/id/evidence/place-portvale/port-vale-478c33f4", "http://www.w3.org/ns/prov#wasDerivedFrom",
     ["<https://w3id.org/claimgraph/id/article/x>", "<https://w3id.org/claimgraph/id/article/y>"]),
])
def test_edge_cases(resolved: ResolvedRecord, change, subject: str, predicate: str, expected: list[str],
                    tmp_path: Path) -> None:
    change(resolved)
    assert objects(described(resolved, tmp_path), subject, predicate) == expected


def test_labels_come_from_the_resolver(resolved: ResolvedRecord, tmp_path: Path) -> None:
    person = resolved.iris["e1"]
    resolved.labels[person] = "Lena A. Okafor"
    quads = described(resolved, tmp_path)
    assert objects(quads, person, "http://www.w3.org/2000/01/rdf-schema#label") == ['"Lena A. Okafor"']
    assert objects(quads, person, "http://www.w3.org/2004/02/skos/core#altLabel") == ['"Lena Okafor"', '"Okafor"']
