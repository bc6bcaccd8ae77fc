"""Regressions found by running the frontend over real-world model code
(generated SDKs, app models). Each case is a minimal inline snippet in the
style of the code that broke."""

from __future__ import annotations

import textwrap
import time
from dataclasses import replace

from codegen import ir
from codegen.frontends.python import build_schema, parse_module
from codegen.frontends.python.exprs import Name
from codegen.frontends.python.summary import MethodItem
from tests.frontend.helpers import build, codes, field, model, ok, sources


def test_function_bodies_do_not_cost_parse_time() -> None:
    # An SDK client module: thousands of lines of methods, no models.
    method = '''
        def create(
            self,
            *,
            model: str,
            extra_body: Body | None = None,
        ) -> Completion:
            """Create a completion."""
            return self._post(
                "/completions",
                body=maybe_transform({"model": model}, params),
                options=make_request_options(extra_body=extra_body),
            )
    '''
    body = textwrap.indent(textwrap.dedent(method), "    ")
    text = "class Completions(SyncAPIResource):\n" + body * 1000
    start = time.process_time()  # CPU time: robust on a busy machine
    summary = parse_module(sources({"app/client.py": text})[0])
    assert time.process_time() - start < 2.0  # about 4 s before pruning
    assert [c.name for c in summary.classes] == ["Completions"]


def test_pruning_keeps_positions_and_computed_fields() -> None:
    schema = ok('''
        from pydantic import BaseModel, computed_field, field_validator


        def helper(x: "Unknown") -> int:
            return 1


        class Order(BaseModel):
            """An order."""

            qty: int

            @field_validator("qty")
            @classmethod
            def check(cls, v: int) -> int:
                if v < 0:
                    raise ValueError("negative")
                return v

            @computed_field  # kept: it is on the wire
            @property
            def double(self) -> int:
                """Twice qty."""
                return self.qty * 2

            note: str = "x"
        ''')
    double = field(schema, "Order", "double")
    assert double.docs.description == "Twice qty."
    assert (double.location.line, field(schema, "Order", "note").location.line) == (
        23,
        27,
    )


def test_one_line_methods_and_unparsable_files() -> None:
    text = "class A:\n    @computed_field\n    def f(self) -> int: return 1\n"
    (method,) = parse_module(sources({"app/a.py": text})[0]).classes[0].body
    assert isinstance(method, MethodItem)
    assert method.returns == Name(dotted="int", line=3, column=20)
    broken = parse_module(sources({"app/b.py": "def f(:\n    pass\n"})[0])
    assert [p.code for p in broken.problems] == ["TP004"]


SDK_TYPES = """
    from typing import TYPE_CHECKING, Protocol, Sequence, TypeVar

    _T_co = TypeVar("_T_co", covariant=True)

    if TYPE_CHECKING:

        class SequenceNotStr(Protocol[_T_co]):
            def __len__(self) -> int: ...

    else:
        SequenceNotStr = Sequence
"""

SDK_MODELS = """
    from typing import TYPE_CHECKING, ClassVar, Optional

    import pydantic
    from pydantic import ConfigDict

    from ._compat import PYDANTIC_V1


    class BaseModel(pydantic.BaseModel):
        if PYDANTIC_V1:

            class Config(pydantic.BaseConfig):
                extra = pydantic.Extra.allow

        else:
            model_config: ClassVar[ConfigDict] = ConfigDict(extra="allow")

        if TYPE_CHECKING:
            _request_id: Optional[str] = None
            only_for_mypy: int

        if not TYPE_CHECKING:
            model_construct = construct  # a function: not a field
"""


