"""Hand-built IR covering every variant, for the emitter tests."""

from __future__ import annotations

import typing

from codegen import ir

P = ir.PrimitiveType


def loc(line: int) -> ir.SourceLocation:
    return ir.SourceLocation(path="app/models.py", line=line, column=1)


def field(
    name: str,
    type_: ir.TypeExpr,
    *,
    wire: str | None = None,
    input_wire: str | None = None,
    required: bool = True,
    in_input: bool = True,
    in_output: bool = True,
    output_required: bool = True,
    docs: ir.Docs = ir.NO_DOCS,
    default: ir.JsonValue = None,
) -> ir.Field:
    out_name = wire or name
    return ir.Field(
        name=name,
        input_name=input_wire or out_name,
        output_name=out_name,
        type=type_,
        in_input=in_input,
        input_required=required,
        in_output=in_output,
        output_required=output_required,
        has_default=not required,
        default=default,
        default_is_literal=default is not None,
        docs=docs,
    )


def model(
    name: str,
    *fields: ir.Field,
    module: str = "app.models",
    extra: ir.ExtraPolicy = "ignore",
    frozen: bool = False,
    params: tuple[str, ...] = (),
    docs: ir.Docs = ir.NO_DOCS,
    line: int = 1,
) -> ir.ModelDef:
    return ir.ModelDef(
        id=f"{module}:{name}",
        name=name,
        origin="pydantic",
        fields=fields,
        type_params=params,
        extra=extra,
        frozen=frozen,
        docs=docs,
        location=loc(line),
    )


def ref(name: str, *args: ir.TypeExpr, module: str = "app.models") -> ir.RefType:
    return ir.RefType(target=f"{module}:{name}", args=args)


def alias(name: str, type_: ir.TypeExpr, params: tuple[str, ...] = ()) -> ir.AliasDef:
    return ir.AliasDef(
        id=f"app.models:{name}",
        name=name,
        type=type_,
        type_params=params,
        location=loc(1),
    )


def enum(name: str, *values: str | int, docs: ir.Docs = ir.NO_DOCS) -> ir.EnumDef:
    return ir.EnumDef(
        id=f"app.models:{name}",
        name=name,
        value_type="int" if values and isinstance(values[0], int) else "str",
        members=tuple(ir.EnumMember(name=f"M{v}".upper(), value=v) for v in values),
        docs=docs,
        location=loc(1),
    )


def schema(*definitions: ir.Definition) -> ir.Schema:
    return ir.Schema(
        definitions={d.id: d for d in sorted(definitions, key=lambda d: d.id)}
    )


def nullable(t: ir.TypeExpr) -> ir.UnionType:
    return ir.UnionType(members=(t, ir.NullType()))


