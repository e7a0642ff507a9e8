"""notebooks/explore.ipynb runs from top to bottom (nbclient, the venv's python3 kernel) and
shows what it promises: counts, who said what, a timeline plot, the view and a ranking."""

from __future__ import annotations

import re

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


@pytest.fixture(scope="module")
def outputs() -> dict[str, list]:
    """The executed notebook's outputs, by cell tag (fails on any cell error)."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    return {cell.metadata["tags"][0]: cell.outputs for cell in nb.cells if cell.cell_type == "code"}


def text(outputs: list) -> str:
    return "".join(o.get("text", "") + o.get("data", {}).get("text/plain", "") for o in outputs)


@pytest.mark.parametrize("tag, pattern", [
    ("build", r"^5 articles, [1-9]\d* statements, [1-9]\d* statistics"),
    ("stats", r"'statements': [1-9]"),
    ("sparql", r"^speaker\s+act\s+target\s+text\n-+"),
    ("said", r"\[\w+, \w+\] about .+: “.+” \(.+\)"),
    ("view", r"^[1-9]\d* actors, [1-9]\d* links in .+seed-view\.html"),
    ("central", r"^actor\s+kind\s+pagerank\s+degree\s+betweenness\s+said\s+about\n(?:.*\n){10}"),
    ("path", r"→|member of|mentioned together"),
])
def test_cell_prints(outputs: dict[str, list], tag: str, pattern: str) -> None:
    assert re.search(pattern, text(outputs[tag]), re.MULTILINE)


def test_timeline_is_a_plot(outputs: dict[str, list]) -> None:
    assert any("image/png" in o.get("data", {}) for o in outputs["timeline"])


def test_view_is_inline_and_self_contained(outputs: dict[str, list]) -> None:
    (page,) = [o["data"]["text/html"] for o in outputs["view"] if "text/html" in o.get("data", {})]
    assert page.startswith("<iframe srcdoc=") and "vis.Network" in page
    assert not re.search(r"(?:src|href)=&quot;(?:https?:)?//", page)


def test_notebook_is_stored_without_outputs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not cell.get("outputs") for cell in nb.cells if cell.cell_type == "code")
