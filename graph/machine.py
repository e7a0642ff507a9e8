"""What this process may use of the machine."""

from __future__ import annotations

import os


def cores() -> int:
    """The cores this process may run on (its CPU affinity where the system has one).

    The default number of extraction workers (``claimgraph build``) and of query processes
    (``claimgraph serve``). Kept apart from both so that neither command imports the other's
    dependencies.
    """
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
