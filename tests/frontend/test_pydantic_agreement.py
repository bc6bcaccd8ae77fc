"""For each source: the IR's wire names, requiredness and defaults agree
with pydantic's own JSON schema in validation and serialization mode."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from codegen import ir
from tests.frontend.helpers import exec_source, ok

HEADER = """
from __future__ import annotations
import datetime as dt
from decimal import Decimal
from enum import Enum, IntEnum, StrEnum, auto
from typing import Annotated, Any, Generic, Literal, Optional, TypeVar, Union
from uuid import UUID
import pydantic as pd
from pydantic import (
    AliasChoices, AliasGenerator, BaseModel, ConfigDict, Field, computed_field,
)
from pydantic.alias_generators import to_camel, to_pascal, to_snake
T = TypeVar("T")
"""

CASES = {
    "required_and_defaults": """
class M(BaseModel):
    a: int
    b: Optional[int]
    c: int | None = None
    d: str = "x"
    e: list[int] = Field(default_factory=list)
    f: int = Field(...)
    g: int = Field(5, ge=1)
    h: tuple[int, ...] = (1, 2)
""",
    "aliases": """
class M(BaseModel):
    a: int = Field(alias="A")
    b: int = Field(validation_alias="bIn", serialization_alias="bOut")
    c: int = Field(alias="cc", validation_alias="cIn")
    d: int = Field(validation_alias=AliasChoices("d1", "d2"))
""",
    "alias_generator": """
class M(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)
    first_name: str
    last_name: str = Field(alias="LN")
    some_v: int = Field(validation_alias="vv")
    some_s: int = Field(serialization_alias="ss")
    low_prio: int = Field(alias="X", alias_priority=1)
    @computed_field
    @property
    def full_name(self) -> str:
        return ""
""",
    "alias_generator_object": """
class M(BaseModel):
    model_config = ConfigDict(
        alias_generator=AliasGenerator(
            validation_alias=to_camel, serialization_alias=to_pascal
        )
    )
    first_name: str
    http_url2x: int = 0
""",
    "inheritance_order": """
class A(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel)
    x_x: int
    y_y: str = "a"
    z_z: float
class B(A):
    w_w: int
    x_x: str = "b"
class C(B):
    model_config = ConfigDict(alias_generator=to_pascal)
""",
    "computed_and_exclude": """
class M(BaseModel):
    secret: str = Field(exclude=True)
    name: str
    @computed_field(alias="Upper")
    @property
    def upper(self) -> str:
        return self.name.upper()
""",
    "generic_subclass": """
class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int = 0
class Item(BaseModel):
    id: int
class ItemPage(Page[Item]):
    cursor: str | None = None
""",
    "enum_defaults": """
class Color(StrEnum):
    RED = auto()
    DARK_BLUE = auto()
class M(BaseModel):
    c: Color = Color.DARK_BLUE
    l: Literal["a", "b"] = "a"
    d: dict[str, int] = {"a": 1}
""",
    "v1_config_and_dict_config": """
class M(BaseModel):
    class Config:
        alias_generator = to_camel
    some_field: int
class N(BaseModel):
    model_config = {"alias_generator": to_pascal, "extra": "forbid"}
    some_field: int
""",
}


def _schema_props(cls: type[BaseModel], mode: str) -> tuple[list[str], set[str]]:
    schema = cls.model_json_schema(mode=mode)  # type: ignore[arg-type]
    return list(schema.get("properties", {})), set(schema.get("required", []))


@pytest.mark.parametrize("case", sorted(CASES))
def test_wire_shape_matches_pydantic(case: str) -> None:
    source = HEADER + CASES[case]
    schema = ok(source)
    module = exec_source(source, f"tp_agree_{case}")
    checked = 0
    for definition in schema.definitions.values():
        if not isinstance(definition, ir.ModelDef) or definition.type_params:
            continue
        cls = getattr(module, definition.name)
        props, required = _schema_props(cls, "validation")
        inputs = [f for f in definition.fields if f.in_input]
        assert [f.input_name for f in inputs] == props, definition.name
        assert {f.input_name for f in inputs if f.input_required} == required
        props, required = _schema_props(cls, "serialization")
        outputs = [f for f in definition.fields if f.in_output]
        assert [f.output_name for f in outputs] == props, definition.name
        # pydantic marks every output key required unless it has a default;
        # the contract says a default is always present on output.
        assert all(f.output_required for f in outputs)
        full = cls.model_json_schema(mode="validation")["properties"]
        for f in inputs:
            if f.default_is_literal:
                assert full[f.input_name].get("default") == f.default, f.name
            elif f.has_default:
                assert "default" not in full[f.input_name], f.name
        checked += 1
    assert checked
