"""Base models shared by every resource of the shop API."""

from datetime import datetime

from pydantic import BaseModel


class Identified(BaseModel):
    id: int


class Timestamped(BaseModel):
    created_at: datetime
    updated_at: datetime | None = None
