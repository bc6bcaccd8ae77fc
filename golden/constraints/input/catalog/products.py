"""Catalogue entries, with every way pydantic spells a limit."""

from decimal import Decimal
from typing import Annotated

import annotated_types as at
from annotated_types import Ge, Gt, Le, Len, Lt, MaxLen, MinLen, MultipleOf
from pydantic import BaseModel, Field, confloat, conint, conlist, constr


class Product(BaseModel):
    sku: str = Field(pattern=r"^[A-Z]{3}-\d{4}$")
    name: str = Field(min_length=1, max_length=120)
    price_cents: int = Field(gt=0, le=1_000_000)
    discount: float = Field(default=0.0, ge=0, lt=1)
    stock: Annotated[int, Field(ge=0)] = 0
    pack_size: Annotated[int, Field(multiple_of=6)] = 6
    images: list[str] = Field(min_length=1, max_length=5)
    search_keywords: list[Annotated[str, Field(max_length=20)]] = []
    unit_price: Decimal = Field(default=Decimal("1.00"), max_digits=6, decimal_places=2)


class Review(BaseModel):
    rating: Annotated[int, Ge(1), Le(5)]
    title: Annotated[str, MinLen(3), MaxLen(80)]
    body: Annotated[str, Len(10, 2000)]
    helpful_votes: Annotated[int, at.Gt(-1)] = 0
    weight: Annotated[float, Gt(0), Lt(10), MultipleOf(0.5)] = 1.0


class LegacyProduct(BaseModel):
    code: constr(min_length=2, max_length=8, pattern=r"^[a-z]+$")
    quantity: conint(ge=1, lt=100)
    ratio: confloat(gt=0.0, le=1.0)
    barcodes: conlist(str, min_length=1, max_length=3)
