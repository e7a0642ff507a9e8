"""Query results leaving the boundary: booleans, rows, bytes with a cap, and the endpoint's dataset."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.errors import QueryError
from graph.rdf.results import Dataset, boolean, is_graph, serialize, solutions

EX = "http://e/"
G1, G2 = ox.NamedNode(EX + "g1"), ox.NamedNode(EX + "g2")
QUADS = [ox.Quad(ox.NamedNode(EX + f"s{i}"), ox.NamedNode(EX + "p"), ox.Literal(f"v{i}"), g)
         for i, g in enumerate((G1, G1, G2))]


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    path = tmp_path_factory.mktemp("results") / "store"
    store = ox.Store(str(path))
    store.extend(QUADS)
    store.flush()
    del store
    return Dataset(str(path))


@pytest.mark.parametrize(("sparql", "default", "named", "expected"), [
    ("SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o", [], [], ["v0", "v1", "v2"]),
    ("SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o", [EX + "g2"], [], ["v2"]),
    ("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?o", [], [EX + "g1"], ["v0", "v1"]),
    ("SELECT ?o WHERE { ?s cg:none ?o }", [], [], []),
])
def test_dataset_query_and_solutions(dataset: Dataset, sparql: str, default: list, named: list, expected: list) -> None:
    names, rows = solutions(dataset.query(sparql, default, named))
    assert names == ["o"] and [row[0].value for row in rows] == expected


@pytest.mark.parametrize(("sparql", "expected_boolean", "expected_graph"), [
    ("ASK { ?s ?p 'v1' }", True, False),
    ("ASK { ?s ?p 'v9' }", False, False),
    ("CONSTRUCT WHERE { ?s ?p ?o }", None, True),
    ("SELECT * WHERE { ?s ?p ?o }", None, False),
])
def test_kinds_of_result(dataset: Dataset, sparql: str, expected_boolean, expected_graph: bool) -> None:
    assert boolean(dataset.query(sparql)) is expected_boolean
    assert is_graph(dataset.query(sparql)) is expected_graph


@pytest.mark.parametrize(("sparql", "media", "cap", "rows", "truncated"), [
    ("SELECT * WHERE { ?s ?p ?o }", "application/sparql-results+json", None, 3, False),
    ("SELECT * WHERE { ?s ?p ?o }", "application/sparql-results+json", 3, 3, False),
    ("SELECT * WHERE { ?s ?p ?o }", "application/sparql-results+json", 2, 2, True),
    ("SELECT * WHERE { ?s ?p ?o }", "text/tab-separated-values", 1, 1, True),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "application/n-triples", None, 3, False),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "application/n-triples", 3, 3, False),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "text/plain", 2, 2, True),
])
def test_serialize_caps_rows_and_triples(dataset: Dataset, sparql: str, media: str, cap, rows: int,
                                         truncated: bool) -> None:
    body, cut = serialize(dataset.query(sparql), media, cap)
    text = body.decode("utf-8")
    count = len(json.loads(text)["results"]["bindings"]) if "json" in media else len(text.strip().splitlines())
    count -= 1 if media == "text/tab-separated-values" else 0  # the header line
    assert (count, cut) == (rows, truncated)


def test_serialize_ask(dataset: Dataset) -> None:
    body, cut = serialize(dataset.query("ASK { ?s ?p 'v1' }"), "application/sparql-results+json", 1)
    assert json.loads(body)["boolean"] is True and not cut


@pytest.mark.parametrize("sparql", ["SELECT ?x WHERE { ?x", "SELECT * WHERE { ?s nope:p ?o }"])
def test_a_malformed_query_is_a_query_error(dataset: Dataset, sparql: str) -> None:
    with pytest.raises(QueryError, match="bad SPARQL query"):
        dataset.query(sparql)


def test_solutions_of_an_ask_is_a_query_error(dataset: Dataset) -> None:
    with pytest.raises(QueryError, match="SELECT"):
        solutions(dataset.query("ASK {}"))


def test_dataset_needs_a_store(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        Dataset(str(tmp_path / "none"))


ODD_VALUES = ("SELECT ?v WHERE { VALUES ?v { 'two\\nlines' 'a\\ttab' 42 1.5 true UNDEF "
              "'x'@en-gb <http://e/a%20b> '3'^^<http://e/t> UNDEF } }")


@pytest.mark.parametrize("media", ["application/sparql-results+json", "application/sparql-results+xml",
                                   "text/csv", "text/tab-separated-values"])
@pytest.mark.parametrize("cap", [1, 5, 9, 10, 11])
def test_capped_results_are_the_first_rows_of_the_whole_answer(media: str, cap: int) -> None:
    store = ox.Store()
    whole, _ = serialize(store.query(ODD_VALUES), media)
    capped, cut = serialize(store.query(ODD_VALUES), media, cap)
    first = serialize(store.query(ODD_VALUES.replace("} }", f"}} }} LIMIT {cap}")), media)[0]
    assert (capped, cut) == (first, cap < 10)
    assert cap < 10 or capped == whole


@pytest.mark.parametrize(("sparql", "count"), [
    ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(?p != rdf:type) }", 3),  # a predeclared prefix in use
    ('SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(?o != "v\\u0030" && ?p != rdf:type) }', 2),  # an escape
    ("PREFIX rdf: <http://e/> SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(?p != rdf:p) }", 0),  # redeclared
    ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", 3),  # none
])
def test_predeclared_prefixes_are_there_when_used(dataset: Dataset, sparql: str, count: int) -> None:
    _, rows = solutions(dataset.query(sparql))
    assert int(rows[0][0].value) == count
