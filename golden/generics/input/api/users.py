"""Concrete uses of the generic envelopes."""

from pydantic import BaseModel

from .pagination import ApiResponse, Page, Pair


class User(BaseModel):
    id: int
    name: str


class UserDirectory(BaseModel):
    first_page: Page[User]
    wrapped_page: ApiResponse[Page[User]]
    labels: list[Pair[str, int]] = []


class UserSearchResult(Page[User]):
    query: str
