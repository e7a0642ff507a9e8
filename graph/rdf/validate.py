"""SHACL validation of a whole store against ``ontology/shapes.ttl``.

The ontology and the shapes are package data (``graph/ontology/``, which the top-level
``ontology/`` links to), read through :mod:`importlib.resources` so that validation works
from an installed wheel as well as from a checkout.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from io import BytesIO

from pyshacl import validate as shacl_validate
from rdflib import Graph

from graph.rdf.base import GraphStore

#: The folder holding ``claimgraph.ttl`` (the ontology) and ``shapes.ttl`` (the shapes).
ONTOLOGY_DIR = resources.files("graph").joinpath("ontology")


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
    return Graph().parse(data=ONTOLOGY_DIR.joinpath("shapes.ttl").read_text("utf-8"), format="turtle")


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    return Graph().parse(data=ONTOLOGY_DIR.joinpath("claimgraph.ttl").read_text("utf-8"), format="turtle")
