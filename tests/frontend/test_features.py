"""Feature tests: small inline sources, assertions on the IR."""

from __future__ import annotations

import ast
import textwrap

from codegen import ir
from codegen.frontends.python import PythonOptions, build_schema, parse_module
from tests.frontend.helpers import build, codes, exec_source, field, model, ok, sources

PD = "from pydantic import BaseModel, Field, ConfigDict\n"


def test_constraints_from_field_annotated_and_helpers() -> None:
    schema = ok(PD + """
from typing import Annotated
import annotated_types as at
from pydantic import constr, conint, conlist, PositiveInt
from decimal import Decimal
class M(BaseModel):
    a: str = Field(min_length=1, max_length=5, pattern="^a")
    b: Annotated[int, Field(ge=0), at.Lt(10)]
    c: constr(max_length=3)
    d: conint(multiple_of=2)
    e: conlist(int, min_length=1)
    f: PositiveInt
    g: Annotated[list[str], at.Len(1, 4)]
    h: Decimal = Field(max_digits=5, decimal_places=2)
""")
    c = {f.name: f.type for f in model(schema, "M").fields}
    assert c["a"] == ir.PrimitiveType(
        name="str", constraints=ir.Constraints(min_length=1, max_length=5, pattern="^a")
    )
    assert c["b"].constraints == ir.Constraints(ge=0, lt=10)
    assert c["c"].constraints == ir.Constraints(max_length=3)
    assert c["d"].constraints == ir.Constraints(multiple_of=2)
    assert c["e"] == ir.ListType(
        item=ir.PrimitiveType(name="int"), constraints=ir.Constraints(min_length=1)
    )
    assert c["f"].constraints == ir.Constraints(gt=0)
    assert c["g"].constraints == ir.Constraints(min_length=1, max_length=4)
    assert c["h"].constraints == ir.Constraints(max_digits=5, decimal_places=2)


def test_constraint_on_alias_inlines_and_merges() -> None:
    schema = ok(PD + """
from typing import Annotated
UserId = Annotated[int, Field(gt=0)]
class M(BaseModel):
    a: UserId
    b: Annotated[UserId, Field(lt=100)]
""")
    assert field(schema, "M", "a").type == ir.RefType(target="app.models:UserId")
    assert field(schema, "M", "b").type == ir.PrimitiveType(
        name="int", constraints=ir.Constraints(gt=0, lt=100)
    )
    alias = schema.definitions["app.models:UserId"]
    assert isinstance(alias, ir.AliasDef)


def test_bad_constraint_is_tp104_and_other_fields_survive() -> None:
    schema, diagnostics = build(PD + """
class M(BaseModel):
    a: int = Field(min_length=3)
    b: str = Field(bogus=1)
    c: int
""")
    assert codes(diagnostics) == ["TP104", "TP104"]
    assert diagnostics[0].location == ir.SourceLocation(
        path="app/models.py", line=4, column=14
    )
    assert [f.name for f in model(schema, "M").fields] == ["a", "b", "c"]


def test_types_and_spellings() -> None:
    schema = ok("""
import typing as t
from datetime import datetime, date, time, timedelta
from uuid import UUID
from decimal import Decimal
from ipaddress import IPv4Address
from pydantic import BaseModel, EmailStr, HttpUrl, AnyUrl
from collections.abc import Sequence, Mapping
class M(BaseModel):
    a: t.List[int]
    b: Sequence[str]
    c: set[int]
    d: t.FrozenSet[str]
    e: tuple[int, str]
    f: tuple[int, ...]
    g: Mapping[str, float]
    h: datetime
    i: EmailStr
    j: HttpUrl
    k: AnyUrl
    l: UUID
    m: t.Any
    n: IPv4Address
    o: bytes
    p: t.Optional[t.Optional[int]]
""")
    c = {f.name: f.type for f in model(schema, "M").fields}
    assert c["a"] == ir.ListType(item=ir.PrimitiveType(name="int"))
    assert c["b"] == ir.ListType(item=ir.PrimitiveType(name="str"))
    assert c["c"] == ir.ListType(item=ir.PrimitiveType(name="int"), unique=True)
    assert c["d"].unique is True
    assert isinstance(c["e"], ir.TupleType) and len(c["e"].items) == 2
    assert c["f"] == ir.ListType(item=ir.PrimitiveType(name="int"))
    assert c["g"] == ir.MapType(
        key=ir.PrimitiveType(name="str"), value=ir.PrimitiveType(name="float")
    )
    assert c["h"] == ir.PrimitiveType(name="datetime")
    assert c["i"] == ir.PrimitiveType(name="email")
    assert c["j"].name == "http_url" and c["k"].name == "url"
    assert c["l"].name == "uuid" and c["n"].name == "ipv4"
    assert c["m"] == ir.AnyType()
    assert c["p"] == ir.UnionType(members=(ir.PrimitiveType(name="int"), ir.NullType()))


