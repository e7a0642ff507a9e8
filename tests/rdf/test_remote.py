"""Remote stores: a SPARQL 1.1 server (here the `oxigraph` server, started by the test) as the store."""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.errors import QueryError, StoreError, UnsavedWrites
from graph.pipeline import build
from graph.rdf.open import open_store
from graph.rdf.remote import RemoteStore, endpoints, is_remote
from graph.rdf.store import Store

from tests.helpers import free_port, oxigraph_server

from ..conftest import WIKINEWS, needs_shared, wikinews

CORPUS = wikinews(5)
G = ox.NamedNode("https://example.org/id/article/t1")
S = ox.NamedNode("https://example.org/id/person/ada")
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


@pytest.mark.parametrize(("location", "expected"), [
    ("http://h:7878", {"query": "http://h:7878/query", "update": "http://h:7878/update",
                       "store": "http://h:7878/store"}),
    ("https://h/ds/?query=sparql&update=update&store=data",
     {"query": "https://h/ds/sparql", "update": "https://h/ds/update", "store": "https://h/ds/data"}),
    ("http://h/repositories/r?query=.&update=statements&store=rdf-graphs/service",
     {"query": "http://h/repositories/r/", "update": "http://h/repositories/r/statements",
      "store": "http://h/repositories/r/rdf-graphs/service"}),
])
def test_endpoints_default_to_oxigraph_and_may_be_named(location, expected):
    assert endpoints(location) == expected


def test_unknown_endpoint_names_are_refused():
    with pytest.raises(StoreError, match="unknown endpoint name 'sparql'"):
        endpoints("http://h/ds?sparql=q")


@pytest.mark.parametrize(("location", "remote"), [
    ("http://h:1/", True), ("https://h/x", True), ("store", False), (Path("http"), False), ("./http:/x", False),
])
def test_is_remote_by_the_location_form(location, remote):
    assert is_remote(location) is remote


def test_an_unreachable_server_is_one_clear_error():
    with pytest.raises(StoreError, match="cannot reach the store"):
        open_store(f"http://127.0.0.1:{free_port()}/")


@pytest.fixture
def server(tmp_path):
    with oxigraph_server("serve", "--location", str(tmp_path / "oxigraph"), tries=100) as url:
        yield url


def test_open_store_picks_the_kind_by_the_location(server, tmp_path):
    with open_store(server) as remote, open_store(tmp_path / "local") as local:
        assert type(remote) is RemoteStore and type(local) is Store


def test_replace_quads_change_and_remove_an_article(server):
    with open_store(server) as store:
        store.replace_article(G.value, [ox.Quad(S, LABEL, ox.Literal("Ada"), G),
                                        ox.Quad(S, LABEL, ox.Literal("evidence"), ox.DefaultGraph())])
        store.replace_article(G.value, [ox.Quad(S, LABEL, ox.Literal("Ada L."), G)])
        assert [q.object.value for q in store.quads(S, LABEL, None, G)] == ["Ada L."]
        assert sorted(q.object.value for q in store.quads(S, None, None, None)) == ["Ada L.", "evidence"]
        assert store.articles() == [G.value]
        store.change([ox.Quad(S, LABEL, ox.Literal("Ada L."), G)], [ox.Quad(S, LABEL, ox.Literal("Ada"), G)])
        assert store.select("SELECT ?n WHERE { ?s rdfs:label ?n } ORDER BY ?n") == [{"n": "Ada"}, {"n": "evidence"}]
        store.remove_article(G.value)
        assert store.articles() == [] and len(store) == 1


@pytest.mark.parametrize(("query", "error"), [("SELECT ?x WHERE { ?x", QueryError), ("ASK {}", None)])
def test_queries_run_on_the_server(server, query, error):
    with open_store(server) as store:
        if error:
            with pytest.raises(error, match="bad SPARQL query"):
                store.query(query)
        else:
            assert bool(store.query(query)) is True


def test_a_read_only_remote_store_refuses_writes(server):
    with open_store(server, read_only=True) as store, pytest.raises(StoreError, match="read-only"):
        store.remove_article(G.value)


def _export(store) -> bytes:
    out = io.BytesIO()
    store.export("nquads", out)
    return out.getvalue()


@needs_shared(WIKINEWS)
def test_a_build_on_a_server_equals_a_local_build(server, tmp_path, nlp):
    with open_store(tmp_path / "local") as local:
        first = build(CORPUS, local, nlp=nlp)
        assert first.ok and len(first.added) == len(CORPUS) == 5 and first.statements > 0
        expected = _export(local)
    with open_store(server) as remote:
        report = build(CORPUS, remote, nlp=nlp)
        assert report.ok and len(report.added) == len(CORPUS), report.errors
        assert _export(remote) == expected
        again = build(CORPUS, remote, nlp=nlp)
        assert len(again.skipped) == len(CORPUS) and not again.added


