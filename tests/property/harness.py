"""Compiling a generated package, importing it in isolation, and asking
every judge (pydantic, pydantic's JSON Schema, typepact's OpenAPI schema,
typepact's Zod schemas) about JSON values."""

from __future__ import annotations

import contextlib
import copy
import importlib
import json
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

import codegen
from codegen import ir
from tests.node_validator import NodeValidator
from tests.property.genir import GenPackage
from tests.property.render import write_project
from tests.property.values import is_float_multiple

#: The wrapper module that lets one Node request validate values against
#: several exports: each value is {"schema": export, "value": JSON}.
BATCH_MODULE = "property_batch.ts"
BATCH_EXPORT = "PropertyBatch"

FORMAT_CHECKER = jsonschema.Draft202012Validator.FORMAT_CHECKER


def _naive_or_rfc3339(instance: object) -> bool:
    if not isinstance(instance, str):
        return True
    if FORMAT_CHECKER.conforms(instance, "date-time"):
        return True
    return FORMAT_CHECKER.conforms(instance + "Z", "date-time")


#: The same checks, except that `date-time` also takes a naive datetime
#: (RFC 3339 without an offset), which pydantic reads and writes: see
#: docs/agreement.md, "naive datetimes".
NAIVE_FORMAT_CHECKER = copy.deepcopy(FORMAT_CHECKER)
NAIVE_FORMAT_CHECKER.checks("date-time")(_naive_or_rfc3339)


@dataclass(frozen=True, slots=True)
class SchemaJudge:
    """A JSON Schema, checked twice: with RFC 3339 `date-time`, and with
    naive datetimes allowed."""

    strict: jsonschema.Draft202012Validator
    naive: jsonschema.Draft202012Validator
    #: Naive datetimes allowed, and `multipleOf` judged with pydantic's
    #: float tolerance (known.MULTIPLE_OF_TOLERANCE).
    tolerant: jsonschema.Draft202012Validator

    def verdict(self, value: Any) -> tuple[bool, bool]:
        """(accepted when naive datetimes are allowed, strict verdict)."""
        if self.strict.is_valid(value):
            return True, True
        return self.naive.is_valid(value), False

    def errors(self, value: Any) -> str:
        return "; ".join(e.message for e in self.naive.iter_errors(value))


@dataclass(slots=True)
class Project:
    package: GenPackage
    root: Path
    source: str
    result: codegen.CompileResult
    document: dict[str, Any]
    zod_exports: set[str]

    @property
    def batch_module(self) -> Path:
        return self.root / "out" / BATCH_MODULE

    def errors(self) -> list[str]:
        return [
            d.format_text() for d in self.result.diagnostics if d.severity == "error"
        ]

    # -- names --------------------------------------------------------------

    def zod_name(self, model: str, side: str) -> str:
        if side == "input" and f"{model}InputSchema" in self.zod_exports:
            return f"{model}InputSchema"
        return f"{model}Schema"

    def component(self, model: str, side: str) -> str:
        components = self.document["components"]["schemas"]
        split = f"{model}-{'Input' if side == 'input' else 'Output'}"
        return split if split in components else model


@contextlib.contextmanager
def project(
    package: GenPackage, base: Path | None = None, protobuf: bool = False
) -> Iterator[Project]:
    """Write, compile and (for Node) lay out a generated package; removed
    afterwards."""
    root = Path(tempfile.mkdtemp(prefix="tp-prop-", dir=base))
    try:
        models = write_project(package, root, protobuf)
        config = codegen.load_config(root / "pyproject.toml")
        result = codegen.compile(config)
        out = root / "out"
        out.mkdir(exist_ok=True)
        for rel, text in result.files.items():
            if rel.startswith("out/"):
                (root / rel).write_text(text, encoding="utf-8")
        zod_text = result.files.get("out/schemas.ts", "")
        exports = set(_EXPORT.findall(zod_text))
        (out / BATCH_MODULE).write_text(
            _batch_source(sorted(exports)), encoding="utf-8"
        )
        document = json.loads(result.files.get("out/openapi.json", "{}") or "{}")
        yield Project(
            package, root, models.read_text("utf-8"), result, document, exports
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)


