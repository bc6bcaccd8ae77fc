"""typepact's OpenAPI components against pydantic's own JSON Schema.

For every project that configures the `openapi` target (golden cases, and
the fixtures in tests/openapi/fixtures/), each component must equal what
pydantic writes for the same class and direction (validation mode for
requests; serialisation mode with defaulted fields required for
responses), after mapping pydantic's `$ref` names to typepact's. Every
remaining difference is deliberate, explained in docs/openapi.md, and
listed below as that exact difference: anything else, or anything less,
fails.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.golden_support import GoldenCase
from tests.openapi import support

PROJECTS = support.projects()

_ABSENT = "<absent>"

#: (project, component) -> {JSON pointer: (pydantic's value, typepact's)}.
#: The reasons are in docs/openapi.md, "Deliberate differences".
EXPECTED_DIFFERENCES: dict[tuple[str, str], dict[str, tuple[Any, Any]]] = {
    # NotRequired TypedDict keys: may be absent from a response, too.
    ("openapi/features", "Address (output)"): {
        "/required": (["street", "zip"], ["street"]),
    },
    ("typed_dicts", "FlagshipStore (output)"): {
        "/required": (
            [
                "street",
                "city",
                "unit",
                "name",
                "location",
                "hours",
                "contact",
                "manager",
                "showroom_m2",
                "cafe",
            ],
            ["street", "city", "name", "location", "hours", "cafe"],
        ),
    },
    ("typed_dicts", "OpeningHours (output)"): {
        "/required": (["opens", "closes", "closed"], _ABSENT),
    },
    ("typed_dicts", "Store (output)"): {
        "/required": (
            [
                "street",
                "city",
                "unit",
                "name",
                "location",
                "hours",
                "contact",
                "manager",
            ],
            ["street", "city", "name", "location", "hours"],
        ),
    },
    ("typed_dicts", "StoreAddress (output)"): {
        "/required": (["street", "city", "unit"], ["street", "city"]),
    },
    ("typed_dicts", "StoreContact (output)"): {
        "/required": (["phone", "email"], ["phone"]),
    },
    # Defaults typepact does not evaluate (a call such as Decimal("0.00")).
    ("basics", "Customer-Input"): {
        "/properties/store_credit/default": ("0.00", _ABSENT),
        # `str = None`: a default its type rejects (a TP204 warning).
        "/properties/coupon_code/default": (None, _ABSENT),
    },
    ("basics", "Customer-Output"): {
        "/properties/store_credit/default": ("0.00", _ABSENT),
        # `str = None`: pydantic does not validate defaults, so it writes
        # null; the response schema says so (pydantic's own says string).
        "/properties/coupon_code/type": ("string", _ABSENT),
        "/properties/coupon_code/anyOf": (
            _ABSENT,
            [{"type": "string"}, {"type": "null"}],
        ),
    },
    ("constraints", "Product-Input"): {
        "/properties/unit_price/default": ("1.00", _ABSENT),
    },
    ("constraints", "Product-Output"): {
        "/properties/unit_price/default": ("1.00", _ABSENT),
    },
    ("property_findings", "Measure-Input"): {
        "/properties/price/default": ("0", _ABSENT),
    },
    ("property_findings", "Measure-Output"): {
        "/properties/price/default": ("0", _ABSENT),
    },
    # A stdlib dataclass takes the config of the pydantic model using it.
    ("dataclasses_models", "Warehouse-Input"): {
        "/additionalProperties": (False, _ABSENT),
    },
    ("dataclasses_models", "Warehouse-Output"): {
        "/additionalProperties": (False, _ABSENT),
    },
    # `ConfigDict(title=...)` is not read by the Python frontend yet.
}

#: (project, component) -> pydantic's name for it, where the two differ:
#: pydantic splits a TypedDict with NotRequired keys (see above); typepact
#: keeps one component, whose response shape may omit those keys.
EXPECTED_RENAMES: dict[tuple[str, str], str] = {
    ("openapi/features", "Address"): "Address-Input",
    ("openapi/features", "Address (output)"): "Address-Output",
    **{
        ("typed_dicts", f"{name}{suffix}"): f"{name}-{side}"
        for name in (
            "FlagshipStore",
            "OpeningHours",
            "Store",
            "StoreAddress",
            "StoreContact",
        )
        for suffix, side in (("", "Input"), (" (output)", "Output"))
    },
}


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


@pytest.mark.parametrize("case", PROJECTS, ids=[c.name for c in PROJECTS])
def test_components_equal_pydantic(case: GoldenCase) -> None:
    comparison = support.compare(case, support.compile_project(case))
    problems = []
    for name, found in sorted(comparison.components.items()):
        expected = EXPECTED_DIFFERENCES.get((case.name, name), {})
        if _json(found) != _json(expected):
            problems.append(
                f"{name}: differences from pydantic\n  expected "
                f"{_json(expected)}\n  found    {_json(found)}"
            )
    for (project, name), _ in sorted(EXPECTED_DIFFERENCES.items()):
        if project == case.name and name not in comparison.components:
            problems.append(f"{name}: listed as a difference but not emitted")
    renames = {n: p for (c, n), p in EXPECTED_RENAMES.items() if c == case.name}
    if comparison.renamed != renames:
        problems.append(f"names differ: {comparison.renamed} != {renames}")
    equal = sum(1 for found in comparison.components.values() if not found)
    print(f"\n{case.name}: {equal}/{len(comparison.components)} equal pydantic's")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("case", PROJECTS, ids=[c.name for c in PROJECTS])
def test_every_emitted_component_is_compared(case: GoldenCase) -> None:
    compiled = support.compile_project(case)
    comparison = support.compare(case, compiled)
    compared = {n.removesuffix(" (output)") for n in comparison.components}
    emitted = set(compiled.document["components"]["schemas"])
    assert emitted == compared
