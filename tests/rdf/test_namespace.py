"""The cg: namespace in Python and the ontology declare exactly the same terms."""

from __future__ import annotations

from importlib import resources

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from graph.rdf.namespace import CG, PREFIX_MAP, PREFIXES, SPEECH_ACTS

ONTOLOGY = resources.files("graph").joinpath("ontology", "claimgraph.ttl")
DESIGN_PREFIXES = {
    "cg": "https://w3id.org/claimgraph/ontology#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(data=ONTOLOGY.read_text("utf-8"), format="turtle")


def python_terms() -> set[URIRef]:
    return {CG[name] for name in CG.__annotations__}


def declared_terms(ontology: Graph) -> set[URIRef]:
    return {s for s in ontology.subjects(RDF.type, None)
            if isinstance(s, URIRef) and s.startswith(str(CG._NS))}


def test_python_terms_are_declared(ontology: Graph) -> None:
    assert sorted(python_terms() - declared_terms(ontology)) == []


def test_declared_terms_are_in_python(ontology: Graph) -> None:
    assert sorted(declared_terms(ontology) - python_terms()) == []


@pytest.mark.parametrize("prop", [RDFS.label, RDFS.comment])
def test_every_term_is_documented(ontology: Graph, prop: URIRef) -> None:
    assert sorted(t for t in python_terms() if ontology.value(t, prop) is None) == []


def test_ontology_has_version(ontology: Graph) -> None:
    assert list(ontology.objects(None, OWL.versionInfo))


@pytest.mark.parametrize(("name", "expected"), [
    ("assert", CG.Assert), ("warn", CG.Warn), ("order", CG.Order), ("criticise", CG.Criticise),
    ("praise", CG.Praise), ("deny", CG.Deny), ("promise", CG.Promise), ("believe", CG.Believe),
    ("characterise", CG.Characterise), ("intend", CG.Intend), ("support", CG.Support),
])
def test_speech_acts(name: str, expected: URIRef) -> None:
    assert SPEECH_ACTS[name] == expected


@pytest.mark.parametrize(("prefix", "iri"), sorted(DESIGN_PREFIXES.items()))
def test_design_prefixes(prefix: str, iri: str) -> None:
    assert PREFIX_MAP[prefix] == iri
    assert f"PREFIX {prefix}: <{iri}>\n" in PREFIXES


def test_unknown_term_fails() -> None:
    with pytest.raises(AttributeError):
        CG.Statment  # noqa: B018