def test_stainless_style_sdk_base_model_and_params() -> None:
    schema = ok(
        {
            "sdk/__init__.py": "",
            "sdk/_compat.py": "PYDANTIC_V1 = False\n",
            "sdk/_types.py": SDK_TYPES,
            "sdk/_models.py": SDK_MODELS,
            "sdk/types/__init__.py": "",
            "sdk/types/tool_param.py": """
            from typing import Iterable
            from typing_extensions import Literal, Required, TypedDict

            from .._types import SequenceNotStr

            _ToolParamReservedKeywords = TypedDict(
                "_ToolParamReservedKeywords", {"async": bool}, total=False
            )


            class ToolParam(_ToolParamReservedKeywords, total=False):
                names: Required[SequenceNotStr[str]]
                steps: Iterable[int]
        """,
            "sdk/types/tool.py": """
            from typing_extensions import Literal

            from .._models import BaseModel


            class Tool(BaseModel):
                type: Literal["tool"]
        """,
        }
    )
    tool = schema.definitions["sdk.types.tool:Tool"]
    assert isinstance(tool, ir.ModelDef)
    assert tool.extra == "allow"
    assert [f.name for f in tool.fields] == ["type"]
    params = schema.definitions["sdk.types.tool_param:ToolParam"]
    assert isinstance(params, ir.ModelDef)
    by_name = {f.name: f for f in params.fields}
    assert list(by_name) == ["async", "names", "steps"]
    assert by_name["names"].type == ir.ListType(item=ir.PrimitiveType(name="str"))
    assert by_name["names"].input_required
    assert by_name["steps"].type == ir.ListType(item=ir.PrimitiveType(name="int"))
    assert not by_name["async"].input_required


def test_aliases_used_only_outside_models_are_never_errors() -> None:
    schema, diagnostics = build("""
        from typing import Callable, Literal, Union

        import httpx
        from pydantic import BaseModel

        Transport = Union[httpx.HTTPTransport, Callable[[], int]]  # client plumbing
        Hook = Callable[[str], None]
        Platform = Union[Literal["linux"], "OtherPlatform"]
        Status = Literal["ok", "error"]  # clean: kept


        class OtherPlatform:
            pass


        class Reply(BaseModel):
            status: Status
        """)
    assert diagnostics == []
    assert "app.models:Status" in schema.definitions
    assert "app.models:Transport" not in schema.definitions
    assert "app.models:Platform" not in schema.definitions


def test_alias_used_by_a_model_still_reports() -> None:
    _, diagnostics = build("""
        from typing import Callable
        from pydantic import BaseModel

        Hook = Callable[[str], None]


        class M(BaseModel):
            hook: Hook
        """)
    assert codes(diagnostics) == ["TP102"]


def test_sqlmodel_models_fields_and_relationships() -> None:
    schema = ok("""
        import uuid

        from pydantic import EmailStr
        from sqlmodel import Field, Relationship, SQLModel


        class UserBase(SQLModel):
            email: EmailStr = Field(unique=True, index=True, max_length=255)
            full_name: str | None = Field(default=None, max_length=255)


        class User(UserBase, table=True):
            id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
            code: str = Field(regex="^[a-z]+$", nullable=False)
            items: list["Item"] = Relationship(back_populates="owner")


        class Item(SQLModel, table=True):
            id: int | None = Field(default=None, primary_key=True)
            owner: User | None = Relationship(back_populates="items")
        """)
    user = model(schema, "User")
    assert [f.name for f in user.fields] == ["email", "full_name", "id", "code"]
    assert [f.name for f in user.fields if f.input_required] == ["email", "code"]
    assert field(schema, "User", "code").type == ir.PrimitiveType(
        name="str", constraints=ir.Constraints(pattern="^[a-z]+$")
    )
    assert [f.name for f in model(schema, "Item").fields] == ["id"]


