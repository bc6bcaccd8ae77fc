"""The golden inputs are real pydantic code, and their samples.json says
what pydantic itself accepts: each valid value validates, each invalid one
fails. (Tests may import golden inputs; typepact never does.)"""

from __future__ import annotations

import dataclasses
import typing

import pytest
from pydantic import BaseModel

from tests.golden_support import (
    GoldenCase,
    imported_case,
    load_samples,
    ok_cases,
    pydantic_verdicts,
)

CASES = ok_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_samples_agree_with_pydantic(case: GoldenCase) -> None:
    problems = [p for v in pydantic_verdicts(case) for p in v.problems]
    assert not problems, "\n\n".join(problems)


def _is_model(value: object) -> bool:
    if not isinstance(value, type):
        return False
    return (
        issubclass(value, BaseModel)
        or dataclasses.is_dataclass(value)
        or typing.is_typeddict(value)
    )


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_model_has_valid_and_invalid_samples(case: GoldenCase) -> None:
    samples = load_samples(case)
    covered = {s.spec.name for s in samples if s.valid and s.invalid}
    missing = []
    with imported_case(case) as imported:
        for module_name, module in imported.modules.items():
            for name, value in vars(module).items():
                defined_here = getattr(value, "__module__", None) == module_name
                if _is_model(value) and defined_here and name not in covered:
                    missing.append(f"{module_name}.{name}")
    assert not missing, (
        f"golden/{case.name}/samples.json needs at least one valid and one "
        f"invalid value for: {', '.join(sorted(missing))}"
    )
