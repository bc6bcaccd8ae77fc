"""Base models shared by every resource of the shop API."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel


class Identified(BaseModel):
    id: int


class Timestamped(BaseModel):
    created_at: datetime
    updated_at: datetime | None = None


class StrictModel(BaseModel):
    """Base for request bodies: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid")


class CamelModel(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)
