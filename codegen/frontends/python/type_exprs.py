"""Annotations -> IR type expressions, with constraints and literals."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, assert_never, cast

from codegen import ir
from codegen.frontends.python import exprs as ex
from codegen.frontends.python import known
from codegen.frontends.python.context import UNKNOWN_NAME_HINT, Context, Scope
from codegen.frontends.python.extract import string_expression
from codegen.frontends.python.names import DefRef, ExternalRef, ModuleRef, Resolved
from codegen.frontends.python.summary import FieldItem
from codegen.records import replace

if TYPE_CHECKING:
    from codegen.frontends.python.definitions import Definitions

_STRINGY = {"str", "bytes", "email", "url", "http_url"}
_NUMERIC = {"int", "float", "decimal"}
_LENGTH = {"min_length", "max_length"}
_BOUNDS = {"ge", "gt", "le", "lt", "multiple_of"}

#: Field() keywords that are constraints, and pydantic v1 spellings.
CONSTRAINT_KEYS = frozenset(
    {*_LENGTH, *_BOUNDS, "pattern", "max_digits", "decimal_places"}
)
LEGACY_CONSTRAINT_KEYS = {"min_items": "min_length", "max_items": "max_length"}


#: One immutable IR node per library scalar, shared by every use.
_PRIMITIVE_TYPES: dict[str, ir.PrimitiveType] = {
    name: ir.PrimitiveType(name=primitive, constraints=constraints)
    for name, (primitive, constraints) in known.PRIMITIVES.items()
}


def list_items(expr: ex.Expr) -> tuple[ex.Expr, ...]:
    return expr.items if isinstance(expr, ex.TupleExpr) else (expr,)


def make_union(
    members: list[ir.TypeExpr], discriminator: str | None = None
) -> ir.TypeExpr:
    """Flatten nested plain unions, drop duplicates, keep first-seen order
    (so `Optional[Optional[X]]` is `X | None`)."""
    flat: list[ir.TypeExpr] = []
    for member in members:
        parts = (
            member.members
            if isinstance(member, ir.UnionType) and member.discriminator is None
            else (member,)
        )
        for part in parts:
            if part not in flat:
                flat.append(part)
    if len(flat) == 1 and discriminator is None:
        return flat[0]
    return ir.UnionType(members=tuple(flat), discriminator=discriminator)


def _limited(current: ir.Constraints, limits: dict[str, Any]) -> ir.Constraints:
    """`current` with `limits` set (most types start without any, and
    are built directly)."""
    if current is ir.NO_CONSTRAINTS:
        return ir.Constraints(**limits)
    return replace(current, **limits)


class TypeConverter:
    """Mixin for `Resolver`: turns annotation expressions into IR types."""

    ctx: Context
    #: Set once any discriminated union is built; until then resolution
    #: can skip renaming discriminators to wire names.
    discriminated: bool

    @property
    def defs(self) -> Definitions:
        """The `Definitions` this is mixed into. Not stored as
        `self.defs = self`: that cycle kept every cache of a run (drafts,
        specs, scopes) alive after `resolve` returned, until the cyclic
        collector found it."""
        return cast("Definitions", self)

    # -- entry -----------------------------------------------------------

    def to_type(self, expr: ex.Expr, scope: Scope) -> ir.TypeExpr:
        try:
            return self._to_type(expr, scope)
        except RecursionError:
            self.ctx.report(
                "TP103",
                "type expression is nested too deeply",
                path=scope.path,
                at=expr,
            )
            return ir.AnyType()

    def _unsupported(
        self, expr: ex.Expr, scope: Scope, what: str, hint: str | None = None
    ) -> ir.TypeExpr:
        self.ctx.report(
            "TP102",
            f"unsupported type: {what}",
            path=scope.path,
            at=expr,
            hint=hint or "use a supported type, or give an override for this field",
        )
        return ir.AnyType()

    def _to_type(self, expr: ex.Expr, scope: Scope) -> ir.TypeExpr:
        match expr:
            case ex.Constant(value=None, is_ellipsis=False):
                return ir.NullType()
            case ex.Constant(value=str() as text):
                inner = string_expression(text, expr.line, expr.column + 1)
                return self._to_type(inner, scope)
            case ex.Name(dotted=dotted):
                if dotted in scope.type_params:
                    return ir.TypeParamType(name=dotted)
                return self._named(
                    expr, self.ctx.resolve_name(dotted, scope), (), scope
                )
            case ex.Subscript(value=head, index=index):
                resolved = (
                    self.ctx.resolve_expr(head, scope)
                    if isinstance(head, ex.Name)
                    else None
                )
                if isinstance(head, ex.Name) and resolved is None:
                    return self._unknown(head, scope)
                return self._subscript(expr, resolved, list_items(index), scope)
            case ex.BinOp(op="|", left=left, right=right):
                return self._union([left, right], scope)
            case ex.Call(func=func):
                name = self.ctx.canonical_of(func, scope)
                if name in known.CON_HELPERS:
                    return self._con_helper(expr, name, scope)
                return self._unsupported(
                    expr, scope, f"call `{ex.show(expr)}` in a type"
                )
            case (
                ex.Constant()
                | ex.BytesConstant()
                | ex.TupleExpr()
                | ex.ListExpr()
                | ex.DictExpr()
            ):
                return self._unsupported(
                    expr, scope, f"`{ex.show(expr)}` is not a type"
                )
            case ex.BinOp() | ex.Attribute() | ex.Unsupported():
                return self._unsupported(expr, scope, f"`{ex.show(expr)}`")
            case _:
                assert_never(expr)

    def _union(self, items: list[ex.Expr], scope: Scope) -> ir.TypeExpr:
        """A union, less SDK sentinels (`X | Omit`, `Union[X, NotGiven]`):
        "leave the key out" markers that never reach the wire."""
        kept = [item for item in items if not self._is_sentinel(item, scope)]
        return make_union([self._to_type(item, scope) for item in kept or items])

    def _is_sentinel(self, expr: ex.Expr, scope: Scope) -> bool:
        if not isinstance(expr, ex.Name):
            return False
        found = self.ctx.resolve_name(expr.dotted, scope)
        if not (
            isinstance(found, DefRef)
            and not found.rest
            and found.id in self.ctx.classes
            and self.defs.class_kind(found.id).kind in ("plain", "pydantic")
        ):
            return False
        _, cls = self.ctx.classes[found.id]
        name = cls.name.strip("_").lower()
        return (name in known.SENTINEL_NAMES or name.endswith("sentinel")) and not any(
            isinstance(item, FieldItem) for item in cls.body
        )

    def _unknown(self, expr: ex.Expr, scope: Scope) -> ir.TypeExpr:
        self.ctx.report(
            "TP101",
            f"unknown name `{ex.show(expr)}`",
            path=scope.path,
            at=expr,
            hint=UNKNOWN_NAME_HINT,
        )
        return ir.AnyType()

    # -- names -----------------------------------------------------------

    def _named(
        self,
        expr: ex.Expr,
        resolved: object,
        args: tuple[ex.Expr, ...],
        scope: Scope,
    ) -> ir.TypeExpr:
        match resolved:
            case None:
                return self._unknown(expr, scope)
            case ModuleRef(module=module):
                return self._unsupported(
                    expr, scope, f"`{ex.show(expr)}` is the module {module}"
                )
            case ExternalRef():
                return self._external(expr, resolved, scope)
            case DefRef():
                return self._user_ref(expr, resolved, (), scope, subscripted=False)
        return ir.AnyType()

    def _external(self, expr: ex.Expr, ref: ExternalRef, scope: Scope) -> ir.TypeExpr:
        override = self.defs.external_override(ref, scope, expr)
        if override is not None:
            return override
        name = ref.canonical
        primitive = _PRIMITIVE_TYPES.get(name)
        if primitive is not None:
            return primitive
        if name in known.ANY_TYPES:
            return ir.AnyType()
        if name == "pydantic.IPvAnyAddress":
            return ir.UnionType(
                members=(ir.PrimitiveType(name="ipv4"), ir.PrimitiveType(name="ipv6"))
            )
        if name in ("builtins.None", "types.NoneType"):
            return ir.NullType()
        if name in known.LIST_FORMS:
            return ir.ListType(item=ir.AnyType())
        if name in known.SET_FORMS:
            return ir.ListType(item=ir.AnyType(), unique=True)
        if name in known.TUPLE_FORMS:
            return ir.ListType(item=ir.AnyType())
        if name in known.MAP_FORMS:
            return ir.MapType(key=ir.PrimitiveType(name="str"), value=ir.AnyType())
        return self._unsupported(
            expr,
            scope,
            f"`{ref.path}` is not a type typepact understands",
            hint=f'add an override "{ref.key}" = "<type>" (for example "str")',
        )

    def _user_ref(
        self,
        expr: ex.Expr,
        ref: DefRef,
        args: tuple[ir.TypeExpr, ...],
        scope: Scope,
        *,
        subscripted: bool,
    ) -> ir.TypeExpr:
        target = ref.id
        if ref.rest:
            nested = f"{ref.id}.{'.'.join(ref.rest)}"
            if nested not in self.ctx.classes:
                return self._unsupported(
                    expr, scope, f"`{ex.show(expr)}` is not a type"
                )
            target = nested
        info = self.defs.type_info(target)
        builtin = self.defs.builtin_base(target) if info is None else None
        if builtin is not None:
            # `class UnrecognizedStr(str)` (open enums): the wire value is
            # the builtin's; pydantic needs a schema hook to accept it.
            return _PRIMITIVE_TYPES[builtin]
        if info is None and self.defs.report_unknown_base(target):
            return ir.AnyType()  # reported once, at the class
        if info is None:
            return self._unsupported(
                expr,
                scope,
                f"`{ex.show(expr)}` is not a model, enum, dataclass, TypedDict "
                "or type alias",
                hint=f'give an override "{target}" = "<type>", or make it a model',
            )
        if info.type_var:
            name = target.split(":", 1)[1]
            if name in scope.type_params:
                return ir.TypeParamType(name=name)
            self.ctx.report(
                "TP103",
                f"type variable `{name}` is not a parameter of the enclosing class",
                path=scope.path,
                at=expr,
                hint="add Generic[...] with it to the class bases",
            )
            return ir.AnyType()
        params = info.type_params
        if subscripted and len(args) != len(params):
            self.ctx.report(
                "TP105",
                f"`{target.split(':', 1)[1]}` takes {len(params)} type argument(s), "
                f"got {len(args)}",
                path=scope.path,
                at=expr,
            )
            args = tuple(args[: len(params)]) + (ir.AnyType(),) * max(
                0, len(params) - len(args)
            )
        if not subscripted and params:
            # pydantic reads an unparametrised generic as Any for each parameter.
            args = (ir.AnyType(),) * len(params)
        return ir.RefType(target=target, args=args)

    # -- subscripts ------------------------------------------------------

    def _subscript(
        self,
        expr: ex.Subscript,
        head: object,
        items: tuple[ex.Expr, ...],
        scope: Scope,
    ) -> ir.TypeExpr:
        renamed = self._renamed_generic(head)
        if renamed is not None:
            return self._subscript(expr, renamed, items, scope)
        if isinstance(head, DefRef):
            args = tuple(self._to_type(item, scope) for item in items)
            return self._user_ref(expr.value, head, args, scope, subscripted=True)
        if not isinstance(head, ExternalRef):
            return self._unsupported(expr, scope, f"`{ex.show(expr)}`")
        name = head.canonical
        if name == "typing.Optional":
            return make_union([self._to_type(items[0], scope), ir.NullType()])
        if name == "typing.Union":
            return self._union(list(items), scope)
        if name == "typing.Annotated":
            return self.annotated(expr, items, scope)
        if name == "pydantic.SerializeAsAny":
            # Writes a subclass's fields too; the declared type is the contract.
            return self._to_type(items[0], scope)
        if name == "typing.Literal":
            return self.literal(items, scope)
        if name in known.LIST_FORMS or name in known.SET_FORMS:
            item = self._to_type(items[0], scope)
            return ir.ListType(item=item, unique=name in known.SET_FORMS)
        if name in known.TUPLE_FORMS:
            if (
                len(items) == 2
                and isinstance(items[1], ex.Constant)
                and items[1].is_ellipsis
            ):
                return ir.ListType(item=self._to_type(items[0], scope))
            if (
                len(items) == 1
                and isinstance(items[0], ex.TupleExpr)
                and not items[0].items
            ):
                return ir.TupleType(items=())
            return ir.TupleType(
                items=tuple(self._to_type(item, scope) for item in items)
            )
        if name in known.MAP_FORMS:
            if len(items) != 2:
                self.ctx.report(
                    "TP105",
                    f"`{ex.show(expr.value)}` takes 2 type arguments",
                    path=scope.path,
                    at=expr,
                )
                return ir.MapType(key=ir.PrimitiveType(name="str"), value=ir.AnyType())
            key = self._to_type(items[0], scope)
            self._check_map_key(key, items[0], scope)
            return ir.MapType(key=key, value=self._to_type(items[1], scope))
        if name in known.QUALIFIERS.keys() - {"typing.ClassVar", "dataclasses.InitVar"}:
            # Required[...] and friends only matter at field level; tolerate.
            return self._to_type(items[0], scope)
        return self._unsupported(
            expr,
            scope,
            f"`{ex.show(expr)}`",
            hint=f'give an override "{head.key}" = "<type>", or use a supported type',
        )

    def _renamed_generic(self, head: object) -> Resolved | None:
        """What `X` renames in `X = Sequence` or `X = Page` (no type
        parameters of its own), so `X[str]` means `Sequence[str]`, as at
        runtime; None when `head` is no such rename."""
        found: Resolved | None = None
        for _ in range(10):  # a chain of renames; a cycle gives up
            if not (
                isinstance(head, DefRef)
                and not head.rest
                and head.id in self.ctx.assigns
                and self.defs.assign_kind(head.id) == "alias"
                and not self.defs.alias_params(head.id)
            ):
                return found
            summary, assign = self.ctx.assigns[head.id]
            if not isinstance(assign.value, ex.Name) or assign.is_type_statement:
                return found
            head = found = self.ctx.resolve_expr(
                assign.value, self.ctx.module_scope(summary)
            )
        return None

    def _check_map_key(self, key: ir.TypeExpr, at: ex.Expr, scope: Scope) -> None:
        match key:
            case ir.PrimitiveType(
                name="str" | "int" | "uuid" | "email" | "date" | "datetime"
            ):
                return
            case ir.LiteralType() | ir.RefType() | ir.AnyType() | ir.TypeParamType():
                return
        self.ctx.report(
            "TP102",
            "unsupported dict key type: JSON object keys are strings",
            path=scope.path,
            at=at,
            hint="use str, an enum or a Literal as the key type",
        )

    def _con_helper(self, call: ex.Call, name: str, scope: Scope) -> ir.TypeExpr:
        shape, allowed = known.CON_HELPERS[name]
        constraints: dict[str, Any] = {}
        for key, value in call.kwargs:
            if key not in allowed:
                v2_name = known.V1_SPELLINGS.get(key)
                self.ctx.report(
                    "TP104",
                    f"`{name.rsplit('.', 1)[1]}()` has no argument `{key}`"
                    + (
                        " (pydantic v1's name; pydantic v2 rejects it)"
                        if v2_name
                        else ""
                    ),
                    path=scope.path,
                    at=value,
                    hint=f"rename it to `{v2_name}`" if v2_name else None,
                )
                continue
            if key in CONSTRAINT_KEYS:
                literal = self.constraint_value(key, value, scope)
                if literal is not None:
                    constraints[key] = literal
        base: ir.TypeExpr
        if shape in ("list", "set"):
            item_expr = (
                call.args[0] if call.args else dict(call.kwargs).get("item_type")
            )
            if item_expr is None:
                self.ctx.report("TP104", "missing item type", path=scope.path, at=call)
                item: ir.TypeExpr = ir.AnyType()
            else:
                item = self._to_type(item_expr, scope)
            base = ir.ListType(item=item, unique=shape == "set")
        else:
            base = ir.PrimitiveType(name=shape)  # type: ignore[arg-type]
        return self.constrain(base, constraints, scope, call)

    # -- Annotated and constraints --------------------------------------

    def annotated(
        self, expr: ex.Expr, items: tuple[ex.Expr, ...], scope: Scope
    ) -> ir.TypeExpr:
        if len(items) < 2:
            self.ctx.report(
                "TP105",
                "Annotated needs a type and at least one metadata item",
                path=scope.path,
                at=expr,
            )
            return self._to_type(items[0], scope) if items else ir.AnyType()
        base = self._to_type(items[0], scope)
        constraints: dict[str, Any] = {}
        discriminator: str | None = None
        for meta in items[1:]:
            found, disc = self.metadata(meta, scope)
            constraints.update(found)
            discriminator = disc or discriminator
        result = self.constrain(base, constraints, scope, expr)
        if discriminator is not None:
            result = self.discriminate(result, discriminator, scope, expr)
        return result

    def metadata(
        self, meta: ex.Expr, scope: Scope
    ) -> tuple[dict[str, Any], str | None]:
        """Constraints and discriminator carried by one Annotated item."""
        name = (
            self.ctx.canonical_of(meta, scope)
            if isinstance(meta, ex.Call | ex.Name)
            else None
        )
        if name in known.FIELD_FUNCTIONS and isinstance(meta, ex.Call):
            spec = self.defs.read_field_call(meta, scope, in_annotated=True)
            return spec.constraints, spec.discriminator
        if name == "pydantic.StringConstraints" and isinstance(meta, ex.Call):
            found: dict[str, Any] = {}
            for key, value in meta.kwargs:
                if key in ("min_length", "max_length", "pattern"):
                    literal = self.constraint_value(key, value, scope)
                    if literal is not None:
                        found[key] = literal
                elif key not in ("strip_whitespace", "to_upper", "to_lower", "strict"):
                    self.ctx.report(
                        "TP104",
                        f"StringConstraints has no argument `{key}`",
                        path=scope.path,
                        at=value,
                    )
            return found, None
        if name in known.ANNOTATED_TYPES and isinstance(meta, ex.Call):
            keys = known.ANNOTATED_TYPES[name]
            found = {}
            for key, value in zip(keys, meta.args, strict=False):
                literal = self.constraint_value(key, value, scope)
                if literal is not None:
                    found[key] = literal
            for key, value in meta.kwargs:
                mapped = {"min_length": "min_length", "max_length": "max_length"}.get(
                    key, key
                )
                if mapped in CONSTRAINT_KEYS:
                    literal = self.constraint_value(mapped, value, scope)
                    if literal is not None:
                        found[mapped] = literal
            return found, None
        if name == "pydantic.Discriminator" and isinstance(meta, ex.Call):
            # A field name is a tag; a callable picks the member at runtime
            # and the wire sees a plain union, as in pydantic's own schema.
            first = (
                meta.args[0] if meta.args else dict(meta.kwargs).get("discriminator")
            )
            if isinstance(first, ex.Constant) and isinstance(first.value, str):
                return {}, first.value
            return {}, None
        if name in known.IGNORED_METADATA or isinstance(meta, ex.Constant):
            return {}, None
        if name in known.WIRE_CHANGING_METADATA:
            self.ctx.report(
                "TP103",
                f"`{name.rsplit('.', 1)[1]}` changes what is read or written; typepact "
                "describes the annotated type only",
                path=scope.path,
                at=meta,
                severity="warning",
                hint="give an override for this field to describe the wire type",
            )
            return {}, None
        if name is not None and name.startswith(("pydantic.", "annotated_types.")):
            self.ctx.report(
                "TP103",
                f"unsupported metadata `{ex.show(meta)}`",
                path=scope.path,
                at=meta,
                hint="give an override for this field",
            )
        # Other metadata (user markers, docs objects) has no wire meaning.
        return {}, None

    def constraint_value(self, key: str, value: ex.Expr, scope: Scope) -> Any:
        value = self.defs.named_constant(value, scope)
        ok: tuple[type, ...]
        if key == "pattern":
            ok = (str,)
        elif key in ("min_length", "max_length", "max_digits", "decimal_places"):
            ok = (int,)
        else:
            ok = (int, float)
        if (
            isinstance(value, ex.Constant)
            and isinstance(value.value, ok)
            and not isinstance(value.value, bool)
        ):
            return value.value
        if value is not None and isinstance(value, ex.Constant) and value.value is None:
            return None
        if float in ok and self.is_decimal_call(value, scope):
            number = self.decimal_literal(value, scope)
            if number is not None:
                return number
            self.ctx.report(
                "TP104",
                f"`{key}` must be a number a float states exactly, "
                f"got `{ex.show(value)}`",
                path=scope.path,
                at=value,
                hint='write a literal like Decimal("0.05") or 0.05; typepact '
                "carries limits as JSON numbers",
            )
            return None
        self.ctx.report(
            "TP104",
            f"`{key}` must be a literal {'/'.join(t.__name__ for t in ok)}, "
            f"got `{ex.show(value)}`",
            path=scope.path,
            at=value,
            hint="write the limit as a literal; typepact does not evaluate expressions",
        )
        return None

    def is_decimal_call(self, value: ex.Expr, scope: Scope) -> bool:
        return (
            isinstance(value, ex.Call)
            and self.ctx.canonical_of(value, scope) == "decimal.Decimal"
        )

    def decimal_literal(self, value: ex.Expr, scope: Scope) -> int | float | None:
        """The number of `Decimal("0.05")`, the usual spelling of a Decimal
        field's limits, when an int or a float's shortest spelling states
        exactly that value (limits travel as JSON numbers); None otherwise."""
        if not isinstance(value, ex.Call) or value.kwargs or len(value.args) != 1:
            return None
        arg = self.defs.named_constant(value.args[0], scope)
        if not isinstance(arg, ex.Constant) or not isinstance(arg.value, str | int):
            return None
        if isinstance(arg.value, bool):
            return None
        try:
            exact = Decimal(arg.value)
        except InvalidOperation:
            return None
        if not exact.is_finite():
            return None
        if exact == exact.to_integral_value():
            return int(exact)
        number = float(exact)
        return number if Decimal(repr(number)) == exact else None

    def constrain(
        self, type_: ir.TypeExpr, constraints: dict[str, Any], scope: Scope, at: ex.Expr
    ) -> ir.TypeExpr:
        """Apply constraints to a type, as pydantic would, or report TP104."""
        if not constraints:
            return type_

        def bad(what: str) -> ir.TypeExpr:
            keys = ", ".join(sorted(constraints))
            self.ctx.report(
                "TP104",
                f"constraint(s) {keys} cannot apply to {what}",
                path=scope.path,
                at=at,
                hint="remove the constraint or change the type",
            )
            return type_

        match type_:
            case ir.PrimitiveType(name=name, constraints=current):
                allowed = set()
                if name in _STRINGY:
                    allowed |= _LENGTH | {"pattern"}
                if name in _NUMERIC:
                    allowed |= _BOUNDS
                if name == "decimal":
                    allowed |= {"max_digits", "decimal_places"}
                wrong = set(constraints) - allowed
                if wrong:
                    return bad(f"a value of type {name}")
                return ir.PrimitiveType(
                    name=name, constraints=_limited(current, constraints)
                )
            case ir.ListType(constraints=current) | ir.MapType(constraints=current):
                if set(constraints) - _LENGTH:
                    return bad("a list, set or dict")
                return replace(type_, constraints=_limited(current, constraints))
            case ir.UnionType(members=members):
                real = [m for m in members if not isinstance(m, ir.NullType)]
                if len(real) != 1:
                    return bad("a union")
                constrained = self.constrain(real[0], constraints, scope, at)
                return replace(
                    type_,
                    members=tuple(constrained if m is real[0] else m for m in members),
                )
            case ir.RefType(target=target, args=args):
                inlined = self.defs.alias_body(target, args)
                if inlined is None:
                    return bad(f"`{target.split(':', 1)[1]}`")
                return self.constrain(inlined, constraints, scope, at)
            case (
                ir.TupleType()
                | ir.AnyType()
                | ir.NullType()
                | ir.LiteralType()
                | ir.TypeParamType()
            ):
                return bad(f"a {type_.kind} type")
            case _:
                assert_never(type_)

    def discriminate(
        self, type_: ir.TypeExpr, field_name: str, scope: Scope, at: ex.Expr
    ) -> ir.TypeExpr:
        """Mark a union as discriminated by `field_name` (an attribute name;
        `resolve._name_discriminators` turns it into the tag's wire name)."""
        self.defs.discriminated = True
        match type_:
            case ir.UnionType(members=members):
                real = [m for m in members if not isinstance(m, ir.NullType)]
                if len(real) < len(members) and len(real) > 1:
                    inner = ir.UnionType(members=tuple(real), discriminator=field_name)
                    return ir.UnionType(members=(inner, ir.NullType()))
                if len(real) == 1 and isinstance(real[0], ir.UnionType):
                    return ir.UnionType(
                        members=(
                            self.discriminate(real[0], field_name, scope, at),
                            ir.NullType(),
                        )
                    )
                return replace(type_, discriminator=field_name)
            case ir.RefType() as ref:
                # A single model is a one-member discriminated union to pydantic.
                return ir.UnionType(members=(ref,), discriminator=field_name)
        self.ctx.report(
            "TP104",
            "discriminator needs a union of models",
            path=scope.path,
            at=at,
            hint="use Union[A, B] of models that each have a Literal tag field",
        )
        return type_

    # -- literals --------------------------------------------------------

    def literal(self, items: tuple[ex.Expr, ...], scope: Scope) -> ir.TypeExpr:
        values: list[str | int | bool | None] = []
        for item in items:
            match item:
                case ex.Constant(
                    value=str() | bool() | int() | None as value, is_ellipsis=False
                ):
                    values.append(value)
                case ex.Subscript(value=head, index=index) if (
                    self.ctx.canonical_of(head, scope) == "typing.Literal"
                ):
                    nested = self.literal(list_items(index), scope)
                    if isinstance(nested, ir.LiteralType):
                        values.extend(nested.values)
                case ex.Name(dotted=dotted):
                    member = self.defs.enum_member_value(
                        self.ctx.resolve_name(dotted, scope)
                    )
                    if member is None:
                        self.ctx.report(
                            "TP102",
                            f"`{dotted}` in Literal is not a literal or an enum member",
                            path=scope.path,
                            at=item,
                        )
                    else:
                        values.append(member)
                case _:
                    self.ctx.report(
                        "TP102",
                        f"unsupported Literal value `{ex.show(item)}`",
                        path=scope.path,
                        at=item,
                        hint="Literal takes str, int, bool, None or enum members",
                    )
        unique: list[str | int | bool | None] = []
        for value in values:
            if not any(type(value) is type(v) and value == v for v in unique):
                unique.append(value)
        return ir.LiteralType(values=tuple(unique))
