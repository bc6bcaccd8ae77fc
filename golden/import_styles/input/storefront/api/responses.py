from typing import List

from pydantic import BaseModel

from ..catalog import Product
from ..orders import Order as PlacedOrder


class CatalogResponse(BaseModel):
    products: List[Product]
    featured: Product | None = None


class OrderResponse(BaseModel):
    order: PlacedOrder
    related: list["Product"] = []
