"""How many cores this process may use, for sizing worker pools."""

from __future__ import annotations

import os


def usable_cores() -> int:
    """Cores this process may run on: its affinity mask where the platform
    has one (Linux, so a container's or taskset's limit is respected), else
    every core (macOS, Windows)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1
