"""An advisory lock on a store folder, so that a store is never served while it is written.

Reading a store while another process writes it gives answers that go stale and then
change under the reader. So a writer (``build``, ``remove``: every store opened writable)
holds the folder's lock exclusive, and ``claimgraph serve`` holds it shared: either one
is refused with one line while the other runs. Several servers may share a store, and
plain reads (``said``, ``query``) take no lock.

The lock is ``flock`` on the folder itself (no extra file in the store): the kernel
releases it when its holder exits, however it dies, so a killed build or server never
leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from graph.errors import StoreError


class StoreLock:
    """The lock on store folder ``location``, held until :meth:`release` or exit.

    Args:
        location: The store folder (created when taken exclusive for a new store).
        shared: Take it shared (serving) rather than exclusive (writing).

    Raises:
        StoreError: when another process holds it in the other mode (or, exclusive,
            in any mode), naming what that process does and how to proceed.
    """

    def __init__(self, location: Path, shared: bool) -> None:
        if not shared:
            location.mkdir(parents=True, exist_ok=True)
        self._fd: int | None = os.open(location, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            fcntl.flock(self._fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            message = _refusal(location, self._fd, shared)
            self.release()
            raise StoreError(message) from None

    def release(self) -> None:
        """Let go of the lock (closing its descriptor); releasing twice does nothing."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _refusal(location: Path, fd: int, shared: bool) -> str:
    """Why the lock on ``location`` cannot be taken: a writer holds it, or (when only a
    shared lock can be had) a server does."""
    if not shared and _can_share(fd):
        return (f"cannot open the store at {location} for writing: it is being served (claimgraph serve); "
                "stop the server, then build or remove, then serve again")
    if shared:
        return (f"cannot serve the store at {location}: another claimgraph process (build or remove) "
                "is writing to it; serve it when that ends")
    return (f"cannot open the store at {location}: another claimgraph process (build or remove) "
            "is writing to it; try again when that ends")


def _can_share(fd: int) -> bool:
    """True when ``fd``'s lock can be taken shared now (it is then let go at once)."""
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    fcntl.flock(fd, fcntl.LOCK_UN)
    return True