def test_enums_follow_python_semantics() -> None:
    source = """
from enum import Enum, IntEnum, StrEnum, auto
class S(StrEnum):
    A_B = auto()
    C = "x"
class SE(str, Enum):
    A = auto()
class E(Enum):
    A = auto()
    B = 5
    C = auto()
    D = 5
class I(IntEnum):
    A = auto()
"""
    schema = ok(source)
    module = exec_source(source, "tp_enums")
    for name in ("S", "SE", "E", "I"):
        definition = schema.definitions[f"app.models:{name}"]
        assert isinstance(definition, ir.EnumDef)
        assert [m.value for m in definition.members] == [
            m.value for m in getattr(module, name)
        ]
    assert schema.definitions["app.models:I"].value_type == "int"


def test_literal_with_enum_members_and_discriminated_union() -> None:
    schema = ok(PD + """
from enum import Enum
from typing import Annotated, Literal, Union
class Kind(str, Enum):
    CAT = "cat"
    DOG = "dog"
class Cat(BaseModel):
    pet_type: Literal[Kind.CAT] = Field(alias="petType")
class Dog(BaseModel):
    pet_type: Literal["dog"] = Field(alias="petType")
class Owner(BaseModel):
    pet: Union[Cat, Dog] = Field(discriminator="pet_type")
    pets: list[Annotated[Cat | Dog, Field(discriminator="pet_type")]]
""")
    assert field(schema, "Cat", "pet_type").type == ir.LiteralType(values=("cat",))
    pet = field(schema, "Owner", "pet").type
    assert isinstance(pet, ir.UnionType) and pet.discriminator == "petType"
    pets = field(schema, "Owner", "pets").type
    assert isinstance(pets, ir.ListType) and pets.item.discriminator == "petType"


def test_recursive_models_and_forward_refs() -> None:
    schema = ok("""
from __future__ import annotations
from pydantic import BaseModel
class Node(BaseModel):
    children: list[Node] = []
    parent: "Optional[Node]" = None
    other: "Other | None" = None
class Other(BaseModel):
    node: Node
from typing import Optional
""")
    assert field(schema, "Node", "children").type == ir.ListType(
        item=ir.RefType(target="app.models:Node")
    )
    assert field(schema, "Other", "node").type == ir.RefType(target="app.models:Node")


def test_import_styles_across_modules() -> None:
    schema = ok(
        {
            "app/__init__.py": "",
            "app/money.py": """
                import pydantic as pd
                class Money(pd.BaseModel):
                    amount: int
                """,
            "app/shared/__init__.py": "from .tags import *\n",
            "app/shared/tags.py": """
                __all__ = ["Tag"]
                from typing_extensions import TypedDict
                class Tag(TypedDict):
                    name: str
                class Hidden(TypedDict):
                    x: int
                """,
            "app/models.py": """
                from pydantic import BaseModel as BM
                from .money import Money as Price
                from app.shared import Tag
                import app.money as m
                from . import money
                class Order(BM):
                    a: Price
                    b: m.Money
                    c: money.Money
                    d: Tag
                """,
        }
    )
    types = [f.type for f in model(schema, "Order").fields]
    assert types[:3] == [ir.RefType(target="app.money:Money")] * 3
    assert types[3] == ir.RefType(target="app.shared.tags:Tag")


def test_unknown_and_unsupported_names() -> None:
    schema, diagnostics = build(PD + """
import phonenumbers
class Service:
    pass
class M(BaseModel):
    a: Missing
    b: phonenumbers.PhoneNumber
    c: Service
    d: int
""")
    assert codes(diagnostics) == ["TP101", "TP102", "TP102"]
    assert "sources" in diagnostics[0].hint
    assert '"phonenumbers:PhoneNumber"' in diagnostics[1].hint
    assert diagnostics[0].location.line == 7 and diagnostics[0].location.column == 8
    assert "app.models:Service" not in schema.definitions


