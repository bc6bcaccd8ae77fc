"""Golden cases: finding them, compiling them, comparing and rewriting their
expected files, and importing their inputs for the pydantic-side checks.

A case is a folder under golden/ holding a pyproject.toml; cases under
golden/errors/ are expected to fail and record their diagnostics instead of
outputs. See golden/README.md.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import importlib
import json
import re
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "golden"
ERRORS = "errors"
#: Every case's diagnostics, formatted; present only when there are any.
DIAGNOSTICS_FILE = "expected/diagnostics.txt"
SAMPLES_FILE = "samples.json"


@dataclass(frozen=True, slots=True)
class GoldenCase:
    #: "basics", or "errors/unknown_name" for an error case.
    name: str
    root: Path

    @property
    def expects_errors(self) -> bool:
        return self.name.startswith(f"{ERRORS}/")

    @property
    def input_dir(self) -> Path:
        return self.root / "input"

    @property
    def expected_dir(self) -> Path:
        return self.root / "expected"

    def targets(self) -> dict[str, str]:
        """Target name -> configured output path, read straight from the TOML
        so collection works even when an emitter cannot be imported."""
        data = tomllib.loads((self.root / "pyproject.toml").read_text("utf-8"))
        targets = data["tool"]["typepact"].get("targets", {})
        return {name: str(table["out"]) for name, table in sorted(targets.items())}

    def regenerate_command(self) -> str:
        return f"pytest tests/test_golden.py --update-golden -k {self.name}"


def discover_cases() -> list[GoldenCase]:
    cases = []
    for config in sorted(GOLDEN.rglob("pyproject.toml")):
        rel = config.parent.relative_to(GOLDEN).as_posix()
        if "input" in rel.split("/") or "expected" in rel.split("/"):
            continue
        cases.append(GoldenCase(rel, config.parent))
    return cases


def ok_cases() -> list[GoldenCase]:
    return [c for c in discover_cases() if not c.expects_errors]


def error_cases() -> list[GoldenCase]:
    return [c for c in discover_cases() if c.expects_errors]


# --------------------------------------------------------------------------
# Compiling and comparing
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CaseOutput:
    """What the compiler produced for a case, as expected-file contents."""

    #: Output path relative to the case folder -> content. Includes
    #: DIAGNOSTICS_FILE when there were any diagnostics.
    files: dict[str, str]
    error_count: int
    schema: Any


@functools.cache
def compile_case(case: GoldenCase) -> CaseOutput:
    """Compile a case in memory with the library API (cached per session)."""
    import codegen

    config = codegen.load_config(case.root / "pyproject.toml")
    result = codegen.compile(config)
    files = dict(result.files)
    if result.diagnostics:
        text = "\n".join(d.format_text() for d in result.diagnostics) + "\n"
        files[DIAGNOSTICS_FILE] = text
    errors = sum(1 for d in result.diagnostics if d.severity == "error")
    return CaseOutput(files, errors, result.schema)


def unified_diff(expected: str, actual: str, rel: str) -> str:
    lines = difflib.unified_diff(
        expected.splitlines(keepends=True),
        actual.splitlines(keepends=True),
        fromfile=f"{rel} (expected)",
        tofile=f"{rel} (generated)",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def compare_or_update(
    case: GoldenCase, rel: str, actual: str | None, update: bool
) -> str | None:
    """Compare one expected file with what was generated, or rewrite it.

    `actual` None means the file must not exist. Returns a failure message,
    or None when the file matches (or was rewritten)."""
    path = case.root / rel
    expected = path.read_text(encoding="utf-8") if path.is_file() else None
    if update:
        if actual is None:
            path.unlink(missing_ok=True)
        elif actual != expected:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8", newline="\n")
        return None
    if actual == expected:
        return None
    how = f"Regenerate with:\n  {case.regenerate_command()}\nthen review the diff."
    where = f"golden/{case.name}/{rel}"
    if expected is None:
        return f"{where} is missing; the compiler produced:\n{actual}\n{how}"
    if actual is None:
        return f"{where} exists but the compiler no longer produces it.\n{how}"
    diff = unified_diff(expected, actual, rel)
    return f"{where} differs from the output:\n{diff}{how}"


def expected_files_on_disk(case: GoldenCase) -> set[str]:
    if not case.expected_dir.is_dir():
        return set()
    return {
        p.relative_to(case.root).as_posix()
        for p in case.expected_dir.rglob("*")
        if p.is_file() and p.name != ".gitkeep"
    }


# --------------------------------------------------------------------------
# Samples: JSON values per model, proven against pydantic
# --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TypeSpec:
    """A model named in samples.json: `User`, or a generic use `Page[User]`."""

    name: str
    args: tuple[TypeSpec, ...] = ()

    def __str__(self) -> str:
        if not self.args:
            return self.name
        return f"{self.name}[{', '.join(str(a) for a in self.args)}]"


#: Builtins usable as type arguments in samples.json, with their Zod factory.
BUILTIN_ARGS: dict[str, tuple[type, str]] = {
    "int": (int, "z.int"),
    "str": (str, "z.string"),
    "float": (float, "z.number"),
    "bool": (bool, "z.boolean"),
}

_TOKEN = re.compile(r"\s*([A-Za-z_][A-Za-z_0-9]*|\[|\]|,)")


def parse_type_spec(text: str) -> TypeSpec:
    tokens = _TOKEN.findall(text)
    if "".join(tokens) != re.sub(r"\s+", "", text):
        raise ValueError(f"cannot parse model name {text!r} in samples.json")
    position = 0

    def parse() -> TypeSpec:
        nonlocal position
        name = tokens[position]
        position += 1
        args: list[TypeSpec] = []
        if position < len(tokens) and tokens[position] == "[":
            position += 1
            while True:
                args.append(parse())
                token = tokens[position]
                position += 1
                if token == "]":
                    break
                if token != ",":
                    raise ValueError(f"bad model name {text!r} in samples.json")
        return TypeSpec(name, tuple(args))

    spec = parse()
    if position != len(tokens):
        raise ValueError(f"trailing text in model name {text!r} in samples.json")
    return spec


@dataclass(frozen=True, slots=True)
class Samples:
    spec: TypeSpec
    valid: tuple[Any, ...]
    invalid: tuple[Any, ...]


def load_samples(case: GoldenCase) -> list[Samples]:
    path = case.root / SAMPLES_FILE
    if not path.is_file():
        raise FileNotFoundError(
            f"golden/{case.name} has no {SAMPLES_FILE}; every case lists valid "
            "and invalid JSON values per model (see golden/README.md)"
        )
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for key, entry in data.items():
        if key.startswith("$"):  # "$comment" and friends
            continue
        unknown = set(entry) - {"valid", "invalid", "$comment"}
        if unknown:
            raise ValueError(f"{path}: {key}: unknown keys {sorted(unknown)}")
        out.append(
            Samples(
                parse_type_spec(key),
                tuple(entry.get("valid", ())),
                tuple(entry.get("invalid", ())),
            )
        )
    return out


def case_modules(case: GoldenCase) -> list[str]:
    """Dotted names of the case's input modules, named as typepact names
    them (a folder is a package when it holds __init__.py)."""
    from codegen.discovery import module_name

    names = {module_name(p)[0] for p in case.input_dir.rglob("*.py")}
    return sorted(names)


@dataclass
class ImportedCase:
    case: GoldenCase
    modules: dict[str, Any]

    def lookup(self, name: str) -> Any:
        """The class (or alias) called `name` defined in the case's modules."""
        defined: list[Any] = []
        seen: list[Any] = []
        for module_name, module in self.modules.items():
            value = getattr(module, name, None)
            if value is None:
                continue
            if not any(value is f for f in seen):
                seen.append(value)
            # Re-exports are the same object; aliases such as
            # `Annotated[...]` carry no __module__ of their own.
            if getattr(value, "__module__", None) == module_name:
                defined.append(value)
        found = defined or seen
        if not found:
            raise LookupError(f"golden/{self.case.name}: no model named {name!r}")
        if len(found) > 1:
            raise LookupError(f"golden/{self.case.name}: {name!r} is ambiguous")
        return found[0]

    def resolve(self, spec: TypeSpec) -> Any:
        if not spec.args and spec.name in BUILTIN_ARGS:
            return BUILTIN_ARGS[spec.name][0]
        value = self.lookup(spec.name)
        if spec.args:
            args = tuple(self.resolve(a) for a in spec.args)
            return value[args if len(args) > 1 else args[0]]
        return value


