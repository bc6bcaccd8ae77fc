"""How many processes a run may use, for sharing out parsing and emitting."""

from __future__ import annotations

import os


def usable_cores() -> int:
    """Cores this process may run on: its affinity mask where the platform
    has one (Linux, so a container's or taskset's limit is respected), else
    every core (macOS, Windows); at most `TYPEPACT_JOBS` when that is set
    to a whole number of 1 or more (1: everything in this process, which
    is also how to keep typepact from forking)."""
    if hasattr(os, "sched_getaffinity"):
        cores = len(os.sched_getaffinity(0))
    else:
        cores = os.cpu_count() or 1
    limit = os.environ.get("TYPEPACT_JOBS", "").strip()
    if limit.isdigit() and int(limit) >= 1:
        return min(cores, int(limit))
    return cores
