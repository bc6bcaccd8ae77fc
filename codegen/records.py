"""Frozen, slotted dataclasses as the tuple of their field values.

Parse results travel twice: through a pipe when a forked process parsed
them (codegen/forking.py), and into the parse cache as JSON
(codegen/cache.py). Both are tens of thousands of small frozen dataclasses
for a hundred files. The `__getstate__`/`__setstate__` that
`dataclass(slots=True)` writes look up the class's fields again for every
object, which made pickling and unpickling cost as much as the parse they
were meant to share; the cache's first encoding (a dict of field names per
object) cost more than the parse itself. A class decorated with
`pickles_by_fields` is read as its field values in declaration order
(`field_values`) and rebuilt by setting its slots directly (`restore`).
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable
from typing import Any, TypeVar

C = TypeVar("C", bound=type)

#: class -> its field values, in declaration order, as a tuple.
_GETTERS: dict[type, Callable[[Any], tuple[Any, ...]]] = {}
#: class -> the `__set__` of each field's slot, in declaration order.
_SETTERS: dict[type, tuple[Callable[[Any, Any], None], ...]] = {}


def pickles_by_fields(cls: C) -> C:
    """Register the dataclass `cls` (frozen or not, with slots) for
    `field_values` and `restore`, and give it a compact, fast
    `__reduce__`. Equality, hashing and everything else stay as the
    dataclass made them."""
    names = tuple(field.name for field in dataclasses.fields(cls))
    _SETTERS[cls] = tuple(getattr(cls, name).__set__ for name in names)
    if len(names) == 1:
        (only,) = names

        def values(obj: Any) -> tuple[Any, ...]:
            return (getattr(obj, only),)

    else:
        values = operator.attrgetter(*names)
    _GETTERS[cls] = values

    def __reduce__(self: Any) -> tuple[Any, ...]:
        return (restore, (cls, values(self)))

    cls.__reduce__ = __reduce__
    return cls


def field_values(obj: Any) -> tuple[Any, ...]:
    """The field values of `obj`, whose class `pickles_by_fields`
    registered (KeyError otherwise)."""
    return _GETTERS[type(obj)](obj)


def restore(cls: type, values: tuple[Any, ...] | list[Any]) -> Any:
    """The `cls` object with these field values (ValueError when there are
    not as many as it has fields)."""
    # Straight into the slots: a frozen dataclass's __setattr__ refuses,
    # and its __init__ would check and convert nothing these values need.
    obj = object.__new__(cls)
    for set_slot, value in zip(_SETTERS[cls], values, strict=True):
        set_slot(obj, value)
    return obj
