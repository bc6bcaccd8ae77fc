"""Billing documents: model configuration, docs and field metadata."""

from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, computed_field


class PlacedOrder(BaseModel):
    """An order exactly as the storefront submits it.

    Unknown keys are rejected so that typos in client code surface early.
    """

    model_config = ConfigDict(extra="forbid")

    order_id: int
    note: str = ""


class TrackingEvent(BaseModel):
    """Analytics event; clients may attach any extra properties."""

    model_config = ConfigDict(extra="allow")

    name: str


class WebhookPayload(BaseModel):
    model_config = ConfigDict(extra="ignore")

    event: str


class Money(BaseModel):
    """An amount in one currency. Immutable once created."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    amount: Decimal
    currency: str = Field(min_length=3, max_length=3)


class Invoice(BaseModel):
    """A customer invoice."""

    model_config = ConfigDict(use_attribute_docstrings=True, title="Customer invoice")

    number: str = Field(
        title="Invoice number",
        description="The number printed on the invoice.",
        examples=["INV-2024-0001"],
    )
    net_cents: int
    """Amount before tax, in cents."""
    tax_percent: int = 21
    tax_rate: float = Field(0.21, deprecated="Use tax_percent instead.")
    legacy_code: str | None = Field(None, deprecated=True)
    internal_notes: str = Field("", exclude=True)

    @computed_field
    @property
    def gross_cents(self) -> int:
        """Amount including tax, in cents."""
        return self.net_cents * (100 + self.tax_percent) // 100

    @computed_field(description="Whether the invoice is tax exempt.")
    @property
    def tax_exempt(self) -> bool:
        return self.tax_percent == 0
