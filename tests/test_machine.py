"""How many cores the build's workers and the server's query processes default to."""

from __future__ import annotations

import os

import pytest

from graph.machine import cores


@pytest.mark.parametrize(("affinity", "cpu_count", "expected"), [
    ({0, 3}, 8, 2),   # pinned to two of eight cores
    (None, 4, 4),     # no affinity on this system: every core
    (None, None, 1),  # the count unknown: one
])
def test_cores_follow_the_affinity_else_the_count(monkeypatch, affinity, cpu_count, expected):
    if affinity is None:
        monkeypatch.delattr(os, "sched_getaffinity", raising=False)
    else:
        monkeypatch.setattr(os, "sched_getaffinity", lambda pid: affinity, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: cpu_count)
    assert cores() == expected
