"""Sales orders written with the shared type aliases."""

from pydantic import BaseModel

from .types import CustomerId, Metadata, OrderRef, PositiveCents, Quantity, Sku, Tags


class OrderLine(BaseModel):
    sku: Sku
    quantity: Quantity
    unit_price: PositiveCents


class SalesOrder(BaseModel):
    ref: OrderRef
    customer: CustomerId
    lines: list[OrderLine]
    total: PositiveCents
    tags: Tags = []
    metadata: Metadata = {}
    replaces: OrderRef | None = None
