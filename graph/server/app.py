"""The endpoint as a Flask application: the SPARQL 1.1 Protocol's query routes.

:func:`create_app` builds the whole application; :func:`init_sparql` registers the query
routes (``/sparql`` and ``/query``, and ``/update``, which refuses) on any Flask app, so
other routes (a browsing app) can live beside them. Everything else is for those routes:
``GET /`` and the other pages are the browsing app's (:mod:`graph.web`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from collections import OrderedDict
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote_plus

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException

from graph.errors import ClaimGraphError, StoreError
from graph.machine import cores
from graph.server.pool import QueryPool, Request
from graph.server.protocol import READ_ONLY, UPDATE_TYPE, Answer, error
from graph.web import EXTENSION as WEB_EXTENSION
from graph.web import init_app

#: Paths answering queries.
QUERY_PATHS = ("/sparql", "/query")
#: Largest request body accepted, in bytes.
MAX_BODY = 1 << 20
#: Requests :meth:`Endpoint.answer_now` keeps decoded, at most, and the longest query string kept.
PARSED_KEPT, PARSED_CHARS = 1024, 4096
#: Where :func:`init_sparql` keeps its :class:`Endpoint` in ``app.extensions``.
EXTENSION = "claimgraph.sparql"
_WRITES = ["PUT", "DELETE", "PATCH"]
#: The WSGI environ key of a ``GET`` query's answer computed before the application is called
#: (see :mod:`graph.server.http`).
ANSWERED = "claimgraph.answer"


@dataclass
class Endpoint:
    """What the query routes need: the worker pool and the limits.

    Attributes:
        pool: The query workers.
        max_results: Rows (or triples) returned at most.
        allow_federation: Let ``SERVICE`` clauses through (see :mod:`graph.server.federation`).
    """

    pool: QueryPool
    max_results: int
    allow_federation: bool = False
    #: Requests made from (query string, Accept) by :meth:`answer_now`, the most recent last
    #: (used by the HTTP server's reading thread alone, so without a lock): clients send the
    #: same queries again and again, and decoding one (about 25 µs) is a tenth of the answer
    #: to a simple query.
    _parsed: OrderedDict[tuple[str, str | None], Request | None] = field(default_factory=OrderedDict, repr=False,
                                                                         compare=False)

    def answer(self, params: dict[str, list[str]], accept: str | None) -> Answer:
        """The answer to a query request with parameters ``params``."""
        if "update" in params:
            return error(HTTPStatus.FORBIDDEN, READ_ONLY)
        queries = params.get("query") or []
        if len(queries) != 1 or not queries[0].strip():
            return error(HTTPStatus.BAD_REQUEST, "give exactly one query (parameter `query`)")
        return self.pool.run(self._request(queries[0], params, accept))

    def answer_now(self, query_string: str, accept: str | None) -> Answer | None:
        """The answer to ``GET`` with ``query_string`` on a query path when it is a known-fast
        query and no other query is being answered (see :meth:`QueryPool.run_now`); None
        otherwise, and for anything but one query (then :meth:`answer` gives the answer)."""
        key = (query_string, accept)
        if key in self._parsed:
            self._parsed.move_to_end(key)
            request = self._parsed[key]
        else:
            params = query_params(query_string)
            queries = params.get("query") or []
            one = "update" not in params and len(queries) == 1 and queries[0].strip()
            request = self._request(queries[0], params, accept) if one else None
            if len(query_string) <= PARSED_CHARS:  # only short ones kept: the memory kept stays small
                self._parsed[key] = request
                if len(self._parsed) > PARSED_KEPT:
                    self._parsed.popitem(last=False)
        return None if request is None else self.pool.run_now(request)

    def _request(self, query: str, params: dict[str, list[str]], accept: str | None) -> Request:
        return Request(query, accept, params.get("default-graph-uri", []), params.get("named-graph-uri", []),
                       self.max_results, self.allow_federation)

    def headers(self, answer: Answer) -> list[tuple[str, str]]:
        """The protocol's headers for ``answer``."""
        return headers(answer.content_type, answer.truncated, self.max_results)

    def respond(self, answer: Answer, **headers: str) -> Response:
        """``answer`` as a Flask response with the protocol's headers."""
        response = Response(answer.body, status=answer.status, headers=self.headers(answer))
        response.headers.update(headers)
        return response

    def query_view(self) -> Response:
        """``GET`` or ``POST`` on a query path."""
        params = request.args.to_dict(flat=False)
        if request.method == "POST":
            media = request.mimetype
            if media == "application/x-www-form-urlencoded":
                params.update(request.form.to_dict(flat=False))
            elif media in ("application/sparql-query", UPDATE_TYPE):
                key = "query" if media == "application/sparql-query" else "update"
                params[key] = [request.get_data(cache=False).decode("utf-8", errors="replace")]
            else:
                return self.respond(error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "POST a query as application/sparql-query "
                                          "or application/x-www-form-urlencoded (query=...)"))
        return self.respond(self.answer(params, request.headers.get("Accept")))

    def refuse_view(self) -> Response:
        """A write method on a query path, or anything on ``/update``."""
        if request.path == "/update":
            return self.respond(error(HTTPStatus.FORBIDDEN, READ_ONLY))
        return self.respond(error(HTTPStatus.METHOD_NOT_ALLOWED, f"{READ_ONLY}; use GET or POST queries"),
                            Allow="GET, POST")


