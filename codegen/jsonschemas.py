"""The published JSON Schemas: the IR (what `typepact ir` prints and what
plugins receive) and the configuration table.

Both are derived from the classes that define them (the IR's records, the
targets' option dataclasses), so they cannot drift: `python -m
codegen.jsonschemas` rewrites schemas/, and a test fails when the committed
files are stale. msgspec writes the IR's, pydantic the configuration's;
pydantic is needed only here, which is why it is imported inside the
function.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import sys
from pathlib import Path
from typing import Any

SCHEMAS_DIR = Path(__file__).resolve().parent.parent / "schemas"
IR_SCHEMA_FILE = "ir.schema.json"
CONFIG_SCHEMA_FILE = "config.schema.json"


def ir_json_schema() -> dict[str, Any]:
    import msgspec

    from codegen import ir

    # `$ref` at the top would leave the title and `$id` beside a reference;
    # the schema of `Schema` itself is inlined instead.
    schema = msgspec.json.schema(ir.Schema)
    schema = {**schema["$defs"].pop("Schema"), "$defs": schema["$defs"]}
    if not schema.get("required", True):
        del schema["required"]  # every field of `Schema` has a default
    for part in [schema, *schema["$defs"].values()]:
        if "description" in part:  # a docstring, as written
            part["description"] = inspect.cleandoc(part["description"])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://typepact.dev/schemas/ir.schema.json",
        "title": f"typepact IR, version {ir.IR_VERSION}",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def config_json_schema() -> dict[str, Any]:
    from pydantic import ConfigDict, TypeAdapter, with_config

    from codegen.config import _TOP_LEVEL_KEYS, BUILTIN_TARGETS, emitter_module

    targets: dict[str, Any] = {}
    for name in BUILTIN_TARGETS:
        options_cls = emitter_module(name).Options
        strict = with_config(ConfigDict(extra="forbid"))(
            dataclasses.make_dataclass(
                f"{name.title()}Target",
                [
                    (f.name, f.type, f)
                    for f in dataclasses.fields(options_cls)
                    if f.init
                ],
                namespace={"__module__": options_cls.__module__},
            )
        )
        target = TypeAdapter(strict).json_schema()
        target["additionalProperties"] = False
        target["description"] = (options_cls.__doc__ or "").strip() or None
        targets[name] = {k: v for k, v in target.items() if v is not None}
    properties: dict[str, Any] = {
        "sources": {
            "type": "array",
            "items": {"type": "string"},
            "minItems": 1,
        },
        "exclude": {"type": "array", "items": {"type": "string"}},
        "targets": {
            "type": "object",
            "properties": targets,
            "additionalProperties": False,
            "minProperties": 1,
        },
        "overrides": _string_map(),
        "rename": _string_map(),
        "cache": {"anyOf": [{"type": "string", "minLength": 1}, {"type": "boolean"}]},
    }
    for key, description in _TOP_LEVEL_KEYS.items():
        properties[key]["description"] = description
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://typepact.dev/schemas/config.schema.json",
        "title": "[tool.typepact] in pyproject.toml, or typepact.toml",
        "type": "object",
        "properties": properties,
        "required": ["sources", "targets"],
        "additionalProperties": False,
    }


def _string_map() -> dict[str, Any]:
    return {"type": "object", "additionalProperties": {"type": "string"}}


def rendered() -> dict[str, str]:
    """File name -> the exact text that belongs in schemas/."""
    return {
        IR_SCHEMA_FILE: json.dumps(ir_json_schema(), indent=2, sort_keys=True) + "\n",
        CONFIG_SCHEMA_FILE: json.dumps(config_json_schema(), indent=2, sort_keys=True)
        + "\n",
    }


def main() -> int:
    SCHEMAS_DIR.mkdir(exist_ok=True)
    for name, text in rendered().items():
        (SCHEMAS_DIR / name).write_text(text, encoding="utf-8")
        print(f"wrote schemas/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
