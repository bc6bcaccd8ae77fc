from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, ConfigDict, EmailStr, Field
from pydantic.alias_generators import to_camel


class User(BaseModel):
    """A customer account."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)

    id: UUID
    email: EmailStr
    display_name: str = Field(min_length=1, max_length=80)
    created_at: datetime
    marketing_opt_in: bool = False
