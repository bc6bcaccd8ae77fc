"""Random model packages, described as the IR typepact should build for them.

`packages()` draws a `GenPackage`: enums, at most one generic model and a
few concrete models (nested, recursive, inheriting, tagged for
discriminated unions), each as the `codegen.ir` definition typepact ought
to produce from the rendered source, plus the few facts about how to write
it in Python that the IR does not keep (an alias generator, the base class,
which fields are tags). `render.render_package` writes the source and
`values` draws JSON values for it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st
from pydantic.alias_generators import to_camel

from codegen import ir

#: A counter for package names: every example imports a fresh package.
_PACKAGE_IDS = itertools.count()

#: Safe string patterns: (regex, alphabet of matching text, needs at least
#: one character, a substring every match contains).
PATTERNS: dict[str, tuple[str, bool, str]] = {
    "^[a-z]+$": ("abcdefghijklmnopqrstuvwxyz", True, ""),
    "^[a-z0-9_-]*$": ("abcdefghijklmnopqrstuvwxyz0123456789_-", False, ""),
    "^[0-9]+$": ("0123456789", True, ""),
    "ab": ("abcxyz", False, "ab"),
}

#: Formats: primitive kinds with a textual wire format (no constraints).
FORMAT_KINDS: tuple[ir.PrimitiveName, ...] = (
    "date",
    "datetime",
    "uuid",
    "email",
    "ipv4",
)

WORDS = (
    "alpha",
    "beta",
    "gamma",
    "delta",
    "count",
    "name",
    "label",
    "total",
    "item",
    "note",
    "score",
    "size",
)

#: Tag field name of models that take part in discriminated unions.
TAG = "kind"


@dataclass(frozen=True, slots=True)
class FieldHints:
    """How to write a field: which alias keyword, if any, and how its
    default is spelled."""

    #: "none", "alias", "validation_alias", "serialization_alias".
    alias_kind: str = "none"
    #: "none", "literal", "factory_list", "factory_set", "factory_dict";
    #: "computed" for a `@computed_field` property.
    default_kind: str = "none"


@dataclass(slots=True)
class GenModel:
    definition: ir.ModelDef
    #: `alias_generator=to_camel` in the model's config.
    camel: bool = False
    populate_by_name: bool = False
    #: The base class's name (a model of this package), when it inherits.
    base: str | None = None
    #: The tag value, for models with a `kind: Literal[...]` first field.
    tag: str | None = None
    #: Per field name: how it is written.
    hints: dict[str, FieldHints] = field(default_factory=dict)
    #: Number of leading fields that come from the base class.
    inherited: int = 0


@dataclass(slots=True)
class GenPackage:
    name: str
    enums: list[ir.EnumDef]
    #: In source order: every model refers only to earlier ones (or itself).
    models: list[GenModel]

    def __repr__(self) -> str:
        from tests.property.render import package_source

        return f"<package {self.name}>\n{package_source(self)}"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))

    @property
    def module(self) -> str:
        return f"{self.name}.models"

    def id(self, name: str) -> str:
        return f"{self.module}:{name}"

    def schema(self) -> ir.Schema:
        """The IR typepact should build (before its own normalisations)."""
        defs: dict[str, ir.Definition] = {e.id: e for e in self.enums}
        defs.update({m.definition.id: m.definition for m in self.models})
        return ir.Schema(definitions=dict(sorted(defs.items())))

    def model(self, target: str) -> GenModel:
        for m in self.models:
            if m.definition.id == target:
                return m
        raise KeyError(target)

    def enum(self, target: str) -> ir.EnumDef:
        for e in self.enums:
            if e.id == target:
                return e
        raise KeyError(target)

    def roots(self) -> list[GenModel]:
        """The concrete models the properties are checked on."""
        return [m for m in self.models if not m.definition.type_params]


# --------------------------------------------------------------------------
# Constraints
# --------------------------------------------------------------------------


@st.composite
def string_constraints(draw: st.DrawFn) -> ir.Constraints:
    pattern = draw(st.none() | st.sampled_from(sorted(PATTERNS)))
    low = draw(st.none() | st.integers(0, 4))
    high = draw(st.none() | st.integers(0, 8))
    if low is not None and high is not None and high < low:
        low, high = high, low
    if pattern is not None:
        _, nonempty, needle = PATTERNS[pattern]
        least = max(int(nonempty), len(needle))
        if high is not None and high < least:
            high = least + 2
    return ir.Constraints(min_length=low, max_length=high, pattern=pattern)


@st.composite
def int_constraints(draw: st.DrawFn) -> ir.Constraints:
    low = draw(st.none() | st.integers(-50, 50))
    high = draw(st.none() | st.integers(-50, 50))
    if low is not None and high is not None and high < low + 12:
        high = low + 12
    exclusive_low = draw(st.booleans())
    exclusive_high = draw(st.booleans())
    multiple = draw(st.none() | st.integers(2, 5))
    return ir.Constraints(
        ge=None if exclusive_low else low,
        gt=low if exclusive_low else None,
        le=None if exclusive_high else high,
        lt=high if exclusive_high else None,
        multiple_of=multiple,
    )


@st.composite
def float_constraints(draw: st.DrawFn) -> ir.Constraints:
    low = draw(st.none() | st.integers(-20, 20).map(lambda n: n / 2))
    high = draw(st.none() | st.integers(-20, 20).map(lambda n: n / 2))
    if low is not None and high is not None and high < low + 4:
        high = low + 4
    exclusive_low = draw(st.booleans())
    exclusive_high = draw(st.booleans())
    multiple = draw(st.none() | st.sampled_from([0.5, 0.25, 2.0, 0.1, 0.3]))
    return ir.Constraints(
        ge=None if exclusive_low else low,
        gt=low if exclusive_low else None,
        le=None if exclusive_high else high,
        lt=high if exclusive_high else None,
        multiple_of=multiple,
    )


@st.composite
def length_constraints(draw: st.DrawFn) -> ir.Constraints:
    low = draw(st.none() | st.integers(0, 2))
    high = draw(st.none() | st.integers(2, 4))
    return ir.Constraints(min_length=low, max_length=high)


def maybe(strategy: st.SearchStrategy[ir.Constraints]) -> st.SearchStrategy[Any]:
    return st.just(ir.NO_CONSTRAINTS) | strategy


# --------------------------------------------------------------------------
# Type expressions
# --------------------------------------------------------------------------


@dataclass(slots=True)
class Scope:
    """What a field type may refer to while a model is being drawn."""

    package: GenPackage
    #: The model being drawn (for recursion), its id.
    current: str
    #: Type parameters in scope (a generic model's own).
    type_params: tuple[str, ...] = ()
    #: Set once the model refers to itself (at most once).
    recursive: list[bool] = field(default_factory=lambda: [False])


def primitive(draw: st.DrawFn) -> ir.PrimitiveType:
    name = draw(
        st.sampled_from(["str", "str", "int", "int", "float", "bool", "format"])
    )
    if name == "str":
        return ir.PrimitiveType(
            name="str", constraints=draw(maybe(string_constraints()))
        )
    if name == "int":
        return ir.PrimitiveType(name="int", constraints=draw(maybe(int_constraints())))
    if name == "float":
        constraints = draw(maybe(float_constraints()))
        return ir.PrimitiveType(name="float", constraints=constraints)
    if name == "format":
        return ir.PrimitiveType(name=draw(st.sampled_from(FORMAT_KINDS)))
    return ir.PrimitiveType(name="bool")


def literal(draw: st.DrawFn) -> ir.LiteralType:
    kind = draw(st.sampled_from(["str", "int", "bool"]))
    if kind == "str":
        values = draw(
            st.lists(st.sampled_from(["a", "b", "red", "x-y"]), min_size=1, max_size=3)
        )
    elif kind == "int":
        values = draw(st.lists(st.integers(-3, 9), min_size=1, max_size=3))
    else:
        values = [draw(st.booleans())]
    return ir.LiteralType(values=tuple(dict.fromkeys(values)))


def hashable_item(draw: st.DrawFn, scope: Scope) -> ir.TypeExpr:
    choices: list[ir.TypeExpr] = [
        ir.PrimitiveType(name="str"),
        ir.PrimitiveType(name="int"),
        literal(draw),
    ]
    choices += [ir.RefType(target=e.id) for e in scope.package.enums]
    return draw(st.sampled_from(choices))


def type_expr(draw: st.DrawFn, scope: Scope, depth: int) -> ir.TypeExpr:
    package = scope.package
    concrete = [
        m for m in package.models if not m.definition.type_params and m.tag is None
    ]
    tagged = [m for m in package.models if m.tag is not None]
    generic = [m for m in package.models if m.definition.type_params]
    kinds = ["primitive"] * 6 + ["literal", "any"]
    kinds += ["enum"] * 2 if package.enums else []
    kinds += ["param"] * 4 if scope.type_params else []
    kinds += ["model"] * 2 if concrete or tagged else []
    kinds += ["generic"] if generic and depth < 2 else []
    kinds += ["tagged_union"] * 2 if len(tagged) >= 2 and depth < 2 else []
    kinds += ["self"] if not scope.recursive[0] and not scope.type_params else []
    if depth < 2:
        kinds += ["list"] * 2 + ["set", "tuple", "dict", "union"]
    kind = draw(st.sampled_from(kinds))
    if kind == "primitive":
        return primitive(draw)
    if kind == "literal":
        return literal(draw)
    if kind == "any":
        return ir.AnyType()
    if kind == "enum":
        return ir.RefType(target=draw(st.sampled_from(package.enums)).id)
    if kind == "param":
        return ir.TypeParamType(name=draw(st.sampled_from(scope.type_params)))
    if kind == "model":
        return ir.RefType(target=draw(st.sampled_from(concrete + tagged)).definition.id)
    if kind == "generic":
        box = draw(st.sampled_from(generic))
        args = tuple(
            type_expr(draw, scope, depth + 1) for _ in box.definition.type_params
        )
        return ir.RefType(target=box.definition.id, args=args)
    if kind == "tagged_union":
        members = draw(st.lists(st.sampled_from(tagged), min_size=2, unique_by=id))
        return ir.UnionType(
            members=tuple(ir.RefType(target=m.definition.id) for m in members),
            discriminator=TAG,
        )
    if kind == "self":
        scope.recursive[0] = True
        me = ir.RefType(target=scope.current)
        if draw(st.booleans()):
            return ir.ListType(item=me)
        return ir.UnionType(members=(me, ir.NullType()))
    if kind == "list":
        item = type_expr(draw, scope, depth + 1)
        return ir.ListType(item=item, constraints=draw(maybe(length_constraints())))
    if kind == "set":
        return ir.ListType(item=hashable_item(draw, scope), unique=True)
    if kind == "tuple":
        size = draw(st.integers(1, 3))
        return ir.TupleType(
            items=tuple(type_expr(draw, scope, depth + 1) for _ in range(size))
        )
    if kind == "dict":
        value = type_expr(draw, scope, depth + 1)
        return ir.MapType(key=ir.PrimitiveType(name="str"), value=value)
    # A plain union of distinct scalar kinds, or of a scalar and a model.
    options: list[ir.TypeExpr] = [
        ir.PrimitiveType(name="int"),
        ir.PrimitiveType(name="str"),
        ir.PrimitiveType(name="bool"),
        literal(draw),
    ]
    options += [ir.RefType(target=m.definition.id) for m in concrete]
    members = draw(st.lists(st.sampled_from(options), min_size=2, max_size=3))
    distinct = tuple(dict.fromkeys(members))
    if len(distinct) < 2 or sum(isinstance(m, ir.LiteralType) for m in distinct) > 1:
        return ir.PrimitiveType(name="str")
    return ir.UnionType(members=distinct)


# --------------------------------------------------------------------------
# Fields and models
# --------------------------------------------------------------------------


def _defaultable(expr: ir.TypeExpr) -> bool:
    match expr:
        case ir.PrimitiveType(name="str" | "int" | "float" | "bool"):
            return True
        case ir.LiteralType():
            return True
        case _:
            return False


def draw_field(
    draw: st.DrawFn,
    scope: Scope,
    name: str,
    camel: bool,
    default_value: Any,
) -> tuple[ir.Field, FieldHints]:
    """One field. `default_value(expr)` draws a valid JSON value."""
    expr = type_expr(draw, scope, 0)
    mode = draw(
        st.sampled_from(["required", "required", "nullable", "none_default", "default"])
    )
    has_default = False
    default: Any = None
    literal_default = False
    default_kind = "none"
    if mode in ("nullable", "none_default") and not _is_nullable(expr):
        expr = nullable(expr)
    if mode == "none_default" and _is_nullable(expr):
        has_default, default, literal_default, default_kind = (
            True,
            None,
            True,
            "literal",
        )
    elif mode == "default":
        if _defaultable(expr):
            has_default, literal_default, default_kind = True, True, "literal"
            default = draw(default_value(expr))
        elif isinstance(expr, ir.ListType) and expr.constraints.min_length in (
            None,
            0,
        ):
            has_default = True
            default_kind = "factory_set" if expr.unique else "factory_list"
        elif isinstance(expr, ir.MapType):
            has_default, default_kind = True, "factory_dict"
    wire = to_camel(name) if camel else name
    alias_kind = "none"
    input_name = output_name = wire
    if not camel:
        alias_kind = draw(
            st.sampled_from(
                ["none", "none", "alias", "validation_alias", "serialization_alias"]
            )
        )
        dashed = name.replace("_", "-")
        if alias_kind == "alias":
            input_name = output_name = dashed
        elif alias_kind == "validation_alias":
            input_name = f"in-{dashed}"
        elif alias_kind == "serialization_alias":
            output_name = f"out-{dashed}"
    built = ir.Field(
        name=name,
        input_name=input_name,
        output_name=output_name,
        type=expr,
        input_required=not has_default,
        has_default=has_default,
        default=default,
        default_is_literal=literal_default,
    )
    return built, FieldHints(alias_kind=alias_kind, default_kind=default_kind)


def nullable(expr: ir.TypeExpr) -> ir.UnionType:
    """`expr | None`: a plain union takes `None` as one more member."""
    if isinstance(expr, ir.UnionType) and expr.discriminator is None:
        return ir.UnionType(members=(*expr.members, ir.NullType()))
    return ir.UnionType(members=(expr, ir.NullType()))


def _is_nullable(expr: ir.TypeExpr) -> bool:
    match expr:
        case ir.UnionType(members=members):
            return any(isinstance(m, ir.NullType) for m in members)
        case ir.LiteralType(values=values):
            return None in values
        case ir.AnyType() | ir.NullType():
            return True
        case _:
            return False


def field_names(draw: st.DrawFn, count: int, taken: set[str]) -> list[str]:
    pairs = [f"{a}_{b}" for a in WORDS for b in WORDS if a != b]
    free = [p for p in pairs if p not in taken]
    return draw(
        st.lists(st.sampled_from(free), min_size=count, max_size=count, unique=True)
    )


@st.composite
def packages(draw: st.DrawFn, default_value: Any) -> GenPackage:
    """A package; `default_value(expr)` is a strategy for a valid JSON value
    of a defaultable type (from `values`)."""
    package = GenPackage(name=f"tp_gen_{next(_PACKAGE_IDS)}", enums=[], models=[])
    for index in range(draw(st.integers(0, 2))):
        if draw(st.booleans()):
            words = draw(
                st.lists(st.sampled_from(WORDS), min_size=1, max_size=3, unique=True)
            )
            members = tuple(ir.EnumMember(name=w.upper(), value=w) for w in words)
            value_type = "str"
        else:
            numbers = draw(
                st.lists(st.integers(0, 20), min_size=1, max_size=3, unique=True)
            )
            members = tuple(ir.EnumMember(name=f"V{n}", value=n) for n in numbers)
            value_type = "int"
        name = f"Choice{index}"
        package.enums.append(
            ir.EnumDef(
                id=package.id(name), name=name, value_type=value_type, members=members
            )
        )
    if draw(st.booleans()):
        package.models.append(_model(draw, package, "Box", default_value, generic=True))
    tagged = draw(st.integers(0, 3))
    for index in range(tagged):
        package.models.append(
            _model(draw, package, f"Variant{index}", default_value, tag=f"v{index}")
        )
    for index in range(draw(st.integers(1, 3))):
        package.models.append(_model(draw, package, f"Model{index}", default_value))
    return package


def _model(
    draw: st.DrawFn,
    package: GenPackage,
    name: str,
    default_value: Any,
    *,
    generic: bool = False,
    tag: str | None = None,
) -> GenModel:
    model_id = package.id(name)
    bases = [
        m
        for m in package.models
        if not m.definition.type_params
        and m.tag is None
        and not generic
        and tag is None
        and all(f.in_input for f in m.definition.fields)
    ]
    base = draw(st.none() | st.sampled_from(bases)) if bases else None
    if base is not None:
        camel, populate, extra = (
            base.camel,
            base.populate_by_name,
            base.definition.extra,
        )
    else:
        camel = draw(st.booleans())
        populate = camel and draw(st.booleans())
        extra = draw(st.sampled_from(["ignore", "forbid", "allow"]))
    scope = Scope(package, model_id, ("T",) if generic else ())
    fields: list[ir.Field] = []
    hints: dict[str, FieldHints] = {}
    inherited = 0
    if base is not None:
        fields += base.definition.fields
        hints.update(base.hints)
        inherited = len(fields)
    if tag is not None:
        fields.append(
            ir.Field(
                name=TAG,
                input_name=TAG,
                output_name=TAG,
                type=ir.LiteralType(values=(tag,)),
            )
        )
    count = draw(st.integers(1 if generic else 0, 4))
    for field_name in field_names(draw, count, {f.name for f in fields}):
        built, field_hints = draw_field(draw, scope, field_name, camel, default_value)
        fields.append(built)
        hints[field_name] = field_hints
    if not generic and draw(st.integers(0, 3)) == 0:
        # A computed field: response only. Models with one are never bases,
        # so field order stays pydantic's (own fields, then computed).
        [computed] = field_names(draw, 1, {f.name for f in fields})
        wire = to_camel(computed) if camel else computed
        value_type = draw(st.sampled_from(["int", "str"]))
        fields.append(
            ir.Field(
                name=computed,
                input_name=wire,
                output_name=wire,
                type=ir.PrimitiveType(name=value_type),
                in_input=False,
                input_required=False,
            )
        )
        hints[computed] = FieldHints(default_kind="computed")
    if generic and not any(
        isinstance(e, ir.TypeParamType) for f in fields for e in ir.walk(f.type)
    ):
        fields.append(
            ir.Field(
                name="item",
                input_name="item",
                output_name="item",
                type=ir.TypeParamType(name="T"),
            )
        )
        hints["item"] = FieldHints()
    definition = ir.ModelDef(
        id=model_id,
        name=name,
        origin="pydantic",
        fields=tuple(fields),
        bases=(ir.RefType(target=base.definition.id),) if base is not None else (),
        type_params=("T",) if generic else (),
        extra=extra,
    )
    return GenModel(
        definition=definition,
        camel=camel,
        populate_by_name=populate,
        base=base.definition.name if base is not None else None,
        tag=tag,
        hints=hints,
        inherited=inherited,
    )
