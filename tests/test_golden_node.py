"""Every golden output is checked by the real tools of its ecosystem: the
TypeScript compiles under `tsc --strict`, and the Zod schemas, loaded in
Node, agree with pydantic on each case's samples.json:

- z.infer of each schema and its interface are mutually assignable;
- the request schema (`<Name>InputSchema`, else `<Name>Schema`) accepts
  exactly the values pydantic accepts and rejects those it rejects;
- the response schema `<Name>Schema` accepts what pydantic writes back
  (`model_dump(mode="json", by_alias=True)`) for every valid value.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest

from tests import typecheck
from tests.golden_support import (
    GoldenCase,
    cached_verdicts,
    compile_case,
    load_samples,
    ok_cases,
    zod_schema_arg,
)
from tests.node_validator import NodeValidator, Outcome

pytestmark = pytest.mark.node

CASES = ok_cases()
IDS = [c.name for c in CASES]


def _output(case: GoldenCase, target: str) -> Path:
    return case.root / case.targets()[target]


def _stem(case: GoldenCase) -> str:
    return case.name.replace("/", "__")


@functools.cache
def _tsc_all() -> dict[str, list[str]]:
    """One tsc run over every case's outputs plus a proof that each Zod
    schema infers exactly its interface (tests/typecheck.py); tsc is slow to
    start, so per-case tests then read their part. Keyed by case stem."""
    files: dict[str, str] = {}
    for case in CASES:
        types, schemas = _output(case, "typescript"), _output(case, "zod")
        schema = compile_case(case).schema
        if not (types.is_file() and schemas.is_file()) or schema is None:
            continue
        stem = _stem(case)
        files[f"{stem}_types.ts"] = types.read_text(encoding="utf-8")
        files[f"{stem}_schemas.ts"] = schemas.read_text(encoding="utf-8")
        files[f"{stem}_check.ts"] = typecheck.equivalence_source(
            schema, f"./{stem}_types", f"./{stem}_schemas"
        )
    errors: dict[str, list[str]] = {}
    owner = ""
    for line in typecheck.compile_ts(files) if files else []:
        # "x_check.ts(3,5): error ..." starts an error; indented lines
        # continue the one before.
        if not line.startswith(" "):
            name = line.split("(", 1)[0]
            owner = name.rsplit("_", 1)[0] if name in files else ""
        errors.setdefault(owner, []).append(line)
    return errors


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_typescript_compiles_and_matches_zod(
    case: GoldenCase, node_packages: None
) -> None:
    """types.ts and schemas.ts compile under tsc --strict, and z.infer of each
    schema and the matching interface are mutually assignable."""
    missing = [out for out in case.targets().values() if not (case.root / out).exists()]
    assert not missing, f"golden/{case.name}: no expected output {missing} yet"
    results = _tsc_all()
    errors = results.get(_stem(case), []) + results.get("", [])
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
        outcomes = _validate(node_validator, module, request, values)
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
        answers = _validate(node_validator, module, response, dumped)
        for value, outcome in zip(dumped, answers, strict=True):
            if not outcome.success:
                problems.append(
                    f"{samples.spec}: {_name(response)} rejects the response "
                    f"pydantic writes, {value!r}; {outcome.describe()}"
                )
    assert not problems, f"golden/{case.name}:\n" + "\n".join(problems)


def _validate(
    validator: NodeValidator,
    module: Path,
    schema: str | dict[str, Any],
    values: list[Any],
) -> list[Outcome]:
    if isinstance(schema, str):
        return validator.validate(module, schema, values)
    return validator.validate(module, schema["export"], values, args=schema["args"])


def _name(schema: str | dict[str, Any]) -> str:
    if isinstance(schema, str):
        return schema
    inner = ", ".join(_name(a) for a in schema["args"])
    return f"{schema['export']}({inner})"
