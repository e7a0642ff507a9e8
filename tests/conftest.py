"""Shared fixtures: paths, the real spaCy model, and stores built from the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "gold"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    """The real spaCy pipeline, loaded once for the whole run."""
    from graph.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory, nlp):
    """A store built once from seeds/ (treat as read-only)."""
    from graph.pipeline import build
    from graph.rdf.store import Store

    path = tmp_path_factory.mktemp("seed-store") / "store"
    with Store.open(path, create=True) as store:
        report = build([SEEDS], store, nlp=nlp)
    assert report.ok, report.errors
    return path


@pytest.fixture
def small_store(tmp_path: Path):
    """A store holding tests/fixtures/small.trig (three invented articles)."""
    from tests.helpers import SMALL, trig_store

    with trig_store(tmp_path / "small-store", SMALL.read_text("utf-8")) as store:
        yield store


@pytest.fixture
def small_graph(small_store):
    """The whole actor graph of the small store."""
    from graph.network import actor_graph

    return actor_graph(small_store)


@pytest.fixture
def hostile_graph(tmp_path: Path):
    """The actor graph of the small store plus an article whose texts carry markup."""
    from graph.network import actor_graph
    from tests.helpers import HOSTILE, SMALL, trig_store

    with trig_store(tmp_path / "hostile-store", SMALL.read_text("utf-8"), HOSTILE) as store:
        return actor_graph(store)
