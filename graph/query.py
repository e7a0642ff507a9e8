"""Named SPARQL queries (``graph/queries/*.rq``) and the formatting of results.

A value the user gives (a name to look up) never becomes query text: it reaches a SPARQL
query as a bound value (keyword arguments of :meth:`Store.select`, which the store writes
as an escaped ``VALUES`` row, since oxigraph's own substitutions refuse variables that are
not projected) or an index lookup as a term (:meth:`Store.quads`). The only text spliced
into a query is the ``VALUES`` block of candidate IRIs that :func:`actors_named` found in
the store, written by pyoxigraph, and the integers of ``said``'s ``LIMIT`` and ``OFFSET``.
The PREFIX lines come from one place,
:data:`graph.rdf.namespace.PREFIXES`, added by the store.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from collections.abc import Iterator
from itertools import islice
from functools import lru_cache
from importlib import resources
from urllib.parse import unquote

from graph.errors import QueryError
from graph.rdf._terms import (A, ABOUT, ALT_LABEL, ATTRIBUTED_TO, BEGIN, CUE, DATE_PUBLISHED, END, HEADLINE, LABEL,
                              QUOTE_CLASSES, SOURCE_FILE, SPEECH_ACT, TEXT, NamedNode,
                              Quad, iri, to_python, to_term)
from graph.rdf.base import GraphStore
from graph.rdf.name_index import keyed_actors
from graph.rdf.results import boolean, is_graph, serialize, solutions
from graph.rdf.statement_keys import has_keys, keyed_statements
from graph.resolve import fold

FORMATS = ("table", "csv", "tsv", "json")
#: How many close names a "did you mean" hint lists at most.
SUGGESTIONS = 5
_QUOTE_KINDS = frozenset(QUOTE_CLASSES.values())
#: Rows ``said`` returns by default (its first page).
SAID_LIMIT = 50
#: Rows ``said`` reads per query when it streams every row.
SAID_BATCH = 500
#: A text whose only double quotation marks stand at its ends: the words between them.
_MARKED_ENDS = re.compile(r"(?:``|''|[\"“„«‟＂])?"  # an opening mark
                          r"((?:(?!``|'')[^\"“”„«»‟＂])*?)"  # words with no mark
                          r"(?:''|[\"”»“＂])?", re.S)  # a closing mark


def unquoted(text: str) -> str:
    """A statement's text without the quotation marks at its ends, for display between
    marks of one's own: a direct quote's span holds its marks ('“We will rebuild,”'),
    a quote left open its opening one. A text with a mark inside (a mixed statement, 'the
    levee “will not last,”') is returned as it is.

    >>> [unquoted(t) for t in ['“We will rebuild,”', '"Yes."', "``Yes,''", 'the levee “will fail”']]
    ['We will rebuild,', 'Yes.', 'Yes,', 'the levee “will fail”']
    """
    m = _MARKED_ENDS.fullmatch(text)
    return m.group(1) if m else text


def quoted(text: str) -> str:
    """A statement's text between curly quotation marks, for display, never doubling a
    direct quote's own marks.

    >>> quoted('"We will rebuild,"'), quoted("the levee will fail")
    ('“We will rebuild,”', '“the levee will fail”')
    """
    return f"“{unquoted(text)}”"


@lru_cache(maxsize=None)
def load_query(name: str) -> str:
    """The text of ``graph/queries/NAME.rq``.

    Raises:
        QueryError: when there is no such query.
    """
    try:  # through the regular package "graph": graph/queries is a namespace package, slower to search
        return resources.files("graph").joinpath("queries", f"{name}.rq").read_text("utf-8")
    except FileNotFoundError as exc:
        raise QueryError(f"no named query {name!r}") from exc


def said(store: GraphStore, by: str | None = None, about: str | None = None,
         limit: int | None = SAID_LIMIT, offset: int = 0) -> Iterator[dict]:
    """Who said what about whom, newest first, a page at a time.

    The actors are looked up by name first; the page is then read from the statement keys
    (:func:`graph.rdf.statement_keys.keyed_statements`: the article's date, newest first,
    then article and position), so that the first page of a busy actor costs the reading of
    its keys up to the page's last date, in order from the store's index, and of its own
    rows, not a read of every statement. A store without
    keys (built before them) is paged in SPARQL instead (``said_page.rq``, the same order,
    with ``LIMIT`` and ``OFFSET``), more slowly for a busy actor. Only the page's statements are
    read in full, with :meth:`~graph.rdf.store.Store.describe`, their actors' labels from
    the default graph.

    Args:
        store: The graph.
        by: Only statements by an actor with this name or alias (case-insensitive).
        about: Only statements about an actor with this name or alias.
        limit: Rows at most (:data:`SAID_LIMIT` by default); None for every row, read
            :data:`SAID_BATCH` at a time, so that the whole answer streams.
        offset: Rows skipped first.

    Raises:
        QueryError: when ``by`` or ``about`` names no actor (:func:`require_actors`), or
            ``limit`` or ``offset`` is negative.

    Yields:
        One dict per statement: speaker, cue, act, kind, text, about (target labels joined
        by "; "), article, headline, date, begin, end, statement (IRI).
    """
    if (limit is not None and limit < 0) or offset < 0:
        raise QueryError(f"said: limit and offset cannot be negative (got {limit} and {offset})")
    names = {key: name for key, name in (("by", by), ("about", about)) if name}
    actors = {key: require_actors(store, name) for key, name in names.items()}
    if actors and has_keys(store):
        return _said_keyed(store, actors, limit, offset)
    bindings = {key: [iri(actor) for actor in found] for key, found in actors.items()}
    lines = load_query("said_page").splitlines(keepends=True)
    sparql = "".join(line for line in lines if line.rpartition("#")[2].strip() not in ("by", "about") - names.keys())
    return _said_pages(store, sparql, bindings, limit, offset)


def _said_pages(store: GraphStore, sparql: str, bindings: dict, limit: int | None, offset: int) -> Iterator[dict]:
    """The rows of the page query ``sparql`` from ``offset``, ``limit`` at most (None: all):
    one query, whose solutions are read lazily and described :data:`SAID_BATCH` at a time."""
    if limit == 0:
        return
    cut = f"LIMIT {limit} " if limit is not None else ""
    solutions = iter(store.query(f"{sparql}{cut}OFFSET {offset}", bindings))
    while batch := [(str(to_python(s["statement"])), str(to_python(s["article"])))
                    for s in islice(solutions, SAID_BATCH)]:
        yield from _said_rows(store, batch)


def _said_keyed(store: GraphStore, actors: dict[str, list[str]], limit: int | None, offset: int) -> Iterator[dict]:
    """The rows of ``said`` from the statement keys (:mod:`graph.rdf.statement_keys`): those
    by the ``actors["by"]`` (when given) about one of ``actors["about"]`` (when given), in the
    page order of ``said_page.rq``, read :data:`SAID_BATCH` at a time."""
    relation = "by" if "by" in actors else "about"
    about = [iri(a) for a in actors["about"]] if relation == "by" and "about" in actors else None
    keyed = (k for k in keyed_statements(store, actors[relation], [relation])
             if about is None or any(store.quads(iri(k.statement), ABOUT, a, iri(k.article)) for a in about))
    page = islice(keyed, offset, None if limit is None else offset + limit)
    while batch := [(k.statement, k.article) for k in islice(page, SAID_BATCH)]:
        yield from _said_rows(store, batch)


def _said_rows(store: GraphStore, found: list[tuple[str, str]]) -> list[dict]:
    """The rows of ``said`` for the (statement, article) pairs ``found``, in their order."""
    statements = {key: _by_predicate(quads) for key, quads in store.describe(found).items()}
    articles = _article_fields(store, list(dict.fromkeys(g for _, g in found)))
    labels = _labels(store, {t for props in statements.values()
                             for t in (*props.get(ATTRIBUTED_TO, ()), *props.get(ABOUT, ()))})
    rows = []
    for statement, graph in found:
        props, article = statements.get((statement, graph), {}), articles.get(graph, {})
        rows.append({
            "speaker": next((labels.get(t.value) for t in props.get(ATTRIBUTED_TO, ())), None),
            "cue": _first(props, CUE), "act": (_first(props, SPEECH_ACT) or "").rpartition("#")[2].lower() or None,
            "kind": next((t.value.rpartition("#")[2] for t in props.get(A, ()) if t in _QUOTE_KINDS), None),
            "text": _first(props, TEXT),
            "about": "; ".join(sorted({labels[t.value] for t in props.get(ABOUT, ()) if t.value in labels})) or None,
            "article": _first(article, SOURCE_FILE), "headline": _first(article, HEADLINE),
            "date": _first(article, DATE_PUBLISHED), "begin": int(_first(props, BEGIN)), "end": int(_first(props, END)),
            "statement": statement,
        })
    return rows


def _labels(store: GraphStore, actors: set[NamedNode]) -> dict[str, str]:
    """Actor IRI -> its canonical label (one per actor, in the default graph), in one query."""
    if not actors:
        return {}
    rows = store.select("SELECT ?actor ?label WHERE { ?actor rdfs:label ?label }", actor=sorted(actors, key=str))
    return {str(row["actor"]): str(row["label"]) for row in rows}


def _article_fields(store: GraphStore, articles: list[str]) -> dict[str, dict[NamedNode, list]]:
    """Article IRI -> the source file, headline and date of each of ``articles``, read from
    the indexes (not the article's whole description, which lists every actor it mentions),
    all at once (:meth:`~graph.rdf.base.GraphStore.quads_each`: a server, one request)."""
    patterns = [(iri(a), p, None, iri(a)) for a in articles for p in (SOURCE_FILE, HEADLINE, DATE_PUBLISHED)]
    fields: dict[str, dict[NamedNode, list]] = {a: {} for a in articles}
    for (node, predicate, _, _), found in zip(patterns, store.quads_each(patterns)):
        fields[node.value][predicate] = [q.object for q in found]
    return fields


def _by_predicate(quads: list[Quad]) -> dict[NamedNode, list]:
    out: dict[NamedNode, list] = {}
    for q in quads:
        out.setdefault(q.predicate, []).append(q.object)
    return out


def _first(props: dict[NamedNode, list], predicate: NamedNode) -> str | None:
    values = props.get(predicate)
    return min(v.value for v in values) if values else None


def actors_named(store: GraphStore, name: str) -> list[str]:
    """IRIs of the actors with this name as label, alias or ``cg:localName`` (the name an
    article gives, on the actor's index entries), case-insensitively (a bound value); the
    one lookup by name, used by ``said``, ``entity``, ``roles`` and the network views
    (through :func:`require_actors` where a name the user gave must match).

    Found by lookups, never by a scan of every label (whose cost grows with the store): the
    name in its usual casings as a label or an alias (every name an article gives an actor
    is one or the other: :func:`graph.rdf.mapping.description_quads`), and the name index
    (``cg:nameKey``, folded names, :func:`graph.rdf.name_index.keyed_actors`) for other casings, whose actors are
    then kept when one of their names is the name, compared case-insensitively
    (``actors_named.rq``).
    """
    variants = sorted({name, name.lower(), name.capitalize(), name.title(), name.upper()})
    exact = {q.subject.value for variant in variants for predicate in (LABEL, ALT_LABEL)
             for q in store.quads(None, predicate, to_term(variant), None)}
    keyed = keyed_actors(store, fold(name)) - exact
    if keyed:
        exact |= {str(row["actor"]) for row in store.select(load_query("actors_named"), name=name,
                                                              actor=[iri(actor) for actor in sorted(keyed)])}
    return sorted(exact)


def require_actors(store: GraphStore, name: str) -> list[str]:
    """:func:`actors_named` for a name the user gave, which must name someone: a typo never
    reads as "this actor said nothing".

    Raises:
        QueryError: when no actor has that name (:func:`unknown_actor`).
    """
    actors = actors_named(store, name.strip())
    if not actors:
        raise unknown_actor(store, name)
    return actors


def unknown_actor(store: GraphStore, name: str) -> QueryError:
    """The one-line error for a name that matches no actor, with the closest names."""
    hint = did_you_mean(name.strip(), actor_names(store)) or \
        (" (names are matched whole, case-insensitively; list them with "
         "`claimgraph query 'SELECT ?name WHERE { ?x rdfs:label ?name }'`)")
    return QueryError(f"no person, organisation or place named {name!r} in the graph{hint}")


def actor_names(store: GraphStore) -> list[str]:
    """Every label and alias of a person, organisation or place, sorted (for hints)."""
    return sorted(str(row["name"]) for row in store.select(load_query("actor_names")))


def did_you_mean(wanted: str, names: list[str]) -> str:
    """A hint naming the ``names`` closest to ``wanted``, case-insensitively (similar
    spellings first, then the names containing it), or "" when none is close.

    >>> did_you_mean("Jon Baker", ["Jon Bakker", "Ann Baker-Lee", "Eve"])
    "; did you mean 'Jon Bakker', 'Ann Baker-Lee'?"
    >>> did_you_mean("zzz", ["Eve"])
    ''
    """
    close = close_names(wanted, names)
    return f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""


def close_names(wanted: str, names: list[str]) -> list[str]:
    """The ``names`` closest to ``wanted``, case-insensitively: similar spellings first, then
    the names containing it, :data:`SUGGESTIONS` at most (what :func:`did_you_mean` lists).

    >>> close_names("okafor", ["Lena Okafor", "Okafur", "Eve"])
    ['Okafur', 'Lena Okafor']
    """
    folded = {n.casefold(): n for n in sorted(set(names), reverse=True)}
    close = [folded[n] for n in difflib.get_close_matches(wanted.casefold(), sorted(folded), n=3, cutoff=0.6)]
    close += [n for f, n in sorted(folded.items()) if wanted.casefold() in f and n not in close]
    return close[:SUGGESTIONS]


def find_article(store: GraphStore, article: str) -> str:
    """The IRI of the article given by its IRI, its id or its source file name (``cg:sourceFile``).

    Raises:
        QueryError: when none matches (the message lists close matches).
    """
    articles = store.articles()
    for candidate in articles:
        if article in (candidate, unquote(candidate.rpartition("/article/")[2])):
            return candidate
    files = {q.subject.value: q.object.value for q in store.quads(None, SOURCE_FILE, None, None)}
    for candidate, file in sorted(files.items()):
        if file == article:
            return candidate
    names = [files.get(candidate, candidate) for candidate in articles]
    raise QueryError(f"no article {article!r} in the store{did_you_mean(article, names)}")


def stats(store: GraphStore) -> dict[str, int]:
    """Counts of articles, people, organisations, places, sources, statements, statistics,
    and of quads: in the article graphs, the default graph, the private graphs, and in all
    (``quads``, which is ``len(store)``), the same embedded and served."""
    rows = store.select(load_query("stats"))
    counts = {k: int(v or 0) for k, v in rows[0].items()} if rows else {}
    counts.update(store.quad_counts())
    counts["quads"] = sum(v for k, v in counts.items() if k.endswith("_quads"))
    return counts


def run(store: GraphStore, sparql: str, fmt: str = "table") -> str:
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
    answer = boolean(result)
    if answer is not None:
        return json.dumps({"boolean": answer}) if fmt == "json" else str(answer).lower()
    if is_graph(result):
        return serialize(result, "application/n-triples")[0].decode("utf-8")
    if fmt == "json":
        return serialize(result, "application/sparql-results+json")[0].decode("utf-8")
    names, terms = solutions(result)
    rows = [[_plain(term) for term in row] for row in terms]
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
