"""What the browsing app reads: an actor's statements a page at a time, filtered and sorted
(from the statement keys, or in SPARQL for a store without them), and the counts its filters
offer, over an invented store of four articles."""

from __future__ import annotations

import pytest

import pyoxigraph as ox

from graph.rdf.statement_keys import (FACETS, LINK_PREFIX, ROLE_PREFIX, add_keys, has_facets, has_keys, has_links,
                                      mark_quad)
from graph.web.reads import (StatementFilter, _keeps, actor_facets, actor_statements, articles, mentioned_in,
                             outlet, top_speakers)
from tests.helpers import trig_store

BASE = "https://w3id.org/claimgraph/id/"
ADA = BASE + "person/ada-vell"
#: Article -> (date, publisher, address); each says four things by or about Ada Vell.
ARTICLES = {
    "n1": ("2024-01-05", "Harbour Herald", None),
    "n2": ("2024-02-10", None, "https://user@News.Example.org:8080/story?x=1"),
    "n3": (None, None, "not an address"),
    "n4": ("2024-02-28", None, "http://wire.example.net"),
}
#: Article -> how many mentions of Ada Vell it holds (those listed name her in schema:mentions).
MENTIONS = {"n1": 2, "n2": 1, "n3": 0}
#: Statement offset -> (relation to Ada, speech act or None).
STATEMENTS = {10: ("by", "warn"), 20: ("about", "praise"), 30: ("by", None), 40: ("about", "warn")}


def _article(name: str, date: str | None, publisher: str | None, url: str | None) -> str:
    facts = [f'schema:datePublished "{date}"^^xsd:date' if date else "",
             f'schema:publisher "{publisher}"' if publisher else "", f'schema:url "{url}"' if url else ""]
    lines = [f"<article/{name}> a schema:NewsArticle ; schema:headline \"Story {name}\" ; cg:sourceFile \"{name}.txt\" "
             + "".join(f"; {f} " for f in facts if f) + "."]
    for begin, (relation, act) in STATEMENTS.items():
        who = ("prov:wasAttributedTo <person/ada-vell> ; schema:about <person/bo-rask>" if relation == "by"
               else "prov:wasAttributedTo <person/bo-rask> ; schema:about <person/ada-vell>")
        lines.append(f"<article/{name}/statement/{begin}-{begin + 5}> a cg:Statement , cg:IndirectQuote ; "
                     f"schema:text \"words {name} {begin}\" ; prov:wasDerivedFrom <article/{name}> ; "
                     f"nif:beginIndex {begin} ; nif:endIndex {begin + 5} ; cg:cue \"say\" ; {who}"
                     + (f" ; cg:speechAct cg:{act.capitalize()}" if act else "") + " .")
    for begin in range(MENTIONS.get(name, 0)):
        lines.append(f"<article/{name}/mention/{begin}-{begin + 1}> a cg:Mention ; cg:refersTo <person/ada-vell> .")
    if name in MENTIONS:
        lines.append(f"<article/{name}> schema:mentions <person/ada-vell> .")
    return f"<article/{name}> {{\n" + "\n".join(lines) + "\n}\n"


TRIG = f"""
@prefix cg: <https://w3id.org/claimgraph/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@base <{BASE}> .
<person/ada-vell> a schema:Person ; rdfs:label "Ada Vell" .
<person/bo-rask> a schema:Person ; rdfs:label "Bo Rask" .
""" + "".join(_article(name, *facts) for name, facts in ARTICLES.items())


def _without_facets(st) -> None:
    """Make ``st`` a store built with the statement keys but before their facets (version 1)."""
    st.change([q for q in st.quads() if q.predicate in FACETS.values()] + [mark_quad()],
              [ox.Quad(mark_quad().subject, mark_quad().predicate, ox.Literal(1), mark_quad().graph_name)])


def _without_links(st) -> None:
    """Make ``st`` a store built with the statement keys and their facets but before their
    counterparts and roles (version 2)."""
    st.change([q for q in st.quads() if q.predicate.value.startswith((LINK_PREFIX, ROLE_PREFIX))] + [mark_quad()],
              [ox.Quad(mark_quad().subject, mark_quad().predicate, ox.Literal(2), mark_quad().graph_name)])


