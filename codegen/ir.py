"""The intermediate schema (IR): the only thing emitters see.

Frontends (Python, later Go) build it from source; shared passes check and
order it; emitters turn it into files. Everything here is an immutable
record (`codegen.records.Record`, a frozen `msgspec.Struct`) so a schema
can be cached, compared and serialised to JSON (`typepact ir`,
`schemas/ir.schema.json`) without surprises. A changed copy is made with
`codegen.records.replace`.

The IR describes JSON on the wire, as pydantic reads it (the request or
*input* side) and writes it (the response or *output* side). Where the two
differ, a field says both; `codegen.passes.shapes` works out which
definitions therefore need two emitted shapes.

Bump `IR_VERSION` on every change that alters the JSON form.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal, TypeAlias

from codegen.records import Record

IR_VERSION = "1"

#: A JSON value (None, bool, int, float, str, list, dict), as found in
#: defaults and examples. Spelled `Any` because a recursive alias would
#: cost every consumer a forward-reference dance for no checking gain.
JsonValue: TypeAlias = Any


class Tagged(Record, tag_field="kind"):
    """A record whose JSON form carries its variant's name under "kind":
    type expressions and definitions. The tag is part of the class, not a
    field: `kind` reads it."""

    @property
    def kind(self) -> str:
        return self.__struct_config__.tag  # type: ignore[return-value]


class SourceLocation(Record, kw_only=True):
    """Where a definition or field was written, for diagnostics and docs."""

    #: Path of the source file, relative to the project root, with `/`.
    path: str
    #: 1-based line.
    line: int
    #: 1-based column.
    column: int


# --------------------------------------------------------------------------
# Type expressions: a closed sum, dispatched with `match` + `assert_never`.
# --------------------------------------------------------------------------

#: Scalar kinds. Each names a wire behaviour, not a Python class: `decimal`
#: reads a number or a string and writes a string; `bytes` travels as a
#: UTF-8 string; `datetime` is ISO 8601 text, and so on.
PrimitiveName: TypeAlias = Literal[
    "str",
    "int",
    "float",
    "bool",
    "bytes",
    "decimal",
    "datetime",
    "date",
    "time",
    "timedelta",
    "uuid",
    "email",
    "url",
    "http_url",
    "ipv4",
    "ipv6",
]


class Constraints(Record, kw_only=True):
    """Validation limits on a value: the union of what pydantic `Field`,
    `annotated_types`, `con*` helpers and Go `validate` tags can say.

    Lengths count characters for strings, items for lists and tuples, and
    keys for maps. `None` means "no limit"."""

    min_length: int | None = None
    max_length: int | None = None
    #: A regular expression, searched (not fully matched), as pydantic does.
    pattern: str | None = None
    ge: int | float | None = None
    gt: int | float | None = None
    le: int | float | None = None
    lt: int | float | None = None
    multiple_of: int | float | None = None
    #: Decimal only: total significant digits and digits after the point.
    max_digits: int | None = None
    decimal_places: int | None = None

    def is_empty(self) -> bool:
        return all(getattr(self, name) is None for name in self.__struct_fields__)


NO_CONSTRAINTS = Constraints()


class PrimitiveType(Tagged, kw_only=True, tag="primitive"):
    """A scalar value such as a string, a number or a date."""

    name: PrimitiveName
    constraints: Constraints = NO_CONSTRAINTS


class AnyType(Tagged, kw_only=True, tag="any"):
    """Any JSON value (`Any`, `object`, a bare `dict` value)."""


class NullType(Tagged, kw_only=True, tag="null"):
    """JSON `null` (`None` in an annotation)."""


class LiteralType(Tagged, kw_only=True, tag="literal"):
    """One of a fixed set of JSON scalars (`Literal["a", 1, True]`).

    Enum members used in a `Literal` are stored by their value."""

    values: tuple[str | int | bool | None, ...]


class ListType(Tagged, kw_only=True, tag="list"):
    """A JSON array of one item type (list, set, frozenset, `tuple[X, ...]`
    and `Sequence`)."""

    item: TypeExpr
    #: True for sets: items must be distinct.
    unique: bool = False
    constraints: Constraints = NO_CONSTRAINTS


class TupleType(Tagged, kw_only=True, tag="tuple"):
    """A JSON array with a fixed item type per position (`tuple[int, str]`)."""

    items: tuple[TypeExpr, ...]


class MapType(Tagged, kw_only=True, tag="map"):
    """A JSON object used as a dictionary (`dict[str, X]`)."""

    #: Usually `str`; an enum or literal key restricts the keys.
    key: TypeExpr
    value: TypeExpr
    constraints: Constraints = NO_CONSTRAINTS


class UnionType(Tagged, kw_only=True, tag="union"):
    """One of several types. `Optional[X]` is `X | null`."""

    members: tuple[TypeExpr, ...]
    #: Wire name of the tag field when the union is discriminated
    #: (`Field(discriminator="type")`); every member is then a reference
    #: to a model whose tag field is a literal.
    discriminator: str | None = None


class RefType(Tagged, kw_only=True, tag="ref"):
    """A use of a named definition, with type arguments for generics."""

    #: The `Definition.id` referred to.
    target: str
    args: tuple[TypeExpr, ...] = ()


class TypeParamType(Tagged, kw_only=True, tag="type_param"):
    """A type parameter of the enclosing generic definition (`T`)."""

    name: str


#: Every variant carries a distinct `kind` tag, which is its JSON
#: discriminator.
TypeExpr: TypeAlias = (
    PrimitiveType
    | AnyType
    | NullType
    | LiteralType
    | ListType
    | TupleType
    | MapType
    | UnionType
    | RefType
    | TypeParamType
)


# --------------------------------------------------------------------------
# Definitions
# --------------------------------------------------------------------------

ModelOrigin: TypeAlias = Literal[
    "pydantic", "pydantic_dataclass", "dataclass", "typeddict", "go_struct"
]
ExtraPolicy: TypeAlias = Literal["forbid", "ignore", "allow"]


class Docs(Record, kw_only=True):
    """Human-facing text carried into every target."""

    #: Docstring, `description=` or Go comment; `None` when there is none.
    description: str | None = None
    title: str | None = None
    #: `None`: not deprecated; `True`: deprecated without a message;
    #: a string: deprecated, with that message.
    deprecated: bool | str | None = None
    examples: tuple[JsonValue, ...] = ()


NO_DOCS = Docs()


class Field(Record, kw_only=True):
    """One field of a model, with both wire directions spelled out."""

    #: The attribute name as written in source (`created_at`).
    name: str
    #: The key accepted on input (validation alias, alias generator result).
    input_name: str
    #: The key written on output (serialization alias, generator result).
    output_name: str
    type: TypeExpr
    #: Part of the request shape. False for computed fields.
    in_input: bool = True
    #: The key must be present on input (no default, not `NotRequired`).
    input_required: bool = True
    #: Part of the response shape. False for `Field(exclude=True)`.
    in_output: bool = True
    #: The key is always present on output. False only where the backend
    #: may omit it (a `NotRequired` TypedDict key).
    output_required: bool = True
    #: True when the field has a default value or a default factory.
    has_default: bool = False
    #: The default as a JSON value, when it has one that can be written
    #: down (a literal default; `None` with `has_default` and no literal
    #: means a factory or an expression typepact does not evaluate).
    default: JsonValue = None
    #: True when `default` holds a literal JSON value.
    default_is_literal: bool = False
    docs: Docs = NO_DOCS
    location: SourceLocation | None = None

    @property
    def read_only(self) -> bool:
        """Only in responses (computed fields)."""
        return not self.in_input

    @property
    def write_only(self) -> bool:
        """Only in requests (excluded fields)."""
        return not self.in_output


class ModelDef(Tagged, kw_only=True, tag="model"):
    """An object with named fields: a pydantic model, a dataclass, a
    TypedDict or a Go struct. `fields` is complete: inherited fields are
    already merged in, in the order pydantic lays them out."""

    #: Stable id: `module.path:QualName`.
    id: str
    #: The name as written in source.
    name: str
    origin: ModelOrigin
    fields: tuple[Field, ...]
    #: Direct bases that are themselves definitions, for documentation
    #: and for targets that can express inheritance.
    bases: tuple[RefType, ...] = ()
    #: Names of type parameters, in declaration order (`Generic[K, V]`).
    type_params: tuple[str, ...] = ()
    extra: ExtraPolicy = "ignore"
    frozen: bool = False
    docs: Docs = NO_DOCS
    location: SourceLocation | None = None


class EnumMember(Record, kw_only=True):
    #: Member name as written in source (`PENDING`).
    name: str
    #: The wire value.
    value: str | int
    docs: Docs = NO_DOCS


class EnumDef(Tagged, kw_only=True, tag="enum"):
    """An enumeration whose members travel as their values."""

    id: str
    name: str
    value_type: Literal["str", "int"]
    members: tuple[EnumMember, ...]
    docs: Docs = NO_DOCS
    location: SourceLocation | None = None


class AliasDef(Tagged, kw_only=True, tag="alias"):
    """A name for a type expression: `TypeAlias`, a module-level alias such
    as `UserId = Annotated[int, Field(gt=0)]`, `NewType` or a `RootModel`."""

    id: str
    name: str
    type: TypeExpr
    type_params: tuple[str, ...] = ()
    docs: Docs = NO_DOCS
    location: SourceLocation | None = None


Definition: TypeAlias = ModelDef | EnumDef | AliasDef


class Route(Record, kw_only=True):
    """An HTTP operation found in source (reserved for the routes frontend)."""

    method: str
    path: str
    request: TypeExpr | None = None
    response: TypeExpr | None = None
    location: SourceLocation | None = None


class Schema(Record, kw_only=True):
    """The whole contract: every definition found, keyed by id, in id
    order (so output never depends on file order)."""

    version: str = IR_VERSION
    definitions: dict[str, Definition] = {}
    routes: tuple[Route, ...] = ()

    def get(self, ref: RefType | str) -> Definition:
        return self.definitions[ref if isinstance(ref, str) else ref.target]


def walk(expr: TypeExpr) -> Iterator[TypeExpr]:
    """Yield `expr` and every type expression nested in it, depth first."""
    yield expr
    match expr:
        case ListType(item=item):
            yield from walk(item)
        case TupleType(items=items) | UnionType(members=items):
            for item in items:
                yield from walk(item)
        case MapType(key=key, value=value):
            yield from walk(key)
            yield from walk(value)
        case RefType(args=args):
            for arg in args:
                yield from walk(arg)
        case _:
            pass


def definition_types(definition: Definition) -> list[TypeExpr]:
    """The top-level type expressions a definition holds."""
    match definition:
        case ModelDef(fields=fields):
            return [f.type for f in fields]
        case AliasDef(type=type_):
            return [type_]
        case EnumDef():
            return []
