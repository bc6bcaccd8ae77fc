"""Options of the Python frontend."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class PythonOptions:
    #: The escape hatch. Keys are `"module.path:Model.field"` (one field)
    #: or `"module.path:TypeName"` (a type defined or imported in the
    #: sources, also a third-party one by import path such as
    #: `"phonenumbers:PhoneNumber"`); values are Python type expressions
    #: (`"str"`, `"Annotated[str, Field(pattern='^\\+')]"`) read in the
    #: module where the field or type is used. Common typing and pydantic
    #: names may be used there without imports. A key that matches nothing
    #: is TP107.
    overrides: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
