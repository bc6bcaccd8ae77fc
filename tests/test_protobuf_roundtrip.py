"""Protobuf round trip (DESIGN property 4) and toolchain checks.

For every golden case configuring a `protobuf` target, every fixture
project in tests/protobuf/fixtures/, and (until the golden cases configure
it) every golden case with a protobuf target added in a temporary copy:

- the .proto compiles with protoc from grpcio-tools into Python;
- each valid sample, validated and written by pydantic
  (`model_dump_json(by_alias=True)`), parses into its message with
  protobuf's JSON mapping, prints back (json_name keys, fields without
  presence always printed) and validates in pydantic to an equal value;
  the only exceptions are the documented losses, recognised precisely
  (tests/protobuf/support.py, docs/protobuf.md);
- `buf lint` (pinned npm @bufbuild/buf) passes with tests/protobuf/buf.yaml.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.golden_support import GoldenCase, ok_cases
from tests.node_validator import NODE_DIR
from tests.protobuf.support import (
    HERE,
    KNOWN_EXTRA,
    KNOWN_NAIVE,
    KNOWN_READ_ONLY,
    KNOWN_VALUE_KEYS,
    compile_protobuf,
    configures_protobuf,
    fixture_cases,
    round_trips,
)

CONFIGURED = [c for c in ok_cases() if configures_protobuf(c)] + fixture_cases()
INJECTED = [c for c in ok_cases() if not configures_protobuf(c)]
BUF = NODE_DIR / "node_modules" / ".bin" / "buf"


def _with_protobuf(case: GoldenCase, tmp_path: Path) -> GoldenCase:
    """A copy of `case` whose only target is protobuf."""
    copy = tmp_path / "case"
    shutil.copytree(case.root, copy, ignore=shutil.ignore_patterns("expected"))
    config = copy / "pyproject.toml"
    text = re.sub(r"\[tool\.typepact\.targets\.[\s\S]*", "", config.read_text("utf-8"))
    package = re.sub(r"\W", "_", case.name) + ".v1"
    config.write_text(
        text + f'\n[tool.typepact.targets.protobuf]\nout = "proto"\n'
        f'package = "{package}"\n',
        encoding="utf-8",
    )
    return GoldenCase(case.name, copy)


def _cases() -> list[tuple[GoldenCase, bool]]:
    return [(c, False) for c in CONFIGURED] + [(c, True) for c in INJECTED]


def _ids() -> list[str]:
    return [
        c.name if not injected else f"{c.name}+protobuf" for c, injected in _cases()
    ]


def _prepare(case: GoldenCase, injected: bool, tmp_path: Path) -> GoldenCase:
    return _with_protobuf(case, tmp_path) if injected else case


@pytest.mark.parametrize(("case", "injected"), _cases(), ids=_ids())
def test_round_trip(case: GoldenCase, injected: bool, tmp_path: Path) -> None:
    case = _prepare(case, injected, tmp_path)
    compiled = compile_protobuf(case, tmp_path / "build")
    results = list(round_trips(case, compiled))
    failures = [r for r in results if r.status == "fail"]
    assert not failures, "\n\n".join(
        f"{r.spec}: {r.value!r}\n{r.detail}" for r in failures
    )
    assert {r.detail for r in results if r.status == "known"} <= {
        KNOWN_EXTRA,
        KNOWN_NAIVE,
        KNOWN_READ_ONLY,
        KNOWN_VALUE_KEYS,
    }
    assert any(r.status == "ok" for r in results), "no sample went through"


@pytest.mark.parametrize(("case", "injected"), _cases(), ids=_ids())
def test_buf_lint(
    case: GoldenCase, injected: bool, tmp_path: Path, node_packages: None
) -> None:
    case = _prepare(case, injected, tmp_path)
    compiled = compile_protobuf(case, tmp_path / "build")
    protos = sorted(p for p in compiled.files if p.endswith(".proto"))
    assert protos
    import codegen

    out = codegen.load_config(case.root / "pyproject.toml").targets["protobuf"].out
    run = subprocess.run(
        [
            str(BUF),
            "lint",
            str(tmp_path / "build" / "src" / out),
            "--config",
            str(HERE / "buf.yaml"),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
