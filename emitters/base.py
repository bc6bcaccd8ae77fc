"""What every emitter module provides.

An emitter is a module in this package exposing:

- `TARGET`: the target's name, as used in `[tool.typepact.targets.<name>]`;
- `Options`: a frozen dataclass of its settings, every field defaulted
  except `out` (config validation reads the field names and types);
- `emit(schema: ir.Schema, options: Options) -> Emitted`: a pure function.

Adding a target means adding one module here; nothing else changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from codegen.diagnostics import Diagnostic


@dataclass(frozen=True, slots=True)
class Emitted:
    """Files to write, keyed by their path as configured (relative to the
    project root), plus whatever the target could not express."""

    files: dict[str, str] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
