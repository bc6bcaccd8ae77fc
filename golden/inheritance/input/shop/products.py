"""Products: bases from another module, multiple inheritance, overrides."""

from decimal import Decimal

from pydantic import Field, HttpUrl

from shop.base import CamelModel, StrictModel, Timestamped

from .base import Identified


class Product(Identified, Timestamped):
    """Anything the shop sells."""

    name: str
    price: Decimal


class DigitalProduct(Product):
    download_url: HttpUrl
    # Overrides: a default makes the field optional on input, and the
    # constraint replaces the base's unconstrained type.
    name: str = Field(default="Untitled download", max_length=80)
    price: Decimal = Field(ge=0)


class PhysicalProduct(Product):
    weight_grams: int = Field(gt=0)
    # Overridden with a narrower type.
    id: int = Field(ge=1000)


class Coupon(StrictModel):
    code: str
    percent_off: int = Field(ge=1, le=100)


class GiftCard(CamelModel):
    card_number: str
    initial_balance_cents: int
