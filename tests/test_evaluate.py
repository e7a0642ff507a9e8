"""`claimgraph evaluate` gives the same metrics as the shared scorer on the same graph."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from graph.evaluate import norm_name, norm_text, score
from graph.rdf.store import Store

from .conftest import GOLD, SEEDS, SHARED, needs_shared

SCORER = SHARED / "eval" / "score_gold.py"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("Lt. Gen. Tran Van Minh", "tran van minh"), ("Mr. O’Neill", "o'neill"), ("the Red Cross", "red cross"),
     ("Brudziński", "brudzinski")],
)
def test_norm_name(raw, expected):
    assert norm_name(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [("“Yes,”  he [said]", '"yes," he said'), ("a…b", "a...b")])
def test_norm_text(raw, expected):
    assert norm_text(raw) == expected


@needs_shared(SCORER)
def test_metrics_equal_the_shared_scorer(seed_store, tmp_path):
    export = tmp_path / "seeds.nq"
    with Store.open(seed_store, read_only=True) as store, export.open("wb") as out:
        store.export("nquads", out)
        ours = score(store, GOLD, SEEDS).metrics
    proc = subprocess.run([sys.executable, str(SCORER), str(export), str(GOLD), str(SEEDS),
                           "--json", str(tmp_path / "m.json")], capture_output=True, text=True)
    assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    theirs = {k: v for k, v in json.loads((tmp_path / "m.json").read_text())["metrics"].items() if not k.endswith("_n")}
    assert ours == theirs
