"""schemas/ holds the IR's and the configuration's JSON Schema, generated
from the code; a stale file fails here."""

from __future__ import annotations

import difflib
import json
import tomllib
from pathlib import Path

import jsonschema

from codegen.jsonschemas import SCHEMAS_DIR, rendered

ROOT = Path(__file__).resolve().parent.parent


def test_committed_schemas_are_current() -> None:
    for name, text in rendered().items():
        path = SCHEMAS_DIR / name
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            diff = "".join(
                difflib.unified_diff(
                    current.splitlines(True), text.splitlines(True), name, name
                )
            )
            raise AssertionError(
                f"schemas/{name} is stale; regenerate with "
                f"`python -m codegen.jsonschemas`\n{diff}"
            )


def test_schemas_are_valid_json_schema() -> None:
    for name in rendered():
        schema = json.loads((SCHEMAS_DIR / name).read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)


def test_config_schema_accepts_the_example_and_rejects_typos() -> None:
    schema = json.loads((SCHEMAS_DIR / "config.schema.json").read_text())
    example = tomllib.loads((ROOT / "examples/quickstart/pyproject.toml").read_text())[
        "tool"
    ]["typepact"]
    jsonschema.validate(example, schema)
    typo = {**example, "source": ["x"]}
    assert not jsonschema.Draft202012Validator(schema).is_valid(typo)
    bad_option = json.loads(json.dumps(example))
    bad_option["targets"]["typescript"]["enum_styl"] = "enum"
    assert not jsonschema.Draft202012Validator(schema).is_valid(bad_option)
