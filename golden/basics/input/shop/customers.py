"""Customers of the shop, as the account service stores them."""

from datetime import datetime, timezone
from decimal import Decimal
from typing import Optional

from pydantic import BaseModel, Field


def _now() -> datetime:
    return datetime.now(timezone.utc)


class Address(BaseModel):
    street: str
    city: str
    postal_code: str
    country_code: str = "NL"


class Customer(BaseModel):
    id: int
    email: str
    # Required, but may be null: the key must be sent.
    display_name: Optional[str]
    # Optional and nullable.
    nickname: str | None = None
    phone: Optional[str] = None
    is_active: bool = True
    loyalty_points: int = 0
    discount_rate: float = 0.0
    referral_code: str = Field(...)
    locale: str = Field(default="en-GB")
    tags: list[str] = Field(default_factory=list)
    favourite_categories: list[str] = ["new-arrivals"]
    shipping_address: Address | None = None
    billing_address: Optional[Address] = Field(default=None)
    signed_up_at: datetime = Field(default_factory=_now)
    store_credit: Decimal = Decimal("0.00")
    # Not Optional, yet defaults to None: pydantic does not validate
    # defaults, so responses can carry null here.
    coupon_code: str = None
