"""A remote store: any SPARQL 1.1 server with the Graph Store HTTP Protocol and SPARQL Update.

It implements :class:`graph.rdf.base.GraphStore`, as the embedded store does, so ``build``,
``query``, ``said``, ``stats``, ``export`` and ``view`` work on either. One article is one
named graph (with its private index and text graphs), as in the embedded store.

Reads go to the server until the store is first written to (a build, a removal). Then it
copies the store's quads from the server into an embedded store in a temporary folder (one
request on the Oxigraph server), answers every read from that copy, applies every write to
it at once, and queues the write for the server; the queue is sent as one SPARQL Update request, one transaction on the
server, when it holds :data:`FLUSH_QUADS` quads, at :meth:`RemoteStore.checkpoint` and at
:meth:`RemoteStore.close` (:meth:`RemoteStore.flush`). So the identity reads of a build
cost no round trip, and a build makes one request per few dozen articles. Crash safety is
per request rather than per article: a build that dies loses the writes queued since the
last request sent (the server holds the store as it was then, and a rerun finishes it). The
copy stands for the server only while no one else writes to it: write into a store from
one process at a time, as the embedded store's lock enforces on a folder.

The location is the service URL; its
three endpoints default to the Oxigraph server's layout (``query``, ``update``, ``store``
under it) and may be named in the URL's query string for other servers::

    http://127.0.0.1:7878/                                     # oxigraph serve
    http://127.0.0.1:3030/ds/?query=sparql&update=update&store=data    # Apache Jena Fuseki
    http://127.0.0.1:7200/repositories/news/?query=.&update=statements&store=rdf-graphs/service  # GraphDB

Queries ask for the union of all graphs as their default graph with Oxigraph's
``union-default-graph`` parameter; on other servers configure that on the server (Fuseki:
``tdb2:unionDefaultGraph true``).

A server whose default graph is already the union of its graphs and cannot be written
(Virtuoso) needs a named graph to stand for the default graph, named by ``default=IRI`` in
the query string; the store then keeps its default-graph quads there and reads only its own
graphs (that one, the private ones and the article graphs, which hold their own
``cg:contentHash``), never the server's system graphs::

    http://127.0.0.1:8890/?query=sparql&update=sparql&store=sparql-graph-crud&default=urn:claimgraph:default
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, BinaryIO
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit, urlunsplit

import pyoxigraph as ox

from graph.errors import QueryError, StoreError, UnsavedWrites
from graph.rdf._export import EXPORT_FORMATS, export_dataset, exported_graphs
from graph.rdf._sparql import (COUNT_QUADS, NAMED_GRAPHS, QUAD_COUNTS, bind_values, change_update,
                               content_hash_query, describe_query, pattern_query, triple_pattern)
from graph.rdf._terms import (CONTENT_HASH, INDEX_GRAPH_PREFIX, PREFIXES, STORE_GRAPH, TEXT_GRAPH_PREFIX,
                              Binding, GraphName, Quad, QueryResult, Term, Value, is_private_graph,
                              own_graphs, to_python)
from graph.rdf.nquads import parse
from graph.rdf.statement_keys import key_quads

if TYPE_CHECKING:
    from graph.rdf.store import Store

#: Endpoint names under the service URL when the location does not name them (Oxigraph's).
DEFAULT_ENDPOINTS = {"query": "query", "update": "update", "store": "store"}
#: The location option naming the graph that stands for the default graph (see the module doc).
DEFAULT_OPTION = "default"
#: (subject, graph) pairs read per request by :meth:`RemoteStore.describe`.
DESCRIBE_CHUNK = 500
#: Quad patterns :meth:`RemoteStore.quads_each` asks in one request, each a branch of a
#: ``UNION``: Virtuoso 7 overflows its stack compiling 500 branches (SQ200).
PATTERNS_CHUNK = 100
#: Quads a writable remote store queues before it sends them (:meth:`RemoteStore.flush`):
#: a few dozen articles of a news corpus per request.
FLUSH_QUADS = 5_000
#: Requests the uploader thread may still be sending while the store goes on writing: the
#: server stores one batch while the next is computed, and at most this many are lost with a
#: crash besides the batch being filled.
IN_FLIGHT = 1
_RESULTS_JSON = "application/sparql-results+json"
_N_TRIPLES = "application/n-triples"
_N_QUADS = "application/n-quads"
_SPARQL_UPDATE = "application/sparql-update"


def is_remote(location: object) -> bool:
    """True when ``location`` is an http(s) URL rather than a folder."""
    return str(location).startswith(("http://", "https://"))


def endpoints(location: str) -> dict[str, str]:
    """The query, update and Graph Store endpoints of a service URL.

    >>> endpoints("http://h:3030/ds?query=sparql&update=update&store=data")["store"]
    'http://h:3030/ds/data'
    >>> endpoints("http://h:7878")["query"]
    'http://h:7878/query'
    """
    url = urlsplit(location)
    base = urlunsplit((url.scheme, url.netloc, url.path.rstrip("/") + "/", "", ""))
    given = {k: v[-1] for k, v in parse_qs(url.query).items()}
    unknown = set(given) - set(DEFAULT_ENDPOINTS) - {DEFAULT_OPTION}
    if unknown:
        raise StoreError(f"unknown endpoint name {sorted(unknown)[0]!r} in {location}: "
                         f"use {', '.join(DEFAULT_ENDPOINTS)} (or {DEFAULT_OPTION}=IRI)")
    return {k: urljoin(base, given.get(k, v)) for k, v in DEFAULT_ENDPOINTS.items()}


def default_stand_in(location: str) -> ox.NamedNode | None:
    """The named graph standing for the default graph, when the location names one.

    >>> default_stand_in("http://h:8890/?query=sparql&default=urn:x:default")
    <NamedNode value=urn:x:default>
    >>> default_stand_in("http://h:7878/") is None
    True
    """
    given = parse_qs(urlsplit(location).query).get(DEFAULT_OPTION)
    return ox.NamedNode(given[-1]) if given else None


def own_graphs_query(stand_in: ox.NamedNode, pattern: str, select: str = "*") -> str:
    """A query matching ``pattern`` in the store's own graphs only (as ``?g``): the default
    graph's stand-in, the private graphs and the article graphs."""
    private = " || ".join(f"STRSTARTS(STR(?g), {ox.Literal(prefix)})"
                          for prefix in (INDEX_GRAPH_PREFIX, TEXT_GRAPH_PREFIX))
    return (f"SELECT {select} WHERE {{ GRAPH ?g {{ {pattern} }} FILTER (?g IN ({stand_in}, {STORE_GRAPH}) "
            f"|| {private} || EXISTS {{ GRAPH ?g {{ ?g {CONTENT_HASH} ?own_hash }} }}) }}")


