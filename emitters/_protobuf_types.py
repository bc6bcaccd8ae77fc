"""How an IR type expression becomes a proto3 field type.

The yardstick is protobuf's JSON mapping: a message parsed from what
pydantic writes and printed back (`always_print_fields_with_no_presence`)
must be JSON that pydantic reads to an equal value. So a type is spelled
with a typed proto construct only when that construct's JSON is pydantic's
JSON: scalars, messages (objects), `repeated` (arrays), `map` (objects),
Timestamp. Everything else (a union of models, a tuple, a list of lists, a
value that must print `null`) is carried by the JSON-shaped well-known
types Value, ListValue and Struct, which hold any JSON exactly, with the
precise Python type written in the field's comment. A oneof is never used:
protobuf prints a oneof member under its own key (`{"card": {...}}`), while
pydantic writes a union as the bare member, so no client could read the
other side's JSON.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Literal, assert_never

from codegen import ir
from codegen.records import Record
from emitters._common import equal_means_same

VALUE = "google.protobuf.Value"
LIST_VALUE = "google.protobuf.ListValue"
STRUCT = "google.protobuf.Struct"
NULL_VALUE = "google.protobuf.NullValue"
TIMESTAMP = "google.protobuf.Timestamp"

IMPORTS = {
    VALUE: "google/protobuf/struct.proto",
    LIST_VALUE: "google/protobuf/struct.proto",
    STRUCT: "google/protobuf/struct.proto",
    NULL_VALUE: "google/protobuf/struct.proto",
    TIMESTAMP: "google/protobuf/timestamp.proto",
}

#: Integers a double (Value's number) holds exactly.
EXACT_INT = 2**53

#: What a client should know about a scalar carried as a string.
_STRING_NOTES: dict[str, str] = {
    "decimal": "decimal number as a string",
    "date": "ISO 8601 date",
    "time": "ISO 8601 time",
    "datetime": "ISO 8601 date-time",
    "timedelta": "ISO 8601 duration (pydantic also reads seconds)",
    "uuid": "UUID",
    "email": "email address",
    "url": "URL",
    "http_url": "http(s) URL",
    "ipv4": "IPv4 address",
    "ipv6": "IPv6 address",
    "bytes": "bytes as UTF-8 text",
}

DatetimeMode = Literal["timestamp", "string"]


class Element(Record):
    """One typed proto value: what may follow `repeated` or sit in a map."""

    type: str
    #: Messages have presence of their own; scalars need `optional`.
    is_message: bool
    note: str | None = None


class FieldType(Record):
    """A field's complete spelling, minus name and number."""

    #: "optional", "repeated" or "" (maps carry no label).
    label: str
    type: str
    notes: tuple[str, ...] = ()
    #: A JSON-shaped well-known type stands in for a precise type.
    untyped: bool = False
    #: Integers travel inside a Value as doubles: exact only to 2^53.
    inexact_ints: bool = False


