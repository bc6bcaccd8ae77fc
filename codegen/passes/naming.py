"""Emitted names: one answer for every target.

A definition is emitted as its (possibly renamed) name for the response
shape and `<Name>Input` for the request shape where the two differ. Zod
appends `Schema` to both. Two definitions that would share a name are an
error naming both places: silently overwriting one, or inventing a suffix
the user never asked for, breaks imports in frontend code without warning.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from codegen import ir
from codegen.diagnostics import Diagnostic
from codegen.passes import shapes
from codegen.passes.memo import per_schema

INPUT_SUFFIX = "Input"

#: Words that cannot name a type or a constant in TypeScript/JavaScript:
#: reserved words, strict-mode reserved words, and contextual keywords
#: that are reserved as type names.
RESERVED_WORDS: frozenset[str] = frozenset(
    [
        "break",
        "case",
        "catch",
        "class",
        "const",
        "continue",
        "debugger",
        "default",
        "delete",
        "do",
        "else",
        "enum",
        "export",
        "extends",
        "false",
        "finally",
        "for",
        "function",
        "if",
        "import",
        "in",
        "instanceof",
        "new",
        "null",
        "return",
        "super",
        "switch",
        "this",
        "throw",
        "true",
        "try",
        "typeof",
        "var",
        "void",
        "while",
        "with",
        "implements",
        "interface",
        "let",
        "package",
        "private",
        "protected",
        "public",
        "static",
        "yield",
        "await",
        "arguments",
        "eval",
        "abstract",
        "any",
        "as",
        "asserts",
        "async",
        "bigint",
        "boolean",
        "declare",
        "from",
        "get",
        "infer",
        "intrinsic",
        "is",
        "keyof",
        "module",
        "namespace",
        "never",
        "number",
        "object",
        "of",
        "readonly",
        "require",
        "satisfies",
        "set",
        "string",
        "symbol",
        "type",
        "undefined",
        "unique",
        "unknown",
    ]
)

#: Global types a generated name would shadow; code that uses the real
#: `Record` or `Date` next to a generated one would break confusingly.
PREDEFINED_TYPES: frozenset[str] = frozenset(
    [
        "Array",
        "ReadonlyArray",
        "Record",
        "Partial",
        "Required",
        "Readonly",
        "Pick",
        "Omit",
        "Exclude",
        "Extract",
        "NonNullable",
        "Parameters",
        "ReturnType",
        "InstanceType",
        "Awaited",
        "Promise",
        "PromiseLike",
        "Date",
        "Map",
        "Set",
        "WeakMap",
        "WeakSet",
        "ReadonlyMap",
        "ReadonlySet",
        "Object",
        "Function",
        "String",
        "Number",
        "Boolean",
        "Symbol",
        "BigInt",
        "Error",
        "RegExp",
        "JSON",
        "Math",
        "Uppercase",
        "Lowercase",
        "Capitalize",
        "Uncapitalize",
        "NoInfer",
        "ThisType",
        "Iterable",
        "Iterator",
        "ArrayLike",
        "PropertyKey",
    ]
)

_IDENTIFIER = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")

#: Keys that JavaScript object literals treat specially: `{"__proto__": x}`
#: sets the prototype instead of creating a key, so no object-literal
#: target (Zod shapes, JSON handling in general) can hold it.
UNREPRESENTABLE_KEYS: frozenset[str] = frozenset({"__proto__"})


def is_identifier(name: str) -> bool:
    return _IDENTIFIER.fullmatch(name) is not None


def property_key(wire_name: str) -> str:
    """A property key for an object type or literal: bare when it is an
    identifier (reserved words included: `{ class: string }` is legal),
    otherwise a quoted string."""
    if is_identifier(wire_name):
        return wire_name
    return json.dumps(wire_name)


def string_literal(value: str) -> str:
    """A JS/TS string literal; ASCII-only so output is byte-stable."""
    return json.dumps(value)


@dataclass(frozen=True, slots=True)
class Names:
    """Emitted names of every definition."""

    output: dict[str, str]
    #: Only for definitions whose request shape differs.
    input: dict[str, str]

    def name(self, def_id: str, direction: shapes.Direction) -> str:
        if direction == "input" and def_id in self.input:
            return self.input[def_id]
        return self.output[def_id]

    def has_input(self, def_id: str) -> bool:
        return def_id in self.input


def assign_names(
    schema: ir.Schema,
    differing: frozenset[str] | None = None,
    rename: dict[str, str] | None = None,
) -> tuple[Names, list[Diagnostic]]:
    """Names for every definition, and every clash or reserved word found.

    `rename` maps definition ids to names (`[tool.typepact.rename]`); the
    pipeline usually applies it to the IR already, so it is optional here.
    """
    if not rename and differing in (None, shapes.differing_definitions(schema)):
        names, problems = _default_names(schema)
        return names, list(problems)
    return _assign_names(schema, differing, rename or {})


@per_schema
def _default_names(schema: ir.Schema) -> tuple[Names, tuple[Diagnostic, ...]]:
    """What every emitter asks for: no renames, the schema's own split."""
    names, problems = _assign_names(schema, None, {})
    return names, tuple(problems)


