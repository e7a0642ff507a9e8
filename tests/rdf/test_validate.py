"""SHACL validation of mapped data against ontology/shapes.ttl."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from pyshacl import validate as shacl_validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, XSD

from graph.rdf.namespace import CG, NIF, ORG, PROV, RDFS, SCHEMA
from graph.rdf.store import Store
from graph.rdf.validate import _graph as checks_graph
from graph.rdf.validate import validate, validate_graph, violations
from graph.records import ResolvedRecord
from tests.helpers import write_resolved

ART = "https://w3id.org/claimgraph/id/article/art-1"
STATEMENT = URIRef(ART + "/statement/114-136")
STATISTIC = URIRef(ART + "/statistic/138-162")
ROLE = URIRef(ART + "/role/0-28")
PERSON = URIRef("https://w3id.org/claimgraph/id/person/lena-okafor")
MENTION = URIRef(ART + "/mention/17-28")
EVIDENCE = URIRef("https://w3id.org/claimgraph/id/evidence/person-lena-okafor/okafor-95d5798c")
SH = Namespace("http://www.w3.org/ns/shacl#")
ENTRY = URIRef("urn:claimgraph:index:" + ART + "#0123456789abcdef")


def union(resolved: ResolvedRecord, folder: Path) -> Graph:
    """The mapped example as one rdflib graph (all public graphs merged)."""
    with Store.open(folder / "union") as store:
        quads = write_resolved(store, resolved)
    data = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES)
    return Graph().parse(data=data, format="nt")


def test_mapped_store_conforms(tmp_path: Path, resolved: ResolvedRecord) -> None:
    with Store.open(tmp_path / "store") as store:
        write_resolved(store, resolved)
        conforms, report = validate(store)
    assert conforms, report


@pytest.mark.parametrize("reason", ["short name: Okafor", "title implies organisation: Harbour Minister: acting"])
def test_within_article_reasons_conform(resolved: ResolvedRecord, reason: str, tmp_path: Path) -> None:
    data = union(resolved, tmp_path)
    data.add((ENTRY, CG.indexOf, PERSON))
    data.add((ENTRY, CG.localKind, SCHEMA.Person))
    data.add((ENTRY, CG.localReason, Literal(reason)))
    data.add((EVIDENCE, CG.reason, Literal(reason.split(": ")[0])))
    assert validate_graph(data)[0]


def test_empty_store_conforms(tmp_path: Path) -> None:
    with Store.open(tmp_path / "store") as store:
        assert validate(store)[0]


BROKEN = [
    ([(STATEMENT, SCHEMA.text, None)], [], "schema:text"),
    ([(STATEMENT, NIF.beginIndex, None), (STATEMENT, NIF.endIndex, None)], [], "beginIndex"),
    ([(STATEMENT, NIF.beginIndex, None)], [(STATEMENT, NIF.beginIndex, Literal(500))], "beginIndex"),
    ([(STATEMENT, NIF.endIndex, None)], [(STATEMENT, NIF.endIndex, Literal("136"))], "endIndex"),
    ([], [(STATEMENT, RDF.type, CG.DirectQuote)], "exactly one of"),
    ([(STATEMENT, RDF.type, CG.IndirectQuote)], [], "exactly one of"),
    ([(STATEMENT, PROV.wasDerivedFrom, None)], [], "wasDerivedFrom"),
    ([], [(STATEMENT, PROV.wasAttributedTo, URIRef("https://w3id.org/claimgraph/id/place/portvale"))],
     "wasAttributedTo"),
    ([], [(STATEMENT, CG.speechAct, CG.Statement)], "speechAct"),
    ([(STATISTIC, SCHEMA.value, None)], [(STATISTIC, SCHEMA.value, Literal("2.8e6", datatype=XSD.double))],
     "schema:value"),
    ([(STATISTIC, SCHEMA.unitText, None)], [], "unitText"),
    ([(ROLE, ORG.member, None)], [], "member"),
    ([(ROLE, CG.title, None)], [], "title"),
    ([(PERSON, RDFS.label, None)], [], "label"),
    ([], [(PERSON, RDFS.label, Literal("Lena A. Okafor"))], "label"),  # one canonical label
    ([], [(ENTRY, CG.indexOf, PERSON), (ENTRY, CG.localKind, SCHEMA.NewsArticle)], "localKind"),
    ([], [(ENTRY, CG.indexOf, PERSON)], "localKind"),  # an entry says the kind its article gives
    ([], [(ENTRY, CG.indexOf, PERSON), (ENTRY, CG.localKind, SCHEMA.Person), (ENTRY, CG.indexOf, ROLE)],
     "indexOf"),
    ([(URIRef(ART), CG.sourceFile, None)], [], "sourceFile"),
    ([(URIRef(ART), CG.contentHash, None)], [(URIRef(ART), CG.contentHash, Literal("abc"))], "contentHash"),
    ([(URIRef(ART), SCHEMA.datePublished, None)], [(URIRef(ART), SCHEMA.datePublished, Literal("5 March"))],
     "datePublished"),
    ([(MENTION, CG.refersTo, None)], [], "refersTo"),
    ([(EVIDENCE, CG.alias, None)], [], "alias"),
    ([], [(ENTRY, CG.indexOf, PERSON), (ENTRY, CG.localKind, SCHEMA.Person),
          (ENTRY, CG.localReason, Literal("Okafor short name"))], "localReason"),
]


def _broken(resolved: ResolvedRecord, folder: Path, remove: list, add: list) -> Graph:
    data = union(resolved, folder)
    for pattern in remove:
        assert (pattern[0], pattern[1], None) in data
        data.remove(pattern)
    for triple in add:
        data.add(triple)
    return data


@pytest.mark.parametrize(("remove", "add", "path_in_report"), BROKEN)
def test_broken_data_does_not_conform(resolved: ResolvedRecord, remove: list, add: list,
                                      path_in_report: str, tmp_path: Path) -> None:
    conforms, report = validate_graph(_broken(resolved, tmp_path, remove, add))
    assert not conforms
    assert path_in_report in report


def _pyshacl(data: Graph) -> set[tuple[str, str | None]]:
    """The (focus node, path) of each violation pyshacl finds, the ontology mixed in."""
    _, results, _ = shacl_validate(data, shacl_graph=checks_graph("shapes.ttl"), ont_graph=checks_graph("claimgraph.ttl"),
                                   inference="none", advanced=True, allow_warnings=True)
    return {(str(results.value(r, SH.focusNode)), str(p) if (p := results.value(r, SH.resultPath)) else None)
            for r in results.objects(None, SH.result)}


@pytest.mark.parametrize(("remove", "add"), [([], [])] + [(remove, add) for remove, add, _ in BROKEN])
def test_the_compiled_shapes_find_what_pyshacl_finds(resolved: ResolvedRecord, remove: list, add: list,
                                                     tmp_path: Path) -> None:
    data = _broken(resolved, tmp_path, remove, add)
    dataset = ox.Store()
    dataset.load(data.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    assert {(v.focus, v.path) for v in violations(dataset.query)} == _pyshacl(data)


@pytest.mark.slow
def test_the_compiled_shapes_find_what_pyshacl_finds_on_the_seeds(seed_store: Path) -> None:
    with Store.open(seed_store, read_only=True) as store:
        data = Graph().parse(data=ox.serialize([q.triple for q in store.quads()], format=ox.RdfFormat.N_TRIPLES),
                             format="nt")
        assert {(v.focus, v.path) for v in violations(store.query)} == _pyshacl(data) == set()
