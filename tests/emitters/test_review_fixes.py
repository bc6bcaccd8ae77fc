"""Regressions from reviewing the golden output, each checked against
pydantic itself where pydantic has an opinion."""

from __future__ import annotations

import decimal
import json
import typing

import pydantic
import pytest

from codegen import ir
from codegen.passes import shapes
from codegen.records import replace
from emitters import typescript, zod
from tests import typecheck
from tests.emitters.fixtures import P, alias, enum, field, model, ref, schema

pytestmark = pytest.mark.node


def ts(s: ir.Schema) -> str:
    result = typescript.emit(s, typescript.Options(out="t.ts"))
    assert not result.diagnostics
    return result.files["t.ts"]


def zd(s: ir.Schema) -> str:
    result = zod.emit(s, zod.Options(out="z.ts"))
    assert not [d for d in result.diagnostics if d.severity == "error"]
    return result.files["z.ts"]


def literal_default(f: ir.Field, value: ir.JsonValue) -> ir.Field:
    return replace(
        f,
        input_required=False,
        has_default=True,
        default=value,
        default_is_literal=True,
    )


# 1. Models without fields ------------------------------------------------


def test_empty_models_agree_with_zod_and_the_extra_policy() -> None:
    s = schema(
        model("Ignore"),
        model("Forbid", extra="forbid"),
        model("Allow", extra="allow"),
    )
    types = ts(s)
    assert "export interface Ignore {\n  [key: string]: never;\n}" in types
    assert "export interface Forbid {\n  [key: string]: never;\n}" in types
    assert "export interface Allow {\n  [key: string]: unknown;\n}" in types
    schemas = zd(s)
    assert typecheck.check_equivalence(s, types, schemas) == []

    class Ignore(pydantic.BaseModel):
        pass

    class Forbid(pydantic.BaseModel):
        model_config = pydantic.ConfigDict(extra="forbid")

    class Allow(pydantic.BaseModel):
        model_config = pydantic.ConfigDict(extra="allow")

    cases = [
        (cls, value)
        for cls in (Ignore, Forbid, Allow)
        for value in ({}, {"a": 1}, [], None)
    ]
    verdicts = typecheck.run_zod(
        schemas, [(f"{cls.__name__}Schema", value) for cls, value in cases]
    )
    for (cls, value), verdict in zip(cases, verdicts, strict=True):
        assert verdict == _accepts(cls, value), (cls.__name__, value)


def _accepts(cls: type[pydantic.BaseModel], value: object) -> bool:
    try:
        cls.model_validate_json(json.dumps(value))
    except pydantic.ValidationError:
        return False
    return True


# 2. Literal defaults that do not fit the type ----------------------------


class Defaults(pydantic.BaseModel):
    coupon_code: str = None  # type: ignore[assignment]
    ratio: int = 1.5  # type: ignore[assignment]
    stock: int = pydantic.Field(-1, ge=0)
    nickname: str | None = None
    label: str = "x"


def _defaults_ir() -> ir.Schema:
    c = ir.Constraints
    return schema(
        model(
            "Defaults",
            literal_default(field("coupon_code", P(name="str")), None),
            literal_default(field("ratio", P(name="int")), 1.5),
            literal_default(field("stock", P(name="int", constraints=c(ge=0))), -1),
            literal_default(
                field("nickname", ir.UnionType(members=(P(name="str"), ir.NullType()))),
                None,
            ),
            literal_default(field("label", P(name="str")), "x"),
            literal_default(field("status", ref("Status")), "active"),
            literal_default(field("address", ref("Status")), None),
        ),
        enum("Status", "active", "gone"),
    )


@pytest.mark.filterwarnings("ignore:Pydantic serializer warnings")
def test_output_type_admits_an_unvalidated_literal_default() -> None:
    s = _defaults_ir()
    m = s.definitions["app.models:Defaults"]
    assert isinstance(m, ir.ModelDef)
    out = {f.wire_name: f.type for f in shapes.fields_in(m, "output")}
    inp = {f.wire_name: f.type for f in shapes.fields_in(m, "input")}
    assert inp == {f.name: f.type for f in m.fields}  # requests: as declared
    assert out["coupon_code"] == ir.UnionType(members=(P(name="str"), ir.NullType()))
    assert out["ratio"] == ir.UnionType(members=(P(name="int"), P(name="float")))
    assert out["stock"] == ir.UnionType(
        members=(m.fields[2].type, ir.LiteralType(values=(-1,)))
    )
    # These fit: unchanged (a reference is assumed to fit a non-null value).
    for name in ("nickname", "label", "status"):
        assert out[name] is m.fields[[f.name for f in m.fields].index(name)].type
    assert isinstance(out["address"], ir.UnionType)

    types, schemas = ts(s), zd(s)
    assert "  coupon_code: string | null;" in types
    assert "  coupon_code?: string;" in types
    assert "  address: Status | null;" in types
    assert typecheck.check_equivalence(s, types, schemas) == []
    # What pydantic writes passes the response schema; the explicit null it
    # rejects on input is rejected by the request schema.
    dumped = Defaults().model_dump(mode="json")
    assert dumped == {
        "coupon_code": None,
        "ratio": 1.5,
        "stock": -1,
        "nickname": None,
        "label": "x",
    }
    dumped = {**dumped, "status": "active", "address": None}
    assert not _accepts(Defaults, {"coupon_code": None})
    verdicts = typecheck.run_zod(
        schemas,
        [
            ("DefaultsSchema", dumped),
            ("DefaultsInputSchema", {"coupon_code": None}),
            ("DefaultsInputSchema", {"coupon_code": "A"}),
        ],
    )
    assert verdicts == [True, False, True]


