"""`multiple_of` in Zod judges numbers as pydantic does.

Zod's own `.multipleOf` uses a tolerance relative to value / step, so it
took `-619805826628074.375` for a multiple of 0.25 (found by the property
tests). The emitter now spells pydantic's rules: exact for ints; for
floats "within 1e-9 of step times the quotient rounded half away from
zero"; for Decimals a whole 28-digit quotient. This test runs thousands of
values, near and far from multiples, at every scale, through the
generated schemas and through pydantic, and asks for the same verdict.
"""

from __future__ import annotations

import json
import math
import random
from decimal import Decimal
from pathlib import Path

import pytest

import codegen
from tests.node_validator import NodeValidator

pytestmark = pytest.mark.node

FLOAT_STEPS = (0.25, 0.1, 0.3, 0.5, 1.0, 7.0, 12.5, 0.01, 1e-5, 1e-9, 1000.0)
INT_STEPS = (2, 3, 6, 1000)
DECIMAL_STEPS = (0.05, 0.25, 3, 0.01, 1e-5, 7.5)


def _source() -> str:
    lines = [
        "from decimal import Decimal",
        "",
        "from pydantic import BaseModel, Field",
        "",
        "",
        "class Steps(BaseModel):",
    ]
    lines += [
        f"    f{i}: float | None = Field(default=None, multiple_of={step!r})"
        for i, step in enumerate(FLOAT_STEPS)
    ]
    lines += [
        f"    i{i}: int | None = Field(default=None, multiple_of={step!r})"
        for i, step in enumerate(INT_STEPS)
    ]
    lines += [
        f"    d{i}: Decimal | None = Field(default=None, multiple_of={step!r})"
        for i, step in enumerate(DECIMAL_STEPS)
    ]
    return "\n".join(lines) + "\n"


def _float_values(rng: random.Random, step: float, count: int) -> list[float]:
    values = []
    for _ in range(count):
        k = rng.choice(
            [
                rng.randint(-10, 10),
                rng.randint(-(10**6), 10**6),
                rng.randint(-(10**17), 10**17),
            ]
        )
        nudge = rng.choice(
            [0.0, 1e-12, 5e-10, 9e-10, 1.1e-9, 2e-9, 1e-7, 0.5, rng.uniform(-1, 1)]
        )
        value = k * step + nudge * step * rng.choice([1, -1])
        if rng.random() < 0.1:
            value = rng.uniform(-1e300, 1e300)
        if math.isfinite(value):
            values.append(value)
    # The value the property tests found, and exact halves either side.
    return [*values, -619805826628074.375, 2.5 * step, -2.5 * step]


def _int_values(rng: random.Random, step: int, count: int) -> list[int]:
    safe = 2**53 - 1
    values = [rng.randint(-safe // step, safe // step) * step for _ in range(count)]
    values += [v + rng.choice([1, -1]) for v in values[: count // 2]]
    return [v for v in values if abs(v) <= safe] + [2**50 + 1, 2**50]


def _decimal_values(rng: random.Random, step: float, count: int) -> list[object]:
    """Decimal strings and JSON numbers: multiples, near misses in the last
    of 30 digits (where pydantic's 28-digit context rounds), and huge and
    tiny exponents."""
    exact = Decimal(repr(step))
    values: list[object] = []
    for _ in range(count):
        k = rng.choice(
            [
                rng.randint(-100, 100),
                rng.randint(-(10**12), 10**12),
                rng.randint(-(10**30), 10**30),
            ]
        )
        value = exact * k
        nudge = rng.choice([0, 0, 1, -1])
        if nudge:
            value += Decimal(nudge).scaleb(rng.randint(-40, 2))
        if rng.random() < 0.1:
            value = Decimal(rng.randint(1, 99)).scaleb(rng.randint(-60, 60))
        text = str(value) if rng.random() < 0.5 else f"{value:E}"
        values.append(float(text) if rng.random() < 0.2 else text)
    # Quotients that tie in the 29th digit (3 * 1.000...0005 and
    # 3 * 1.000...0015): half to even keeps the first whole, not the second.
    ties = ["3.0000000000000000000000000015", "3.0000000000000000000000000045"]
    return values + ties + ["0", "-0.00", "1E+1000", "1E-1000", "abc"]


def test_zod_multiple_of_agrees_with_pydantic(
    tmp_path: Path, node_validator: NodeValidator
) -> None:
    from pydantic import BaseModel, ValidationError

    source = _source()
    package = tmp_path / "input" / "steps"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "models.py").write_text(source)
    config = codegen.config_from_mapping(
        {"sources": ["input"], "cache": False, "targets": {"zod": {"out": "z.ts"}}},
        root=tmp_path,
    )
    result = codegen.compile(config)
    assert not [d for d in result.diagnostics if d.severity == "error"]
    (tmp_path / "z.ts").write_text(result.files["z.ts"])

    namespace: dict[str, object] = {}
    exec(compile(source, "models.py", "exec"), namespace)
    model = namespace["Steps"]
    assert isinstance(model, type) and issubclass(model, BaseModel)
    model.model_rebuild(_types_namespace=namespace)

    rng = random.Random(20261127)
    values: list[dict[str, object]] = []
    for i, step in enumerate(FLOAT_STEPS):
        values += [{f"f{i}": v} for v in _float_values(rng, step, 400)]
    for i, istep in enumerate(INT_STEPS):
        values += [{f"i{i}": v} for v in _int_values(rng, istep, 200)]
    for i, step in enumerate(DECIMAL_STEPS):
        values += [{f"d{i}": v} for v in _decimal_values(rng, step, 400)]

    expected = []
    for value in values:
        try:
            model.model_validate_json(json.dumps(value))
            expected.append(True)
        except ValidationError:
            expected.append(False)
    # The sample has both verdicts for every field kind, or it proves little.
    assert 0.2 < sum(expected) / len(expected) < 0.8

    outcomes = node_validator.validate(tmp_path / "z.ts", "StepsInputSchema", values)
    disagreements = [
        f"{json.dumps(value)}: pydantic {'accepts' if want else 'rejects'}, "
        f"Zod {outcome.describe()}"
        for value, want, outcome in zip(values, expected, outcomes, strict=True)
        if outcome.success != want
    ]
    assert disagreements == [], "\n".join(disagreements[:20])