def test_hand_written_app_model_idioms() -> None:
    schema, diagnostics = build(
        {
            "app/__init__.py": "",
            "app/limits.py": "MAX_NAME = 64\nNAME_PATTERN = '^[a-z]+$'\n",
            "app/models.py": """
            from enum import Enum
            from pathlib import Path
            from typing import Annotated, Literal, Optional, Union

            from pydantic import BaseModel, Discriminator, Field, SecretStr, Tag

            from .limits import MAX_NAME, NAME_PATTERN


            class AutoEnum(str, Enum):
                @staticmethod
                def _generate_next_value_(name: str, *_: object) -> str:
                    return name

                @staticmethod
                def auto() -> str:
                    from enum import auto

                    return auto()


            class State(AutoEnum):
                RUNNING = AutoEnum.auto()
                DONE = AutoEnum.auto()


            class A(BaseModel):
                kind: Literal["a"] = "a"


            class B(BaseModel):
                kind: Literal["b"] = "b"


            def pick(value: object) -> str:
                return "a"


            class Job(BaseModel):
                name: str = Field(max_length=MAX_NAME, pattern=NAME_PATTERN)
                token: SecretStr
                workdir: Path
                state: State = State.RUNNING
                limit: Annotated[Optional[int], Field(default=None)]
                legacy: str = Field("x", example="y")
                spec: Annotated[
                    Union[Annotated[A, Tag("a")], Annotated[B, Tag("b")]],
                    Discriminator(pick),
                ]
                tagged: Union[A, B] = Field(discriminator=Discriminator("kind"))
            """,
        }
    )
    assert [(d.code, d.severity) for d in diagnostics] == [("TP104", "warning")]
    assert "example" in diagnostics[0].message
    state = schema.definitions["app.models:State"]
    assert isinstance(state, ir.EnumDef)
    assert [m.value for m in state.members] == ["RUNNING", "DONE"]
    job = {f.name: f for f in model(schema, "Job").fields}
    assert job["name"].type == ir.PrimitiveType(
        name="str", constraints=ir.Constraints(max_length=64, pattern="^[a-z]+$")
    )
    assert job["token"].type == ir.PrimitiveType(name="str")
    assert job["state"].default == "RUNNING"
    assert not job["limit"].input_required
    spec = job["spec"].type
    assert isinstance(spec, ir.UnionType) and spec.discriminator is None
    tagged = job["tagged"].type
    assert isinstance(tagged, ir.UnionType) and tagged.discriminator == "kind"


def test_pydantic_v1_models_and_spellings_are_clear_errors() -> None:
    _, diagnostics = build("""
        from pydantic import BaseModel, Field, constr
        from pydantic.v1 import BaseModel as V1Model


        class Old(V1Model):
            name: str


        class New(BaseModel):
            code: str = Field(..., regex="^[a-z]+$")
            other: constr(regex="^[a-z]+$")
        """)
    messages = [(d.code, d.message, d.hint) for d in diagnostics]
    assert len(messages) == 3
    assert "pydantic v1 model" in messages[0][1]
    assert all(hint and "pattern" in hint for _, _, hint in messages[1:])


def test_internal_dataclasses_are_not_errors_unless_a_model_uses_them() -> None:
    schema, diagnostics = build("""
        import logging
        from dataclasses import dataclass, field
        from typing import Callable

        from pydantic import BaseModel


        @dataclass
        class RunnerState:  # plumbing: never on the wire
            logger: logging.Logger
            hooks: list[Callable[[], None]] = field(default_factory=list)


        @dataclass
        class Point:  # clean: kept
            x: int
            y: int


        @dataclass
        class Broken:
            when: "Missing"


        class Shape(BaseModel):
            points: list[Point]
            broken: Broken
        """)
    assert [(d.code, d.location.line) for d in diagnostics] == [("TP101", 23)]
    assert "app.models:Point" in schema.definitions
    assert "app.models:RunnerState" not in schema.definitions


def test_sdk_sentinels_leave_unions() -> None:
    schema = ok("""
        from typing import Optional, Union

        from typing_extensions import TypedDict


        class NotGiven:
            def __bool__(self) -> bool:
                return False


        class Omit:
            pass


        class CreateParams(TypedDict, total=False):
            billing: Optional[str] | Omit
            timeout: Union[float, None, NotGiven]
        """)
    assert field(schema, "CreateParams", "billing").type == ir.UnionType(
        members=(ir.PrimitiveType(name="str"), ir.NullType())
    )
    assert field(schema, "CreateParams", "timeout").type == ir.UnionType(
        members=(ir.PrimitiveType(name="float"), ir.NullType())
    )


def test_mixins_class_keyword_config_and_field_aliases() -> None:
    schema, diagnostics = build(
        {
            "app/__init__.py": "",
            "app/types.py": """
            from typing import Annotated

            from pydantic import Field

            Labels = dict[str, str]
            LabelsField = Annotated[
                Labels, Field(default_factory=dict, description="Labels.")
            ]
        """,
            "app/models.py": """
            from pydantic import BaseModel, Field, model_serializer

            from .types import LabelsField


            class OperatorMixin:
                operator: str = Field(default="and_")
                _cache = None
                helper = print


            class Filter(BaseModel, OperatorMixin, extra="forbid"):
                labels: LabelsField
                name: str


            class Wire(BaseModel):
                x: int

                @model_serializer
                def dump(self) -> dict[str, int]:
                    return {"y": self.x}
        """,
        }
    )
    assert [(d.code, d.severity, d.location.line) for d in diagnostics] == [
        ("TP103", "warning", 22)
    ]
    filter_ = model(schema, "Filter")
    assert filter_.extra == "forbid"
    assert filter_.bases == ()  # the mixin is not a model
    fields = {f.name: f for f in filter_.fields}
    assert list(fields) == ["operator", "labels", "name"]
    assert not fields["operator"].input_required
    assert not fields["labels"].input_required
    assert fields["labels"].docs.description == "Labels."


