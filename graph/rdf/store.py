"""The embedded store: one on-disk Oxigraph dataset, one named graph per article.

Typical use::

    with Store.open(default_store_path()) as store:
        if store.article_hash(iri) != article.content_hash:
            store.replace_article(iri, to_quads(resolved, ids))
        rows = store.select("SELECT ?s WHERE { ?s a cg:Statement ; cg:cue ?cue }", cue="warn")
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox
from rdflib import Dataset

from graph.errors import QueryError, StoreError
from graph.rdf._terms import CONTENT_HASH, PREFIX_MAP, Term, Value, to_python, to_term

#: Environment variable naming the store folder.
STORE_ENV = "CLAIMGRAPH_STORE"
#: Store folder used when :data:`STORE_ENV` is not set, relative to the working directory.
DEFAULT_STORE_DIR = "claimgraph-store"
#: The formats :meth:`Store.export` writes.
EXPORT_FORMATS = ("nquads", "trig", "turtle", "jsonld")

_STORE_MARKER = "CURRENT"  # written by RocksDB, Oxigraph's on-disk engine, in every store folder
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



def default_store_path() -> Path:
    """The store folder: ``$CLAIMGRAPH_STORE`` when set, else ``./claimgraph-store``."""
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE_DIR).expanduser()


def open_store(location: str | Path | None = None, create: bool = True, read_only: bool = False) -> Any:
    """Open the store at ``location``: a :class:`Store` for a folder, a
    :class:`graph.rdf.remote.RemoteStore` for an ``http(s)://`` URL of a SPARQL server.

    Args:
        location: Folder or URL; :func:`default_store_path` when None.
        create: Create a missing local store (ignored for servers and when read-only).
        read_only: Refuse writes.

    Raises:
        StoreError: when the store cannot be opened or the server does not answer.
    """
    from graph.rdf.remote import RemoteStore, is_remote

    if location is not None and is_remote(location):
        return RemoteStore.open(str(location), create=create, read_only=read_only)
    return Store.open(location or default_store_path(), create=create, read_only=read_only)


class Store:
    """An on-disk RDF dataset holding one named graph per article (name = article IRI).

    Open it with :meth:`open`; use it as a context manager, or call :meth:`close`.
    """

    def __init__(self, inner: ox.Store, location: Path, read_only: bool) -> None:
        self._inner: ox.Store | None = inner
        self.location = location
        self.read_only = read_only

    @classmethod
    def open(cls, location: str | Path, create: bool = True, read_only: bool = False) -> Store:
        """Open (or create) the store in folder ``location``.

        Args:
            location: The store folder.
            create: Create the store when the folder holds none (ignored when read-only).
            read_only: Open without write access. Several readers may share a store, but
                Oxigraph leaves reading a store while another process writes it undefined.

        Raises:
            StoreError: when there is no store there and none may be created, the folder
                holds other files, or the store is locked by another process or unreadable.
        """
        path = Path(location)
        exists = (path / _STORE_MARKER).is_file()
        if not exists and (read_only or not create):
            raise StoreError(f"no store at {path}: run `claimgraph build` first, or pass --store")
        if not exists and path.exists() and (not path.is_dir() or any(path.iterdir())):
            raise StoreError(f"{path} is not a claimgraph store but holds other files: "
                             "pass --store a new or empty folder")
        try:
            inner = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
        except (OSError, RuntimeError) as e:
            raise StoreError(f"cannot open the store at {path} (is another claimgraph process "
                             f"writing to it?): {_one_line(e)}") from e
        return cls(inner, path, read_only)

    def close(self) -> None:
        """Release the store (and its lock); further use raises :class:`StoreError`.

        A writable store is flushed first: otherwise the next open replays the write-ahead
        log, which took 9.6 s instead of 0.03 s after a 295-article build.
        """
        if self._inner is not None and not self.read_only:
            self._inner.flush()
        self._inner = None

    def checkpoint(self) -> None:
        """Flush a writable store to disk and reopen it, releasing what RocksDB held.

        RocksDB, under Oxigraph, keeps memory for every write until the store is closed:
        about 0.6 MB per article in a small store (490 MB after 600 articles), 2 to 3 MB in
        a 10,000-article one. Closing frees it for reuse; :func:`graph.memory.trim` then
        hands it back to the system. A build calls this when it has grown by
        :data:`graph.pipeline.CHECKPOINT_GROWTH`; reopening costs 70 to 170 ms.
        """
        if self._inner is None or self.read_only:
            return
        self._inner.flush()
        self._inner = None  # the only reference: RocksDB closes and releases its lock
        try:
            self._inner = ox.Store(str(self.location))
        except (OSError, RuntimeError) as e:
            raise StoreError(f"cannot reopen the store at {self.location}: {_one_line(e)}") from e

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        return len(self._store)

    def __repr__(self) -> str:
        return f"Store({str(self.location)!r}, read_only={self.read_only})"

    @property
    def _store(self) -> ox.Store:
        if self._inner is None:
            raise StoreError(f"the store at {self.location} is closed")
        return self._inner

    def articles(self) -> list[str]:
        """IRIs of the articles in the store (its named graphs), sorted."""
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def article_hash(self, article_iri: str) -> str | None:
        """The ``cg:contentHash`` stored for an article, or None when it is not in the store."""
        node = ox.NamedNode(article_iri)
        for quad in self._store.quads_for_pattern(node, CONTENT_HASH, None, node):
            return quad.object.value
        return None

    def replace_article(self, article_iri: str, quads: Iterable[ox.Quad]) -> None:
        """Replace an article's named graph with ``quads``, all or nothing.

        ``quads`` may also hold default-graph quads (merge evidence): they are added, and
        default-graph quads already there are kept. If ``quads`` raises while being read,
        or the write fails, the store is left as it was.

        Args:
            article_iri: The article (and graph) IRI.
            quads: The article's new quads.

        Raises:
            StoreError: when the store is read-only or the write fails.
        """
        self._check_writable()
        batch = list(quads)
        graph = ox.NamedNode(article_iri)
        try:
            if self._store.contains_named_graph(graph):
                self._store.update(_replace_update(graph, batch))
            else:
                self._store.extend(batch)
        except (OSError, SyntaxError) as e:
            raise StoreError(f"cannot write {article_iri} to the store: {_one_line(e)}") from e

    def remove_article(self, article_iri: str) -> None:
        """Drop an article's named graph (default-graph facts are kept).

        Raises:
            StoreError: when the store is read-only or the write fails.
        """
        self._check_writable()
        try:
            self._store.remove_graph(ox.NamedNode(article_iri))
        except OSError as e:
            raise StoreError(f"cannot remove {article_iri}: {_one_line(e)}") from e

    def quads(self, subject: Term | None = None, predicate: ox.NamedNode | None = None,
              obj: Term | None = None, graph: ox.NamedNode | ox.DefaultGraph | None = None) -> list[ox.Quad]:
        """The quads matching a pattern (None matches anything; ``graph=None``: every graph).

        Raises:
            StoreError: when the store cannot be read.
        """
        try:
            return list(self._store.quads_for_pattern(subject, predicate, obj, graph))
        except OSError as e:
            raise StoreError(f"cannot read the store at {self.location}: {_one_line(e)}") from e

    def describe(self, nodes: Iterable[tuple[str, str]]) -> dict[tuple[str, str], list[ox.Quad]]:
        """Every quad about each (subject IRI, graph IRI) pair, read straight from the indexes.

        Faster than a SPARQL join when the subjects are already known (one index scan each).

        Raises:
            StoreError: when the store cannot be read.
        """
        return {(s, g): self.quads(ox.NamedNode(s), None, None, ox.NamedNode(g)) for s, g in dict.fromkeys(nodes)}

    def change(self, remove: Iterable[ox.Quad], add: Iterable[ox.Quad]) -> None:
        """Remove some quads and add others, all or nothing.

        Raises:
            StoreError: when the store is read-only or the write fails.
        """
        self._check_writable()
        remove, add = list(remove), list(add)
        try:
            if not remove:  # extend() is atomic too, and skips writing and parsing SPARQL
                self._store.extend(add)
            else:
                parts = [f"DELETE DATA {{\n{_data_block(remove)}\n}}"]
                parts += [f"INSERT DATA {{\n{_data_block(add)}\n}}"] if add else []
                self._store.update(" ;\n".join(parts))
        except (OSError, SyntaxError) as e:
            raise StoreError(f"cannot write to the store: {_one_line(e)}") from e

    def query(self, sparql: str, bindings: dict[str, Term | Value] | None = None) -> Any:
        """Run a SPARQL query over the union of all graphs, with the cg: prefixes predeclared.

        ``bindings`` fixes variables to values before evaluation, whether or not they are
        projected: strings become string literals, numbers typed literals; pass
        ``pyoxigraph.NamedNode`` for IRIs. The values enter the query as one ``VALUES`` row
        at the start of its WHERE group, written by pyoxigraph in escaped N-Triples form,
        so no input can change the query's structure. (Oxigraph's own ``substitutions``
        refuse variables that are not projected, which most bound filters are.)

        Args:
            sparql: The query text (``PREFIX`` lines for cg, schema, prov, org, skos, nif,
                rdf, rdfs, xsd, owl and sh are implied).
            bindings: Variable name (without ``?``) -> value.

        Returns:
            ``pyoxigraph.QuerySolutions`` for SELECT, ``QueryBoolean`` for ASK,
            ``QueryTriples`` for CONSTRUCT and DESCRIBE.

        Raises:
            QueryError: when the query is malformed or cannot be evaluated.
            StoreError: when the store cannot be read.
        """
        text = bind_values(sparql, {k: to_term(v) for k, v in bindings.items()}) if bindings else sparql
        try:
            return self._store.query(text, prefixes=PREFIX_MAP, use_default_graph_as_union=True)
        except (SyntaxError, RuntimeError, ValueError) as e:
            raise QueryError(f"bad SPARQL query: {_one_line(e)}") from e
        except OSError as e:
            raise StoreError(f"cannot read the store at {self.location}: {_one_line(e)}") from e

    def select(self, sparql: str, **bindings: Term | Value) -> list[dict[str, Value]]:
        """Run a SELECT query and return its rows as dicts of plain Python values.

        IRIs become ``str``, literals ``str``/``int``/``Decimal``/``float``/``bool`` by
        datatype, unbound variables None.

        Raises:
            QueryError: when the query is malformed or not a SELECT.
            StoreError: when the store cannot be read.
        """
        results = self.query(sparql, bindings)
        if not isinstance(results, ox.QuerySolutions):
            raise QueryError("select() needs a SELECT query; use query() for ASK, CONSTRUCT, DESCRIBE")
        names = [v.value for v in results.variables]
        try:
            return [{n: to_python(row[n]) for n in names} for row in results]
        except OSError as e:
            raise StoreError(f"cannot read the store at {self.location}: {_one_line(e)}") from e

    def export(self, fmt: str, out: BinaryIO) -> None:
        """Write the whole store to ``out``, sorted, so equal stores give identical bytes.

        Args:
            fmt: ``"nquads"`` or ``"trig"`` (every graph), ``"turtle"`` (the union as
                triples) or ``"jsonld"`` (every graph, compacted with the cg: prefixes).
            out: A binary stream.

        Raises:
            ValueError: when ``fmt`` is not one of :data:`EXPORT_FORMATS`.
        """
        if fmt not in EXPORT_FORMATS:
            raise ValueError(f"unknown export format {fmt!r}: expected one of {sorted(EXPORT_FORMATS)}")
        if fmt == "jsonld":
            out.write(_jsonld(ox.serialize(self._sorted_quads(), format=ox.RdfFormat.N_QUADS)))
        elif fmt == "turtle":
            ox.serialize(self._sorted_union(), out, ox.RdfFormat.TURTLE, prefixes=PREFIX_MAP)
        else:
            rdf_format = ox.RdfFormat.TRIG if fmt == "trig" else ox.RdfFormat.N_QUADS
            ox.serialize(self._sorted_quads(), out, rdf_format, prefixes=PREFIX_MAP)

    def optimize(self) -> None:
        """Compact the on-disk indexes; run after a large build to speed up queries."""
        self._check_writable()
        self._store.optimize()

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store at {self.location} is open read-only")

    def _sorted_quads(self) -> Iterator[ox.Quad]:
        """Every quad: default graph first, then each named graph, each sorted."""
        graphs = [ox.DefaultGraph(), *sorted(self._store.named_graphs(), key=str)]
        for graph in graphs:
            yield from sorted(self._store.quads_for_pattern(None, None, None, graph), key=_quad_key)

    def _sorted_union(self) -> list[ox.Triple]:
        return sorted({q.triple for q in self._store}, key=_quad_key)


def bind_values(sparql: str, bindings: dict[str, Term]) -> str:
    """``sparql`` with a ``VALUES`` row binding ``bindings`` at the start of its WHERE group.

    Raises:
        QueryError: when the query has no WHERE group to bind in, or a name is not a variable name.
    """
    brace = _where_brace(sparql)
    if brace is None:
        raise QueryError("cannot bind variables in this query: it needs a WHERE { ... } group "
                         "(and CONSTRUCT needs the CONSTRUCT { ... } WHERE { ... } form)")
    bad = [name for name in bindings if not _VARIABLE.fullmatch(name)]
    if bad:
        raise QueryError(f"not a SPARQL variable name: {bad[0]!r}")
    names = " ".join(f"?{name}" for name in bindings)
    values = " ".join(str(term) for term in bindings.values())
    return f"{sparql[:brace + 1]} VALUES ({names}) {{ ({values}) }} {sparql[brace + 1:]}"


def _where_brace(sparql: str) -> int | None:
    """Index of the ``{`` opening the query's WHERE group, skipping comments, strings, IRIs.

    For CONSTRUCT the template group is skipped; the short form ``CONSTRUCT WHERE`` (whose
    pattern is also its template) gives None.
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


def _quad_key(quad: ox.Quad | ox.Triple) -> tuple[str, str, str]:
    return str(quad.subject), str(quad.predicate), str(quad.object)


def _replace_update(graph: ox.NamedNode, quads: list[ox.Quad]) -> str:
    """One SPARQL update (one transaction) dropping ``graph`` and inserting ``quads``.

    Terms are written in their escaped N-Triples form, so no text can break out of them.
    """
    return f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{\n" + _data_block(quads) + "\n}"


def _data_block(quads: list[ox.Quad]) -> str:
    """The body of an ``INSERT DATA``/``DELETE DATA`` block, grouped by graph."""
    by_graph: dict[str, list[str]] = {}
    for quad in quads:
        name = "" if isinstance(quad.graph_name, ox.DefaultGraph) else str(quad.graph_name)
        by_graph.setdefault(name, []).append(f"{quad.triple} .")
    return "\n".join(("\n".join(lines) if not name else f"GRAPH {name} {{\n" + "\n".join(lines) + "\n}")
                     for name, lines in by_graph.items())


def _jsonld(nquads: bytes) -> bytes:
    """Sorted N-Quads → JSON-LD compacted with our prefixes, with every array sorted."""
    dataset = Dataset()
    dataset.parse(data=nquads, format="nquads")
    text = dataset.serialize(format="json-ld", context=dict(PREFIX_MAP), auto_compact=True)
    return (json.dumps(_sort_arrays(_unwrap_default_graph(json.loads(text))), indent=2, sort_keys=True,
                       ensure_ascii=False) + "\n").encode("utf-8")


def _unwrap_default_graph(doc: dict[str, Any]) -> dict[str, Any]:
    """Lift the default graph's nodes to the top level.

    rdflib wraps them in a graph object without ``@id``, which JSON-LD reads as a graph
    named by a blank node.
    """
    context = doc.pop("@context", None)
    nodes = doc["@graph"] if set(doc) == {"@graph"} else [doc] if doc else []
    flat = [n for node in nodes for n in (node["@graph"] if set(node) == {"@graph"} else [node])]
    return {"@context": context, "@graph": flat}


def _sort_arrays(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _sort_arrays(v) for k, v in node.items()}
    if isinstance(node, list):
        return sorted((_sort_arrays(v) for v in node), key=lambda v: json.dumps(v, sort_keys=True))
    return node


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())
