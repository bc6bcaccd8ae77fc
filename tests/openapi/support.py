"""Shared by the OpenAPI tests: which projects configure the target, their
compiled documents, and pydantic's own schema for the same classes.

A project is a folder with a pyproject.toml and an `input/` folder, laid out
like a golden case: every golden case that configures `openapi`, and the
fixtures in tests/openapi/fixtures/.
"""

from __future__ import annotations

import datetime
import decimal
import functools
import ipaddress
import json
import tomllib
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from codegen import ir
from codegen.passes import generics
from emitters import openapi
from tests.golden_support import GoldenCase, ImportedCase, discover_cases

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def openapi_out(root: Path) -> str | None:
    data = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))
    table = data["tool"]["typepact"].get("targets", {}).get("openapi")
    return None if table is None else str(table["out"])


def projects() -> list[GoldenCase]:
    """Golden cases with an `openapi` target (the lead adds it to them),
    then the fixtures here."""
    golden = [
        c
        for c in discover_cases()
        if not c.expects_errors and openapi_out(c.root) is not None
    ]
    fixtures = [
        GoldenCase(f"openapi/{p.parent.name}", p.parent)
        for p in sorted(FIXTURES.glob("*/pyproject.toml"))
    ]
    return golden + fixtures


@dataclass(frozen=True, slots=True)
class Compiled:
    document: dict[str, Any]
    text: str
    out: str
    schema: ir.Schema


@functools.cache
def compile_project(case: GoldenCase) -> Compiled:
    import codegen

    result = codegen.compile(codegen.load_config(case.root / "pyproject.toml"))
    errors = [d.format_text() for d in result.diagnostics if d.severity == "error"]
    assert not errors, "\n".join(errors)
    out = openapi_out(case.root)
    assert out is not None and result.schema is not None
    text = result.files[out]
    document = yaml.safe_load(text) if openapi.is_yaml(out) else json.loads(text)
    return Compiled(document, text, out, result.schema)


# --------------------------------------------------------------------------
# pydantic's side
# --------------------------------------------------------------------------

_PYTHON_TYPES: dict[str, Any] = {
    "str": str,
    "int": int,
    "float": float,
    "bool": bool,
    "bytes": bytes,
    "decimal": decimal.Decimal,
    "datetime": datetime.datetime,
    "date": datetime.date,
    "time": datetime.time,
    "timedelta": datetime.timedelta,
    "uuid": uuid.UUID,
    "ipv4": ipaddress.IPv4Address,
    "ipv6": ipaddress.IPv6Address,
}


def python_object(imported: ImportedCase, expr: ir.TypeExpr) -> Any:
    """The Python type a (concrete) IR type expression came from, enough
    for the type arguments golden cases and fixtures use."""
    match expr:
        case ir.RefType(target=target, args=args):
            module_name, _, qualname = target.partition(":")
            value: Any = imported.modules[module_name]
            for part in qualname.split("."):
                value = getattr(value, part)
            if args:
                py_args = tuple(python_object(imported, a) for a in args)
                value = value[py_args if len(py_args) > 1 else py_args[0]]
            return value
        case ir.PrimitiveType(name=name) if name in _PYTHON_TYPES:
            return _PYTHON_TYPES[name]
        case ir.ListType(item=item, unique=unique):
            return (set if unique else list)[python_object(imported, item)]
        case ir.MapType(key=key, value=value):
            return dict[python_object(imported, key), python_object(imported, value)]
        case ir.AnyType():
            return Any
        case _:
            raise NotImplementedError(f"no Python type for {expr!r} in the tests")


def _defaults_required_generator() -> type:
    from pydantic.json_schema import GenerateJsonSchema

    class DefaultsRequired(GenerateJsonSchema):
        """pydantic with `json_schema_serialization_defaults_required=True`
        on every class: a field with a default is always present in a
        response, so the response schema requires it (the setting FastAPI
        documents for exactly this)."""

        def field_is_required(self, field: Any, total: bool) -> bool:
            if self.mode == "serialization":
                return not field.get("serialization_exclude")
            return super().field_is_required(field, total)

    return DefaultsRequired


@dataclass(frozen=True, slots=True)
class PydanticSide:
    #: (instantiation, direction) -> pydantic's schema for it: a bare `$ref`
    #: into `definitions` for named things, inline for aliases pydantic
    #: does not name.
    top: dict[tuple[ir.RefType, str], dict[str, Any]]
    definitions: dict[str, dict[str, Any]]


MODES = {"input": "validation", "output": "serialization"}


def pydantic_schemas(
    imported: ImportedCase, refs: list[ir.RefType], directions: tuple[str, ...]
) -> PydanticSide:
    from pydantic import TypeAdapter

    inputs = []
    for ref in refs:
        adapter = TypeAdapter(python_object(imported, ref))
        for direction in directions:
            mode = MODES[direction]
            inputs.append(((ref, direction), mode, adapter.core_schema))
    generator = _defaults_required_generator()(
        ref_template=openapi.REF_PREFIX + "{model}"
    )
    top, definitions = generator.generate_definitions(inputs=inputs)
    return PydanticSide(
        {key: value for (key, _), value in top.items()}, dict(definitions)
    )


