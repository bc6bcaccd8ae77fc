from pydantic import BaseModel as BM
from pydantic import Field as F
from typing_extensions import Annotated, Literal

from . import money
from .money import Money as Price


class Product(BM):
    sku: Annotated[str, F(min_length=3)]
    price: Price
    compare_at_price: money.Money | None = None
    availability: Literal["in_stock", "backorder"] = "in_stock"