def test_overrides_per_field_and_per_type() -> None:
    source = PD + """
import phonenumbers
class M(BaseModel):
    a: phonenumbers.PhoneNumber
    b: "Weird"
class Weird:
    pass
"""
    schema, diagnostics = build(
        source,
        overrides={
            "phonenumbers:PhoneNumber": "Annotated[str, Field(pattern='^\\\\+')]",
            "app.models:M.b": "dict[str, Any]",
            "app.models:Nope": "str",
        },
    )
    assert codes(diagnostics) == ["TP107"]
    assert field(schema, "M", "a").type == ir.PrimitiveType(
        name="str", constraints=ir.Constraints(pattern="^\\+")
    )
    assert field(schema, "M", "b").type == ir.MapType(
        key=ir.PrimitiveType(name="str"), value=ir.AnyType()
    )


def test_generics_arity_and_pep695() -> None:
    schema, diagnostics = build(PD + """
from typing import Generic, TypeVar
K = TypeVar("K")
V = TypeVar("V")
class Pair(BaseModel, Generic[K, V]):
    k: K
    v: V
class Box[T](BaseModel):
    item: T
class M(BaseModel):
    p: Pair[str, int]
    b: Box[int]
    bad: Pair[int]
""")
    assert codes(diagnostics) == ["TP105"]
    assert model(schema, "Pair").type_params == ("K", "V")
    assert model(schema, "Box").fields[0].type == ir.TypeParamType(name="T")
    assert field(schema, "M", "p").type == ir.RefType(
        target="app.models:Pair",
        args=(ir.PrimitiveType(name="str"), ir.PrimitiveType(name="int")),
    )


def test_dataclasses_typeddict_and_aliases() -> None:
    schema = ok("""
import dataclasses
from typing import NewType, TypeAlias
from typing_extensions import NotRequired, Required, TypedDict
import pydantic
from pydantic import ConfigDict, RootModel
@dataclasses.dataclass(frozen=True)
class D:
    a: int
    b: list[int] = dataclasses.field(default_factory=list)
    c: str = "x"
@pydantic.dataclasses.dataclass(config=ConfigDict(extra="forbid"))
class PD:
    a: int
class Base(TypedDict, total=False):
    x: int
    y: Required[str]
class TD(Base):
    z: int
    w: NotRequired[int]
UserId = NewType("UserId", int)
Names: TypeAlias = list[str]
type Pairs = dict[str, int]
class Tags(RootModel[list[str]]):
    pass
LIMIT = 5
GREETING = "hello"
""")
    d = model(schema, "D")
    assert d.origin == "dataclass" and d.frozen
    assert [(f.name, f.input_required, f.default) for f in d.fields] == [
        ("a", True, None),
        ("b", False, None),
        ("c", False, "x"),
    ]
    assert model(schema, "PD").extra == "forbid"
    td = model(schema, "TD")
    assert [(f.name, f.input_required, f.output_required) for f in td.fields] == [
        ("x", False, False),
        ("y", True, True),
        ("z", True, True),
        ("w", False, False),
    ]
    for name in ("UserId", "Names", "Pairs", "Tags"):
        assert isinstance(schema.definitions[f"app.models:{name}"], ir.AliasDef)
    assert "app.models:LIMIT" not in schema.definitions
    assert "app.models:GREETING" not in schema.definitions


def test_docs_deprecation_config() -> None:
    schema = ok("""
from typing_extensions import deprecated
from pydantic import BaseModel, ConfigDict, Field
@deprecated("use New")
class Old(BaseModel):
    '''An old model.'''
    model_config = ConfigDict(frozen=True, extra="allow")
    a: int = Field(description="the a", title="A", examples=[1, 2], deprecated="gone")
    b: int = 0
    '''docstring of b'''
""")
    old = model(schema, "Old")
    assert old.docs == ir.Docs(description="An old model.", deprecated="use New")
    assert old.frozen and old.extra == "allow"
    a, b = old.fields
    assert a.docs == ir.Docs(
        description="the a", title="A", examples=(1, 2), deprecated="gone"
    )
    assert b.docs.description == "docstring of b"


def test_alias_cycle_is_tp106() -> None:
    _, diagnostics = build(
        "from typing import TypeAlias\nA: TypeAlias = 'B'\nB: TypeAlias = A\n"
    )
    assert "TP106" in codes(diagnostics)


