"""The shop's API models."""

from .orders import Order, OrderLine, OrderStatus
from .users import User

__all__ = ["Order", "OrderLine", "OrderStatus", "User"]
