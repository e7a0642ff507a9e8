"""Federated queries (SERVICE) are refused before they reach the engine, found by parsing."""

from __future__ import annotations

import socket
import urllib.parse

import pytest

from graph.errors import QueryError
from graph.server import SparqlServer
from graph.server.federation import check_no_service
from tests.server.conftest import ask, http

E = "http://127.0.0.1:9/sparql"


@pytest.mark.parametrize("query", [
    f"SELECT * WHERE {{ SERVICE <{E}> {{ ?s ?p ?o }} }}",
    f"select * where {{ service silent <{E}> {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ sErViCe SiLeNt <{E}> {{ ?s ?p ?o }} }}",
    f"PREFIX far: <http://127.0.0.1:9/> SELECT * WHERE {{ ?s ?p ?o . SERVICE far:sparql {{ ?a ?b ?c }} }}",
    "SELECT * WHERE { ?s ?p ?o .SERVICE ?where { ?a ?b ?c } }",
    f"SELECT * WHERE {{ OPTIONAL {{ {{ SELECT ?a WHERE {{ MINUS {{ SERVICE <{E}> {{ ?a ?b ?c }} }} }} }} }} }}",
    f"SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{E}> {{ ?s ?p ?o }} }} }}",
    f"ASK {{ SERVICE <{E}> {{ ?s ?p ?o }} }}",
    f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{E}> {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ SERV\\u0049CE <{E}> {{ ?s ?p ?o }} }}",
    f"# SERVICE in a comment first\nSELECT * WHERE {{ SERVICE <{E}> {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ SERVICE <{E}> {{ ?s ?p ?o }}",  # mentions SERVICE, cannot be parsed
], ids=range(12))
def test_service_clauses_are_refused_however_written(query):
    with pytest.raises(QueryError, match="SERVICE .* is refused.*--allow-federation"):
        check_no_service(query)


@pytest.mark.parametrize("query", [
    "ASK {}",
    "SELECT ?service WHERE { ?service a schema:Service }",
    f'SELECT * WHERE {{ ?s ?p "SERVICE <{E}> {{ ?s ?p ?o }}" }}',
    f"SELECT * WHERE {{ ?s ?p ?o }} # SERVICE <{E}> {{ ?s ?p ?o }}",
    "PREFIX service: <http://example.org/> SELECT * WHERE { ?s service:p ?o }",
    "SELECT * WHERE { ?s <http://example.org/SERVICE> ?o }",
    "SELECT * WHERE { ?s cg:service ?o }",
])
def test_mentions_of_service_that_are_no_clause_pass(query):
    check_no_service(query)


@pytest.fixture
def listener():
    """A local listening socket standing for a server a query might name."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)
        sock.settimeout(1.0)
        yield sock


def _connected(listener: socket.socket) -> bool:
    try:
        listener.accept()[0].close()
        return True
    except TimeoutError:
        return False


@pytest.mark.slow
def test_the_endpoint_refuses_service_and_sends_no_request(store_dir, listener):
    target = "http://127.0.0.1:%d/sparql" % listener.getsockname()[1]
    query = f"SELECT * WHERE {{ SERVICE SILENT <{target}> {{ ?s ?p ?o }} }}"
    with SparqlServer(store_dir, port=0, workers=1) as server:
        server.start()
        status, body = ask(server.url, query)
        assert (status, body.count(b"\n")) == (400, 1) and b"SERVICE" in body, body
        form = urllib.parse.urlencode({"query": query}).encode()
        assert http(server.url, "POST", form, {"Content-Type": "application/x-www-form-urlencoded"})[0] == 400
        assert http(server.url, "POST", query.encode(), {"Content-Type": "application/sparql-query"})[0] == 400
        assert not _connected(listener)


@pytest.mark.slow
def test_allow_federation_lets_service_through(store_dir, listener):
    target = "http://127.0.0.1:%d/sparql" % listener.getsockname()[1]
    with SparqlServer(store_dir, port=0, workers=1, timeout=5, allow_federation=True) as server:
        server.start()
        ask(server.url, f"SELECT * WHERE {{ SERVICE SILENT <{target}> {{ ?s ?p ?o }} }}", timeout=10)
        assert _connected(listener)
