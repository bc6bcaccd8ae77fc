"""Language-independent checks on the IR, run once before any emitter.

Emitters never guess: a reference to nothing, a generic used with the wrong
number of arguments, a discriminated union whose members carry no tag, or
a map key JSON cannot hold is reported here, with a place, for every
target at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import assert_never

from codegen import ir
from codegen.diagnostics import Diagnostic
from codegen.passes.memo import per_schema


def check_schema(schema: ir.Schema) -> list[Diagnostic]:
    return list(_check_schema(schema))


@per_schema
def _check_schema(schema: ir.Schema) -> tuple[Diagnostic, ...]:
    problems: list[Diagnostic] = []
    for _, definition in sorted(schema.definitions.items()):
        params = set(getattr(definition, "type_params", ()))
        for top, where in _types_with_locations(definition):
            _check_tree(schema, definition, params, top, where, problems)
    return tuple(problems)


#: Types with nothing inside and nothing to check.
_LEAVES = (ir.PrimitiveType, ir.AnyType, ir.NullType, ir.LiteralType)


def _check_tree(
    schema: ir.Schema,
    owner: ir.Definition,
    params: set[str],
    expr: ir.TypeExpr,
    where: ir.SourceLocation | None,
    problems: list[Diagnostic],
) -> None:
    """Check `expr` and everything nested in it, in `ir.walk`'s order. Most
    field types are scalars: those cost one isinstance, not a generator
    step and a dispatch each."""
    if isinstance(expr, _LEAVES):
        return
    problems.extend(_check_expr(schema, owner, params, expr, where))
    match expr:
        case ir.ListType(item=item):
            _check_tree(schema, owner, params, item, where, problems)
        case ir.TupleType(items=items) | ir.UnionType(members=items):
            for item in items:
                _check_tree(schema, owner, params, item, where, problems)
        case ir.MapType(key=key, value=value):
            _check_tree(schema, owner, params, key, where, problems)
            _check_tree(schema, owner, params, value, where, problems)
        case ir.RefType(args=args):
            for arg in args:
                _check_tree(schema, owner, params, arg, where, problems)


def _types_with_locations(
    definition: ir.Definition,
) -> Iterator[tuple[ir.TypeExpr, ir.SourceLocation | None]]:
    match definition:
        case ir.ModelDef(fields=fields):
            for f in fields:
                yield f.type, f.location or definition.location
        case ir.AliasDef(type=type_):
            yield type_, definition.location
        case ir.EnumDef():
            return
        case _:
            assert_never(definition)


def _check_expr(
    schema: ir.Schema,
    owner: ir.Definition,
    params: set[str],
    expr: ir.TypeExpr,
    where: ir.SourceLocation | None,
) -> list[Diagnostic]:
    match expr:
        case ir.RefType(target=target, args=args):
            target_def = schema.definitions.get(target)
            if target_def is None:
                return [
                    Diagnostic(
                        code="TP101",
                        message=f"{owner.id} refers to {target!r}, which is not a "
                        "definition",
                        hint="define it in the configured sources, or add an "
                        "override for this field",
                        location=where,
                    )
                ]
            wanted = len(getattr(target_def, "type_params", ()))
            if len(args) != wanted:
                return [
                    Diagnostic(
                        code="TP105",
                        message=f"{target_def.name} takes {wanted} type argument(s), "
                        f"{len(args)} given (in {owner.id})",
                        hint="pass one type per type parameter, e.g. Page[User]",
                        location=where,
                    )
                ]
            return []
        case ir.TypeParamType(name=name):
            if name not in params:
                return [
                    Diagnostic(
                        code="TP101",
                        message=f"type parameter {name!r} is not a parameter of "
                        f"{owner.id}",
                        hint="declare it with Generic[...] on the class",
                        location=where,
                    )
                ]
            return []
        case ir.UnionType(discriminator=tag) if tag is not None:
            return _check_discriminated(schema, owner, expr, tag, where)
        case ir.MapType(key=key):
            if not _valid_key(schema, key):
                return [
                    Diagnostic(
                        code="TP204",
                        message=f"a map key in {owner.id} is not a string, an int, "
                        "a string/int literal or enum: JSON object keys are strings",
                        hint="use dict[str, X], or an override for this field",
                        location=where,
                    )
                ]
            return []
        case (
            ir.PrimitiveType()
            | ir.AnyType()
            | ir.NullType()
            | ir.LiteralType()
            | ir.ListType()
            | ir.TupleType()
            | ir.UnionType()
        ):
            return []
        case _:
            assert_never(expr)


#: Primitive map keys that travel as JSON object keys without loss.
KEY_PRIMITIVES: frozenset[str] = frozenset(
    {"str", "int", "uuid", "email", "url", "http_url", "date", "datetime", "time"}
)


def _valid_key(schema: ir.Schema, key: ir.TypeExpr) -> bool:
    match key:
        case ir.PrimitiveType(name=name):
            return name in KEY_PRIMITIVES
        case ir.LiteralType(values=values):
            return all(
                isinstance(v, str | int) and not isinstance(v, bool) for v in values
            )
        case ir.RefType(target=target) if target in schema.definitions:
            definition = schema.definitions[target]
            if isinstance(definition, ir.EnumDef):
                return True
            if isinstance(definition, ir.AliasDef):
                return _valid_key(schema, definition.type)
            return False
        case _:
            return False


def discriminator_values(
    schema: ir.Schema, member: ir.TypeExpr, tag: str
) -> tuple[str | int | bool | None, ...] | None:
    """The tag values of one member of a discriminated union, or None when
    the member is not a model with a literal tag in both directions."""
    if not isinstance(member, ir.RefType):
        return None
    definition = schema.definitions.get(member.target)
    if isinstance(definition, ir.AliasDef):
        return discriminator_values(schema, definition.type, tag)
    if not isinstance(definition, ir.ModelDef):
        return None
    for f in definition.fields:
        if f.input_name == tag and f.output_name == tag:
            if isinstance(f.type, ir.LiteralType):
                return f.type.values
            if isinstance(f.type, ir.RefType):
                enum = schema.definitions.get(f.type.target)
                if isinstance(enum, ir.EnumDef):
                    return tuple(m.value for m in enum.members)
            return None
    return None


def _check_discriminated(
    schema: ir.Schema,
    owner: ir.Definition,
    union: ir.UnionType,
    tag: str,
    where: ir.SourceLocation | None,
) -> list[Diagnostic]:
    seen: dict[object, int] = {}
    for index, member in enumerate(union.members):
        if isinstance(member, ir.NullType):
            # `Optional[Annotated[A | B, Field(discriminator=...)]]`.
            continue
        values = discriminator_values(schema, member, tag)
        if values is None:
            return [
                Diagnostic(
                    code="TP204",
                    message=f"member {index + 1} of a union discriminated by {tag!r} "
                    f"(in {owner.id}) is not a model with a literal {tag!r} field",
                    hint=f"give every member a field {tag}: Literal[...]",
                    location=where,
                )
            ]
        for value in values:
            if value in seen:
                return [
                    Diagnostic(
                        code="TP204",
                        message=f"members {seen[value] + 1} and {index + 1} of a "
                        f"union discriminated by {tag!r} (in {owner.id}) share the "
                        f"tag {value!r}",
                        hint="give every member its own tag value",
                        location=where,
                    )
                ]
            seen[value] = index
    return []
