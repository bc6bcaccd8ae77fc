"""Decimal fields' limits written as `Decimal("...")`, the usual spelling."""

from __future__ import annotations

from codegen import ir
from tests.frontend.helpers import build, codes, model, ok


def test_decimal_call_limits_become_numbers() -> None:
    schema = ok("""
import decimal
from decimal import Decimal
from typing import Annotated
from pydantic import BaseModel, Field, condecimal

STEP = "0.01"

class Price(BaseModel):
    amount: Decimal = Field(multiple_of=Decimal("0.05"), ge=Decimal(0))
    fee: condecimal(le=Decimal("999999.99"), multiple_of=Decimal(STEP))
    tax: Annotated[Decimal, Field(gt=decimal.Decimal("-1.50"))]
""")
    c = {f.name: f.type.constraints for f in model(schema, "Price").fields}
    assert c["amount"] == ir.Constraints(ge=0, multiple_of=0.05)
    assert c["fee"] == ir.Constraints(le=999999.99, multiple_of=0.01)
    assert c["tax"] == ir.Constraints(gt=-1.5)


def test_a_decimal_limit_no_float_states_is_tp104() -> None:
    schema, diagnostics = build("""
from decimal import Decimal
from pydantic import BaseModel, Field

class Price(BaseModel):
    a: Decimal = Field(le=Decimal("0.1000000000000000000001"))
    b: Decimal = Field(le=Decimal("NaN"))
    c: Decimal = Field(le=Decimal(limit))
    d: Decimal = Field(le=Decimal("1.5"))
""")
    assert codes(diagnostics) == ["TP104", "TP104", "TP104"]
    assert "a float states exactly" in diagnostics[0].message
    [d] = [f for f in model(schema, "Price").fields if f.name == "d"]
    assert d.type.constraints == ir.Constraints(le=1.5)
