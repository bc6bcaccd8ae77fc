"""Targets emitted in forked workers give exactly what one process gives."""

from __future__ import annotations

from pathlib import Path

import pytest

import codegen
from codegen import emitting

GOLDEN = Path(__file__).resolve().parent.parent / "golden"


@pytest.mark.parametrize("case", ["collections", "generics", "unions"])
def test_parallel_emit_equals_serial(
    case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = codegen.load_config(GOLDEN / case / "pyproject.toml")
    assert len(config.targets) == 4
    serial = codegen.compile(config)
    monkeypatch.setattr(emitting, "PARALLEL_DEFINITIONS", 0)
    # Two workers even on a one-core machine.
    monkeypatch.setattr(emitting, "usable_cores", lambda: 2)
    shares: list[int] = []
    real = emitting.fork_map

    def recording_fork_map(func, items, workers, weights):  # type: ignore[no-untyped-def]
        shares.append(workers)
        return real(func, items, workers, weights)

    monkeypatch.setattr(emitting, "fork_map", recording_fork_map)
    parallel = codegen.compile(config)
    assert parallel.files == serial.files
    assert parallel.diagnostics == serial.diagnostics
    assert serial.files
    assert shares == [2], "the targets were not shared with a forked process"


def test_a_crash_in_a_forked_emitter_is_a_short_internal_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from click.testing import CliRunner

    from codegen.cli import main
    from codegen.config import emitter_module

    monkeypatch.setattr(emitting, "PARALLEL_DEFINITIONS", 0)
    monkeypatch.setattr(emitting, "usable_cores", lambda: 2)

    def broken(*args: object) -> None:
        raise RuntimeError("boom")

    # protobuf shares a process with zod and typescript, not with openapi:
    # it runs in the forked child.
    monkeypatch.setattr(emitter_module("protobuf"), "emit", broken)
    config = GOLDEN / "unions" / "pyproject.toml"
    result = CliRunner().invoke(main, ["check", "--no-cache", "--config", str(config)])
    assert result.exit_code == 3, result.output
    assert "internal error: WorkerError: in worker process" in result.output
    assert "RuntimeError: boom" in result.output
    assert "Traceback" not in result.output
