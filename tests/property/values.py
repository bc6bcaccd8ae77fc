"""JSON values for generated models: valid requests drawn from the IR, and
deliberate mutations of them (wrong types, missing and extra keys, numbers
out of range, strings too long or too short, bad formats, an unknown
discriminator, and pydantic's lax spellings)."""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from hypothesis import strategies as st

from codegen import ir
from tests.property.genir import PATTERNS, GenPackage

#: The largest integer a JavaScript number holds exactly.
JS_SAFE = 2**53 - 1

Bindings = dict[str, ir.TypeExpr]
Path = tuple[str | int, ...]

_JSON_SCALARS = (
    st.none() | st.booleans() | st.integers(-1000, 1000) | st.text(max_size=5)
)
ANY_JSON = st.recursive(
    _JSON_SCALARS | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=6,
)

EMAILS = st.from_regex(
    r"[a-z]{1,8}(\.[a-z]{1,5})?@[a-z]{2,8}\.(com|org|net)", fullmatch=True
)


def int_bounds(c: ir.Constraints) -> tuple[int | None, int | None]:
    low = c.ge if c.ge is not None else (c.gt + 1 if c.gt is not None else None)
    high = c.le if c.le is not None else (c.lt - 1 if c.lt is not None else None)
    return (None if low is None else int(low), None if high is None else int(high))


#: The contract's integer (protobuf int64, OpenAPI format int64): valid
#: values stay inside it; beyond it is an out_of_range mutation.
INT64 = (-(2**63), 2**63 - 1)


