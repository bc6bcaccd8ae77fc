"""The shared passes: shapes, naming, ordering, checks."""

from __future__ import annotations

import random

from codegen import ir
from codegen.passes import check, naming, ordering, shapes
from tests.emitters.fixtures import P, alias, field, kitchen_sink, model, ref, schema


def test_differing_definitions_follow_references_and_cycles() -> None:
    differing = shapes.differing_definitions(kitchen_sink())
    short = {d.split(":")[1] for d in differing}
    # Directly: decimal, defaults, in/out-only fields, different wire names.
    assert {"Order", "Scalars", "Constrained", "Shapes", "Money"} <= short
    # Transitively through refs, generic args and a cycle (A <-> B).
    assert {"Uses", "A", "B", "Node"} <= short
    assert not {"Cat", "Dog", "Page", "Pair", "Frozen", "Status", "Tree"} & short


def test_fields_in_direction() -> None:
    order = kitchen_sink().definitions["app.models:Order"]
    assert isinstance(order, ir.ModelDef)
    out = {f.wire_name: f.optional for f in shapes.fields_in(order, "output")}
    inp = {f.wire_name: f.optional for f in shapes.fields_in(order, "input")}
    assert out == {
        "id": False,
        "total": False,
        "note": False,
        "summary": False,
        "createdAt": False,
    }
    assert inp == {
        "id": False,
        "total": False,
        "note": True,
        "secret": False,
        "created_at": False,
    }


def test_same_name_in_two_modules_is_an_error_naming_both() -> None:
    s = schema(
        model("User", field("a", P(name="int")), module="app.a"),
        model("User", field("a", P(name="int")), module="app.b", line=7),
    )
    problems = naming.check_names(s)
    assert [p.code for p in problems] == ["TP201"]
    assert "app.a:User" in problems[0].message
    assert "app.b:User" in problems[0].message
    assert "[tool.typepact.rename]" in (problems[0].hint or "")


def test_input_name_clash_and_rename_clash() -> None:
    s = schema(
        model("Order", field("a", P(name="int"), required=False)),
        model("OrderInput", field("a", P(name="int"))),
    )
    assert [p.code for p in naming.check_names(s)] == ["TP201"]
    s = schema(
        model("A", field("a", P(name="int"))), model("B", field("a", P(name="int")))
    )
    _, problems = naming.assign_names(s, rename={"app.models:B": "A"})
    assert [p.code for p in problems] == ["TP201"]
    names, problems = naming.assign_names(s, rename={"app.models:B": "C"})
    assert not problems and names.output["app.models:B"] == "C"


def test_reserved_and_predefined_type_names() -> None:
    for bad in ("string", "Record", "Date", "delete", "Promise", "unknown"):
        s = schema(model(bad, field("a", P(name="int"))))
        assert [p.code for p in naming.check_names(s)] == ["TP202"], bad


def test_property_keys() -> None:
    assert naming.property_key("class") == "class"
    assert naming.property_key("content-type") == '"content-type"'
    assert naming.property_key("1st") == '"1st"'
    assert naming.property_key("é") == '"\\u00e9"'
    s = schema(model("M", field("proto", P(name="int"), wire="__proto__")))
    assert [p.code for p in naming.check_names(s)] == ["TP203"]


def test_ordering_is_dependency_first_and_deterministic() -> None:
    s = kitchen_sink()
    result = ordering.order_definitions(s)
    pos = {d: i for i, d in enumerate(result.order)}
    assert pos["app.models:Cat"] < pos["app.models:Uses"]
    assert pos["app.models:Page"] < pos["app.models:Uses"]
    short = {d.split(":")[1] for d in result.recursive}
    assert short == {"Node", "A", "B", "Tree", "Branch"}
    assert result.in_cycle_with("app.models:A", "app.models:B")
    assert not result.in_cycle_with("app.models:Uses", "app.models:Cat")
    # Same order whatever the insertion order of the definitions.
    items = list(s.definitions.items())
    for seed in range(5):
        random.Random(seed).shuffle(items)
        shuffled = ir.Schema(definitions=dict(items))
        assert ordering.order_definitions(shuffled).order == result.order


def test_check_dangling_arity_and_discriminator() -> None:
    s = schema(
        model(
            "M",
            field("a", ref("Missing")),
            field("b", ref("Page")),
            field("c", ir.TypeParamType(name="T")),
            field("d", ir.UnionType(members=(P(name="int"),), discriminator="k")),
            field("e", ir.MapType(key=P(name="float"), value=P(name="int"))),
        ),
        model("Page", field("x", ir.TypeParamType(name="T")), params=("T",)),
    )
    codes = sorted(p.code for p in check.check_schema(s))
    assert codes == ["TP101", "TP101", "TP105", "TP204", "TP204"]
    assert check.check_schema(kitchen_sink()) == []


def test_alias_to_decimal_differs() -> None:
    s = schema(alias("Money", P(name="decimal")), model("M", field("m", ref("Money"))))
    assert shapes.differing_definitions(s) == {"app.models:Money", "app.models:M"}