def test_default_fits() -> None:
    c = ir.Constraints
    assert shapes.default_fits(P(name="int", constraints=c(multiple_of=0.5)), 2)
    assert shapes.default_fits(P(name="float", constraints=c(multiple_of=0.5)), 1.0)
    assert not shapes.default_fits(P(name="float", constraints=c(multiple_of=0.1)), 0.3)
    assert not shapes.default_fits(P(name="str", constraints=c(min_length=1)), "")
    assert not shapes.default_fits(P(name="str", constraints=c(pattern="^a")), "b")
    assert shapes.default_fits(P(name="http_url"), "https://example.com")
    assert not shapes.default_fits(P(name="uuid"), "nope")
    assert not shapes.default_fits(P(name="decimal"), 0)  # written as 0, a number
    assert shapes.default_fits(P(name="decimal"), "1.50")
    assert not shapes.default_fits(
        P(name="decimal", constraints=c(decimal_places=1)), "1.55"
    )
    assert shapes.default_fits(ir.LiteralType(values=(1,)), 1)
    assert not shapes.default_fits(ir.LiteralType(values=(1,)), True)
    assert shapes.default_fits(ir.ListType(item=P(name="str")), ["a"])
    assert not shapes.default_fits(ir.ListType(item=P(name="str")), [1])


# 3. Decimal max_digits / decimal_places ----------------------------------

DECIMALS: list[str | int | float] = [
    "0",
    "0E+3",
    "0.0",
    "1000.0000",
    "9999.99",
    "1000.00",
    "9999.990",
    "0.00",
    "0E-8",
    "1E+3",
    "1E+4",
    "100E-2",
    "00001.10",
    "-0",
    "-0.01",
    ".5",
    "5.",
    "10000.00",
    "1.005",
    "0.001",
    "1.0000000000000000000000000000001",
    "12345600000000000000000000000000",
    "1e-2",
    1000,
    10000,
    1.005,
    12.5,
    0.001,
    1e-7,
    1e21,
    99999.9,
    0.0,
    1000.0,
    0,
]


@pytest.mark.parametrize(
    ("max_digits", "decimal_places"),
    [(6, 2), (3, None), (None, 2), (2, 3), (4, 0), (1, 1)],
)
def test_decimal_digits_counted_as_pydantic_does(
    max_digits: int | None, decimal_places: int | None
) -> None:
    class Price(pydantic.BaseModel):
        value: decimal.Decimal = pydantic.Field(
            max_digits=max_digits, decimal_places=decimal_places
        )

    constraints = ir.Constraints(max_digits=max_digits, decimal_places=decimal_places)
    s = schema(
        model("Price", field("value", P(name="decimal", constraints=constraints)))
    )
    expected = [_accepts(Price, {"value": v}) for v in DECIMALS]
    verdicts = typecheck.run_zod(
        zd(s), [("PriceInputSchema", {"value": v}) for v in DECIMALS]
    )
    assert verdicts == expected
    # What pydantic writes for the accepted ones passes the response schema.
    written = [
        Price.model_validate_json(json.dumps({"value": v})).model_dump(mode="json")
        for v, ok in zip(DECIMALS, expected, strict=True)
        if ok
    ]
    assert all(typecheck.run_zod(zd(s), [("PriceSchema", w) for w in written]))
    # The shapes pass counts the same way (for defaults).
    for v, ok in zip(DECIMALS, expected, strict=True):
        if isinstance(v, str):
            number = decimal.Decimal(v)
            assert shapes.decimal_digits_fit(number, max_digits, decimal_places) == ok


# 4. and 5. HttpUrl's limit once; Decimal bounds on the response side -------


