"""Store locations as plain dictionaries (TypedDict).

pydantic needs typing_extensions.TypedDict before Python 3.12.
"""

from typing import NotRequired, Required

from pydantic import BaseModel
from typing_extensions import TypedDict


class GeoPoint(TypedDict):
    lat: float
    lng: float


class OpeningHours(TypedDict, total=False):
    opens: str
    closes: str
    closed: bool


class StoreAddress(TypedDict):
    street: str
    city: str
    unit: NotRequired[str]


class StoreContact(TypedDict, total=False):
    phone: Required[str]
    email: str


class Store(StoreAddress):
    name: str
    location: GeoPoint
    hours: dict[str, OpeningHours]
    contact: NotRequired[StoreContact]
    manager: NotRequired[str | None]


class FlagshipStore(Store, total=False):
    showroom_m2: int
    cafe: Required[bool]


class StoreListing(BaseModel):
    store: Store
    rating: float | None = None