def test_positions_in_generated_style_modules() -> None:
    # A substring of the target (`str` in `instructions`), a docstring that
    # mentions a later field, a decorated class inside `if`, and a huge
    # `__all__`: every position is where CPython puts it.
    names = ", ".join(f'"N{i}"' for i in range(3000))
    source = textwrap.dedent('''
        from typing import Literal, TYPE_CHECKING
        from pydantic import BaseModel, computed_field

        __all__ = [NAMES]


        class Speech(BaseModel):
            """Fields.

            kind: Literal["x"] = "x"
            """

            instructions: str
            kind: Literal["x"] = "x"


        if not TYPE_CHECKING:

            @computed_field.__class__
            class Later(BaseModel):
                n: int
        ''').replace("NAMES", names)
    summary = parse_module(sources({"app/models.py": source})[0])
    assert summary.all_names is not None and len(summary.all_names) == 3000
    speech = summary.classes[0]
    instructions, kind = speech.body
    assert (instructions.line, instructions.annotation.column) == (14, 19)
    assert (kind.line, kind.annotation.column, kind.value.column) == (15, 11, 26)
    later = summary.classes[1]
    assert (later.line, later.decorators[0].line) == (21, 20)


def test_unknown_base_class_is_one_error_not_one_per_use() -> None:
    schema, diagnostics = build("""
        from typing import Optional

        from mylib.orm import CustomBase  # not in the sources
        from pydantic import BaseModel, SerializeAsAny


        class Thing(CustomBase):
            name: str


        class Holder(BaseModel):
            a: Thing
            b: Optional[Thing] = None
            c: list[Thing] = []
            d: SerializeAsAny[Optional[int]] = None
        """)
    assert [(d.code, d.location.line) for d in diagnostics] == [("TP101", 8)]
    assert "CustomBase" in diagnostics[0].message
    assert field(schema, "Holder", "a").type == ir.AnyType()
    assert field(schema, "Holder", "d").type == ir.UnionType(
        members=(ir.PrimitiveType(name="int"), ir.NullType())
    )


def test_constant_used_as_a_type_is_an_error_not_a_crash() -> None:
    _, diagnostics = build("""
        from pydantic import BaseModel

        Callbacks = None  # a constant, not a type
        Logger = print


        class M(BaseModel):
            a: Callbacks
            b: Logger
        """)
    assert codes(diagnostics) == ["TP102", "TP102"]


def test_same_module_name_twice_is_a_warning() -> None:
    # Discovery names both `client.models` when `sdk/azure/` and `sdk/gcp/`
    # are namespace packages (no __init__.py).
    same = [
        replace(f, module="client.models")
        for f in sources(
            {
                "sdk/azure/client/models.py": "x = 1\n",
                "sdk/gcp/client/models.py": "y = 2\n",
            }
        )
    ]
    _, diagnostics = build_schema(same)
    assert [(d.code, d.severity, d.location.path) for d in diagnostics] == [
        ("TP109", "warning", "sdk/gcp/client/models.py")
    ]


def test_config_title_is_the_model_title_and_is_inherited(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from codegen.frontends.python import build_schema
    from codegen.sources import SourceFile

    text = (
        "from pydantic import BaseModel, ConfigDict\n\n"
        "class Invoice(BaseModel):\n"
        '    model_config = ConfigDict(title="Customer invoice")\n'
        "    number: str\n\n"
        "class Credit(Invoice):\n"
        "    reason: str\n"
    )
    schema, diagnostics = build_schema(
        [SourceFile(display_path="m.py", module="m", is_package=False, text=text)]
    )
    assert diagnostics == []
    assert schema.definitions["m:Invoice"].docs.title == "Customer invoice"
    # pydantic merges config from bases, title included.
    assert schema.definitions["m:Credit"].docs.title == "Customer invoice"
