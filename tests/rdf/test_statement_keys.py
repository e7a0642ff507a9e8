"""The statement keys: made from an article's quads, listed in page order, the same answers as
the SPARQL pages of a store without them, and written into such a store afterwards."""

from __future__ import annotations

import io

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.query import said
from graph.rdf._terms import STATEMENT_ABOUT, STATEMENT_BY, index_graph
from graph.rdf.statement_keys import (add_keys, has_keys, key_node, key_quads, keyed_statements, mark_quad,
                                      sort_key)
from graph.rdf.store import Store
from tests.helpers import trig_store

BASE = "https://w3id.org/claimgraph/id/"
ADA, BO, CY = (BASE + f"person/{p}" for p in ("ada-vell", "bo-rask", "cy-vell"))
#: Article -> its date (None: undated), each holding the statements of STATEMENTS.
ARTICLES = {"d1": "2024-03-05", "d2": "2024-03-05", "d3": "2024-06-01", "d4": None, "d5": "2023-12-31"}
#: (begin, end) -> speaker, targets: two statements start at 10; Ada and Cy share the name "Vell".
STATEMENTS = {(10, 20): ("ada-vell", ["bo-rask"]), (10, 30): ("bo-rask", ["ada-vell", "cy-vell"]),
              (40, 50): ("cy-vell", ["ada-vell"]), (60, 70): ("ada-vell", [])}
