"""The README's example is the real input and the real output."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUICKSTART = ROOT / "examples" / "quickstart"


def _blocks(language: str) -> list[str]:
    text = (ROOT / "README.md").read_text()
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.S)


def test_setup_commands_come_first_and_ci_runs_the_test_command() -> None:
    install, test = _blocks("sh")[:2]
    assert "typepact generate" in install
    ci = (ROOT / ".ci" / "run").read_text()
    assert test.strip() in ci


def test_example_input_is_the_quickstart_model() -> None:
    (python,) = _blocks("python")
    assert python == (QUICKSTART / "app/models/users.py").read_text()


def test_example_outputs_are_excerpts_of_the_generated_files() -> None:
    types_ts, schemas_ts = _blocks("ts")
    generated_types = (QUICKSTART / "web/src/contracts/types.ts").read_text()
    generated_schemas = (QUICKSTART / "web/src/contracts/schemas.ts").read_text()
    assert types_ts.strip() and types_ts in generated_types
    assert schemas_ts.strip() and schemas_ts in generated_schemas
