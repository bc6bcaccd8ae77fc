"""Documented deliberate differences (docs/agreement.md), each recognised
by a precise predicate. Anything these do not name is a failure."""

from __future__ import annotations

import re
from typing import Any

from tests.property.genir import GenPackage
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


SET_DUPLICATES = (
    "a set on input: pydantic accepts duplicate items (and drops them), its "
    "JSON Schema says uniqueItems; typepact's Zod input schema follows pydantic"
)


MULTIPLE_OF_TOLERANCE = (
    "a float within 1e-9 of a multiple: pydantic accepts and writes it, "
    "JSON Schema's exact multipleOf (pydantic's own schema, typepact's "
    "OpenAPI) rejects it; typepact's Zod follows pydantic"
)


EXTRA_SHADOWS_FIELD = (
    "an extra key equal to a field's response key (extra=allow, the field read "
    "under another key) replaces that field in pydantic's dump, which then "
    "breaks pydantic's own schema; no contract can describe it"
)


def extra_shadows_field(instance: Any) -> bool:
    """True when some model in `instance` holds an extra (extra="allow")
    under a key its dump also uses for a field: pydantic writes the extra
    over the field (model_dump merges extras last)."""
    from pydantic import BaseModel

    if isinstance(instance, BaseModel):
        cls = type(instance)
        keys = {
            info.serialization_alias or info.alias or name
            for name, info in cls.model_fields.items()
        }
        keys |= {info.alias or name for name, info in cls.model_computed_fields.items()}
        if keys & set(instance.__pydantic_extra__ or {}):
            return True
        return any(extra_shadows_field(v) for v in instance.__dict__.values())
    if isinstance(instance, list | tuple | set | frozenset):
        return any(extra_shadows_field(v) for v in instance)
    if isinstance(instance, dict):
        return any(extra_shadows_field(v) for v in instance.values())
    return False


def precision_difference(kind: str, verdicts: dict[str, bool]) -> str | None:
    """The documented reason typepact may accept a value pydantic's own JSON
    Schema rejects, or None: only where pydantic itself accepts it."""
    if kind == "duplicate_items" and verdicts["pydantic"]:
        return SET_DUPLICATES
    return None


#: Error codes with which the protobuf target refuses what proto3 cannot
#: say (docs/protobuf.md); a refused package is counted, not round-tripped.
PROTOBUF_REFUSALS = frozenset({"TP203"})


NESTED_EXTRA = (
    "extra keys of an extra=allow model are not carried by protobuf "
    "(docs/protobuf.md), here in a nested message"
)

NAIVE_TIMESTAMP = (
    "a naive datetime cannot be a google.protobuf.Timestamp (docs/protobuf.md); "
    "support.py misses it when the JSON key is not an identifier"
)
_NAIVE_TIMESTAMP = re.compile(
    r"^ParseError: Failed to parse [\w-]+ field: time data '[^']*' does not "
    r"match format '%Y-%m-%dT%H:%M:%S'"
)
_NO_FIELD = re.compile(r'Message type "[\w.]+\.(\w+)" has no field named "zz_extra"')


PROTOBUF_DOUBLE_INT = (
    "an int beyond 2**53 inside google.protobuf.Value/ListValue travels as a "
    "double (the emitter warns, TP204)"
)


def protobuf_loss(
    package: GenPackage, detail: str, value: Any = None, warnings: str = ""
) -> str | None:
    """A documented protobuf loss (docs/protobuf.md) behind a failed round
    trip, or None. tests/protobuf/support.py recognises an extra key on the
    top-level message only; the same loss one message down is named here:
    protobuf's parser refused our extra key `zz_extra` on a message whose
    model has extra="allow"."""
    if unsafe_ints(value) and "whose numbers are doubles" in warnings:
        return PROTOBUF_DOUBLE_INT
    if _NAIVE_TIMESTAMP.search(detail):
        return NAIVE_TIMESTAMP
    found = _NO_FIELD.search(detail)
    if found is None or not detail.startswith("ParseError"):
        return None
    message = found.group(1)
    for model in package.models:
        name = model.definition.name
        generic = bool(model.definition.type_params)
        # A generic instantiation's message is named Box + its arguments.
        if message == name or (generic and message.startswith(name)):
            return NESTED_EXTRA if model.definition.extra == "allow" else None
    return None
