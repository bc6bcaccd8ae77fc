"""The Python frontend: pydantic models, dataclasses, TypedDicts and enums,
read from source with CPython's `ast` parser and never imported.

Two steps, so a cache and a process pool can sit between them:
`parse_module` turns one file into a picklable `ModuleSummary`; `resolve`
turns all summaries into the IR.
"""

from __future__ import annotations

from collections.abc import Sequence

from codegen import ir
from codegen.diagnostics import Diagnostic, sort_diagnostics
from codegen.frontends.python.extract import parse_module
from codegen.frontends.python.options import PythonOptions
from codegen.frontends.python.resolve import resolve
from codegen.frontends.python.summary import ModuleSummary
from codegen.sources import SourceFile

__all__ = ["ModuleSummary", "PythonOptions", "build_schema", "parse_module", "resolve"]


def build_schema(
    files: Sequence[SourceFile], options: PythonOptions | None = None
) -> tuple[ir.Schema, list[Diagnostic]]:
    """Parse and resolve `files`. Never raises on any input: every problem
    is a diagnostic."""
    options = options or PythonOptions()
    try:
        summaries = [parse_module(file) for file in files]
        return resolve(summaries, options)
    except Exception as error:
        diagnostic = Diagnostic(
            code="TP108",
            message=f"internal error in the Python frontend: {error!r}",
            hint="please report this with the input that caused it",
        )
        return ir.Schema(), sort_diagnostics([diagnostic])
