"""SHACL validation of a whole store against ``ontology/shapes.ttl``.

The shapes are compiled to SPARQL (:mod:`graph.rdf.shacl`) and run by the store itself over
the union of its graphs, private ones included, so validating a large store takes a few
queries instead of copying it into an in-memory graph. The ontology and the shapes are
package data (``graph/ontology/``, which the top-level ``ontology/`` links to), read through
:mod:`importlib.resources` so that validation works from an installed wheel as well as from
a checkout.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import resources

import pyoxigraph as ox
from rdflib import Graph

from graph.rdf._terms import PREFIX_MAP
from graph.rdf.base import GraphStore
from graph.rdf.shacl import Check, Violation, compile_shapes

#: The folder holding ``claimgraph.ttl`` (the ontology) and ``shapes.ttl`` (the shapes).
ONTOLOGY_DIR = resources.files("graph").joinpath("ontology")


def validate(store: GraphStore) -> tuple[bool, str]:
    """Check the union of all the store's graphs against the SHACL shapes.

    Subclasses count as instances of their superclasses (the ontology's ``rdfs:subClassOf``).

    Args:
        store: An open store.

    Returns:
        Whether the data conforms, and a readable report: one line per violation.
    """
    return _report(violations(store.query))


def validate_graph(data: Graph) -> tuple[bool, str]:
    """Check an rdflib graph against the SHACL shapes; see :func:`validate`."""
    dataset = ox.Store()
    dataset.load(data.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return _report(violations(dataset.query))


def violations(query: Callable[[str], Iterable]) -> list[Violation]:
    """Every violation found by running the compiled shapes with ``query`` (a store's), sorted."""
    found = {Violation(row["f"].value, check.path, check.constraints[int(i)], check.message)
             for check in checks() for row in query(check.sparql) for i in row["bad"].value.split()}
    return sorted(found)


def _report(found: list[Violation]) -> tuple[bool, str]:
    if not found:
        return True, "Conforms: True"
    lines = [f"Conforms: False ({len(found)} violations of ontology/shapes.ttl)"]
    lines += [f"{v.focus} {_curie(v.path) if v.path else '(the node)'} {v.constraint}"
              + (f": {v.message}" if v.message else "") for v in found]
    return False, "\n".join(lines)


def _curie(iri: str) -> str:
    for prefix, base in PREFIX_MAP.items():
        if iri.startswith(base):
            return f"{prefix}:{iri[len(base):]}"
    return f"<{iri}>"


@lru_cache(maxsize=1)
def checks() -> list[Check]:
    """The shapes of ``shapes.ttl`` compiled to SPARQL, read once."""
    return compile_shapes(_graph("shapes.ttl"), _graph("claimgraph.ttl"))


def _graph(name: str) -> Graph:
    return Graph().parse(data=ONTOLOGY_DIR.joinpath(name).read_text("utf-8"), format="turtle")
