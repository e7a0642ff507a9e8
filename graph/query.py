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
    speakers = actors_named(store, by) if by else None
    targets = actors_named(store, about) if about else None
    if speakers == [] or targets == []:
        return []
    return store.select(said_query(speakers, targets))


def actors_named(store: Store, name: str) -> list[str]:
    """IRIs of the actors with this name or alias, case-insensitively (a bound value)."""
    return [row["actor"] for row in store.select(load_query("actors_named"), name=ox.Literal(name))]


def said_query(speakers: list[str] | None = None, targets: list[str] | None = None) -> str:
    """The text of the said query, restricted to statements by any of ``speakers`` and about
    any of ``targets`` (actor IRIs, as found in the store) when given.

    Looking the actors up first and joining on their IRIs keeps the query proportional to
    their statements: a join on names over every label took 1.4 s on 1,000 articles.
    """
    joins = []
    if speakers is not None:
        joins.append(f"VALUES ?speakerActor {{ {_iris(speakers)} }} ?statement prov:wasAttributedTo ?speakerActor .")
    if targets is not None:
        joins.append(f"VALUES ?targetActor {{ {_iris(targets)} }} ?statement schema:about ?targetActor .")
    return load_query("said").replace("#FILTERS", "\n    ".join(joins))


def _iris(iris: list[str]) -> str:
    return " ".join(str(ox.NamedNode(iri)) for iri in iris)


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
