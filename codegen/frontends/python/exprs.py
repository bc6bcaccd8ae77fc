"""A tiny, picklable expression tree for the Python source typepact reads.

Parser nodes (`ast`'s) carry more than resolution needs, in a shape tied to
the running Python's version; the per-file summary therefore converts every
expression it keeps (annotations, defaults, `Field(...)` calls, bases) into
these plain records, which the cache stores and worker processes send
back. Each node carries its 1-based line and character column, parentheses
written around it included, so diagnostics can point at the exact spot.
"""

from __future__ import annotations

from typing import TypeAlias

from codegen.records import ArrayRecord


class Name(ArrayRecord, kw_only=True):
    """A name or a dotted chain of names: `int`, `pd.BaseModel`,
    `Color.RED`. Dotted because import resolution walks the chain."""

    dotted: str
    line: int
    column: int


class Attribute(ArrayRecord, kw_only=True):
    """An attribute of something that is not a plain name (`f().x`)."""

    value: Expr
    attr: str
    line: int
    column: int


class Subscript(ArrayRecord, kw_only=True):
    """`value[index]`; several indices become one `TupleExpr`."""

    value: Expr
    index: Expr
    line: int
    column: int


class Call(ArrayRecord, kw_only=True):
    func: Expr
    args: tuple[Expr, ...]
    #: Keyword arguments in source order; `**kwargs` is kept as an
    #: `Unsupported` positional argument instead.
    kwargs: tuple[tuple[str, Expr], ...]
    line: int
    column: int


#: A constant's value. Bytes are a `BytesConstant`: msgspec, which encodes
#: summaries, reads a union with only one string-like type.
ConstantValue: TypeAlias = str | int | float | bool | None


class Constant(ArrayRecord, kw_only=True):
    """A literal: string, number, bool, None; `...` is `is_ellipsis` (with
    `value` None)."""

    value: ConstantValue
    line: int
    column: int
    is_ellipsis: bool = False


class BytesConstant(ArrayRecord, kw_only=True):
    """A bytes literal, `b"..."`."""

    value: bytes
    line: int
    column: int


class TupleExpr(ArrayRecord, kw_only=True):
    items: tuple[Expr, ...]
    line: int
    column: int


class ListExpr(ArrayRecord, kw_only=True):
    items: tuple[Expr, ...]
    line: int
    column: int


class DictExpr(ArrayRecord, kw_only=True):
    """`{k: v}`; `**spread` entries make the whole dict `Unsupported`."""

    keys: tuple[Expr, ...]
    values: tuple[Expr, ...]
    line: int
    column: int


class BinOp(ArrayRecord, kw_only=True):
    """Only `|` matters to types; other operators are kept for messages."""

    op: str
    left: Expr
    right: Expr
    line: int
    column: int


class Unsupported(ArrayRecord, kw_only=True):
    """Anything else (lambdas, comprehensions, f-strings...), as its
    source text, so a diagnostic can quote it."""

    text: str
    line: int
    column: int


Expr: TypeAlias = (
    Name
    | Attribute
    | Subscript
    | Call
    | Constant
    | BytesConstant
    | TupleExpr
    | ListExpr
    | DictExpr
    | BinOp
    | Unsupported
)


def show(expr: Expr) -> str:
    """Source-like text of an expression, for diagnostics."""
    match expr:
        case Name(dotted=dotted):
            return dotted
        case Attribute(value=value, attr=attr):
            return f"{show(value)}.{attr}"
        case Subscript(value=value, index=TupleExpr(items=items)):
            return f"{show(value)}[{', '.join(show(i) for i in items)}]"
        case Subscript(value=value, index=index):
            return f"{show(value)}[{show(index)}]"
        case Call(func=func, args=args, kwargs=kwargs):
            parts = [show(a) for a in args] + [f"{k}={show(v)}" for k, v in kwargs]
            return f"{show(func)}({', '.join(parts)})"
        case Constant(is_ellipsis=True):
            return "..."
        case Constant(value=value) | BytesConstant(value=value):
            return repr(value)
        case TupleExpr(items=items):
            return f"({', '.join(show(i) for i in items)})"
        case ListExpr(items=items):
            return f"[{', '.join(show(i) for i in items)}]"
        case DictExpr(keys=keys, values=values):
            inner = ", ".join(
                f"{show(k)}: {show(v)}" for k, v in zip(keys, values, strict=True)
            )
            return "{" + inner + "}"
        case BinOp(op=op, left=left, right=right):
            return f"{show(left)} {op} {show(right)}"
        case Unsupported(text=text):
            return text
