"""The RDF boundary's terms agree with the ontology, and convert values both ways."""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox
import pytest

from graph.rdf import _terms
from graph.rdf.namespace import CG

CG_BASE = _terms.PREFIX_MAP["cg"]


def _cg_terms() -> list[str]:
    """Every cg: IRI that _terms defines, as a constant or in a table."""
    nodes = [v for v in vars(_terms).values() if isinstance(v, ox.NamedNode)]
    for table in (_terms.KIND_CLASSES, _terms.QUOTE_CLASSES, _terms.SPEECH_ACTS):
        nodes.extend(table.values())
    return sorted({n.value for n in nodes if n.value.startswith(CG_BASE)})


@pytest.mark.parametrize("iri", _cg_terms())
def test_cg_terms_are_declared_in_the_ontology(iri):
    assert str(CG[iri[len(CG_BASE):]]) == iri  # CG's _fail raises for an undeclared name


def test_cg_terms_found():
    assert len(_cg_terms()) > 20


@pytest.mark.parametrize(("value", "expected"), [
    ("text", "text"), (3, 3), (2.5, 2.5), (True, True), (Decimal("1.50"), Decimal("1.50")),
])
def test_to_term_and_back(value, expected):
    assert _terms.to_python(_terms.to_term(value)) == expected


def test_prefixes_cover_every_namespace():
    for prefix, iri in _terms.PREFIX_MAP.items():
        assert f"PREFIX {prefix}: <{iri}>" in _terms.PREFIXES
