"""The browsing app's pages through Flask's test client, over a small hand-written store
in the contract's layout (actor descriptions in the default graph, the text in the text
graph) whose texts carry markup: status, content, links, downloads and escaping."""

from __future__ import annotations

import csv
import io
import json

from decimal import Decimal

import pytest

from graph.conflicts import Conflict, Figure
from graph.web import EXTENSION, idpages, pages
from tests.helpers import trig_store
from tests.web.conftest import make_app, marked_text

BASE = "https://w3id.org/claimgraph/id/"
NAME = "Ada <img src=x onerror=window.pwnedName=1> Marsh"
QUOTE = "the <script>window.pwnedQuote=1</script> dam is safe"
TEXT = f"Menu | Home\n\u201c{QUOTE},\u201d said Ada Marsh, the water minister.\u2028 Costs rose 5 percent.\n"
Q_BEGIN = TEXT.index(QUOTE)
Q_END = Q_BEGIN + len(QUOTE)
M_BEGIN = TEXT.index("Ada Marsh")
R_BEGIN = TEXT.index("water minister")
S_BEGIN = TEXT.index("5 percent")
STATEMENT = f"{BASE}article/d1/statement/{Q_BEGIN}-{Q_END}"


def _literal(text: str) -> str:
    return json.dumps(text)  # a valid Turtle string literal (JSON escapes are Turtle escapes)


TRIG = f"""
@prefix cg: <https://w3id.org/claimgraph/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@base <{BASE}> .
<person/ada-marsh> a schema:Person ; rdfs:label {_literal(NAME)} ; skos:altLabel "Minister Marsh" ;
    schema:jobTitle "water minister" .
<evidence/ada/minister-marsh> a cg:MergeEvidence ; cg:mergedInto <person/ada-marsh> ;
    cg:alias "Minister Marsh" ; cg:reason "title match" ; prov:wasDerivedFrom <article/d1> .
<article/d1> {{
  <article/d1> a schema:NewsArticle ; cg:sourceFile "d1.txt" ;
      schema:headline "<svg onload=window.pwnedHeadline=1></svg>Dam row" ;
      schema:datePublished "2024-02-03"^^xsd:date ; cg:dateInferred false ;
      schema:url "javascript:window.pwnedUrl=1"^^xsd:anyURI ; schema:mentions <person/ada-marsh> .
  <article/d1/mention/{M_BEGIN}-{M_BEGIN + 9}> a cg:Mention ; cg:refersTo <person/ada-marsh> ;
      nif:anchorOf "Ada Marsh" ; prov:wasDerivedFrom <article/d1> ;
      nif:beginIndex {M_BEGIN} ; nif:endIndex {M_BEGIN + 9} .
  <article/d1/statement/{Q_BEGIN}-{Q_END}> a cg:Statement , cg:DirectQuote ; schema:text {_literal(QUOTE)} ;
      prov:wasAttributedTo <person/ada-marsh> ; cg:cue "say" ; cg:speechAct cg:Assert ;
      prov:wasDerivedFrom <article/d1> ; nif:beginIndex {Q_BEGIN} ; nif:endIndex {Q_END} .
  <article/d1/role/{R_BEGIN}-{R_BEGIN + 14}> a cg:Role ; org:member <person/ada-marsh> ; cg:title "water minister" ;
      cg:validAt "2024-02-03"^^xsd:date ; prov:wasDerivedFrom <article/d1> ;
      nif:beginIndex {R_BEGIN} ; nif:endIndex {R_BEGIN + 14} .
  <person/ada-marsh> cg:hasRole <article/d1/role/{R_BEGIN}-{R_BEGIN + 14}> .
  <article/d1/statistic/{S_BEGIN}-{S_BEGIN + 9}> a cg:Statistic ; schema:value "5"^^xsd:decimal ;
      schema:unitText "percent" ; cg:measure "costs" ; schema:text "5 percent" ;
      prov:wasDerivedFrom <article/d1> ; nif:beginIndex {S_BEGIN} ; nif:endIndex {S_BEGIN + 9} .
}}
<urn:claimgraph:index:{BASE}article/d1> {{
  <urn:claimgraph:index:{BASE}article/d1#ada> cg:indexOf <person/ada-marsh> ; cg:localName "Ada Marsh" , "Minister Marsh" .
}}
<urn:claimgraph:text:{BASE}article/d1> {{
  <article/d1/text> a nif:Context ; nif:isString {_literal(TEXT)} .
  <article/d1/boilerplate/0-11> a cg:Boilerplate ; nif:referenceContext <article/d1/text> ;
      nif:beginIndex 0 ; nif:endIndex 11 .
}}
"""

#: Markup from the store that must never reach a page unescaped.
RAW = ("<img src=x onerror", "<script>window", "<svg onload", "href=\"javascript")


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    location = tmp_path_factory.mktemp("web") / "store"
    trig_store(location, TRIG).close()
    return make_app(location).test_client()


