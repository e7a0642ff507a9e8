"""Golden graphs: a seed article built alone must give exactly its recorded graph.

Each file in ``tests/golden/`` records a reviewed build of the seed article of the same
name; any change to ingest, extraction, identity or mapping that alters its graph fails here
with the missing and extra triples. The test never writes them: when a change is intended,
review the diff and regenerate the files with ``scripts/regen_golden.py``.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rdflib import Dataset

from graph.pipeline import build
from graph.rdf.store import Store
from tests.helpers import assert_isomorphic

from .conftest import ROOT, SEEDS

GOLDEN = sorted((ROOT / "tests" / "golden").glob("*.trig"))


def test_there_are_golden_files():
    assert GOLDEN and all((SEEDS / f"{g.stem}.txt").is_file() for g in GOLDEN)


@pytest.mark.parametrize("golden", GOLDEN, ids=[g.stem for g in GOLDEN])
def test_one_seed_article_gives_the_golden_graph(tmp_path: Path, nlp, golden: Path):
    with Store.open(tmp_path / "store", create=True) as store:
        report = build([SEEDS / f"{golden.stem}.txt"], store, nlp=nlp)
        assert report.ok and report.added == [golden.stem], report.errors
        out = io.BytesIO()
        store.export("trig", out)
    expected = Dataset().parse(golden, format="trig")
    actual = Dataset().parse(data=out.getvalue(), format="trig")
    assert_isomorphic(expected, actual)