@needs_shared(WIKINEWS)
@pytest.mark.parametrize(("args", "expected"), [
    (["stats"], "articles"),
    (["query", "SELECT ?f WHERE { ?a cg:sourceFile ?f }", "--format", "csv"], "{first_file}"),
    (["said", "--format", "json"], '"speaker"'),
    (["export", "--format", "nquads"], "<https://w3id.org/claimgraph/ontology#contentHash>"),
])
def test_commands_read_a_remote_store(server, nlp, args, expected):
    with open_store(server) as remote:
        assert build(CORPUS, remote, nlp=nlp).ok
    result = CliRunner().invoke(main, [*args, "--store", server])
    assert result.exit_code == 0, result.output
    assert expected.replace("{first_file}", CORPUS[0].name) in result.output


def _counting_updates(monkeypatch) -> list[int]:
    """Count the update requests every RemoteStore sends (the list grows by one each)."""
    sent: list[int] = []
    send = RemoteStore._request

    def counted(self, url, method, body, *args, **kwargs):
        if url == self._endpoints["update"]:
            sent.append(len(body))
        return send(self, url, method, body, *args, **kwargs)

    monkeypatch.setattr(RemoteStore, "_request", counted)
    return sent


def test_writes_reach_the_server_together_at_flush(server, monkeypatch):
    sent = _counting_updates(monkeypatch)
    names = [ox.Literal(f"Ada {i}") for i in range(3)]
    with open_store(server) as store, open_store(server, read_only=True) as reader:
        for name in names:
            store.change([], [ox.Quad(S, LABEL, name, G)])
        assert sorted(q.object.value for q in store.quads(S, LABEL, None, G)) == [n.value for n in names]  # the copy
        assert reader.quads(S, LABEL, None, G) == [] and sent == []
        store.flush()
        assert sorted(q.object.value for q in reader.quads(S, LABEL, None, G)) == [n.value for n in names]
        assert len(sent) == 1


def test_a_write_the_server_does_not_take_is_lost_and_said(server):
    first, second = (ox.Quad(S, LABEL, ox.Literal(name), G) for name in ("Ada", "Ada L."))
    with open_store(server) as store:
        store.change([], [first])
        store.flush()
        store._endpoints["update"] = server + "nowhere"  # the server answers 404
        store.change([], [second])
        with pytest.raises(UnsavedWrites, match="HTTP 404.*not stored"):
            store.flush()
        assert store.quads(S, LABEL, None, G) == [first]  # the local copy is dropped: read from the server
    with open_store(server, read_only=True) as reader:
        assert reader.quads(S, LABEL, None, G) == [first]


def test_a_build_stops_when_the_server_does_not_take_its_writes(server, tmp_path, nlp, monkeypatch):
    for name, text in (("a.txt", "Pier opens\n\nMayor Tamsin Quell said the new pier would open in May.\n"),
                       ("b.txt", "Ferry delayed\n\nCaptain Oren Vask said the ferry would sail a day late.\n")):
        (tmp_path / name).write_text(text, "utf-8")
    monkeypatch.setattr("graph.rdf.remote.FLUSH_QUADS", 1)  # every write is sent at once
    with pytest.raises(UnsavedWrites):
        with open_store(server) as store:
            store._endpoints["update"] = server + "nowhere"
            build([tmp_path / "a.txt", tmp_path / "b.txt"], store, nlp=nlp)
    with open_store(server, read_only=True) as reader:
        assert reader.articles() == []


def test_many_patterns_are_answered_as_the_embedded_store_answers_each(server, tmp_path):
    other = ox.NamedNode(f"{G.value}/other")
    quads = [ox.Quad(S, LABEL, ox.Literal("Ada"), G), ox.Quad(S, LABEL, ox.Literal("Ada L."), G),
             ox.Quad(other, LABEL, ox.Literal(7), G), ox.Quad(S, LABEL, ox.Literal("evidence"), ox.DefaultGraph())]
    patterns = [(S, LABEL, None, G), (None, LABEL, ox.Literal(7), G), (S, None, None, ox.DefaultGraph()),
                (other, LABEL, ox.Literal("Ada"), G), (S, LABEL, ox.Literal("Ada"), G)]
    with open_store(server) as writing, open_store(tmp_path / "local") as local:
        for store in (writing, local):
            store.replace_article(G.value, quads)
        writing.flush()
        with open_store(server, read_only=True) as remote:  # reads the server, not a local copy
            answers = [sorted(map(str, found)) for found in remote.quads_each(patterns)]
        assert answers == [sorted(map(str, local.quads(*p))) for p in patterns]
        assert [len(a) for a in answers] == [2, 1, 1, 0, 1]
