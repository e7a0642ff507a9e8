"""Counting is right by construction: each fact once over the union of graphs, and the same
counts embedded, through ``claimgraph serve`` and through an Oxigraph server, whichever
client asks (SPARQLWrapper, rdflib's SPARQLStore, claimgraph's own remote store)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from rdflib import URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, SPARQLWrapper

from graph.query import stats
from graph.rdf._terms import PREFIXES
from graph.rdf.open import open_store
from graph.rdf.store import Store
from graph.rdf.validate import validate
from graph.server import SparqlServer

from tests.helpers import oxigraph_server

from ..conftest import WIKINEWS, needs_shared

pytestmark = pytest.mark.slow


#: Queries without DISTINCT that must return each row once: the README's, counts, lookups.
#: Each projects the nodes its rows are about, so that two equal facts of two articles are
#: two rows by right.
TABLE = {
    "who criticised whom (README)": """
        SELECT ?speaker ?target ?text ?file ?begin ?end WHERE {
          ?s cg:speechAct cg:Criticise ; schema:text ?text ;
             prov:wasAttributedTo [ rdfs:label ?speaker ] ; schema:about [ rdfs:label ?target ] ;
             prov:wasDerivedFrom [ cg:sourceFile ?file ] ; nif:beginIndex ?begin ; nif:endIndex ?end .
        }""",
    "roles (README)": """
        SELECT ?role ?name ?title ?date WHERE {
          ?role a cg:Role ; cg:title ?title ; org:member [ rdfs:label ?name ] .
          OPTIONAL { ?role cg:validAt ?date }
        }""",
    "people": "SELECT ?p ?name WHERE { ?p a schema:Person ; rdfs:label ?name }",
    "people with job titles": "SELECT ?p ?title WHERE { ?p a schema:Person ; schema:jobTitle ?title }",
    "names": "SELECT ?a ?name WHERE { ?a skos:altLabel ?name }",
    "members": "SELECT ?p ?org WHERE { ?p org:memberOf ?org }",
    "statements and speakers": """
        SELECT ?s ?name WHERE { ?s a cg:Statement ; prov:wasAttributedTo ?a . ?a rdfs:label ?name }""",
    "merge evidence": "SELECT ?e ?alias ?actor WHERE { ?e cg:mergedInto ?actor ; cg:alias ?alias }",
}
#: Counts with and without DISTINCT, which must agree.
COUNTS = {
    "people": ("SELECT (COUNT(*) AS ?n) WHERE { ?p a schema:Person }",
               "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a schema:Person }"),
    "labels": ("SELECT (COUNT(*) AS ?n) WHERE { ?a rdfs:label ?l }",
               "SELECT (COUNT(DISTINCT *) AS ?n) WHERE { ?a rdfs:label ?l }"),
}
#: The actor named in the most articles (DESCRIBE and SPARQLStore.triples of it).
BUSIEST = """SELECT ?a WHERE { GRAPH ?g { ?g schema:mentions ?a } }
             GROUP BY ?a ORDER BY DESC(COUNT(?g)) ?a LIMIT 1"""


@contextmanager
def oxigraph(location: Path) -> Iterator[str]:
    """An Oxigraph server serving a store read-only, its default graph the union of all
    graphs (as ``claimgraph serve`` does); its URL."""
    with oxigraph_server("serve-read-only", "--location", str(location), "--union-default-graph") as url:
        yield url


@contextmanager
def served(location: Path) -> Iterator[dict[str, str]]:
    """The store's SPARQL query endpoint through ``claimgraph serve`` and through an Oxigraph
    server (on a copy: a store is opened by one process at a time)."""
    copy = location.with_name(location.name + "-oxigraph")
    if not copy.exists():
        shutil.copytree(location, copy)
    with SparqlServer(location, port=0) as server, oxigraph(copy) as ox_url:
        server.start()
        yield {"claimgraph serve": server.url, "oxigraph": ox_url + "query"}


def _remote(endpoint: str) -> str:
    """The :func:`graph.rdf.open.open_store` location of a server by its query endpoint."""
    parts = urlsplit(endpoint)
    return f"{parts.scheme}://{parts.netloc}/?query={parts.path.lstrip('/')}"


def _rows_wrapper(endpoint: str, sparql: str) -> list[tuple]:
    client = SPARQLWrapper(endpoint)
    client.setQuery(PREFIXES + sparql)
    client.setReturnFormat(JSON)
    result = client.query().convert()
    names = result["head"]["vars"]
    return [tuple(row.get(n, {}).get("value") for n in names) for row in result["results"]["bindings"]]


def _assert_once(rows: list[tuple], what: str) -> None:
    duplicates = len(rows) - len(set(rows))
    assert rows and not duplicates, f"{what}: {duplicates} duplicate rows of {len(rows)}"


@needs_shared(WIKINEWS)
def test_the_wikinews_store_conforms_to_the_shapes(wikinews_store):
    with Store.open(wikinews_store, read_only=True) as store:
        conforms, report = validate(store)
    assert conforms, report


@needs_shared(WIKINEWS)
def test_the_table_of_queries_returns_each_row_once_embedded_and_served(wikinews_store):
    with Store.open(wikinews_store, read_only=True) as store:
        busiest = store.select(BUSIEST)[0]["a"]
        embedded = {name: [tuple(map(str, row)) for row in store.query(sparql)] for name, sparql in TABLE.items()}
        described = [tuple(map(str, t)) for t in store.query(f"DESCRIBE <{busiest}>")]
    for name, rows in embedded.items():
        _assert_once(rows, f"{name} (embedded)")
    _assert_once(described, "DESCRIBE (embedded)")
    with served(wikinews_store) as endpoints:
        for how, endpoint in endpoints.items():
            for name, sparql in TABLE.items():
                rows = _rows_wrapper(endpoint, sparql)
                _assert_once(rows, f"{name} ({how}, SPARQLWrapper)")
                assert len(rows) == len(embedded[name]), f"{name} ({how})"
            for name, (plain, distinct) in COUNTS.items():
                assert _rows_wrapper(endpoint, plain) == _rows_wrapper(endpoint, distinct), f"{name} ({how})"
            sparql_store = SPARQLStore(endpoint, returnFormat="json")
            triples = list(sparql_store.triples((URIRef(busiest), None, None)))
            _assert_once([t for t, _ in triples], f"triples of the busiest actor ({how}, SPARQLStore)")
            assert len(triples) == len(described), how


def test_counts_agree_embedded_served_and_on_an_oxigraph_server(seed_store, tmp_path):
    location = tmp_path / "seeds"
    shutil.copytree(seed_store, location)
    with Store.open(location, read_only=True) as store:
        expected = stats(store)
        assert expected["quads"] == len(store)
    with served(location) as endpoints:
        for how, endpoint in endpoints.items():
            with open_store(_remote(endpoint)) as remote:
                assert stats(remote) == expected, how
                assert len(remote) == expected["quads"], how
