"""Media assets and their publishing schedule: one field per scalar type."""

import datetime as dt
import uuid
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from pydantic import AnyUrl, BaseModel, EmailStr, HttpUrl


class Asset(BaseModel):
    id: UUID
    file_name: str
    size_bytes: int
    aspect_ratio: float
    is_public: bool
    thumbnail: bytes
    license_fee: Decimal
    owner_email: EmailStr
    homepage: HttpUrl
    storage_location: AnyUrl
    metadata: Any
    # Always null on the wire; kept for compatibility with old clients.
    legacy_flag: None
    source_id: uuid.UUID | None = None


class PublishingSchedule(BaseModel):
    publish_at: datetime
    review_on: date
    daily_sync_at: time
    retention: timedelta
    archived_at: dt.datetime | None = None
    embargo_until: dt.date | None = None
