"""The article's private text graph: the text its offsets index and its boilerplate spans,
replaced and dropped with the article, listed as no article, exported only when asked."""

from __future__ import annotations

import io

import pytest

from graph.rdf._terms import A, BEGIN, END, IS_STRING, NEWS_ARTICLE, Quad, iri, is_private_graph, text_graph
from graph.rdf.ids import Ids
from graph.rdf.mapping import text_quads
from graph.rdf.store import Store
from graph.records import Article, Span

IDS = Ids()
TEXT = "Menu | Home\nThe mayor said the bridge \u2028 will <b>open</b> soon.\nPhoto: A. Lens"
ARTICLE = Article(id="a1", source_file="a1.txt", text=TEXT, boilerplate=[Span(0, 11), Span(63, 77)])


def test_text_quads_hold_the_exact_text_and_boilerplate_spans():
    quads = text_quads(ARTICLE, IDS)
    graph = text_graph(IDS.article("a1"))
    assert {q.graph_name for q in quads} == {graph}
    assert [q.object.value for q in quads if q.predicate == IS_STRING] == [TEXT]
    spans = sorted((int(b.object.value), int(e.object.value)) for b in quads if b.predicate == BEGIN
                   for e in quads if e.predicate == END and e.subject == b.subject)
    assert spans == [(0, 11), (63, 77)]


@pytest.mark.parametrize("with_text, expected", [(False, 0), (True, 1)])
def test_export_leaves_the_text_out_unless_asked(tmp_path, with_text, expected):
    with Store.open(tmp_path / "s") as store:
        store.replace_article(IDS.article("a1"), text_quads(ARTICLE, IDS))
        out = io.BytesIO()
        store.export("nquads", out, with_text=with_text)
    assert out.getvalue().decode("utf-8").count("open</b> soon") == expected


def test_replace_and_remove_take_the_text_graph_along(tmp_path):
    article = IDS.article("a1")
    changed = Article(id="a1", source_file="a1.txt", text="Another text.")
    node = Quad(iri(article), A, NEWS_ARTICLE, iri(article))
    with Store.open(tmp_path / "s") as store:
        store.replace_article(article, [node, *text_quads(ARTICLE, IDS)])
        store.replace_article(article, [node, *text_quads(changed, IDS)])  # replaced, not added to
        assert [q.object.value for q in store.quads(None, IS_STRING, None, None)] == ["Another text."]
        assert store.articles() == [article] and is_private_graph(text_graph(article))
        store.remove_article(article)
        assert store.quads(None, None, None, text_graph(article)) == []
