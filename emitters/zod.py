"""Zod 4 target: validators that accept what pydantic accepts.

`<Name>Schema` checks what the server sends (the response shape) and
`<Name>InputSchema` what it accepts, only where the two differ. The file
stands alone (it imports only `zod`). Declarations follow the shared
ordering pass; references that close a cycle become getters with an
explicit return type, the pattern Zod 4 documents for recursive objects
(an unannotated getter makes TypeScript give up with "implicitly has type
any" as soon as a record or union sits between the object and itself).

Two kinds of cycle need more: an alias that refers to itself through
aliases only (`Json = str | list[Json] | dict[str, Json]`; getters defer
only inside objects) becomes `z.lazy()`, and a generic definition in a
cycle is a function whose result refers to itself. TypeScript cannot infer
either, so their cycle's types are spelled in the file (`JsonSchemaType`,
`TreeSchemaType<T>`) and the schemas are annotated with them.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from typing import Literal, assert_never

from codegen import ir
from codegen.diagnostics import Diagnostic, has_errors
from codegen.passes import check, naming, ordering, shapes
from codegen.passes.shapes import Direction
from codegen.records import Record, replace
from emitters._common import HEADER, equal_means_same, literal
from emitters._zod_formats import (
    FORMATS,
    HELPERS,
    HTTP_URL_MAX_LENGTH,
    INPUT_ONLY,
    OUTPUT_ONLY,
    PATTERNS,
    Format,
)
from emitters.base import Emitted
from emitters.typescript import Options as TypeScriptOptions
from emitters.typescript import (
    TypeRenderer,
    TypeScriptEmitter,
    map_key_literals,
    named_key,
)

TARGET = "zod"

SCHEMA_SUFFIX = "Schema"

#: Keys that Zod reads through the prototype chain: an optional key named
#: like an `Object.prototype` member is seen as present (a function) when
#: it is absent, so Zod rejects a valid value that leaves it out.
_PROTOTYPE_KEYS = frozenset(
    [
        "constructor",
        "hasOwnProperty",
        "isPrototypeOf",
        "propertyIsEnumerable",
        "toLocaleString",
        "toString",
        "valueOf",
        "__defineGetter__",
        "__defineSetter__",
        "__lookupGetter__",
        "__lookupSetter__",
    ]
)


@dataclass(frozen=True, slots=True)
class Options:
    out: str
    #: Where docs go: `.meta({...})` (title, description, deprecated,
    #: examples; read by z.toJSONSchema), `.describe()` (description
    #: only) or nowhere.
    docs: Literal["meta", "describe", "none"] = "meta"


class Z(Record):
    """A Zod expression and its static type (`z.ZodString`, `typeof
    UserSchema`, ...), needed where a getter's return type is spelled."""

    code: str
    type: str


def schema_name(names: naming.Names, def_id: str, direction: Direction) -> str:
    return names.name(def_id, direction) + SCHEMA_SUFFIX


