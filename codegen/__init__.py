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
