"""The read-only SPARQL endpoint, with real clients (SPARQLWrapper, rdflib) and plain HTTP."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from graph.errors import ClaimGraphError, StoreError
from graph.server import SparqlServer, negotiate

PERSONS = "SELECT ?p ?name WHERE { ?p a schema:Person ; rdfs:label ?name } ORDER BY ?name"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
CAP = 7


@pytest.mark.parametrize(("accept", "offers", "expected"), [
    (None, ["a/x", "b/y"], "a/x"),
    ("", ["a/x", "b/y"], "a/x"),
    ("*/*", ["a/x", "b/y"], "a/x"),
    ("b/y", ["a/x", "b/y"], "b/y"),
    ("b/*", ["a/x", "b/y"], "b/y"),
    ("a/x;q=0.2, b/y;q=0.8", ["a/x", "b/y"], "b/y"),
    ("a/x;q=0, */*", ["a/x", "b/y"], "b/y"),
    ("text/html", ["a/x", "b/y"], None),
    ("A/X", ["a/x"], "a/x"),
])
def test_negotiate_follows_the_accept_header(accept, offers, expected):
    assert negotiate(accept, offers) == expected


def test_serving_a_missing_store_is_one_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no store at"):
        SparqlServer(tmp_path / "none", port=0)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"timeout": 0}, "--timeout"),
    ({"max_results": 0}, "--max-results"),
])
def test_limits_must_be_positive(seed_store, kwargs, message):
    with pytest.raises(ClaimGraphError, match=message):
        SparqlServer(seed_store, port=0, **kwargs)


@pytest.fixture(scope="module")
def server(seed_store):
    with SparqlServer(seed_store, port=0, timeout=2, max_results=CAP, workers=2) as running:
        running.start()
        yield running


def _http(url: str, method: str = "GET", body: bytes | None = None, headers: dict | None = None):
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def _get(server, query: str, accept: str | None = None):
    url = f"{server.url}?{urllib.parse.urlencode({'query': query})}"
    return _http(url, headers={"Accept": accept} if accept else {})


@pytest.mark.slow
@pytest.mark.parametrize(("fmt", "method"), [("json", "GET"), ("xml", "POST"), ("csv", "GET"), ("tsv", "POST")])
def test_sparqlwrapper_reads_select_results_in_every_format(server, fmt, method):
    from SPARQLWrapper import SPARQLWrapper

    client = SPARQLWrapper(server.url)
    client.setQuery("SELECT ?name WHERE { ?p a schema:Person ; rdfs:label ?name } ORDER BY ?name LIMIT 3")
    client.setReturnFormat(fmt)
    client.setMethod(method)
    result = client.query()
    assert result.response.status == 200
    body = result.convert()
    if fmt == "json":
        assert len(body["results"]["bindings"]) == 3
    elif fmt == "xml":
        assert len(body.getElementsByTagName("result")) == 3
    else:
        assert len(body.decode("utf-8").strip().splitlines()) == 4  # header + 3 rows


@pytest.mark.slow
def test_sparqlwrapper_reads_ask_and_construct(server):
    from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

    client = SPARQLWrapper(server.url)
    client.setQuery("ASK { ?s a cg:Statement }")
    client.setReturnFormat(JSON)
    assert client.queryAndConvert()["boolean"] is True
    client.setQuery("CONSTRUCT { ?p a schema:Person } WHERE { ?p a schema:Person } LIMIT 3")
    client.setReturnFormat(TURTLE)
    from rdflib import Graph

    assert len(Graph().parse(data=client.queryAndConvert(), format="turtle")) == 3


@pytest.mark.slow
def test_rdflib_sparqlstore_queries_the_endpoint(server):
    from rdflib import Graph, Namespace
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    graph = Graph(store=SPARQLStore(server.url))
    schema = Namespace("https://schema.org/")
    rows = list(graph.query("SELECT ?p WHERE { ?p a schema:Person } LIMIT 3", initNs={"schema": schema}))
    assert len(rows) == 3
    assert graph.query("ASK { ?s a schema:NewsArticle }", initNs={"schema": schema}).askAnswer is True
    built = graph.query("CONSTRUCT { ?p a schema:Person } WHERE { ?p a schema:Person } LIMIT 2",
                        initNs={"schema": schema})
    assert len(built.graph) == 2


@pytest.mark.slow
def test_claimgraph_reads_a_served_store_as_a_remote_store(seed_store):
    from graph.query import said
    from graph.rdf.remote import RemoteStore
    from graph.rdf.store import Store

    with Store.open(seed_store, create=False, read_only=True) as local:
        expected = list(said(local, limit=None))
        by = list(said(local, by=expected[0]["speaker"]))
    with SparqlServer(seed_store, port=0, workers=1) as running:
        running.start()
        remote = RemoteStore.open(running.url.removesuffix("sparql"), read_only=True)
        assert list(said(remote, limit=None)) == expected
        assert list(said(remote, by=expected[0]["speaker"])) == by
    with SparqlServer(seed_store, port=0, workers=1, max_results=CAP) as capped:
        capped.start()
        with pytest.raises(StoreError, match="max-results"):
            list(said(RemoteStore.open(capped.url.removesuffix("sparql"), read_only=True), limit=None))


@pytest.mark.slow
@pytest.mark.parametrize(("accept", "content_type"), [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv; charset=utf-8"),
    ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8"),
])
def test_select_results_by_content_negotiation(server, accept, content_type):
    status, headers, body = _get(server, "SELECT ?s WHERE { ?s a cg:Statement } LIMIT 1", accept)
    assert (status, headers["Content-Type"]) == (200, content_type)
    assert body


@pytest.mark.slow
@pytest.mark.parametrize(("accept", "content_type", "marker"), [
    (None, "text/turtle; charset=utf-8", b"@prefix"),
    ("application/n-triples", "application/n-triples", b"<https://schema.org/Person> .\n"),
    ("application/rdf+xml", "application/rdf+xml", b"<rdf:RDF"),
])
def test_graphs_by_content_negotiation(server, accept, content_type, marker):
    status, headers, body = _get(server, "CONSTRUCT { ?p a schema:Person } WHERE { ?p a schema:Person } LIMIT 2",
                                 accept)
    assert (status, headers["Content-Type"]) == (200, content_type)
    assert marker in body


@pytest.mark.slow
@pytest.mark.parametrize(("method", "path", "body", "content_type"), [
    ("POST", "/sparql", b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", "application/sparql-update"),
    ("POST", "/sparql", b"update=INSERT+DATA+%7B+%3Curn%3Aa%3E+%3Curn%3Ab%3E+%3Curn%3Ac%3E+%7D",
     "application/x-www-form-urlencoded"),
    ("POST", "/update", b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", "application/sparql-update"),
    ("PUT", "/sparql", b"<urn:a> <urn:b> <urn:c> .", "application/n-triples"),
])
def test_updates_are_refused(server, method, path, body, content_type):
    url = server.url.rsplit("/", 1)[0] + path
    status, _, text = _http(url, method, body, {"Content-Type": content_type})
    assert status in (403, 405)
    assert b"read-only" in text
    assert _get(server, "ASK { <urn:a> <urn:b> <urn:c> }", "application/sparql-results+json")[2] \
        == b'{"head":{},"boolean":false}'


@pytest.mark.slow
@pytest.mark.parametrize(("query", "accept", "status"), [
    ("SELECT ?x WHERE { ?x", None, 400),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", None, 400),
    ("", None, 400),
    ("SELECT ?x WHERE { ?x ?y ?z } LIMIT 1", "image/png", 406),
])
def test_bad_requests_get_a_4xx(server, query, accept, status):
    got, _, body = _get(server, query, accept)
    assert got == status, body
    assert body.strip()


@pytest.mark.slow
@pytest.mark.parametrize("query", [PERSONS, 'SELECT ?x WHERE { BIND("é + ü & ?=" AS ?x) }', "SELECT ?x WHERE { ?x",
                                   "ASK { ?s ?p ?o }"], ids=["cut", "non-ASCII", "malformed", "ask"])
def test_get_answers_as_post_does(server, query):
    # GET queries are answered in front of Flask (QueryGets), POST ones by its routes
    form = urllib.parse.urlencode({"query": query}).encode()
    got, posted = _get(server, query), _http(server.url, "POST", form,
                                             {"Content-Type": "application/x-www-form-urlencoded"})
    keep = ("Content-Type", "Vary", "X-Result-Truncated", "Content-Length")
    seen = [(status, {k: headers.get(k) for k in keep}, body) for status, headers, body in (got, posted)]
    assert seen[0] == seen[1]


@pytest.mark.slow
def test_results_beyond_the_cap_are_cut_and_flagged(server):
    status, headers, body = _get(server, PERSONS, "application/sparql-results+json")
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == CAP
    assert headers["X-Result-Truncated"].startswith("true")
    status, headers, body = _get(server, PERSONS + " LIMIT 3", "application/sparql-results+json")
    assert len(json.loads(body)["results"]["bindings"]) == 3
    assert "X-Result-Truncated" not in headers


@pytest.mark.slow
def test_a_query_over_the_timeout_is_stopped_and_the_server_goes_on(server):
    status, _, body = _get(server, SLOW)
    assert status == 503 and b"timeout" in body
    status, _, body = _get(server, "ASK { ?s ?p ?o }", "application/sparql-results+json")
    assert (status, body) == (200, b'{"head":{},"boolean":true}')


@pytest.mark.slow
def test_the_server_survives_a_load_of_concurrent_queries(server):
    queries = [PERSONS, "ASK { ?s a cg:Statement }", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
               "CONSTRUCT WHERE { ?s a cg:Statistic }"]
    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda i: _get(server, queries[i % len(queries)])[0], range(200)))
    assert statuses == [200] * 200
    assert _get(server, "ASK {}")[0] == 200


@pytest.mark.slow
def test_queries_over_the_timeout_under_load_do_not_bring_the_server_down(server):
    queries = [SLOW if i % 25 == 0 else PERSONS for i in range(100)]
    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda q: (q, _get(server, q)[0]), queries))
    assert all(status == 503 for q, status in statuses if q == SLOW)
    assert {status for q, status in statuses if q != SLOW} <= {200, 503}
    assert sum(status == 200 for _, status in statuses) >= 50
    assert _get(server, "ASK {}")[0] == 200
