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

from dataclasses import dataclass
from typing import Literal, TypeAlias, assert_never

from codegen import ir

Direction: TypeAlias = Literal["input", "output"]

#: Primitives whose wire form depends on the direction. pydantic writes a
#: Decimal as a string but reads a number too; it writes a timedelta as an
#: ISO 8601 duration but reads a number of seconds too.
DIRECTIONAL_PRIMITIVES: frozenset[ir.PrimitiveName] = frozenset(
    {"decimal", "timedelta"}
)


@dataclass(frozen=True, slots=True)
class ShapeField:
    """One key of a model in one direction."""

    #: The key on the wire in this direction.
    wire_name: str
    type: ir.TypeExpr
    #: The key may be absent (input: has a default or is `NotRequired`;
    #: output: the backend may omit it).
    optional: bool
    field: ir.Field


def fields_in(model: ir.ModelDef, direction: Direction) -> list[ShapeField]:
    """The keys of `model` in `direction`, in declaration order."""
    shaped = []
    for f in model.fields:
        if direction == "input" and f.in_input:
            shaped.append(ShapeField(f.input_name, f.type, not f.input_required, f))
        elif direction == "output" and f.in_output:
            shaped.append(ShapeField(f.output_name, f.type, not f.output_required, f))
    return shaped


def _field_differs(f: ir.Field) -> bool:
    return (
        f.in_input != f.in_output
        or (f.in_input and f.in_output and f.input_required != f.output_required)
        or f.input_name != f.output_name
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


def differing_definitions(schema: ir.Schema) -> frozenset[str]:
    """Ids of the definitions whose request shape differs from their
    response shape. A fixpoint, so cycles and long chains of references
    settle: once a definition differs, everything that uses it differs."""
    differing: set[str] = set()
    changed = True
    while changed:
        changed = False
        for def_id, definition in schema.definitions.items():
            if def_id not in differing and _definition_differs(definition, differing):
                differing.add(def_id)
                changed = True
    return frozenset(differing)
