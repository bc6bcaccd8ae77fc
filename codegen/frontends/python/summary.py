"""The per-file summary: everything resolution needs from one module.

Plain records with no syntax-tree objects, so the next step (a
per-file parse cache and parallel parsing) can store and ship them as is.
"""

from __future__ import annotations

from functools import cache
from typing import Any, TypeAlias

import msgspec

from codegen.frontends.python.exprs import Expr
from codegen.records import ArrayRecord


class Import(ArrayRecord, kw_only=True):
    """One imported name.

    `import a.b` is `Import(module="a.b", name=None, asname=None)` and binds
    `a`; `from ..x import y as z` is `Import(module="x", level=2, name="y",
    asname="z")`; `from x import *` has `name="*"`."""

    module: str
    level: int = 0
    name: str | None = None
    asname: str | None = None
    line: int
    column: int


class FieldItem(ArrayRecord, kw_only=True):
    """An annotated assignment in a class body: `name: annotation = value`."""

    name: str
    annotation: Expr
    value: Expr | None
    #: A string statement right after the assignment (attribute docstring).
    doc: str | None = None
    line: int
    column: int


class AssignItem(ArrayRecord, kw_only=True):
    """A plain assignment in a class body (`A = 1` in an enum,
    `model_config = ConfigDict(...)`)."""

    name: str
    value: Expr
    doc: str | None = None
    line: int
    column: int


class MethodItem(ArrayRecord, kw_only=True):
    """A decorated method. Only resolution can tell whether a decorator is
    pydantic's `computed_field`, so every decorated method is kept."""

    name: str
    decorators: tuple[Expr, ...]
    returns: Expr | None
    doc: str | None = None
    line: int
    column: int


class UnsupportedItem(ArrayRecord, kw_only=True):
    """A statement in a class body that can change the wire shape but that
    typepact does not model (a tuple-unpacking assignment, say)."""

    text: str
    line: int
    column: int


BodyItem: TypeAlias = FieldItem | AssignItem | MethodItem | UnsupportedItem


class ClassSummary(ArrayRecord, kw_only=True):
    name: str
    #: `Outer.Inner` for nested classes.
    qualname: str
    bases: tuple[Expr, ...]
    #: Class keywords such as `total=False` or `metaclass=...`.
    keywords: tuple[tuple[str, Expr], ...] = ()
    decorators: tuple[Expr, ...] = ()
    #: PEP 695 type parameter names (`class Page[T](BaseModel)`).
    type_params: tuple[str, ...] = ()
    doc: str | None = None
    body: tuple[BodyItem, ...] = ()
    #: Attributes of a nested v1-style `class Config:`.
    config_class: tuple[tuple[str, Expr], ...] | None = None
    #: What an enum's own `_generate_next_value_` returns: "name",
    #: "lower" or "upper" (of the member name), "other" (not understood),
    #: or None when the class does not define it.
    auto_value: str | None = None
    line: int
    column: int


class ModuleAssign(ArrayRecord, kw_only=True):
    """A module-level assignment that might name a type: `X = ...`,
    `X: TypeAlias = ...`, `type X[T] = ...`."""

    name: str
    value: Expr
    annotation: Expr | None = None
    #: Written with the PEP 695 `type` statement.
    is_type_statement: bool = False
    type_params: tuple[str, ...] = ()
    doc: str | None = None
    line: int
    column: int


class ParseProblem(ArrayRecord, kw_only=True):
    """A problem found while reading the file (a syntax error)."""

    code: str
    message: str
    hint: str | None
    line: int
    column: int


class ModuleSummary(ArrayRecord, kw_only=True):
    module: str
    display_path: str
    is_package: bool
    imports: tuple[Import, ...] = ()
    classes: tuple[ClassSummary, ...] = ()
    assigns: tuple[ModuleAssign, ...] = ()
    #: `__all__` when it is a literal list or tuple of strings.
    all_names: tuple[str, ...] | None = None
    problems: tuple[ParseProblem, ...] = ()


# -- as bytes -----------------------------------------------------------------
#
# Summaries leave a forked parser (codegen/parsing.py) and sit in the parse
# cache (codegen/cache.py) as msgpack: each record an array of its class
# name and field values. Decoding checks every value against the
# annotations above, so bytes of any other shape are refused, never
# trusted; msgspec does both in C, about ten times faster than pickle.


#: What `encode` raises for a summary msgpack cannot hold: an integer
#: beyond 64 bits, a string with a lone surrogate (`"\ud800"`), nesting
#: deeper than the recursion limit (a `|` chain of a thousand types).
UNENCODABLE = (OverflowError, UnicodeEncodeError, RecursionError)


def pack_summaries(summaries: list[ModuleSummary]) -> bytes:
    """`summaries` for the trip from a forked parser (`unpack_summaries`).
    A batch msgpack cannot hold is rare enough to be pickled instead (too
    deep for pickle too, it fails, and the parser parses it again itself)."""
    try:
        return b"M" + encode(summaries)
    except UNENCODABLE:
        import pickle

        return b"P" + pickle.dumps(summaries, pickle.HIGHEST_PROTOCOL)


def unpack_summaries(data: bytes) -> list[ModuleSummary]:
    if data[:1] == b"P":  # from this very program's forked child: trusted
        import pickle

        return pickle.loads(data[1:])  # type: ignore[no-any-return]
    return _decoder(list[ModuleSummary]).decode(memoryview(data)[1:])


def encode(value: object) -> bytes:
    """`value`, made of summaries and plain values, as msgpack. Raises one
    of `UNENCODABLE`, or TypeError for a value that is not one."""
    return _ENCODER.encode(value)


def decode(data: bytes, kind: Any) -> Any:
    """`data` read as `kind` (`tuple[int, str, ModuleSummary]`, say).
    Raises msgspec.DecodeError unless it is exactly that."""
    return _decoder(kind).decode(data)


_ENCODER = msgspec.msgpack.Encoder()


@cache
def _decoder(kind: Any) -> msgspec.msgpack.Decoder[Any]:
    return msgspec.msgpack.Decoder(kind)
