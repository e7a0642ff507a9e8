"""Handing freed memory back to the system (graph.memory)."""

from __future__ import annotations

import psutil

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