@dataclass
class Encoder:
    """Encodes type expressions for one schema; collects the generic
    instantiations it meets so the emitter can declare them."""

    schema: ir.Schema
    names: dict[str, str]
    datetime: DatetimeMode = "timestamp"
    #: Message name -> (generic model id, concrete arguments).
    instances: dict[str, tuple[str, tuple[ir.TypeExpr, ...]]] = field(
        default_factory=dict
    )
    #: `field_type` answers for uses outside generic instances, by type
    #: and flags: fields share a few types over and over.
    _spelled: dict[tuple[ir.TypeExpr, bool, bool, bool], FieldType] = field(
        default_factory=dict, repr=False
    )

    # -- resolution ------------------------------------------------------

    def resolve(self, expr: ir.TypeExpr, env: dict[str, ir.TypeExpr]) -> ir.TypeExpr:
        """Substitute type parameters and see through aliases, so every
        later question is asked of the real shape."""
        for _ in range(64):  # aliases of aliases; cycles are caught earlier
            match expr:
                case ir.TypeParamType(name=name) if name in env:
                    expr = env[name]
                case ir.RefType(target=target, args=args) if isinstance(
                    self.schema.definitions.get(target), ir.AliasDef
                ):
                    alias = self.schema.definitions[target]
                    assert isinstance(alias, ir.AliasDef)
                    args = tuple(_substitute(a, env, self) for a in args)
                    inner = dict(zip(alias.type_params, args, strict=False))
                    expr = _substitute(alias.type, {**env, **inner}, self)
                    env = {}
                case _:
                    return _substitute(expr, env, self)
        return expr

    def split_null(
        self, expr: ir.TypeExpr, env: dict[str, ir.TypeExpr]
    ) -> tuple[ir.TypeExpr | None, bool]:
        """The non-null part of `expr` (None when it is only null) and
        whether null is allowed."""
        expr = self.resolve(expr, env)
        match expr:
            case ir.NullType():
                return None, True
            case ir.LiteralType(values=values) if None in values:
                rest = tuple(v for v in values if v is not None)
                return (ir.LiteralType(values=rest) if rest else None), True
            case ir.UnionType(members=members, discriminator=tag):
                parts: list[ir.TypeExpr] = []
                nullable = False
                for member in members:
                    core, member_null = self.split_null(member, {})
                    nullable = nullable or member_null
                    if core is not None:
                        parts.append(core)
                if not parts:
                    return None, True
                if len(parts) == 1:
                    return parts[0], nullable
                return ir.UnionType(members=tuple(parts), discriminator=tag), nullable
            case _:
                return expr, False

    # -- typed elements --------------------------------------------------

    def element(self, expr: ir.TypeExpr) -> Element | None:
        """The typed proto spelling of a resolved, non-null value, or None
        when only a JSON-shaped well-known type can hold it."""
        match expr:
            case ir.PrimitiveType(name=name):
                return self.primitive(name)
            case ir.AnyType():
                return Element(VALUE, True, "any JSON value")
            case ir.LiteralType(values=values):
                return _literal_element(values)
            case ir.RefType(target=target, args=args):
                definition = self.schema.definitions[target]
                match definition:
                    case ir.EnumDef():
                        return self.enum_element(definition)
                    case ir.ModelDef():
                        return Element(self.message_name(target, args), True)
                    case ir.AliasDef():
                        return None  # resolve() has seen through aliases
                    case _:
                        assert_never(definition)
            case ir.UnionType(members=members):
                # `str | Literal["x"]`: members sharing one scalar spelling.
                elements = [self.element(m) for m in members]
                spellings = {e.type for e in elements if e is not None}
                if None in elements or len(spellings) != 1:
                    return None
                first = elements[0]
                assert first is not None
                if first.is_message:
                    return None
                return Element(first.type, False, describe(expr, self.names))
            case (
                ir.ListType()
                | ir.TupleType()
                | ir.MapType()
                | ir.NullType()
                | ir.TypeParamType()
            ):
                return None
            case _:
                assert_never(expr)

    def primitive(self, name: ir.PrimitiveName) -> Element:
        match name:
            case "int":
                # int64 prints as a JSON string ("42"); pydantic reads it
                # back to the same int (lax mode, its default).
                return Element("int64", False)
            case "float":
                return Element("double", False)
            case "bool":
                return Element("bool", False)
            case "str":
                return Element("string", False)
            case "datetime" if self.datetime == "timestamp":
                return Element(TIMESTAMP, True)
            case (
                "bytes"
                | "decimal"
                | "datetime"
                | "date"
                | "time"
                | "timedelta"
                | "uuid"
                | "email"
                | "url"
                | "http_url"
                | "ipv4"
                | "ipv6"
            ):
                return Element("string", False, _STRING_NOTES[name])
            case _:
                assert_never(name)

    def enum_element(self, enum: ir.EnumDef) -> Element:
        # Fields carry the wire value, not the proto enum: protobuf's JSON
        # spells an enum by its member name (ORDER_STATUS_PAID), pydantic
        # by its value ("paid"). The declared enum is the mapping table.
        values = ", ".join(json.dumps(m.value) for m in enum.members)
        proto = "string"
        if enum.value_type == "int":
            proto = _int_type(tuple(int(m.value) for m in enum.members))
        return Element(
            proto, False, f"{enum.name} wire value: one of {values} (enum {enum.name})"
        )

    def message_name(self, target: str, args: tuple[ir.TypeExpr, ...]) -> str:
        """A model's message; a generic use gets one message per distinct
        argument list, named after its arguments (`Page[User]` ->
        `PageUser`), so the name is stable as long as the types are."""
        base = self.names[target]
        if not args:
            return base
        name = base + "".join(self.label(a) for a in args)
        self.instances.setdefault(name, (target, args))
        return name

    def label(self, expr: ir.TypeExpr) -> str:
        """A PascalCase name part for a type argument."""
        expr = self.resolve(expr, {})
        match expr:
            case ir.PrimitiveType(name=name):
                return _pascal(name)
            case ir.AnyType():
                return "Any"
            case ir.NullType():
                return "None"
            case ir.LiteralType(values=values):
                return "Literal" + "".join(_pascal(str(v)) for v in values)
            case ir.ListType(item=item):
                return "List" + self.label(item)
            case ir.TupleType(items=items):
                return "Tuple" + "".join(self.label(i) for i in items)
            case ir.MapType(key=key, value=value):
                return "Map" + self.label(key) + self.label(value)
            case ir.UnionType(members=members):
                return "Or".join(self.label(m) for m in members)
            case ir.RefType(target=target, args=args):
                return self.names[target] + "".join(self.label(a) for a in args)
            case ir.TypeParamType(name=name):
                return _pascal(name)
            case _:
                assert_never(expr)

    # -- fields ----------------------------------------------------------

    def field_type(
        self,
        expr: ir.TypeExpr,
        env: dict[str, ir.TypeExpr],
        *,
        may_be_absent: bool,
        null_must_print: bool,
        null_default: bool = False,
    ) -> FieldType:
        """The spelling of a field of type `expr`.

        `may_be_absent`: pydantic may leave the key out, so printing a zero
        value for an unset field would invent a key (needs presence).
        `null_must_print`: pydantic needs an explicit `null` back (a
        required nullable key, or a non-None default), which protobuf
        prints only for Value and NullValue.
        `null_default`: the default is None, which pydantic writes as null
        whatever the annotation says (it does not validate defaults)."""
        key = (expr, may_be_absent, null_must_print, null_default)
        if not env:
            found = self._spelled.get(key)
            if found is not None:
                return found
        spelled = self._field_type(
            expr,
            env,
            may_be_absent=may_be_absent,
            null_must_print=null_must_print,
            null_default=null_default,
        )
        # Instances met on the way are recorded already (`message_name`),
        # so a remembered answer loses nothing. See `equal_means_same`:
        # proto field types never spell a constraint's value, they only
        # compare integer bounds with 2^53 (`_holds_unbounded_int`).
        if not env and equal_means_same(expr, spells_limits=False):
            self._spelled[key] = spelled
        return spelled

    def _field_type(
        self,
        expr: ir.TypeExpr,
        env: dict[str, ir.TypeExpr],
        *,
        may_be_absent: bool,
        null_must_print: bool,
        null_default: bool,
    ) -> FieldType:
        core, nullable = self.split_null(expr, env)
        nullable = nullable or null_default
        if core is None:
            return FieldType("optional" if may_be_absent else "", NULL_VALUE, ("null",))
        if nullable and null_must_print:
            return self.untyped(expr, env, VALUE)
        needs_presence = nullable or may_be_absent
        match core:
            case ir.ListType(item=item):
                if needs_presence:
                    return self.untyped(expr, env, VALUE if nullable else LIST_VALUE)
                notes = ["items are unique"] if core.unique else []
                inner = self.inner(item)
                return FieldType(
                    "repeated",
                    inner.type,
                    (*notes, *inner.notes),
                    inner.untyped,
                    inner.inexact_ints,
                )
            case ir.MapType(key=key, value=value):
                if needs_presence:
                    return self.untyped(expr, env, VALUE if nullable else STRUCT)
                key_type, key_note = self.map_key(key)
                inner = self.inner(value)
                notes = (key_note,) if key_note else ()
                return FieldType(
                    "",
                    f"map<{key_type}, {inner.type}>",
                    (*notes, *inner.notes),
                    inner.untyped,
                    inner.inexact_ints,
                )
            case _:
                element = self.element(core)
                if element is None:
                    return self.untyped(expr, env, None)
                label = "optional" if needs_presence and not element.is_message else ""
                notes = (element.note,) if element.note else ()
                return FieldType(
                    label, element.type, notes, inexact_ints=element.type == VALUE
                )

    def inner(self, expr: ir.TypeExpr) -> FieldType:
        """An item of a list or a value of a map: typed when it can be,
        else the JSON-shaped type of its own (a list of lists is
        `repeated ListValue`: the outer list stays typed)."""
        core, nullable = self.split_null(expr, {})
        element = None if nullable or core is None else self.element(core)
        if element is not None:
            notes = (f"items: {element.note}",) if element.note else ()
            return FieldType(
                "", element.type, notes, inexact_ints=element.type == VALUE
            )
        return self.untyped(expr, {}, None)

    def untyped(
        self,
        expr: ir.TypeExpr,
        env: dict[str, ir.TypeExpr],
        wanted: str | None,
    ) -> FieldType:
        core, nullable = self.split_null(expr, env)
        if wanted is None:
            match core:
                case ir.ListType() | ir.TupleType() if not nullable:
                    wanted = LIST_VALUE
                case ir.MapType() if not nullable:
                    wanted = STRUCT
                case _:
                    wanted = VALUE
        resolved = self.resolve(expr, env)
        inexact = _holds_unbounded_int(self, resolved, set())
        return FieldType(
            "",
            wanted,
            (f"JSON of type {describe(resolved, self.names)}",),
            untyped=True,
            inexact_ints=inexact,
        )

    def map_key(self, key: ir.TypeExpr) -> tuple[str, str | None]:
        key = self.resolve(key, {})
        match key:
            case ir.PrimitiveType(name="int"):
                return "int64", None
            case ir.LiteralType(values=values) if all(
                isinstance(v, int) and not isinstance(v, bool) for v in values
            ):
                return "int64", f"keys: {describe(key, self.names)}"
            case ir.RefType(target=target) if isinstance(
                self.schema.definitions.get(target), ir.EnumDef
            ):
                element = self.element(key)
                assert element is not None
                return element.type, f"keys: {element.note}"
            case ir.PrimitiveType(name=name) if name != "str":
                return "string", f"keys: {_STRING_NOTES.get(name, name)}"
            case ir.LiteralType():
                return "string", f"keys: {describe(key, self.names)}"
            case _:
                return "string", None


