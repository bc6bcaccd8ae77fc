import typing as t

import pydantic
import storefront.money as m
import typing_extensions as te
from storefront import CatalogProduct, Money


class OrderLine(pydantic.BaseModel):
    product: CatalogProduct
    quantity: t.Annotated[int, pydantic.Field(gt=0)]
    line_total: m.Money


class Order(pydantic.BaseModel):
    lines: t.List[OrderLine]
    status: te.Literal["open", "closed"]
    refunded: t.Optional[Money] = None
