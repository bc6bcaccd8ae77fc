"""Round-trip machinery for the protobuf target: compile a project's .proto
with protoc from grpcio-tools, load the messages into a private descriptor
pool (cases may share file names), and push pydantic's JSON through
protobuf's JSON mapping and back.

The print flags are the contract documented in docs/protobuf.md:
json_name keys (not proto field names) and fields without presence always
printed, so a required `0`, `""` or `[]` survives.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc_tools

from tests.golden_support import (
    BUILTIN_ARGS,
    GoldenCase,
    TypeSpec,
    imported_case,
    load_samples,
)

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
WELL_KNOWN = Path(grpc_tools.__file__).resolve().parent / "_proto"


def print_flags() -> dict[str, Any]:
    return {
        "always_print_fields_with_no_presence": True,
        "preserving_proto_field_name": False,
    }


def fixture_cases() -> list[GoldenCase]:
    return [
        GoldenCase(f"protobuf/{p.parent.name}", p.parent)
        for p in sorted(FIXTURES.glob("*/pyproject.toml"))
    ]


def configures_protobuf(case: GoldenCase) -> bool:
    data = tomllib.loads((case.root / "pyproject.toml").read_text("utf-8"))
    return "protobuf" in data["tool"]["typepact"].get("targets", {})


@dataclass(frozen=True, slots=True)
class Compiled:
    package: str
    files: dict[str, str]
    diagnostics: list[Any]
    #: Message full name -> message class (private pool).
    classes: dict[str, Any] = field(default_factory=dict)


def compile_protobuf(case: GoldenCase, workdir: Path) -> Compiled:
    """Compile the case's protobuf target with the library API (in memory),
    write its files under `workdir`, run protoc (Python output plus a
    descriptor set) and load every message class."""
    import codegen

    config = codegen.load_config(case.root / "pyproject.toml").only(("protobuf",))
    result = codegen.compile(config)
    errors = [d for d in result.diagnostics if d.severity == "error"]
    assert not errors, "\n".join(d.format_text() for d in errors)
    options = config.targets["protobuf"]
    protos = {k: v for k, v in result.files.items() if k.endswith(".proto")}
    for rel, text in result.files.items():
        path = workdir / "src" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    include = workdir / "src" / options.out
    names = [
        str(Path(rel).relative_to(options.out).as_posix()) for rel in sorted(protos)
    ]
    (workdir / "py").mkdir(exist_ok=True)
    descriptors = workdir / "descriptors.pb"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "grpc_tools.protoc",
            f"-I{include}",
            f"-I{WELL_KNOWN}",
            f"--python_out={workdir / 'py'}",
            f"--descriptor_set_out={descriptors}",
            "--include_imports",
            *names,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, f"protoc failed for {case.name}:\n{run.stderr}"
    return Compiled(
        options.package,
        result.files,
        result.diagnostics,
        load_classes(descriptors.read_bytes()),
    )


def load_classes(descriptor_set: bytes) -> dict[str, Any]:
    from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

    files = descriptor_pb2.FileDescriptorSet.FromString(descriptor_set)
    pool = descriptor_pool.DescriptorPool()
    for proto in files.file:
        pool.Add(proto)
    classes = {}
    for proto in files.file:
        for message in proto.message_type:
            full = f"{proto.package}.{message.name}"
            descriptor = pool.FindMessageTypeByName(full)
            classes[full] = message_factory.GetMessageClass(descriptor)
    return classes


def message_name(spec: TypeSpec) -> str:
    """The message for a model named in samples.json (`Page[User]` ->
    `PageUser`), as the emitter names instantiations."""
    if not spec.args and spec.name in BUILTIN_ARGS:
        return spec.name.capitalize()
    return spec.name + "".join(message_name(a) for a in spec.args)


@dataclass(frozen=True, slots=True)
class RoundTrip:
    spec: str
    value: Any
    #: "ok"; "known": a documented loss (docs/protobuf.md), named in
    #: `detail`; "skipped": not a message (an alias, or a generic use no
    #: model makes); "fail".
    status: str
    detail: str = ""


#: Documented losses, each recognised precisely.
KNOWN_EXTRA = "extra keys of an extra=allow model are not carried"
KNOWN_NAIVE = "a naive datetime cannot be a google.protobuf.Timestamp"
#: docs/protobuf.md: one message serves both directions; a read-only
#: (computed) field is AIP-203's OUTPUT_ONLY, printed back by a message read
#: from a response and dropped by a server reading a request.
KNOWN_READ_ONLY = (
    "a read-only (computed) field printed back; a server reading a request "
    "drops it (AIP-203 OUTPUT_ONLY)"
)
#: docs/protobuf.md: JSON inside google.protobuf.Value is kept as written, so
#: a model with different request and response keys comes back with its
#: response keys there.
KNOWN_VALUE_KEYS = "JSON inside google.protobuf.Value keeps pydantic's response keys"


def _dump_json(target: Any, instance: Any) -> str:
    from pydantic import BaseModel, TypeAdapter

    if isinstance(instance, BaseModel):
        return instance.model_dump_json(by_alias=True)
    return TypeAdapter(target).dump_json(instance, by_alias=True).decode()


def _validate_json(target: Any, text: str) -> Any:
    from pydantic import BaseModel, TypeAdapter

    if isinstance(target, type) and issubclass(target, BaseModel):
        return target.model_validate_json(text)
    return TypeAdapter(target).validate_json(text)


def round_trips(case: GoldenCase, compiled: Compiled) -> Iterator[RoundTrip]:
    """Every valid sample: pydantic -> JSON -> message -> JSON -> pydantic,
    compared with what pydantic reads back from its own JSON (a field
    excluded from output is lost by pydantic itself, not by protobuf)."""
    from google.protobuf import json_format

    with imported_case(case) as imported:
        for samples in load_samples(case):
            target = imported.resolve(samples.spec)
            full = f"{compiled.package}.{message_name(samples.spec)}"
            cls = compiled.classes.get(full)
            for value in samples.valid:
                if cls is None:
                    yield RoundTrip(str(samples.spec), value, "skipped", f"no {full}")
                    continue
                yield _round_trip(str(samples.spec), target, cls, value, json_format)


def _round_trip(
    spec: str, target: Any, cls: Any, value: Any, json_format: Any
) -> RoundTrip:
    instance = _validate_json(target, json.dumps(value))
    dumped = _dump_json(target, instance)
    try:
        reference = _validate_json(target, dumped)
    except ValueError:
        # Different request and response keys: pydantic cannot read its
        # own output, but the message prints request keys, so the value
        # itself must come back.
        reference = instance
    try:
        message = json_format.Parse(dumped, cls())
    except json_format.ParseError as exc:
        known = _known_parse_loss(instance, cls, str(exc))
        if known:
            return RoundTrip(spec, value, "known", known)
        return RoundTrip(spec, value, "fail", f"ParseError: {exc}\nwrote {dumped}")
    printed = json_format.MessageToDict(message, **print_flags())
    detail = f"wrote {dumped}\nprinted {json.dumps(printed)}"
    # `instance` too: where pydantic cannot read its own response keys, the
    # message (which prints request keys) keeps what pydantic drops.
    expected = (reference, instance)
    # As printed, then as a server reads a request (read-only fields
    # dropped); each either reads back equal, or fails only where a Value
    # kept response keys, or fails.
    request = _without_read_only(printed, instance)
    attempts = [(printed, "ok", "")]
    if request != printed:
        attempts.append((request, "known", KNOWN_READ_ONLY))
    # Inside a Value the message kept pydantic's response keys; where the
    # field under them has a default, pydantic reads past them silently.
    renamed = _with_request_keys(request, instance)
    if renamed != request:
        attempts.append((renamed, "known", KNOWN_VALUE_KEYS))
    for candidate, status, reason in attempts:
        try:
            back = _validate_json(target, json.dumps(candidate))
        except ValueError as exc:
            if reference is instance and _only_nested_key_errors(exc):
                return RoundTrip(spec, value, "known", KNOWN_VALUE_KEYS)
            detail += f"\n{exc}"
            continue
        if back in expected:
            return RoundTrip(spec, value, status, reason)
        detail += f"\nread back {back!r}\nexpected {reference!r}"
    return RoundTrip(spec, value, "fail", detail)


def _only_nested_key_errors(error: Any) -> bool:
    """pydantic refused the printed JSON only for request keys missing (and,
    under extra="forbid", response keys present) below the top level: where
    a Value kept the response keys the typed fields would have renamed."""
    errors = getattr(error, "errors", None)
    if errors is None:
        return False
    kinds = ("missing", "extra_forbidden")
    return all(e["type"] in kinds and len(e["loc"]) > 1 for e in errors())


#: (model, its JSON object) -> the new object, and key -> field name below.
_Visit = Callable[[Any, dict[str, Any]], tuple[dict[str, Any], dict[str, str]]]


def _without_read_only(printed: Any, instance: Any) -> Any:
    """The printed JSON as a server reads a request: without the computed
    fields of each model (so a regular field elsewhere that shares a
    computed field's key stays)."""

    def visit(model: Any, obj: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
        cls = type(model)
        drop = {info.alias or name for name, info in cls.model_computed_fields.items()}
        out = {k: v for k, v in obj.items() if k not in drop}
        # The message prints request keys, pydantic's dump response keys:
        # the field is under whichever of its keys is there.
        fields: dict[str, str] = {}
        for name, info in cls.model_fields.items():
            key = next((k for k in _field_keys(name, info) if k in out), None)
            if key is not None:
                fields[key] = name
        return out, fields

    return _each_model(printed, instance, visit)


def _with_request_keys(printed: Any, instance: Any) -> Any:
    """The printed JSON with every field under its request key where only
    its response key is there (what a Value kept)."""

    def visit(model: Any, obj: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
        out = dict(obj)
        fields: dict[str, str] = {}
        for name, info in type(model).model_fields.items():
            response = info.serialization_alias or info.alias or name
            request = info.validation_alias or info.alias or name
            if not isinstance(request, str):
                continue
            if request not in out and response in out:
                out[request] = out.pop(response)
            if request in out:
                fields[request] = name
        return out, fields

    return _each_model(printed, instance, visit)


def _each_model(printed: Any, instance: Any, visit: _Visit) -> Any:
    """`printed` with `visit(model, its JSON object)` applied to every model
    in it, found by walking the pydantic instance beside it. `visit`
    returns the new object and, key -> field name, where to go on."""
    from pydantic import BaseModel

    if isinstance(instance, BaseModel) and isinstance(printed, dict):
        out, fields = visit(instance, printed)
        for key, name in fields.items():
            out[key] = _each_model(out[key], instance.__dict__.get(name), visit)
        return out
    if isinstance(instance, list | tuple) and isinstance(printed, list):
        return [
            _each_model(p, i, visit) for p, i in zip(printed, instance, strict=False)
        ]
    if isinstance(instance, dict) and isinstance(printed, dict):
        return {k: _each_model(v, instance.get(k), visit) for k, v in printed.items()}
    return printed


def _field_keys(name: str, info: Any) -> list[str]:
    keys = [
        key
        for key in (info.validation_alias, info.alias, info.serialization_alias)
        if isinstance(key, str)
    ]
    return [*dict.fromkeys([*keys, name])]


def _known_parse_loss(instance: Any, cls: Any, error: str) -> str | None:
    if "has no field named" in error and getattr(instance, "__pydantic_extra__", None):
        return KNOWN_EXTRA
    # The innermost error's path: `at Model.outer.items[0].when.` (a nested
    # message's error repeats each level's "Failed to parse").
    found = re.search(r"Failed to parse \S+ field: .* at ([\w.\[\]-]+?)\.+$", error)
    if found:
        try:
            field = _path_field(cls.DESCRIPTOR, found.group(1).split(".")[1:])
        except KeyError:
            return None
        message_type = field.message_type
        if message_type is not None and message_type.full_name == (
            "google.protobuf.Timestamp"
        ):
            return KNOWN_NAIVE
    return None


def _path_field(descriptor: Any, parts: list[str]) -> Any:
    """The field at the end of a ParseError path below `descriptor`."""
    field = None
    for part in parts:
        if field is not None:
            descriptor = field.message_type
            if descriptor is None:
                raise KeyError(part)
            if descriptor.GetOptions().map_entry:
                descriptor = descriptor.fields_by_name["value"].message_type
        field = _field(descriptor, re.sub(r"\[.*\]$", "", part))
    if field is None:
        raise KeyError("empty path")
    return field


def _field(descriptor: Any, key: str) -> Any:
    """The field a ParseError's path names: by its JSON name (as the input
    spelled it) or by its proto name."""
    for candidate in descriptor.fields:
        if key in (candidate.json_name, candidate.name):
            return candidate
    raise KeyError(f"{descriptor.full_name} has no field {key!r}")


def temp_dir() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="typepact-protobuf-")