@contextlib.contextmanager
def imported_case(case: GoldenCase) -> Iterator[ImportedCase]:
    """Import a case's input for real (tests may; typepact never does), and
    forget it afterwards so cases with equally named modules do not mix."""
    names = case_modules(case)
    clashes = sorted(
        {n.split(".")[0] for n in names} & {m.split(".")[0] for m in sys.modules}
    )
    if clashes:
        raise RuntimeError(
            f"golden/{case.name}: input module(s) {clashes} shadow modules "
            "already imported; rename them"
        )
    tops = {n.split(".")[0] for n in names}
    sys.path.insert(0, str(case.input_dir))
    try:
        modules = {name: importlib.import_module(name) for name in names}
        yield ImportedCase(case, modules)
    finally:
        sys.path.remove(str(case.input_dir))
        # Only the case's own modules: libraries they pulled in (pydantic
        # imports submodules lazily) must stay, or their classes split in two.
        for name in [m for m in sys.modules if m.split(".")[0] in tops]:
            del sys.modules[name]
        importlib.invalidate_caches()


def pydantic_adapter(target: Any) -> Any:
    """A TypeAdapter-like object for a model, dataclass, TypedDict or alias."""
    from pydantic import BaseModel, TypeAdapter

    if isinstance(target, type) and issubclass(target, BaseModel):
        return _ModelAdapter(target)
    return TypeAdapter(target)


