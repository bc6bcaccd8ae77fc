from pydantic import BaseModel

from billing.models import Address as BillingAddress
from shipping.models import Address as ShippingAddress


class Checkout(BaseModel):
    billing: BillingAddress
    shipping: ShippingAddress
