"""Request and response shapes: which definitions look different on the
wire depending on the direction, and what each direction's fields are.

pydantic reads (validates) and writes (serialises) differently: a field
with a default is optional in a request but always present in a response,
a computed field exists only in responses, a `Decimal` is written as a
string but read from a string or a number. Every target that can say "the
request shape" and "the response shape" asks this module, so TypeScript,
Zod and OpenAPI agree on where an `Input` variant exists.
"""

from __future__ import annotations

import decimal
import fractions
import re
from typing import Literal, TypeAlias, assert_never

from codegen import ir
from codegen.passes.memo import per_schema
from codegen.passes.ordering import references
from codegen.records import Record

Direction: TypeAlias = Literal["input", "output"]

#: Primitives whose wire form depends on the direction. pydantic writes a
#: Decimal as a string but reads a number too; it writes a timedelta as an
#: ISO 8601 duration but reads a number of seconds too.
DIRECTIONAL_PRIMITIVES: frozenset[ir.PrimitiveName] = frozenset(
    {"decimal", "timedelta"}
)


class ShapeField(Record):
    """One key of a model in one direction."""

    #: The key on the wire in this direction.
    wire_name: str
    type: ir.TypeExpr
    #: The key may be absent (input: has a default or is `NotRequired`;
    #: output: the backend may omit it).
    optional: bool
    field: ir.Field


def fields_in(
    model: ir.ModelDef, direction: Direction, schema: ir.Schema | None = None
) -> list[ShapeField]:
    """The keys of `model` in `direction`, in declaration order.

    On output a field's type is `output_type(field)`: pydantic does not
    validate defaults, so a literal default that does not fit the declared
    type (`coupon_code: str = None`) is written as it is, and the response
    shape must admit it (`string | null`). The request shape keeps the
    declared type: pydantic rejects an explicit `null` there.

    Given the `schema` that holds `model`, the answer is remembered for
    every target that asks again; it must then be treated as read-only."""
    if schema is None:
        return _fields_in(model, direction)
    remembered = _remembered_fields(schema)
    key = (model.id, direction)
    hit = remembered.get(key)
    if hit is None or hit[0] is not model:
        hit = remembered[key] = (model, _fields_in(model, direction))
    return hit[1]


@per_schema
def _remembered_fields(
    schema: ir.Schema,
) -> dict[tuple[str, Direction], tuple[ir.ModelDef, list[ShapeField]]]:
    return {}


def _fields_in(model: ir.ModelDef, direction: Direction) -> list[ShapeField]:
    shaped = []
    for f in model.fields:
        if direction == "input" and f.in_input:
            shaped.append(ShapeField(f.input_name, f.type, not f.input_required, f))
        elif direction == "output" and f.in_output:
            shaped.append(
                ShapeField(f.output_name, output_type(f), not f.output_required, f)
            )
    return shaped


def output_type(f: ir.Field) -> ir.TypeExpr:
    """The type of what pydantic writes for `f`: its declared type, widened
    by the field's literal default when that default does not fit (pydantic
    writes an unvalidated default as it is, `validate_default` aside, and a
    superset is always sound for a response). `None` adds `null`; a string, int
    or bool adds that literal, a float adds `float`; a list or dict that
    does not fit adds `any`."""
    if not (f.has_default and f.default_is_literal) or default_fits(f.type, f.default):
        return f.type
    value = f.default
    extra: ir.TypeExpr
    if value is None:
        extra = ir.NullType()
    elif isinstance(value, float):
        # LiteralType holds str, int, bool and None only.
        extra = ir.PrimitiveType(name="float")
    elif isinstance(value, str | int | bool):
        extra = ir.LiteralType(values=(value,))
    else:
        # A list or a dict: nothing narrower can be said.
        extra = ir.AnyType()
    match f.type:
        case ir.UnionType(
            members=members, discriminator=tag
        ) if tag is None or isinstance(extra, ir.NullType):
            # A null member is allowed in a discriminated union
            # (`Optional[Annotated[A | B, Field(discriminator=...)]]`).
            return ir.UnionType(members=(*members, extra), discriminator=tag)
        case _:
            return ir.UnionType(members=(f.type, extra))


