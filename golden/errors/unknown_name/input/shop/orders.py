from pydantic import BaseModel

from .customers import Customer


class OrderLine(BaseModel):
    sku: str
    quantity: int


class Order(BaseModel):
    customer: Customer
    lines: list[OrderLine]
    # Typo: the class is OrderLine.
    bonus_line: OrderLien | None = None
    status: OrderStatus
