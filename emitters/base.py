"""What every emitter module provides.

An emitter is a module in this package exposing:

- `TARGET`: the target's name, as used in `[tool.typepact.targets.<name>]`;
- `Options`: a frozen dataclass of its settings, every field defaulted
  except `out` (config validation reads the field names and types);
- `emit(schema: ir.Schema, options: Options) -> Emitted`: a pure function.

A target that keeps state between runs (protobuf keeps field numbers in a
lock file) also exposes `inputs(options) -> list[str]`, the paths it needs
to read (relative to the project root); its `emit` then takes a third
argument, `existing: Mapping[str, str | None]`, their current contents
(None for a missing file). The pipeline reads them, so `emit` stays pure.

Adding a target means adding one module here; nothing else changes: the
configuration finds targets by listing this package.
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