def default_fits(expr: ir.TypeExpr, value: ir.JsonValue) -> bool:
    """Does the JSON value `value` fit `expr` as pydantic writes it? Answers
    True only when sure, except where the schema would be needed to know
    (a reference to a definition, a type parameter): a non-null value is
    then assumed to fit (enum defaults are common), and `None` is assumed
    not to (adding `null` to an alias that already admits it is harmless)."""
    match expr:
        case ir.AnyType():
            return True
        case ir.NullType():
            return value is None
        case ir.LiteralType(values=values):
            return any(
                type(v) is type(value) and v == value  # True is not 1 on the wire
                for v in values
            )
        case ir.PrimitiveType(name=name, constraints=c):
            return _primitive_fits(name, c, value)
        case ir.ListType(item=item, unique=unique, constraints=c):
            if not isinstance(value, list) or not _size_fits(c, len(value)):
                return False
            if unique and len({repr(v) for v in value}) != len(value):
                return False
            return all(default_fits(item, v) for v in value)
        case ir.TupleType(items=items):
            return (
                isinstance(value, list)
                and len(value) == len(items)
                and all(default_fits(i, v) for i, v in zip(items, value, strict=True))
            )
        case ir.MapType(value=value_type, constraints=c):
            return (
                isinstance(value, dict)
                and _size_fits(c, len(value))
                and all(default_fits(value_type, v) for v in value.values())
            )
        case ir.UnionType(members=members):
            return any(default_fits(m, value) for m in members)
        case ir.RefType() | ir.TypeParamType():
            return value is not None
        case _:
            assert_never(expr)


#: Conservative spellings of the string formats: a default that matches is
#: certainly valid for Zod's and pydantic's checks; one that does not is
#: treated as not fitting (the response type then also admits the literal,
#: which is sound either way).
_DATE = r"\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])"
_TIME = r"(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,6})?"
_HEX = "[0-9a-fA-F]"
_HTTP = r"https?://[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::\d{1,5})?(?:/[\w.~/-]*)?"
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_FORMAT_SPELLINGS: dict[str, str] = {
    "date": _DATE,
    "datetime": _DATE + "T" + _TIME + r"(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?",
    "time": _TIME,
    "uuid": "-".join(f"{_HEX}{{{n}}}" for n in (8, 4, 4, 4, 12)),
    "email": r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}",
    "url": _HTTP,
    "http_url": _HTTP,
    "ipv4": rf"(?:{_OCTET}\.){{3}}{_OCTET}",
}


def _primitive_fits(name: ir.PrimitiveName, c: ir.Constraints, value: object) -> bool:
    if name == "bool":
        return isinstance(value, bool)
    if name in ("int", "float"):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        if name == "int" and isinstance(value, float) and not value.is_integer():
            # 2.0 is written as `2.0`, which JSON readers see as 2.
            return False
        return _bounds_fit(c, value)
    if not isinstance(value, str):
        # A number default of a Decimal or timedelta field is written as a
        # number, not as the string these types are written as.
        return False
    if not _size_fits(c, len(value)):
        return False
    if c.pattern is not None:
        try:
            if re.search(c.pattern, value) is None:
                return False
        except re.error:
            return False
    if name in ("str", "bytes"):
        return True
    if name == "decimal":
        return _decimal_fits(c, value)
    spelling = _FORMAT_SPELLINGS.get(name)
    return spelling is not None and re.fullmatch(spelling, value) is not None


def _size_fits(c: ir.Constraints, size: int) -> bool:
    return (c.min_length is None or size >= c.min_length) and (
        c.max_length is None or size <= c.max_length
    )


def _bounds_fit(c: ir.Constraints, value: int | float | decimal.Decimal) -> bool:
    checks = (
        (c.ge, lambda b: value >= b),
        (c.gt, lambda b: value > b),
        (c.le, lambda b: value <= b),
        (c.lt, lambda b: value < b),
    )
    if any(bound is not None and not ok(bound) for bound, ok in checks):
        return False
    if c.multiple_of is not None:
        # Exact arithmetic; a float that is not exactly a multiple counts
        # as not fitting (sound: the response type only widens).
        quotient = fractions.Fraction(value) / fractions.Fraction(c.multiple_of)
        return quotient.denominator == 1
    return True


_DECIMAL_TEXT = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def _decimal_fits(c: ir.Constraints, text: str) -> bool:
    if _DECIMAL_TEXT.fullmatch(text) is None:
        return False
    number = decimal.Decimal(text)
    if not _bounds_fit(c, number):
        return False
    return decimal_digits_fit(number, c.max_digits, c.decimal_places)


