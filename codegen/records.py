"""Immutable records: the objects parsing, resolution and the IR are made of.

A cold run makes hundreds of thousands of them (expressions and summaries
while parsing, types and fields while resolving) and emitters hash and
compare them as memo keys. `dataclass(frozen=True)` does all of this in
generated Python code: its `__init__` sets every field through
`object.__setattr__`, and creating the classes themselves execs source for
each method, which cost a tenth of start-up. `msgspec.Struct` does the same
in C: a record is built, hashed and compared several times faster, and a
class is made in microseconds.

A `Record` is frozen (assigning to a field raises AttributeError) and not
tracked by the cyclic garbage collector: a frozen record can only refer to
objects made before it, so records never form a cycle of their own.
Subclasses say `kw_only=True` themselves (msgspec applies it to the fields
a class defines), so that fields with defaults may come first. A changed
copy is made with `replace`.
"""

from __future__ import annotations

import msgspec
from msgspec.structs import replace

__all__ = ["ArrayRecord", "Record", "replace"]


class Record(msgspec.Struct, frozen=True, gc=False):
    """Base of every record; see the module docstring."""


class ArrayRecord(Record, tag=True, array_like=True):
    """A record that msgspec encodes as an array: its class name, then its
    field values in declaration order. Parse results are these, so they
    cross a pipe and sit in the parse cache compactly, and decoding checks
    every value against the annotations
    (codegen/frontends/python/summary.py)."""
