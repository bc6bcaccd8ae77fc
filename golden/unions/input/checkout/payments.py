"""Checkout: plain unions, Optional, and tagged (discriminated) unions."""

from typing import Annotated, Literal, Optional, Union

from pydantic import BaseModel, Field


class CardPayment(BaseModel):
    method: Literal["card"]
    brand: str
    last4: str = Field(pattern=r"^\d{4}$")


class BankTransfer(BaseModel):
    method: Literal["bank_transfer"]
    iban: str


class PayPalPayment(BaseModel):
    method: Literal["paypal"]
    account_email: str


Payment = Annotated[
    Union[CardPayment, BankTransfer, PayPalPayment], Field(discriminator="method")
]


class StorePickup(BaseModel):
    store_id: int


class HomeDelivery(BaseModel):
    street: str
    city: str


class Checkout(BaseModel):
    order_ref: int | str
    coupon: Union[str, int, None] = None
    gift_message: Optional[str] = None
    payment: CardPayment | BankTransfer | PayPalPayment = Field(discriminator="method")
    refund_to: Annotated[
        Union[CardPayment, BankTransfer], Field(discriminator="method")
    ]
    split_payments: list[Payment] = []
    delivery: Union[StorePickup, HomeDelivery]
    fallback_payment: Payment | None = None
    wrapping: Literal["paper", "box", None] = None
