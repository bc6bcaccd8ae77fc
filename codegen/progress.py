"""A status line for runs that take a while.

Shown on stderr only when it is a terminal and only after `delay` seconds,
so warm runs (tens of milliseconds) and CI logs never see it. It is a
spinner with the elapsed time rather than a bar: the pipeline does not
report how far along it is, and a thread plus a carriage return cost
nothing to import, unlike a rendering library.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from types import TracebackType
from typing import TextIO

#: Seconds before the line appears. TYPEPACT_PROGRESS_DELAY overrides it,
#: so tests can see the line without a slow run.
DEFAULT_DELAY = 1.0
_FRAMES = "|/-\\"
_CLEAR = "\r\x1b[K"


def _env_delay() -> float:
    raw = os.environ.get("TYPEPACT_PROGRESS_DELAY")
    try:
        return float(raw) if raw else DEFAULT_DELAY
    except ValueError:
        return DEFAULT_DELAY


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or not a real stream
        return False


class Status:
    """`with Status("checking"): ...` draws `typepact: checking | 1.3s`."""

    def __init__(
        self,
        label: str,
        *,
        stream: TextIO | None = None,
        enabled: bool = True,
        delay: float | None = None,
        interval: float = 0.1,
    ) -> None:
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled and _is_terminal(self.stream)
        self.delay = _env_delay() if delay is None else delay
        self.interval = interval
        self._done = threading.Event()
        self._thread: threading.Thread | None = None
        self._drawn = False

    def __enter__(self) -> Status:
        if self.enabled:
            # A daemon thread: a crash in the run must not hang the exit.
            self._thread = threading.Thread(target=self._draw, daemon=True)
            self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._done.set()
        if self._thread is not None:
            self._thread.join()
        if self._drawn:
            # Erase the line so diagnostics print on a clean one.
            self._write(_CLEAR)

    def _draw(self) -> None:
        start = time.monotonic()
        if self._done.wait(self.delay):
            return
        frame = 0
        while not self._done.is_set():
            elapsed = time.monotonic() - start
            spinner = _FRAMES[frame % len(_FRAMES)]
            self._write(f"{_CLEAR}typepact: {self.label} {spinner} {elapsed:.1f}s")
            self._drawn = True
            frame += 1
            self._done.wait(self.interval)

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # the terminal went away
            pass
