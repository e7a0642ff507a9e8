"""The RDF boundary's export: a whole dataset written sorted, so equal data gives equal bytes.

Both stores export through :func:`export_dataset` (the remote one after reading the
server's quads into memory). rdflib, needed only for JSON-LD, is imported on first use.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

import pyoxigraph as ox

from graph.rdf._terms import PREFIX_MAP, is_index_graph, is_private_graph, is_text_graph

#: The formats :func:`export_dataset` writes.
EXPORT_FORMATS = ("nquads", "trig", "turtle", "jsonld")


def export_dataset(dataset: ox.Store, fmt: str, out: BinaryIO, with_index: bool = False,
                   with_text: bool = False) -> None:
    """Write every quad of ``dataset`` to ``out``, sorted, the private index and text graphs
    only when asked.

    Args:
        dataset: The quads (an on-disk or in-memory pyoxigraph store).
        fmt: ``"nquads"`` or ``"trig"`` (every graph), ``"turtle"`` (the union as
            triples) or ``"jsonld"`` (every graph, compacted with the cg: prefixes).
        out: A binary stream.
        with_index: Include the name index graphs (:func:`graph.rdf._terms.index_graph`).
        with_text: Include the text graphs (:func:`graph.rdf._terms.text_graph`).

    Raises:
        ValueError: when ``fmt`` is not one of :data:`EXPORT_FORMATS`.
    """
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: expected one of {sorted(EXPORT_FORMATS)}")
    graphs = _graphs(dataset, with_index, with_text)
    if fmt == "jsonld":
        out.write(_jsonld(ox.serialize(_sorted_quads(dataset, graphs), format=ox.RdfFormat.N_QUADS)))
    elif fmt == "turtle":
        ox.serialize(_sorted_union(dataset, graphs), out, ox.RdfFormat.TURTLE, prefixes=PREFIX_MAP)
    else:
        rdf_format = ox.RdfFormat.TRIG if fmt == "trig" else ox.RdfFormat.N_QUADS
        ox.serialize(_sorted_quads(dataset, graphs), out, rdf_format, prefixes=PREFIX_MAP)


def exported_graphs(named: Iterable[ox.NamedNode], with_index: bool, with_text: bool) -> list[ox.NamedNode]:
    """The named graphs of ``named`` an export writes, sorted: each article graph, the index
    graphs only ``with_index``, the text graphs only ``with_text``; never
    :data:`graph.rdf._terms.STORE_GRAPH`.

    >>> [g.value for g in exported_graphs([ox.NamedNode("urn:claimgraph:index:a"), ox.NamedNode("https://e/a")],
    ...                                   with_index=False, with_text=False)]
    ['https://e/a']
    """
    return sorted((g for g in named if not is_private_graph(g) or (with_index and is_index_graph(g))
                   or (with_text and is_text_graph(g))), key=str)


def _graphs(dataset: ox.Store, with_index: bool, with_text: bool) -> list[ox.NamedNode | ox.DefaultGraph]:
    """The default graph, then the graphs :func:`exported_graphs` keeps."""
    return [ox.DefaultGraph(), *exported_graphs(dataset.named_graphs(), with_index, with_text)]


def _sorted_quads(dataset: ox.Store, graphs: list[ox.NamedNode | ox.DefaultGraph]) -> Iterator[ox.Quad]:
    """Every quad of ``graphs`` (default graph first, then each named graph), each sorted."""
    for graph in graphs:
        yield from sorted(dataset.quads_for_pattern(None, None, None, graph), key=_quad_key)


def _sorted_union(dataset: ox.Store, graphs: list[ox.NamedNode | ox.DefaultGraph]) -> list[ox.Triple]:
    return sorted({q.triple for graph in graphs
                   for q in dataset.quads_for_pattern(None, None, None, graph)}, key=_quad_key)


def _quad_key(quad: ox.Quad | ox.Triple) -> tuple[str, str, str]:
    return str(quad.subject), str(quad.predicate), str(quad.object)


def _jsonld(nquads: bytes) -> bytes:
    """Sorted N-Quads → JSON-LD compacted with our prefixes, with every array sorted."""
    from rdflib import Dataset

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