def int_strategy(c: ir.Constraints) -> st.SearchStrategy[int]:
    bounds = int_bounds(c)
    if bounds == (None, None) and c.multiple_of is None:
        return (
            st.integers(-1000, 1000)
            | st.integers(-JS_SAFE, JS_SAFE)
            | st.integers(*INT64)
        )
    low = INT64[0] if bounds[0] is None else max(bounds[0], INT64[0])
    high = INT64[1] if bounds[1] is None else min(bounds[1], INT64[1])
    if c.multiple_of is not None:
        m = int(c.multiple_of)
        return st.integers(-((-low) // m), high // m).map(lambda k: k * m)
    return st.integers(low, high)


def is_float_multiple(value: float, step: float) -> bool:
    """pydantic-core's rule for a float's multiple_of: within 1e-9 of step
    times the quotient rounded half away from zero."""
    quotient = value / step
    whole = math.trunc(quotient)
    if abs(quotient - whole) >= 0.5:
        whole += 1 if quotient > 0 else -1
    return abs(value - whole * step) <= 1e-9


def float_strategy(c: ir.Constraints) -> st.SearchStrategy[float]:
    low = c.ge if c.ge is not None else c.gt
    high = c.le if c.le is not None else c.lt
    if c.multiple_of is not None:
        m = float(c.multiple_of)
        k_low = None
        k_high = None
        if low is not None:
            k_low = math.ceil(low / m)
            if c.gt is not None and k_low * m <= c.gt:
                k_low += 1
        if high is not None:
            k_high = math.floor(high / m)
            if c.lt is not None and k_high * m >= c.lt:
                k_high -= 1
        # k * m is exact enough to pass pydantic until k nears 2**52, where
        # k * m / m no longer rounds back to k.
        return (
            st.integers(k_low, k_high)
            .map(lambda k: float(k * m))
            .filter(lambda v: is_float_multiple(v, m))
        )
    return st.floats(
        min_value=None if low is None else float(low),
        max_value=None if high is None else float(high),
        exclude_min=c.gt is not None,
        exclude_max=c.lt is not None,
        allow_nan=False,
        allow_infinity=False,
    )


def string_strategy(c: ir.Constraints) -> st.SearchStrategy[str]:
    low = c.min_length or 0
    high = c.max_length
    if c.pattern is None:
        return st.text(min_size=low, max_size=high if high is not None else 12)
    alphabet, nonempty, needle = PATTERNS[c.pattern]
    low = max(low, int(nonempty))
    high = 10 if high is None else high
    if needle:
        rest = st.text(alphabet, min_size=max(0, low - len(needle)), max_size=high - 2)
        return rest.flatmap(
            lambda s: st.integers(0, len(s)).map(lambda i: s[:i] + needle + s[i:])
        )
    return st.text(alphabet, min_size=low, max_size=high)


def primitive_strategy(p: ir.PrimitiveType) -> st.SearchStrategy[Any]:
    match p.name:
        case "str":
            return string_strategy(p.constraints)
        case "int":
            return int_strategy(p.constraints)
        case "float":
            return float_strategy(p.constraints)
        case "bool":
            return st.booleans()
        case "date":
            return st.dates().map(lambda d: d.isoformat())
        case "datetime":
            return st.datetimes(timezones=st.none() | st.just(UTC)).map(
                lambda d: d.isoformat()
            )
        case "uuid":
            return st.uuids().map(str)
        case "email":
            return EMAILS
        case "ipv4":
            return st.ip_addresses(v=4).map(str)
    raise AssertionError(p.name)


def default_value(expr: ir.TypeExpr) -> st.SearchStrategy[Any]:
    """A valid value for a field default (scalars only)."""
    match expr:
        case ir.PrimitiveType():
            return primitive_strategy(expr)
        case ir.LiteralType(values=values):
            return st.sampled_from(values)
    raise AssertionError(expr)


def substitute(expr: ir.TypeExpr, bindings: Bindings) -> ir.TypeExpr:
    if isinstance(expr, ir.TypeParamType):
        return bindings[expr.name]
    return expr


def valid_value(
    draw: st.DrawFn,
    package: GenPackage,
    expr: ir.TypeExpr,
    bindings: Bindings,
    depth: int = 0,
) -> Any:
    """A JSON value pydantic accepts for `expr` (on the request side)."""
    expr = substitute(expr, bindings)
    match expr:
        case ir.PrimitiveType():
            return draw(primitive_strategy(expr))
        case ir.AnyType():
            return draw(ANY_JSON)
        case ir.NullType():
            return None
        case ir.LiteralType(values=values):
            return draw(st.sampled_from(values))
        case ir.ListType(item=item, unique=unique, constraints=c):
            low = c.min_length or 0
            high = c.max_length if c.max_length is not None else 3
            if depth >= 3:
                high = low
            if unique:
                seen: list[Any] = []
                for _ in range(draw(st.integers(low, high))):
                    value = valid_value(draw, package, item, bindings, depth + 1)
                    if value not in seen:
                        seen.append(value)
                return seen
            count = draw(st.integers(low, high))
            return [
                valid_value(draw, package, item, bindings, depth + 1)
                for _ in range(count)
            ]
        case ir.TupleType(items=items):
            return [valid_value(draw, package, i, bindings, depth + 1) for i in items]
        case ir.MapType(value=value):
            keys = draw(
                st.lists(
                    st.text(max_size=4), max_size=0 if depth >= 3 else 3, unique=True
                )
            )
            return {
                k: valid_value(draw, package, value, bindings, depth + 1) for k in keys
            }
        case ir.UnionType(members=members):
            if depth >= 3 and any(isinstance(m, ir.NullType) for m in members):
                return None
            member = draw(st.sampled_from(members))
            return valid_value(draw, package, member, bindings, depth)
        case ir.RefType(target=target, args=args):
            if any(e.id == target for e in package.enums):
                enum = package.enum(target)
                return draw(st.sampled_from([m.value for m in enum.members]))
            args = tuple(substitute(a, bindings) for a in args)
            return model_value(draw, package, target, args, depth)
    raise AssertionError(f"no values for {expr!r}")


def model_value(
    draw: st.DrawFn,
    package: GenPackage,
    target: str,
    args: tuple[ir.TypeExpr, ...],
    depth: int,
) -> dict[str, Any]:
    model = package.model(target)
    definition = model.definition
    bindings = dict(zip(definition.type_params, args, strict=True))
    out: dict[str, Any] = {}
    for field in definition.fields:
        if not field.in_input:
            continue
        if not field.input_required and (depth >= 2 or draw(st.booleans())):
            continue
        out[field.input_name] = valid_value(
            draw, package, field.type, bindings, depth + 1
        )
    if definition.extra == "allow" and draw(st.booleans()):
        out["zz_extra"] = draw(_JSON_SCALARS)
    return out


# --------------------------------------------------------------------------
# Mutations
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mutation:
    #: "wrong_type", "missing_key", "extra_key", "out_of_range", "too_long",
    #: "too_short", "pattern", "bad_format", "bad_discriminator",
    #: "not_a_member", "lax_string", "lax_number", "field_name_key",
    #: "duplicate_items", "tuple_length", "tolerance" (a float within
    #: pydantic's 1e-9 of a multiple).
    kind: str
    path: Path
    value: Any
    #: What the mutation did, for failure messages.
    note: str = ""


@dataclass(frozen=True, slots=True)
class Spot:
    """A place in a JSON value with the type expected there."""

    path: Path
    expr: ir.TypeExpr
    value: Any


def spots(
    package: GenPackage,
    value: Any,
    expr: ir.TypeExpr,
    bindings: Bindings,
    path: Path = (),
) -> Iterator[Spot]:
    expr = substitute(expr, bindings)
    yield Spot(path, expr, value)
    match expr:
        case ir.ListType(item=item) if isinstance(value, list):
            for index, child in enumerate(value[:2]):
                yield from spots(package, child, item, bindings, (*path, index))
        case ir.TupleType(items=items) if isinstance(value, list):
            for index, (child, item) in enumerate(zip(value, items, strict=False)):
                yield from spots(package, child, item, bindings, (*path, index))
        case ir.MapType(value=item) if isinstance(value, dict):
            for key in list(value)[:2]:
                yield from spots(package, value[key], item, bindings, (*path, key))
        case ir.UnionType(members=members, discriminator=tag) if value is not None:
            others = [m for m in members if not isinstance(m, ir.NullType)]
            if tag is not None and isinstance(value, dict):
                for member in others:
                    assert isinstance(member, ir.RefType)
                    if package.model(member.target).tag == value.get(tag):
                        yield from spots(package, value, member, bindings, path)
            elif len(others) == 1 and len(others) < len(members):
                yield from spots(package, value, others[0], bindings, path)
        case ir.RefType(target=target, args=args) if isinstance(value, dict):
            definition = package.model(target).definition
            inner = dict(
                zip(
                    definition.type_params,
                    (substitute(a, bindings) for a in args),
                    strict=True,
                )
            )
            for field in definition.fields:
                if field.input_name in value:
                    yield from spots(
                        package,
                        value[field.input_name],
                        field.type,
                        inner,
                        (*path, field.input_name),
                    )
        case _:
            pass


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    return type(value).__name__


_OTHER_TYPES: tuple[Any, ...] = (None, 7, 2.5, "text", True, [], {})


def mutations_at(package: GenPackage, spot: Spot) -> Iterator[Mutation]:
    path, expr, value = spot.path, spot.expr, spot.value
    for other in _OTHER_TYPES:
        if _json_type(other) != _json_type(value):
            yield Mutation(
                "wrong_type", path, other, f"{_json_type(value)} -> {other!r}"
            )
            break
    match expr:
        case ir.PrimitiveType(name="int", constraints=c) if isinstance(value, int):
            yield Mutation("lax_string", path, str(value), "an int as a string")
            yield Mutation("wrong_type", path, value + 0.5, "a fraction for an int")
            low, high = int_bounds(c)
            if low is not None:
                yield Mutation("out_of_range", path, low - 1, "below the minimum")
            if high is not None:
                yield Mutation("out_of_range", path, high + 1, "above the maximum")
            if c.multiple_of is not None:
                yield Mutation("out_of_range", path, value + 1, "not a multiple")
            if low is None and high is None:
                yield Mutation("out_of_range", path, 2**64, "beyond int64")
        case ir.PrimitiveType(name="float", constraints=c) if isinstance(
            value, int | float
        ):
            yield Mutation("lax_string", path, str(value), "a float as a string")
            for bound, delta, note in (
                (c.ge, -0.5, "below ge"),
                (c.gt, 0.0, "at gt"),
                (c.le, 0.5, "above le"),
                (c.lt, 0.0, "at lt"),
            ):
                if bound is not None:
                    yield Mutation("out_of_range", path, float(bound) + delta, note)
            if c.multiple_of is not None:
                yield Mutation(
                    "out_of_range", path, value + c.multiple_of / 2, "not a multiple"
                )
                # Near misses either side of pydantic's 1e-9 tolerance.
                yield Mutation(
                    "out_of_range", path, value + c.multiple_of * 1e-6, "near miss"
                )
                yield Mutation("tolerance", path, value + 1e-12, "within 1e-9")
        case ir.PrimitiveType(name="bool") if isinstance(value, bool):
            yield Mutation(
                "lax_string", path, "true" if value else "false", "a bool as a string"
            )
            yield Mutation("lax_number", path, int(value), "a bool as 0/1")
        case ir.PrimitiveType(name="str", constraints=c) if isinstance(value, str):
            if c.max_length is not None:
                yield Mutation(
                    "too_long", path, value + "a" * (c.max_length - len(value) + 1)
                )
            if c.min_length:
                yield Mutation("too_short", path, value[: c.min_length - 1])
            if c.pattern is not None:
                yield Mutation("pattern", path, "!!", "does not match the pattern")
        case ir.PrimitiveType(name=name) if name in (
            "date",
            "datetime",
            "uuid",
            "email",
            "ipv4",
        ):
            yield Mutation("bad_format", path, f"not-a-{name}")
        case ir.LiteralType(values=values):
            yield Mutation("not_a_member", path, "zz-not-listed")
            if not any(isinstance(v, bool) for v in values):
                yield Mutation("not_a_member", path, 999)
        case ir.ListType(unique=unique, constraints=c) if isinstance(value, list):
            if unique and value:
                yield Mutation("duplicate_items", path, [*value, value[0]])
            if c.max_length is not None and value:
                yield Mutation(
                    "too_long",
                    path,
                    value + [value[0]] * (c.max_length - len(value) + 1),
                )
            if c.min_length:
                yield Mutation("too_short", path, value[: c.min_length - 1])
        case ir.TupleType() if isinstance(value, list):
            yield Mutation("tuple_length", path, value[:-1], "one item short")
            yield Mutation("tuple_length", path, [*value, value[-1]], "one item long")
        case ir.UnionType(discriminator=tag) if tag is not None and isinstance(
            value, dict
        ):
            yield Mutation("bad_discriminator", path, {**value, tag: "zz-unknown"})
            yield Mutation(
                "missing_key",
                path,
                {k: v for k, v in value.items() if k != tag},
                "no tag",
            )
        case ir.RefType(target=target) if isinstance(value, dict):
            model = package.model(target)
            for field in model.definition.fields:
                if field.input_required and field.input_name in value:
                    rest = {k: v for k, v in value.items() if k != field.input_name}
                    yield Mutation("missing_key", path, rest, field.input_name)
                    break
            yield Mutation("extra_key", path, {**value, "zz_extra": 1})
            for field in model.definition.fields:
                if (
                    field.input_name != field.name
                    and field.input_name in value
                    and field.name not in value
                ):
                    renamed = {
                        (field.name if k == field.input_name else k): v
                        for k, v in value.items()
                    }
                    yield Mutation(
                        "field_name_key",
                        path,
                        renamed,
                        f"{field.name} for {field.input_name}",
                    )
                    break
        case ir.RefType(target=target):
            if any(e.id == target for e in package.enums):
                yield Mutation(
                    "not_a_member",
                    path,
                    "zz-not-a-member" if isinstance(value, str) else 999,
                )
        case _:
            pass


def replace_at(value: Any, path: Path, new: Any) -> Any:
    if not path:
        return new
    out = copy.deepcopy(value)
    holder = out
    for step in path[:-1]:
        holder = holder[step]
    holder[path[-1]] = new
    return out


def all_mutations(package: GenPackage, root: ir.RefType, value: Any) -> list[Mutation]:
    found: list[Mutation] = []
    for spot in spots(package, value, root, {}):
        for mutation in mutations_at(package, spot):
            whole = replace_at(value, mutation.path, mutation.value)
            found.append(Mutation(mutation.kind, mutation.path, whole, mutation.note))
    # Drop duplicates (the same whole value from two spots).
    unique: dict[str, Mutation] = {}
    for mutation in found:
        unique.setdefault(json.dumps(mutation.value, sort_keys=True), mutation)
    return list(unique.values())
