"""Every OpenAPI document typepact writes passes the ecosystem's own
checkers: openapi-spec-validator (Python) and `redocly lint` (the pinned
npm package), with no errors and no warnings beyond the rules
tests/openapi/redocly.yaml turns off, each with its reason.

Besides the configured projects, every golden case is compiled here with
an `openapi` target added, so the checkers see every golden input now.
"""

from __future__ import annotations

import json
import subprocess
import tomllib
from pathlib import Path

import pytest
from openapi_spec_validator import validate

import codegen
from tests.golden_support import GoldenCase, discover_cases
from tests.node_validator import NODE_DIR
from tests.openapi import support

REDOCLY = NODE_DIR / "node_modules" / ".bin" / "redocly"
REDOCLY_CONFIG = Path(__file__).resolve().parent / "redocly.yaml"

GOLDEN = [c for c in discover_cases() if not c.expects_errors]


def golden_document(case: GoldenCase) -> str:
    """A golden case compiled with an `openapi` target, in memory."""
    data = tomllib.loads((case.root / "pyproject.toml").read_text("utf-8"))
    table = data["tool"]["typepact"]
    table["targets"] = {"openapi": {"out": "openapi.json"}}
    result = codegen.compile(codegen.config_from_mapping(table, root=case.root))
    assert result.ok, [d.format_text() for d in result.diagnostics]
    return result.files["openapi.json"]


def all_documents() -> dict[str, tuple[str, str]]:
    """File name -> (suffix, text) for every document under test."""
    docs = {}
    for case in support.projects():
        compiled = support.compile_project(case)
        suffix = Path(compiled.out).suffix
        docs[case.name.replace("/", "_")] = (suffix, compiled.text)
    for case in GOLDEN:
        docs[f"golden_{case.name}"] = (".json", golden_document(case))
    return docs


@pytest.mark.parametrize("case", support.projects(), ids=lambda c: c.name)
def test_projects_pass_openapi_spec_validator(case: GoldenCase) -> None:
    validate(support.compile_project(case).document)


@pytest.mark.parametrize("case", GOLDEN, ids=lambda c: c.name)
def test_golden_inputs_pass_openapi_spec_validator(case: GoldenCase) -> None:
    validate(json.loads(golden_document(case)))


@pytest.mark.node
def test_redocly_lint_finds_nothing(node_packages: None, tmp_path: Path) -> None:
    paths = []
    for name, (suffix, text) in sorted(all_documents().items()):
        path = tmp_path / f"{name}{suffix}"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    # One process for every document: Node starts once.
    run = subprocess.run(
        [str(REDOCLY), "lint", "--config", str(REDOCLY_CONFIG), *paths],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = run.stdout + run.stderr
    assert run.returncode == 0, report
    assert "warning" not in report.replace("Deprecation warning", ""), report
