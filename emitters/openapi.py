"""OpenAPI 3.1 target: one document whose `components.schemas` hold every
model, enum, alias and generic instantiation, in JSON Schema 2020-12.

The reference is pydantic's own JSON Schema: each component is what
`pydantic.json_schema.models_json_schema` writes for the same class, in
validation mode for `<Name>-Input` and serialisation mode (with
`json_schema_serialization_defaults_required`) for `<Name>-Output`, named
as FastAPI names them. Where the two directions do not differ
(`codegen.passes.shapes`) there is one component, `<Name>`. The few
deliberate differences from pydantic are listed in docs/openapi.md.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, TypeAlias, assert_never

from codegen import ir
from codegen.diagnostics import Diagnostic, has_errors
from codegen.passes import check, generics, naming, shapes
from codegen.passes.shapes import Direction
from codegen.records import replace
from emitters._common import equal_means_same
from emitters.base import Emitted

TARGET = "openapi"

OPENAPI_VERSION = "3.1.0"
REF_PREFIX = "#/components/schemas/"
#: What OpenAPI allows as a key of `components.schemas`.
COMPONENT_NAME = re.compile(r"[a-zA-Z0-9.\-_]+")
_NOT_IN_NAME = re.compile(r"[^a-zA-Z0-9.\-_]")

Schema = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Options:
    #: A .json file, or .yaml / .yml for YAML.
    out: str
    #: `info.title` and `info.version`: OpenAPI requires both.
    title: str = "API"
    version: str = "0.1.0"
    #: `info.description`, left out when unset.
    description: str | None = None
    #: `<Name>-Input` and `<Name>-Output` where the request and response
    #: shapes differ, as FastAPI's `separate_input_output_schemas`. When
    #: false, one component per definition, in its request shape (FastAPI
    #: with `separate_input_output_schemas=False` does the same).
    separate_input_output: bool = True


# --------------------------------------------------------------------------
# Component names
# --------------------------------------------------------------------------

#: How pydantic spells a primitive inside a generic model's name
#: (`Page[int]`, `Page[datetime]`): the Python class names.
_PYTHON_NAMES: dict[str, str] = {
    "str": "str",
    "int": "int",
    "float": "float",
    "bool": "bool",
    "bytes": "bytes",
    "decimal": "Decimal",
    "datetime": "datetime",
    "date": "date",
    "time": "time",
    "timedelta": "timedelta",
    "uuid": "UUID",
    "email": "EmailStr",
    "url": "AnyUrl",
    "http_url": "HttpUrl",
    "ipv4": "IPv4Address",
    "ipv6": "IPv6Address",
}


@dataclass(frozen=True, slots=True)
class Components:
    """The emitted name of every (instantiated) definition, per direction."""

    base: dict[ir.RefType, str]
    titles: dict[ir.RefType, str]
    split: frozenset[ir.RefType]

    def name(self, ref: ir.RefType, direction: Direction) -> str:
        if ref in self.split:
            return f"{self.base[ref]}-{'Input' if direction == 'input' else 'Output'}"
        return self.base[ref]

    def directions(self, ref: ir.RefType) -> tuple[Direction, ...]:
        return ("input", "output") if ref in self.split else ("input",)


def python_spelling(expr: ir.TypeExpr, names: dict[str, str]) -> str:
    """A type argument as pydantic prints it in a generic model's title
    (`Page[User]`, `Pair[str, list[int]]`)."""
    constraints = getattr(expr, "constraints", ir.NO_CONSTRAINTS)
    if constraints is not ir.NO_CONSTRAINTS and not constraints.is_empty():
        # Two instantiations that differ only in constraints must not share
        # a component: spell the constraints, as `Annotated` would.
        bare = replace(expr, constraints=ir.NO_CONSTRAINTS)
        limits = ", ".join(
            f"{name}={getattr(constraints, name)!r}"
            for name in constraints.__struct_fields__
            if getattr(constraints, name) is not None
        )
        return f"Annotated[{python_spelling(bare, names)}, {limits}]"
    match expr:
        case ir.PrimitiveType(name=name):
            return _PYTHON_NAMES[name]
        case ir.AnyType():
            return "Any"
        case ir.NullType():
            return "None"
        case ir.LiteralType(values=values):
            return f"Literal[{', '.join(repr(v) for v in values)}]"
        case ir.ListType(item=item, unique=unique):
            return f"{'set' if unique else 'list'}[{python_spelling(item, names)}]"
        case ir.TupleType(items=items):
            inner = ", ".join(python_spelling(i, names) for i in items) or "()"
            return f"tuple[{inner}]"
        case ir.MapType(key=key, value=value):
            return (
                f"dict[{python_spelling(key, names)}, {python_spelling(value, names)}]"
            )
        case ir.UnionType(members=members):
            return " | ".join(python_spelling(m, names) for m in members)
        case ir.RefType(target=target, args=args):
            if not args:
                return names[target]
            inner = ", ".join(python_spelling(a, names) for a in args)
            return f"{names[target]}[{inner}]"
        case ir.TypeParamType(name=name):
            return name
        case _:
            assert_never(expr)


def component_base_name(title: str) -> str:
    """pydantic's (and so FastAPI's) component name for a title: spaces
    dropped, every other character OpenAPI does not allow becomes `_`
    (`Page[User]` -> `Page_User_`, `Pair[str, int]` -> `Pair_str_int_`)."""
    return _NOT_IN_NAME.sub("_", title.replace(" ", ""))


def assign_components(
    schema: ir.Schema,
    names: naming.Names,
    separate: bool,
    differing: frozenset[str] | None = None,
) -> Components:
    """`differing`: `shapes.differing_definitions(schema)`, when the caller
    has it already."""
    if not separate:
        differing = frozenset()
    elif differing is None:
        differing = shapes.differing_definitions(schema)
    base: dict[ir.RefType, str] = {}
    titles: dict[ir.RefType, str] = {}
    split: set[ir.RefType] = set()
    for ref in generics.instantiations(schema):
        title = python_spelling(ref, names.output)
        titles[ref] = title
        base[ref] = component_base_name(title)
        if shapes.type_differs(ref, differing):
            split.add(ref)
    return Components(base, titles, frozenset(split))


def name_problems(schema: ir.Schema, components: Components) -> list[Diagnostic]:
    """Names OpenAPI cannot hold, and two uses that would share a name."""
    problems = []
    owners: dict[str, list[ir.RefType]] = {}
    for ref in components.base:
        for direction in components.directions(ref):
            owners.setdefault(components.name(ref, direction), []).append(ref)
    for name, refs in sorted(owners.items()):
        definition = schema.get(refs[-1])
        if len(refs) > 1:
            spelled = " and ".join(sorted({components.titles[r] for r in refs}))
            problems.append(
                Diagnostic(
                    code="TP201",
                    message=f"{spelled} would both be the OpenAPI component {name!r}",
                    hint="give one of them another name in [tool.typepact.rename]",
                    location=definition.location,
                    target=TARGET,
                )
            )
        if not COMPONENT_NAME.fullmatch(name):
            problems.append(
                Diagnostic(
                    code="TP202",
                    message=f"{definition.id} would be the OpenAPI component "
                    f"{name!r}; component names allow only letters, digits, "
                    "`.`, `-` and `_`",
                    hint="give it another name in [tool.typepact.rename]",
                    location=definition.location,
                    target=TARGET,
                )
            )
    return problems


# --------------------------------------------------------------------------
# Schemas
# --------------------------------------------------------------------------


def title_from_name(name: str) -> str:
    """pydantic's default field title: `str.title()` of the wire name, with
    `_` as spaces (`created_at` -> `Created At`, `createdAt` -> `Createdat`)."""
    return name.title().replace("_", " ").strip()


def _numeric_constraints(c: ir.Constraints) -> Schema:
    out: Schema = {}
    for key, value in (
        ("minimum", c.ge),
        ("exclusiveMinimum", c.gt),
        ("maximum", c.le),
        ("exclusiveMaximum", c.lt),
        ("multipleOf", c.multiple_of),
    ):
        if value is not None:
            out[key] = value
    return out


def _length_constraints(c: ir.Constraints, lo: str, hi: str) -> Schema:
    out: Schema = {}
    if c.min_length is not None:
        out[lo] = c.min_length
    if c.max_length is not None:
        out[hi] = c.max_length
    return out


def _string_constraints(c: ir.Constraints) -> Schema:
    out = _length_constraints(c, "minLength", "maxLength")
    if c.pattern is not None:
        out["pattern"] = c.pattern
    return out


#: String formats, as pydantic writes them, with the fixed lengths pydantic
#: adds for URLs.
_STRING_FORMATS: dict[str, Schema] = {
    "bytes": {"format": "binary"},
    "datetime": {"format": "date-time"},
    "date": {"format": "date"},
    "time": {"format": "time"},
    # pydantic reads a number of seconds too, but its schema (the
    # reference) says only an ISO 8601 duration.
    "timedelta": {"format": "duration"},
    "uuid": {"format": "uuid"},
    "email": {"format": "email"},
    "url": {"format": "uri", "minLength": 1},
    "http_url": {"format": "uri", "minLength": 1, "maxLength": 2083},
    "ipv4": {"format": "ipv4"},
    "ipv6": {"format": "ipv6"},
}


def primitive_schema(prim: ir.PrimitiveType, direction: Direction) -> Schema:
    c = prim.constraints
    match prim.name:
        case "str":
            return {"type": "string", **_string_constraints(c)}
        case "int":
            return {"type": "integer", **_numeric_constraints(c)}
        case "float":
            return {"type": "number", **_numeric_constraints(c)}
        case "bool":
            return {"type": "boolean"}
        case "decimal":
            # Written as a string; read from a number or a string. pydantic
            # puts the bounds on the number branch and says nothing of
            # max_digits / decimal_places.
            if direction == "output":
                return {"type": "string"}
            # Its bounds are Decimals, which pydantic writes as floats.
            bounds = {k: float(v) for k, v in _numeric_constraints(c).items()}
            number = {"type": "number", **bounds}
            return {"anyOf": [number, {"type": "string"}]}
        case name if name in _STRING_FORMATS:
            return {"type": "string", **_STRING_FORMATS[name], **_string_constraints(c)}
        case name:
            raise AssertionError(f"unhandled primitive {name!r}")


def literal_schema(values: tuple[str | int | bool | None, ...]) -> Schema:
    distinct = list(dict.fromkeys((type(v), v) for v in values))
    expected = [v for _, v in distinct]
    out: Schema = {"const": expected[0]} if len(expected) == 1 else {"enum": expected}
    kinds = {type(v) for v in expected}
    json_types = {str: "string", int: "integer", bool: "boolean", type(None): "null"}
    if len(kinds) == 1:
        out["type"] = json_types[kinds.pop()]
    return out


def flattened_any_of(schemas: list[Schema]) -> Schema:
    """`anyOf` of `schemas`, nested bare `anyOf`s merged and duplicates
    dropped (as pydantic does); a single member stands alone."""
    members: list[Schema] = []
    for s in schemas:
        for member in s["anyOf"] if list(s) == ["anyOf"] else [s]:
            if member not in members:
                members.append(member)
    return members[0] if len(members) == 1 else {"anyOf": members}


class SchemaRenderer:
    """Spells IR type expressions as JSON Schema, for one schema."""

    def __init__(self, schema: ir.Schema, components: Components) -> None:
        self.schema = schema
        self.components = components
        #: Schemas already spelled. Fields share types over and over (the
        #: benchmark corpus's 7,651 field types are 1,397 distinct ones),
        #: so each is spelled once (if `equal_means_same`). A schema
        #: returned by `render` may be shared: callers copy it before adding
        #: keywords.
        self._rendered: dict[tuple[ir.TypeExpr, Direction], Schema] = {}

    def ref(self, ref: ir.RefType, direction: Direction) -> Schema:
        return {"$ref": REF_PREFIX + self.components.name(ref, direction)}

    def render(self, expr: ir.TypeExpr, direction: Direction) -> Schema:
        """The schema of `expr`; shared, so not to be changed."""
        if isinstance(expr, ir.RefType) and not expr.args:
            # Cheaper to spell than to look up: hashing a type expression
            # runs Python code for every node of it.
            return self.ref(expr, direction)
        key = (expr, direction)
        rendered = self._rendered.get(key)
        if rendered is None:
            rendered = self.spell(expr, direction)
            if equal_means_same(expr):
                self._rendered[key] = rendered
        return rendered

    def spell(self, expr: ir.TypeExpr, direction: Direction) -> Schema:
        """`render` without the memo; nested types go through `render`."""
        match expr:
            case ir.PrimitiveType():
                return primitive_schema(expr, direction)
            case ir.AnyType():
                return {}
            case ir.NullType():
                return {"type": "null"}
            case ir.LiteralType(values=values):
                return literal_schema(values)
            case ir.ListType(item=item, unique=unique, constraints=c):
                out: Schema = {"type": "array", "items": self.render(item, direction)}
                if unique:
                    out["uniqueItems"] = True
                return {**out, **_length_constraints(c, "minItems", "maxItems")}
            case ir.TupleType(items=items):
                out = {"type": "array", "minItems": len(items), "maxItems": len(items)}
                if items:
                    out["prefixItems"] = [self.render(i, direction) for i in items]
                return out
            case ir.MapType():
                return self.map(expr, direction)
            case ir.UnionType():
                return self.union(expr, direction)
            case ir.RefType():
                return self.ref(expr, direction)
            case ir.TypeParamType(name=name):
                # Generic definitions are only emitted instantiated.
                raise AssertionError(f"unbound type parameter {name!r}")
            case _:
                assert_never(expr)

    def map(self, expr: ir.MapType, direction: Direction) -> Schema:
        # pydantic's dict schema: a key pattern becomes patternProperties,
        # other key constraints (enum, literal, length) propertyNames.
        out: Schema = {"type": "object"}
        keys = dict(self.render(expr.key, direction))
        pattern = None
        if "$ref" not in keys:
            pattern = keys.pop("pattern", None)
        values = self.render(expr.value, direction)
        if pattern is not None:
            out["patternProperties"] = {pattern: values}
        else:
            out["additionalProperties"] = values or True
        if "$ref" in keys or (keys.get("type") == "string" and len(keys) > 1):
            out["propertyNames"] = {k: v for k, v in keys.items() if k != "type"}
        return {**out, **_length_constraints(expr.constraints, *_PROPERTY_COUNTS)}

    def union(self, expr: ir.UnionType, direction: Direction) -> Schema:
        members = [m for m in expr.members if not isinstance(m, ir.NullType)]
        nullable = len(members) < len(expr.members)
        if expr.discriminator is not None and members:
            core = self.tagged(members, expr.discriminator, direction)
        else:
            core = flattened_any_of([self.render(m, direction) for m in members])
        if not members:
            return {"type": "null"}
        # pydantic writes `X | None` as anyOf with null last, wherever the
        # None was in the annotation.
        return flattened_any_of([core, {"type": "null"}]) if nullable else core

    def tagged(
        self, members: list[ir.TypeExpr], tag: str, direction: Direction
    ) -> Schema:
        one_of = [self.render(m, direction) for m in members]
        mapping: dict[str, str] = {}
        for member, rendered in zip(members, one_of, strict=True):
            for value in check.discriminator_values(self.schema, member, tag) or ():
                mapping.setdefault(str(value), rendered["$ref"])
        return {
            "oneOf": one_of,
            "discriminator": {"propertyName": tag, "mapping": mapping},
        }

    def wants_title(self, expr: ir.TypeExpr) -> bool:
        """Does pydantic give a field of this type a title? Not when its
        schema is a reference to a model or enum (`X | None` included)."""
        match expr:
            case ir.RefType(target=target):
                definition = self.schema.get(target)
                if isinstance(definition, ir.AliasDef):
                    # Aliases are inlined by pydantic: ask their type.
                    bound = generics.substitute(
                        definition.type, generics.bindings_of(self.schema, expr)
                    )
                    return self.wants_title(bound)
                return False
            case ir.UnionType(members=members, discriminator=None):
                rest = [m for m in members if not isinstance(m, ir.NullType)]
                return len(rest) != 1 or self.wants_title(rest[0])
            case _:
                return True


_PROPERTY_COUNTS = ("minProperties", "maxProperties")


def admits_null(schema: ir.Schema, expr: ir.TypeExpr) -> bool:
    """Can `expr` hold JSON null? (Unknown type parameters are assumed to.)"""
    match expr:
        case ir.NullType() | ir.AnyType() | ir.TypeParamType():
            return True
        case ir.UnionType(members=members):
            return any(admits_null(schema, m) for m in members)
        case ir.LiteralType(values=values):
            return None in values
        case ir.RefType(target=target):
            definition = schema.definitions.get(target)
            if isinstance(definition, ir.AliasDef):
                bound = generics.substitute(
                    definition.type, generics.bindings_of(schema, expr)
                )
                return admits_null(schema, bound)
            return False
        case ir.PrimitiveType() | ir.ListType() | ir.TupleType() | ir.MapType():
            return False
        case _:
            assert_never(expr)


@dataclass(slots=True)
class _FieldType:
    """A field type's schema and, once asked, the answers `property` needs."""

    schema: Schema
    _wants_title: bool | None = None
    _admits_null: bool | None = None

    def wants_title(self, types: SchemaRenderer, typ: ir.TypeExpr) -> bool:
        if self._wants_title is None:
            self._wants_title = types.wants_title(typ)
        return self._wants_title

    def admits_null(self, schema: ir.Schema, typ: ir.TypeExpr) -> bool:
        if self._admits_null is None:
            self._admits_null = admits_null(schema, typ)
        return self._admits_null


