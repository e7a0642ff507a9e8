"""Query results leaving the RDF boundary: as a boolean, as rows of terms, or as bytes in a
media type (what ``claimgraph query`` prints and the SPARQL endpoint sends), and the
read-only dataset the endpoint's workers query.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from types import MappingProxyType

import pyoxigraph as ox

from graph.errors import QueryError, StoreError
from graph.rdf._terms import PREFIX_MAP, QueryResult, Term

#: Media types for SELECT and ASK results (the first is the default) -> their format.
RESULT_TYPES: MappingProxyType[str, ox.QueryResultsFormat] = MappingProxyType({
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
})
#: Media types for CONSTRUCT and DESCRIBE results (the first is the default) -> their format.
GRAPH_TYPES: MappingProxyType[str, ox.RdfFormat] = MappingProxyType({
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/x-turtle": ox.RdfFormat.TURTLE,
})


class Dataset:
    """A store folder opened read-only, queried with the SPARQL protocol's dataset.

    Args:
        location: The store folder.
    """

    def __init__(self, location: str) -> None:
        self._store = ox.Store.read_only(location)

    def query(self, sparql: str, default_graphs: Iterable[str] = (), named_graphs: Iterable[str] = ()) -> QueryResult:
        """Run a query; without graphs, its default graph is the union of all graphs.

        Args:
            sparql: The query (the cg: prefixes and the others of ``PREFIX_MAP`` are implied).
            default_graphs: IRIs of the graphs merged into the default graph.
            named_graphs: IRIs of the graphs ``GRAPH ?g`` ranges over.

        Raises:
            QueryError: when the query is malformed.
            StoreError: when it fails.
        """
        defaults, named = list(default_graphs), list(named_graphs)
        options: dict[str, object] = {"prefixes": used_prefixes(sparql)}
        with _ERRORS:  # a malformed graph IRI is a bad request too
            if defaults or named:
                options["default_graph"] = [ox.NamedNode(g) for g in defaults] or ox.DefaultGraph()
                if named:
                    options["named_graphs"] = [ox.NamedNode(g) for g in named]
            else:
                options["use_default_graph_as_union"] = True
            return self._store.query(sparql, **options)


def used_prefixes(sparql: str) -> dict[str, str]:
    """The predeclared prefixes (:data:`PREFIX_MAP`) that ``sparql`` may use: those whose name
    and colon are in its text, or all of them when it holds a ``\\u`` escape (which could
    spell one). Each prefix handed to pyoxigraph costs its parser about 1.5 µs, a twentieth of
    a simple query's answer when all are passed; one that is not in the text cannot be used.

    >>> sorted(used_prefixes("SELECT ?p WHERE { ?p a schema:Person ; rdfs:label ?n }"))
    ['rdfs', 'schema']
    """
    if "\\u" in sparql or "\\U" in sparql:
        return PREFIX_MAP
    return {name: iri for name, iri in PREFIX_MAP.items() if name + ":" in sparql}


def boolean(result: QueryResult) -> bool | None:
    """An ASK query's answer; None for other results."""
    return bool(result) if isinstance(result, ox.QueryBoolean) else None


def is_graph(result: QueryResult) -> bool:
    """True for the triples of a CONSTRUCT or DESCRIBE query."""
    return isinstance(result, ox.QueryTriples)


def solutions(result: QueryResult) -> tuple[list[str], list[list[Term | None]]]:
    """A SELECT query's variable names and rows of terms (None where unbound).

    Raises:
        QueryError: when ``result`` is not a SELECT query's, or its evaluation fails.
    """
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError("not the result of a SELECT query")
    names = [v.value for v in result.variables]
    with _ERRORS:
        return names, [[row[n] for n in names] for row in result]


def serialize(result: QueryResult, media: str, cap: int | None = None) -> tuple[bytes, bool]:
    """A result in ``media`` (a key of :data:`RESULT_TYPES` or, for triples, of
    :data:`GRAPH_TYPES`), and whether rows or triples beyond ``cap`` were cut.

    Raises:
        QueryError: when the query fails while its results are read.
        StoreError: when the store cannot be read.
    """
    with _ERRORS:
        if isinstance(result, ox.QueryTriples):
            return _serialize_triples(result, GRAPH_TYPES[media], cap)
        truncated = False
        if isinstance(result, ox.QuerySolutions) and cap is not None:
            result, truncated = _capped_solutions(result, cap)
        return result.serialize(format=RESULT_TYPES[media]), truncated


def _serialize_triples(result: ox.QueryTriples, fmt: ox.RdfFormat, cap: int | None) -> tuple[bytes, bool]:
    triples: list[ox.Triple] = []
    for triple in result:
        if cap is not None and len(triples) >= cap:
            return ox.serialize(triples, format=fmt, prefixes=PREFIX_MAP) or b"", True
        triples.append(triple)
    return ox.serialize(triples, format=fmt, prefixes=PREFIX_MAP) or b"", False


def _capped_solutions(result: ox.QuerySolutions, cap: int) -> tuple[ox.QuerySolutions, bool]:
    """The first ``cap`` solutions, re-read from TSV (whose terms are N-Triples, so lossless).

    pyoxigraph writes the TSV (one line per row: its terms escape line breaks) into a
    :class:`_Lines`, which stops it once a row beyond the cap arrives.
    """
    lines = _Lines(cap + 1)  # the header line, then the rows
    try:
        result.serialize(lines, format=ox.QueryResultsFormat.TSV)
    except Exception:
        if not lines.full:
            raise
    tsv, truncated = lines.text()
    return ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV), truncated


class _Lines(io.RawIOBase):
    """A writable stream keeping the first ``keep`` lines written; it raises on the line after them."""

    def __init__(self, keep: int) -> None:
        super().__init__()
        self.keep, self.lines, self.full = keep, 0, False
        self._parts: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        chunk = bytes(data)
        self._parts.append(chunk)
        self.lines += chunk.count(b"\n")
        if self.lines > self.keep:
            self.full = True
            raise BufferError("result cap reached")
        return len(data)

    def text(self) -> tuple[bytes, bool]:
        """The kept lines, and whether more were written."""
        data = b"".join(self._parts)
        if not self.full:
            return data, False
        kept = data.split(b"\n")[:self.keep]
        return b"\n".join(kept) + b"\n", True


class _Errors:
    """Turns pyoxigraph's errors into claimgraph's: a malformed query's into QueryError, the
    rest into StoreError (``with _ERRORS:``). A class rather than a ``@contextmanager``
    generator, which costs 4 µs a use against 0.6: a served query passes through it twice."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, trace: object) -> bool:
        if isinstance(exc, (SyntaxError, ValueError)):
            raise QueryError(f"bad SPARQL query: {_one_line(exc)}") from exc
        if isinstance(exc, (OSError, RuntimeError)):
            raise StoreError(f"query failed: {_one_line(exc)}") from exc
        return False


_ERRORS = _Errors()


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())
