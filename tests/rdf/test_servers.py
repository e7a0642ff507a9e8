"""Remote stores on two independent SPARQL servers, started here: the Oxigraph server and
Debian's Virtuoso 7 (``make virtuoso`` installs it). Each is built into from the seeds once
per run; its export and the answers of ``said``, ``entity`` and ``view`` must equal those of
the embedded store built from the same articles."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.errors import StoreError
from graph.pipeline import build
from graph.rdf._terms import DEFAULT_GRAPH, own_graphs
from graph.rdf.open import open_store

from tests.helpers import VIRTUOSO, oxigraph_server, virtuoso_server

from ..conftest import SEEDS

SERVERS = ("oxigraph", "virtuoso")
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


def _start(kind: str, folder: Path):
    if kind == "oxigraph":
        return oxigraph_server("serve", "--location", str(folder))
    if not Path(VIRTUOSO).exists():
        reason = f"needs Debian's virtuoso-opensource-7 ({VIRTUOSO}): run `make virtuoso` (root or sudo)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return virtuoso_server(folder)


@pytest.fixture(scope="session", params=SERVERS)
def built_server(request, tmp_path_factory, nlp):
    """The location of a server (one of :data:`SERVERS`) built from the seeds (treat as read-only)."""
    with _start(request.param, tmp_path_factory.mktemp(request.param)) as location:
        with open_store(location) as store:
            report = build([SEEDS], store, nlp=nlp)
        assert report.ok and len(report.added) == 5, report.errors
        yield location


def _run(store: object, *args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--store", str(store)])
    assert result.exit_code == 0, result.output
    return result.output


def _speakers(store: object) -> list[str]:
    return sorted({row["speaker"] for row in json.loads(_run(store, "said", "--format", "json"))})


@pytest.mark.parametrize("options", [(), ("--with-index", "--with-text"), ("--format", "trig")])
def test_a_server_exports_the_quads_of_the_embedded_build(built_server, seed_store, options):
    exported = _run(built_server, "export", *options)
    assert exported.count("\n") > 1000
    assert exported == _run(seed_store, "export", *options)


@pytest.mark.parametrize("command", [("said", "--format", "json"), ("said", "--by", "{speaker}"),
                                     ("said", "--about", "{speaker}"), ("entity", "{speaker}", "--format", "json")])
def test_a_server_answers_as_the_embedded_store(built_server, seed_store, command):
    speaker = _speakers(seed_store)[0]
    args = [arg.format(speaker=speaker) for arg in command]
    assert _run(built_server, *args).replace(built_server, "STORE") == _run(seed_store, *args).replace(str(seed_store), "STORE")


def test_a_server_counts_as_the_embedded_store_but_its_own_records(built_server, seed_store):
    # The embedded store keeps two quads of its own in urn:claimgraph:store (its layout
    # version, and that its articles have their statement keys); a server holds the
    # articles' quads only. On Virtuoso, its system graphs do not count and the default
    # graph's stand-in counts as the default graph.
    served, embedded = (dict(line.rsplit(None, 1) for line in _run(store, "stats").splitlines())
                        for store in (built_server, seed_store))
    assert {k: int(v) for k, v in served.items()} == {
        k: int(v) - 2 * (k in ("private graph quads", "quads")) for k, v in embedded.items()}


def test_a_server_draws_the_view_of_the_embedded_store(built_server, seed_store, tmp_path):
    pages = [tmp_path / "remote.html", tmp_path / "embedded.html"]
    for store, page in zip((built_server, seed_store), pages):
        _run(store, "view", "-o", str(page))
    assert pages[0].stat().st_size > 10_000
    assert pages[0].read_text("utf-8") == pages[1].read_text("utf-8")


def test_building_the_same_articles_again_changes_nothing(built_server, nlp):
    before = _run(built_server, "export")
    with open_store(built_server) as store:
        again = build([SEEDS], store, nlp=nlp)
    assert len(again.skipped) == 5 and not again.added
    assert _run(built_server, "export") == before


def test_a_server_takes_a_change_larger_than_one_data_block(built_server):
    graph = ox.NamedNode("https://example.org/id/article/scratch")
    quads = [ox.Quad(ox.NamedNode(f"https://example.org/id/person/p{i}"), LABEL, ox.Literal(f"name {i}", language="en"),
                     graph) for i in range(6000)]
    with open_store(built_server) as store:
        try:
            store.change([], quads)
            assert len(store.quads(None, LABEL, None, graph)) == 6000
            store.change(quads[:5500], [])
            assert len(store.quads(None, LABEL, None, graph)) == 500
        finally:
            store.remove_article(graph.value)


@pytest.mark.parametrize("built_server", ["virtuoso"], indirect=True)
def test_an_answer_the_server_cut_short_is_an_error(built_server):
    capped = built_server.replace("query=sparql&", "query=sparql%3Fmaxrows%3D100&")
    with open_store(capped) as store, pytest.raises(StoreError, match="cut the results short .X-SPARQL-MaxRows: 100"):
        store.export("nquads", io.BytesIO())


@pytest.mark.parametrize("built_server", ["virtuoso"], indirect=True)
def test_an_export_reads_graph_by_graph(built_server, seed_store):
    # capped just above the largest graph, Virtuoso cannot send the whole store in one answer
    with open_store(seed_store, create=False, read_only=True) as store:
        graphs = [DEFAULT_GRAPH, *(graph for article in store.articles() for graph in own_graphs(article))]
        largest = max(len(store.quads(graph=graph)) for graph in graphs)
    capped = built_server.replace("query=sparql&", f"query=sparql%3Fmaxrows%3D{largest + 1}&")
    options = ("--with-index", "--with-text")
    assert _run(capped, "export", *options) == _run(seed_store, "export", *options)


def _long_article(words: int = 14_000) -> str:
    """An invented article of about 80 KB: its text graph holds a literal over 64 KB."""
    people = ("Mayor Tamsin Quell", "Harbourmaster Oren Vask", "Councillor Ilse Marrow")
    lines = [f"{people[i % 3]} said on Monday that pier {i} at Gullhaven would reopen in {2030 + i % 9}, "
             f"and that repairs would cost {i + 3} million dollars." for i in range(words // 25)]
    return "Gullhaven piers to reopen\n\n" + "\n\n".join(lines) + "\n"


def test_a_server_takes_a_literal_over_64_kb(built_server):
    # Virtuoso's Graph Store endpoint refuses such a graph ("unsupported type text/plain")
    article = "https://example.org/id/article/long-scratch"
    text = ox.Literal(_long_article())
    assert len(text.value.encode("utf-8")) > 65_536
    quad = ox.Quad(ox.NamedNode(article), LABEL, text, ox.NamedNode(article))
    with open_store(built_server) as store:
        store.replace_article(article, [quad])
    try:
        with open_store(built_server, read_only=True) as reader:
            assert reader.quads(graph=ox.NamedNode(article)) == [quad]
    finally:
        with open_store(built_server) as store:
            store.remove_article(article)


@pytest.mark.parametrize("kind", SERVERS)
def test_a_long_article_builds_into_a_server_as_into_the_embedded_store(kind, tmp_path, nlp):
    source = tmp_path / "long.txt"
    source.write_text(_long_article(), "utf-8")
    with open_store(tmp_path / "embedded") as store:
        assert build([source], store, nlp=nlp).ok
    options = ("--with-index", "--with-text")
    with _start(kind, tmp_path / kind) as location:
        with open_store(location) as store:
            report = build([source], store, nlp=nlp)
        assert report.ok and report.added == ["long"], report.errors
        assert _run(location, "export", *options) == _run(tmp_path / "embedded", "export", *options)


def test_a_server_answers_hundreds_of_patterns_at_once_as_the_embedded_store(built_server, seed_store):
    with open_store(seed_store, read_only=True) as local, open_store(built_server, read_only=True) as remote:
        articles = [ox.NamedNode(a) for a in local.articles()]
        begins = [(q.subject, p, None, q.graph_name) for a in articles
                  for q in local.quads(None, ox.NamedNode("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/"
                                                          "nif-core#beginIndex"), None, a)
                  for p in (q.predicate, None)]  # its offset, and every quad of its node
        patterns = begins[:600] + [(None, LABEL, None, ox.DefaultGraph())]
        answers = remote.quads_each(patterns)
        assert len(patterns) > 500 and all(answers[:-1])  # several requests of PATTERNS_CHUNK
        assert [sorted(map(str, a)) for a in answers[:-1]] == [sorted(map(str, local.quads(*p))) for p in patterns[:-1]]
        assert {q.object for q in answers[-1]} == {q.object for q in local.quads(*patterns[-1])}