# --------------------------------------------------------------------------
# Components
# --------------------------------------------------------------------------


def _docs_keywords(docs: ir.Docs) -> Schema:
    out: Schema = {}
    if docs.description:
        out["description"] = docs.description
    if docs.deprecated is not None and docs.deprecated is not False:
        out["deprecated"] = True
    if docs.examples:
        out["examples"] = list(docs.examples)
    return out


class OpenAPIEmitter:
    def __init__(self, schema: ir.Schema, options: Options) -> None:
        self.schema = schema
        self.options = options
        differing = shapes.differing_definitions(schema)
        self.names, self.naming_problems = naming.assign_names(schema, differing)
        self.components = assign_components(
            schema, self.names, options.separate_input_output, differing
        )
        self.types = SchemaRenderer(schema, self.components)
        #: What `property` needs of a field's type, per type and direction,
        #: and default titles per wire name: asked once per field, of a few
        #: distinct values (hashing a type is itself not free, so a field
        #: looks its type up once).
        self._field_types: dict[tuple[ir.TypeExpr, Direction], _FieldType] = {}
        self._titles: dict[str, str] = {}

    def problems(self) -> list[Diagnostic]:
        return [
            *self.naming_problems,
            *check.check_schema(self.schema),
            *name_problems(self.schema, self.components),
        ]

    def component_schemas(self, sort_keywords: bool = True) -> dict[str, Schema]:
        """Every component by name; keywords sorted by `canonical`, or left
        in build order for `to_json(..., sort_components=True)` to sort as
        it writes (which saves building a sorted copy of every schema)."""
        out: dict[str, Schema] = {}
        for ref in self.components.base:
            for direction in self.components.directions(ref):
                name = self.components.name(ref, direction)
                out[name] = self.component(ref, direction)
        if not sort_keywords:
            return {name: out[name] for name in sorted(out)}
        return {name: canonical(out[name]) for name in sorted(out)}

    def component(self, ref: ir.RefType, direction: Direction) -> Schema:
        definition = self.schema.get(ref)
        title = self.components.titles[ref]
        bindings = generics.bindings_of(self.schema, ref)
        match definition:
            case ir.ModelDef():
                return self.model(definition, title, bindings, direction)
            case ir.EnumDef(members=members, value_type=value_type):
                return {
                    "type": "string" if value_type == "str" else "integer",
                    "enum": [m.value for m in members],
                    "title": definition.docs.title or title,
                    **_docs_keywords(definition.docs),
                }
            case ir.AliasDef(type=type_):
                # No title: pydantic inlines aliases, so there is no title of
                # its own to match; the using field brings one.
                bound = generics.substitute(type_, bindings)
                return {
                    **self.types.render(bound, direction),
                    **_docs_keywords(definition.docs),
                }
            case _:
                assert_never(definition)

    def model(
        self,
        model: ir.ModelDef,
        title: str,
        bindings: dict[str, ir.TypeExpr],
        direction: Direction,
    ) -> Schema:
        properties: Schema = {}
        required: list[str] = []
        for shaped in shapes.fields_in(model, direction, self.schema):
            # Only a generic instantiation has anything to substitute.
            typ = (
                generics.substitute(shaped.type, bindings) if bindings else shaped.type
            )
            properties[shaped.wire_name] = self.property(shaped, typ, direction)
            if not shaped.optional:
                required.append(shaped.wire_name)
        out: Schema = {
            "type": "object",
            "title": model.docs.title or title,
            "properties": properties,
        }
        if required:
            out["required"] = required
        if model.extra != "ignore":
            out["additionalProperties"] = model.extra == "allow"
        return {**out, **_docs_keywords(model.docs)}

    def property(
        self, shaped: shapes.ShapeField, typ: ir.TypeExpr, direction: Direction
    ) -> Schema:
        f = shaped.field
        facts = self._field_types.get((typ, direction))
        if facts is None:
            # `spell`, not `render`: this memo already plays render's part.
            facts = _FieldType(self.types.spell(typ, direction))
            if equal_means_same(typ):
                self._field_types[typ, direction] = facts
        out = dict(facts.schema)  # shared: copied
        if f.docs.title:
            out["title"] = f.docs.title
        elif facts.wants_title(self.types, typ):
            title = self._titles.get(shaped.wire_name)
            if title is None:
                title = self._titles[shaped.wire_name] = title_from_name(
                    shaped.wire_name
                )
            out["title"] = title
        if f.has_default and f.default_is_literal and self.default_fits(f, typ, facts):
            out["default"] = f.default
        if f.read_only and direction == "output":
            out["readOnly"] = True
        if f.docs is not ir.NO_DOCS:  # most fields share the empty Docs
            out.update(_docs_keywords(f.docs))  # `out` is this field's own copy
        return out

    def default_fits(
        self, f: ir.Field, typ: ir.TypeExpr, facts: _FieldType | None = None
    ) -> bool:
        # pydantic does not validate defaults, so `name: str = None` is
        # common; OpenAPI validators do, and reject the document. The
        # default is left out (with a warning, from `default_problems`).
        if f.default is not None:
            return True
        if facts is not None:
            return facts.admits_null(self.schema, typ)
        return admits_null(self.schema, typ)

    def default_problems(self) -> list[Diagnostic]:
        problems = []
        for ref in self.components.base:
            model = self.schema.get(ref)
            if ref.args or not isinstance(model, ir.ModelDef):
                continue
            for f in model.fields:
                if self.default_fits(f, f.type) or not f.default_is_literal:
                    continue
                problems.append(
                    Diagnostic(
                        code="TP204",
                        severity="warning",
                        message=f"field {f.name!r} of {model.id} defaults to None, "
                        "which its type does not allow; the OpenAPI schema leaves "
                        "the default out (OpenAPI validators reject it)",
                        hint=f"annotate it as `{f.name}: X | None = None`",
                        location=f.location or model.location,
                        target=TARGET,
                    )
                )
        return problems

    def document(self, sort_keywords: bool = True) -> Schema:
        info: Schema = {"title": self.options.title, "version": self.options.version}
        if self.options.description is not None:
            info["description"] = self.options.description
        return {
            "openapi": OPENAPI_VERSION,
            "info": info,
            # Routes come with the routes frontend; `paths` is required
            # (with `components`) to make a valid document even when empty.
            "paths": {},
            "components": {"schemas": self.component_schemas(sort_keywords)},
        }


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------

