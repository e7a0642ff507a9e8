"""What a claimgraph store is: the interface that the embedded store
(:class:`graph.rdf.store.Store`) and a SPARQL server (:class:`graph.rdf.remote.RemoteStore`)
both implement, and that the rest of the code types against.

A store holds one named graph per article (its name is the article IRI), one private index
graph per article (:func:`graph.rdf._terms.index_graph`), and the actors' descriptions and
merge evidence in the default graph. Reads take and return the terms of :mod:`graph.rdf._terms`; queries
see the union of all graphs, with the cg, schema, prov, org, skos, nif, rdf, rdfs, xsd, owl
and sh prefixes predeclared. Open one with :func:`graph.rdf.open.open_store`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO, Protocol, runtime_checkable

from graph.rdf._terms import Binding, GraphName, NamedNode, Quad, QueryResult, Term, Value


@runtime_checkable
class GraphStore(Protocol):
    """An open store; a context manager that closes it. Every method raises
    :class:`graph.errors.StoreError` when the store cannot be read or written (or is
    closed), and the writing ones when it is open read-only."""

    @property
    def location(self) -> str | Path:
        """The store's folder or the server's URL."""

    @property
    def read_only(self) -> bool:
        """True when writes are refused."""

    def articles(self) -> list[str]:
        """IRIs of the articles in the store (its named graphs but the index and text graphs), sorted."""

    def article_hash(self, article_iri: str) -> str | None:
        """The ``cg:contentHash`` stored for an article, or None when it is not in the store."""

    def replace_article(self, article_iri: str, quads: Iterable[Quad]) -> None:
        """Replace an article's named graph, its index graph and its text graph with ``quads``; default-graph
        quads among them are added."""

    def remove_article(self, article_iri: str) -> None:
        """Drop an article's named graph, its index graph and its text graph (default-graph facts are kept)."""

    def quads(self, subject: Term | None = None, predicate: NamedNode | None = None,
              obj: Term | None = None, graph: GraphName | None = None) -> list[Quad]:
        """The quads matching a pattern (None matches anything; ``graph=None``: every graph)."""

    def quads_each(self, patterns: Sequence[tuple[Term | None, NamedNode | None, Term | None, GraphName]]
                   ) -> list[list[Quad]]:
        """The quads matching each of ``patterns`` (subject, predicate, object, graph; None
        matches anything but the graph, which is named or the default one), a list per
        pattern, in their order: :meth:`quads` for many patterns at once (a server: one
        request)."""

    def ordered_quads(self, subjects: Sequence[Term], predicates: Sequence[NamedNode]) -> Iterator[Quad]:
        """The quads of any of ``subjects`` with any of ``predicates``, in every graph,
        ascending by their objects, which are integer literals (lazily where the store can:
        a page reads its own rows)."""

    def describe(self, nodes: Iterable[tuple[str, str]]) -> dict[tuple[str, str], list[Quad]]:
        """Every quad about each (subject IRI, graph IRI) pair."""

    def change(self, remove: Iterable[Quad], add: Iterable[Quad] | str, drop: Iterable[NamedNode] = ()) -> None:
        """Drop the named graphs ``drop``, then remove some quads and add others (or their
        N-Quads text, :mod:`graph.rdf.nquads`): one transaction, so that a crash leaves the
        store as it was before or after it."""

    def query(self, sparql: str, bindings: dict[str, Binding] | None = None) -> QueryResult:
        """Run a SPARQL query, with ``bindings`` (variable name -> value) fixed as one ``VALUES`` row.

        Raises:
            QueryError: when the query is malformed or cannot be evaluated.
        """

    def select(self, sparql: str, **bindings: Binding) -> list[dict[str, Value]]:
        """Run a SELECT query; its rows as dicts of plain Python values (IRIs as ``str``).

        Raises:
            QueryError: when the query is malformed or not a SELECT.
        """

    def export(self, fmt: str, out: BinaryIO, with_index: bool = False, with_text: bool = False) -> None:
        """Write every quad to ``out``, sorted, in one of
        :data:`graph.rdf._export.EXPORT_FORMATS`; the private index graphs only ``with_index``,
        the private text graphs only ``with_text``."""

    def optimize(self) -> None:
        """Compact the storage, when the store manages its own."""

    def checkpoint(self) -> None:
        """Release the memory held for past writes, when the store holds any."""

    def close(self) -> None:
        """Release the store; further use raises :class:`graph.errors.StoreError`."""

    def __enter__(self) -> GraphStore: ...

    def __exit__(self, *exc: object) -> None: ...

    def quad_counts(self) -> dict[str, int]:
        """How many quads the articles' graphs, the default graph and the private graphs hold
        (``article_graph_quads``, ``default_graph_quads``, ``private_graph_quads``)."""
        ...

    def __len__(self) -> int:
        """How many quads the store holds."""