def truncation(headers: Mapping[str, str]) -> str | None:
    """The header by which a server says it cut an answer short, if it did: ``claimgraph
    serve``'s ``X-Result-Truncated: true``, or Virtuoso's ``X-SPARQL-MaxRows`` (sent only
    when its row cap cut the answer).

    >>> truncation({"X-SPARQL-MaxRows": "10000"}), truncation({"X-Result-Truncated": "false"})
    ('X-SPARQL-MaxRows: 10000', None)
    """
    if str(headers.get("X-Result-Truncated", "")).lower().startswith("true"):
        return "X-Result-Truncated"
    rows = headers.get("X-SPARQL-MaxRows")
    return f"X-SPARQL-MaxRows: {rows}" if rows is not None else None


class RemoteStore:
    """A store on a SPARQL 1.1 server (one named graph per article, name = article IRI).

    Open it with :meth:`open`; use it as a context manager, or call :meth:`close`. Once
    written to, it reads and writes a local copy and sends its writes in batches (see the
    module doc): call :meth:`close` (or :meth:`flush`) to be sure they reached the server.
    """

    def __init__(self, location: str, read_only: bool = False, timeout: float = 120.0) -> None:
        self.location = location
        self.read_only = read_only
        self.timeout = timeout
        self._endpoints = endpoints(location)
        self._stand_in = default_stand_in(location)
        self._open = True
        self._copy: Store | None = None  # the local copy, made at the first write
        self._pending: list[str] = []  # SPARQL updates applied to the copy, not yet sent
        self._pending_quads = 0
        self._uploader: ThreadPoolExecutor | None = None  # sends the requests, in order
        self._sent: deque[Future[None]] = deque()  # requests handed to the uploader
        self._failure: BaseException | None = None  # the first request the server did not take

    @classmethod
    def open(cls, location: str, create: bool = True, read_only: bool = False) -> RemoteStore:
        """Connect to the server at ``location`` (``create`` is accepted for symmetry with Store).

        Raises:
            StoreError: when the server does not answer a query.
        """
        del create  # a server's dataset exists as long as the server does
        store = cls(location, read_only)
        store._query("ASK {}", union=False)
        return store

    def close(self) -> None:
        """Send the writes still queued and wait for the server to take them (:meth:`flush`),
        forget the local copy and the connection; further use raises :class:`StoreError`.

        Raises:
            UnsavedWrites: when the server did not take some of the writes (they are lost).
        """
        try:
            if self._open:
                self.flush()
        finally:
            self._open = False
            self._drop_copy()
            if self._uploader is not None:
                self._uploader.shutdown(wait=True)
                self._uploader = None

    def checkpoint(self) -> None:
        """Send the writes queued and wait for the server to take them (:meth:`flush`).

        Raises:
            UnsavedWrites: when the server did not take some of the writes (they are lost).
        """
        self.flush()

    def flush(self) -> None:
        """Send the writes queued, and wait until the server has taken every write so far.

        Raises:
            UnsavedWrites: when a request failed (see :meth:`_send_queued`).
        """
        self._send_queued(in_flight=0)

    def _send_queued(self, in_flight: int = IN_FLIGHT) -> None:
        """Hand the writes queued to the uploader thread as one SPARQL Update request (one
        transaction on the server), then wait until at most ``in_flight`` requests are
        unanswered. The requests go in order; after one fails, none is sent.

        Raises:
            UnsavedWrites: when a request failed or the server could not be reached: no
                write from that request on is stored (the server holds the store as it was
                after the request before), and the local copy is dropped, to be read again
                from the server at the next write.
        """
        if self._pending:
            update = " ;\n".join(self._pending)
            self._pending, self._pending_quads = [], 0
            if self._uploader is None:
                self._uploader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="claimgraph-upload")
            self._sent.append(self._uploader.submit(self._send, update))
        while len(self._sent) > in_flight or (self._sent and self._sent[0].done()):
            self._sent.popleft().result()
        if self._failure is not None:
            failure, self._failure = self._failure, None
            for request in self._sent:
                request.result()
            self._sent.clear()
            self._drop_copy()
            raise UnsavedWrites(f"{failure} (the writes sent with it and after it are not stored: the server "
                                "holds what was written before them; build again to finish)") from failure

    def _send(self, update: str) -> None:
        """Send one update (in the uploader thread), unless an earlier one failed."""
        if self._failure is not None:
            return
        try:
            self._request(self._endpoints["update"], "POST", update.encode("utf-8"), _SPARQL_UPDATE)
        except Exception as exc:  # noqa: BLE001 - handed to the writing thread by _send_queued
            self._failure = exc

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        if self._copied():
            return len(self._local())
        rows = self._select(COUNT_QUADS if self._stand_in is None else
                            own_graphs_query(self._stand_in, "?s ?p ?o", "(COUNT(*) AS ?n)"), union=False)
        return int(rows[0]["n"].value) if rows else 0

    def quad_counts(self) -> dict[str, int]:
        """How many quads the articles' graphs, the default graph and the private graphs hold.

        With a stand-in for the default graph (Virtuoso), only the store's own graphs count, so
        the server's system graphs do not; the stand-in's quads are the default graph's.
        """
        if self._copied():
            return self._local().quad_counts()
        if self._stand_in is None:
            return {k: int(v or 0) for k, v in self.select(QUAD_COUNTS)[0].items()}
        counts = dict.fromkeys(("article_graph_quads", "default_graph_quads", "private_graph_quads"), 0)
        query = own_graphs_query(self._stand_in, "?s ?p ?o", "?g (COUNT(*) AS ?n)") + " GROUP BY ?g"
        for row in self._select(query, union=False):
            graph, n = row["g"], int(row["n"].value)
            where = ("default" if graph == self._stand_in else "private" if is_private_graph(graph) else "article")
            counts[f"{where}_graph_quads"] += n
        return counts

    def __repr__(self) -> str:
        return f"RemoteStore({self.location!r}, read_only={self.read_only})"

    def articles(self) -> list[str]:
        """IRIs of the articles' named graphs on the server (not the index or text graphs), sorted."""
        if self._copied():
            return self._local().articles()
        return sorted(g.value for g in self._named_graphs() if not is_private_graph(g))

    def article_hash(self, article_iri: str) -> str | None:
        """The ``cg:contentHash`` stored for an article, or None when it is not there."""
        if self._copied():
            return self._local().article_hash(article_iri)
        rows = self._select(content_hash_query(ox.NamedNode(article_iri)), union=False)
        return rows[0]["h"].value if rows else None

    def replace_article(self, article_iri: str, quads: Iterable[Quad]) -> None:
        """Replace an article's named graph, its index graph (with the article's statement keys,
        :func:`graph.rdf.statement_keys.key_quads`) and its text graph with ``quads``, and add
        its default-graph quads: one write, as :meth:`change` makes it.

        The graphs go to the server in SPARQL Update ``INSERT DATA`` blocks, not as Graph
        Store ``PUT`` requests: Virtuoso 7's Graph Store endpoint refuses a graph holding a
        literal over 64 KB ("unsupported type text/plain"), such as a long article's text.

        Raises:
            StoreError: when the store is read-only or the server refuses the write.
        """
        quads = list(quads)
        self.change((), quads + key_quads(quads, article_iri), drop=own_graphs(article_iri))

    def remove_article(self, article_iri: str) -> None:
        """Drop an article's named graph, its index graph and its text graph (default-graph facts are kept).

        Raises:
            StoreError: when the store is read-only or the server refuses.
        """
        self.change((), (), drop=own_graphs(article_iri))

    def quads(self, subject: Term | None = None, predicate: ox.NamedNode | None = None,
              obj: Term | None = None, graph: GraphName | None = None) -> list[Quad]:
        """The quads matching a pattern (None matches anything; ``graph=None``: every graph).

        Raises:
            StoreError: when the server cannot be reached.
        """
        if self._copied():
            return self._local().quads(subject, predicate, obj, graph)
        fixed = {"s": subject, "p": predicate, "o": obj}
        if self._stand_in is not None and graph is None:
            query = own_graphs_query(self._stand_in, triple_pattern(subject, predicate, obj))
        else:
            query = pattern_query(subject, predicate, obj, self._stored_graph(graph) if graph is not None else None)
        return [ox.Quad(*(fixed[v] if fixed[v] is not None else r[v] for v in "spo"),
                        graph if graph is not None else self._read_graph(r["g"])) for r in self._select(query, union=False)]

    def quads_each(self, patterns: Sequence[tuple[Term | None, ox.NamedNode | None, Term | None, GraphName]]
                   ) -> list[list[Quad]]:
        """The quads matching each of ``patterns`` (subject, predicate, object, graph; None
        matches anything but the graph), a list per pattern: one request per
        :data:`PATTERNS_CHUNK` patterns, each a branch of a ``UNION`` tagged with its number.

        Raises:
            ValueError: when a pattern's graph is None.
            StoreError: when the server cannot be reached.
        """
        if self._copied():
            return self._local().quads_each(patterns)
        if any(p[3] is None for p in patterns):
            raise ValueError("quads_each: each pattern needs its graph (named or the default one)")
        found: list[list[Quad]] = [[] for _ in patterns]
        for start in range(0, len(patterns), PATTERNS_CHUNK):
            branches = []
            for n, (s, p, o, g) in enumerate(patterns[start:start + PATTERNS_CHUNK], start):
                pattern, stored = triple_pattern(s, p, o), self._stored_graph(g)
                where = pattern if isinstance(stored, ox.DefaultGraph) else f"GRAPH {stored} {{ {pattern} }}"
                branches.append(f"{{ {where} BIND({n} AS ?n) }}")
            for r in self._select(f"SELECT * WHERE {{ {' UNION '.join(branches)} }}", union=False):
                n = int(r["n"].value)
                s, p, o, g = patterns[n]
                found[n].append(ox.Quad(s if s is not None else r["s"], p if p is not None else r["p"],
                                        o if o is not None else r["o"], g))
        return found

    def ordered_quads(self, subjects: Sequence[Term], predicates: Sequence[ox.NamedNode]) -> Iterator[Quad]:
        """The quads of any of ``subjects`` with any of ``predicates``, in every graph,
        ascending by their objects, which are integer literals: one request, ordered by the
        server (``ORDER BY``).

        Raises:
            StoreError: when the server cannot be reached.
        """
        if self._copied():
            return self._local().ordered_quads(subjects, predicates)
        if not subjects or not predicates:
            return iter(())
        query = (f"SELECT ?s ?p ?o ?g WHERE {{ VALUES ?s {{ {' '.join(str(s) for s in subjects)} }} "
                 f"VALUES ?p {{ {' '.join(str(p) for p in predicates)} }} GRAPH ?g {{ ?s ?p ?o }} }} ORDER BY ?o")
        return (ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in self.query(query))

    def describe(self, nodes: Iterable[tuple[str, str]]) -> dict[tuple[str, str], list[Quad]]:
        """Every quad about each (subject IRI, graph IRI) pair, in one request per
        :data:`DESCRIBE_CHUNK` pairs.

        Raises:
            StoreError: when the server cannot be reached.
        """
        if self._copied():
            return self._local().describe(nodes)
        pairs = list(dict.fromkeys(nodes))
        out: dict[tuple[str, str], list[Quad]] = {pair: [] for pair in pairs}
        for i in range(0, len(pairs), DESCRIBE_CHUNK):
            for r in self._select(describe_query(pairs[i:i + DESCRIBE_CHUNK]), union=False):
                out[(r["s"].value, r["g"].value)].append(ox.Quad(r["s"], r["p"], r["o"], r["g"]))
        return out

    def change(self, remove: Iterable[Quad], add: Iterable[Quad] | str, drop: Iterable[ox.NamedNode] = ()) -> None:
        """Drop some named graphs, then remove some quads and add others (or their N-Quads
        text): at once in the local copy, and queued for the server, where it is sent with the
        writes around it in one SPARQL Update request (one transaction) by :meth:`flush`.

        Raises:
            StoreError: when the store is read-only or the local copy cannot be written.
            UnsavedWrites: when the server did not take an earlier request (see :meth:`flush`).
        """
        self._check_writable()
        remove, add, drop = list(remove), parse(add) if isinstance(add, str) else list(add), list(drop)
        if self._failure is not None:
            self._send_queued()
        self._local().change(remove, add, drop)
        update = change_update([self._stored(q) for q in remove], [self._stored(q) for q in add], drop)
        if update:
            self._pending.append(update)
            self._pending_quads += len(remove) + len(add) + len(drop)
        if self._pending_quads >= FLUSH_QUADS:
            self._send_queued()

    def query(self, sparql: str, bindings: dict[str, Binding] | None = None) -> QueryResult:
        """Run a SPARQL query over the union of all graphs, with the cg: prefixes predeclared.

        Same contract as :meth:`graph.rdf.store.Store.query`, with the same result types.

        Raises:
            QueryError: when the server finds the query malformed.
            StoreError: when the server cannot be reached.
        """
        if self._copied():
            return self._local().query(sparql, bindings)
        text = bind_values(sparql, bindings) if bindings else sparql
        return self._query(PREFIXES + text, union=True)

    def select(self, sparql: str, **bindings: Binding) -> list[dict[str, Value]]:
        """Run a SELECT query and return its rows as dicts of plain Python values.

        Raises:
            QueryError: when the query is malformed or not a SELECT.
            StoreError: when the server cannot be reached.
        """
        results = self.query(sparql, bindings)
        if not isinstance(results, ox.QuerySolutions):
            raise QueryError("select() needs a SELECT query; use query() for ASK, CONSTRUCT, DESCRIBE")
        names = [v.value for v in results.variables]
        return [{n: to_python(row[n]) for n in names} for row in results]

    def export(self, fmt: str, out: BinaryIO, with_index: bool = False, with_text: bool = False) -> None:
        """Write every quad on the server to ``out``, sorted as the embedded store's export is
        (the private index graphs only ``with_index``, the text graphs only ``with_text``).

        The quads are read into memory first, one request per graph exported (the default
        graph, then each named graph), so that no single answer has to carry the whole store
        within the request timeout; graphs left out of the export are not read.

        Raises:
            ValueError: when ``fmt`` is not an export format.
            StoreError: when the server cannot be reached.
        """
        if fmt not in EXPORT_FORMATS:
            raise ValueError(f"unknown export format {fmt!r}: expected one of {sorted(EXPORT_FORMATS)}")
        if self._copied():
            return self._local().export(fmt, out, with_index, with_text)
        local = ox.Store()
        for graph in [ox.DefaultGraph(), *exported_graphs(self._named_graphs(), with_index, with_text)]:
            local.extend(self.quads(graph=graph))
        export_dataset(local, fmt, out, with_index, with_text)

    def optimize(self) -> None:
        """Nothing to do: the server manages its own storage."""

    def _named_graphs(self) -> list[ox.NamedNode]:
        """The named graphs holding quads, the default graph's stand-in excluded (with a
        stand-in, the store's own graphs only)."""
        rows = self._select(NAMED_GRAPHS if self._stand_in is None else
                            own_graphs_query(self._stand_in, "?s ?p ?o", "DISTINCT ?g"), union=False)
        return [r["g"] for r in rows if isinstance(r["g"], ox.NamedNode) and r["g"] != self._stand_in]

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store at {self.location} is open read-only")

    def _copied(self) -> bool:
        """True when reads go to the local copy: once the store has been written to."""
        if not self._open:
            raise StoreError(f"the store at {self.location} is closed")
        return self._copy is not None

    def _local(self) -> Store:
        """The local copy of the store's quads: an embedded store in memory, read from the
        server at the first write."""
        if self._copy is None:
            from graph.rdf.store import Store  # only a store that writes needs it

            copy = ox.Store()
            copy.extend(self._server_quads())
            self._copy = Store(copy, f"{self.location} (local copy)", read_only=False)  # type: ignore[arg-type]
        return self._copy

    def _server_quads(self) -> list[Quad]:
        """Every quad of the store on the server: the whole dataset in N-Quads from the Graph
        Store endpoint when the server gives it (Oxigraph), else one query per graph (with a
        stand-in for the default graph, as on Virtuoso, per graph of the store's own), so that
        no answer has to carry the whole store within the request timeout."""
        if self._stand_in is None:
            try:
                body, media = self._request(self._endpoints["store"], "GET", b"", _N_QUADS, accept=_N_QUADS)
            except StoreError:
                media = ""
            if media.startswith(_N_QUADS):
                return list(ox.parse(body, format=ox.RdfFormat.N_QUADS))
            return [ox.Quad(q.subject, q.predicate, q.object, graph)
                    for graph in [ox.DefaultGraph(), *self._named_graphs()] for q in self.quads(graph=graph)]
        graphs = self._select(own_graphs_query(self._stand_in, "?s ?p ?o", "DISTINCT ?g"), union=False)
        return [ox.Quad(q.subject, q.predicate, q.object, self._read_graph(row["g"]))
                for row in graphs for q in self.quads(graph=row["g"])]

    def _drop_copy(self) -> None:
        """Forget the local copy and the writes queued for it."""
        self._copy, self._pending, self._pending_quads = None, [], 0

    def _stored_graph(self, graph: GraphName) -> GraphName:
        """Where the server keeps ``graph``: the stand-in for the default graph when there is one."""
        return self._stand_in if isinstance(graph, ox.DefaultGraph) and self._stand_in is not None else graph

    def _stored(self, quad: Quad) -> Quad:
        if self._stand_in is None or not isinstance(quad.graph_name, ox.DefaultGraph):
            return quad
        return ox.Quad(quad.subject, quad.predicate, quad.object, self._stand_in)

    def _read_graph(self, graph: ox.NamedNode | None) -> GraphName:
        """The graph a result row's ``?g`` names: the default graph when unbound or the stand-in."""
        return ox.DefaultGraph() if graph is None or graph == self._stand_in else graph

    def _select(self, sparql: str, union: bool) -> list[ox.QuerySolution]:
        return list(self._query(sparql, union))

    def _query(self, sparql: str, union: bool) -> QueryResult:
        params = {"query": sparql, **({"union-default-graph": ""} if union else {})}
        body, media = self._request(self._endpoints["query"], "POST", urlencode(params).encode(),
                                    "application/x-www-form-urlencoded",
                                    accept=f"{_RESULTS_JSON}, {_N_TRIPLES};q=0.9", is_query=True)
        if media.startswith(_N_TRIPLES):
            graph = ox.Store()
            graph.extend(ox.Quad(t.subject, t.predicate, t.object)
                         for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
            return graph.query("CONSTRUCT WHERE { ?s ?p ?o }")
        try:
            return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        except SyntaxError as exc:
            raise StoreError(f"{self.location} did not answer with SPARQL JSON results: {exc}") from exc

    def _request(self, url: str, method: str, body: bytes, content_type: str,
                 accept: str = "*/*", is_query: bool = False) -> tuple[bytes, str]:
        if not self._open:
            raise StoreError(f"the store at {self.location} is closed")
        request = urllib.request.Request(url, data=body if method != "GET" else None, method=method,
                                         headers={"Content-Type": content_type, "Accept": accept})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                cut = truncation(response.headers)
                if cut:
                    raise StoreError(f"{self.location} cut the results short ({cut}): raise the server's result "
                                     "cap (claimgraph serve --max-results; Virtuoso: ResultSetMaxRows)")
                return response.read(), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as exc:
            detail = " ".join(exc.read().decode("utf-8", "replace").split())[:500]
            if exc.code == 400 and is_query:
                raise QueryError(f"bad SPARQL query: {detail}") from exc
            raise StoreError(f"{method} {url} failed with HTTP {exc.code}: {detail}") from exc
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"cannot reach the store at {self.location}: {reason}") from exc
