"""Where extraction runs: the same store whether in-process, in worker processes or on Dask."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from graph import parallel
from graph.errors import ClaimGraphError
from graph.parallel import (DaskExecutor, LocalExecutor, ProcessExecutor, _windowed, extract_batch,
                            open_executor)
from graph.pipeline import build
from graph.rdf.store import Store
from graph.records import Article

from .conftest import WIKINEWS, needs_shared, wikinews

CORPUS = wikinews(12)


@pytest.mark.parametrize(("items", "window"), [(range(10), 1), (range(10), 3), (range(2), 5), (range(0), 2)])
def test_windowed_keeps_order_and_bounds_what_is_in_flight(items, window):
    in_flight: list[int] = []
    peak = 0

    def submit(item):
        nonlocal peak
        in_flight.append(item)
        peak = max(peak, len(in_flight))
        return item

    def result(item):
        in_flight.remove(item)
        return item * 2

    assert list(_windowed(items, submit, result, window)) == [i * 2 for i in items]
    assert peak <= max(window, 1)


@pytest.mark.parametrize(("kwargs", "kind"), [
    ({}, LocalExecutor),
    ({"workers": 1}, LocalExecutor),
    ({"workers": 3}, ProcessExecutor),
    ({"workers": 3, "dask": "tcp://127.0.0.1:1"}, DaskExecutor),
])
def test_open_executor_picks_where_extraction_runs(kwargs, kind):
    assert type(open_executor(**kwargs)) is kind


@pytest.mark.parametrize("workers", [0, -2])
def test_process_executor_refuses_fewer_than_one_worker(workers):
    with pytest.raises(ClaimGraphError, match="at least 1"):
        ProcessExecutor(workers)


@pytest.mark.parametrize(("texts", "words"), [
    (["The mayor said the bridge would reopen.", "Nothing here."], [8, 3]),
    (["", "Rain fell."], [0, 3]),
])
def test_extract_batch_gives_one_result_per_article_in_order(nlp, texts, words):
    articles = [Article(id=f"a{i}", source_file=f"a{i}.txt", text=t) for i, t in enumerate(texts)]
    results = extract_batch(articles, nlp)
    assert [r.article.id for r in results] == [a.id for a in articles]
    assert [r.words for r in results] == words
    assert all(r.record is not None and r.error is None for r in results)


def test_extract_batch_forgets_the_words_it_met_but_its_records_keep_them(nlp):
    text = "Zorblatt Quenwick said the Vranthor bridge would reopen."
    before = len(nlp.vocab.strings)
    [result] = extract_batch([Article(id="a", source_file="a.txt", text=text)], nlp)
    assert len(nlp.vocab.strings) == before
    assert "Zorblatt Quenwick" in [e.name for e in result.record.entities]
    assert "Vranthor" in result.record.statements[0].text


@pytest.mark.parametrize(("texts", "trims"), [
    (["Rain fell.", "The mayor said the bridge would reopen."], 0),
    (["Rain fell.", "The mayor said the bridge would reopen. " * 3], 1),
])
def test_extract_batch_trims_memory_only_after_a_long_batch(nlp, monkeypatch, texts, trims):
    calls = []
    monkeypatch.setattr(parallel, "TRIM_AFTER_CHARS", 100)
    monkeypatch.setattr(parallel.memory, "trim", lambda: calls.append(1) or True)
    extract_batch([Article(id=f"a{i}", source_file=f"a{i}.txt", text=t) for i, t in enumerate(texts)], nlp)
    assert len(calls) == trims


@pytest.mark.slow  # waits for a connection to time out
def test_unreachable_dask_scheduler_is_one_clear_error():
    with pytest.raises(ClaimGraphError, match="cannot reach the Dask scheduler"):
        with DaskExecutor("tcp://127.0.0.1:9", timeout=1):
            pass


def _export(path: Path) -> bytes:
    out = io.BytesIO()
    with Store.open(path, create=False, read_only=True) as store:
        store.export("nquads", out)
    return out.getvalue()


@pytest.fixture(scope="module")
def sequential_export(tmp_path_factory, nlp) -> bytes:
    path = tmp_path_factory.mktemp("sequential") / "store"
    with Store.open(path) as store:
        report = build(CORPUS, store, nlp=nlp, workers=1)
    assert report.ok and len(report.added) == len(CORPUS) == 12, report.errors
    assert report.statements > 0
    return _export(path)


@needs_shared(WIKINEWS)
def test_two_worker_processes_build_a_byte_identical_store(tmp_path, sequential_export):
    with Store.open(tmp_path / "store") as store:
        report = build(CORPUS, store, workers=2, batch_size=4)
    assert report.ok and len(report.added) == len(CORPUS) == 12, report.errors
    assert report.statements > 0
    assert _export(tmp_path / "store") == sequential_export


@needs_shared(WIKINEWS)
def test_a_dask_cluster_builds_a_byte_identical_store(tmp_path, sequential_export):
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      host="127.0.0.1") as cluster:
        with Store.open(tmp_path / "store") as store:
            report = build(CORPUS, store, dask=cluster.scheduler_address, batch_size=4)
    assert report.ok and len(report.added) == len(CORPUS) == 12, report.errors
    assert report.statements > 0
    assert _export(tmp_path / "store") == sequential_export


@pytest.mark.parametrize(("ids", "failing", "expected"), [
    (["a", "b", "c"], {"b"}, ["ok", "could not be parsed (ValueError: b is odd)", "ok"]),
    (["a"], {"a"}, ["could not be parsed (ValueError: a is odd)"]),
    (["a", "b"], set(), ["ok", "ok"]),
])
def test_an_article_that_cannot_be_parsed_costs_only_itself(monkeypatch, ids, failing, expected):
    import contextlib

    def fake_parse(articles, nlp):
        for article in articles:
            if article.id in failing:
                raise ValueError(f"{article.id} is odd")
        return [(a, [a.id]) for a in articles]

    monkeypatch.setattr(parallel, "parse", fake_parse)
    monkeypatch.setattr(parallel, "extract", lambda article, doc: "record")
    nlp = type("FakeNlp", (), {"memory_zone": lambda self: contextlib.nullcontext()})()
    results = extract_batch([Article(i, f"{i}.txt", "Some text.") for i in ids], nlp)
    assert [r.error.split(";")[0] if r.error else "ok" for r in results] == expected


@pytest.fixture(scope="module")
def blank_model(tmp_path_factory) -> str:
    """A model with no trained components, quick for workers to load."""
    import spacy

    path = tmp_path_factory.mktemp("blank") / "model"
    spacy.blank("en").to_disk(path)
    return str(path)


def _one_article_batches(count: int) -> list[list[Article]]:
    return [[Article(f"a{n}", f"a{n}.txt", f"Pier {n} closed.\n\nThe crew left on Monday.")]
            for n in range(count)]


@pytest.mark.slow  # starts and kills worker processes
@pytest.mark.parametrize("kill_after", [1, 3])
def test_a_killed_worker_costs_at_most_its_batch_and_the_pool_is_rebuilt(blank_model, kill_after):
    import os
    import signal
    import time

    batches = _one_article_batches(8)
    with ProcessExecutor(2, blank_model) as executor:
        first_pool = executor._pool
        results = executor.map(iter(batches))
        got = [next(results) for _ in range(kill_after)]
        os.kill(next(iter(executor._pool._processes)), signal.SIGKILL)
        deadline = time.monotonic() + 30
        while not first_pool._broken and time.monotonic() < deadline:  # the pool noticed
            time.sleep(0.05)
        got += list(results)
        assert executor._pool is not first_pool  # a new pool after the broken one
    assert [r.article.id for batch in got for r in batch] == [f"a{n}" for n in range(8)]


@pytest.mark.parametrize(("breaks", "errors"), [(1, 0), (2, 1)])
def test_a_batch_whose_worker_dies_twice_gets_an_error_per_article(monkeypatch, breaks, errors):
    from concurrent.futures.process import BrokenProcessPool

    calls = []

    class FakePool:
        def submit(self, fn, batch, *args):
            calls.append(batch)
            future = parallel.Future()
            if len(calls) <= breaks:
                future.set_exception(BrokenProcessPool("worker died"))
            else:
                future.set_result([parallel.Extracted(a, None, 0, None) for a in batch])
            return future

        def shutdown(self, **kwargs):
            pass

    executor = ProcessExecutor(2)
    monkeypatch.setattr(executor, "_new_pool", FakePool)
    executor._pool = FakePool()
    [batch] = _one_article_batches(1)
    out = executor._collect(executor._submit(batch))
    assert [r.article.id for r in out] == ["a0"]
    assert sum(r.error is not None and "died twice" in r.error for r in out) == errors


@pytest.mark.slow  # starts a build in a subprocess and kills it
def test_workers_exit_when_the_build_is_killed(blank_model):
    import signal
    import subprocess
    import sys
    import time

    script = (
        "import time\n"
        "from graph.parallel import ProcessExecutor\n"
        "from graph.records import Article\n"
        f"with ProcessExecutor(2, {blank_model!r}) as ex:\n"
        "    list(ex.map([[Article('a', 'a.txt', 'Pier closed.')], [Article('b', 'b.txt', 'Gate shut.')]]))\n"
        "    print(' '.join(map(str, ex._pool._processes)), flush=True)\n"
        "    time.sleep(120)\n")
    build = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    workers = [int(pid) for pid in build.stdout.readline().split()]
    assert workers
    build.send_signal(signal.SIGKILL)
    build.wait()
    deadline = time.monotonic() + 15
    while any(parallel._alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(parallel._alive(pid) for pid in workers)
