"""Handing freed memory back to the operating system, and Python's cyclic collector while a build writes.

glibc's allocator keeps the memory that Python and RocksDB free in its arenas, so a
process's resident size stays at its high-water mark: the writer of a large build keeps
the size of its largest identity reads long after they are done, and each extraction
worker keeps the size of its longest batch. :func:`trim` returns the free pages
(``malloc_trim``, as Dask's workers do); a build calls it after each extraction batch that
held a long article (:data:`graph.parallel.TRIM_AFTER_CHARS`) and, when extraction runs in
other processes, after each store checkpoint, so that the peak of the whole build is the
peak in use.

While a build writes (:func:`graph.pipeline.write_batches`), the cyclic collector collects
its youngest generation less often (:func:`rare_young_collections`).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
from collections.abc import Iterator
from functools import cache

import psutil


#: Net allocations of objects that Python's cyclic collector tracks after which it collects
#: its youngest generation, while a build writes (the interpreter's default is 700).
#: Planning one article allocates thousands of objects that live until its plan ends
#: (descriptors, the resolver's clusters, terms and quads): with the default, a young
#: collection finds most of them alive, they pass to the older generations, and they fill
#: the oldest, whose collections scan every object the process holds, among them the
#: writer's index (hundreds of thousands, growing with the store). With a larger youngest
#: generation they are freed (by reference counting) before a collection sees them: 1,000
#: replayed articles, 18 full collections (6.6 million objects scanned) -> none. Cyclic
#: garbage is still collected, a few tens of thousands of allocations later.
YOUNG_COLLECTION = 50_000


@contextlib.contextmanager
def rare_young_collections(young: int = YOUNG_COLLECTION) -> Iterator[None]:
    """Collect the youngest generation every ``young`` net allocations (see
    :data:`YOUNG_COLLECTION`) for the duration, then as before (a threshold already larger,
    or 0, which turns collection off, is kept)."""
    before = gc.get_threshold()
    gc.set_threshold(max(young, before[0]) if before[0] else 0, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


@cache
def _malloc_trim():
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):  # not glibc (macOS, musl, Windows): nothing to trim
        return None


def trim() -> bool:
    """Return the allocator's free memory to the system; False where that is not possible."""
    malloc_trim = _malloc_trim()
    if malloc_trim is None:
        return False
    malloc_trim(0)
    return True


def resident() -> int:
    """This process's resident memory in bytes."""
    return psutil.Process().memory_info().rss
