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


def precision_difference(kind: str, verdicts: dict[str, bool]) -> str | None:
    """The documented reason typepact may accept a value pydantic's own JSON
    Schema rejects, or None: only where pydantic itself accepts it."""
    if kind == "duplicate_items" and verdicts["pydantic"]:
        return SET_DUPLICATES
    return None


# --------------------------------------------------------------------------
# Known bugs: each has a strict xfail reproduction in test_known_bugs.py.
# --------------------------------------------------------------------------

ZOD_FLOAT_MULTIPLE_OF = (
    "BUG zod: z.number().multipleOf(step) accepts large non-multiples that "
    "pydantic rejects (test_known_bugs.py::test_zod_float_multiple_of)"
)
PROTOBUF_COMPUTED_FORBID = (
    "BUG protobuf: a computed field is in the message and printed back, and "
    'an extra="forbid" model rejects it as an extra key '
    "(test_known_bugs.py::test_protobuf_computed_field_of_forbid_model)"
)
PROTOBUF_VALUE_ALIASES = (
    "BUG protobuf: a model with different request and response keys, carried "
    "in google.protobuf.Value, prints response keys that pydantic cannot read "
    "(test_known_bugs.py::test_protobuf_value_keeps_response_keys)"
)


def _decimals(number: float) -> int:
    text = repr(float(number))
    if "e" in text:
        return 0
    return len(text.partition(".")[2].rstrip("0"))


def request_bug(rejection: Any) -> str | None:
    """The known bug that makes Zod accept what pydantic rejected with
    `rejection` (a ValidationError), or None. Zod's multipleOf scales value
    and step to integers by their decimal digits; past 2**53 the scaled
    value is rounded and a remainder is lost."""
    errors = getattr(rejection, "errors", None)
    if errors is None:
        return None
    found = errors()
    for error in found:
        if error["type"] != "multiple_of" or not isinstance(error["input"], float):
            return None
        step = error["ctx"]["multiple_of"]
        scale = 10 ** max(_decimals(error["input"]), _decimals(step))
        if abs(error["input"]) * scale <= JS_SAFE:
            return None
    return ZOD_FLOAT_MULTIPLE_OF if found else None


def protobuf_bug(model: Any, value: Any, detail: str) -> str | None:
    """The known protobuf bug behind a failed round trip, or None: pydantic
    cannot read its own dump of the value (request and response keys
    differ), and what the message printed back fails pydantic only by keys
    missing below the top level, where a google.protobuf.Value or ListValue
    kept the response keys."""
    import json

    from pydantic import ValidationError

    printed = [
        line.removeprefix("printed ")
        for line in detail.splitlines()
        if line.startswith("printed ")
    ]
    if detail.startswith("ParseError") or len(printed) != 1:
        return None
    instance = model.model_validate_json(json.dumps(value))
    try:
        model.model_validate_json(instance.model_dump_json(by_alias=True))
        return None
    except ValidationError:
        pass
    try:
        model.model_validate_json(printed[0])
    except ValidationError as exc:
        # Response keys where request keys belong: the request key is
        # missing, and under extra="forbid" the response key is extra.
        kinds = ("missing", "extra_forbidden")
        if all(e["type"] in kinds and len(e["loc"]) > 1 for e in exc.errors()):
            return PROTOBUF_VALUE_ALIASES
    return None


#: Error codes with which the protobuf target refuses what proto3 cannot
#: say (docs/protobuf.md); a refused package is counted, not round-tripped.
PROTOBUF_REFUSALS = frozenset({"TP203"})


NESTED_EXTRA = (
    "extra keys of an extra=allow model are not carried by protobuf "
    "(docs/protobuf.md), here in a nested message"
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
    found = _NO_FIELD.search(detail)
    if found is None or not detail.startswith("ParseError"):
        return None
    for model in package.models:
        if model.definition.name == found.group(1):
            return NESTED_EXTRA if model.definition.extra == "allow" else None
    return None


OPENAPI_CONSTRAINED_ARG_NAME = (
    "BUG openapi: Box[int] and Box[Annotated[int, Field(...)]] get the same "
    "component name Box_int_, an error TP201 "
    "(test_known_bugs.py::test_openapi_constrained_type_argument_name)"
)

_TP201 = re.compile(r"error\[TP201\] \[openapi\]: (Box\[[^\]]*\]) would both be")


def compile_bug(errors: list[str]) -> str | None:
    """The known bug behind typepact refusing a valid generated package."""
    if errors and all(_TP201.search(e) for e in errors):
        return OPENAPI_CONSTRAINED_ARG_NAME
    return None


def protobuf_computed_bug(package: GenPackage, detail: str) -> str | None:
    """The known bug behind a failed round trip, or None: every pydantic
    error is an extra key that is a computed field's response key of an
    extra="forbid" model of the package."""
    if detail.startswith("ParseError"):
        return None
    computed = {
        f.output_name
        for m in package.models
        if m.definition.extra == "forbid"
        for f in m.definition.fields
        if not f.in_input
    }
    blocks = re.findall(r"^(\S.*)\n  (.*) \[type=(\w+)", detail, re.MULTILINE)
    if not blocks or not computed:
        return None
    for loc, _, kind in blocks:
        if kind != "extra_forbidden" or loc.split(".")[-1] not in computed:
            return None
    return PROTOBUF_COMPUTED_FORBID
