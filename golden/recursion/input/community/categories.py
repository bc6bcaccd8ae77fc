"""A category tree, written with postponed annotations."""

from __future__ import annotations

from pydantic import BaseModel


class Category(BaseModel):
    slug: str
    parent: Category | None = None
    children: list[Category] = []


class Menu(BaseModel):
    root: Category
    featured: list[Category] = []
