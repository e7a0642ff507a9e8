"""The view and network commands: view, network, central, path (on the small fixture store)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.view import DEFAULT_MAX_NODES
from tests.helpers import OKONKWO, SMALL, trig_store


@pytest.fixture
def store(tmp_path: Path) -> str:
    """The folder of a closed store holding the small fixture."""
    trig_store(tmp_path / "store", SMALL.read_text("utf-8")).close()
    return str(tmp_path / "store")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("options, nodes, edges, left_out", [
    ([], 11, 15, 0),
    (["--max-nodes", "4"], 4, 5, 7),
    (["--focus", "Eastvale", "--hops", "1"], 3, 2, 0),
    (["--article", "a2.txt"], 5, 5, 0),
    (["--co-mentions"], 11, 42, 0),
    (["--link-base", "/id/"], 11, 15, 0),
])
def test_view_writes_the_page_and_says_where(store: str, tmp_path: Path, options: list[str], nodes: int,
                                             edges: int, left_out: int) -> None:
    out = tmp_path / "view.html"
    code, stdout, _ = run("view", "--store", store, *options, "-o", str(out))
    assert code == 0
    assert stdout.startswith(f"wrote {out}: {nodes} actors, {edges} links")
    assert (f"{left_out} more left out" in stdout) == bool(left_out)
    page = out.read_text("utf-8")
    assert f"{nodes} actors, {edges} links" in page
    assert (f"{left_out} of 11 actors left out" in page) == bool(left_out)
    assert ('"href": "/id/person/maria-okonkwo"' in page) == ("--link-base" in options)


def test_view_help_states_the_default_max_nodes() -> None:
    assert f"(default: {DEFAULT_MAX_NODES})" in run("view", "--help")[1]


@pytest.mark.parametrize("args, message", [
    (["view", "--focus", "Okonkow"], "no actor named 'Okonkow' in the graph; did you mean 'Okonkwo', "),
    (["view", "--article", "a9.txt"], "no article 'a9.txt' in the store"),
    (["path", "Maria Okonkwo", "Jon Baker"], "no actor named 'Jon Baker' in the graph; did you mean 'Jon Bakker', "),
    (["path", "Nobody", "Maria Okonkwo"], "no actor named 'Nobody'"),
    (["view", "--hops", "-1"], "Invalid value for '--hops'"),
    (["view", "--link-base", "javascript:alert(1)//"], "link base 'javascript:alert(1)//' is not an http(s) or "),
    (["network", "--format", "dot"], "Invalid value for '--format'"),
    (["central", "--top", "0"], "Invalid value for '--top'"),
])
def test_mistakes_give_one_line(store: str, tmp_path: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, [*args, "--store", store])
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output
    if result.exit_code == 1:
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("claimgraph: error: ")


@pytest.mark.parametrize("fmt, read", [
    ("graphml", nx.read_graphml),
    ("gexf", nx.read_gexf),
    ("json", lambda p: nx.node_link_graph(json.loads(Path(p).read_text("utf-8")), edges="edges")),
])
def test_network_export_to_a_file(store: str, tmp_path: Path, fmt: str, read) -> None:
    out = tmp_path / f"actors.{fmt}"
    assert run("network", "--store", store, "--format", fmt, "-o", str(out))[0] == 0
    G = read(out)
    assert (len(G), G.number_of_edges(), G.nodes[OKONKWO]["label"]) == (11, 15, "Maria Okonkwo")


def test_network_export_to_stdout_with_co_mentions(store: str) -> None:
    code, stdout, _ = run("network", "--store", store, "--format", "json", "--co-mentions")
    data = json.loads(stdout)
    assert (code, len(data["nodes"]), len(data["edges"])) == (0, 11, 42)


def test_central_table(store: str) -> None:
    code, stdout, _ = run("central", "--store", store, "--top", "3")
    lines = stdout.splitlines()
    assert code == 0
    assert lines[0].split() == ["actor", "kind", "pagerank", "degree", "betweenness", "said", "about"]
    assert [re.split(r"\s{2,}", line)[0] for line in lines[2:5]] == [
        "Maria Okonkwo", "Ministry of Transport", "Ana Ferreira"]
    assert re.split(r"\s{2,}", lines[2])[3:] == ["6", "0.5815", "3", "1"]


def test_central_json(store: str) -> None:
    code, stdout, _ = run("central", "--store", store, "--top", "2", "--format", "json")
    rows = json.loads(stdout)
    assert (code, [r["node"] for r in rows][0], len(rows)) == (0, OKONKWO, 2)
    assert set(rows[0]) == {"node", "label", "kind", "pagerank", "degree", "betweenness", "n_said", "n_about"}


@pytest.mark.parametrize("a, b, lines", [
    ("Tomas Lindqvist", "ms. okonkwo",
     ['1. Tomas Lindqvist criticise → Maria Okonkwo: "The minister has ignored our demands for months." '
      "(Port strike enters its second week, 2023-05-04)"]),
    ("Ana Ferreira", "Ministry of Finance",
     ["1. Ana Ferreira member of Ministry of Finance as Finance Minister (Minister defends budget cuts, 2023-05-06)"]),
])
def test_path_text(store: str, a: str, b: str, lines: list[str]) -> None:
    code, stdout, _ = run("path", a, b, "--store", store)
    assert (code, stdout.splitlines()) == (0, lines)


def test_path_json(store: str) -> None:
    code, stdout, _ = run("path", "Jon Bakker", "Ana Ferreira", "--store", store, "--format", "json")
    hops = json.loads(stdout)
    assert code == 0
    assert [(h["from_label"], h["to_label"], h["relation"], h["direction"]) for h in hops] == [
        ("Jon Bakker", "Ministry of Transport", "said_about", "forward"),
        ("Ministry of Transport", "Ana Ferreira", "said_about", "backward")]


def test_path_not_connected(tmp_path: Path) -> None:
    trig = SMALL.read_text("utf-8").split("<article/a1> {")[0] + """
<article/z> { <article/z> a schema:NewsArticle ; cg:sourceFile "z.txt" .
  <person/p> a schema:Person ; rdfs:label "Pat Quill" .
  <person/q> a schema:Person ; rdfs:label "Quin Rhee" . }"""
    trig_store(tmp_path / "store", trig).close()
    code, stdout, stderr = run("path", "Pat Quill", "Quin Rhee", "--store", str(tmp_path / "store"))
    assert (code, stdout, stderr) == (1, "", "Pat Quill and Quin Rhee are not connected\n")
