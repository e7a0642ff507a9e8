"""Golden graph: one seed article built alone must give exactly the recorded graph.

The golden file records a reviewed build of one article; any change to ingest, extraction,
identity or mapping that alters its graph fails here with the missing and extra triples.
When a change is intended, review the diff and regenerate the file:

    CLAIMGRAPH_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py
"""

from __future__ import annotations

import io
import os

import pytest
from rdflib import Dataset

from graph.pipeline import build
from graph.rdf.store import Store
from tests.helpers import assert_isomorphic

from .conftest import ROOT, SEEDS

pytestmark = pytest.mark.slow

ARTICLE = SEEDS / "004_08ccd2bd32c245cb.txt"
GOLDEN = ROOT / "tests" / "golden" / f"{ARTICLE.stem}.trig"


def test_one_seed_article_gives_the_golden_graph(tmp_path, nlp):
    with Store.open(tmp_path / "store", create=True) as store:
        report = build([ARTICLE], store, nlp=nlp)
        assert report.ok, report.errors
        out = io.BytesIO()
        store.export("trig", out)
    if os.environ.get("CLAIMGRAPH_UPDATE_GOLDEN"):
        GOLDEN.write_bytes(out.getvalue())
    expected = Dataset().parse(GOLDEN, format="trig")
    actual = Dataset().parse(data=out.getvalue(), format="trig")
    assert_isomorphic(expected, actual)