def test_http_url_limit_once_and_decimal_bounds_in_both_directions() -> None:
    c = ir.Constraints
    s = schema(
        model(
            "Link",
            field(
                "a", P(name="http_url", constraints=c(min_length=1, max_length=2083))
            ),
            field("b", P(name="http_url", constraints=c(max_length=100))),
            field("c", P(name="http_url")),
            field("price", P(name="decimal", constraints=c(ge=0))),
        )
    )
    out = zd(s)
    assert "a: z.url({ protocol: /^https?$/ }).min(1).max(2083)," in out
    assert "b: z.url({ protocol: /^https?$/ }).max(100)," in out
    assert "c: z.url({ protocol: /^https?$/ }).max(2083)," in out
    assert out.count("Number(value) >= 0") == 2
    base = {"a": "https://x.io/", "b": "https://x.io/", "c": "https://x.io/"}
    verdicts = typecheck.run_zod(
        out,
        [
            ("LinkSchema", {**base, "price": "1.5"}),
            ("LinkSchema", {**base, "price": "-1"}),
            ("LinkSchema", {**base, "c": "https://x.io/" + "a" * 2100, "price": "1"}),
        ],
    )
    assert verdicts == [True, False, False]


# 6. Model titles -----------------------------------------------------------


def test_model_title_in_jsdoc_and_meta() -> None:
    docs = ir.Docs(title="Customer invoice", description="A customer invoice.")
    s = schema(model("Invoice", field("n", P(name="int")), docs=docs))
    assert "/**\n * Customer invoice\n *\n * A customer invoice.\n */" in ts(s)
    assert (
        '.meta({ title: "Customer invoice", description: "A customer invoice." })'
        in zd(s)
    )


# 7. Map keys that are enums ----------------------------------------------


def test_enum_map_keys_refer_to_the_enum() -> None:
    s = schema(
        enum("Currency", "EUR", "USD"),
        enum("Level", 1, 2),
        model(
            "Totals",
            field("by_currency", ir.MapType(key=ref("Currency"), value=P(name="int"))),
            field("by_level", ir.MapType(key=ref("Level"), value=P(name="int"))),
        ),
    )
    types, schemas = ts(s), zd(s)
    assert "by_currency: Partial<Record<Currency, number>>;" in types
    assert 'by_level: Partial<Record<"1" | "2", number>>;' in types
    assert "by_currency: z.partialRecord(CurrencySchema, z.int())," in schemas
    assert 'by_level: z.partialRecord(z.enum(["1", "2"]), z.int()),' in schemas
    assert typecheck.check_equivalence(s, types, schemas) == []


# 8. Sets -------------------------------------------------------------------


class Tagged(pydantic.BaseModel):
    tags: set[str]
    frozen_tags: frozenset[int]
    history: tuple[int, ...]
    note: str = ""


class OnlySets(pydantic.BaseModel):
    tags: set[str]


def test_sets_dedupe_on_input_and_are_unique_on_output() -> None:
    s = schema(
        model(
            "Tagged",
            field("tags", ir.ListType(item=P(name="str"), unique=True)),
            field("frozen_tags", ir.ListType(item=P(name="int"), unique=True)),
            field("history", ir.ListType(item=P(name="int"))),
            literal_default(field("note", P(name="str")), ""),
        ),
        model("OnlySets", field("tags", ir.ListType(item=P(name="str"), unique=True))),
    )
    out = zd(s)
    assert out.count("function uniqueItems(") == 1
    assert out.count('.refine(uniqueItems, "items must be unique")') == 2
    duplicates = {"tags": ["a", "a"], "frozen_tags": [1, 1], "history": [1, 1]}
    assert _accepts(Tagged, duplicates) and _accepts(OnlySets, {"tags": ["a", "a"]})
    written = Tagged.model_validate(duplicates).model_dump(mode="json")
    assert written["tags"] == ["a"] and written["history"] == [1, 1]
    verdicts = typecheck.run_zod(
        out,
        [
            ("TaggedInputSchema", duplicates),
            ("TaggedSchema", {**duplicates, "note": ""}),
            ("TaggedSchema", {**written}),
            # One schema for both directions: it must accept what requests
            # may carry.
            ("OnlySetsSchema", {"tags": ["a", "a"]}),
        ],
    )
    assert verdicts == [True, False, True, True]


# 9. Frozen models: read-only responses, writable requests ------------------