def is_bare_ref(schema: dict[str, Any]) -> bool:
    return list(schema) == ["$ref"]


def ref_name(schema: dict[str, Any]) -> str:
    return str(schema["$ref"]).removeprefix(openapi.REF_PREFIX)


def rename_refs(value: Any, names: dict[str, str]) -> Any:
    if isinstance(value, dict):
        out = {k: rename_refs(v, names) for k, v in value.items()}
        if isinstance(out.get("$ref"), str):
            out["$ref"] = openapi.REF_PREFIX + names.get(ref_name(out), ref_name(out))
        if "mapping" in out and isinstance(out["mapping"], dict):
            out["mapping"] = {
                k: openapi.REF_PREFIX + names.get(v.removeprefix(openapi.REF_PREFIX), v)
                for k, v in out["mapping"].items()
            }
        return out
    if isinstance(value, list):
        return [rename_refs(v, names) for v in value]
    return value


def inline_refs(value: Any, components: dict[str, Any], names: set[str]) -> Any:
    """Replace references to the components in `names` by their schema,
    keeping the referring schema's own keywords (a field's title, default)."""
    if isinstance(value, dict):
        out = {k: inline_refs(v, components, names) for k, v in value.items()}
        if isinstance(out.get("$ref"), str) and ref_name(out) in names:
            target = inline_refs(components[ref_name(out)], components, names)
            siblings = {k: v for k, v in out.items() if k != "$ref"}
            return {**target, **siblings}
        return out
    if isinstance(value, list):
        return [inline_refs(v, components, names) for v in value]
    return value


def differences(expected: Any, actual: Any, path: str = "") -> dict[str, Any]:
    """Path -> (pydantic's value, typepact's value) for every leaf that
    differs; a missing key is `"<absent>"`."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        out: dict[str, Any] = {}
        for key in sorted(set(expected) | set(actual)):
            sub = f"{path}/{key}"
            if key not in expected:
                out[sub] = ("<absent>", actual[key])
            elif key not in actual:
                out[sub] = (expected[key], "<absent>")
            else:
                out.update(differences(expected[key], actual[key], sub))
        return out
    same_length = isinstance(expected, list) and isinstance(actual, list)
    if same_length and len(expected) == len(actual):
        out = {}
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            out.update(differences(e, a, f"{path}/{i}"))
        return out
    if expected == actual and type(expected) is type(actual):
        return {}
    return {path or "/": (expected, actual)}


def instantiations(schema: ir.Schema) -> list[ir.RefType]:
    return generics.instantiations(schema)


@dataclass(frozen=True, slots=True)
class Comparison:
    #: typepact component name -> differences from pydantic's (empty: equal).
    components: dict[str, dict[str, Any]]
    #: typepact component name -> pydantic's name, where they differ.
    renamed: dict[str, str]


def compare(case: GoldenCase, compiled: Compiled) -> Comparison:
    """Each component of typepact's document against pydantic's schema for
    the same class and direction, `$ref` names mapped to typepact's."""
    from tests.golden_support import imported_case

    emitted = compiled.document["components"]["schemas"]
    refs = instantiations(compiled.schema)
    names, _ = openapi.naming.assign_names(compiled.schema)
    options = tomllib.loads((case.root / "pyproject.toml").read_text("utf-8"))
    table = options["tool"]["typepact"].get("targets", {}).get("openapi", {})
    separate = bool(table.get("separate_input_output", True))
    components = openapi.assign_components(compiled.schema, names, separate)
    with imported_case(case) as imported:
        # One schema per class, the request one, when not separate: FastAPI
        # with separate_input_output_schemas=False uses validation mode only.
        side = pydantic_schemas(
            imported, refs, ("input", "output") if separate else ("input",)
        )
    # pydantic's name -> typepact's, per direction (a component pydantic
    # does not split may still be split here, and the other way round).
    ours = {
        (ref, direction): components.name(ref, direction)
        for ref in refs
        for direction in MODES
    }
    rename: dict[str, dict[str, str]] = {d: {} for d in MODES}
    for (ref, direction), schema in side.top.items():
        if is_bare_ref(schema):
            rename[direction][ref_name(schema)] = ours[ref, direction]
    # Aliases pydantic inlines are components here: inline them back.
    unnamed = {
        ours[ref, d] for (ref, d), schema in side.top.items() if not is_bare_ref(schema)
    }
    result: dict[str, dict[str, Any]] = {}
    renamed: dict[str, str] = {}
    for (ref, direction), schema in side.top.items():
        name = ours[ref, direction]
        if name not in emitted:
            continue
        # One component for both directions is compared with both of
        # pydantic's schemas; the response one is keyed `<name> (output)`.
        key = (
            name
            if ours[ref, "input"] != ours[ref, "output"] or (direction == "input")
            else f"{name} (output)"
        )
        if is_bare_ref(schema):
            theirs = side.definitions[ref_name(schema)]
            if ref_name(schema) != name:
                renamed[key] = ref_name(schema)
        else:
            theirs = schema
        expected = rename_refs(theirs, rename[direction])
        actual = inline_refs(emitted[name], emitted, unnamed - {name})
        result[key] = differences(expected, actual)
    return Comparison(result, renamed)
