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
    pools: list[object] = []
    real = emitting.ProcessPoolExecutor

    def recording_pool(*args: object, **kwargs: object) -> object:
        pools.append(kwargs)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(emitting, "ProcessPoolExecutor", recording_pool)
    parallel = codegen.compile(config)
    assert parallel.files == serial.files
    assert parallel.diagnostics == serial.diagnostics
    assert serial.files
    assert pools, "the targets did not go to worker processes"
