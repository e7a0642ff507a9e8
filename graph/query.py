"""Named SPARQL queries (``graph/queries/*.rq``) and the formatting of results.

User input always reaches a query as a bound value (pyoxigraph substitutions), never as
query text. The PREFIX lines come from one place, :data:`graph.rdf.namespace.PREFIXES`,
added by the store.
"""

from __future__ import annotations

import csv
import io
import json
from functools import lru_cache
from importlib import resources

import pyoxigraph as ox

from graph.errors import QueryError
from graph.rdf.store import Store

FORMATS = ("table", "csv", "tsv", "json")

# Joins that restrict said.rq to a speaker or a target. Joins, not FILTER EXISTS: with
# EXISTS the engine tests every statement (162 s on 295 articles, against 0.7 s).
_SAID_BY = """?byActor rdfs:label|skos:altLabel ?byLabel .
  FILTER(LCASE(STR(?byLabel)) = LCASE(STR(?by)))
  ?statement prov:wasAttributedTo ?byActor ."""
_SAID_ABOUT = """?aboutActor rdfs:label|skos:altLabel ?aboutLabel .
  FILTER(LCASE(STR(?aboutLabel)) = LCASE(STR(?aboutName)))
  ?statement schema:about ?aboutActor ."""


@lru_cache(maxsize=None)
def load_query(name: str) -> str:
    """The text of ``graph/queries/NAME.rq``.

    Raises:
        QueryError: when there is no such query.
    """
    try:
        return resources.files("graph.queries").joinpath(f"{name}.rq").read_text("utf-8")
    except FileNotFoundError as exc:
        raise QueryError(f"no named query {name!r}") from exc


def said(store: Store, by: str | None = None, about: str | None = None) -> list[dict]:
    """Who said what about whom.

    Args:
        store: The graph.
        by: Only statements by an actor with this name or alias (case-insensitive).
        about: Only statements about an actor with this name or alias.

    Returns:
        One dict per statement: speaker, cue, act, kind, text, about, article, headline,
        date, begin, end, statement (IRI), ordered by article and position.
    """
    bindings = {}
    if by:
        bindings["by"] = ox.Literal(by)
    if about:
        bindings["aboutName"] = ox.Literal(about)
    return store.select(said_query(by=bool(by), about=bool(about)), **bindings)


def said_query(by: bool = False, about: bool = False) -> str:
    """The text of the said query, restricted to a speaker (bound ``?by``) and/or a target
    (bound ``?aboutName``) when asked."""
    joins = [join for wanted, join in ((by, _SAID_BY), (about, _SAID_ABOUT)) if wanted]
    return load_query("said").replace("#FILTERS", "\n  ".join(joins))


def stats(store: Store) -> dict[str, int]:
    """Counts of articles, people, organisations, places, sources, statements, statistics."""
    rows = store.select(load_query("stats"))
    return {k: int(v or 0) for k, v in rows[0].items()} if rows else {}


def run(store: Store, sparql: str, fmt: str = "table") -> str:
    """Run any SPARQL query and format its result.

    Args:
        store: The graph.
        sparql: A SELECT, ASK, CONSTRUCT or DESCRIBE query.
        fmt: One of :data:`FORMATS` (CONSTRUCT/DESCRIBE results are N-Triples in any format).

    Returns:
        The formatted result.

    Raises:
        QueryError: on a syntax error, a failed query or an unknown format.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    result = store.query(sparql)
    if isinstance(result, ox.QueryBoolean):
        return json.dumps({"boolean": bool(result)}) if fmt == "json" else str(bool(result)).lower()
    if isinstance(result, ox.QueryTriples):
        return result.serialize(format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    if fmt == "json":
        return result.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8")
    names = [v.value for v in result.variables]
    rows = [[_plain(sol[n]) for n in names] for sol in result]
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n").writerows([names, *rows])
        return buf.getvalue()
    return format_table(names, rows)


def format_table(names: list[str], rows: list[list[str]], width: int = 60) -> str:
    """A plain fixed-width text table, cells cut to ``width`` characters."""
    cells = [[c if len(c) <= width else c[: width - 1] + "…" for c in row] for row in rows]
    widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
    line = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()  # noqa: E731
    out = [line(names), line(["-" * w for w in widths])] + [line(r) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def _plain(term: object) -> str:
    if term is None:
        return ""
    return str(getattr(term, "value", term)).replace("\n", " ")
