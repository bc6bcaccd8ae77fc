import pydantic as pd


class Money(pd.BaseModel):
    amount_cents: int = pd.Field(ge=0)
    currency: str = pd.Field(min_length=3, max_length=3)
