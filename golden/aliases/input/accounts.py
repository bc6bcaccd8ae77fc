"""Wire names that differ from attribute names."""

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel, to_pascal, to_snake


class CustomerProfile(BaseModel):
    customer_id: int = Field(alias="customerId")
    full_name: str = Field(validation_alias="name")
    email_address: str = Field(serialization_alias="email")
    loyalty_tier: str = Field(
        "bronze", validation_alias="tier", serialization_alias="loyaltyTier"
    )


class ShippingLabel(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)

    recipient_name: str
    address_line_1: str
    address_line2: str | None = None
    postal_code: str
    vat_id: str | None = None
    is_express: bool = False
    http_api_url: str | None = None
    tracking_url: str | None = Field(None, alias="trackingURL")


class InvoiceRow(BaseModel):
    model_config = ConfigDict(alias_generator=to_pascal)

    line_number: int
    unit_price_cents: int
    sku_2fa_code: str = ""


class LegacyRecord(BaseModel):
    model_config = ConfigDict(alias_generator=to_snake)

    recordId: int
    createdBy: str
    HTTPStatus: int = 200
    lastModifiedAtUTC: str | None = None


class EmailHeaders(BaseModel):
    model_config = ConfigDict(extra="forbid")

    from_address: str = Field(alias="from")
    content_type: str = Field("text/plain", alias="content-type")
    message_id: str = Field(alias="Message-ID")
    x_priority: int | None = Field(None, alias="x-priority")