#: Keys whose values are data (or wire names in declaration order), not
#: schema keywords, and so keep their own order.
_UNSORTED = frozenset({"properties", "default", "examples", "const", "enum"})


def canonical(value: Any, parent: str | None = None) -> Any:
    """Keywords sorted (as pydantic sorts them), so output never depends on
    the order this module builds dicts in; property order is kept."""
    if isinstance(value, dict):
        keys = list(value) if parent in _UNSORTED else sorted(value)
        return {
            k: canonical(value[k], None if parent in _UNSORTED else k) for k in keys
        }
    if isinstance(value, list):
        return [canonical(v, parent) for v in value]
    return value


def is_yaml(path: str) -> bool:
    return path.lower().endswith((".yaml", ".yml"))


def to_json(document: Schema, *, sort_components: bool = False) -> str:
    """`json.dumps(document, indent=2, ensure_ascii=False)` and a newline;
    with `sort_components`, as if each schema under `components` had been
    through `canonical` first (the document's own keys keep their order).

    Written by `_json_text` rather than `json.dumps`: with `indent` set,
    `json` falls back to its pure-Python encoder, whose nested generators
    hand every chunk up through each level of nesting; that, and sorting
    a copy of the whole document first, were the slowest part of this
    target. The output is the same byte for byte."""
    mode = _FRAME if sort_components else _AS_IS
    return _json_text(document, "\n", mode, {}) + "\n"


