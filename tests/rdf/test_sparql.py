"""The SPARQL text the stores write: bound values, data blocks, updates and pattern queries."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph.errors import QueryError
from graph.rdf._sparql import (DATA_CHUNK, bind_values, change_update, content_hash_query, data_block, describe_query,
                               pattern_query, where_brace)

S, P = ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p")
G1, G2 = ox.NamedNode("http://e/g1"), ox.NamedNode("http://e/g2")
IN_G1 = ox.Quad(S, P, ox.Literal("one"), G1)
IN_G2 = ox.Quad(S, P, ox.Literal('say "two"\n'), G2)
IN_DEFAULT = ox.Quad(S, P, G1, ox.DefaultGraph())


@pytest.mark.parametrize(("sparql", "expected"), [
    ("SELECT ?a WHERE { ?a ?p ?o }", "SELECT ?a WHERE { VALUES (?x) { (\"1\") }  ?a ?p ?o }"),
    ("# {\nASK { ?a <http://e/#{> '}' }", "# {\nASK { VALUES (?x) { (\"1\") }  ?a <http://e/#{> '}' }"),
    ("CONSTRUCT { ?a ?p ?o } WHERE { ?a ?p ?o }",
     "CONSTRUCT { ?a ?p ?o } WHERE { VALUES (?x) { (\"1\") }  ?a ?p ?o }"),
    ('SELECT ?a (?b < ?c AS ?d) WHERE { ?a ?p """{""" }',
     'SELECT ?a (?b < ?c AS ?d) WHERE { VALUES (?x) { ("1") }  ?a ?p """{""" }'),
    ("select ?a { ?a ?p ?o }", "select ?a { VALUES (?x) { (\"1\") }  ?a ?p ?o }"),
])
def test_bind_values(sparql: str, expected: str) -> None:
    assert bind_values(sparql, {"x": ox.Literal("1")}) == expected


@pytest.mark.parametrize(("sparql", "bindings", "message"), [
    ("CONSTRUCT WHERE { ?s ?p ?o }", {"s": ox.Literal("x")}, "CONSTRUCT"),
    ("PREFIX x: <http://e/> ", {"s": ox.Literal("x")}, "WHERE"),
    ("SELECT ?s WHERE { ?s ?p ?o }", {"bad name": ox.Literal("x")}, "not a SPARQL variable name: 'bad name'"),
    ("SELECT ?s WHERE { ?s ?p ?o }", {"s } DROP ALL #": ox.Literal("x")}, "not a SPARQL variable name"),
])
def test_bind_values_refuses(sparql: str, bindings: dict, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        bind_values(sparql, bindings)


@pytest.mark.parametrize(("sparql", "expected"), [
    ("ASK { }", 4),
    ("# SELECT {\nASK { }", 15),
    ("SELECT ?s WHERE { ?s ?p '{' }", 16),
    ("SELECT ?s WHERE { ?s <http://e/{> ?o }", 16),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", 29),
    ("CONSTRUCT WHERE { ?s ?p ?o }", None),
    ("DESCRIBE <http://e/s>", None),
    ("{ ?s ?p ?o }", None),
])
def test_where_brace(sparql: str, expected: int | None) -> None:
    assert where_brace(sparql) == expected


@pytest.mark.parametrize(("quads", "expected"), [
    ([], ""),
    ([IN_DEFAULT], '<http://e/s> <http://e/p> <http://e/g1> .'),
    ([IN_G1], 'GRAPH <http://e/g1> {\n<http://e/s> <http://e/p> "one" .\n}'),
    ([IN_G1, IN_G2, IN_DEFAULT],
     'GRAPH <http://e/g1> {\n<http://e/s> <http://e/p> "one" .\n}\n'
     'GRAPH <http://e/g2> {\n<http://e/s> <http://e/p> "say \\"two\\"\\n" .\n}\n'
     '<http://e/s> <http://e/p> <http://e/g1> .'),
])
def test_data_block(quads: list, expected: str) -> None:
    assert data_block(quads) == expected


@pytest.mark.parametrize(("remove", "add", "expected"), [
    ([], [], ""),
    ([IN_DEFAULT], [], "DELETE DATA {\n<http://e/s> <http://e/p> <http://e/g1> .\n}"),
    ([], [IN_DEFAULT], "INSERT DATA {\n<http://e/s> <http://e/p> <http://e/g1> .\n}"),
    ([IN_DEFAULT], [IN_DEFAULT], "DELETE DATA {\n<http://e/s> <http://e/p> <http://e/g1> .\n} ;\n"
                                 "INSERT DATA {\n<http://e/s> <http://e/p> <http://e/g1> .\n}"),
])
def test_change_update(remove: list, add: list, expected: str) -> None:
    assert change_update(remove, add) == expected


@pytest.mark.parametrize(("remove", "add", "operations"), [
    (0, DATA_CHUNK, ["INSERT"]),
    (DATA_CHUNK + 1, 2 * DATA_CHUNK + 1, ["DELETE"] * 2 + ["INSERT"] * 3),
])
def test_change_update_splits_large_data_blocks(remove: int, add: int, operations: list) -> None:
    quads = [ox.Quad(ox.NamedNode(f"http://e/s{i}"), P, ox.Literal(i), G1) for i in range(max(remove, add))]
    text = change_update(quads[:remove], quads[:add])
    assert [op.split()[0] for op in text.split(" ;\n")] == operations
    assert text.count(" .\n") == remove + add


@pytest.mark.parametrize(("text", "expected"), [
    (change_update([], [IN_G1], [G1]),
     'DROP SILENT GRAPH <http://e/g1> ;\nINSERT DATA {\nGRAPH <http://e/g1> {\n<http://e/s> <http://e/p> "one" .\n}\n}'),
    (change_update([], [], [G1]), "DROP SILENT GRAPH <http://e/g1>"),
    (content_hash_query(G1), "SELECT ?h WHERE { GRAPH <http://e/g1> { <http://e/g1> "
                             "<https://w3id.org/claimgraph/ontology#contentHash> ?h } } LIMIT 1"),
    (describe_query([("http://e/s", "http://e/g1"), ("http://e/t", "http://e/g2")]),
     "SELECT * WHERE { VALUES (?s ?g) { (<http://e/s> <http://e/g1>) (<http://e/t> <http://e/g2>) } "
     "GRAPH ?g { ?s ?p ?o } }"),
])
def test_update_and_query_text(text: str, expected: str) -> None:
    assert text == expected


@pytest.mark.parametrize(("pattern", "expected"), [
    ((None, None, None, None), "SELECT * WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"),
    ((S, None, None, ox.DefaultGraph()), "SELECT * WHERE { <http://e/s> ?p ?o }"),
    ((None, P, ox.Literal('a"b'), G1), 'SELECT * WHERE { GRAPH <http://e/g1> { ?s <http://e/p> "a\\"b" } }'),
])
def test_pattern_query(pattern: tuple, expected: str) -> None:
    assert pattern_query(*pattern) == expected


@pytest.mark.parametrize("text", [
    'x" . } ; DROP ALL ; INSERT DATA { <a> <b> "c',
    "x> } DROP ALL #",
    "line\nbreak } }",
])
def test_no_value_escapes_its_term(text: str) -> None:
    store = ox.Store()
    store.add(IN_DEFAULT)
    store.update(change_update([], [ox.Quad(S, P, ox.Literal(text), G1)]))
    rows = store.query(bind_values("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"s": S}))
    assert [r["o"].value for r in rows] == [text] and IN_DEFAULT in store
