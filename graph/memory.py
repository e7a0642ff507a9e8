"""Handing freed memory back to the operating system.

glibc's allocator keeps the memory that Python and RocksDB free in its arenas, so a
process's resident size stays at its high-water mark: the writer of a large build keeps
the size of its largest identity reads long after they are done, and each extraction
worker keeps the size of its longest batch. :func:`trim` returns the free pages
(``malloc_trim``, as Dask's workers do); a build calls it after each extraction batch that
held a long article (:data:`graph.parallel.TRIM_AFTER_CHARS`) and, when extraction runs in
other processes, after each store checkpoint, so that the peak of the whole build is the
peak in use.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache

import psutil


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