def _int_type(values: tuple[int | str | bool | None, ...]) -> str:
    """int32 when every value fits: protobuf prints int32 as a JSON number
    but int64 as a string, and pydantic's enum and literal validators
    accept only the number."""
    fits = all(isinstance(v, int) and -(2**31) <= v < 2**31 for v in values)
    return "int32" if fits else "int64"


def _literal_element(values: tuple[str | int | bool | None, ...]) -> Element | None:
    spelled = ", ".join(json.dumps(v) for v in values)
    if all(isinstance(v, bool) for v in values):
        return Element("bool", False, f"one of {spelled}")
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return Element(_int_type(values), False, f"one of {spelled}")
    if all(isinstance(v, str) for v in values):
        return Element("string", False, f"one of {spelled}")
    return None


def _substitute(
    expr: ir.TypeExpr, env: dict[str, ir.TypeExpr], encoder: Encoder
) -> ir.TypeExpr:
    if not env:
        return expr

    def again(inner: ir.TypeExpr) -> ir.TypeExpr:
        return _substitute(inner, env, encoder)

    match expr:
        case ir.TypeParamType(name=name):
            return env.get(name, expr)
        case ir.ListType(item=item):
            return ir.ListType(
                item=again(item), unique=expr.unique, constraints=expr.constraints
            )
        case ir.TupleType(items=items):
            return ir.TupleType(items=tuple(again(i) for i in items))
        case ir.MapType(key=key, value=value):
            return ir.MapType(
                key=again(key), value=again(value), constraints=expr.constraints
            )
        case ir.UnionType(members=members, discriminator=tag):
            return ir.UnionType(
                members=tuple(again(m) for m in members), discriminator=tag
            )
        case ir.RefType(target=target, args=args):
            return ir.RefType(target=target, args=tuple(again(a) for a in args))
        case ir.PrimitiveType() | ir.AnyType() | ir.NullType() | ir.LiteralType():
            return expr
        case _:
            assert_never(expr)


