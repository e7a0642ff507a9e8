"""Both stores implement the GraphStore interface, and neither store module imports the other."""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

from graph.rdf.base import GraphStore
from graph.rdf.remote import RemoteStore
from graph.rdf.store import Store

GRAPH = Path(__file__).parents[2] / "graph"

#: Every member of the interface (dunders included), read from the Protocol itself.
MEMBERS = sorted(name for name, value in vars(GraphStore).items()
                 if (callable(value) or isinstance(value, property))
                 and (not name.startswith("_") or name in ("__enter__", "__exit__", "__len__")))


def _parameters(function: object) -> list[tuple[str, object, object]]:
    return [(p.name, p.kind, p.default) for p in inspect.signature(function).parameters.values()]


def test_the_interface_is_what_the_code_uses():
    assert MEMBERS == sorted([
        "__enter__", "__exit__", "__len__", "article_hash", "articles", "change", "checkpoint", "close",
        "describe", "export", "location", "optimize", "ordered_quads", "quad_counts", "query", "quads", "quads_each",
        "read_only", "remove_article", "replace_article", "select"])


@pytest.mark.parametrize("cls", [Store, RemoteStore])
@pytest.mark.parametrize("name", [m for m in MEMBERS if callable(vars(GraphStore)[m])])
def test_each_store_has_the_method_with_the_same_parameters(cls: type, name: str) -> None:
    assert _parameters(getattr(cls, name)) == _parameters(getattr(GraphStore, name))


def test_an_open_store_is_a_graph_store(tmp_path) -> None:
    with Store.open(tmp_path / "s") as store:
        assert isinstance(store, GraphStore)
    assert isinstance(RemoteStore("http://127.0.0.1:9/"), GraphStore)


def test_something_else_is_not_a_graph_store() -> None:
    assert not isinstance(object(), GraphStore)


@pytest.mark.parametrize(("module", "must_not_load"), [
    ("graph.rdf.store", "graph.rdf.remote"),
    ("graph.rdf.remote", "graph.rdf.store"),
    ("graph.rdf.base", "graph.rdf.store"),
    ("graph.rdf.base", "graph.rdf.remote"),
    ("graph.rdf._sparql", "graph.rdf.store"),
    ("graph.rdf._export", "rdflib"),
    ("graph.query", "rdflib"),
    ("graph.query", "spacy"),
])
def test_importing_a_module_alone_does_not_load(module: str, must_not_load: str) -> None:
    code = f"import sys, {module}; print({must_not_load!r} in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    return {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names} | \
        {(node.module or "").split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}


def test_pyoxigraph_is_imported_only_inside_graph_rdf() -> None:
    outside = {str(p.relative_to(GRAPH)) for p in GRAPH.rglob("*.py")
               if p.relative_to(GRAPH).parts[0] != "rdf" and "pyoxigraph" in _imports(p)}
    assert outside == set()