def _assign_names(
    schema: ir.Schema, differing: frozenset[str] | None, rename: dict[str, str]
) -> tuple[Names, list[Diagnostic]]:
    if differing is None:
        differing = shapes.differing_definitions(schema)
    output: dict[str, str] = {}
    inputs: dict[str, str] = {}
    claims: dict[str, list[tuple[str, str]]] = {}
    for def_id, definition in sorted(schema.definitions.items()):
        base = rename.get(def_id, definition.name)
        output[def_id] = base
        claims.setdefault(base, []).append((def_id, "response shape"))
        if def_id in differing:
            inputs[def_id] = base + INPUT_SUFFIX
            claims.setdefault(base + INPUT_SUFFIX, []).append((def_id, "request shape"))

    diagnostics: list[Diagnostic] = []
    for name, owners in sorted(claims.items()):
        if len(owners) > 1:
            diagnostics.append(_clash(schema, name, owners))
    for def_id, definition in sorted(schema.definitions.items()):
        diagnostics.extend(_name_problems(output[def_id], definition))
        if isinstance(definition, ir.ModelDef):
            diagnostics.extend(_key_problems(definition))
    return Names(output, inputs), diagnostics


def check_names(schema: ir.Schema) -> list[Diagnostic]:
    """The naming diagnostics alone (run once by the pipeline, before any
    emitter, so each problem is reported once, not once per target)."""
    return assign_names(schema)[1]


def _where(definition: ir.Definition) -> str:
    loc = definition.location
    where = f"{loc.path}:{loc.line}" if loc else "(no location)"
    return f"{definition.id} at {where}"


def _clash(schema: ir.Schema, name: str, owners: list[tuple[str, str]]) -> Diagnostic:
    described = "; ".join(
        f"{_where(schema.definitions[def_id])} ({role})" for def_id, role in owners
    )
    # Attach it to the last definition (in id order): the first keeps its
    # name in the user's mind, the newcomer is what needs renaming.
    last = schema.definitions[owners[-1][0]]
    return Diagnostic(
        code="TP201",
        message=f"{len(owners)} definitions would be emitted as {name!r}: {described}",
        hint="give one of them another name in [tool.typepact.rename], "
        f'e.g. "{owners[-1][0]}" = "{name}2"',
        location=last.location,
    )


def _name_problems(name: str, definition: ir.Definition) -> list[Diagnostic]:
    problems = []
    if name in RESERVED_WORDS or name in PREDEFINED_TYPES:
        kind = "a reserved word" if name in RESERVED_WORDS else "a predefined type"
        problems.append(
            Diagnostic(
                code="TP202",
                message=f"{definition.id} would be emitted as {name!r}, which is "
                f"{kind} in TypeScript",
                hint="give it another name in [tool.typepact.rename]",
                location=definition.location,
            )
        )
    elif not is_identifier(name):
        problems.append(
            Diagnostic(
                code="TP202",
                message=f"{definition.id} would be emitted as {name!r}, which is not "
                "an identifier",
                hint="use letters, digits, `_` and `$` in [tool.typepact.rename]",
                location=definition.location,
            )
        )
    params: tuple[str, ...] = getattr(definition, "type_params", ())
    for param in params:
        if param in RESERVED_WORDS or not is_identifier(param):
            problems.append(
                Diagnostic(
                    code="TP202",
                    message=f"type parameter {param!r} of {definition.id} cannot be "
                    "a TypeScript type parameter name",
                    hint="rename the TypeVar",
                    location=definition.location,
                )
            )
    return problems


def _key_problems(model: ir.ModelDef) -> list[Diagnostic]:
    problems = []
    for f in model.fields:
        if (
            f.input_name not in UNREPRESENTABLE_KEYS
            and f.output_name not in UNREPRESENTABLE_KEYS
        ):
            continue  # nearly every field: spare the sorted set
        for wire in sorted({f.input_name, f.output_name}):
            if wire in UNREPRESENTABLE_KEYS:
                problems.append(
                    Diagnostic(
                        code="TP203",
                        message=f"field {f.name!r} of {model.id} travels as {wire!r}, "
                        "which JavaScript treats as the object's prototype, not a key",
                        hint="give the field another alias",
                        location=f.location or model.location,
                    )
                )
    return problems
