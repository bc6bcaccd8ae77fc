"""Library names typepact understands, by canonical qualified name.

A name is recognised only after import resolution has turned it into its
qualified path (`pydantic.main.BaseModel`, `typing_extensions.Annotated`);
the bare spelling alone never counts, so a user class called `EmailStr`
stays the user's class.
"""

from __future__ import annotations

from functools import cache

from codegen import ir

#: Modules typepact knows by name. A path under one of them is canonical
#: once its module prefix is rewritten with `_CANONICAL_MODULE`.
KNOWN_MODULES: frozenset[str] = frozenset(
    {
        "builtins",
        "typing",
        "typing_extensions",
        "collections",
        "collections.abc",
        "datetime",
        "uuid",
        "decimal",
        "enum",
        "dataclasses",
        "ipaddress",
        "warnings",
        "annotated_types",
        "pydantic",
        "pydantic.main",
        "pydantic.fields",
        "pydantic.config",
        "pydantic.types",
        "pydantic.networks",
        "pydantic.root_model",
        "pydantic.aliases",
        "pydantic.functional_validators",
        "pydantic.functional_serializers",
        "pydantic.dataclasses",
        "pydantic.alias_generators",
        "pathlib",
        # SQLModel models are pydantic models; its Field adds database
        # options that leave the wire alone.
        "sqlmodel",
        "sqlmodel.main",
    }
)

# Modules whose public names are re-exported by a shorter canonical one.
_CANONICAL_MODULE: dict[str, str] = {
    "typing_extensions": "typing",
    "collections.abc": "typing",
    "warnings": "typing",  # `warnings.deprecated` is `typing_extensions.deprecated`
    "pydantic.main": "pydantic",
    "pydantic.fields": "pydantic",
    "pydantic.config": "pydantic",
    "pydantic.types": "pydantic",
    "pydantic.networks": "pydantic",
    "pydantic.root_model": "pydantic",
    "pydantic.aliases": "pydantic",
    "pydantic.functional_validators": "pydantic",
    "pydantic.functional_serializers": "pydantic",
    "sqlmodel.main": "sqlmodel",
}

#: Base classes that make a pydantic model.
MODEL_BASES: frozenset[str] = frozenset({"pydantic.BaseModel", "sqlmodel.SQLModel"})

#: Field functions read like pydantic's `Field`.
FIELD_FUNCTIONS: frozenset[str] = frozenset({"pydantic.Field", "sqlmodel.Field"})

#: A field whose value is one of these is not a pydantic field at all
#: (SQLModel removes relationships before pydantic sees the class).
NON_FIELD_VALUES: frozenset[str] = frozenset({"sqlmodel.Relationship"})

#: Names (lower case, without underscores around) of the plain classes
#: that SDKs put in unions to mean "leave the key out": `NotGiven`, `Omit`.
SENTINEL_NAMES: frozenset[str] = frozenset(
    {
        "notgiven",
        "notgiventype",
        "omit",
        "omittype",
        "omitted",
        "notset",
        "notsettype",
        "unset",
        "unsettype",
        "missing",
        "missingtype",
        "undefined",
        "undefinedtype",
    }
)

#: Old spellings pydantic v2 rejects, with their v2 names.
V1_SPELLINGS: dict[str, str] = {"regex": "pattern"}


@cache  # a pure function of a few hundred distinct paths, asked per use
def canonical(path: str) -> str:
    """`typing_extensions.Annotated` -> `typing.Annotated`; unknown paths
    come back unchanged."""
    parts = path.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        module = ".".join(parts[:cut])
        if module in KNOWN_MODULES:
            rest = ".".join(parts[cut:])
            return f"{_CANONICAL_MODULE.get(module, module)}.{rest}"
    return path


def is_known_module(module: str) -> bool:
    return module in KNOWN_MODULES


def _c(**kwargs: object) -> ir.Constraints:
    return ir.Constraints(**kwargs)  # type: ignore[arg-type]