class ZodRenderer:
    """Spells IR type expressions as Zod schemas, inside one definition."""

    def __init__(
        self,
        schema: ir.Schema,
        names: naming.Names,
        patterns: set[str],
        helpers: set[str] | None = None,
    ) -> None:
        self.schema = schema
        self.names = names
        #: Pattern constants used so far (declared at the top of the file).
        self.patterns = patterns
        #: Helper functions used so far (declared at the top of the file).
        self.helpers: set[str] = set() if helpers is None else helpers
        #: True while rendering the body of a recursive getter.
        self.deferred = False
        #: False while rendering a schema that serves both directions (a
        #: definition without an Input variant): see `ListType` below.
        self.response_only = True
        #: Set while spelling a local type (see LocalTypeRenderer).
        self.params_as_values = False
        #: Spellings already worked out, by type, direction and the three
        #: flags above: fields share a few types over and over. Only types
        #: that `equal_means_same` are remembered. A remembered spelling
        #: has recorded its patterns and helpers already.
        self._spelled: dict[tuple[ir.TypeExpr, Direction, bool, bool, bool], Z] = {}

    def render(self, expr: ir.TypeExpr, direction: Direction) -> Z:
        if isinstance(expr, ir.RefType) and not expr.args:
            # Cheaper to spell than to look up: hashing a type expression
            # runs Python code for every node of it.
            return self.spell(expr, direction)
        key = (
            expr,
            direction,
            self.deferred,
            self.response_only,
            self.params_as_values,
        )
        spelled = self._spelled.get(key)
        if spelled is None:
            spelled = self.spell(expr, direction)
            if equal_means_same(expr):
                self._spelled[key] = spelled
        return spelled

    def spell(self, expr: ir.TypeExpr, direction: Direction) -> Z:
        """`render` without the memo; nested types go through `render`."""
        match expr:
            case ir.PrimitiveType(name=name, constraints=constraints):
                return self.primitive(name, constraints, direction)
            case ir.AnyType():
                return Z("z.unknown()", "z.ZodUnknown")
            case ir.NullType():
                return Z("z.null()", "z.ZodNull")
            case ir.LiteralType(values=values):
                # Dedupe on the spelling: True == 1 in Python, not in JSON.
                lits = list(dict.fromkeys(literal(v) for v in values))
                if len(lits) == 1:
                    return Z(f"z.literal({lits[0]})", f"z.ZodLiteral<{lits[0]}>")
                return Z(
                    f"z.literal([{', '.join(lits)}])",
                    f"z.ZodLiteral<{' | '.join(lits)}>",
                )
            case ir.ListType(item=item, unique=unique, constraints=constraints):
                inner = self.render(item, direction)
                code = f"z.array({inner.code})" + _sizes(constraints)
                if unique and direction == "output" and self.response_only:
                    # What pydantic writes for a set has distinct items. It
                    # reads duplicates and drops them, so request schemas,
                    # and schemas that serve both directions, accept them.
                    self.helpers.add("uniqueItems")
                    code += '.refine(uniqueItems, "items must be unique")'
                return Z(code, f"z.ZodArray<{inner.type}>")
            case ir.TupleType(items=items):
                if not items:
                    return Z("z.tuple([])", "z.ZodTuple<[], null>")
                rendered = [self.render(i, direction) for i in items]
                return Z(
                    f"z.tuple([{', '.join(r.code for r in rendered)}])",
                    f"z.ZodTuple<[{', '.join(r.type for r in rendered)}], null>",
                )
            case ir.MapType(key=key, value=value, constraints=constraints):
                return self.map(key, value, constraints, direction)
            case ir.UnionType(members=members, discriminator=tag):
                return self.union(members, tag, direction)
            case ir.RefType(target=target, args=args):
                name = schema_name(self.names, target, direction)
                if not args:
                    return Z(name, f"typeof {name}")
                rendered = [self.render(a, direction) for a in args]
                return Z(
                    f"{name}({', '.join(r.code for r in rendered)})",
                    f"ReturnType<typeof {name}<{', '.join(r.type for r in rendered)}>>",
                )
            case ir.TypeParamType(name=name):
                if self.params_as_values:
                    return Z(name, f"z.ZodType<{name}, {name}>")
                return Z(name, name)
            case _:
                assert_never(expr)

    def use(self, fmt: Format) -> Z:
        if fmt.pattern:
            self.patterns.add(fmt.pattern)
        return Z(fmt.code, fmt.type)

    def primitive(
        self, name: ir.PrimitiveName, c: ir.Constraints, direction: Direction
    ) -> Z:
        if name in shapes.DIRECTIONAL_PRIMITIVES:
            table = OUTPUT_ONLY if direction == "output" else INPUT_ONLY
            base = self.use(table[name])
            if name == "decimal":
                # Both directions: pydantic writes the validated value, so
                # its limits hold in responses too.
                return Z(base.code + self.decimal_checks(c), base.type)
            return base
        base = self.use(FORMATS[name])
        if name in ("int", "float"):
            return Z(base.code + _bounds(c) + self.multiple_of(name, c), base.type)
        if name == "http_url":
            # The format's own limit and the field's, as one `.max()`.
            limit = min(HTTP_URL_MAX_LENGTH, c.max_length or HTTP_URL_MAX_LENGTH)
            c = replace(c, max_length=limit)
        return Z(base.code + _string_checks(c), base.type)

    def multiple_of(self, name: ir.PrimitiveName, c: ir.Constraints) -> str:
        step = c.multiple_of
        if step is None:
            return ""
        message = f'"must be a multiple of {_num(step)}"'
        if name == "int":
            # pydantic checks ints exactly (the step must be integral); `%`
            # is exact on safe integers, the only ones JSON.parse keeps.
            return f".refine((value) => value % {_num(step)} === 0, {message})"
        self.helpers.add("floatMultipleOf")
        return f".refine((value) => floatMultipleOf(value, {_num(step)}), {message})"

    def decimal_checks(self, c: ir.Constraints) -> str:
        out = _decimal_bounds(c)
        if c.multiple_of is not None:
            self.helpers.add("decimalMultipleOf")
            step = _num(c.multiple_of)
            out += (
                f".refine((value) => decimalMultipleOf(value, {json.dumps(step)}), "
                f'"must be a multiple of {step}")'
            )
        if c.max_digits is not None or c.decimal_places is not None:
            self.helpers.add("decimalFits")
            out += (
                f".refine((value) => decimalFits(value, {_opt(c.max_digits)}, "
                f"{_opt(c.decimal_places)}), "
                f'"{_digits_message(c.max_digits, c.decimal_places)}")'
            )
        return out

    def map(
        self,
        key: ir.TypeExpr,
        value: ir.TypeExpr,
        constraints: ir.Constraints,
        direction: Direction,
    ) -> Z:

        rendered = self.render(value, direction)
        keys = map_key_literals(self.schema, key)
        if keys is not None and named_key(self.schema, key):
            # Every key optional: pydantic accepts any subset of them.
            key_z = self.render(key, direction)
            code = f"z.partialRecord({key_z.code}, {rendered.code})"
            type_ = f"z.ZodRecord<{key_z.type} & z.core.$partial, {rendered.type}>"
        elif keys is not None:
            # Every key optional: pydantic accepts any subset of them.
            members = ", ".join(literal(k) for k in keys)
            record = "; ".join(f"{naming.property_key(k)}: {literal(k)}" for k in keys)
            key_z = Z(f"z.enum([{members}])", f"z.ZodEnum<{{ {record} }}>")
            code = f"z.partialRecord({key_z.code}, {rendered.code})"
            type_ = f"z.ZodRecord<{key_z.type} & z.core.$partial, {rendered.type}>"
        else:
            key_z = self.map_key(key, direction)
            code = f"z.record({key_z.code}, {rendered.code})"
            type_ = f"z.ZodRecord<{key_z.type}, {rendered.type}>"
        if constraints.min_length is not None:
            code += (
                f".refine((map) => Object.keys(map).length >= "
                f"{constraints.min_length}, "
                f'"at least {constraints.min_length} keys")'
            )
        if constraints.max_length is not None:
            code += (
                f".refine((map) => Object.keys(map).length <= "
                f"{constraints.max_length}, "
                f'"at most {constraints.max_length} keys")'
            )
        return Z(code, type_)

    def map_key(self, key: ir.TypeExpr, direction: Direction) -> Z:
        if isinstance(key, ir.PrimitiveType) and key.name == "int":
            self.patterns.add("INT_KEY_PATTERN")
            return Z("z.string().regex(INT_KEY_PATTERN)", "z.ZodString")
        if isinstance(key, ir.RefType):
            target = self.schema.definitions[key.target]
            if isinstance(target, ir.AliasDef):
                return self.map_key(target.type, direction)
        return self.render(key, direction)

    def union(
        self, members: tuple[ir.TypeExpr, ...], tag: str | None, direction: Direction
    ) -> Z:
        nullable = any(isinstance(m, ir.NullType) for m in members)
        rest = [m for m in members if not isinstance(m, ir.NullType)]
        rendered = list(
            {r.code: r for r in (self.render(m, direction) for m in rest)}.values()
        )
        if not rendered:
            return Z("z.null()", "z.ZodNull")
        if len(rendered) == 1:
            inner = rendered[0]
        elif tag is not None:
            inner = Z(
                f"z.discriminatedUnion({json.dumps(tag)}, "
                f"[{', '.join(r.code for r in rendered)}])",
                f"z.ZodDiscriminatedUnion<[{', '.join(r.type for r in rendered)}], "
                f"{json.dumps(tag)}>",
            )
        else:
            inner = Z(
                f"z.union([{', '.join(r.code for r in rendered)}])",
                f"z.ZodUnion<readonly [{', '.join(r.type for r in rendered)}]>",
            )
        if nullable and self.deferred:
            # Inside a recursive getter `.nullable()` makes TypeScript infer
            # `unknown` for an optional key when the schema is used from
            # another module; the equivalent union infers correctly.
            return Z(
                f"z.union([{inner.code}, z.null()])",
                f"z.ZodUnion<readonly [{inner.type}, z.ZodNull]>",
            )
        if nullable:
            return Z(f"{inner.code}.nullable()", f"z.ZodNullable<{inner.type}>")
        return inner


