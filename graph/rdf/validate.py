"""SHACL validation of a whole store against ``ontology/shapes.ttl``."""

from __future__ import annotations

from functools import lru_cache
from io import BytesIO
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Graph

from graph.rdf.base import GraphStore

#: The folder holding ``claimgraph.ttl`` (the ontology) and ``shapes.ttl`` (the shapes).
ONTOLOGY_DIR = Path(__file__).parents[2] / "ontology"


def validate(store: GraphStore) -> tuple[bool, str]:
    """Check the union of all the store's graphs against the SHACL shapes.

    The ontology is mixed into the data while checking, so that subclasses count as
    instances of their superclasses.

    Args:
        store: An open store.

    Returns:
        Whether the data conforms, and pyshacl's readable report.
    """
    data = Graph()
    buffer = BytesIO()
    store.export("turtle", buffer)
    data.parse(data=buffer.getvalue(), format="turtle")
    return validate_graph(data)


def validate_graph(data: Graph) -> tuple[bool, str]:
    """Check an rdflib graph against the SHACL shapes; see :func:`validate`."""
    conforms, _, report = shacl_validate(data, shacl_graph=_shapes(), ont_graph=_ontology(),
                                         inference="none", advanced=True, allow_warnings=True)
    return bool(conforms), str(report)


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "claimgraph.ttl", format="turtle")
