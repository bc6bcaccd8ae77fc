"""Named types shared by the sales models."""

from typing import Annotated, Any, NewType, TypeAlias

from pydantic import Field

CustomerId = NewType("CustomerId", int)
OrderRef = NewType("OrderRef", str)
Sku: TypeAlias = str
PositiveCents = Annotated[int, Field(gt=0)]
Quantity: TypeAlias = Annotated[int, Field(ge=1, le=99)]
Tags: TypeAlias = list[Annotated[str, Field(min_length=1)]]
Metadata: TypeAlias = dict[str, Any]
