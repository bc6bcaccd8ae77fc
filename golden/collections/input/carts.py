"""Shopping carts: every collection spelling, builtin and typing."""

from typing import Dict, FrozenSet, List, Set, Tuple

from pydantic import BaseModel


class CartLine(BaseModel):
    sku: str
    quantity: int


class Cart(BaseModel):
    item_ids: list[int]
    legacy_item_ids: List[int]
    coupon_codes: set[str]
    legacy_coupon_codes: Set[str]
    categories: frozenset[str]
    legacy_categories: FrozenSet[str]
    pickup_point: tuple[float, float]
    legacy_pickup_point: Tuple[float, float]
    gift_wrap: tuple[str, int, bool]
    price_history: tuple[int, ...]
    legacy_price_history: Tuple[int, ...]
    quantities: dict[str, int]
    legacy_quantities: Dict[str, int]
    lines_by_warehouse: dict[str, list[CartLine]]
    seat_map: list[list[bool]]
    saved_for_later: List[CartLine] = []