#: Scalar types: canonical name -> (primitive, built-in constraints).
PRIMITIVES: dict[str, tuple[ir.PrimitiveName, ir.Constraints]] = {
    "builtins.str": ("str", ir.NO_CONSTRAINTS),
    "builtins.int": ("int", ir.NO_CONSTRAINTS),
    "builtins.float": ("float", ir.NO_CONSTRAINTS),
    "builtins.bool": ("bool", ir.NO_CONSTRAINTS),
    "builtins.bytes": ("bytes", ir.NO_CONSTRAINTS),
    "typing.LiteralString": ("str", ir.NO_CONSTRAINTS),
    "datetime.datetime": ("datetime", ir.NO_CONSTRAINTS),
    "datetime.date": ("date", ir.NO_CONSTRAINTS),
    "datetime.time": ("time", ir.NO_CONSTRAINTS),
    "datetime.timedelta": ("timedelta", ir.NO_CONSTRAINTS),
    "uuid.UUID": ("uuid", ir.NO_CONSTRAINTS),
    "decimal.Decimal": ("decimal", ir.NO_CONSTRAINTS),
    "ipaddress.IPv4Address": ("ipv4", ir.NO_CONSTRAINTS),
    "ipaddress.IPv6Address": ("ipv6", ir.NO_CONSTRAINTS),
    "pydantic.EmailStr": ("email", ir.NO_CONSTRAINTS),
    # AnyUrl accepts any scheme; the http variants only http and https.
    # HttpUrl also caps the length at 2083, as pydantic's own schema says.
    "pydantic.AnyUrl": ("url", _c(min_length=1)),
    "pydantic.AnyHttpUrl": ("http_url", _c(min_length=1)),
    "pydantic.HttpUrl": ("http_url", _c(min_length=1, max_length=2083)),
    "pydantic.AwareDatetime": ("datetime", ir.NO_CONSTRAINTS),
    "pydantic.NaiveDatetime": ("datetime", ir.NO_CONSTRAINTS),
    "pydantic.PastDatetime": ("datetime", ir.NO_CONSTRAINTS),
    "pydantic.FutureDatetime": ("datetime", ir.NO_CONSTRAINTS),
    "pydantic.PastDate": ("date", ir.NO_CONSTRAINTS),
    "pydantic.FutureDate": ("date", ir.NO_CONSTRAINTS),
    # Version checks of UUIDn are not expressible; the wire form is a UUID.
    **{f"pydantic.UUID{n}": ("uuid", ir.NO_CONSTRAINTS) for n in range(1, 9)},
    "pydantic.StrictStr": ("str", ir.NO_CONSTRAINTS),
    "pydantic.StrictInt": ("int", ir.NO_CONSTRAINTS),
    "pydantic.StrictFloat": ("float", ir.NO_CONSTRAINTS),
    "pydantic.StrictBool": ("bool", ir.NO_CONSTRAINTS),
    "pydantic.StrictBytes": ("bytes", ir.NO_CONSTRAINTS),
    "pydantic.FiniteFloat": ("float", ir.NO_CONSTRAINTS),
    "pydantic.PositiveInt": ("int", _c(gt=0)),
    "pydantic.NegativeInt": ("int", _c(lt=0)),
    "pydantic.NonPositiveInt": ("int", _c(le=0)),
    "pydantic.NonNegativeInt": ("int", _c(ge=0)),
    "pydantic.PositiveFloat": ("float", _c(gt=0)),
    "pydantic.NegativeFloat": ("float", _c(lt=0)),
    "pydantic.NonPositiveFloat": ("float", _c(le=0)),
    "pydantic.NonNegativeFloat": ("float", _c(ge=0)),
    # Secrets travel as plain strings (pydantic's schema: format password).
    "pydantic.SecretStr": ("str", ir.NO_CONSTRAINTS),
    "pydantic.SecretBytes": ("bytes", ir.NO_CONSTRAINTS),
    "pathlib.Path": ("str", ir.NO_CONSTRAINTS),
    "pathlib.PurePath": ("str", ir.NO_CONSTRAINTS),
}

#: Names that mean "any JSON value".
ANY_TYPES: frozenset[str] = frozenset(
    {"typing.Any", "builtins.object", "pydantic.JsonValue"}
)

#: Generic containers: canonical name -> shape.
LIST_FORMS: frozenset[str] = frozenset(
    {
        "builtins.list",
        "typing.List",
        "typing.Sequence",
        "typing.MutableSequence",
        "typing.Deque",
        "collections.deque",
        # pydantic validates any iterable into a lazy one and writes a list;
        # SDK request params (TypedDicts) use it throughout.
        "typing.Iterable",
    }
)
SET_FORMS: frozenset[str] = frozenset(
    {
        "builtins.set",
        "builtins.frozenset",
        "typing.Set",
        "typing.FrozenSet",
        "typing.AbstractSet",
        "typing.MutableSet",
    }
)
TUPLE_FORMS: frozenset[str] = frozenset({"builtins.tuple", "typing.Tuple"})
MAP_FORMS: frozenset[str] = frozenset(
    {
        "builtins.dict",
        "typing.Dict",
        "typing.Mapping",
        "typing.MutableMapping",
        "typing.OrderedDict",
        "typing.DefaultDict",
        "collections.OrderedDict",
        "collections.defaultdict",
    }
)

