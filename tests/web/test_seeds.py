"""The browsing app over the seed store (built with the real pipeline): every article, every
statement's permalink and every speaker's page answers, and every statement outlined on its
article page is exactly the stored text between its offsets and its ``schema:text``."""

from __future__ import annotations

import pytest

from graph.rdf._terms import A, IS_STRING, STATEMENT, TEXT, text_graph
from graph.rdf.store import Store
from graph.web.paths import to_path
from tests.web.conftest import make_app, marked_text

BASE = "https://w3id.org/claimgraph/id/"


@pytest.fixture(scope="module")
def seeds(seed_store):
    """(test client, {statement IRI: (schema:text, article text, begin, end)})."""
    spans = {}
    with Store.open(seed_store, read_only=True) as store:
        for q in store.quads(None, A, STATEMENT, None):
            article = q.graph_name.value
            text = store.quads(None, IS_STRING, None, text_graph(article))[0].object.value
            begin, _, end = q.subject.value.rpartition("/")[2].partition("-")
            spans[q.subject.value] = (store.quads(q.subject, TEXT, None, None)[0].object.value, text,
                                      int(begin), int(end))
    return make_app(seed_store).test_client(), spans


def test_every_statement_is_outlined_exactly_in_its_article(seeds):
    client, spans = seeds
    assert len(spans) > 50
    for statement, (text, full, begin, end) in sorted(spans.items()):
        article = statement.rpartition("/statement/")[0]
        response = client.get(to_path(article, BASE), query_string={"at": statement})
        assert response.status_code == 200
        assert marked_text(response.get_data(as_text=True)) == full[begin:end] == text, statement


def test_every_permalink_and_speaker_page_answers(seeds):
    client, spans = seeds
    for statement in sorted(spans):
        response = client.get(to_path(statement, BASE))
        assert response.status_code == 200 and "In context" in response.get_data(as_text=True), statement
    home = client.get("/").get_data(as_text=True)
    speakers = sorted({part.split('"')[0] for part in home.split('href="/id/person/')[1:]})
    assert speakers
    for slug in speakers:
        assert client.get(f"/id/person/{slug}").status_code == 200, slug
