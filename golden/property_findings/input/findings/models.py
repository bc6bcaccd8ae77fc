"""Cases the property tests (tests/property) found; see docs/agreement.md."""

from __future__ import annotations

from decimal import Decimal
from pydantic import BaseModel, ConfigDict, Field, computed_field

class Measure(BaseModel):
    """Zod's own multipleOf took -619805826628074.375 for a multiple of 0.25
    and 2**50 + 1 for a multiple of 2; Decimal steps were not checked."""

    x: float = Field(multiple_of=0.25)
    pack: int = Field(default=2, multiple_of=2)
    price: Decimal = Field(default=Decimal("0"), multiple_of=Decimal("0.05"), ge=0)


class Node(BaseModel):
    """Carried in a google.protobuf.Value, whose JSON keeps pydantic's
    response key `next` (docs/protobuf.md)."""

    next: Node | None = Field(validation_alias="in-next")


class Total(BaseModel):
    """A read-only field in an extra="forbid" model (docs/protobuf.md)."""

    model_config = ConfigDict(extra="forbid")

    count: int = 1

    @computed_field
    @property
    def amount(self) -> int:
        return self.count * 3