@pytest.mark.parametrize("url, status, expected", [
    ("/", 200, ["1</strong> articles", "/id/person/ada-marsh", "Dam row"]),
    ("/search?q=ada+%3Cimg+src%3Dx+onerror%3Dwindow.pwnedName%3D1%3E+marsh", 200, ['class="cg-exact"']),
    ("/search?q=minister+marsh", 200, ["/id/person/ada-marsh"]),
    ("/search?q=minister+marsch", 200, ["Did you mean", "Minister Marsh"]),
    ("/search?q=dam+row", 200, ["/id/article/d1"]),
    ("/id/person/ada-marsh", 200, ["title match", "water minister", f"/id/article/d1/statement/{Q_BEGIN}-{Q_END}",
                                   "/id/person/ada-marsh/graph", "Minister Marsh <span class=\"cg-note\">1 article, as in d1.txt"]),
    ("/id/person/ada-marsh?act=warn", 200, ['<span id="cg-total">0</span>']),
    ("/id/person/ada-marsh?act=assert&since=2024&until=2024-02", 200, ['<span id="cg-total">1</span>']),
    ("/id/person/ada-marsh?since=2025", 200, ['<span id="cg-total">0</span>']),
    ("/id/article/d1", 200, ["cg-statement cg-direct", "cg-boilerplate", "speech act: assert", "cg-statistic",
                             "cg-role", "2024-02-03"]),
    (f"/id/article/d1?at={STATEMENT}", 200, ['id="at"', "cg-at"]),
    (f"/id/article/d1/statement/{Q_BEGIN}-{Q_END}", 200, ["Statement by", "In context", "cg-at"]),
    (f"/id/article/d1/statistic/{S_BEGIN}-{S_BEGIN + 9}", 200, ["5 percent costs"]),
    (f"/id/article/d1/role/{R_BEGIN}-{R_BEGIN + 14}", 200, ["water minister"]),
    ("/id/person/ada-marsh/graph", 200, ["vis-network"]),
    ("/roles", 200, ["water minister"]),
    ("/roles?title=Water+Minister", 200, ["1 role,"]),
    ("/conflicts", 200, ["No conflicting figures"]),
    ("/query-editor", 200, ["PREFIX cg:", 'action="/sparql"', "query.js"]),
    ("/static/claimgraph/style.css", 200, [".cg-statement"]),
    ("/id/person/nobody", 404, []),
    ("/id/article/d1/statement/0-1", 404, []),
])
def test_pages(client, url, status, expected):
    response = client.get(url)
    body = response.get_data(as_text=True)
    assert response.status_code == status, body[:500]
    for text in expected:
        assert text in body
    for raw in RAW:
        assert raw not in body


@pytest.mark.parametrize("url", ["/", "/id/person/ada-marsh", "/id/article/d1", "/search?q=x"])
def test_pages_forbid_inline_script(client, url):
    policy = client.get(url).headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_article_marks_give_the_exact_span(client):
    """The pieces marked as the statement, joined, are the stored text between its offsets."""
    html = client.get(f"/id/article/d1?at={STATEMENT}").get_data(as_text=True)
    assert marked_text(html) == TEXT[Q_BEGIN:Q_END] == QUOTE


def test_unsafe_address_is_no_link(client):
    body = client.get("/id/article/d1").get_data(as_text=True)
    assert 'href="javascript' not in body.lower() and "javascript:window.pwnedUrl=1" in body.replace("&#34;", "")


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_downloads_hold_the_filtered_statements(client, fmt):
    response = client.get(f"/id/person/ada-marsh?act=assert&format={fmt}")
    body = response.get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(body))) if fmt == "csv" else json.loads(body)
    assert [(r["statement"], r["text"], str(r["begin"])) for r in rows] == [(STATEMENT, QUOTE, str(Q_BEGIN))]
    assert "attachment" in response.headers["Content-Disposition"]


def _conflict(i: int) -> Conflict:
    def figure(value: int) -> Figure:
        return Figure(f"{BASE}article/d1/statistic/{i}-{value}", Decimal(value), "percent", f"measure {i}", "2024",
                      None, None, f"{value} percent", "d1.txt", 0, 1)
    return Conflict(figure(1), figure(9), "percent", (Decimal(1), Decimal(1)), (Decimal(9), Decimal(9)))


@pytest.mark.parametrize(("page", "shown", "pager"), [
    (1, ["measure 0", "measure 1"], "page 1 of 3"),
    (3, ["measure 4"], "page 3 of 3"),
    (9, ["measure 4"], "page 3 of 3"),  # past the last page: the last
])
def test_conflicts_come_a_page_at_a_time(client, monkeypatch, page, shown, pager):
    monkeypatch.setattr(pages, "CONFLICTS_PAGE", 2)
    site = client.application.extensions[EXTENSION]
    monkeypatch.setitem(site.__dict__, "_conflicts", [_conflict(i) for i in range(5)])
    body = client.get(f"/conflicts?page={page}").get_data(as_text=True)
    assert [f"measure {i}" for i in range(5) if f"measure {i} <span" in body] == shown
    assert pager in body and "5 pairs, 2 a page" in body


@pytest.mark.parametrize(("read", "expected", "absent"), [
    (False, ['<meta http-equiv="refresh" content="2">', "still reading the conflicting figures"], "Conflicting figures"),
    (True, ["Conflicting figures"], "http-equiv"),
])
def test_conflicts_being_prepared_say_so(client, monkeypatch, read, expected, absent):
    import threading

    site = client.application.extensions[EXTENSION]
    assert all(e.wait(10) for e in site._prepared.values())  # the app's own prepare is done: it sets them all
    event = threading.Event()
    if read:
        event.set()
    monkeypatch.setattr(site, "_preparing", True)
    monkeypatch.setitem(site._prepared, "conflicts", event)
    monkeypatch.setattr(pages, "PREPARING_WAIT", 0.01)
    response = client.get("/conflicts")
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and all(e in body for e in expected) and absent not in body


@pytest.mark.parametrize("q, suggested", [("minister marsch", True), ("mars", False), ("Ada Marsh", False)])
def test_close_spellings_only_when_no_name_is_or_contains_the_query(client, q, suggested):
    assert ("Did you mean" in client.get("/search", query_string={"q": q}).get_data(as_text=True)) is suggested
