"""Build a schema from inline sources, and compare with real pydantic."""

from __future__ import annotations

import sys
import textwrap
import types
from collections.abc import Mapping
from typing import Any

from codegen import ir
from codegen.diagnostics import Diagnostic
from codegen.frontends.python import PythonOptions, build_schema
from codegen.sources import SourceFile


def sources(files: Mapping[str, str]) -> list[SourceFile]:
    """`{"app/models.py": src}` -> SourceFiles with modules from the path."""
    out = []
    for path, text in files.items():
        parts = path.removesuffix(".py").split("/")
        is_package = parts[-1] == "__init__"
        module = ".".join(parts[:-1] if is_package else parts)
        out.append(
            SourceFile(
                display_path=path,
                module=module,
                is_package=is_package,
                text=textwrap.dedent(text),
            )
        )
    return out


def build(
    files: Mapping[str, str] | str, overrides: Mapping[str, str] | None = None
) -> tuple[ir.Schema, list[Diagnostic]]:
    if isinstance(files, str):
        files = {"app/models.py": files}
    return build_schema(sources(files), PythonOptions(overrides=dict(overrides or {})))


def ok(files: Mapping[str, str] | str, **kwargs: Any) -> ir.Schema:
    schema, diagnostics = build(files, **kwargs)
    assert [d.format_text() for d in diagnostics] == []
    return schema


def model(schema: ir.Schema, name: str, module: str = "app.models") -> ir.ModelDef:
    definition = schema.definitions[f"{module}:{name}"]
    assert isinstance(definition, ir.ModelDef)
    return definition


def field(schema: ir.Schema, model_name: str, name: str) -> ir.Field:
    return next(f for f in model(schema, model_name).fields if f.name == name)


def codes(diagnostics: list[Diagnostic]) -> list[str]:
    return [d.code for d in diagnostics]


def exec_source(source: str, name: str = "tp_test_module") -> types.ModuleType:
    """Tests may run the source (the frontend never does)."""
    module = types.ModuleType(name)
    sys.modules[name] = module
    exec(compile(textwrap.dedent(source), f"<{name}>", "exec"), module.__dict__)
    return module
