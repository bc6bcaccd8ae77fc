from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, computed_field

from .users import User

Quantity = Annotated[int, Field(ge=1, le=999)]


class OrderStatus(StrEnum):
    PENDING = "pending"
    PAID = "paid"
    SHIPPED = "shipped"


class OrderLine(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sku: str = Field(pattern=r"^[A-Z0-9-]{4,20}$")
    quantity: Quantity
    unit_price: Decimal = Field(max_digits=10, decimal_places=2)


class Order(BaseModel):
    """An order as the shop API sends and accepts it."""

    id: int
    customer: User
    lines: list[OrderLine] = Field(min_length=1)
    status: OrderStatus = OrderStatus.PENDING
    note: str | None = None

    @computed_field
    @property
    def line_count(self) -> int:
        """How many lines the order has."""
        return len(self.lines)
