"""The storefront package re-exports its core models."""

from .money import Money
from .catalog import Product as CatalogProduct

__all__ = ["CatalogProduct", "Money"]
