from pydantic import BaseModel

from catalog import Product


class Review(BaseModel):
    product: Product
    rating: int
    author: Reviewer
