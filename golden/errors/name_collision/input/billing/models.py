from pydantic import BaseModel


class Address(BaseModel):
    """Where invoices go."""

    company: str
    vat_id: str
