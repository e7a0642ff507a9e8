"""The lists the browsing app reads for its listing pages without reading every row: the
roles a page shows (:func:`graph.web.reads.role_titles`, :meth:`graph.web.site.Site.roles`),
the names a search matches, the latest articles, the counts and the most quoted, and the
links of a neighbourhood view read from the statement keys: each equal to what the full
read gives, over an invented store."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.entity import roles
from graph.query import load_query
from graph.rdf.statement_keys import has_links, key_range
from graph.web import neighbours, reads
from graph.web.site import Site
from tests.helpers import trig_store

BASE = "https://w3id.org/claimgraph/id/"
#: Person slug -> label; every one holds roles.
PEOPLE = {"ada-vell": "Ada Vell", "bo-rask": "Bo Rask", "cy-orm": "Cy Orm", "di-lund": "Di Lund"}
#: (article, date or None, role start, person, title as written, organisation or None).
ROLES = [
    ("r1", "2024-03-01", 10, "bo-rask", "Harbour Master", "guild"),
    ("r1", "2024-03-01", 40, "ada-vell", "harbour master", None),
    ("r2", "2024-01-09", 5, "cy-orm", "Harbour Master", None),
    ("r2", "2024-01-09", 90, "cy-orm", "Warden", "guild"),
    ("r3", None, 7, "di-lund", "warden", None),
    ("r3", None, 70, "ada-vell", "Archivist", None),
    ("r4", "2024-03-01", 3, "ada-vell", "Harbour Master", None),
    ("r4", "2024-03-01", 30, "di-lund", "Zither Keeper", "guild"),
    ("r5", "2023-12-31", 12, "bo-rask", "WARDEN", None),
]
#: Article -> date (None: undated); r6 and r7 share a date with r1 and r4.
DATES = {"r1": "2024-03-01", "r2": "2024-01-09", "r3": None, "r4": "2024-03-01", "r5": "2023-12-31",
         "r6": "2024-03-01", "r7": "2022-05-05"}

#: (article, start, speaker, whom it is about, speech act or None): invented statements; one
#: about two actors, one about its own speaker, one about nobody, one with no speech act.
STATEMENTS = [
    ("r1", 100, "ada-vell", ("bo-rask", "guild"), "Criticise"),
    ("r1", 200, "bo-rask", ("ada-vell",), None),
    ("r2", 100, "ada-vell", ("ada-vell",), "Assert"),
    ("r3", 100, "cy-orm", ("ada-vell", "bo-rask"), "Warn"),
    ("r6", 100, "guild", ("cy-orm",), "Deny"),
    ("r6", 300, "di-lund", (), "Assert"),
]


#: Actor slug -> its name in the articles' name index.
LABELS = {**PEOPLE, "guild": "Lantern Guild"}


def _actor(slug: str) -> str:
    return f"<{'organization' if slug == 'guild' else 'person'}/{slug}>"


PREFIXES = """@prefix cg: <https://w3id.org/claimgraph/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def _trig() -> str:
    people = "".join(f'<person/{slug}> a schema:Person ; rdfs:label "{label}" ; skos:altLabel "{label.split()[1]}" .\n'
                     for slug, label in PEOPLE.items())
    people += '<organization/guild> a schema:Organization ; rdfs:label "Lantern Guild" ; skos:altLabel "Guild" .\n'
    people += '<place/vellmark> a schema:Place ; rdfs:label "Vellmark" .\n'
    out = [PREFIXES, f"@base <{BASE}> .\n", people]
    for article, date in DATES.items():
        lines = [f'<article/{article}> a schema:NewsArticle ; cg:sourceFile "{article}.txt" ; '
                 f'schema:headline "Tide {article}"'
                 + (f' ; schema:datePublished "{date}"^^xsd:date' if date else "") + " ."]
        for name, when, begin, person, title, org in ROLES:
            if name == article:
                lines.append(f'<article/{article}/role/{begin}-{begin + 4}> a cg:Role ; org:member <person/{person}> ; '
                             f'cg:title "{title}" ; prov:wasDerivedFrom <article/{article}> ; nif:beginIndex {begin} ; '
                             f'nif:endIndex {begin + 4}' + (f' ; cg:validAt "{when}"^^xsd:date' if when else "")
                             + (f" ; org:organization <organization/{org}>" if org else "") + " .")
        for name, begin, speaker, about, act in STATEMENTS:
            if name == article:
                lines.append(f'<article/{article}/statement/{begin}-{begin + 9}> a cg:Statement ; '
                             f'schema:text "words {begin}" ; prov:wasAttributedTo {_actor(speaker)} ; '
                             f'prov:wasDerivedFrom <article/{article}> ; nif:beginIndex {begin} ; '
                             f'nif:endIndex {begin + 9}' + "".join(f" ; schema:about {_actor(a)}" for a in about)
                             + (f" ; cg:speechAct cg:{act}" if act else "") + " .")
        named = sorted({r[3] for r in ROLES if r[0] == article} | {x for st in STATEMENTS if st[0] == article
                                                                    for x in (st[2], *st[3])})
        lines += [f"<article/{article}> schema:mentions {_actor(slug)} ." for slug in named]
        index = f"urn:claimgraph:index:{BASE}article/{article}"
        out.append(f"<{index}> {{\n" + "".join(
            f'<{index}#{slug}> cg:indexOf {_actor(slug)} ; cg:localName "{LABELS[slug]}", "{LABELS[slug].split()[-1]}" .\n'
            for slug in named) + "}\n")
        out.append(f"<article/{article}> {{\n" + "\n".join(lines) + "\n}\n")
    return "".join(out)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    location = Path(tmp_path_factory.mktemp("summaries")) / "store"
    trig_store(location, _trig()).close()
    made = Site(location)
    yield made
    made.close()


