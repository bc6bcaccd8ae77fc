"""Documented deliberate differences (docs/agreement.md), each recognised
by a precise predicate. Anything these do not name is a failure."""

from __future__ import annotations

from typing import Any

from tests.property.values import JS_SAFE

NAIVE_DATETIME = (
    "naive datetime (no offset): pydantic reads and writes it, an RFC 3339 "
    "`date-time` format check rejects it"
)
UNSAFE_INT = "int outside the JavaScript safe range (Zod cannot judge it)"


def unsafe_ints(value: Any) -> bool:
    """True when the JSON value holds an integer a JavaScript number cannot
    carry exactly (JSON.parse rounds it before Zod sees it)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return abs(value) > JS_SAFE
    if isinstance(value, list):
        return any(unsafe_ints(v) for v in value)
    if isinstance(value, dict):
        return any(unsafe_ints(v) for v in value.values())
    return False


def void_judges(value: Any) -> frozenset[str]:
    """Judges whose verdict on `value` says nothing about the contract."""
    return frozenset({"zod"}) if unsafe_ints(value) else frozenset()


def precision_difference(judge: str, kind: str, value: Any, verdicts: dict[str, bool]) -> str | None:
    """The documented reason a `judge` may accept a value pydantic's own JSON
    Schema rejects, or None."""
    return None