def _num(value: float) -> str:
    return json.dumps(value)


def _opt(value: int | None) -> str:
    return "null" if value is None else str(value)


def _digits_message(max_digits: int | None, decimal_places: int | None) -> str:
    parts = []
    if max_digits is not None:
        parts.append(f"at most {max_digits} digits")
    if decimal_places is not None:
        parts.append(f"at most {decimal_places} decimal places")
    if max_digits is not None and decimal_places is not None:
        whole = max(max_digits - decimal_places, 0)
        parts.append(f"at most {whole} before the point")
    return ", ".join(parts)


def _bounds(c: ir.Constraints) -> str:
    out = ""
    for attr, method in (
        ("gt", "gt"),
        ("ge", "gte"),
        ("lt", "lt"),
        ("le", "lte"),
    ):
        value = getattr(c, attr)
        if value is not None:
            out += f".{method}({_num(value)})"
    return out


def _decimal_bounds(c: ir.Constraints) -> str:
    checks = []
    for attr, op in (("gt", ">"), ("ge", ">="), ("lt", "<"), ("le", "<=")):
        value = getattr(c, attr)
        if value is not None:
            checks.append(f"Number(value) {op} {_num(value)}")
    if not checks:
        return ""
    return f'.refine((value) => {" && ".join(checks)}, "out of range")'