PREFIXES = """@prefix cg: <https://w3id.org/claimgraph/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def _article(name: str, date: str | None, datatype: str = "date") -> str:
    lines = [f"<article/{name}> a schema:NewsArticle ; cg:sourceFile \"{name}.txt\""
             + (f' ; schema:datePublished "{date}"^^xsd:{datatype}' if date else "") + " ."]
    for (begin, end), (speaker, targets) in STATEMENTS.items():
        about = "".join(f" ; schema:about <person/{t}>" for t in targets)
        lines.append(f"<article/{name}/statement/{begin}-{end}> a cg:Statement , cg:DirectQuote ; "
                     f"schema:text \"words\" ; cg:cue \"say\" ; prov:wasAttributedTo <person/{speaker}>{about} ; "
                     f"prov:wasDerivedFrom <article/{name}> ; nif:beginIndex {begin} ; nif:endIndex {end} .")
    lines.append(f"<article/{name}/statistic/10-12> a cg:Statistic ; prov:wasAttributedTo <person/ada-vell> ; "
                 f"schema:value 3 ; prov:wasDerivedFrom <article/{name}> ; nif:beginIndex 10 ; nif:endIndex 12 .")
    return f"<article/{name}> {{\n" + "\n".join(lines) + "\n}\n"


TRIG = PREFIXES + f"""@base <{BASE}> .
<person/ada-vell> a schema:Person ; rdfs:label "Ada Vell" ; skos:altLabel "Vell" .
<person/cy-vell> a schema:Person ; rdfs:label "Cy Vell" ; skos:altLabel "Vell" .
<person/bo-rask> a schema:Person ; rdfs:label "Bo Rask" .
""" + "".join(_article(name, date) for name, date in ARTICLES.items())


@pytest.fixture(scope="module", params=["keys", "no keys"])
def store(request, tmp_path_factory):
    """The store with its keys, and as built before them (unmarked, keyless: read in SPARQL)."""
    with trig_store(tmp_path_factory.mktemp("keys") / "store", TRIG) as st:
        if request.param == "no keys":
            st.change([q for q in st.quads() if q.predicate in (STATEMENT_BY, STATEMENT_ABOUT)] + [mark_quad()], [])
        yield st


def _short(rows) -> list[str]:
    return [r["statement"].removeprefix(BASE + "article/").replace("/statement/", "/") for r in rows]


#: Every statement's place in the newest-first order: d3, then d1 and d2 (same date, by IRI), d5, undated d4.
ORDER = ["d3", "d1", "d2", "d5", "d4"]


@pytest.mark.parametrize(("filters", "expected"), [
    ({"by": "Ada Vell"}, [f"{a}/{s}" for a in ORDER for s in ("10-20", "60-70")]),
    ({"about": "Ada Vell"}, [f"{a}/{s}" for a in ORDER for s in ("10-30", "40-50")]),
    ({"about": "vell", "limit": 4}, ["d3/10-30", "d3/40-50", "d1/10-30", "d1/40-50"]),  # about Ada or Cy: once each
    ({"by": "Vell", "limit": 3, "offset": 2}, ["d3/60-70", "d1/10-20", "d1/40-50"]),
    ({"by": "Bo Rask", "about": "Cy Vell"}, [f"{a}/10-30" for a in ORDER]),
    ({"by": "Ada Vell", "about": "Bo Rask", "offset": 3}, ["d5/10-20", "d4/10-20"]),
    ({"by": "Ada Vell", "limit": 0}, []),
])
def test_said_pages_the_same_with_or_without_keys(store, filters, expected):
    assert _short(said(store, **filters)) == expected


def test_said_streams_every_row_with_or_without_keys(store):
    assert len(list(said(store, about="Vell", limit=None))) == 2 * len(ARTICLES)


@pytest.mark.parametrize(("relations", "first"), [
    (["by"], [("d3", 10, "by", "10-20"), ("d3", 60, "by", "60-70"), ("d1", 10, "by", "10-20")]),
    (["by", "about"], [("d3", 10, "about", "10-30"), ("d3", 10, "by", "10-20"), ("d3", 40, "about", "40-50")]),
])
def test_keyed_statements_come_in_page_order(tmp_path, relations, first):
    with trig_store(tmp_path / "store", TRIG) as st:
        keyed = list(keyed_statements(st, [ADA], relations))
    assert [(k.article.rpartition("/")[2], k.begin, k.relation, k.statement.rpartition("/")[2])
            for k in keyed[:3]] == first
    assert [k.date for k in keyed][-1] == "" and keyed[0].date == "2024-06-01"


def test_partial_dates_sort_as_written(tmp_path):
    dated = {"p1": ("2024", "gYear"), "p2": ("2024-03", "gYearMonth"), "p3": ("2024-03-01", "date"),
             "p4": ("2023-11", "gYearMonth")}
    trig = PREFIXES + f"@base <{BASE}> .\n" + "".join(_article(n, d, t) for n, (d, t) in dated.items())
    with trig_store(tmp_path / "store", trig) as st:
        keyed = list(keyed_statements(st, [ADA], ["by"]))
    assert [k.date for k in keyed[::2]] == ["2024-03-01", "2024-03", "2024", "2023-11"]


def test_a_key_filter_skips_articles_before_their_statements_are_read(tmp_path):
    with trig_store(tmp_path / "store", TRIG) as st:
        keyed = list(keyed_statements(st, [ADA], ["by"], keep=lambda date, article: date.startswith("2024-03")))
    assert {k.article.rpartition("/")[2] for k in keyed} == {"d1", "d2"}


@pytest.mark.parametrize(("date", "statement", "expected"), [
    ("2024-03-05", (10, 20), {("ada-vell", STATEMENT_BY), ("bo-rask", STATEMENT_ABOUT)}),
    (None, (10, 30), {("bo-rask", STATEMENT_BY), ("ada-vell", STATEMENT_ABOUT), ("cy-vell", STATEMENT_ABOUT)}),
    ("2024-03-05", (60, 70), {("ada-vell", STATEMENT_BY)}),
])
def test_an_article_keys_each_statement_by_and_about_its_actors(date, statement, expected):
    quads = list(ox.parse(PREFIXES + f"@base <{BASE}> .\n" + _article("k1", date), format=ox.RdfFormat.TRIG))
    keys = [q for q in key_quads(quads, BASE + "article/k1") if q.predicate in (STATEMENT_BY, STATEMENT_ABOUT)]
    begin = statement[0]
    wanted = {(key_node(BASE + f"person/{p}"), predicate) for p, predicate in expected}
    found = {(q.subject, q.predicate) for q in keys if int(q.object.value) == sort_key(date, begin)}
    assert found >= wanted and {q.graph_name for q in keys} == {index_graph(BASE + "article/k1")}
    assert len(keys) == 8  # 4 statements by someone, 4 links to whom they are about; none for the statistic


def _export(store: Store) -> bytes:
    out = io.BytesIO()
    store.export("nquads", out, with_index=True)
    return out.getvalue()


def test_keys_are_written_into_a_store_built_before_them(tmp_path):
    with trig_store(tmp_path / "store", TRIG) as st:
        expected = _export(st)
        st.change([q for q in st.quads() if q.predicate in (STATEMENT_BY, STATEMENT_ABOUT)] + [mark_quad()], [])
        assert not has_keys(st) and _export(st) != expected
        assert add_keys(st) == len(ARTICLES)
        assert has_keys(st) and _export(st) == expected
        assert add_keys(st) == 0  # done: a second run changes nothing


def test_the_keys_command_writes_them_and_says_how_many(tmp_path):
    with trig_store(tmp_path / "store", TRIG) as st:
        st.change([q for q in st.quads() if q.predicate in (STATEMENT_BY, STATEMENT_ABOUT)] + [mark_quad()], [])
    result = CliRunner().invoke(main, ["keys", "--store", str(tmp_path / "store")])
    assert result.exit_code == 0 and f"written for {len(ARTICLES)} articles" in result.output
    assert "compacted" in result.output
    with Store.open(tmp_path / "store", read_only=True) as st:
        assert has_keys(st)
