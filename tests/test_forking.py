"""Work shared with forked processes comes back whole, in order, or fails
loudly; the command's fast exit keeps its exit status and its output."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from codegen import forking
from codegen.cli import main

pytestmark = pytest.mark.skipif(not forking.can_fork(), reason="needs os.fork")


def _square_with_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


@pytest.mark.parametrize("shares", [1, 2, 3, 7, 50])
def test_results_come_back_in_item_order(shares: int) -> None:
    results = forking.fork_map(_square_with_pid, list(range(20)), shares)
    assert [value for value, _ in results] == [n * n for n in range(20)]
    pids = {pid for _, pid in results}
    # This process takes a share; every other share ran in a child.
    assert os.getpid() in pids
    assert len(pids) == min(shares, 20)


def test_weights_give_the_heaviest_item_a_share_of_its_own() -> None:
    weights = [3.7, 1.7, 1.0, 1.3]  # openapi, protobuf, typescript, zod
    results = forking.fork_map(_square_with_pid, [0, 1, 2, 3], 2, weights)
    assert [value for value, _ in results] == [0, 1, 4, 9]
    here = [n for n, (_, pid) in enumerate(results) if pid == os.getpid()]
    assert here == [0]


def test_a_share_that_cannot_fork_is_computed_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_more_processes() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_more_processes)
    results = forking.fork_map(_square_with_pid, list(range(7)), 3)
    assert results == [(n * n, os.getpid()) for n in range(7)]


def test_no_items_no_processes() -> None:
    assert forking.fork_map(_square_with_pid, [], 4) == []


def _fail_on_three(n: int) -> int:
    if n == 3:
        raise ValueError("three is not allowed")
    return n


def test_an_error_in_a_child_is_raised_here_with_its_traceback() -> None:
    # Item 3 goes to share 1 of 2: a child.
    with pytest.raises(forking.WorkerError) as raised:
        forking.fork_map(_fail_on_three, list(range(6)), 2)
    assert str(raised.value).endswith("ValueError: three is not allowed")
    (note,) = raised.value.__notes__
    assert "in _fail_on_three" in note and "Traceback" in note


def test_an_error_here_ends_the_children_and_leaves_no_zombie(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    forked: list[int] = []
    real_fork = os.fork

    def recording_fork() -> int:
        pid = real_fork()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", recording_fork)

    # Item 0 is this process's: it fails while the children still work.
    def fail_here(n: int) -> int:
        if n == 0:
            raise KeyError("here")
        time.sleep(30)  # a child would hold the test up, were it not ended
        return n

    started = time.monotonic()
    with pytest.raises(KeyError):
        forking.fork_map(fail_here, list(range(6)), 3)
    assert time.monotonic() - started < 10
    assert len(forked) == 2
    for pid in forked:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # already collected


def _unpicklable(n: int) -> object:
    return lambda: n


def test_a_result_that_cannot_travel_is_an_error_not_a_hang() -> None:
    with pytest.raises(forking.WorkerError, match="pickle"):
        forking.fork_map(_unpicklable, [1, 2], 2)


def _command(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "codegen", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_command_keeps_its_exit_status_and_output(tmp_path: Path) -> None:
    """The launcher leaves through os._exit: the status of a usage error
    and everything printed must survive that."""
    usage = _command(tmp_path, "--no-such-option")
    assert usage.returncode == 2
    assert "No such option" in usage.stderr
    helped = _command(tmp_path, "--help")
    assert helped.returncode == 0
    # All of it: the same text click gives in this process.
    in_process = CliRunner().invoke(main, ["--help"], prog_name="python -m codegen")
    assert in_process.exit_code == 0
    assert helped.stdout == in_process.output


@pytest.mark.parametrize(
    ("value", "expected"), [("1", 1), ("3", 3), ("0", None), ("two", None), ("", None)]
)
def test_typepact_jobs_caps_the_processes(
    monkeypatch: pytest.MonkeyPatch, value: str, expected: int | None
) -> None:
    from codegen import cores

    monkeypatch.delenv("TYPEPACT_JOBS", raising=False)
    all_cores = cores.usable_cores()
    monkeypatch.setenv("TYPEPACT_JOBS", value)
    limit = all_cores if expected is None else min(all_cores, expected)
    assert cores.usable_cores() == limit


def test_typepact_jobs_1_never_forks(monkeypatch: pytest.MonkeyPatch) -> None:
    import codegen
    from codegen import emitting, parsing

    def no_fork() -> int:
        raise AssertionError("forked despite TYPEPACT_JOBS=1")

    monkeypatch.setenv("TYPEPACT_JOBS", "1")
    monkeypatch.setattr(os, "fork", no_fork)
    monkeypatch.setattr(emitting, "PARALLEL_DEFINITIONS", 0)
    monkeypatch.setattr(parsing, "PARALLEL_FILES", 0)
    golden = Path(__file__).resolve().parent.parent / "golden"
    result = codegen.compile(codegen.load_config(golden / "unions" / "pyproject.toml"))
    assert result.ok and result.files
