"""Generic envelopes of the shop API."""

from typing import Generic, TypeVar

from pydantic import BaseModel, Field

ItemT = TypeVar("ItemT")
K = TypeVar("K")
V = TypeVar("V")


class Page(BaseModel, Generic[ItemT]):
    items: list[ItemT]
    total: int = Field(ge=0)
    next_cursor: str | None = None


class ApiResponse(BaseModel, Generic[ItemT]):
    data: ItemT
    warnings: list[str] = []


class Pair(BaseModel, Generic[K, V]):
    key: K
    value: V
