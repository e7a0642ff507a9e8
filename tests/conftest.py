"""Shared fixtures: paths, the real spaCy model, and stores built from the seeds and Wikinews.

Two tiers: a test that uses one of the :data:`HEAVY` fixtures (directly or through another
fixture) is marked ``slow``; ``make test-fast`` runs the others (``pytest -m "not slow"``),
``make test`` runs all. Tests that need ``../shared`` (the corpora and the shared scorer)
carry :func:`needs_shared`, so a clone without it skips them and says what is missing.

Both tiers run on two xdist workers (``-n 2``). Session fixtures are built once per worker,
so reuse them rather than building a store in a module:

- ``nlp``: the real spaCy pipeline;
- ``seed_store``: the five seeds, built (read-only: copy it to change it);
- ``wikinews_store`` / ``wikinews_build``: the 295 Wikinews articles with their manifest,
  built (read-only), and the build's report. Never build the corpus in a test module.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import pytest

if TYPE_CHECKING:
    from graph.pipeline import BuildReport

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "gold"
SHARED = ROOT.parent / "shared"
WIKINEWS = SHARED / "corpora" / "wikinews"

#: Fixtures that load the spaCy model, build a store, start a server or a browser.
HEAVY = frozenset({"nlp", "seed_store", "server", "browser", "stock", "wikinews_build"})
#: Calls that load the spaCy model inside a doctest.
HEAVY_CALLS = ("load_nlp(", "spacy.load(")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark ``slow`` every test that needs a :data:`HEAVY` fixture, and every doctest that
    loads the spaCy model."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if HEAVY & fixtures or _loads_model(item):
            item.add_marker(pytest.mark.slow)


def _loads_model(item: pytest.Item) -> bool:
    examples = getattr(getattr(item, "dtest", None), "examples", ())
    return any(call in example.source for example in examples for call in HEAVY_CALLS)


def needs_shared(path: Path) -> pytest.MarkDecorator:
    """Skip the test unless ``path`` (under ``../shared``) exists; the reason names it."""
    return pytest.mark.skipif(not path.exists(),
                              reason=f"needs ../shared/{path.relative_to(SHARED)}: not found at {path}")


def wikinews(count: int) -> list[Path]:
    """The first ``count`` Wikinews articles of ``../shared`` (none when it is absent)."""
    return sorted(WIKINEWS.glob("*.txt"))[:count]


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
    assert report.ok and len(report.added) == len(list(SEEDS.glob("*.txt"))) == 5, report.errors
    return path


class Built(NamedTuple):
    """A store built by a session fixture (treat as read-only) and its build's report."""

    store: Path
    report: BuildReport


@pytest.fixture(scope="session")
def wikinews_build(tmp_path_factory, nlp) -> Built:
    """The Wikinews corpus of ``../shared`` built with its manifest (dates and addresses),
    once per run; skipped when absent."""
    from tests.helpers import build_store

    if not WIKINEWS.exists():
        pytest.skip(f"needs ../shared/corpora/wikinews: not found at {WIKINEWS}")
    location = tmp_path_factory.mktemp("wikinews") / "store"
    return Built(location, build_store([WIKINEWS], location, nlp, WIKINEWS / "manifest.tsv"))


@pytest.fixture(scope="session")
def wikinews_store(wikinews_build: Built) -> Path:
    """The location of the Wikinews store (see ``wikinews_build``; treat as read-only)."""
    return wikinews_build.store


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