@pytest.fixture(scope="module", params=["keys", "keys without links", "keys without facets", "no keys"])
def store(request, tmp_path_factory):
    """The store, with its statement keys, their facets, counterparts and roles, as a store
    built before the counterparts and roles, as one built with keys but before their facets,
    and as a store built before the keys (unmarked: the pages are read in SPARQL)."""
    with trig_store(tmp_path_factory.mktemp("reads") / "store", TRIG) as st:
        if request.param == "no keys":
            st.change([mark_quad()], [])
        elif request.param == "keys without facets":
            _without_facets(st)
        elif request.param == "keys without links":
            _without_links(st)
        assert has_keys(st) is (request.param != "no keys")
        assert has_facets(st) is (request.param in ("keys", "keys without links"))
        assert has_links(st) is (request.param == "keys")
        yield st


def _ids(rows: list[dict]) -> list[str]:
    return [str(r["statement"]).removeprefix(BASE + "article/").replace("/statement/", "/").rpartition("-")[0]
            for r in rows]


#: Every statement, newest article first (the undated one last), then by position.
NEWEST_FIRST = [f"{a}/{b}" for a in ("n4", "n2", "n1", "n3") for b in STATEMENTS]


@pytest.mark.parametrize(("chosen", "limit", "offset", "expected"), [
    (StatementFilter(), 100, 0, NEWEST_FIRST),
    (StatementFilter(), 5, 0, NEWEST_FIRST[:5]),
    (StatementFilter(), 5, 5, NEWEST_FIRST[5:10]),
    (StatementFilter(), 5, 15, NEWEST_FIRST[15:]),
    (StatementFilter(), 5, 40, []),
    (StatementFilter(relation="by"), 3, 1, ["n4/30", "n2/10", "n2/30"]),
    (StatementFilter(act="warn"), 100, 0, [i for i in NEWEST_FIRST if i.endswith(("/10", "/40"))]),
    (StatementFilter(since="2024-02"), 100, 0, NEWEST_FIRST[:8]),
    (StatementFilter(until="2024-01"), 100, 0, NEWEST_FIRST[8:12]),
    (StatementFilter(since="2024-02-11", until="2024"), 100, 0, NEWEST_FIRST[:4]),
    (StatementFilter(outlet="news.example.org"), 2, 2, ["n2/30", "n2/40"]),
    (StatementFilter(outlet="Harbour Herald", relation="about", act="praise"), 100, 0, ["n1/20"]),
    (StatementFilter(outlet="nobody"), 100, 0, []),
])
def test_actor_statements_are_filtered_sorted_and_cut(store, chosen, limit, offset, expected):
    assert _ids(actor_statements(store, ADA, chosen, limit, offset)) == expected


@pytest.mark.parametrize(("chosen", "size"), [
    (StatementFilter(), 1), (StatementFilter(), 3), (StatementFilter(), 7), (StatementFilter(act="warn"), 3),
    (StatementFilter(since="2024-02", relation="by"), 2), (StatementFilter(outlet="wire.example.net"), 3),
])
def test_pages_of_both_relations_merge_in_order(store, chosen, size):
    whole = actor_statements(store, ADA, chosen, 1000)
    pages = [r for start in range(0, len(whole) + size, size) for r in actor_statements(store, ADA, chosen, size, start)]
    assert [(r["statement"], r["relation"]) for r in pages] == [(r["statement"], r["relation"]) for r in whole]


@pytest.mark.parametrize(("chosen", "expected"), [
    (StatementFilter(), {"text": "words n4 10", "end": 15, "cue": "say", "kind": "indirect", "act": "warn",
                         "speaker": "Ada Vell", "headline": "Story n4", "outlet": "wire.example.net"}),
    (StatementFilter(relation="about"), {"text": "words n4 20", "act": "praise", "speaker": "Bo Rask",
                                         "date": "2024-02-28", "relation": "about"}),
])
def test_a_page_reads_every_column_of_its_rows(store, chosen, expected):
    row = actor_statements(store, ADA, chosen, 1)[0]
    assert {k: row[k] for k in expected} == expected


@pytest.mark.parametrize(("marker", "relation", "asked", "expected"), [
    ("by", "by", {}, True),
    ("about", "by", {}, False),
    ("act", "about", {"act": ""}, False),
    ("act", "about", {"act": "warn"}, True),
    ("?statement a cg:Statement .", "by", {"act": ""}, True),
])
def test_only_the_lines_of_the_relation_and_the_asked_filters_are_kept(marker, relation, asked, expected):
    assert _keeps(marker, relation, asked) is expected


@pytest.mark.parametrize("chosen", [
    StatementFilter(), StatementFilter(relation="about"), StatementFilter(act="warn", since="2024-02"),
    StatementFilter(until="2024-02-10"), StatementFilter(outlet="wire.example.net"), StatementFilter(act="assert"),
])
def test_facets_count_what_the_pages_show(store, chosen):
    counted = sum(int(f["statements"]) for f in actor_facets(store, ADA) if chosen.keeps(f))
    assert counted == len(actor_statements(store, ADA, chosen, 1000))


