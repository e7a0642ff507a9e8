"""The query workers: short queries answered beside long ones, dead workers never reused."""

from __future__ import annotations

import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from graph.server import SparqlServer
from graph.server.app import EXTENSION
from graph.server.pool import QueryPool, Request, _Worker
from tests.server.conftest import CHEAP, ENDLESS, ask

pytestmark = pytest.mark.slow


@pytest.fixture
def server(store_dir):
    with SparqlServer(store_dir, port=0, workers=4, timeout=6) as running:
        running.start()
        yield running


def _pool(server: SparqlServer) -> QueryPool:
    return server.app.extensions[EXTENSION].pool


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().split(")")[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):  # gone, or reaped while being read
        return False


def _gone(pids: set[int] | list[int], within: float) -> bool:
    """True when every process of ``pids`` has exited within ``within`` seconds."""
    deadline = time.monotonic() + within
    while any(_alive(pid) for pid in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_short_queries_are_answered_while_long_ones_hold_every_worker(server):
    pids = set(_pool(server).pids())
    with ThreadPoolExecutor(4) as long_ones:
        running = [long_ones.submit(ask, server.url, ENDLESS) for _ in range(4)]
        short = [ask(server.url, CHEAP, timeout=3) for _ in range(10)]
        finished = [future.result() for future in running]
    assert [status for status, _ in short] == [200] * 10
    assert sorted(body.split(b":")[0] for _, body in finished) == [b"busy"] * 2 + [b"query stopped"] * 2
    stopped = pids - set(_pool(server).pids())
    assert len(stopped) == 4 and _gone(stopped, within=5)


@pytest.mark.parametrize("params", [
    {"default_graph_uri": "not an iri"},
    {"named_graph_uri": "<urn:x>"},
    {"default_graph_uri": "relative/path"},
])
def test_a_malformed_graph_iri_costs_only_its_request(server, params):
    status, body = ask(server.url, CHEAP, **params)
    assert status == 400 and body.count(b"\n") == 1, body
    with ThreadPoolExecutor(8) as clients:
        statuses = list(clients.map(lambda _: ask(server.url, CHEAP)[0], range(50)))
    assert statuses == [200] * 50


def test_killed_workers_are_replaced_and_never_serve_again(store_dir):
    # a timeout that leaves room for four new workers to start on a loaded machine
    with SparqlServer(store_dir, port=0, workers=4, timeout=60) as server:
        server.start()
        pids = _pool(server).pids()
        for pid in pids:
            os.kill(pid, signal.SIGKILL)
        assert _gone(pids, within=5)
        with ThreadPoolExecutor(8) as clients:  # each query new (a comment apart), so each goes to a worker
            statuses = list(clients.map(lambda i: ask(server.url, f"{CHEAP} # {i}", timeout=90)[0], range(50)))
        assert _pool(server).in_process == 0
    assert statuses == [200] * 50


def test_a_request_handed_to_a_dead_worker_goes_to_another(store_dir, monkeypatch):
    # every worker killed, and their exits not yet noticed: each looks alive when handed out
    monkeypatch.setattr(_Worker, "alive", lambda self: True)
    pool = QueryPool(store_dir, workers=2, timeout=60, fast=False)
    try:
        assert pool.run(Request(CHEAP, None)).status == 200  # both started
        pids = pool.pids()
        for pid in pids:
            os.kill(pid, signal.SIGKILL)
        assert _gone(pids, within=5)
        assert [pool.run(Request(CHEAP, None)).status for _ in range(4)] == [200] * 4
    finally:
        pool.close()


def test_workers_that_cannot_open_the_store_are_not_restarted_in_a_loop(tmp_path):
    pool = QueryPool(tmp_path / "no-store", workers=1, timeout=1)
    try:
        deadline = time.monotonic() + 4
        while time.monotonic() < deadline:
            assert pool.run(Request(CHEAP, None)).status in (500, 503)
    finally:
        pool.close()
    assert 1 <= pool.started <= 6  # the first, then at most one a second (RESPAWN_PAUSE)


def test_known_fast_queries_run_in_process_with_the_same_answers(store_dir):
    pool = QueryPool(store_dir, workers=1, timeout=60)
    pool.fast_under = 60  # any answer counts as fast: no timing in the test
    try:
        request = Request("SELECT ?p WHERE { ?p a schema:Person } ORDER BY ?p", "text/csv", max_results=1)
        answers = [pool.run(request) for _ in range(3)]
        assert pool.in_process == 2
        first = (answers[0].status, answers[0].body, True)
        assert [(a.status, a.body, a.truncated) for a in answers] == [first] * 3
    finally:
        pool.close()


@pytest.mark.parametrize(("query", "graphs", "in_process"), [
    (CHEAP, [], 1),  # the second run
    ("SELECT * WHERE { ?s ?p }", [], 0),  # malformed: its 400 is not remembered
    (ENDLESS, [], 0),  # stopped: runs in a worker again, and is stopped again
    (CHEAP, ["urn:first-run-only"], 0),  # the first run's dataset differs from the second's
], ids=["fast", "failed", "over the timeout", "another dataset"])
def test_only_queries_answered_fast_in_a_worker_run_in_process(store_dir, query, graphs, in_process):
    pool = QueryPool(store_dir, workers=1, timeout=2)
    pool.fast_under = 60  # any answer counts as fast (a stopped query's 503 is no answer)
    try:
        pool.run(Request(query, None, graphs))
        pool.run(Request(query, None))
        assert pool.in_process == in_process
    finally:
        pool.close()


def test_a_known_fast_query_that_runs_slow_in_process_goes_back_to_the_workers(store_dir):
    pool = QueryPool(store_dir, workers=1, timeout=60)
    pool.fast_under = 60
    try:
        pool.run(Request(CHEAP, None))
        pool.run(Request(CHEAP, None))
        pool.fast_under = 1e-9  # every run is now slow
        assert [pool.run(Request(CHEAP, None)).status for _ in range(2)] == [200, 200]
        assert pool.in_process == 2  # the third run was in process (and slow), the fourth in a worker
    finally:
        pool.close()


def test_a_known_fast_query_goes_to_a_worker_while_another_query_runs(store_dir):
    pool = QueryPool(store_dir, workers=2, timeout=3)
    pool.fast_under = 60
    try:
        pool.run(Request(CHEAP, None))
        with ThreadPoolExecutor(1) as other:
            endless = other.submit(pool.run, Request(ENDLESS, None))
            while not pool._running:
                time.sleep(0.01)
            assert pool.run(Request(CHEAP, None)).status == 200 and pool.in_process == 0
            assert endless.result().status == 503
        assert pool.run(Request(CHEAP, None)).status == 200 and pool.in_process == 1
    finally:
        pool.close()


@pytest.mark.parametrize(("query", "max_results", "complete"), [
    ("SELECT ?p WHERE { ?p a schema:Person } ORDER BY ?p", 1000, True),
    ("SELECT ?p WHERE { ?p a schema:Person } ORDER BY ?p", 1, False),  # cut at the cap
    ("SELECT ?p (RAND() AS ?r) WHERE { ?p a schema:Person } ORDER BY ?p", 1000, False),  # rows may vary
], ids=["complete", "cut", "varying"])
def test_known_fast_queries_skip_the_cap_only_when_complete_and_repeatable(store_dir, query, max_results, complete):
    pool = QueryPool(store_dir, workers=1, timeout=60)
    pool.fast_under = 60  # any answer counts as fast
    try:
        request = Request(query, "text/csv", max_results=max_results)
        first, second = pool.run(request), pool.run(request)
        assert pool.in_process == 1 and pool._fast[request.digest()] is complete
        assert second.truncated == first.truncated == (max_results == 1)
        assert len(second.body.splitlines()) == len(first.body.splitlines())
    finally:
        pool.close()


def test_run_now_answers_only_a_known_fast_query_while_no_other_runs(store_dir):
    pool = QueryPool(store_dir, workers=2, timeout=3)
    pool.fast_under = 60  # any answer counts as fast
    try:
        assert pool.run_now(Request(CHEAP, None)) is None  # not known: not run, nor handed to a worker
        assert sum(worker.answered for worker in pool._all) == 0
        assert pool.run(Request(CHEAP, None)).status == 200  # a worker's answer: known from now on
        with ThreadPoolExecutor(1) as other:
            endless = other.submit(pool.run, Request(ENDLESS, None))
            while not pool._running:
                time.sleep(0.01)
            assert pool.run_now(Request(CHEAP, None)) is None and pool.in_process == 0
            assert endless.result().status == 503
        answer = pool.run_now(Request(CHEAP, None))
        assert answer is not None and answer.status == 200 and pool.in_process == 1
    finally:
        pool.close()