def kitchen_sink() -> ir.Schema:
    """Every type expression, definition kind, extra policy, direction
    difference, generic and recursion shape in one schema."""
    primitives = [
        field(name, P(name=name))
        # Every primitive the IR knows, so a new one is covered at once.
        for name in typing.get_args(ir.PrimitiveName)
    ]
    c = ir.Constraints
    return schema(
        enum("Status", "active", "gone", docs=ir.Docs(description="State.")),
        enum("Level", 1, 2),
        model("Scalars", *primitives, extra="forbid"),
        model(
            "Constrained",
            field(
                "name",
                P(
                    name="str",
                    constraints=c(min_length=1, max_length=5, pattern=r"^[a-z]+$"),
                ),
            ),
            field("age", P(name="int", constraints=c(ge=0, lt=150, multiple_of=1))),
            field("ratio", P(name="float", constraints=c(gt=0.0, le=1.0))),
            field("price", P(name="decimal", constraints=c(ge=0))),
            field(
                "tags",
                ir.ListType(
                    item=P(name="str"),
                    unique=True,
                    constraints=c(min_length=1, max_length=3),
                ),
            ),
            field(
                "scores",
                ir.MapType(
                    key=P(name="str"), value=P(name="int"), constraints=c(max_length=2)
                ),
            ),
        ),
        model(
            "Shapes",
            field("anything", ir.AnyType()),
            field("nothing", ir.NullType()),
            field("lit", ir.LiteralType(values=("a", 1, True, None))),
            field("one", ir.LiteralType(values=("only",))),
            field("pair", ir.TupleType(items=(P(name="int"), P(name="str")))),
            field("empty", ir.TupleType(items=())),
            field(
                "items",
                ir.ListType(item=ir.UnionType(members=(P(name="int"), P(name="str")))),
            ),
            field("by_status", ir.MapType(key=ref("Status"), value=P(name="int"))),
            field("by_level", ir.MapType(key=ref("Level"), value=P(name="int"))),
            field(
                "by_lit",
                ir.MapType(key=ir.LiteralType(values=("x", "y")), value=P(name="int")),
            ),
            field("by_int", ir.MapType(key=P(name="int"), value=P(name="str"))),
            field("maybe", nullable(P(name="str"))),
            field("opt", nullable(P(name="str")), required=False),
            field("status", ref("Status")),
            field("level", ref("Level"), required=False, default=1),
            field(
                "class", P(name="str"), docs=ir.Docs(description="reserved word key")
            ),
            field("content_type", P(name="str"), wire="content-type"),
        ),
        model(
            "Order",
            field("id", P(name="int")),
            field("total", P(name="decimal")),
            field(
                "note",
                P(name="str"),
                required=False,
                default="",
                docs=ir.Docs(
                    description="A */ note",
                    deprecated="use memo",
                    examples=("hi",),
                    title="Note",
                ),
            ),
            field("secret", P(name="str"), in_output=False),
            field("summary", P(name="str"), in_input=False),
            field(
                "created_at",
                P(name="datetime"),
                wire="createdAt",
                input_wire="created_at",
            ),
            extra="forbid",
            docs=ir.Docs(description="An order.", deprecated=True),
        ),
        model("Frozen", field("x", P(name="int")), frozen=True, extra="allow"),
        model(
            "Page",
            field("items", ir.ListType(item=ir.TypeParamType(name="T"))),
            field("total", P(name="int")),
            params=("T",),
        ),
        model(
            "Pair",
            field("left", ir.TypeParamType(name="K")),
            field("right", ir.TypeParamType(name="V")),
            params=("K", "V"),
        ),
        model(
            "Uses",
            field("orders", ref("Page", ref("Order"))),
            field("pair", ref("Pair", P(name="str"), ref("Scalars"))),
            field("amount", ref("Money")),
            field(
                "pet",
                ir.UnionType(members=(ref("Cat"), ref("Dog")), discriminator="kind"),
            ),
            field(
                "maybe_pet",
                ir.UnionType(
                    members=(ref("Cat"), ref("Dog"), ir.NullType()),
                    discriminator="kind",
                ),
            ),
            field("frozen", ref("Frozen")),
        ),
        alias("Money", P(name="decimal")),
        alias("Box", ir.ListType(item=ir.TypeParamType(name="T")), params=("T",)),
        model(
            "Cat",
            field("kind", ir.LiteralType(values=("cat",))),
            field("lives", P(name="int")),
        ),
        model(
            "Dog",
            field("kind", ir.LiteralType(values=("dog",))),
            field("good", P(name="bool")),
        ),
        # Recursion: self, mutual, through a union alias, through a record
        # and a discriminated union.
        model(
            "Node",
            field("name", P(name="str")),
            field("children", ir.ListType(item=ref("Node"))),
            field("parent", nullable(ref("Node")), required=False),
            field(
                "index",
                ir.MapType(key=P(name="str"), value=ir.ListType(item=ref("Node"))),
                required=False,
            ),
        ),
        model("A", field("b", nullable(ref("B")))),
        model(
            "B",
            field("a_list", ir.ListType(item=ref("A"))),
            field("cost", P(name="decimal")),
        ),
        alias(
            "Tree",
            ir.UnionType(members=(ref("Branch"), ref("Leaf")), discriminator="kind"),
        ),
        model(
            "Branch",
            field("kind", ir.LiteralType(values=("branch",))),
            field("kids", ir.ListType(item=ref("Tree"))),
        ),
        model(
            "Leaf",
            field("kind", ir.LiteralType(values=("leaf",))),
            field("value", P(name="int")),
        ),
    )
