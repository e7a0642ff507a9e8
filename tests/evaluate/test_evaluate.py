"""`claimgraph evaluate` gives the same metrics as the shared scorer on the same graph."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

from graph.evaluate import score
from graph.lexicon import lexicon
from graph.rdf.store import Store

from ..conftest import GOLD, SEEDS, SHARED, needs_shared

SCORER = SHARED / "eval" / "score_gold.py"


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


@needs_shared(SCORER)
def test_word_lists_mirror_the_shared_scorer():
    spec = importlib.util.spec_from_file_location("score_gold", SCORER)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    words = lexicon().scoring
    assert words.leading_honorific.pattern == scorer.HONORIFICS
    assert dict(words.mass_units) == scorer.UNITS
