"""A read-only SPARQL 1.1 Protocol endpoint over an embedded store (``claimgraph serve``).

Why not the ``oxigraph`` server? It serves the same store read-only and fast, but it has no
result cap, and its ``--timeout-s`` kept one thread per query alive until the timeout and
crashed under load (DESIGN.md §4). So the endpoint is a Flask application
(:mod:`graph.server.app`) served by waitress (:mod:`graph.server.http`, which carries the
connection and request limits), in front of worker processes that each hold the store open
read-only through pyoxigraph, the engine the oxigraph server runs (:mod:`graph.server.pool`:
a query over the timeout has its worker killed and replaced, which stops it for sure; long
queries may take only half the workers, so short ones are still answered; a query a worker
answered fast before is answered by waitress's reading thread itself). Results beyond
the cap are cut, and the response says so in the ``X-Result-Truncated`` header.

Protocol: ``GET /sparql?query=...`` (or ``/query``); ``POST`` with
``application/sparql-query`` or ``application/x-www-form-urlencoded`` (``query=...``);
optional ``default-graph-uri`` and ``named-graph-uri``. Without them the default graph is
the union of all graphs, and the cg, schema, prov, org, skos, nif, rdf, rdfs, xsd and owl
prefixes are predeclared. Results by content negotiation: SPARQL JSON (default), XML, CSV
and TSV for SELECT and ASK; Turtle (default), N-Triples, RDF/XML and JSON-LD for CONSTRUCT
and DESCRIBE. SPARQL Update is refused with 403, a federated query (``SERVICE``) with 400
unless allowed (:mod:`graph.server.federation`); a malformed query gets 400, a query over
the timeout 503.

The names below are imported on first use, so that a query worker (which imports
:mod:`graph.server.pool`) loads neither Flask nor waitress.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {"SparqlServer": "graph.server.http", "Limits": "graph.server.http", "create_app": "graph.server.app",
            "negotiate": "graph.server.protocol"}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name]), name)