@dataclass(frozen=True, slots=True)
class _ModelAdapter:
    model: Any

    def validate_json(self, data: str) -> Any:
        return self.model.model_validate_json(data)

    def dump_python(self, value: Any, **kwargs: Any) -> Any:
        return value.model_dump(**kwargs)


@dataclass(frozen=True, slots=True)
class PydanticVerdict:
    spec: TypeSpec
    #: The JSON response pydantic writes for each valid value, in order.
    dumped: tuple[Any, ...]
    #: Problems with the samples themselves.
    problems: tuple[str, ...]


def check_samples_with_pydantic(
    imported: ImportedCase, samples: Samples
) -> PydanticVerdict:
    """Every valid value passes pydantic, every invalid one fails it."""
    from pydantic import ValidationError

    adapter = pydantic_adapter(imported.resolve(samples.spec))
    problems: list[str] = []
    dumped: list[Any] = []
    for value in samples.valid:
        try:
            instance = adapter.validate_json(json.dumps(value))
        except ValidationError as exc:
            problems.append(
                f"{samples.spec}: valid sample {value!r} fails pydantic:\n{exc}"
            )
            continue
        dumped.append(adapter.dump_python(instance, mode="json", by_alias=True))
    for value in samples.invalid:
        try:
            adapter.validate_json(json.dumps(value))
        except ValidationError:
            continue
        problems.append(f"{samples.spec}: invalid sample {value!r} passes pydantic")
    return PydanticVerdict(samples.spec, tuple(dumped), tuple(problems))


def pydantic_verdicts(case: GoldenCase) -> list[PydanticVerdict]:
    with imported_case(case) as imported:
        return [check_samples_with_pydantic(imported, s) for s in load_samples(case)]


@functools.cache
def cached_verdicts(case: GoldenCase) -> tuple[PydanticVerdict, ...]:
    return tuple(pydantic_verdicts(case))


# --------------------------------------------------------------------------
# Zod names
# --------------------------------------------------------------------------


def zod_schema_arg(
    spec: TypeSpec, exports: set[str], side: str
) -> str | dict[str, Any]:
    """The validator request naming the Zod schema for `spec`: the input
    schema (`<Name>InputSchema` when it exists) or the output `<Name>Schema`."""
    if not spec.args and spec.name in BUILTIN_ARGS:
        return BUILTIN_ARGS[spec.name][1]
    name = f"{spec.name}Schema"
    if side == "input" and f"{spec.name}InputSchema" in exports:
        name = f"{spec.name}InputSchema"
    if not spec.args:
        return name
    args = [zod_schema_arg(a, exports, side) for a in spec.args]
    return {"export": name, "args": args}
