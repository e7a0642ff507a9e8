"""The RDF boundary's SPARQL text: binding values into queries, and the queries and updates
the stores write themselves.

Every term enters the text in its escaped N-Triples form (``str()`` of a pyoxigraph term),
so no value can change a query's structure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import product

import pyoxigraph as ox

from graph.errors import QueryError
from graph.rdf._terms import CONTENT_HASH, Binding, Term, Value, iri, to_term

#: How many quads there are, as ``?n``: each named graph's, and the default graph's that no
#: named graph holds (so that a server whose default graph is the union counts each once).
COUNT_QUADS = ("SELECT (COUNT(*) AS ?n) WHERE { { GRAPH ?g { ?s ?p ?o } } "
               "UNION { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } } }")
#: How many quads the store holds, where: in the articles' named graphs, in the default graph
#: (actor descriptions, merge evidence) and in the private graphs (name index, store records,
#: under ``urn:claimgraph:``). Right whether the default graph is the union of all graphs (the
#: embedded store, ``claimgraph serve``) or only itself (an Oxigraph server): a triple of the
#: default graph is counted when no named graph holds it.
QUAD_COUNTS = """SELECT ?article_graph_quads ?default_graph_quads ?private_graph_quads WHERE {
  { SELECT (COUNT(*) AS ?article_graph_quads)
    WHERE { GRAPH ?g { ?s ?p ?o } FILTER(!STRSTARTS(STR(?g), "urn:claimgraph:")) } }
  { SELECT (COUNT(*) AS ?private_graph_quads)
    WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "urn:claimgraph:")) } }
  { SELECT (COUNT(*) AS ?default_graph_quads)
    WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } } }
}"""
#: The named graphs holding at least one triple, as ``?g``.
NAMED_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"

_QUERY_FORMS = frozenset(("SELECT", "CONSTRUCT", "DESCRIBE", "ASK"))
_VARIABLE = re.compile(r"\w+")
#: SPARQL tokens, just enough to find the WHERE group: comments, strings and IRIs are whole tokens.
_TOKENS = re.compile(r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
      |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<var>[?$]\w+)
  | (?P<word>[A-Za-z_][\w.-]*(?::[\w.%-]*)?)
  | (?P<brace>[{}])
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)


def bind_values(sparql: str, bindings: dict[str, Binding]) -> str:
    """``sparql`` with a ``VALUES`` block binding ``bindings`` at the start of its WHERE group.

    A value is converted by :func:`graph.rdf._terms.to_term`; a list, tuple or set binds
    its variable to each of its values in turn (one row each, every combination when several
    variables have several values; none at all for an empty one).

    >>> bind_values("SELECT ?a WHERE { ?a ?p ?o }", {"o": "x"})
    'SELECT ?a WHERE { VALUES (?o) { ("x") }  ?a ?p ?o }'
    >>> bind_values("ASK { ?a ?p ?o }", {"a": [iri("http://e/a"), iri("http://e/b")]})
    'ASK { VALUES (?a) { (<http://e/a>) (<http://e/b>) }  ?a ?p ?o }'

    Raises:
        QueryError: when the query has no WHERE group to bind in, a name is not a variable
            name, or a value cannot be bound.
    """
    brace = where_brace(sparql)
    if brace is None:
        raise QueryError("cannot bind variables in this query: it needs a WHERE { ... } group "
                         "(and CONSTRUCT needs the CONSTRUCT { ... } WHERE { ... } form)")
    bad = [name for name in bindings if not _VARIABLE.fullmatch(name)]
    if bad:
        raise QueryError(f"not a SPARQL variable name: {bad[0]!r}")
    columns = [[str(to_term(v)) for v in _values(value)] for value in bindings.values()]
    names = " ".join(f"?{name}" for name in bindings)
    rows = " ".join(f"({' '.join(row)})" for row in product(*columns))
    return f"{sparql[:brace + 1]} VALUES ({names}) {{ {rows} }} {sparql[brace + 1:]}"


def _values(value: Binding) -> list[Term | Value]:
    return sorted(value, key=str) if isinstance(value, (set, frozenset)) else \
        list(value) if isinstance(value, (list, tuple)) else [value]


def where_brace(sparql: str) -> int | None:
    """Index of the ``{`` opening the query's WHERE group, skipping comments, strings, IRIs.

    For CONSTRUCT the template group is skipped; the short form ``CONSTRUCT WHERE`` (whose
    pattern is also its template) gives None.

    >>> where_brace("ASK { ?s ?p '{' }")
    4
    """
    form = None
    depth = 0
    for token in _TOKENS.finditer(sparql):
        kind, text = token.lastgroup, token.group()
        if kind == "word" and form is None and text.upper() in _QUERY_FORMS:
            form = text.upper()
        elif kind == "word" and form == "CONSTRUCT" and depth == 0 and text.upper() == "WHERE":
            return None
        elif text == "{" and kind == "brace":
            if depth == 0 and form not in (None, "CONSTRUCT"):
                return token.start()
            depth += 1
        elif text == "}" and kind == "brace":
            depth -= 1
            if form == "CONSTRUCT" and depth == 0:
                form = "CONSTRUCT-WHERE"
    return None


#: Quads per ``INSERT DATA``/``DELETE DATA`` operation: Virtuoso 7's SPARQL parser refuses
#: one of about 5,000 triples ("memory exhausted"); several operations in one request pass.
DATA_CHUNK = 2000


def data_block(quads: Iterable[ox.Quad]) -> str:
    """The body of an ``INSERT DATA``/``DELETE DATA`` block, grouped by graph."""
    by_graph: dict[str, list[str]] = {}
    for quad in quads:
        name = "" if isinstance(quad.graph_name, ox.DefaultGraph) else str(quad.graph_name)
        by_graph.setdefault(name, []).append(f"{quad.triple} .")
    return "\n".join(("\n".join(lines) if not name else f"GRAPH {name} {{\n" + "\n".join(lines) + "\n}")
                     for name, lines in by_graph.items())


def change_update(remove: list[ox.Quad], add: list[ox.Quad], drop: Iterable[ox.NamedNode] = ()) -> str:
    """One SPARQL update (one transaction) dropping the graphs ``drop``, then deleting
    ``remove`` and inserting ``add`` (empty when all three are), at most :data:`DATA_CHUNK`
    quads per ``DELETE DATA``/``INSERT DATA`` operation.

    >>> change_update([], [], [ox.NamedNode("http://e/g")])
    'DROP SILENT GRAPH <http://e/g>'
    """
    parts = [f"DROP SILENT GRAPH {graph}" for graph in drop]
    parts += [f"{verb} DATA {{\n{data_block(batch[i:i + DATA_CHUNK])}\n}}"
              for verb, batch in (("DELETE", remove), ("INSERT", add)) for i in range(0, len(batch), DATA_CHUNK)]
    return " ;\n".join(parts)


def content_hash_query(article: ox.NamedNode) -> str:
    """The query reading an article's ``cg:contentHash`` (as ``?h``) from its own graph."""
    return f"SELECT ?h WHERE {{ GRAPH {article} {{ {article} {CONTENT_HASH} ?h }} }} LIMIT 1"


def pattern_query(subject: Term | None, predicate: ox.NamedNode | None, obj: Term | None,
                  graph: ox.NamedNode | ox.DefaultGraph | None) -> str:
    """The query matching one quad pattern; its unbound positions are ``?s ?p ?o`` (and
    ``?g`` when ``graph`` is None: any graph, the default one included).

    >>> pattern_query(None, ox.NamedNode("http://e/p"), None, ox.DefaultGraph())
    'SELECT * WHERE { ?s <http://e/p> ?o }'
    """
    pattern = triple_pattern(subject, predicate, obj)
    if graph is None:
        where = f"{{ {pattern} }} UNION {{ GRAPH ?g {{ {pattern} }} }}"
    elif isinstance(graph, ox.DefaultGraph):
        where = pattern
    else:
        where = f"GRAPH {graph} {{ {pattern} }}"
    return f"SELECT * WHERE {{ {where} }}"


def triple_pattern(subject: Term | None, predicate: ox.NamedNode | None, obj: Term | None) -> str:
    """One triple pattern; its unbound positions are ``?s ?p ?o``.

    >>> triple_pattern(None, ox.NamedNode("http://e/p"), None)
    '?s <http://e/p> ?o'
    """
    fixed = {"s": subject, "p": predicate, "o": obj}
    return " ".join(str(t) if t is not None else f"?{v}" for v, t in fixed.items())


def describe_query(pairs: Iterable[tuple[str, str]]) -> str:
    """The query reading every triple (``?s ?p ?o ?g``) about each (subject, graph) IRI pair."""
    values = " ".join(f"({iri(s)} {iri(g)})" for s, g in pairs)
    return f"SELECT * WHERE {{ VALUES (?s ?g) {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}"
