"""Every golden output is checked by the real tools of its ecosystem: the
TypeScript compiles under `tsc --strict`, and the Zod schemas, loaded in
Node, agree with pydantic on each case's samples.json:

- the request schema (`<Name>InputSchema`, else `<Name>Schema`) accepts
  exactly the values pydantic accepts and rejects those it rejects;
- the response schema `<Name>Schema` accepts what pydantic writes back
  (`model_dump(mode="json", by_alias=True)`) for every valid value.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from tests.golden_support import (
    GoldenCase,
    cached_verdicts,
    load_samples,
    ok_cases,
    tsc_check,
    zod_schema_arg,
)
from tests.node_validator import NodeValidator

pytestmark = pytest.mark.node

CASES = ok_cases()
IDS = [c.name for c in CASES]


def _outputs(case: GoldenCase, suffix: str = ".ts") -> list[Path]:
    return [case.root / out for out in case.targets().values() if out.endswith(suffix)]


@functools.cache
def _tsc_all() -> dict[Path, list[str]]:
    """One tsc run over every golden output that exists (tsc is slow to
    start; per-case tests then read their part)."""
    files = [p for case in CASES for p in _outputs(case) if p.is_file()]
    return tsc_check(files) if files else {}


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_typescript_compiles_under_strict(
    case: GoldenCase, node_packages: None
) -> None:
    files = _outputs(case)
    missing = [str(p.relative_to(case.root)) for p in files if not p.is_file()]
    assert not missing, f"golden/{case.name}: no expected output {missing} yet"
    results = _tsc_all()
    errors = [line for p in files for line in results.get(p.resolve(), [])]
    errors += results.get(Path("<tsc>"), [])
    assert not errors, "tsc --strict failed:\n" + "\n".join(errors)


def _zod_module(case: GoldenCase) -> Path:
    targets = case.targets()
    assert "zod" in targets, f"golden/{case.name} has no zod target"
    module = case.root / targets["zod"]
    assert module.is_file(), f"golden/{case.name}: {targets['zod']} does not exist yet"
    return module


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_zod_schemas_agree_with_pydantic(
    case: GoldenCase, node_validator: NodeValidator
) -> None:
    module = _zod_module(case)
    exports = set(node_validator.exports(module))
    verdicts = {str(v.spec): v for v in cached_verdicts(case)}
    problems: list[str] = []
    for samples in load_samples(case):
        verdict = verdicts[str(samples.spec)]
        if verdict.problems:
            problems.append(
                f"{samples.spec}: samples disagree with pydantic itself "
                "(see test_golden_pydantic)"
            )
            continue
        request = zod_schema_arg(samples.spec, exports, "input")
        response = zod_schema_arg(samples.spec, exports, "output")
        values = [*samples.valid, *samples.invalid]
        outcomes = node_validator.validate(module, *_split(request), values)
        for value, outcome in zip(samples.valid, outcomes, strict=False):
            if not outcome.success:
                problems.append(
                    f"{samples.spec}: {_name(request)} rejects {value!r}, which "
                    f"pydantic accepts; {outcome.describe()}"
                )
        for value, outcome in zip(
            samples.invalid, outcomes[len(samples.valid) :], strict=True
        ):
            if outcome.success:
                problems.append(
                    f"{samples.spec}: {_name(request)} accepts {value!r}, which "
                    "pydantic rejects"
                )
        dumped = list(verdict.dumped)
        answers = node_validator.validate(module, *_split(response), dumped)
        for value, outcome in zip(dumped, answers, strict=True):
            if not outcome.success:
                problems.append(
                    f"{samples.spec}: {_name(response)} rejects the response "
                    f"pydantic writes, {value!r}; {outcome.describe()}"
                )
    assert not problems, f"golden/{case.name}:\n" + "\n".join(problems)


def _split(arg: str | dict[str, object]) -> tuple[str, list[object]]:
    if isinstance(arg, str):
        return arg, []
    return str(arg["export"]), list(arg["args"])  # type: ignore[call-overload]


def _name(arg: str | dict[str, object]) -> str:
    if isinstance(arg, str):
        return arg
    inner = ", ".join(_name(a) for a in arg["args"])  # type: ignore[attr-defined]
    return f"{arg['export']}({inner})"