def _holds_unbounded_int(encoder: Encoder, expr: ir.TypeExpr, seen: set[str]) -> bool:
    """Could a JSON value of this type hold an integer a double rounds?"""
    expr = encoder.resolve(expr, {})
    match expr:
        case ir.PrimitiveType(name="int", constraints=c):
            low = c.ge if c.ge is not None else c.gt
            high = c.le if c.le is not None else c.lt
            return not (
                low is not None
                and high is not None
                and low >= -EXACT_INT
                and high <= EXACT_INT
            )
        case ir.PrimitiveType():
            return False
        case ir.AnyType():
            return True
        case ir.LiteralType(values=values):
            return any(
                isinstance(v, int) and not isinstance(v, bool) and abs(v) > EXACT_INT
                for v in values
            )
        case ir.ListType(item=item):
            return _holds_unbounded_int(encoder, item, seen)
        case ir.TupleType(items=items) | ir.UnionType(members=items):
            return any(_holds_unbounded_int(encoder, i, seen) for i in items)
        case ir.MapType(value=value):
            return _holds_unbounded_int(encoder, value, seen)
        case ir.RefType(target=target, args=args):
            definition = encoder.schema.definitions[target]
            key = f"{target}{args!r}"
            if key in seen:
                return False
            seen.add(key)
            match definition:
                case ir.EnumDef(members=members):
                    return any(
                        isinstance(m.value, int) and abs(m.value) > EXACT_INT
                        for m in members
                    )
                case ir.ModelDef(fields=fields, type_params=params):
                    env = dict(zip(params, args, strict=False))
                    return any(
                        _holds_unbounded_int(
                            encoder, encoder.resolve(f.type, env), seen
                        )
                        for f in fields
                    )
                case ir.AliasDef():
                    return False  # resolve() has seen through aliases
                case _:
                    assert_never(definition)
        case ir.NullType() | ir.TypeParamType():
            return False
        case _:
            assert_never(expr)