def test_frozen_models_are_readonly_on_the_response_side_only() -> None:
    s = schema(
        model(
            "Money",
            field("amount", P(name="decimal")),
            field("currency", P(name="str")),
            frozen=True,
        ),
        model("Point", field("x", P(name="int")), frozen=True),
    )
    types, schemas = ts(s), zd(s)
    assert "export interface Money {\n  readonly amount: string;" in types
    assert "export interface MoneyInput {\n  amount: string | number;" in types
    assert "export interface Point {\n  readonly x: number;" in types
    assert (
        "export const MoneySchema = z.object({\n"
        "  amount: z.string().regex(DECIMAL_PATTERN),\n"
        "  currency: z.string(),\n"
        "}).readonly();"
    ) in schemas
    assert "MoneyInputSchema = z.object({" in schemas
    assert schemas.count(".readonly()") == 2  # Money and Point
    assert typecheck.check_equivalence(s, types, schemas) == []
    # A request can be built step by step.
    client = (
        'import type { MoneyInput } from "./types";\n'
        'const m: MoneyInput = { amount: 1, currency: "EUR" };\n'
        "m.amount = 2;\n"
        "export { m };\n"
    )
    assert typecheck.compile_ts({"types.ts": types, "client.ts": client}) == []


def test_every_helper_is_valid_typescript() -> None:
    from emitters._zod_formats import HELPERS

    source = "\n\n".join(HELPERS.values()) + "\nexport {};\n"
    assert typecheck.compile_ts({"h.ts": source}) == []
    assert typing.get_type_hints(shapes.output_type)  # a public helper


# 10. Recursion through aliases only; cycles declared in a readable order ----


def test_alias_only_recursion_is_lazy_with_its_type_spelled() -> None:
    s_ = P(name="str")
    s = schema(
        # Json = str | Decimal | None | list[Json] | dict[str, Json]
        #        | dict[Currency, Other] | Holder;  Other = int | list[Json]
        alias(
            "Json",
            ir.UnionType(
                members=(
                    s_,
                    P(name="decimal"),
                    ir.NullType(),
                    ir.ListType(item=ref("Json")),
                    ir.MapType(key=s_, value=ref("Json")),
                    ir.MapType(key=ref("Currency"), value=ref("Other")),
                    ref("Holder"),
                )
            ),
        ),
        alias(
            "Other",
            ir.UnionType(members=(P(name="int"), ir.ListType(item=ref("Json")))),
        ),
        model(
            "Holder",
            field("data", ref("Json")),
            literal_default(field("n", P(name="int")), 1),
        ),
        model("User", field("payload", ref("Json"))),
        enum("Currency", "EUR", "USD"),
    )
    types, schemas = ts(s), zd(s)
    # A type alias cannot refer to itself through `Record`.
    assert "export type Json = string | null | Json[] | { [key: string]: Json }" in (
        types
    )
    assert "export type JsonInput = string | number | null | JsonInput[]" in types
    assert (
        "export const JsonSchema: z.ZodType<JsonSchemaType, JsonSchemaType> = "
        "z.lazy(() => z.union([" in schemas
    )
    assert "export interface HolderSchemaType {\n  data: JsonSchemaType;" in schemas
    assert typecheck.check_equivalence(s, types, schemas) == []
    verdicts = typecheck.run_zod(
        schemas,
        [
            ("JsonSchema", {"a": ["x", {"b": None}, "1.5"]}),
            ("JsonSchema", {"a": [1]}),  # output: a Decimal is a string
            ("JsonInputSchema", {"a": [1]}),
            ("JsonSchema", {"EUR": [["x"]]}),
            ("JsonSchema", {"data": {"k": []}, "n": 1}),
            ("UserInputSchema", {"payload": {"data": {"k": [1.5]}}}),
            ("UserSchema", {"payload": {"k": True}}),
        ],
    )
    assert verdicts == [True, False, True, True, True, True, False]


def test_aliases_in_a_cycle_follow_the_models_they_read() -> None:
    # "ATree" sorts before "Branch", but reads BranchSchema at once.
    s = schema(
        alias(
            "ATree",
            ir.UnionType(members=(ref("Branch"), ref("Leaf")), discriminator="kind"),
        ),
        model(
            "Branch",
            field("kind", ir.LiteralType(values=("branch",))),
            field("kids", ir.ListType(item=ref("ATree"))),
        ),
        model(
            "Leaf",
            field("kind", ir.LiteralType(values=("leaf",))),
            field("value", P(name="int")),
        ),
    )
    schemas = zd(s)
    assert schemas.index("BranchSchema =") < schemas.index("ATreeSchema =")
    assert typecheck.check_equivalence(s, ts(s), schemas) == []
    tree = {"kind": "branch", "kids": [{"kind": "leaf", "value": 1}]}
    bad = {"kind": "branch", "kids": [{"kind": "leaf"}]}
    assert typecheck.run_zod(
        schemas, [("ATreeSchema", tree), ("ATreeSchema", bad)]
    ) == [
        True,
        False,
    ]