def _sizes(c: ir.Constraints) -> str:
    out = ""
    if c.min_length is not None:
        out += f".min({c.min_length})"
    if c.max_length is not None:
        out += f".max({c.max_length})"
    return out


def _string_checks(c: ir.Constraints) -> str:
    out = _sizes(c)
    if c.pattern is not None:
        # pydantic searches (not full-matches) the pattern, as RegExp.test
        # does; a string source avoids escaping `/`.
        out += f".regex(new RegExp({json.dumps(python_regex_to_js(c.pattern))}))"
    return out


def python_regex_to_js(pattern: str) -> str:
    """The common Python-only spellings, in JavaScript syntax."""
    return (
        pattern.replace("(?P<", "(?<")
        .replace("\\A", "^")
        .replace("\\Z", "$")
        .replace("\\z", "$")
    )


def _params(params: tuple[str, ...]) -> str:
    return f"<{', '.join(params)}>" if params else ""


def local_type_name(names: naming.Names, def_id: str, direction: Direction) -> str:
    """The TypeScript type declared beside a lazy schema (`JsonSchemaType`):
    named after the schema, so it cannot clash with the TypeScript
    target's `Json` when both files are re-exported together."""
    return schema_name(names, def_id, direction) + "Type"


class LocalTypeRenderer(TypeRenderer):
    """TypeScript types spelled inside the Zod file, for the schemas whose
    type must be written out. A reference to another lazy alias uses its
    local type; any other reference asks Zod (`z.output<typeof XSchema>`,
    `z.input<...>` on the request side), so the file still stands alone."""

    def __init__(
        self,
        schema: ir.Schema,
        names: naming.Names,
        zod: ZodRenderer,
        local: frozenset[str],
    ) -> None:
        super().__init__(schema, names)
        self.zod = zod
        self.local = local
        self.inline_maps = True

    def render(self, expr: ir.TypeExpr, direction: Direction) -> str:
        if isinstance(expr, ir.RefType):
            if expr.target in self.local:
                name = local_type_name(self.names, expr.target, direction)
                if not expr.args:
                    return name
                args = ", ".join(self.render(a, direction) for a in expr.args)
                return f"{name}<{args}>"
            wrap = "z.output" if direction == "output" else "z.input"
            # Here a type parameter stands for a value type, where Zod's
            # generic schemas take a schema type.
            self.zod.params_as_values = True
            try:
                return f"{wrap}<{self.zod.render(expr, direction).type}>"
            finally:
                self.zod.params_as_values = False
        # Not memoised: how a reference is spelled here depends on the
        # Zod renderer's state. Only cycles come here, and rarely.
        return self.spell(expr, direction)