def _digit_counts(coefficient: str, exponent: int) -> tuple[int, int]:
    """(digits, decimals) of a Decimal's `as_tuple()`, as pydantic counts
    them: a positive exponent adds trailing zeros; a negative one counts
    decimals, and at least as many digits as decimals."""
    if exponent >= 0:
        return len(coefficient) + exponent, 0
    return max(len(coefficient), -exponent), -exponent


def decimal_digits_fit(
    number: decimal.Decimal, max_digits: int | None, decimal_places: int | None
) -> bool:
    """pydantic's `max_digits`/`decimal_places` checks on a finite Decimal.

    pydantic counts digits twice, on the value as given and on its
    normalised form (trailing zeros stripped, zero as `0`; nothing is
    rounded), and a check fails only when both counts break it. So
    `1000.00` has 4 digits (1E+3) and `0.00` has no whole digits. Three
    checks: total digits, digits after the point, and digits before it (at
    most max_digits - decimal_places)."""
    _, digit_tuple, exponent = number.as_tuple()
    assert isinstance(exponent, int), "finite decimals only"
    raw = "".join(map(str, digit_tuple)).lstrip("0") or "0"
    significant = raw.rstrip("0")
    if significant:
        normal = _digit_counts(significant, exponent + len(raw) - len(significant))
    else:
        normal = (1, 0)
    counts = (_digit_counts(raw, exponent), normal)
    if max_digits is not None and all(d > max_digits for d, _ in counts):
        return False
    if decimal_places is not None and all(p > decimal_places for _, p in counts):
        return False
    if max_digits is not None and decimal_places is not None:
        whole = max(max_digits - decimal_places, 0)
        if all(d - p > whole for d, p in counts):
            return False
    return True


def _field_differs(f: ir.Field) -> bool:
    return (
        f.in_input != f.in_output
        or (f.in_input and f.in_output and f.input_required != f.output_required)
        or f.input_name != f.output_name
        or (f.in_input and f.in_output and output_type(f) is not f.type)
    )


def type_differs(expr: ir.TypeExpr, differing: frozenset[str] | set[str]) -> bool:
    """Does `expr` read differently from how it is written, given the set of
    definitions already known to differ?"""
    match expr:
        case ir.PrimitiveType(name=name):
            return name in DIRECTIONAL_PRIMITIVES
        case ir.RefType(target=target, args=args):
            return target in differing or any(type_differs(a, differing) for a in args)
        case ir.ListType(item=item):
            return type_differs(item, differing)
        case ir.TupleType(items=items) | ir.UnionType(members=items):
            return any(type_differs(i, differing) for i in items)
        case ir.MapType(key=key, value=value):
            return type_differs(key, differing) or type_differs(value, differing)
        case ir.AnyType() | ir.NullType() | ir.LiteralType() | ir.TypeParamType():
            # A type parameter is resolved at the use site: `Page[Money]`
            # differs through its argument, not through `Page`.
            return False
        case _:
            assert_never(expr)


def _definition_differs(
    definition: ir.Definition, differing: frozenset[str] | set[str]
) -> bool:
    match definition:
        case ir.ModelDef(fields=fields):
            return any(
                _field_differs(f) or type_differs(f.type, differing) for f in fields
            )
        case ir.AliasDef(type=type_):
            return type_differs(type_, differing)
        case ir.EnumDef():
            return False
        case _:
            assert_never(definition)


@per_schema
def differing_definitions(schema: ir.Schema) -> frozenset[str]:
    """Ids of the definitions whose request shape differs from their
    response shape. A fixpoint, so cycles and long chains of references
    settle: once a definition differs, everything that uses it differs.

    Worked out as a graph search: each definition is looked at once for
    what differs in itself, then difference spreads along references to
    their users (rather than re-reading every definition until nothing
    changes, which costs a pass per link of the longest chain)."""
    differing: set[str] = set()
    pending: list[str] = []
    users: dict[str, list[str]] = {}
    nothing: frozenset[str] = frozenset()
    for def_id, definition in schema.definitions.items():
        if _definition_differs(definition, nothing):
            differing.add(def_id)
            pending.append(def_id)
            continue  # differs already: what it refers to cannot matter
        for target in references(definition):
            users.setdefault(target, []).append(def_id)
    while pending:
        for user in users.get(pending.pop(), ()):
            if user not in differing:
                differing.add(user)
                pending.append(user)
    return frozenset(differing)