@pytest.mark.parametrize("chosen", [
    StatementFilter(), StatementFilter(since="2024-02", relation="by"), StatementFilter(outlet="Harbour Herald"),
])
def test_the_article_rows_the_caller_holds_give_what_the_store_gives(store, chosen):
    held = {str(r["article"]): r for r in articles(store)}
    assert len(held) == len(ARTICLES)
    assert actor_statements(store, ADA, chosen, 100, articles=held) == actor_statements(store, ADA, chosen, 100)
    assert actor_facets(store, ADA, held) == actor_facets(store, ADA)


def test_facets_from_the_keys_are_the_facets_counted_in_sparql(tmp_path):
    with trig_store(tmp_path / "store", TRIG) as st:
        assert has_facets(st)
        keyed = {actor: actor_facets(st, actor) for actor in (ADA, BASE + "person/bo-rask")}
        _without_facets(st)
        assert not has_facets(st)
        assert {actor: actor_facets(st, actor) for actor in keyed} == keyed
        assert keyed[ADA] == [
            {"relation": relation, "act": act or "", "date": date, "outlet": outlet({"publisher": pub, "url": url}),
             "statements": 1}
            for relation, act in sorted(STATEMENTS.values(), key=lambda v: (v[0], v[1] or ""))
            for date, pub, url in sorted(ARTICLES.values(), key=lambda a: (a[0] or "", str(a)))]
        assert add_keys(st) == len(ARTICLES) and has_facets(st)  # written into the store built before them
        assert {actor: actor_facets(st, actor) for actor in keyed} == keyed


@pytest.mark.parametrize("article", sorted(ARTICLES))
def test_the_outlet_in_sparql_is_the_outlet_in_python(store, article):
    _, publisher, url = ARTICLES[article]
    rows = [r for r in actor_statements(store, ADA, StatementFilter(), 1000) if f"/article/{article}/" in r["statement"]]
    assert rows and {r["outlet"] for r in rows} == {outlet({"publisher": publisher, "url": url})}


def test_mentioned_in_counts_each_articles_mentions(store):
    assert mentioned_in(store, ADA) == {f"{BASE}article/{a}": n for a, n in MENTIONS.items()}


#: The query the home page's top speakers came from before (grouped by actor, label and class),
#: counting each statement once (it counted it once per article graph holding the actor's class,
#: times once per graph holding its label: 27 for 3 statements in the small store).
_TOP_SPEAKERS_BEFORE = """
SELECT ?actor ?label ?kindIri (COUNT(DISTINCT ?statement) AS ?statements)
WHERE {
  ?statement a cg:Statement ; prov:wasAttributedTo ?actor .
  ?actor a ?kindIri ; rdfs:label ?label .
  FILTER(?kindIri IN (schema:Person, schema:Organization))
}
GROUP BY ?actor ?label ?kindIri
ORDER BY DESC(?statements) ?label
LIMIT %d"""


@pytest.mark.parametrize("top", [1, 2, 3, 12])
def test_top_speakers_are_those_of_the_query_grouped_by_label_and_class(small_store, top):
    expected = [(r["actor"], r["label"], r["kindIri"], r["statements"])
                for r in small_store.select(_TOP_SPEAKERS_BEFORE % top)]
    found = [(r["actor"], r["label"], r["kindIri"], r["statements"]) for r in top_speakers(small_store, top)]
    assert found == expected
    assert len(found) == min(top, 5)


def test_the_recent_articles_are_the_first_rows_of_every_article(small_store):
    from graph.web.reads import articles, recent_articles
    every = articles(small_store)
    assert every and recent_articles(small_store, 2) == every[:2]
    assert recent_articles(small_store, len(every) + 5) == every


@pytest.mark.parametrize("first", [1, 2, 3])
@pytest.mark.parametrize("top", [1, 3, 12])
def test_top_speakers_are_the_same_when_the_first_counts_run_out(small_store, monkeypatch, top, first):
    expected = top_speakers(small_store, top)
    monkeypatch.setattr("graph.web.reads._FIRST_COUNTS", first)
    assert top_speakers(small_store, top) == expected


def test_the_orders_of_the_articles_mentioning_an_actor_are_their_article_orders(store):
    from graph.web.reads import article_order, mentioned_orders
    orders = mentioned_orders(store, ADA)
    assert orders == {a: article_order(store, a) for a in mentioned_in(store, ADA)}
    assert sorted(orders) == [f"{BASE}article/{a}" for a in MENTIONS]