def test_positions_match_ast() -> None:
    source = textwrap.dedent('''
        """Module doc."""
        # a comment

        from pydantic import BaseModel, Field


        class M(BaseModel):
            """Doc."""

            a: int  # trailing
            b: dict[str, list[int]] = Field(
                default_factory=dict,
                description="multi-line",
            )

            @property
            def x(self) -> int:
                return 1

            c: "list[M]" = []
        ''')
    summary = parse_module(sources({"app/models.py": source})[0])
    tree = ast.parse(source)
    cls_node = next(n for n in tree.body if isinstance(n, ast.ClassDef))
    cls = summary.classes[0]
    assert (cls.line, cls.column) == (cls_node.lineno, cls_node.col_offset + 1)
    expected = {n.target.id: n for n in cls_node.body if isinstance(n, ast.AnnAssign)}
    for item in cls.body:
        if item.name not in expected:  # the decorated method
            continue
        node = expected[item.name]
        assert (item.line, item.column) == (node.lineno, node.col_offset + 1)
        assert (item.annotation.line, item.annotation.column) == (
            node.annotation.lineno,
            node.annotation.col_offset + 1,
        )
    b = cls.body[1]
    inner = b.annotation.index.items[1]
    node = expected["b"].annotation.slice.elts[1]
    assert (inner.line, inner.column) == (node.lineno, node.col_offset + 1)
    kw = dict(b.value.kwargs)["description"]
    assert (kw.line, kw.column) == (14, 21)


def test_never_imports_user_code(tmp_path: object) -> None:
    schema = ok("""
raise RuntimeError("imported!")
open("/tmp/typepact-should-not-exist", "w").write("x")
from pydantic import BaseModel
class M(BaseModel):
    a: int
""")
    assert "app.models:M" in schema.definitions
    import os

    assert not os.path.exists("/tmp/typepact-should-not-exist")


def test_syntax_error_is_reported_and_other_files_build() -> None:
    schema, diagnostics = build(
        {
            "app/bad.py": "class (:\n",
            "app/models.py": "from pydantic import BaseModel\n"
            "class M(BaseModel):\n  a: int\n",
        }
    )
    assert codes(diagnostics) == ["TP004"]
    assert "app.models:M" in schema.definitions


def test_deterministic_regardless_of_file_order() -> None:
    files = {
        "app/a.py": "from pydantic import BaseModel\nfrom app.b import B\n"
        "class A(BaseModel):\n b: B\n x: Missing\n",
        "app/b.py": "from pydantic import BaseModel\n"
        "class B(BaseModel):\n y: Nope\n",
    }
    one = build_schema(sources(files), PythonOptions())
    two = build_schema(list(reversed(sources(files))), PythonOptions())
    assert one == two
    assert list(one[0].definitions) == sorted(one[0].definitions)


def test_non_annotated_and_private_attributes() -> None:
    schema, diagnostics = build(PD + """
from typing import ClassVar
class M(BaseModel):
    _private: int = 0
    counter: ClassVar[int] = 0
    x = 1
    a: int
""")
    assert codes(diagnostics) == ["TP103"]
    assert [f.name for f in model(schema, "M").fields] == ["a"]


def test_summary_is_picklable_and_holds_no_parse_tree() -> None:
    import pickle

    from codegen.records import Record

    summary = parse_module(
        sources(
            {
                "app/models.py": "from pydantic import BaseModel\n"
                "class M(BaseModel):\n  a: 'int' = f(x=1)\n"
            }
        )[0]
    )

    def plain(value: object) -> bool:
        # Summaries are cached and shipped between processes: only their
        # own records and plain values, no parser nodes.
        if isinstance(value, Record):
            return all(plain(getattr(value, f)) for f in value.__struct_fields__)
        if isinstance(value, tuple):
            return all(plain(item) for item in value)
        return value is None or isinstance(value, str | int | float | bytes)

    assert plain(summary)
    data = pickle.dumps(summary)
    assert pickle.loads(data) == summary


def test_bytes_defaults_are_written_as_pydantic_writes_them() -> None:
    # pydantic's JSON schema and model_dump(mode="json") write a bytes
    # default as UTF-8 text; one that is not UTF-8 has no JSON literal.
    schema = ok("""
from pydantic import BaseModel

MAGIC = b"tp"


class M(BaseModel):
    plain: bytes = b"abc"
    named: bytes = MAGIC
    binary: bytes = b"\\xff\\xfe"
""")
    plain, named, binary = model(schema, "M").fields
    assert (plain.default, plain.default_is_literal) == ("abc", True)
    assert (named.default, named.default_is_literal) == ("tp", True)
    assert binary.has_default and not binary.default_is_literal
    assert plain.type == ir.PrimitiveType(name="bytes")


def test_a_bytes_literal_is_not_a_type() -> None:
    _, diagnostics = build("""
from pydantic import BaseModel


class M(BaseModel):
    a: b"int"
""")
    assert codes(diagnostics) == ["TP102"]
    assert "b'int'" in diagnostics[0].message
