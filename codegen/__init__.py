"""typepact as a library: the same operations as the CLI, returning values.

    from pathlib import Path
    import codegen

    config = codegen.load_config(Path("pyproject.toml"))
    result = codegen.compile(config)      # files in memory, nothing written
    for d in result.diagnostics:
        print(d.format_text())

`generate` writes (all or nothing), `check` compares with the files on
disk and never writes, `build_ir` returns the intermediate schema.
"""

from __future__ import annotations

# Not `typing.TYPE_CHECKING`: importing typing would cost the fast path.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from codegen.config import Config, ConfigError, config_from_mapping, load_config
    from codegen.diagnostics import Diagnostic
    from codegen.pipeline import (
        CheckResult,
        CompileResult,
        GenerateResult,
        IRResult,
        StaleFile,
        build_ir,
        check,
        compile,
        generate,
        ir_to_json,
    )

#: Each public name and the module that defines it. They are imported on
#: first use, so that `typepact check` can answer from its stamp
#: (codegen/stamp.py) without loading the pipeline.
_EXPORTS = {
    **dict.fromkeys(
        ("Config", "ConfigError", "config_from_mapping", "load_config"),
        "codegen.config",
    ),
    "Diagnostic": "codegen.diagnostics",
    **dict.fromkeys(
        (
            "CheckResult",
            "CompileResult",
            "GenerateResult",
            "IRResult",
            "StaleFile",
            "build_ir",
            "check",
            "compile",
            "generate",
            "ir_to_json",
        ),
        "codegen.pipeline",
    ),
}

__all__ = [
    "CheckResult",
    "CompileResult",
    "Config",
    "ConfigError",
    "Diagnostic",
    "GenerateResult",
    "IRResult",
    "StaleFile",
    "build_ir",
    "check",
    "compile",
    "config_from_mapping",
    "generate",
    "ir_to_json",
    "load_config",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'codegen' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
