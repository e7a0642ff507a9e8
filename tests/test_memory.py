"""Handing freed memory back to the system (graph.memory)."""

from __future__ import annotations

import contextlib
import gc

import psutil
import pytest

from graph import memory


def test_trim_returns_freed_heap_to_the_system():
    """On glibc (Linux, where the tests run): free() alone keeps the pages, trim() returns them."""
    process = psutil.Process()
    blocks = [bytes(2000) + bytes([i % 256]) for i in range(100_000)]  # ~200 MB of malloc'd blocks
    keep = blocks[-1]  # the top of the heap stays in use, so free() alone cannot shrink it
    del blocks
    before = process.memory_info().rss
    assert memory.trim()
    after = process.memory_info().rss
    assert keep and before - after > 100 * 2**20, (before, after)


@pytest.mark.parametrize(("before", "young", "during"), [
    ((700, 10, 10), 50_000, (50_000, 10, 10)),  # the interpreter's default: raised
    ((90_000, 5, 20), 50_000, (90_000, 5, 20)),  # already larger: kept
    ((0, 10, 10), 50_000, (0, 10, 10)),  # collection off: stays off
])
@pytest.mark.parametrize("fails", [False, True])
def test_rare_young_collections_raise_the_first_threshold_then_restore_it(before, young, during, fails):
    saved = gc.get_threshold()
    gc.set_threshold(*before)
    try:
        with contextlib.suppress(RuntimeError), memory.rare_young_collections(young):
            seen = gc.get_threshold()
            if fails:
                raise RuntimeError("a write failed")
        after = gc.get_threshold()
    finally:
        gc.set_threshold(*saved)
    assert (seen, after) == (during, before)
