"""Federated queries (``SERVICE``) found by parsing, so that the endpoint can refuse them.

A ``SERVICE`` clause makes the engine send HTTP requests to whatever URL the query names:
from the server's machine, inside its network. The endpoint refuses such queries before
they reach the engine (``claimgraph serve --allow-federation`` lets them through). The check
runs in the query worker, so that parsing a long query takes that worker's time, bounded by
the timeout, and holds up no other client.

The check must not be fooled: a comment or a string literal saying ``SERVICE`` is no clause,
while ``sErViCe``, ``SERVICE SILENT``, a prefixed or variable endpoint, a nested group or
subquery, or a keyword spelled with SPARQL's ``\\u`` codepoint escapes (the grammar applies
them before parsing) all are. So the query is parsed with rdflib's SPARQL parser and its
syntax tree searched for a ``ServiceGraphPattern``. Parsing costs milliseconds, more than
answering a simple query, so it is skipped when the query, escapes applied, does not contain
the letters ``service`` in any case: then it cannot hold the keyword. A query that mentions
them and that rdflib cannot parse is refused too (it cannot be shown to be safe).
"""

from __future__ import annotations

import re

from graph.errors import QueryError

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_REFUSED = ("SERVICE (federated query) is refused: this endpoint sends no requests to other servers; "
            "run `claimgraph serve --allow-federation` to allow it")


def check_no_service(query: str) -> None:
    """Raise unless ``query`` is free of ``SERVICE`` clauses.

    Raises:
        QueryError: one line, when the query holds a ``SERVICE`` clause, or mentions the
            word and cannot be parsed.

    >>> check_no_service('SELECT * WHERE { ?s ?p "SERVICE <http://example.org/>" } # SERVICE')
    >>> check_no_service("SELECT * WHERE { sErViCe SILENT <http://example.org/> { ?s ?p ?o } }")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    graph.errors.QueryError: SERVICE (federated query) is refused: ... --allow-federation` to allow it
    """
    if "service" not in unescape(query).lower():
        return
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        found = _has_service(parseQuery(query))
    except (ParseException, ValueError, RecursionError) as exc:
        raise QueryError(f"{_REFUSED} (the query mentions SERVICE and could not be checked: "
                         f"{' '.join(str(exc).split()) or type(exc).__name__})") from exc
    if found:
        raise QueryError(_REFUSED)


def unescape(query: str) -> str:
    r"""``query`` with its ``\uXXXX`` and ``\UXXXXXXXX`` escapes applied, as SPARQL's grammar does.

    >>> unescape(r"SERV\u0049CE")
    'SERVICE'
    """
    def char(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)

    return _ESCAPE.sub(char, query)


def _has_service(node: object) -> bool:
    """True when rdflib's syntax tree ``node`` holds a ``ServiceGraphPattern`` anywhere."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        return node.name == "ServiceGraphPattern" or any(_has_service(v) for v in node.values())
    if isinstance(node, (ParseResults, list, tuple)):
        return any(_has_service(v) for v in node)
    return False
