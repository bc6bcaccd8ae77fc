"""Spreading independent work over forked processes, the caller included.

Parsing files and emitting targets are pure functions of data the process
already holds. A forked child inherits that data and every imported module
for free, so the only costs are the fork (milliseconds) and the results'
trip back through a pipe. The calling process takes a share itself rather
than waiting idle: on two cores that is what makes a second process pay.

This is not `concurrent.futures.ProcessPoolExecutor`: importing it (with
`multiprocessing`, `logging` and queues) costs a cold run about 30 ms, and
its manager thread and task queue are machinery a fixed split of a known
list does not need.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import traceback
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def can_fork() -> bool:
    return hasattr(os, "fork")


def in_background(work: Callable[[], object]) -> int | None:
    """Run `work` in a forked child that leaves as soon as it is done,
    reporting nothing back; the child's pid for `collect`, or None where no
    child could be forked (the caller then does the work itself)."""
    if not can_fork():
        return None
    try:
        pid = os.fork()
    except OSError:
        return None
    if pid == 0:
        try:
            work()
        finally:
            os._exit(0)  # no cleanup: what this copy inherited is the parent's
    return pid


def collect(pid: int) -> None:
    """Wait for a child `in_background` started (gone already: fine)."""
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


class WorkerError(RuntimeError):
    """A forked worker failed: the message is its exception's last line, a
    note its whole traceback."""


def fork_map(
    func: Callable[[T], R],
    items: Sequence[T],
    shares: int,
    weights: Sequence[float] | None = None,
    *,
    pack: Callable[[list[R]], bytes] | None = None,
    unpack: Callable[[bytes], list[R]] | None = None,
) -> list[R]:
    """`[func(item) for item in items]`, computed in `shares` processes:
    share 0 runs here, every other share in a forked child. Results come
    back in item order; an exception in a child is raised here as
    `WorkerError`.

    A child's results travel pickled, or as `pack` turns them into bytes
    and `unpack` back (a faster encoding for a known type).

    Without `weights` item i goes to share `i % shares` (neighbours in a
    list tend to cost alike, so dealing them out balances the shares).
    With them, each item in turn, heaviest first, goes to the lightest
    share so far.

    `func` and its results must not depend on threads of this process: a
    forked child has only the thread that forked it."""
    shares = max(1, min(shares, len(items)))
    if shares == 1 or not can_fork():
        return [func(item) for item in items]
    plan = _plan(len(items), shares, weights)
    here = [plan[0]]  # the shares this process computes
    children: list[tuple[list[int], int, int]] = []  # (share, pid, pipe)
    finished = False
    try:
        for share in plan[1:]:
            try:
                read, write = os.pipe()
            except OSError:  # out of file descriptors: do it here
                here.append(share)
                continue
            try:
                pid = os.fork()
            except OSError:  # out of processes or memory: do it here
                os.close(read)
                os.close(write)
                here.append(share)
                continue
            if pid == 0:  # the child: its share, sent back, then gone
                os.close(read)
                _run_child(func, [items[i] for i in share], write, pack)
            os.close(write)
            children.append((share, pid, read))
        done = [(share, [func(items[i]) for i in share]) for share in here]
        done += [(share, _collect(pid, read, unpack)) for share, pid, read in children]
        finished = True
    finally:
        for _, pid, read in children:
            _reap(pid, read, stop=not finished)
    merged: list[R] = [None] * len(items)  # type: ignore[list-item]
    for share, part in done:
        for i, result in zip(share, part, strict=True):
            merged[i] = result
    return merged


def _plan(count: int, shares: int, weights: Sequence[float] | None) -> list[list[int]]:
    """The item indices of each share, in item order."""
    if weights is None:
        return [list(range(share, count, shares)) for share in range(shares)]
    plan: list[list[int]] = [[] for _ in range(shares)]
    load = [0.0] * shares
    for i in sorted(range(count), key=lambda i: -weights[i]):
        lightest = load.index(min(load))
        plan[lightest].append(i)
        load[lightest] += weights[i]
    return [sorted(share) for share in plan]


def _run_child(
    func: Callable[[T], R],
    items: Sequence[T],
    write: int,
    pack: Callable[[list[R]], bytes] | None,
) -> None:
    status = 0
    try:
        try:
            results = [func(item) for item in items]
            payload = pickle.dumps((True, pack(results) if pack else results), -1)
        except BaseException as error:  # everything goes to the parent
            summary = traceback.format_exception_only(error)[-1].strip()
            payload = pickle.dumps((False, (summary, traceback.format_exc())), -1)
            status = 1
        with os.fdopen(write, "wb") as pipe:
            pipe.write(payload)
    finally:
        # No cleanup: the parent's atexit handlers, buffered output and
        # open files are the parent's, not this copy's.
        os._exit(status)


def _collect(pid: int, read: int, unpack: Callable[[bytes], list[R]] | None) -> list[R]:
    with os.fdopen(read, "rb", closefd=False) as pipe:
        payload = pipe.read()
    if not payload:
        raise WorkerError(f"worker process {pid} ended without a result")
    ok, value = pickle.loads(payload)
    if not ok:
        summary, details = value
        error = WorkerError(f"in worker process {pid}: {summary}")
        error.add_note(f"The worker's traceback:\n{details}")
        raise error
    return unpack(value) if unpack else value  # type: ignore[no-any-return]


def _reap(pid: int, read: int, *, stop: bool) -> None:
    """Collect a child's exit status, so no zombie is left; with `stop`
    (this process gave up: an error, Ctrl-C), first end the child, whose
    result nobody will read."""
    if stop:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        os.close(read)
    collect(pid)
