"""Extraction quality, end to end: the seed gold targets, and real news the code never saw."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.evaluate import score
from graph.ingest import SUFFIXES
from graph.rdf.store import Store

from .conftest import GOLD, SEEDS, WIKINEWS, needs_shared

pytestmark = pytest.mark.slow

TARGETS = {
    "quote_recall": 0.97, "quote_speaker_accuracy": 0.95, "quote_precision": 0.95,
    "statement_recall": 0.80, "statement_speaker_accuracy": 0.90, "about_recall": 0.75,
    "person_recall": 0.95, "person_precision": 0.90, "organization_recall": 0.85,
    "title_recall": 0.85, "statistic_recall": 0.90,
}
AT_MOST = {"person_duplicates": 0, "person_wrong_merges": 0}


@pytest.fixture(scope="module")
def metrics(seed_store):
    with Store.open(seed_store, read_only=True) as store:
        return score(store, GOLD, SEEDS).metrics


@pytest.mark.parametrize(("metric", "target"), sorted(TARGETS.items()))
def test_seed_metric_reaches_its_target(metrics, metric, target):
    assert metrics[metric] >= target


@pytest.mark.parametrize(("metric", "limit"), sorted(AT_MOST.items()))
def test_seed_identity_errors_stay_at_zero(metrics, metric, limit):
    assert metrics[metric] <= limit


def test_evaluate_command_prints_the_metrics(seed_store):
    result = CliRunner().invoke(main, ["evaluate", "--store", str(seed_store), "--gold", str(GOLD), str(SEEDS)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[-1].startswith("OK | quote_R=")
    assert any(line.startswith("person_duplicates") for line in lines)


@needs_shared(WIKINEWS)
def test_every_wikinews_article_builds_without_error(wikinews_build):
    report = wikinews_build.report
    assert report.errors == []
    inputs = [p for p in WIKINEWS.iterdir() if p.suffix in SUFFIXES]
    assert len(report.added) == len(inputs) and len(inputs) >= 295
    assert report.statements > 1000
