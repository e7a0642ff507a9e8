"""The neighbourhood view's reads (:mod:`graph.web.neighbours`) over a small invented store:
who is drawn, what is left out, which links and how they are counted."""

from __future__ import annotations

import json

import pytest

from graph.view import view_data
from graph.web import neighbours
from tests.helpers import trig_store

BASE = "https://w3id.org/claimgraph/id/"
#: (speaker, target, date of its article, speech act): invented statements, one article each.
STATEMENTS = [("ada", "bo", "2024-01-02", "Criticise"), ("ada", "bo", "2024-01-01", "Criticise"),
              ("ada", "bo", "2024-01-03", "Assert"), ("bo", "ada", "2024-01-04", "Deny"),
              ("ada", "cy", "2024-01-05", "Assert"), ("cy", "ada", "2024-01-06", "Assert"),
              ("dee", "ada", "2024-01-07", "Warn"), ("bo", "cy", "2024-01-08", "Assert"),
              ("ada", "ada", "2024-01-09", "Assert"), ("eli", "bo", "2024-01-10", "Assert")]
PEOPLE = ("ada", "bo", "cy", "dee", "eli")


def _trig() -> str:
    head = f"""@prefix cg: <https://w3id.org/claimgraph/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@base <{BASE}> .
"""
    people = "".join(f'<person/{p}> a schema:Person ; rdfs:label "{p.title()} Quill" .\n' for p in PEOPLE)
    people += '<organization/guild> a schema:Organization ; rdfs:label "Lamp Guild" .\n'
    graphs = []
    for i, (by, about, date, act) in enumerate(STATEMENTS):
        graphs.append(f"""<article/a{i}> {{
  <article/a{i}> a schema:NewsArticle ; cg:sourceFile "a{i}.txt" ; schema:headline "Story {i}" ;
      schema:datePublished "{date}"^^xsd:date .
  <article/a{i}/statement/10-20> a cg:Statement , cg:IndirectQuote ; schema:text "words {i}" ;
      prov:wasAttributedTo <person/{by}> ; schema:about <person/{about}> ; cg:speechAct cg:{act} ;
      prov:wasDerivedFrom <article/a{i}> ; nif:beginIndex 10 ; nif:endIndex 20 .
}}
""")
    graphs.append("""<article/r> {
  <article/r> a schema:NewsArticle ; cg:sourceFile "r.txt" .
  <article/r/role/0-5> a cg:Role ; org:member <person/ada> ; org:organization <organization/guild> ;
      cg:title "warden" ; prov:wasDerivedFrom <article/r> ; nif:beginIndex 0 ; nif:endIndex 5 .
}
""")
    return head + people + "".join(graphs)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    location = tmp_path_factory.mktemp("neighbours") / "store"
    s = trig_store(location, _trig())
    yield s
    s.close()


def _p(name: str) -> str:
    return f"{BASE}person/{name}"


GUILD = f"{BASE}organization/guild"


@pytest.mark.parametrize(("drawn", "expected", "left"), [
    (1, [_p("bo")], 3),                        # bo: 4 statements with ada; cy 2; then dee and the guild, 1 each
    (2, [_p("bo"), _p("cy")], 2),
    (9, [_p("bo"), _p("cy"), GUILD, _p("dee")], 0),  # eli never meets ada; ties by IRI
])
def test_the_most_linked_counterparts_are_drawn_and_the_rest_counted(store, drawn, expected, left):
    found = neighbours.neighbourhood(store, _p("ada"), drawn)
    assert (found.drawn, found.left) == (expected, left)
    assert set(found.graph) == {_p("ada"), *expected}


def test_links_of_the_actor_are_drawn_with_their_weight_acts_and_first_statements(store):
    G = neighbours.neighbourhood(store, _p("ada"), 9).graph
    assert sorted((u.rpartition("/")[2], v.rpartition("/")[2], k) for u, v, k in G.edges(keys=True)) == [
        ("ada", "ada", "said_about"), ("ada", "bo", "said_about"), ("ada", "cy", "said_about"),
        ("ada", "guild", "member_of"), ("bo", "ada", "said_about"), ("cy", "ada", "said_about"),
        ("dee", "ada", "said_about")]  # not bo -> cy: a link between two counterparts
    edge = G.edges[_p("ada"), _p("bo"), "said_about"]
    assert (edge["weight"], edge["acts"]) == (3, ["criticise", "assert"])
    assert [(s["date"], s["text"], s["headline"], s["kind"]) for s in edge["statements"]] == [
        ("2024-01-01", "words 1", "Story 1", "indirect"), ("2024-01-02", "words 0", "Story 0", "indirect"),
        ("2024-01-03", "words 2", "Story 2", "indirect")][:neighbours.SHOWN]
    assert [r["title"] for r in G.edges[_p("ada"), GUILD, "member_of"]["roles"]] == ["warden"]


def test_nodes_are_described_and_counted_from_the_keys(store):
    G = neighbours.neighbourhood(store, _p("ada"), 9).graph
    assert (G.nodes[_p("bo")]["label"], G.nodes[_p("bo")]["kind"]) == ("Bo Quill", "Person")
    # bo said 2 (about ada and about cy) and is the subject of 4 (3 by ada, 1 by eli)
    assert (G.nodes[_p("bo")]["n_said"], G.nodes[_p("bo")]["n_about"]) == (2, 4)
    assert (G.nodes[_p("ada")]["n_said"], G.nodes[_p("ada")]["n_about"]) == (5, 4)


def test_a_tooltip_counts_the_statements_it_does_not_show(store, monkeypatch):
    monkeypatch.setattr(neighbours, "SHOWN", 1)
    data = view_data(neighbours.neighbourhood(store, _p("ada"), 9).graph)
    edge = next(e for e in data["edges"] if (e["from"], e["to"]) == (_p("ada"), _p("bo")))
    assert "words 1" in edge["title"] and "… and 2 more" in edge["title"]


def _ids_drawn(page: str) -> set[str]:
    """The node ids of a view page (pyvis writes its nodes as a JSON array)."""
    return {n["id"] for n in json.loads(page.partition("nodes = new vis.DataSet(")[2].partition(");")[0])}


@pytest.mark.parametrize(("drawn", "expected", "note"), [
    (2, {"ada", "bo", "cy"}, "The 2 actors most linked to Ada Quill are drawn; 2 others are left out"),
    (9, {"ada", "bo", "cy", "dee", "guild"}, None),
])
def test_the_view_page_draws_the_neighbourhood_and_says_what_it_left_out(store, monkeypatch, drawn, expected, note):
    from graph.web import idpages
    monkeypatch.setattr(idpages, "NEIGHBOURS_DRAWN", drawn)
    site = type("S", (), {"store": store, "known_date": staticmethod(lambda a: "")})()
    monkeypatch.setattr(idpages, "site", lambda: site)
    page = idpages._draw(idpages.reads.Actor(_p("ada"), "Ada Quill", "Person", [], [], [], {}))
    assert {i.rpartition("/")[2] for i in _ids_drawn(page)} == expected
    assert (note in page) if note else "left out" not in page


def test_an_actor_linked_to_no_one_is_drawn_alone(store, monkeypatch):
    from graph.web import idpages
    site = type("S", (), {"store": store, "known_date": staticmethod(lambda a: "")})()
    monkeypatch.setattr(idpages, "site", lambda: site)
    page = idpages._draw(idpages.reads.Actor(_p("eve"), "Eve Quill", "Person", [], [], [], {}))
    assert _ids_drawn(page) == {_p("eve")}