#: Field-level qualifiers that wrap an annotation.
QUALIFIERS: dict[str, str] = {
    "typing.ClassVar": "ClassVar",
    "typing.Final": "Final",
    "typing.Required": "Required",
    "typing.NotRequired": "NotRequired",
    "typing.ReadOnly": "ReadOnly",
    "dataclasses.InitVar": "InitVar",
}

#: `con*` helpers: canonical name -> (primitive or container, allowed kwargs).
CON_HELPERS: dict[str, tuple[str, frozenset[str]]] = {
    "pydantic.constr": (
        "str",
        frozenset(
            {
                "min_length",
                "max_length",
                "pattern",
                "strict",
                "strip_whitespace",
                "to_upper",
                "to_lower",
            }
        ),
    ),
    "pydantic.conbytes": ("bytes", frozenset({"min_length", "max_length", "strict"})),
    "pydantic.conint": (
        "int",
        frozenset({"gt", "ge", "lt", "le", "multiple_of", "strict"}),
    ),
    "pydantic.confloat": (
        "float",
        frozenset({"gt", "ge", "lt", "le", "multiple_of", "strict", "allow_inf_nan"}),
    ),
    "pydantic.condecimal": (
        "decimal",
        frozenset(
            {
                "gt",
                "ge",
                "lt",
                "le",
                "multiple_of",
                "max_digits",
                "decimal_places",
                "allow_inf_nan",
                "strict",
            }
        ),
    ),
    "pydantic.conlist": (
        "list",
        frozenset({"min_length", "max_length", "unique_items"}),
    ),
    "pydantic.conset": ("set", frozenset({"min_length", "max_length"})),
    "pydantic.confrozenset": ("set", frozenset({"min_length", "max_length"})),
}

#: annotated_types markers: canonical name -> constraint keys of positional args.
ANNOTATED_TYPES: dict[str, tuple[str, ...]] = {
    "annotated_types.Gt": ("gt",),
    "annotated_types.Ge": ("ge",),
    "annotated_types.Lt": ("lt",),
    "annotated_types.Le": ("le",),
    "annotated_types.MultipleOf": ("multiple_of",),
    "annotated_types.MinLen": ("min_length",),
    "annotated_types.MaxLen": ("max_length",),
    "annotated_types.Len": ("min_length", "max_length"),
    "annotated_types.Interval": (),
}

#: Metadata that only narrows or annotates at runtime and leaves the wire
#: shape alone; ignored on purpose.
IGNORED_METADATA: frozenset[str] = frozenset(
    {
        "pydantic.Strict",
        "pydantic.AfterValidator",
        "pydantic.AllowInfNan",
        "pydantic.UuidVersion",
        "pydantic.WithJsonSchema",
        "pydantic.SkipValidation",
        "pydantic.InstanceOf",
        # A union member's tag for a callable Discriminator: no wire effect.
        "pydantic.Tag",
        "annotated_types.Timezone",
        "annotated_types.Predicate",
        "annotated_types.doc",
        "typing.Doc",
    }
)

#: Metadata that changes what is read or written; typepact cannot follow it.
WIRE_CHANGING_METADATA: frozenset[str] = frozenset(
    {
        "pydantic.BeforeValidator",
        "pydantic.PlainValidator",
        "pydantic.WrapValidator",
        "pydantic.PlainSerializer",
        "pydantic.WrapSerializer",
    }
)

#: Bare names an override expression may use without importing them.
OVERRIDE_PRELUDE: dict[str, str] = {
    **{
        name: f"typing.{name}"
        for name in (
            "Any",
            "Annotated",
            "Optional",
            "Union",
            "Literal",
            "List",
            "Dict",
            "Set",
            "FrozenSet",
            "Tuple",
            "Sequence",
            "Mapping",
        )
    },
    **{
        name: f"pydantic.{name}"
        for name in (
            "Field",
            "EmailStr",
            "AnyUrl",
            "HttpUrl",
            "AnyHttpUrl",
            "StringConstraints",
            "conint",
            "constr",
            "confloat",
            "condecimal",
            "conlist",
        )
    },
    "datetime": "datetime.datetime",
    "date": "datetime.date",
    "time": "datetime.time",
    "timedelta": "datetime.timedelta",
    "UUID": "uuid.UUID",
    "Decimal": "decimal.Decimal",
}

#: Builtins a module can use without importing them.
BUILTIN_NAMES: frozenset[str] = frozenset(
    {
        "str",
        "int",
        "float",
        "bool",
        "bytes",
        "list",
        "dict",
        "set",
        "frozenset",
        "tuple",
        "object",
        "type",
        "property",
        "classmethod",
        "staticmethod",
        "complex",
        "bytearray",
        "memoryview",
        "range",
        "Exception",
        "BaseException",
        "ValueError",
        "TypeError",
    }
)
