"""Shared passes run once per schema, not once per target.

The passes are pure functions of the IR, and every emitter asks for the
same ones (names, the request/response split, the checks, the order). With
all four targets a cold run computed each up to four times. `per_schema`
keeps the result for the last schema seen (by identity): the pipeline
computes the passes once before emitting, and forked emit workers inherit
the results with the rest of the parent's memory.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

from codegen import ir

R = TypeVar("R")


def per_schema(func: Callable[[ir.Schema], R]) -> Callable[[ir.Schema], R]:
    """`func(schema)`, remembered for the last schema it was called with.
    Results must be treated as read-only by every caller."""
    last: list[object] = [None, None]

    @functools.wraps(func)
    def remembered(schema: ir.Schema) -> R:
        if last[0] is not schema:
            last[:] = [schema, func(schema)]
        return last[1]  # type: ignore[return-value]

    return remembered