class QueryGets:
    """WSGI middleware answering ``GET`` on the query paths itself, before Flask.

    A query sent with ``GET`` needs no body, form or routing: answering it here spares every
    query the framework's request and response objects, the larger part of a short query's
    cost in the HTTP server. Every other request goes to the Flask app, whose query routes
    give the same answers (and take the ``POST`` forms).

    Args:
        app: The WSGI application behind it (Flask's ``wsgi_app``).
        endpoint: The query routes' :class:`Endpoint`.
    """

    def __init__(self, app: Callable[..., Iterable[bytes]], endpoint: Endpoint) -> None:
        self.app, self.endpoint = app, endpoint

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") != "GET" or environ.get("PATH_INFO") not in QUERY_PATHS:
            return self.app(environ, start_response)
        answer = environ.get(ANSWERED)  # answered already, by the HTTP server's reading loop
        if answer is None:
            answer = self.endpoint.answer(query_params(environ.get("QUERY_STRING", "")), environ.get("HTTP_ACCEPT"))
        start_response(f"{answer.status} {HTTPStatus(answer.status).phrase}",
                       [*self.endpoint.headers(answer), ("Content-Length", str(len(answer.body)))])
        return [answer.body]


def headers(content_type: str, truncated: bool, max_results: int) -> list[tuple[str, str]]:
    """The protocol's headers for an answer in ``content_type``, cut at ``max_results`` rows
    when ``truncated``."""
    found = [("Content-Type", content_type), ("Vary", "Accept")]
    if truncated:
        found.append(("X-Result-Truncated", f"true; cap={max_results}"))
    return found


def query_params(query_string: str) -> dict[str, list[str]]:
    """The parameters of a query string as WSGI gives it (latin-1), decoded as UTF-8, as
    Flask's ``request.args`` would give them.

    >>> query_params("query=SELECT+%3Fs+%7B%7D")
    {'query': ['SELECT ?s {}']}
    """
    query_string = query_string.encode("latin-1", "replace").decode("utf-8", "replace")
    if query_string.startswith("query=") and "&" not in query_string:  # the usual request, parsed faster
        return {"query": [unquote_plus(query_string[6:], errors="replace")]}
    return parse_qs(query_string, keep_blank_values=True, errors="replace")


def init_sparql(app: Flask, endpoint: Endpoint) -> None:
    """Register the query routes on ``app``, answered by ``endpoint`` (``GET`` queries by
    :class:`QueryGets`, in front of the app); errors become one plain-text line; request
    bodies are capped at :data:`MAX_BODY` bytes."""
    app.extensions[EXTENSION] = endpoint
    app.wsgi_app = QueryGets(app.wsgi_app, endpoint)  # type: ignore[method-assign]
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY
    for path in QUERY_PATHS:
        app.add_url_rule(path, f"sparql{path}", endpoint.query_view, methods=["GET", "POST"])
        app.add_url_rule(path, f"sparql-write{path}", endpoint.refuse_view, methods=_WRITES)
    app.add_url_rule("/update", "sparql-update", endpoint.refuse_view, methods=["GET", "POST", *_WRITES])
    app.register_error_handler(HTTPException, _http_error)


def _http_error(exc: HTTPException) -> Response:
    """Framework errors (404, 405, 413...) as one plain-text line."""
    status = exc.code or 500
    message = {404: f"no such page {request.path}: the pages start at /, queries go to /sparql",
               413: f"request body over {MAX_BODY} bytes"}.get(status, f"{exc.name}: {exc.description}")
    response = exc.get_response()
    response.set_data((message + "\n").encode("utf-8"))
    response.content_type = "text/plain; charset=utf-8"
    return response


def create_app(location: str | Path, timeout: float = 30.0, max_results: int = 10_000,
               workers: int | None = None, allow_federation: bool = False) -> Flask:
    """The endpoint's application over the store at ``location``, its workers started.

    Args:
        location: The store folder (opened read-only by each worker).
        timeout: Seconds a query may take, waiting for a free worker included.
        max_results: Rows (or triples) returned at most; more are cut and flagged.
        workers: Query processes (default: two per core; see :mod:`graph.server.pool`).
        allow_federation: Let ``SERVICE`` clauses through: the server then sends requests
            to any URL a client names.

    Raises:
        StoreError: when there is no store at ``location``.
        ClaimGraphError: when the limits are not positive.

    Stop the workers with :func:`close_app`.
    """
    check_settings(location, timeout, max_results)
    app = Flask(__name__)
    pool = QueryPool(Path(location), workers or default_workers(), timeout)
    init_sparql(app, Endpoint(pool, max_results, allow_federation))
    init_app(app, Path(location))  # the browsing app's pages: "/", "/id/...", "/search", ...
    return app


def check_settings(location: str | Path, timeout: float, max_results: int) -> None:
    """Raise unless ``location`` holds a store and the limits are positive.

    Raises:
        StoreError: when there is no store at ``location``.
        ClaimGraphError: when the limits are not positive.
    """
    from graph.rdf.store import Store

    if timeout <= 0 or max_results < 1:
        raise ClaimGraphError("--timeout must be positive and --max-results at least 1")
    if not isinstance(location, Path) and "://" in str(location):
        raise StoreError("serve needs a local store folder; a remote SPARQL server already serves itself")
    Store.open(location, create=False, read_only=True).close()  # a clear error if there is none


def close_app(app: Flask) -> None:
    """Stop the query workers of an app made by :func:`create_app`."""
    endpoint = app.extensions.get(EXTENSION)
    if endpoint is not None:
        endpoint.pool.close()
    pages = app.extensions.get(WEB_EXTENSION)
    if pages is not None:
        pages.close()


def default_workers() -> int:
    """Query processes by default: two per core, so that short queries find a free worker
    while long ones run."""
    return 2 * cores()
