"""Configuration: `[tool.typepact]` in pyproject.toml, or a typepact.toml.

Every key is checked: an unknown key is an error naming the valid ones, so
a typo never silently turns an option off. The same rules are published as
a JSON Schema in schemas/config.schema.json (see `config_json_schema`).
"""

from __future__ import annotations

import dataclasses
import importlib
import tomllib
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from codegen.diagnostics import Diagnostic
from codegen.ir import SourceLocation

PYPROJECT = "pyproject.toml"
STANDALONE = "typepact.toml"


def _builtin_targets() -> tuple[str, ...]:
    """Targets shipped with typepact: every public module in `emitters/`,
    so adding a target means adding a module and nothing else."""
    import pkgutil

    import emitters

    return tuple(
        sorted(
            info.name
            for info in pkgutil.iter_modules(emitters.__path__)
            if not info.name.startswith("_") and info.name != "base"
        )
    )


#: `[tool.typepact.targets.<name>]` keys; a name maps to `emitters.<name>`.
BUILTIN_TARGETS = _builtin_targets()

_TOP_LEVEL_KEYS = {
    "sources": "folders or files to read models from, relative to this file",
    "exclude": "glob patterns (relative to this file) of files to skip",
    "targets": "a table per target: " + ", ".join(BUILTIN_TARGETS),
    "overrides": 'what to emit for a field or type: "module:Model.field" = "str"',
    "rename": 'emitted names for definitions: "module:Model" = "NewName"',
    "cache": 'folder for the parse cache (default ".typepact-cache"), or false',
}


