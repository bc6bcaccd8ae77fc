"""Immutable records: the objects parsing, resolution and the IR are made of.

A cold run makes hundreds of thousands of them (expressions and summaries
while parsing, types and fields while resolving) and emitters hash and
compare them as memo keys. `dataclass(frozen=True)` does all of this in
generated Python code: its `__init__` sets every field through
`object.__setattr__`, and creating the classes themselves execs source for
each method, which cost a tenth of start-up. `msgspec.Struct` does the same
in C: a record is built, hashed and compared several times faster, and a
class is made in microseconds.

`Record` is frozen (assigning to a field raises AttributeError) and not
tracked by the cyclic garbage collector: a frozen record can only refer to
objects made before it, so records never form a cycle of their own.
Subclasses say `kw_only=True` themselves (msgspec applies it to the fields
a class defines), so that fields with defaults may come first.

Parse results travel twice: through a pipe when a forked process parsed
them (codegen/forking.py), and into the parse cache as JSON
(codegen/cache.py). Both use a record's field values in declaration order
(`field_values`) and rebuild it from them (`restore`).
"""

from __future__ import annotations

from typing import Any

import msgspec
from msgspec.structs import astuple as field_values
from msgspec.structs import replace

__all__ = ["Record", "field_values", "replace", "restore"]


class Record(msgspec.Struct, frozen=True, gc=False):
    """Base of every record; see the module docstring."""

    def __reduce__(self) -> tuple[Any, ...]:
        # msgspec pickles a keyword-only record as a dict of its fields;
        # the values alone are half the size and quicker both ways.
        return (restore, (type(self), field_values(self)))


def restore(cls: type[Record], values: tuple[Any, ...] | list[Any]) -> Any:
    """The `cls` record with these field values (TypeError when there are
    not as many as it has fields)."""
    names = cls.__struct_fields__
    if len(values) != len(names):
        raise TypeError(
            f"{cls.__name__} has {len(names)} fields, not {len(values)} values"
        )
    return cls(**dict(zip(names, values, strict=True)))
