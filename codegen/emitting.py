"""Running the configured emitters: one after another for small schemas, in
forked worker processes for large ones.

Emitters are pure functions of the IR, so targets are independent work:
with four targets on a large schema, a second core halves the emit time. A
forked worker inherits the IR, the already imported emitters and the shared
passes' results, so it starts in milliseconds; only the finished files
travel back.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from codegen import ir
from codegen.config import emitter_module
from codegen.cores import usable_cores

#: Below this many definitions a worker's start-up and the files' trip
#: back cost more than the emitters themselves (a few ms per target).
PARALLEL_DEFINITIONS = 300

#: The schema, options and state the forked workers read (set just before
#: forking, so nothing is pickled on the way in).
_JOB: tuple[ir.Schema, Mapping[str, Any], Mapping[str, str | None]] | None = None


def emit_targets(
    schema: ir.Schema,
    targets: Mapping[str, Any],
    state: Mapping[str, str | None],
) -> list[tuple[str, Any]]:
    """(target name, its `Emitted`) for every target, in name order."""
    names = sorted(targets)
    workers = min(usable_cores(), len(names))
    fork = "fork" in multiprocessing.get_all_start_methods()
    if workers <= 1 or not fork or len(schema.definitions) < PARALLEL_DEFINITIONS:
        return [(name, _emit(schema, name, targets[name], state)) for name in names]
    global _JOB
    for name in names:
        emitter_module(name)  # imported once, here, not in every worker
    _shared_passes(schema)
    _JOB = (schema, targets, state)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            return list(zip(names, pool.map(_emit_in_worker, names), strict=True))
    finally:
        _JOB = None


def _shared_passes(schema: ir.Schema) -> None:
    """Run the passes several emitters ask for once, before forking: each
    remembers its result for this schema (codegen/passes/memo.py), so every
    worker starts with them instead of computing them again."""
    from codegen.passes import check, naming, ordering

    naming.assign_names(schema)  # and the request/response split
    check.check_schema(schema)
    ordering.order_definitions(schema)


def _emit_in_worker(name: str) -> Any:
    assert _JOB is not None, "only called in a worker forked by emit_targets"
    schema, targets, state = _JOB
    return _emit(schema, name, targets[name], state)


def _emit(
    schema: ir.Schema, name: str, options: Any, state: Mapping[str, str | None]
) -> Any:
    module = emitter_module(name)
    if hasattr(module, "inputs"):
        # A target that keeps state between runs (protobuf's field number
        # lock file) reads it through the pipeline, so the emitter stays a
        # pure function of its arguments.
        existing = {rel: state[rel] for rel in module.inputs(options)}
        return module.emit(schema, options, existing)
    return module.emit(schema, options)
