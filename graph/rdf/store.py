"""The embedded store: one on-disk Oxigraph dataset, one named graph per article (and its
private index graph, :func:`graph.rdf._terms.index_graph`), actor descriptions and merge
evidence in the default graph.

Typical use::

    with Store.open(path) as store:
        if store.article_hash(iri) != article.content_hash:
            store.replace_article(iri, to_quads(resolved, ids))
        rows = store.select("SELECT ?s WHERE { ?s a cg:Statement ; cg:cue ?cue }", cue="warn")
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Sequence
from heapq import merge
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from graph.errors import QueryError, StoreError
from graph.rdf._export import export_dataset
from graph.rdf._sparql import bind_values, change_update
from graph.rdf._terms import (CONTENT_HASH, LAYOUT, LAYOUT_VERSION, PREFIX_MAP, STORE_GRAPH, Binding, GraphName,
                              Quad, QueryResult, Term, Value, is_private_graph, own_graphs, to_python)
from graph.rdf.lock import StoreLock
from graph.rdf.nquads import parse
from graph.rdf.statement_keys import key_quads, mark_quad

_STORE_MARKER = "CURRENT"  # written by RocksDB, Oxigraph's on-disk engine, in every store folder
#: Oxigraph's bulk loader splits its input into chunks of at least this many quads, each
#: ingested on its own (``DEFAULT_BULK_LOAD_BATCH_SIZE``): :meth:`Store.ingest` stays below.
_BULK_CHUNK = 1_000_000



def _open_inner(path: Path, read_only: bool) -> ox.Store:
    """The pyoxigraph store at ``path``. RocksDB refuses a store that an earlier handle of
    this same process still holds, and a closed :class:`Store`'s handle can outlive it in a
    reference cycle (an exception's traceback caught further up) until the garbage
    collector runs: then collect and try once more."""
    def attempt() -> ox.Store:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    try:
        return attempt()
    except OSError as e:
        if "current process" not in str(e):
            raise
    gc.collect()
    return attempt()

class Store:
    """An on-disk RDF dataset holding one named graph per article (name = article IRI).

    Open it with :meth:`open`; use it as a context manager, or call :meth:`close`.
    """

    def __init__(self, inner: ox.Store, location: Path, read_only: bool, lock: StoreLock | None = None) -> None:
        self._inner: ox.Store | None = inner
        self.location = location
        self.read_only = read_only
        self._lock = lock

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
        lock = None if read_only else StoreLock(path, shared=False)  # refused while served
        try:
            inner = _open_inner(path, read_only)
        except (OSError, RuntimeError) as e:
            if lock is not None:
                lock.release()
            raise StoreError(f"cannot open the store at {path} (is another claimgraph process "
                             f"writing to it?): {_one_line(e)}") from e
        store = cls(inner, path, read_only, lock)
        del inner  # a refused store is closed: the error's traceback must not hold it open
        try:
            store._check_layout()
        except StoreError:
            if lock is not None:
                lock.release()
            raise
        return store

    def close(self) -> None:
        """Release the store (and its lock); further use raises :class:`StoreError`.

        A writable store is flushed first: otherwise the next open replays the write-ahead
        log, which took 9.6 s instead of 0.03 s after a 295-article build.
        """
        if self._inner is not None and not self.read_only:
            self._inner.flush()
        self._inner = None
        if self._lock is not None:
            self._lock.release()

    def flush(self) -> None:
        """Write to disk what RocksDB holds in memory of the writes so far: the slow half of
        :meth:`checkpoint` (about 0.6 s after 100 articles), which pyoxigraph runs without
        Python's lock, so :class:`graph.writer.Writer` runs it in its writing thread, beside
        the next batch's identity work and beside reads of the store.

        Raises:
            StoreError: when the store is closed or the write fails.
        """
        if self.read_only:
            return
        try:
            self._store.flush()
        except OSError as e:
            raise StoreError(f"cannot write to the store at {self.location}: {_one_line(e)}") from e

    def optimize(self) -> None:
        """Compact the store's files (RocksDB's full compaction, pyoxigraph's ``Store.optimize``):
        after many articles were changed in place, as ``claimgraph keys`` does, reads are
        slower until then (a 10,000-article store upgraded to keys version 2 read 47 % slower
        before it). Minutes on a large store.

        Raises:
            StoreError: when the store is read-only or closed, or the write fails.
        """
        if self.read_only:
            raise StoreError(f"cannot compact the store at {self.location}: it is open read-only")
        try:
            self._store.optimize()
        except OSError as e:
            raise StoreError(f"cannot compact the store at {self.location}: {_one_line(e)}") from e

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

    def quad_counts(self) -> dict[str, int]:
        """How many quads the articles' graphs, the default graph and the private graphs hold.

        Counted from the indexes: the default graph alone (not the union of every graph, as
        :meth:`query` reads it), each private graph by name, the articles' graphs as the rest
        of every quad. (``QUAD_COUNTS`` in SPARQL over the union checked every quad of every
        graph against every named graph: 115 s on 296 articles under load, 2.7 s so.)
        """
        try:
            default = _count(self._store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))
            private = sum(_count(self._store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }}"))
                          for g in self._store.named_graphs() if is_private_graph(g))
            total = len(self._store)
        except OSError as e:
            raise StoreError(f"cannot read the store at {self.location}: {_one_line(e)}") from e
        return {"article_graph_quads": total - default - private, "default_graph_quads": default,
                "private_graph_quads": private}

    def __repr__(self) -> str:
        return f"Store({str(self.location)!r}, read_only={self.read_only})"

    @property
    def _store(self) -> ox.Store:
        if self._inner is None:
            raise StoreError(f"the store at {self.location} is closed")
        return self._inner

    def articles(self) -> list[str]:
        """IRIs of the articles in the store (its named graphs), sorted."""
        return sorted(g.value for g in self._store.named_graphs()
                      if isinstance(g, ox.NamedNode) and not is_private_graph(g))

    def article_hash(self, article_iri: str) -> str | None:
        """The ``cg:contentHash`` stored for an article, or None when it is not in the store."""
        node = ox.NamedNode(article_iri)
        for quad in self._store.quads_for_pattern(node, CONTENT_HASH, None, node):
            return quad.object.value
        return None

    def replace_article(self, article_iri: str, quads: Iterable[Quad]) -> None:
        """Replace an article's named graph, its index graph and its text graph with ``quads``,
        all or nothing.

        ``quads`` may also hold default-graph quads: they are added, and default-graph
        quads already there are kept. The index graph gets the article's statement keys too
        (:func:`graph.rdf.statement_keys.key_quads`), as every article of the store has them. If ``quads`` raises while being read,
        or the write fails, the store is left as it was.

        Args:
            article_iri: The article (and graph) IRI.
            quads: The article's new quads.

        Raises:
            StoreError: when the store is read-only or the write fails.
        """
        quads = list(quads)
        self.change((), quads + key_quads(quads, article_iri), drop=own_graphs(article_iri))

    def remove_article(self, article_iri: str) -> None:
        """Drop an article's named graph, its index graph and its text graph (default-graph facts
        are kept).

        Raises:
            StoreError: when the store is read-only or the write fails.
        """
        self.change((), (), drop=own_graphs(article_iri))

    def quads(self, subject: Term | None = None, predicate: ox.NamedNode | None = None,
              obj: Term | None = None, graph: GraphName | None = None) -> list[Quad]:
        """The quads matching a pattern (None matches anything; ``graph=None``: every graph).

        The matches are checked against the pattern: pyoxigraph's on-disk lookup can return
        quads past the pattern's end (looking up the integer 8191 as an object also returned
        the objects 8202 and 8281 that followed it in the index).

        Raises:
            StoreError: when the store cannot be read.
        """
        try:
            found = self._store.quads_for_pattern(subject, predicate, obj, graph)
            return [q for q in found if (subject is None or q.subject == subject)
                    and (predicate is None or q.predicate == predicate) and (obj is None or q.object == obj)
                    and (graph is None or q.graph_name == graph)]
        except OSError as e:
            raise StoreError(f"cannot read the store at {self.location}: {_one_line(e)}") from e

    def quads_each(self, patterns: Sequence[tuple[Term | None, ox.NamedNode | None, Term | None, GraphName]]
                   ) -> list[list[Quad]]:
        """The quads matching each of ``patterns`` (:meth:`quads` of each: index lookups).

        Raises:
            ValueError: when a pattern's graph is None (as a server would refuse it).
            StoreError: when the store cannot be read.
        """
        if any(pattern[3] is None for pattern in patterns):
            raise ValueError("quads_each: each pattern needs its graph (named or the default one)")
        return [self.quads(*pattern) for pattern in patterns]

    def ordered_quads(self, subjects: Sequence[Term], predicates: Sequence[ox.NamedNode]) -> Iterator[Quad]:
        """The quads of any of ``subjects`` with any of ``predicates``, in every graph,
        ascending by their objects, which are integer literals (the statement keys,
        :func:`graph.rdf.statement_keys.sort_key`): read lazily from the subject-first index,
        which holds an integer as its 8 bytes, big-endian, so that each subject and
        predicate's objects come in the integers' order (for those from 0), and merged. The
        first page of a busy actor costs its own rows, not a sort of all of them.

        Raises:
            StoreError: when the store cannot be read, or its index gives two objects out of
                order (a pyoxigraph whose encoding changed: install one in the range the project names).
        """
        streams = [self._ordered(s, p) for s in subjects for p in predicates]
        return merge(*streams, key=lambda q: int(q.object.value))

    def _ordered(self, subject: Term, predicate: ox.NamedNode) -> Iterator[Quad]:
        """The quads of ``subject`` and ``predicate`` in every graph, in the index's order (:meth:`ordered_quads`)."""
        last = -1
        try:
            for q in self._store.quads_for_pattern(subject, predicate, None, None):
                if q.subject != subject or q.predicate != predicate:  # past the pattern's end (see quads)
                    continue
                value = int(q.object.value)
                if value < last:
                    raise StoreError(f"the store at {self.location} lists {predicate.value} of {subject.value} "
                                     f"out of order ({last} before {value}): its index order changed; install a "
                                     "pyoxigraph in the range pyproject.toml names")
                last = value
                yield q
        except OSError as e:
            raise StoreError(f"cannot read the store at {self.location}: {_one_line(e)}") from e

    def describe(self, nodes: Iterable[tuple[str, str]]) -> dict[tuple[str, str], list[Quad]]:
        """Every quad about each (subject IRI, graph IRI) pair, read straight from the indexes.

        Faster than a SPARQL join when the subjects are already known (one index scan each).

        Raises:
            StoreError: when the store cannot be read.
        """
        return {(s, g): self.quads(ox.NamedNode(s), None, None, ox.NamedNode(g)) for s, g in dict.fromkeys(nodes)}

    def change(self, remove: Iterable[Quad], add: Iterable[Quad] | str, drop: Iterable[ox.NamedNode] = ()) -> None:
        """Drop some named graphs, then remove some quads and add others: one transaction,
        all or nothing (an interrupted write leaves the store as it was).

        Args:
            remove: Quads to remove.
            add: Quads to add, or their N-Quads text (:mod:`graph.rdf.nquads`: the writer's
                batches, parsed here).
            drop: Named graphs to drop first.

        Raises:
            StoreError: when the store is read-only or the write fails.
        """
        self._check_writable()
        try:
            remove, add = list(remove), parse(add) if isinstance(add, str) else list(add)
            drop = [g for g in drop if self._store.contains_named_graph(g)]
            if not remove and not drop:  # extend() is atomic too, and skips writing and parsing SPARQL
                self._store.extend(add)
            else:
                self._store.update(change_update(remove, add, drop))
        except (OSError, SyntaxError) as e:
            raise StoreError(f"cannot write to the store at {self.location}: {_one_line(e)}") from e

    def ingest(self, add: list[Quad] | str) -> None:
        """Add many quads at once with Oxigraph's bulk loader instead of a transaction: all or
        nothing too, and its cost does not grow with the store.

        A transaction (:meth:`change`) looks up every quad and every string before writing it,
        in indexes that grow with the store; the bulk loader sorts the quads into one file per
        index and hands them to RocksDB in one ingestion (``IngestExternalFiles``, atomic across
        the indexes: a process killed while ingesting batch after batch left each whole or
        absent), with no reads. A quad already stored is written again, unchanged. Its input is
        N-Quads text (given so by the writer, whose groups are planned as text:
        :mod:`graph.rdf.nquads`; else serialized here, about 0.3 us a quad), so that
        pyoxigraph parses and writes it without holding Python's lock. Each ingestion leaves
        files in RocksDB's first level that reads scan until compactions merge them: for large
        groups only (the writer's, of :data:`graph.writer.GROUP_QUADS` or more), not for a few quads.

        Args:
            add: The quads, or their N-Quads text (one quad a line).

        Raises:
            StoreError: when the store is read-only or the write fails.
            ValueError: for :data:`_BULK_CHUNK` quads or more (the loader would split them).
        """
        self._check_writable()
        count = add.count("\n") if isinstance(add, str) else len(add)
        if count >= _BULK_CHUNK:
            raise ValueError(f"{count} quads in one ingestion: at most {_BULK_CHUNK - 1} are atomic")
        text = add if isinstance(add, str) else ox.serialize(add, format=ox.RdfFormat.N_QUADS)
        try:
            self._store.bulk_load(text, format=ox.RdfFormat.N_QUADS, lenient=True)
        except (OSError, SyntaxError) as e:
            raise StoreError(f"cannot write to the store at {self.location}: {_one_line(e)}") from e

    def query(self, sparql: str, bindings: dict[str, Binding] | None = None) -> QueryResult:
        """Run a SPARQL query over the union of all graphs, with the cg: prefixes predeclared.

        ``bindings`` fixes variables to values before evaluation, whether or not they are
        projected: strings become string literals, numbers typed literals; pass
        :func:`graph.rdf._terms.iri` for IRIs, and a list for several values (one row
        each). The values enter the query as a ``VALUES`` block at the start of its WHERE
        group (:func:`graph.rdf._sparql.bind_values`), in escaped N-Triples form, so no
        input can change the query's structure. (Oxigraph's own ``substitutions`` refuse
        variables that are not projected, which most bound filters are.)

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
        text = bind_values(sparql, bindings) if bindings else sparql
        try:
            return self._store.query(text, prefixes=PREFIX_MAP, use_default_graph_as_union=True)
        except (SyntaxError, RuntimeError, ValueError) as e:
            raise QueryError(f"bad SPARQL query: {_one_line(e)}") from e
        except OSError as e:
            raise StoreError(f"cannot read the store at {self.location}: {_one_line(e)}") from e

    def select(self, sparql: str, **bindings: Binding) -> list[dict[str, Value]]:
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

    def export(self, fmt: str, out: BinaryIO, with_index: bool = False, with_text: bool = False) -> None:
        """Write the store to ``out``, sorted, so equal stores give identical bytes.

        Args:
            fmt: ``"nquads"`` or ``"trig"`` (every graph), ``"turtle"`` (the union as
                triples) or ``"jsonld"`` (every graph, compacted with the cg: prefixes).
            out: A binary stream.
            with_index: Include the private name index graphs.
            with_text: Include the private text graphs (the articles' texts).

        Raises:
            ValueError: when ``fmt`` is not one of :data:`graph.rdf._export.EXPORT_FORMATS`.
        """
        export_dataset(self._store, fmt, out, with_index, with_text)

    def optimize(self) -> None:
        """Compact the on-disk indexes; run after a large build to speed up queries."""
        self._check_writable()
        self._store.optimize()

    def _check_layout(self) -> None:
        """Mark a new (empty) store with :data:`~graph.rdf._terms.LAYOUT_VERSION` and as having
        its statement keys (:func:`graph.rdf.statement_keys.mark_quad`); refuse,
        closed, a store of another layout.

        Raises:
            StoreError: when the store was written by a claimgraph of another layout.
        """
        found = {q.object.value for q in self._store.quads_for_pattern(STORE_GRAPH, LAYOUT, None, STORE_GRAPH)}
        if found == {str(LAYOUT_VERSION)}:
            return
        if not found and next(self._store.quads_for_pattern(None, None, None, None), None) is None:
            if not self.read_only:  # every article this claimgraph writes has its statement keys
                self._store.extend([ox.Quad(STORE_GRAPH, LAYOUT, ox.Literal(LAYOUT_VERSION), STORE_GRAPH), mark_quad()])
            return
        self._inner = None
        raise StoreError(f"the store at {self.location} has layout {', '.join(sorted(found)) or 1} and this "
                         f"claimgraph reads layout {LAYOUT_VERSION}: rebuild it (`claimgraph build FILES "
                         "--store NEW_FOLDER`)")

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store at {self.location} is open read-only")


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())


def _count(solutions: ox.QuerySolutions) -> int:
    """The single ``?n`` of a COUNT query's answer."""
    return int(next(iter(solutions))["n"].value)
