from pydantic import BaseModel


class Address(BaseModel):
    """Where parcels go."""

    street: str
    city: str
