"""Generic instantiations: which `Page[User]`s a schema uses, and their
fields with the type parameters filled in.

Targets without type parameters (OpenAPI components, protobuf messages)
emit one definition per instantiation; this pass finds them once, in a
deterministic order, so every such target agrees on the set.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import assert_never

from codegen import ir


def substitute(expr: ir.TypeExpr, bindings: Mapping[str, ir.TypeExpr]) -> ir.TypeExpr:
    """`expr` with every type parameter named in `bindings` replaced."""
    match expr:
        case ir.TypeParamType(name=name):
            return bindings.get(name, expr)
        case ir.ListType(item=item):
            return ir.ListType(
                item=substitute(item, bindings),
                unique=expr.unique,
                constraints=expr.constraints,
            )
        case ir.TupleType(items=items):
            return ir.TupleType(items=tuple(substitute(i, bindings) for i in items))
        case ir.MapType(key=key, value=value):
            return ir.MapType(
                key=substitute(key, bindings),
                value=substitute(value, bindings),
                constraints=expr.constraints,
            )
        case ir.UnionType(members=members):
            return ir.UnionType(
                members=tuple(substitute(m, bindings) for m in members),
                discriminator=expr.discriminator,
            )
        case ir.RefType(target=target, args=args):
            return ir.RefType(
                target=target, args=tuple(substitute(a, bindings) for a in args)
            )
        case ir.PrimitiveType() | ir.AnyType() | ir.NullType() | ir.LiteralType():
            return expr
        case _:
            assert_never(expr)


def bindings_of(schema: ir.Schema, ref: ir.RefType) -> dict[str, ir.TypeExpr]:
    """Type parameter name -> argument, for a use of a generic definition."""
    params: tuple[str, ...] = getattr(schema.get(ref), "type_params", ())
    return dict(zip(params, ref.args, strict=True))


def instantiations(schema: ir.Schema) -> list[ir.RefType]:
    """Every use of a definition that can be emitted on its own: each
    non-generic definition (as a reference without arguments), then each
    generic one with concrete arguments reachable from them, transitively
    (`Page[Pair[str, User]]` brings `Pair[str, User]`). Uses that still
    mention a type parameter are skipped: they only exist inside a generic
    definition and are found again once that definition is instantiated.
    Sorted by id, then by the arguments' JSON-like spelling."""
    found: dict[ir.RefType, None] = {}
    pending = [
        ir.RefType(target=def_id)
        for def_id, definition in sorted(schema.definitions.items())
        if not getattr(definition, "type_params", ())
    ]
    while pending:
        ref = pending.pop()
        if ref in found or ref.target not in schema.definitions:
            continue
        found[ref] = None
        bindings = bindings_of(schema, ref)
        for top in ir.definition_types(schema.get(ref)):
            # Nearly every definition is not generic: nothing to fill in,
            # so spare rebuilding its types.
            typed = substitute(top, bindings) if bindings else top
            for expr in ir.walk(typed):
                if isinstance(expr, ir.RefType) and expr.args and _concrete(expr):
                    pending.append(expr)
    return sorted(found, key=lambda r: (r.target, repr(r.args)))


def _concrete(expr: ir.TypeExpr) -> bool:
    return not any(isinstance(e, ir.TypeParamType) for e in ir.walk(expr))