class ZodEmitter:
    def __init__(self, schema: ir.Schema, options: Options) -> None:
        self.schema = schema
        self.options = options
        self.differing = shapes.differing_definitions(schema)
        self.names, name_problems = naming.assign_names(schema, self.differing)
        self.problems: list[Diagnostic] = [*name_problems, *check.check_schema(schema)]
        self.order = ordering.order_definitions(schema)
        self.patterns: set[str] = set()
        self.helpers: set[str] = set()
        self.types = ZodRenderer(schema, self.names, self.patterns, self.helpers)
        #: Aliases that refer to themselves through aliases only: Zod's
        #: getters only defer inside objects, so these are `z.lazy()` with
        #: their type spelled out (TypeScript cannot infer a schema's type
        #: from its own initialiser).
        self.lazy = frozenset(
            def_id
            for def_id in self.order.recursive
            if isinstance(alias := schema.definitions[def_id], ir.AliasDef)
            and self._alias_only_cycle(alias)
        )
        #: Every definition of a cycle that holds a lazy alias gets its type
        #: spelled (`XSchemaType`): the lazy alias's type names them, and
        #: naming them through `z.output<typeof XSchema>` would make the
        #: type depend on itself.
        #: Likewise every definition of a cycle that holds a generic one: a
        #: generic schema is a function, and a function whose result
        #: refers to itself needs its result type written down.
        self.local = frozenset(
            member
            for def_id in self.order.recursive
            if def_id in self.lazy
            or getattr(schema.definitions[def_id], "type_params", ())
            for member in self.order.cycle_members(def_id)
        )
        self.local_types = LocalTypeRenderer(schema, self.names, self.types, self.local)
        #: Property keys by wire name: the same names recur in many models.
        self._keys: dict[str, str] = {}

    @functools.cached_property
    def local_interfaces(self) -> TypeScriptEmitter:
        """Interfaces for models of `self.local`, spelled by the TypeScript
        target. Built on first use: most schemas have no such cycle, and
        building it runs the shared passes again."""
        emitter = TypeScriptEmitter(self.schema, TypeScriptOptions(out="", docs=False))
        emitter.types = self.local_types
        return emitter

    def declarations(self) -> list[str]:
        out: list[str] = []
        for def_id in self.declaration_order():
            definition = self.schema.definitions[def_id]
            out.append(self.declare(definition, "output"))
            if self.names.has_input(def_id):
                out.append(self.declare(definition, "input"))
        patterns = [
            f"const {name} = {PATTERNS[name]};" for name in sorted(self.patterns)
        ]
        helpers = [HELPERS[name] for name in sorted(self.helpers)]
        return (
            (["\n".join(patterns)] if patterns else [])
            + (["\n\n".join(helpers)] if helpers else [])
            + out
        )

    def declaration_order(self) -> list[str]:
        """The shared order, with each cycle arranged so that no constant is
        read before it is declared: models first (their references into
        the cycle are getters), then lazy aliases (their references are
        deferred too), then the other aliases, each after the aliases it
        names directly (they read those constants at once)."""
        out: list[str] = []
        for component in self.order.components:
            definitions = [self.schema.definitions[i] for i in component]
            models = [d.id for d in definitions if not isinstance(d, ir.AliasDef)]
            lazy = [i for i in component if i in self.lazy]
            waiting = [
                d.id
                for d in definitions
                if isinstance(d, ir.AliasDef) and d.id not in self.lazy
            ]
            aliases: list[str] = []
            while waiting:
                ready = next(
                    (
                        i
                        for i in waiting
                        if not (
                            ordering.references(self.schema.definitions[i])
                            & (set(waiting) - {i})
                        )
                    ),
                    waiting[0],  # not reached: such a cycle is lazy
                )
                aliases.append(ready)
                waiting.remove(ready)
            out.extend([*models, *lazy, *aliases])
        return out

    def _alias_only_cycle(self, alias: ir.AliasDef) -> bool:
        """Is there a path alias -> ... -> alias through aliases only?"""
        members = set(self.order.cycle_members(alias.id))
        seen: set[str] = set()
        stack = [alias.id]
        while stack:
            current = self.schema.definitions[stack.pop()]
            if not isinstance(current, ir.AliasDef):
                continue
            for target in ordering.references(current):
                if target == alias.id:
                    return True
                if target in members and target not in seen:
                    seen.add(target)
                    stack.append(target)
        return False

    def declare(self, definition: ir.Definition, direction: Direction) -> str:
        self.types.response_only = self.names.has_input(definition.id)
        try:
            return self._declare(definition, direction)
        finally:
            self.types.response_only = True

    def _declare(self, definition: ir.Definition, direction: Direction) -> str:
        name = schema_name(self.names, definition.id, direction)
        prefix = ""
        match definition:
            case ir.ModelDef(frozen=frozen):
                if definition.id in self.local:
                    prefix = self.local_interfaces.interface(
                        definition,
                        local_type_name(self.names, definition.id, direction),
                        direction,
                    )
                    prefix += "\n\n"
                body = self.object(definition, direction)
                if frozen and direction == "output":
                    # As in the TypeScript target: a frozen model's response
                    # shape is read-only; the request shape is built by the
                    # client, so it stays writable.
                    body += ".readonly()"
                body += self.meta(definition.docs)
            case ir.AliasDef(type=type_, type_params=params) if (
                definition.id in self.local
            ):
                type_name = local_type_name(self.names, definition.id, direction)
                spelled = self.local_types.render(type_, direction)
                prefix = f"export type {type_name}{_params(params)} = {spelled};\n\n"
                body = self.types.render(type_, direction).code
                if definition.id in self.lazy:
                    body = f"z.lazy(() => {body})"
                body += self.meta(definition.docs)
            case ir.AliasDef(type=type_):
                body = self.types.render(type_, direction).code + self.meta(
                    definition.docs
                )
            case ir.EnumDef(members=members, value_type=value_type):
                values = [literal(m.value) for m in members]
                if not values:
                    body = "z.never()"
                elif value_type == "str":
                    body = f"z.enum([{', '.join(values)}])"
                else:
                    body = f"z.literal([{', '.join(values)}])"
                body += self.meta(definition.docs)
            case _:
                assert_never(definition)
        params: tuple[str, ...] = getattr(definition, "type_params", ())
        annotation = ""
        if definition.id in self.local and not isinstance(definition, ir.EnumDef):
            # The type of a schema in a cycle that TypeScript cannot infer
            # (see `self.local`), from the local type: a generic's result
            # with its arguments' output and input types.
            type_name = local_type_name(self.names, definition.id, direction)
            out_args = ", ".join(f"z.output<{p}>" for p in params)
            in_args = ", ".join(f"z.input<{p}>" for p in params)
            annotation = (
                f": z.ZodType<{type_name}<{out_args}>, {type_name}<{in_args}>>"
                if params
                else f": z.ZodType<{type_name}, {type_name}>"
            )
        if params and annotation and isinstance(definition, ir.ModelDef):
            # Zod infers a generic object's type through conditional types
            # that TypeScript cannot relate to the model's type while the
            # parameters are open (it reports the keys as missing), so the
            # object is asserted to be what the local interface says. That
            # interface comes from the TypeScript target's renderer, whose
            # agreement with Zod's inference the tests prove on every
            # non-generic shape; the runtime checks are Zod's own.
            body = f"({body}) as unknown as {annotation[2:]}"
        if params:
            generics = ", ".join(f"{p} extends z.ZodType" for p in params)
            args = ", ".join(f"{p}: {p}" for p in params)
            return (
                f"{prefix}export const {name} = <{generics}>({args}){annotation} =>\n  "
                + body.replace("\n", "\n  ")
                + ";"
            )
        if isinstance(definition, ir.ModelDef):
            # A model keeps its inferred object type (getters defer its
            # references); only lazy aliases and generics need the annotation.
            annotation = ""
        return f"{prefix}export const {name}{annotation} = {body};"

    def object(self, model: ir.ModelDef, direction: Direction) -> str:
        constructor = {
            "forbid": "z.strictObject",
            "allow": "z.looseObject",
            "ignore": "z.object",
        }[model.extra]
        lines = []
        # Only a model in a cycle has references to defer.
        in_cycle = model.id in self.order.recursive
        for shaped in shapes.fields_in(model, direction, self.schema):
            deferred = in_cycle and ordering.uses_cycle(
                self.order, model.id, shaped.type
            )
            self.types.deferred = deferred
            rendered = self.types.render(shaped.type, direction)
            self.types.deferred = False
            code = rendered.code + self.meta(shaped.field.docs)
            if shaped.optional:
                self._check_prototype_key(model, shaped)
                code = f"{code}.optional()"
            key = self._keys.get(shaped.wire_name)
            if key is None:
                key = self._keys[shaped.wire_name] = naming.property_key(
                    shaped.wire_name
                )
            if deferred:
                # A getter spells its return type (see the module docstring).
                type_ = rendered.type
                if shaped.optional:
                    type_ = f"z.ZodOptional<{type_}>"
                lines.append(f"  get {key}(): {type_} {{\n    return {code};\n  }},")
            else:
                lines.append(f"  {key}: {code},")
        if not lines:
            return f"{constructor}({{}})"
        return f"{constructor}({{\n" + "\n".join(lines) + "\n})"

    def _check_prototype_key(
        self, model: ir.ModelDef, shaped: shapes.ShapeField
    ) -> None:
        if shaped.wire_name in _PROTOTYPE_KEYS:
            self.problems.append(
                Diagnostic(
                    code="TP203",
                    severity="warning",
                    message=f"optional key {shaped.wire_name!r} of {model.id}: Zod "
                    "reads the inherited Object.prototype member when the key is "
                    "absent, so values without it are rejected",
                    hint="give the field another alias",
                    location=shaped.field.location or model.location,
                    target=TARGET,
                )
            )

    def meta(self, docs: ir.Docs) -> str:
        style = self.options.docs
        if style == "none" or docs is ir.NO_DOCS or docs == ir.NO_DOCS:
            return ""
        if style == "describe":
            return (
                f".describe({json.dumps(docs.description)})" if docs.description else ""
            )
        entries = []
        if docs.title:
            entries.append(f"title: {json.dumps(docs.title)}")
        description = docs.description
        if isinstance(docs.deprecated, str) and docs.deprecated:
            # JSON Schema's `deprecated` is a boolean; the reason goes with
            # the description so it is not lost.
            note = f"Deprecated: {docs.deprecated}"
            description = f"{description}\n\n{note}" if description else note
        if description:
            entries.append(f"description: {json.dumps(description)}")
        if docs.deprecated is not None and docs.deprecated is not False:
            entries.append("deprecated: true")
        if docs.examples:
            entries.append(
                f"examples: {json.dumps(list(docs.examples), sort_keys=True)}"
            )
        return f".meta({{ {', '.join(entries)} }})" if entries else ""


def emit(schema: ir.Schema, options: Options) -> Emitted:
    emitter = ZodEmitter(schema, options)
    if has_errors(emitter.problems):
        return Emitted({}, emitter.problems)
    declarations = emitter.declarations()
    if has_errors(emitter.problems):
        return Emitted({}, emitter.problems)
    # The header and the import, then each declaration after a blank line
    # (see `typescript_file`).
    text = f'{HEADER}\n\nimport {{ z }} from "zod";\n' + "".join(
        f"\n{declaration}\n" for declaration in declarations
    )
    return Emitted({options.out: text}, emitter.problems)
