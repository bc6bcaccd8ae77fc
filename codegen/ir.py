"""The intermediate schema (IR): the only thing emitters see.

Frontends (Python, later Go) build it from source; shared passes check and
order it; emitters turn it into files. Everything here is an immutable
dataclass so a schema can be cached, compared and serialised to JSON
(`typepact ir`, `schemas/ir.schema.json`) without surprises.

The IR describes JSON on the wire, as pydantic reads it (the request or
*input* side) and writes it (the response or *output* side). Where the two
differ, a field says both; `codegen.passes.shapes` works out which
definitions therefore need two emitted shapes.

Bump `IR_VERSION` on every change that alters the JSON form.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias

IR_VERSION = "1"

#: A JSON value (None, bool, int, float, str, list, dict), as found in
#: defaults and examples. Spelled `Any` because a recursive alias would
#: cost every consumer a forward-reference dance for no checking gain.
JsonValue: TypeAlias = Any

_frozen = dict(frozen=True, slots=True, kw_only=True)


@dataclass(**_frozen)
class SourceLocation:
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


@dataclass(**_frozen)
class Constraints:
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
        return all(getattr(self, name) is None for name in self.__slots__)


NO_CONSTRAINTS = Constraints()


@dataclass(**_frozen)
class PrimitiveType:
    """A scalar value such as a string, a number or a date."""

    kind: Literal["primitive"] = "primitive"
    name: PrimitiveName
    constraints: Constraints = NO_CONSTRAINTS


@dataclass(**_frozen)
class AnyType:
    """Any JSON value (`Any`, `object`, a bare `dict` value)."""

    kind: Literal["any"] = "any"


@dataclass(**_frozen)
class NullType:
    """JSON `null` (`None` in an annotation)."""

    kind: Literal["null"] = "null"


@dataclass(**_frozen)
class LiteralType:
    """One of a fixed set of JSON scalars (`Literal["a", 1, True]`).

    Enum members used in a `Literal` are stored by their value."""

    kind: Literal["literal"] = "literal"
    values: tuple[str | int | bool | None, ...]


@dataclass(**_frozen)
class ListType:
    """A JSON array of one item type (list, set, frozenset, `tuple[X, ...]`
    and `Sequence`)."""

    kind: Literal["list"] = "list"
    item: TypeExpr
    #: True for sets: items must be distinct.
    unique: bool = False
    constraints: Constraints = NO_CONSTRAINTS


@dataclass(**_frozen)
class TupleType:
    """A JSON array with a fixed item type per position (`tuple[int, str]`)."""

    kind: Literal["tuple"] = "tuple"
    items: tuple[TypeExpr, ...]


@dataclass(**_frozen)
class MapType:
    """A JSON object used as a dictionary (`dict[str, X]`)."""

    kind: Literal["map"] = "map"
    #: Usually `str`; an enum or literal key restricts the keys.
    key: TypeExpr
    value: TypeExpr
    constraints: Constraints = NO_CONSTRAINTS


@dataclass(**_frozen)
class UnionType:
    """One of several types. `Optional[X]` is `X | null`."""

    kind: Literal["union"] = "union"
    members: tuple[TypeExpr, ...]
    #: Wire name of the tag field when the union is discriminated
    #: (`Field(discriminator="type")`); every member is then a reference
    #: to a model whose tag field is a literal.
    discriminator: str | None = None


@dataclass(**_frozen)
class RefType:
    """A use of a named definition, with type arguments for generics."""

    kind: Literal["ref"] = "ref"
    #: The `Definition.id` referred to.
    target: str
    args: tuple[TypeExpr, ...] = ()


@dataclass(**_frozen)
class TypeParamType:
    """A type parameter of the enclosing generic definition (`T`)."""

    kind: Literal["type_param"] = "type_param"
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


@dataclass(**_frozen)
class Docs:
    """Human-facing text carried into every target."""

    #: Docstring, `description=` or Go comment; `None` when there is none.
    description: str | None = None
    title: str | None = None
    #: `None`: not deprecated; `True`: deprecated without a message;
    #: a string: deprecated, with that message.
    deprecated: bool | str | None = None
    examples: tuple[JsonValue, ...] = ()


NO_DOCS = Docs()


@dataclass(**_frozen)
class Field:
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


@dataclass(**_frozen)
class ModelDef:
    """An object with named fields: a pydantic model, a dataclass, a
    TypedDict or a Go struct. `fields` is complete: inherited fields are
    already merged in, in the order pydantic lays them out."""

    kind: Literal["model"] = "model"
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


@dataclass(**_frozen)
class EnumMember:
    #: Member name as written in source (`PENDING`).
    name: str
    #: The wire value.
    value: str | int
    docs: Docs = NO_DOCS


@dataclass(**_frozen)
class EnumDef:
    """An enumeration whose members travel as their values."""

    kind: Literal["enum"] = "enum"
    id: str
    name: str
    value_type: Literal["str", "int"]
    members: tuple[EnumMember, ...]
    docs: Docs = NO_DOCS
    location: SourceLocation | None = None


@dataclass(**_frozen)
class AliasDef:
    """A name for a type expression: `TypeAlias`, a module-level alias such
    as `UserId = Annotated[int, Field(gt=0)]`, `NewType` or a `RootModel`."""

    kind: Literal["alias"] = "alias"
    id: str
    name: str
    type: TypeExpr
    type_params: tuple[str, ...] = ()
    docs: Docs = NO_DOCS
    location: SourceLocation | None = None


Definition: TypeAlias = ModelDef | EnumDef | AliasDef


@dataclass(**_frozen)
class Route:
    """An HTTP operation found in source (reserved for the routes frontend)."""

    method: str
    path: str
    request: TypeExpr | None = None
    response: TypeExpr | None = None
    location: SourceLocation | None = None


@dataclass(**_frozen)
class Schema:
    """The whole contract: every definition found, keyed by id, in id
    order (so output never depends on file order)."""

    version: str = IR_VERSION
    definitions: dict[str, Definition] = field(default_factory=dict)
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