_EXPORT = re.compile(r"^export const (\w+Schema)\b", re.MULTILINE)


def _batch_source(exports: list[str]) -> str:
    table = ",\n".join(
        f"  {name}: S.{name}" for name in exports if not _is_generic(name)
    )
    return (
        'import * as S from "./schemas";\n\n'
        f"const table: Record<string, any> = {{\n{table}\n}};\n\n"
        f"export const {BATCH_EXPORT} = {{\n"
        "  safeParse(entry: { schema: string; value: unknown }) {\n"
        "    return table[entry.schema].safeParse(entry.value);\n"
        "  },\n"
        "};\n"
    )


def _is_generic(name: str) -> bool:
    return name == "BoxSchema" or name == "BoxInputSchema"


@contextlib.contextmanager
def imported(package: GenPackage, root: Path) -> Iterator[Any]:
    """Import the generated models module, and forget it afterwards."""
    folder = str(root / "input")
    sys.path.insert(0, folder)
    try:
        yield importlib.import_module(package.module)
    finally:
        sys.path.remove(folder)
        for name in [m for m in sys.modules if m.split(".")[0] == package.name]:
            del sys.modules[name]
        importlib.invalidate_caches()


# --------------------------------------------------------------------------
# Judges
# --------------------------------------------------------------------------


def _pydantic_multiple_of(validator: Any, step: Any, instance: Any, schema: Any) -> Any:
    """pydantic-core's float rule: within 1e-9 of step times the quotient
    rounded half away from zero."""
    if not validator.is_type(instance, "number") or isinstance(instance, int):
        yield from _EXACT_MULTIPLE_OF(validator, step, instance, schema)
        return
    if not is_float_multiple(instance, step):
        yield jsonschema.ValidationError(f"{instance} is not a multiple of {step}")


_EXACT_MULTIPLE_OF = jsonschema.Draft202012Validator.VALIDATORS["multipleOf"]
_TOLERANT = jsonschema.validators.extend(
    jsonschema.Draft202012Validator, {"multipleOf": _pydantic_multiple_of}
)


def _judge(schema: dict[str, Any]) -> SchemaJudge:
    resource = Resource.from_contents(schema, default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource("urn:model", resource)
    return SchemaJudge(
        *(
            jsonschema.Draft202012Validator(
                schema, registry=registry, format_checker=checker
            )
            for checker in (FORMAT_CHECKER, NAIVE_FORMAT_CHECKER)
        ),
        _TOLERANT(schema, registry=registry, format_checker=NAIVE_FORMAT_CHECKER),
    )


def openapi_validator(document: dict[str, Any], component: str) -> SchemaJudge:
    """typepact's component, with the document's components beside it."""
    return _judge(
        {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$ref": f"#/components/schemas/{component}",
            "components": document["components"],
        }
    )


def pydantic_schema_validator(model: Any) -> SchemaJudge:
    """pydantic's own `model_json_schema(mode="validation")`."""
    return _judge(model.model_json_schema(mode="validation"))


def pydantic_accepts(model: Any, value: Any) -> tuple[bool, Any]:
    """(accepted, instance or error text)."""
    from pydantic import ValidationError

    try:
        return True, model.model_validate_json(json.dumps(value))
    except ValidationError as exc:
        return False, exc


def zod_batch(
    validator: NodeValidator, project: Project, entries: list[tuple[str, Any]]
) -> list[bool]:
    """One Node request for every (export, value) pair of an example."""
    if not entries:
        return []
    values = [{"schema": name, "value": value} for name, value in entries]
    outcomes = validator.validate(project.batch_module, BATCH_EXPORT, values)
    return [o.success for o in outcomes]


def model_class(module: Any, definition: ir.ModelDef) -> Any:
    return getattr(module, definition.name)
