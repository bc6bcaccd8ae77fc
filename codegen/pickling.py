"""Pickling frozen, slotted dataclasses at the speed their size allows.

Parse results cross a pipe when a forked process parsed them
(codegen/forking.py): tens of thousands of small frozen dataclasses for a
hundred files. The `__getstate__`/`__setstate__` that `dataclass(slots=True)`
writes look up the class's fields again for every object, which made
pickling and unpickling cost as much as the parse they were meant to
share. `pickles_by_fields` pickles an object as its field values in
declaration order and restores it through the slots directly.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable
from typing import Any, TypeVar

C = TypeVar("C", bound=type)

#: class -> the `__set__` of each field's slot, in declaration order.
_SETTERS: dict[type, tuple[Callable[[Any, Any], None], ...]] = {}


def pickles_by_fields(cls: C) -> C:
    """Give the dataclass `cls` (frozen or not, with slots) a compact,
    fast `__reduce__`. Equality, hashing and everything else stay as the
    dataclass made them."""
    names = tuple(field.name for field in dataclasses.fields(cls))
    _SETTERS[cls] = tuple(getattr(cls, name).__set__ for name in names)
    if len(names) == 1:
        (only,) = names

        def values(obj: Any) -> tuple[Any, ...]:
            return (getattr(obj, only),)

    else:
        values = operator.attrgetter(*names)

    def __reduce__(self: Any) -> tuple[Any, ...]:
        return (_restore, (cls, values(self)))

    cls.__reduce__ = __reduce__
    return cls


def _restore(cls: type, values: tuple[Any, ...]) -> Any:
    # Straight into the slots: a frozen dataclass's __setattr__ refuses,
    # and its __init__ would check and convert nothing these values need.
    obj = object.__new__(cls)
    for set_slot, value in zip(_SETTERS[cls], values, strict=True):
        set_slot(obj, value)
    return obj
