"""TypeScript target: interfaces and type aliases describing the wire.

`Order` is what the server sends (the response shape); `OrderInput` is
what it accepts, emitted only where the two differ (see
`codegen.passes.shapes`). Names, order and key quoting come from the
shared passes; this module only spells types.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal, assert_never

from codegen import ir
from codegen.diagnostics import has_errors
from codegen.passes import check, naming, ordering, shapes
from codegen.passes.shapes import Direction
from emitters._common import HEADER, equal_means_same, jsdoc, literal
from emitters.base import Emitted

TARGET = "typescript"

EnumStyle = Literal["union", "enum", "const"]


@dataclass(frozen=True, slots=True)
class Options:
    out: str
    #: How enums are declared: a union of literal types (default, erases
    #: to nothing), a TypeScript `enum`, or an `as const` object plus a
    #: type of its values.
    enum_style: EnumStyle = "union"
    #: JSDoc comments from docstrings, descriptions, examples, deprecation.
    docs: bool = True


#: Primitives written as strings on the wire whatever their Python type.
_STRING_PRIMITIVES = frozenset(
    {
        "str",
        "bytes",
        "datetime",
        "date",
        "time",
        "uuid",
        "email",
        "url",
        "http_url",
        "ipv4",
        "ipv6",
    }
)


class TypeRenderer:
    """Spells IR type expressions as TypeScript types, for one schema."""

    def __init__(self, schema: ir.Schema, names: naming.Names) -> None:
        self.schema = schema
        self.names = names
        #: Spell maps as object types (`{ [key: string]: X }`) rather than
        #: `Record<string, X>`: a type alias may refer to itself through an
        #: object type or an array, not through the `Record` alias
        #: ("circularly references itself", TS2456).
        self.inline_maps = False
        #: Spellings already worked out, by type, direction and the flag
        #: above: fields share a few types over and over. Only types that
        #: `equal_means_same` are remembered.
        self._spelled: dict[tuple[ir.TypeExpr, Direction, bool], str] = {}

    def render(self, expr: ir.TypeExpr, direction: Direction) -> str:
        if isinstance(expr, ir.PrimitiveType) or (
            isinstance(expr, ir.RefType) and not expr.args
        ):
            # Cheaper to spell than to look up: hashing a type expression
            # runs Python code for every node of it.
            return self.spell(expr, direction)
        key = (expr, direction, self.inline_maps)
        spelled = self._spelled.get(key)
        if spelled is None:
            spelled = self.spell(expr, direction)
            # TypeScript types carry no constraints.
            if equal_means_same(expr, spells_limits=False):
                self._spelled[key] = spelled
        return spelled

    def spell(self, expr: ir.TypeExpr, direction: Direction) -> str:
        """`render` without the memo; nested types go through `render`."""
        match expr:
            case ir.PrimitiveType(name=name):
                return self.primitive(name, direction)
            case ir.AnyType():
                return "unknown"
            case ir.NullType():
                return "null"
            case ir.LiteralType(values=values):
                return " | ".join(dict.fromkeys(literal(v) for v in values))
            case ir.ListType(item=item):
                inner = self.render(item, direction)
                return f"({inner})[]" if _needs_parens(inner) else f"{inner}[]"
            case ir.TupleType(items=items):
                return "[" + ", ".join(self.render(i, direction) for i in items) + "]"
            case ir.MapType(key=key, value=value):
                return self.map(key, value, direction)
            case ir.UnionType(members=members):
                # Flattened, so `str | Decimal` reads `string | number`
                # on input rather than `string | string | number`.
                rendered = (
                    part
                    for m in members
                    for part in _top_level_members(self.render(m, direction))
                )
                return " | ".join(dict.fromkeys(rendered))
            case ir.RefType(target=target, args=args):
                name = self.names.name(target, direction)
                if not args:
                    return name
                return f"{name}<{', '.join(self.render(a, direction) for a in args)}>"
            case ir.TypeParamType(name=name):
                return name
            case _:
                assert_never(expr)

    def primitive(self, name: ir.PrimitiveName, direction: Direction) -> str:
        if name in _STRING_PRIMITIVES:
            return "string"
        if name in ("int", "float"):
            return "number"
        if name == "bool":
            return "boolean"
        if name in shapes.DIRECTIONAL_PRIMITIVES:
            # Written as a string; read from a string or a number.
            return "string" if direction == "output" else "string | number"
        raise AssertionError(f"unhandled primitive {name!r}")

    def map(self, key: ir.TypeExpr, value: ir.TypeExpr, direction: Direction) -> str:
        rendered_value = self.render(value, direction)
        keys = map_key_literals(self.schema, key)
        if keys is None:
            if self.inline_maps:
                return f"{{ [key: string]: {rendered_value} }}"
            return f"Record<string, {rendered_value}>"
        # pydantic accepts any subset of the allowed keys, and writes back
        # only the keys present, so every key is optional. A string enum
        # (or alias of string literals) is named; an int enum's keys are
        # the decimal spellings of its values, so they are spelled out.
        if named_key(self.schema, key):
            union = self.render(key, direction)
        else:
            union = " | ".join(literal(k) for k in keys)
        if self.inline_maps:
            return f"{{ [key in {union}]?: {rendered_value} }}"
        return f"Partial<Record<{union}, {rendered_value}>>"


def map_key_literals(schema: ir.Schema, key: ir.TypeExpr) -> tuple[str, ...] | None:
    """The allowed keys of a map, as strings (JSON keys are strings, so an
    int enum's keys are its values' decimal spelling), or None for an open
    set of keys."""
    match key:
        case ir.LiteralType(values=values):
            return tuple(dict.fromkeys(str(v) for v in values))
        case ir.RefType(target=target):
            definition = schema.definitions[target]
            if isinstance(definition, ir.EnumDef):
                return tuple(dict.fromkeys(str(m.value) for m in definition.members))
            if isinstance(definition, ir.AliasDef):
                return map_key_literals(schema, definition.type)
            return None
        case _:
            return None


def named_key(schema: ir.Schema, key: ir.TypeExpr) -> bool:
    """Is a map key a reference to a definition whose values are exactly the
    JSON keys (an enum of strings, or an alias of string literals), so
    targets can name it instead of spelling its values?"""
    if not isinstance(key, ir.RefType):
        return False
    definition = schema.definitions.get(key.target)
    match definition:
        case ir.EnumDef(value_type=value_type):
            return value_type == "str"
        case ir.AliasDef(type=ir.LiteralType(values=values)):
            return all(isinstance(v, str) for v in values)
        case ir.AliasDef(type=inner):
            return named_key(schema, inner)
        case _:
            return False


def _top_level_members(rendered: str) -> list[str]:
    """`a | b<c | d> | "e|f"` -> ["a", "b<c | d>", '"e|f"']."""
    parts, depth, start, quoted, escaped = [], 0, 0, False, False
    for index, char in enumerate(rendered):
        if quoted:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                quoted = False
            continue
        if char == '"':
            quoted = True
        elif char in "<([{":
            depth += 1
        elif char in ">)]}":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(rendered[start:index].strip())
            start = index + 1
    parts.append(rendered[start:].strip())
    return parts


def _needs_parens(rendered: str) -> bool:
    depth = 0
    for char in rendered:
        if char in "<([{":
            depth += 1
        elif char in ">)]}":
            depth -= 1
        elif char == "|" and depth == 0:
            return True
    return False


class TypeScriptEmitter:
    def __init__(self, schema: ir.Schema, options: Options) -> None:
        self.schema = schema
        self.options = options
        self.differing = shapes.differing_definitions(schema)
        self.names, self.name_problems = naming.assign_names(schema, self.differing)
        self.types = TypeRenderer(schema, self.names)
        self.order = ordering.order_definitions(schema)
        self.recursive = self.order.recursive
        #: Property keys by wire name: the same names recur in many models.
        self._keys: dict[str, str] = {}

    def declarations(self) -> list[str]:
        out: list[str] = []
        for def_id in self.order.order:
            definition = self.schema.definitions[def_id]
            out.append(self.declare(definition, "output"))
            if self.names.has_input(def_id):
                out.append(self.declare(definition, "input"))
        return out

    def declare(self, definition: ir.Definition, direction: Direction) -> str:
        name = self.names.name(definition.id, direction)
        match definition:
            case ir.ModelDef():
                return self.interface(definition, name, direction)
            case ir.AliasDef(type=type_, type_params=params):
                self.types.inline_maps = definition.id in self.recursive
                rendered = self.types.render(type_, direction)
                self.types.inline_maps = False
                return (
                    f"{self.doc(definition.docs)}export type {name}{_params(params)} "
                    f"= {rendered};"
                )
            case ir.EnumDef():
                return self.enum(definition, name)
            case _:
                assert_never(definition)

    def doc(
        self, docs: ir.Docs, extra: list[str] | None = None, indent: str = ""
    ) -> str:
        return jsdoc(docs, extra, indent) if self.options.docs else ""

    def interface(self, model: ir.ModelDef, name: str, direction: Direction) -> str:
        lines = [f"{self.doc(model.docs)}export interface {name}"]
        lines[0] += f"{_params(model.type_params)} {{"
        # A frozen model's instances cannot change, so what the server sends
        # is read-only. The request shape (`XInput`) is what a client builds
        # and may fill in step by step: it stays writable. Where one shape
        # serves both directions it is the response shape too, and readonly
        # keys do not stop a client from writing an object literal. The Zod
        # target matches (`.readonly()` on the response schema).
        readonly = "readonly " if model.frozen and direction == "output" else ""
        fields = shapes.fields_in(model, direction, self.schema)
        for shaped in fields:
            extra = []
            f = shaped.field
            if direction == "input" and f.default_is_literal:
                extra.append(f"@default {literal_json(f.default)}")
            doc = self.doc(f.docs, extra, indent="  ")
            key = self.property_key(shaped.wire_name)
            mark = "?" if shaped.optional else ""
            rendered = self.types.render(shaped.type, direction)
            lines.append(f"{doc}  {readonly}{key}{mark}: {rendered};")
        if model.extra == "allow":
            # pydantic keeps unknown keys and writes them back.
            lines.append("  [key: string]: unknown;")
        elif not fields:
            # No keys at all: `{}` in TypeScript admits any value but null
            # (even a string), and Zod infers `Record<string, never>` for an
            # empty object. This says the same: an object without keys
            # (pydantic ignores unknown ones, or rejects them under forbid).
            lines.append("  [key: string]: never;")
        lines.append("}")
        return "\n".join(lines)

    def property_key(self, wire_name: str) -> str:
        """`naming.property_key`, once per wire name."""
        key = self._keys.get(wire_name)
        if key is None:
            key = self._keys[wire_name] = naming.property_key(wire_name)
        return key

    def enum(self, enum: ir.EnumDef, name: str) -> str:
        doc = self.doc(enum.docs)
        style = self.options.enum_style
        if style == "union":
            values = " | ".join(literal(m.value) for m in enum.members) or "never"
            return f"{doc}export type {name} = {values};"
        members = [
            f"{self.doc(m.docs, indent='  ')}  {naming.property_key(m.name)}"
            f"{' = ' if style == 'enum' else ': '}{literal(m.value)},"
            for m in enum.members
        ]
        if style == "enum":
            return "\n".join([f"{doc}export enum {name} {{", *members, "}"])
        return "\n".join(
            [
                f"{doc}export const {name} = {{",
                *members,
                "} as const;",
                f"export type {name} = (typeof {name})[keyof typeof {name}];",
            ]
        )


def literal_json(value: ir.JsonValue) -> str:
    """`json.dumps(value, sort_keys=True)`. Asked of every literal default,
    nearly all of them scalars, which are spelled here as `json` spells
    them: `json.dumps` with an option builds an encoder on every call."""
    kind = type(value)
    if kind is str:
        return json.encoder.encode_basestring_ascii(value)
    if kind is bool or value is None:
        return "true" if value is True else "false" if value is False else "null"
    if kind is int:
        return int.__repr__(value)
    return json.dumps(value, sort_keys=True)


def _params(params: tuple[str, ...]) -> str:
    return f"<{', '.join(params)}>" if params else ""


def typescript_file(declarations: list[str]) -> str:
    """The header, then each declaration after a blank line. Spelled here
    rather than in a jinja2 template: the layout is this one line, and
    importing jinja2 cost a cold run 40-70 ms, a hundred times what
    rendering the template took."""
    return HEADER + "\n" + "".join(f"\n{declaration}\n" for declaration in declarations)


def emit(schema: ir.Schema, options: Options) -> Emitted:
    emitter = TypeScriptEmitter(schema, options)
    # The pipeline runs these checks before any emitter; repeating them
    # here keeps a direct `emit()` call from rendering a broken schema.
    problems = [*emitter.name_problems, *check.check_schema(schema)]
    if has_errors(problems):
        return Emitted({}, problems)
    text = typescript_file(emitter.declarations())
    return Emitted({options.out: text})