def describe(expr: ir.TypeExpr, names: dict[str, str]) -> str:
    """The type in Python spelling, for comments."""
    match expr:
        case ir.PrimitiveType(name=name):
            return name
        case ir.AnyType():
            return "Any"
        case ir.NullType():
            return "None"
        case ir.LiteralType(values=values):
            return "Literal[" + ", ".join(json.dumps(v) for v in values) + "]"
        case ir.ListType(item=item, unique=unique):
            return f"{'set' if unique else 'list'}[{describe(item, names)}]"
        case ir.TupleType(items=items):
            return "tuple[" + ", ".join(describe(i, names) for i in items) + "]"
        case ir.MapType(key=key, value=value):
            return f"dict[{describe(key, names)}, {describe(value, names)}]"
        case ir.UnionType(members=members, discriminator=tag):
            text = " | ".join(describe(m, names) for m in members)
            return f"{text} (discriminated by {json.dumps(tag)})" if tag else text
        case ir.RefType(target=target, args=args):
            name = names.get(target, target)
            if not args:
                return name
            return f"{name}[{', '.join(describe(a, names) for a in args)}]"
        case ir.TypeParamType(name=name):
            return name
        case _:
            assert_never(expr)


def _pascal(text: str) -> str:
    parts = [p for p in "".join(c if c.isalnum() else " " for c in text).split()]
    return "".join(p[:1].upper() + p[1:] for p in parts)
