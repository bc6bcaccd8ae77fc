"""Logistics records: standard library and pydantic dataclasses."""

import dataclasses
from dataclasses import dataclass, field
from typing import ClassVar

import pydantic.dataclasses
from pydantic import ConfigDict, Field
from pydantic.dataclasses import dataclass as pydantic_dataclass


@dataclass
class Dimensions:
    """Outer size of a parcel, in centimetres."""

    width_cm: float
    height_cm: float
    depth_cm: float = 0.0


@dataclass(frozen=True)
class Warehouse:
    code: str
    city: str
    dock_numbers: list[int] = field(default_factory=list)
    active: bool = field(default=True)
    MAX_DOCKS: ClassVar[int] = 40


@dataclasses.dataclass
class Carrier:
    name: str
    tracking_url_template: str | None = dataclasses.field(default=None)


@pydantic.dataclasses.dataclass
class Parcel:
    tracking_number: str = Field(min_length=8)
    dimensions: Dimensions = Field(default_factory=lambda: Dimensions(10, 10))
    weight_grams: int = Field(default=500, gt=0)


@pydantic_dataclass(config=ConfigDict(extra="forbid"))
class Shipment:
    parcels: list[Parcel]
    origin: Warehouse
    carrier: Carrier
    notes: str | None = None