class _Mode:
    """A way to write a JSON object other than `canonical`'s."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


#: Keys in their own order, all the way down (plain `json.dumps`).
_AS_IS = _Mode("as is")
#: The document: its own keys in order; `components` holds sections.
_FRAME = _Mode("frame")
#: `components`: sections (`schemas`) in order, each mapping names.
_SECTIONS = _Mode("sections")
#: Component name -> schema: names in order, each schema `canonical`.
_NAMES = _Mode("names")

#: The string encoder `json` uses with `ensure_ascii=False` (its C
#: implementation when available).
_quoted = json.encoder.encode_basestring


#: (id of a list or dict, its indentation, its parent) -> (it, its text).
_Known: TypeAlias = dict[tuple[int, str, Any], tuple[Any, str]]


def _json_text(value: Any, newline: str, parent: Any, known: _Known) -> str:
    """`value` as `json.dumps(..., indent=2, ensure_ascii=False)` spells it,
    starting on a line indented as `newline` (a "\\n" and spaces) says.

    `parent` orders objects: a `_Mode`, or else the key (or None) that
    `canonical` would be given for `value`, whose rule is applied here
    while writing: keywords sorted, the values of `_UNSORTED` keys in their
    own order. Types are checked in the order `json` checks them, so
    subclasses (an IntEnum, a str enum) come out the same; a tuple is
    written as a list, in its own order (`canonical` leaves tuples be).

    `known` remembers the text of lists and dicts inside schemas: the
    emitter shares them between properties of the same type (a third of
    all of them are written more than once)."""
    if isinstance(value, str):
        return _quoted(value)
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        inner = newline + "  "
        child = _AS_IS if isinstance(value, tuple) else parent
        # Strings, the commonest values, are encoded without a call.
        items = [
            (_quoted(v) if type(v) is str else _json_text(v, inner, child, known))
            for v in value
        ]
        return f"[{inner}{(',' + inner).join(items)}{newline}]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = newline + "  "
        # One comprehension per way of ordering, each spelling a pair the
        # same way (`json` turns a non-string key into a string first).
        # f-strings: one string built per pair, not three.
        if parent is _AS_IS or parent is _FRAME or parent is _SECTIONS:
            # The frame: a handful of objects.
            items = [
                f"{_quoted(k if type(k) is str else _json_key(k))}: "
                + _json_text(v, inner, _child_mode(parent, k), known)
                for k, v in value.items()
            ]
        elif parent is _NAMES or parent in _UNSORTED:
            items = [
                f"{_quoted(k if type(k) is str else _json_key(k))}: "
                f"{_quoted(v) if type(v) is str else _json_text(v, inner, None, known)}"
                for k, v in value.items()
            ]
        else:
            items = [
                f"{_quoted(k if type(k) is str else _json_key(k))}: "
                f"{_quoted(v) if type(v) is str else _shared(v, inner, k, known)}"
                for k, v in sorted(value.items())
            ]
        return f"{{{inner}{(',' + inner).join(items)}{newline}}}"
    return _json_scalar(value)


def _shared(value: Any, newline: str, parent: Any, known: _Known) -> str:
    """`_json_text` of a keyword's value, each list or dict written once
    per indentation. An entry holds the object, so its id cannot be reused
    by another while `known` lives."""
    kind = type(value)
    if kind is not dict and kind is not list:
        if kind is int or kind is bool or value is None:
            return _json_scalar(value)  # `minLength: 1`, `default: null`
        return _json_text(value, newline, parent, known)
    key = (id(value), newline, parent)
    hit = known.get(key)
    if hit is None:
        hit = known[key] = (value, _json_text(value, newline, parent, known))
    return hit[1]


def _child_mode(parent: _Mode, key: Any) -> _Mode:
    if parent is _FRAME:
        return _SECTIONS if key == "components" else _AS_IS
    if parent is _SECTIONS:
        return _NAMES
    return _AS_IS


def _json_scalar(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _json_float(value)
    raise TypeError(
        f"Object of type {value.__class__.__name__} is not JSON serializable"
    )


def _json_float(value: float) -> str:
    # As json's `floatstr` with allow_nan (its default).
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == float("-inf"):
        return "-Infinity"
    return float.__repr__(value)


def _json_key(key: Any) -> str:
    """A non-string dict key as `json` turns it into a string."""
    if isinstance(key, str):
        return key
    if isinstance(key, float):
        return _json_float(key)
    if key is True or key is False or key is None:
        return _json_scalar(key)
    if isinstance(key, int):
        return int.__repr__(key)
    raise TypeError(
        f"keys must be str, int, float, bool or None, not {key.__class__.__name__}"
    )


#: Plain YAML scalars that a YAML 1.1 or 1.2 reader would not read back
#: as the same string (booleans, nulls, numbers) are quoted.
_PLAIN = re.compile(r"[A-Za-z_/][A-Za-z0-9_ ./-]*")
_YAML_WORDS = frozenset(
    {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}
)


def _yaml_scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    text = str(value)
    if (
        _PLAIN.fullmatch(text)
        and text.lower() not in _YAML_WORDS
        and not text.endswith(" ")
    ):
        return text
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(text, ensure_ascii=False)


def _yaml_lines(value: Any, indent: str) -> list[str]:
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            lines.extend(_yaml_entry(f"{indent}{_yaml_scalar(key)}:", item, indent))
    else:
        for item in value:
            lines.extend(_yaml_entry(f"{indent}-", item, indent))
    return lines


def _yaml_entry(head: str, item: Any, indent: str) -> list[str]:
    if head.endswith("-") and isinstance(item, dict) and item:
        # `- key: value`, the next keys aligned under the first.
        lines = _yaml_lines(item, indent + "  ")
        return [head + " " + lines[0].removeprefix(indent + "  "), *lines[1:]]
    if isinstance(item, dict | list) and item:
        return [head, *_yaml_lines(item, indent + "  ")]
    if isinstance(item, dict | list):
        return [f"{head} {'{}' if isinstance(item, dict) else '[]'}"]
    return [f"{head} {_yaml_scalar(item)}"]


def to_yaml(document: Schema) -> str:
    """Block-style YAML with a fixed layout; no YAML library needed, since
    the document is plain JSON data."""
    return "\n".join(_yaml_lines(document, "")) + "\n"


def emit(schema: ir.Schema, options: Options) -> Emitted:
    emitter = OpenAPIEmitter(schema, options)
    # The pipeline runs the shared checks before any emitter; repeating them
    # keeps a direct `emit()` call from rendering a broken schema.
    problems = emitter.problems()
    if has_errors(problems):
        return Emitted({}, problems)
    if is_yaml(options.out):
        text = to_yaml(emitter.document())
    else:
        text = to_json(emitter.document(sort_keywords=False), sort_components=True)
    # The shared checks' findings are the pipeline's to report, once.
    return Emitted({options.out: text}, emitter.default_problems())
