"""Positions read from CPython's `ast`: character columns on lines with
non-ASCII text (ast counts UTF-8 bytes), parentheses around expressions,
line breaks of every kind, and syntax newer than the running Python."""

from __future__ import annotations

from codegen.frontends.python import parse_module
from codegen.frontends.python.exprs import (
    BinOp,
    Call,
    Constant,
    Name,
    Subscript,
    TupleExpr,
    Unsupported,
)
from codegen.frontends.python.extract import string_expression
from codegen.frontends.python.summary import (
    AssignItem,
    ClassSummary,
    FieldItem,
    MethodItem,
    ModuleSummary,
    UnsupportedItem,
)
from codegen.sources import SourceFile
from tests.frontend.helpers import build


def _summary(text: str) -> ModuleSummary:
    # Not dedented (as `sources` does): the texts here are exact.
    source = SourceFile(
        display_path="app/models.py", module="app.models", is_package=False, text=text
    )
    return parse_module(source)


def _fields(text: str, cls: int = 0) -> dict[str, FieldItem]:
    body = _summary(text).classes[cls].body
    return {item.name: item for item in body if isinstance(item, FieldItem)}


def test_columns_count_characters_not_utf8_bytes() -> None:
    fields = _fields(
        "class Café:\n"
        '    x: str = "é"; y: int = 1\n'  # é is 2 bytes, 😀 is 4
        '    e: str = "😀😀"; after: Optional[int] = None\n'
        "    ñame: int\n"
    )
    y = fields["y"]
    assert (y.line, y.column) == (2, 19)
    assert y.annotation == Name(dotted="int", line=2, column=22)
    assert y.value == Constant(value=1, line=2, column=28)
    after = fields["after"]
    assert (after.line, after.column) == (3, 20)
    assert after.annotation == Subscript(
        value=Name(dotted="Optional", line=3, column=27),
        index=Name(dotted="int", line=3, column=36),
        line=3,
        column=27,
    )
    assert fields["ñame"].annotation == Name(dotted="int", line=4, column=11)


def test_non_ascii_on_continuation_lines_and_in_docstrings() -> None:
    text = (
        "class M:\n"
        '    """Dóc — ünïcode."""  ; a: int\n'
        "    b: Union[\n"
        '        "Café",  # 😀 comment\n'
        "        ñ.Ü, int,\n"
        "    ]\n"
    )
    summary = _summary(text)
    cls = summary.classes[0]
    assert cls.doc is None  # a docstring shares its line with `a`: not one
    fields = {i.name: i for i in cls.body if isinstance(i, FieldItem)}
    assert (fields["a"].line, fields["a"].column) == (2, 29)
    union = fields["b"].annotation
    assert isinstance(union, Subscript) and isinstance(union.index, TupleExpr)
    assert union.index.items == (
        Constant(value="Café", line=4, column=9),
        Name(dotted="ñ.Ü", line=5, column=9),
        Name(dotted="int", line=5, column=14),
    )


def test_forward_reference_positions_are_inside_the_string() -> None:
    # The caller passes the column of the first character inside the quotes.
    expr = string_expression("Café | None", 3, 12)
    assert expr == BinOp(
        op="|",
        left=Name(dotted="Café", line=3, column=12),
        right=Constant(value=None, line=3, column=19),
        line=3,
        column=12,
    )
    multi = string_expression("dict[\n  str, Ü]", 3, 12)
    assert isinstance(multi, Subscript) and isinstance(multi.index, TupleExpr)
    assert multi.index.items[1] == Name(dotted="Ü", line=4, column=8)
    assert string_expression("not python (", 3, 12) == Unsupported(
        text="'not python ('", line=3, column=12
    )


def test_diagnostics_point_at_characters() -> None:
    _, diagnostics = build(
        "from pydantic import BaseModel\n"
        "class M(BaseModel):\n"
        '    é: str = "ü"; b: Nope\n'
    )
    (diagnostic,) = diagnostics
    assert diagnostic.location is not None
    assert (diagnostic.location.line, diagnostic.location.column) == (3, 22)


def test_identifiers_are_read_as_python_reads_them() -> None:
    # NFKC, as the compiler does: the runtime attribute is `field`.
    (item,) = _summary("class M:\n    ﬁeld: int\n").classes[0].body
    assert isinstance(item, FieldItem) and item.name == "field"