def _rows(rows: list[dict]) -> list[tuple]:
    keys = ("person", "title", "organization", "date", "file", "begin", "end", "personIri", "role")
    return [tuple(str(r.get(k)) for k in keys) for r in rows]


@pytest.mark.parametrize("title", ["", "harbour master", "WARDEN", "Archivist", "no such title"])
@pytest.mark.parametrize("size", [1, 2, 4, 100])
def test_role_pages_are_the_rows_of_the_roles_query_in_its_order(site, title, size):
    expected = _rows(roles(site.store, title=title or None))
    _, total = site.roles(title, 0, 0)
    pages = [site.roles(title, start, start + size)[0] for start in range(0, total, size)]
    assert total == len(expected)
    assert [len(p) for p in pages] == [min(size, total - start) for start in range(0, total, size)]
    assert _rows([r for p in pages for r in p]) == expected


def test_role_titles_fold_their_spellings_in_the_queries_order(site):
    assert [(folded, count) for folded, _, count in site.role_titles] == [
        ("archivist", 1), ("harbour master", 4), ("warden", 3), ("zither keeper", 1)]
    assert dict((f, s) for f, s, _ in site.role_titles)["warden"] == ["WARDEN", "Warden", "warden"]


@pytest.mark.parametrize("words", ["Vell", "vell", "LUND", "guild", "r", "no such name"])
def test_names_matched_in_the_store_are_those_of_every_name(site, words):
    every = [r for r in site.names if words.casefold() in str(r["name"]).casefold()]
    key = lambda r: (str(r["name"]), str(r["actor"]), str(r["label"]), r["kind"])  # noqa: E731
    assert sorted(map(key, reads.names_with(site.store, words))) == sorted(map(key, every))


@pytest.mark.parametrize("top", [1, 2, 3, 4, 6, 7, 10])
def test_latest_articles_are_the_first_of_every_article(site, top):
    expected = [(r["date"], r["file"]) for r in reads.articles(site.store)[:top]]
    assert [(r["date"], r["file"]) for r in reads.recent_articles(site.store, top)] == expected


def test_counts_are_those_of_the_stats_query(site):
    rows = site.store.select(load_query("stats"))
    assert reads.counts(site.store) == {k: int(v or 0) for k, v in rows[0].items()}


def test_every_name_is_a_row_of_the_names_query(site):
    key = lambda r: (str(r["name"]), str(r["actor"]), str(r["label"]), str(r["kind"]))  # noqa: E731
    expected = [{**r, "kind": reads.KINDS.get(str(r["kindIri"]), "")}
                for r in site.store.select(load_query("web_names"))]
    assert sorted(map(key, reads.every_name(site.store))) == sorted(map(key, expected)) and expected


@pytest.mark.parametrize("actor", [*(f"person/{p}" for p in PEOPLE), "organization/guild", "place/vellmark"])
def test_neighbourhood_links_from_the_keys_are_those_of_the_articles_graphs(site, actor):
    assert has_links(site.store)
    keyed = neighbours._key_links(key_range(site.store, BASE + actor), BASE + actor)
    read = neighbours._links(site.store, BASE + actor)
    assert dict(keyed) == dict(read)
    assert read or actor in ("person/di-lund", "place/vellmark")  # one speaks about nobody, one is named by none


@pytest.mark.parametrize("actor", [*(f"person/{p}" for p in PEOPLE), "organization/guild", "place/vellmark"])
def test_roles_from_the_keys_are_those_of_the_articles_graphs(site, actor):
    node = BASE + actor
    key = lambda rows: sorted(map(str, rows))  # noqa: E731
    read = neighbours._roles(site.store, node)
    assert {p: key(r) for p, r in neighbours._key_roles(key_range(site.store, node), node).items()} == {
        p: key(r) for p, r in read.items()}
    assert read or actor in ("person/ada-vell", "person/cy-orm", "place/vellmark")


@pytest.mark.parametrize("actor", [*(f"person/{p}" for p in PEOPLE), "organization/guild", "place/vellmark"])
def test_names_and_articles_from_the_keys_are_those_of_the_articles_graphs(site, actor):
    node = BASE + actor
    read = site.store.select(reads.with_actor(load_query("web_actor_names"), node))
    assert [{k: v for k, v in r.items() if k != "file"} for r in reads._names(site.store, node)] == [
        {k: v for k, v in r.items() if k != "one"} for r in read]
    orders = {str(r["article"]): (str(r.get("date") or ""), str(r["file"]))
              for r in site.store.select(reads.with_actor(reads._MENTIONED_ORDERS, node))}
    assert reads.mentioned_orders(site.store, node) == orders
    assert (read and orders) or actor == "place/vellmark"
