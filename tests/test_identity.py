"""One graph across articles: the seeds in every build order give the same graph."""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.pipeline import build
from graph.rdf.store import Store

from .conftest import SEEDS

pytestmark = pytest.mark.slow

FILES = sorted(SEEDS.glob("*.txt"))
ORDERS = {
    "forward": [FILES],
    "reverse": [FILES[::-1]],
    "one at a time": [[f] for f in FILES[::-1]],
    "two batches": [FILES[2:], FILES[:2]],
}


def _build(tmp_path: Path, groups, nlp) -> bytes:
    with Store.open(tmp_path / "store") as store:
        for group in groups:
            assert build(group, store, nlp=nlp).ok
        buf = io.BytesIO()
        store.export("nquads", buf)
    return buf.getvalue()


@pytest.fixture(scope="module")
def forward(tmp_path_factory, nlp) -> bytes:
    return _build(tmp_path_factory.mktemp("fw"), ORDERS["forward"], nlp)


@pytest.mark.parametrize("order", ["reverse", "one at a time", "two batches"])
def test_build_order_does_not_change_the_graph(order, forward, tmp_path, nlp):
    assert _build(tmp_path, ORDERS[order], nlp) == forward


@pytest.mark.parametrize(("cls", "count"), [("Person", 23), ("Organization", 25), ("Place", 13)])
def test_node_counts(forward, cls, count):
    store = ox.Store()
    store.load(forward, format=ox.RdfFormat.N_QUADS)
    rows = store.query(f"SELECT DISTINCT ?x WHERE {{ GRAPH ?g {{ ?x a <https://schema.org/{cls}> }} }}")
    assert len(list(rows)) == count


@pytest.mark.parametrize(("actor", "articles"), [
    ("person/sar-kheng", 3), ("person/meas-vyrith", 2), ("organization/national-police", 3),
    ("organization/national-authority-for-combating-drugs", 2), ("organization/ministry-of-interior", 4),
])
def test_actors_span_articles(forward, actor, articles):
    store = ox.Store()
    store.load(forward, format=ox.RdfFormat.N_QUADS)
    iri = f"<https://w3id.org/claimgraph/id/{actor}>"
    rows = list(store.query(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?g <https://schema.org/mentions> {iri} }} }}"))
    assert len(rows) == articles


def test_actors_known_by_a_common_noun_stay_in_their_article(tmp_path, nlp):
    """"the fire service" of one article is never resolved into another's, in any order."""
    texts = {
        "a.txt": "Blaze in Varnholt\n\nThree houses burned on Monday, the fire service said.\n",
        "b.txt": "Flood in Ostreva\n\nThe fire service said the river rose two metres overnight.\n",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    rows = []
    for order in (["a.txt", "b.txt"], ["b.txt", "a.txt"]):
        with Store.open(tmp_path / f"store-{order[0]}") as store:
            for name in order:
                assert build([tmp_path / name], store, nlp=nlp).ok
            rows.append(sorted((r["g"], r["actor"]) for r in store.select(
                "SELECT ?g ?actor WHERE { GRAPH ?g { ?actor rdfs:label ?l } FILTER(CONTAINS(LCASE(?l), 'fire service')) }")))
    assert rows[0] == rows[1]
    assert len(rows[0]) == 2 and rows[0][0][1] != rows[0][1][1], rows[0]
    assert all(actor.startswith(graph) for graph, actor in rows[0])