def test_parentheses_belong_to_the_expression() -> None:
    fields = _fields(
        "class A((B)):\n"
        "    a: (int | None) = (None)\n"
        "    b: (lambda: 1)\n"
        "    c: f((x), y)\n"
        "    d: f((x))\n"
        "    e: f(x for x in y)\n"
        "    g: (\n"
        "        int  # a comment\n"
        "    )\n"
        "    h: x[(a, b)]\n"
        "    i: x[(a), b]\n"
    )
    a = fields["a"]
    assert isinstance(a.annotation, BinOp) and a.annotation.column == 8
    assert a.annotation.left == Name(dotted="int", line=2, column=9)
    assert a.value == Constant(value=None, line=2, column=23)
    assert fields["b"].annotation == Unsupported(text="(lambda: 1)", line=3, column=8)
    c = fields["c"].annotation
    assert isinstance(c, Call) and c.args[0] == Name(dotted="x", line=4, column=10)
    d = fields["d"].annotation  # the call's own parentheses are not x's
    assert isinstance(d, Call) and d.args[0] == Name(dotted="x", line=5, column=10)
    e = fields["e"].annotation
    assert isinstance(e, Call)
    assert e.args[0] == Unsupported(text="x for x in y", line=6, column=10)
    assert fields["g"].annotation == Name(dotted="int", line=7, column=8)
    h = fields["h"].annotation
    assert isinstance(h, Subscript) and isinstance(h.index, TupleExpr)
    assert h.index.column == 10  # one tuple index
    i = fields["i"].annotation
    assert isinstance(i, Subscript) and isinstance(i.index, TupleExpr)
    assert i.index.items[0] == Name(dotted="a", line=11, column=10)  # two
    (base,) = _summary("class A((B)):\n    pass\n").classes[0].bases
    assert base == Name(dotted="B", line=1, column=9)


def test_quoted_text_is_dedented_to_its_statement() -> None:
    text = (
        "class A:\n"
        "    class B:\n"
        "        x: (\n"
        "            lambda: '''keep\n"
        "            this'''\n"
        "        )\n"
        "        y, z = (\n"
        "            1, 2)\n"
    )
    x, yz = _summary(text).classes[0].body
    assert isinstance(x, FieldItem)
    assert x.annotation == Unsupported(
        text="(\n    lambda: '''keep\n            this'''\n)", line=3, column=12
    )
    assert yz == UnsupportedItem(text="y, z = (\n    1, 2)", line=7, column=9)


def test_every_line_break_counts() -> None:
    for newline in ("\r\n", "\r", "\n"):
        text = newline.join(["class A:", "    a: int", "    b: str", ""])
        summary = _summary(text)
        b = summary.classes[0].body[1]
        assert (b.line, b.column) == (3, 5), repr(newline)
    tabs = _fields("class A:\n\tx: int\n")["x"]
    assert tabs.annotation == Name(dotted="int", line=2, column=5)


def test_semicolons_and_one_line_blocks_decide_docstrings() -> None:
    summary = _summary(
        'class A: "not a doc"; x: int\n'
        "class B:\n"
        '    "B doc"\n'
        "    y: int; z: int\n"
        '    "z doc"\n'
        "    w: int\n"
        '    "w doc"\n'
    )
    a, b = summary.classes
    assert a.doc is None
    assert b.doc == "B doc"
    docs = {i.name: i.doc for i in b.body if isinstance(i, FieldItem)}
    assert docs == {"y": None, "z": None, "w": "w doc"}


def test_newer_syntax_is_read_in_place() -> None:
    text = (
        "type Pair[K, V: (int, str)] = dict[K, V]\n"
        "type Wide[\n"
        "    T,\n"
        "] = list[T]\n"
        "class Box[T](BaseModel):\n"
        '    f"{x["not a doc"]}"\n'
        "    item: T\n"
        '    label: str = rf"{x["é"]}"\n'
        "    @computed_field\n"
        "    def size[U](self) -> int: ...\n"
        "try:\n"
        "    pass\n"
        "except ValueError, TypeError:\n"
        "    pass\n"
    )
    summary = _summary(text)
    assert not summary.problems
    pair, wide = summary.assigns
    assert (pair.name, pair.type_params, pair.is_type_statement) == (
        "Pair",
        ("K", "V"),
        True,
    )
    assert isinstance(pair.value, Subscript)
    assert pair.value.value == Name(dotted="dict", line=1, column=31)
    assert (wide.name, wide.type_params, wide.value.line) == ("Wide", ("T",), 4)
    (box,) = summary.classes
    assert isinstance(box, ClassSummary)
    assert box.type_params == ("T",)
    assert box.bases == (Name(dotted="BaseModel", line=5, column=14),)
    assert box.doc is None
    _, label, size = box.body
    assert isinstance(label, FieldItem)
    assert label.value == Unsupported(text='rf"{x["é"]}"', line=8, column=18)
    assert isinstance(size, MethodItem)
    assert size.returns == Name(dotted="int", line=10, column=26)


def test_syntax_errors_point_at_characters() -> None:
    (problem,) = _summary('x = "日本" +* 2\n').problems
    assert (problem.code, problem.line, problem.column) == ("TP004", 1, 11)
    (nul,) = _summary("x = 1\ny = \x00\n").problems
    assert (nul.line, nul.column) == (2, 5)


def test_module_assign_positions_after_non_ascii() -> None:
    summary = _summary('X = "日本"; Y: TypeAlias = "list[Café]"\n')
    _, y = summary.assigns
    assert (y.line, y.column) == (1, 11)
    assert y.annotation == Name(dotted="TypeAlias", line=1, column=14)
    assert y.value == Constant(value="list[Café]", line=1, column=26)
    item = _summary("class E:\n    Ü = 1; V = 2\n").classes[0].body[1]
    assert item == AssignItem(
        name="V", value=Constant(value=2, line=2, column=16), line=2, column=12
    )
