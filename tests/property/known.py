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

PROTOBUF_COMPUTED_EXTRA = (
    "BUG protobuf: a computed field is in the message and printed back: an "
    'extra="forbid" model rejects it, an extra="allow" model keeps it as '
    "an extra (test_known_bugs.py::test_protobuf_computed_field_*)"
)
PROTOBUF_VALUE_ALIASES = (
    "BUG protobuf: a model with different request and response keys, carried "
    "in google.protobuf.Value, prints response keys that pydantic cannot read "
    "(test_known_bugs.py::test_protobuf_value_keeps_response_keys)"
)


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


def protobuf_computed_bug(
    package: GenPackage, model: Any, value: Any, detail: str
) -> str | None:
    """The known bug behind a failed round trip, or None: the message
    printed back a computed field (response only) of an extra="forbid" or
    extra="allow" model, and without those keys the round trip holds."""
    import json

    from pydantic import ValidationError
    from pydantic.alias_generators import to_camel

    # pydantic applies a model's alias generator to computed fields too, so
    # the key on the wire may be the camelCase spelling of the name.
    computed = {
        key
        for m in package.models
        if m.definition.extra in ("forbid", "allow")
        for f in m.definition.fields
        if not f.in_input
        for key in (f.output_name, to_camel(f.name))
    }
    printed = [
        line.removeprefix("printed ")
        for line in detail.splitlines()
        if line.startswith("printed ")
    ]
    if detail.startswith("ParseError") or not computed or len(printed) != 1:
        return None

    def drop(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: drop(v) for k, v in node.items() if k not in computed}
        if isinstance(node, list):
            return [drop(v) for v in node]
        return node

    def drop_own(node: Any) -> Any:
        # Only this model's computed keys: another model's computed field
        # may share a wire name with one of this model's real fields.
        own = {f.alias or name for name, f in model.model_computed_fields.items()}
        return {k: v for k, v in node.items() if k not in own}

    expected = model.model_validate_json(json.dumps(value))
    for strip in (drop_own, drop):
        try:
            back = model.model_validate_json(json.dumps(strip(json.loads(printed[0]))))
        except ValidationError:
            continue
        if back == expected:
            return PROTOBUF_COMPUTED_EXTRA
    return None
