"""Property 5: IR -> Python source -> typepact's frontend -> the same IR.

`normalise` removes what the generated IR cannot know or does not decide
(source locations, pydantic's titles) and applies the documented
normalisations of docs/agreement.md; `differences` lists what remains."""

from __future__ import annotations

from typing import Any

from codegen import ir
from codegen.records import Record


def _plain(value: Any) -> Any:
    if isinstance(value, Record):
        out = {}
        for name in value.__struct_fields__:
            if name in ("location", "docs"):
                continue
            out[name] = _plain(getattr(value, name))
        return out
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def normalise(schema: ir.Schema) -> dict[str, Any]:
    return {key: _plain(value) for key, value in schema.definitions.items()}


def differences(expected: ir.Schema, actual: ir.Schema) -> list[str]:
    """Paths where typepact's IR differs from the intended one."""
    problems: list[str] = []

    def compare(path: str, a: Any, b: Any) -> None:
        if isinstance(a, dict) and isinstance(b, dict):
            for key in sorted(set(a) | set(b)):
                if key not in a:
                    problems.append(f"{path}/{key}: unexpected {b[key]!r}")
                elif key not in b:
                    problems.append(f"{path}/{key}: missing (expected {a[key]!r})")
                else:
                    compare(f"{path}/{key}", a[key], b[key])
        elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
            for index, (x, y) in enumerate(zip(a, b, strict=True)):
                compare(f"{path}/{index}", x, y)
        elif a != b or type(a) is not type(b):
            problems.append(f"{path}: expected {a!r}, typepact built {b!r}")

    compare("", normalise(expected), normalise(actual))
    return problems
