"""Running the configured emitters: one after another for small schemas,
shared between this process and forked ones for large schemas.

Emitters are pure functions of the IR, so targets are independent work:
with four targets on a large schema, a second core halves the emit time. A
forked process inherits the IR, the already imported emitters and the
shared passes' results, so it starts in milliseconds; only the finished
files travel back (codegen/forking.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from codegen import ir
from codegen.config import emitter_module
from codegen.cores import usable_cores
from codegen.forking import can_fork, fork_map

#: Below this many definitions a worker's start-up and the files' trip
#: back cost more than the emitters themselves (a few ms per target).
PARALLEL_DEFINITIONS = 300

#: Each built-in target's work relative to TypeScript's, to share the
#: targets out evenly (benchmarks/corpus.py, 1,000 models, instructions
#: counted by valgrind: openapi 1.49 G, protobuf 0.77 G, zod 0.51 G,
#: typescript 0.43 G). With all four on two cores, openapi gets one process
#: and the other three the other.
RELATIVE_COST = {"openapi": 3.5, "protobuf": 1.8, "zod": 1.2, "typescript": 1.0}


def emit_targets(
    schema: ir.Schema,
    targets: Mapping[str, Any],
    state: Mapping[str, str | None],
) -> list[tuple[str, Any]]:
    """(target name, its `Emitted`) for every target, in name order."""
    names = sorted(targets)
    workers = min(usable_cores(), len(names))
    if workers <= 1 or not can_fork() or len(schema.definitions) < PARALLEL_DEFINITIONS:
        return [(name, _emit(schema, name, targets[name], state)) for name in names]
    for name in names:
        emitter_module(name)  # imported once, here, not in every process
    _shared_passes(schema)
    emitted = fork_map(
        lambda name: _emit(schema, name, targets[name], state),
        names,
        workers,
        [RELATIVE_COST.get(name, 1.0) for name in names],
    )
    return list(zip(names, emitted, strict=True))


def _shared_passes(schema: ir.Schema) -> None:
    """Run the passes several emitters ask for once, before forking: each
    remembers its result for this schema (codegen/passes/memo.py), so every
    worker starts with them instead of computing them again."""
    from codegen.passes import check, naming, ordering

    naming.assign_names(schema)  # and the request/response split
    check.check_schema(schema)
    ordering.order_definitions(schema)


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
