"""Order states and channels: every enum flavour, and Literal."""

from enum import Enum, IntEnum, StrEnum
from typing import Literal

from pydantic import BaseModel


class OrderStatus(str, Enum):
    PENDING = "pending"
    PAID = "paid"
    SHIPPED = "shipped"
    CANCELLED = "cancelled"


class Priority(IntEnum):
    LOW = 1
    NORMAL = 2
    HIGH = 3


class Currency(StrEnum):
    EUR = "EUR"
    USD = "USD"
    GBP = "GBP"


class Carrier(Enum):
    """Parcel carriers we ship with."""

    DHL = "dhl"
    UPS = "ups"
    POSTNL = "post-nl"


class ReturnWindow(Enum):
    SHORT = 14
    LONG = 30


class Order(BaseModel):
    status: OrderStatus
    priority: Priority = Priority.NORMAL
    currency: Currency
    carrier: Carrier | None = None
    return_window: ReturnWindow = ReturnWindow.SHORT
    channel: Literal["web", "app", "store"]
    api_version: Literal[1, 2] = 2
    kind: Literal["order"] = "order"
    gift: Literal[True] | None = None
    refundable_from: Literal[OrderStatus.PAID, OrderStatus.SHIPPED] | None = None
    status_history: list[OrderStatus] = []
    totals: dict[Currency, int] = {}