class ConfigError(Exception):
    """The configuration cannot be used. Carries its diagnostics."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("\n".join(d.format_text() for d in diagnostics))
        self.diagnostics = diagnostics


@dataclass(frozen=True, slots=True, kw_only=True)
class Config:
    """A validated configuration. Paths are relative to `root`."""

    #: The folder holding the configuration file; outputs and sources are
    #: relative to it.
    root: Path
    #: The file the configuration came from (None when built in code).
    path: Path | None = None
    sources: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    #: Target name -> that emitter's validated Options instance.
    targets: dict[str, Any] = field(default_factory=dict)
    overrides: dict[str, str] = field(default_factory=dict)
    rename: dict[str, str] = field(default_factory=dict)
    #: Cache folder relative to `root`, or None to disable caching.
    cache_dir: str | None = ".typepact-cache"

    def only(self, names: tuple[str, ...]) -> Config:
        """This configuration restricted to the named targets."""
        unknown = [n for n in names if n not in self.targets]
        if unknown:
            raise ConfigError(
                [
                    _error(
                        f"target {unknown[0]!r} is not configured",
                        f"configured targets: {_names(self.targets)}",
                        self.path,
                    )
                ]
            )
        return dataclasses.replace(
            self, targets={n: o for n, o in self.targets.items() if n in names}
        )


def find_config(start: Path) -> Path | None:
    """The nearest typepact.toml, or pyproject.toml with [tool.typepact],
    in `start` or one of its parents."""
    for folder in (start, *start.parents):
        standalone = folder / STANDALONE
        if standalone.is_file():
            return standalone
        pyproject = folder / PYPROJECT
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
                return pyproject  # let load_config report it properly
            if "typepact" in data.get("tool", {}):
                return pyproject
    return None


def load_config(path: Path) -> Config:
    """Read and validate a configuration file. Raises ConfigError."""
    path = Path(path)
    if path.is_dir():
        found = find_config(path)
        if found is None or found.parent.resolve() != path.resolve():
            raise ConfigError(
                [
                    _error(
                        f"no {STANDALONE} or {PYPROJECT} with [tool.typepact] "
                        f"in {path}",
                        "create one; see the README's quick start",
                        None,
                    )
                ]
            )
        path = found
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(
            [_error(f"configuration file {path} does not exist", None, None)]
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError([_error(f"cannot read {path}: {exc}", None, None)]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", 1) or 1
        col = getattr(exc, "colno", 1) or 1
        raise ConfigError(
            [
                Diagnostic(
                    code="TP001",
                    message=f"invalid TOML: {exc.args[0] if exc.args else exc}",
                    hint="fix the syntax of the file",
                    location=SourceLocation(path=path.name, line=line, column=col),
                )
            ]
        ) from None
    if path.name == STANDALONE:
        table = data
    else:
        table = data.get("tool", {}).get("typepact")
        if table is None:
            raise ConfigError(
                [
                    _error(
                        f"{path} has no [tool.typepact] table",
                        "add [tool.typepact] with `sources` and at least one target",
                        path,
                    )
                ]
            )
    return config_from_mapping(table, root=path.parent.resolve(), path=path)


def config_from_mapping(
    table: Mapping[str, Any], *, root: Path, path: Path | None = None
) -> Config:
    """Validate a `[tool.typepact]` table already read from somewhere."""
    problems: list[Diagnostic] = []

    def bad(message: str, hint: str | None = None) -> None:
        problems.append(_error(message, hint, path))

    if not isinstance(table, Mapping):
        raise ConfigError([_error("[tool.typepact] must be a table", None, path)])
    for key in table:
        if key not in _TOP_LEVEL_KEYS:
            bad(
                f"unknown key {key!r} in [tool.typepact]",
                f"valid keys: {_names(_TOP_LEVEL_KEYS)}",
            )

    sources = _string_list(table.get("sources"), "sources", bad, required=True)
    exclude = _string_list(table.get("exclude", []), "exclude", bad)
    overrides = _string_table(table.get("overrides", {}), "overrides", bad)
    rename = _string_table(table.get("rename", {}), "rename", bad)
    cache = table.get("cache", ".typepact-cache")
    if cache is True:
        cache = ".typepact-cache"
    elif cache is False:
        cache = None
    elif not isinstance(cache, str) or not cache:
        bad("`cache` must be a folder path or false")
        cache = None

    targets: dict[str, Any] = {}
    raw_targets = table.get("targets", {})
    if not isinstance(raw_targets, Mapping):
        bad("[tool.typepact.targets] must be a table of target tables")
        raw_targets = {}
    if not raw_targets:
        bad(
            "no targets configured",
            f"add a table such as [tool.typepact.targets.typescript] with "
            f'out = "contracts/types.ts"; targets: {", ".join(BUILTIN_TARGETS)}',
        )
    for name in sorted(raw_targets):
        options = _target_options(name, raw_targets[name], bad)
        if options is not None:
            targets[name] = options

    outs = [str(getattr(o, "out", "")) for o in targets.values()]
    for out in sorted({o for o in outs if outs.count(o) > 1}):
        bad(f"two targets write the same file {out!r}", "give each target its own out")

    if problems:
        raise ConfigError(problems)
    return Config(
        root=root,
        path=path,
        sources=tuple(sources),
        exclude=tuple(exclude),
        targets=targets,
        overrides=dict(overrides),
        rename=dict(rename),
        cache_dir=cache,
    )


def emitter_module(name: str) -> types.ModuleType:
    """The emitter module for a target name (`emitters.<name>`)."""
    return importlib.import_module(f"emitters.{name}")


def _target_options(name: str, raw: Any, bad: Any) -> Any:
    if name not in BUILTIN_TARGETS:
        bad(
            f"unknown target {name!r}",
            f"available targets: {', '.join(BUILTIN_TARGETS)}",
        )
        return None
    if not isinstance(raw, Mapping):
        bad(f"[tool.typepact.targets.{name}] must be a table")
        return None
    options_cls = emitter_module(name).Options
    fields = {f.name: f for f in dataclasses.fields(options_cls)}
    hints = typing.get_type_hints(options_cls)
    values: dict[str, Any] = {}
    ok = True
    for key, value in raw.items():
        if key not in fields:
            bad(
                f"unknown option {key!r} for target {name!r}",
                f"valid options: {_names(fields)}",
            )
            ok = False
            continue
        problem = _type_problem(value, hints[key])
        if problem:
            bad(f"option {name}.{key}: {problem}")
            ok = False
            continue
        values[key] = value
    if "out" not in values and ok:
        bad(
            f"target {name!r} has no `out`",
            f'add out = "path/to/file" to [tool.typepact.targets.{name}]',
        )
        return None
    if not ok:
        return None
    out = values["out"]
    if Path(out).is_absolute() or ".." in Path(out).parts:
        bad(
            f"option {name}.out must be a path inside the project: {out!r}",
            "use a path relative to the configuration file",
        )
        return None
    return options_cls(**values)


def _type_problem(value: Any, hint: Any) -> str | None:
    """Why `value` does not fit the annotation `hint`, or None."""
    origin = typing.get_origin(hint)
    if origin is typing.Literal:
        choices = typing.get_args(hint)
        if value not in choices:
            return f"{value!r} is not one of {', '.join(map(repr, choices))}"
        return None
    if origin in (typing.Union, types.UnionType):
        for arm in typing.get_args(hint):
            if _type_problem(value, arm) is None:
                return None
        return f"{value!r} has the wrong type"
    if hint is type(None):
        return None if value is None else "expected nothing"
    if hint is bool:
        return (
            None
            if isinstance(value, bool)
            else f"expected true or false, got {value!r}"
        )
    if hint is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else f"expected an integer, got {value!r}"
    if hint is str:
        return None if isinstance(value, str) else f"expected a string, got {value!r}"
    if origin in (tuple, list):
        if not isinstance(value, list):
            return f"expected a list, got {value!r}"
        return None
    return None


def _string_list(value: Any, key: str, bad: Any, required: bool = False) -> list[str]:
    if value is None:
        if required:
            bad(
                f"`{key}` is required",
                f'add {key} = ["app/models"] (folders or files with your models)',
            )
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        bad(f"`{key}` must be a list of strings")
        return []
    if required and not value:
        bad(f"`{key}` is empty", "list the folders or files that hold your models")
    return list(value)


def _string_table(value: Any, key: str, bad: Any) -> dict[str, str]:
    if not isinstance(value, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        bad(f"[tool.typepact.{key}] must map strings to strings")
        return {}
    return dict(value)


def _names(keys: Mapping[str, Any] | Any) -> str:
    return ", ".join(sorted(keys))


def _error(message: str, hint: str | None, path: Path | None) -> Diagnostic:
    location = SourceLocation(path=path.name, line=1, column=1) if path else None
    return Diagnostic(code="TP001", message=message, hint=hint, location=location)
