"""The pipeline: sources -> frontend -> IR -> shared passes -> emitters.

Everything here returns values; printing is the CLI's job. Heavy modules
(the frontend, the emitters) are imported only when a step needs them.
"""

from __future__ import annotations

import dataclasses
import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from codegen import ir, records
from codegen.cache import Cache, hash_parts
from codegen.config import Config, emitter_module
from codegen.diagnostics import Diagnostic, has_errors, sort_diagnostics
from codegen.discovery import find_sources, read_source
from codegen.sources import SourceFile
from codegen.writer import WriteError, read_existing, write_all


@dataclass(frozen=True, slots=True)
class IRResult:
    """The IR built from the sources, with every problem found on the way."""

    schema: ir.Schema | None
    diagnostics: list[Diagnostic]

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


@dataclass(frozen=True, slots=True)
class CompileResult:
    """Every output file, in memory. Nothing has been written."""

    #: Output path (relative to the configuration's folder) -> content.
    #: Empty when there are errors: partial output is never offered.
    files: dict[str, str]
    diagnostics: list[Diagnostic]
    schema: ir.Schema | None = None

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


@dataclass(frozen=True, slots=True)
class GenerateResult:
    files: dict[str, str]
    diagnostics: list[Diagnostic]
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


@dataclass(frozen=True, slots=True)
class StaleFile:
    path: str
    #: A unified diff from the file on disk to what would be generated.
    diff: str


@dataclass(frozen=True, slots=True)
class CheckResult:
    diagnostics: list[Diagnostic]
    stale: list[StaleFile] = field(default_factory=list)
    #: What would be generated (path -> content); empty with errors.
    files: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics) and not self.stale


def build_ir(config: Config, *, use_cache: bool = False) -> IRResult:
    """Parse the configured sources into the IR and run the shared checks."""
    sources, diagnostics = _read_sources(config)
    with _opened_cache(config, use_cache) as cache:
        return _build_ir(config, sources, diagnostics, cache)


def _read_sources(config: Config) -> tuple[list[SourceFile], list[Diagnostic]]:
    found, diagnostics = find_sources(config.root, config.sources, config.exclude)
    sources = []
    for item in found:
        read = read_source(item)
        if isinstance(read, Diagnostic):
            diagnostics.append(read)
        else:
            sources.append(read)
    return sources, diagnostics


def _build_ir(
    config: Config,
    sources: list[SourceFile],
    diagnostics: list[Diagnostic],
    cache: Cache | None,
) -> IRResult:
    if not sources:
        return IRResult(None, sort_diagnostics(diagnostics))
    from codegen.frontends.python import PythonOptions, resolve
    from codegen.parsing import parse_sources

    # A module an override or a rename names is parsed even if nothing in
    # it looks like a type, so a key that matches nothing is still reported.
    named = {key.partition(":")[0] for key in [*config.overrides, *config.rename]}
    summaries = parse_sources(sources, cache, keep=named)
    try:
        schema, frontend_diagnostics = resolve(
            summaries, PythonOptions(overrides=dict(config.overrides))
        )
    except Exception as error:  # a bug must not cost the user a traceback
        frontend_diagnostics = [
            Diagnostic(
                code="TP108",
                message=f"internal error in the Python frontend: {error!r}",
                hint="please report this with the input that caused it",
            )
        ]
        return IRResult(None, sort_diagnostics(diagnostics + frontend_diagnostics))
    diagnostics.extend(frontend_diagnostics)
    schema = _apply_renames(schema, config.rename, diagnostics)
    diagnostics.extend(_shared_checks(schema))
    return IRResult(schema, sort_diagnostics(diagnostics))


def compile(config: Config, *, use_cache: bool = False) -> CompileResult:
    """Build every configured target in memory.

    With `use_cache`, parse results and whole-run outputs are kept in the
    configuration's cache folder; a run whose inputs are all unchanged then
    parses and emits nothing (its `schema` is None)."""
    with collector_paused():
        return _compile(config, use_cache)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for one compile.

    A compile allocates millions of small, long-lived objects (syntax
    trees, summaries, the IR) and frees almost all of them by reference
    counting; the collector's passes over that growing heap were a third
    of a cold run's CPU (1,000 models: parse 0.49 -> 0.30 s, resolve
    0.38 -> 0.22 s, emit 1.29 -> 0.86 s). The few cycles made meanwhile are
    collected when the collector resumes, at the end of the compile.
    TYPEPACT_GC=1 keeps it running (to measure, or if memory is tight)."""
    if not gc.isenabled() or os.environ.get("TYPEPACT_GC") == "1":
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _compile(config: Config, use_cache: bool) -> CompileResult:
    sources, diagnostics = _read_sources(config)
    state = _state_inputs(config)
    with _opened_cache(config, use_cache) as cache:
        return _compile_sources(config, sources, diagnostics, state, cache)


def _compile_sources(
    config: Config,
    sources: list[SourceFile],
    diagnostics: list[Diagnostic],
    state: dict[str, str | None],
    cache: Cache | None,
) -> CompileResult:
    run_key = _run_key(config, sources, state) if cache and sources else None
    if cache and run_key and not has_errors(diagnostics):
        hit = cache.load_run(run_key)
        if hit is not None:
            files, cached = hit
            return CompileResult(files, sort_diagnostics(diagnostics + cached))

    built = _build_ir(config, sources, diagnostics, cache)
    if built.schema is None or not built.ok:
        return CompileResult({}, built.diagnostics, built.schema)
    from codegen.emitting import emit_targets

    files: dict[str, str] = {}
    diagnostics = list(built.diagnostics)
    for name, emitted in emit_targets(built.schema, config.targets, state):
        for diagnostic in emitted.diagnostics:
            diagnostics.append(
                diagnostic
                if diagnostic.target
                else dataclasses.replace(diagnostic, target=name)
            )
        files.update(emitted.files)
    diagnostics = sort_diagnostics(diagnostics)
    if has_errors(diagnostics):
        files = {}
    elif cache and run_key:
        keys = [run_key]
        # A stateful target's file (the protobuf lock) is also an output:
        # once written, the next run reads the new content. Emitting from
        # that content gives the same files again (the lock is a fixpoint),
        # so the run is also stored under the key the next run will use.
        after = {rel: files.get(rel, content) for rel, content in state.items()}
        if after != state:
            keys.append(_run_key(config, sources, after))
        cache.store_run(keys, files, diagnostics)
    return CompileResult(files, diagnostics, built.schema)


@contextmanager
def _opened_cache(config: Config, use_cache: bool) -> Iterator[Cache | None]:
    """The configuration's cache (None: not used), and on the way out the
    wait for parse results it stores in the background."""
    if not use_cache or config.cache_dir is None:
        yield None
        return
    cache = Cache(config.root / config.cache_dir)
    try:
        yield cache
    finally:
        cache.wait()


def _state_inputs(config: Config) -> dict[str, str | None]:
    """Files that stateful targets read (protobuf's lock file)."""
    state: dict[str, str | None] = {}
    for name, options in sorted(config.targets.items()):
        module = emitter_module(name)
        if hasattr(module, "inputs"):
            for rel in module.inputs(options):
                state[rel] = read_existing(config.root / rel)
    return state


def _run_key(
    config: Config, sources: list[SourceFile], state: dict[str, str | None]
) -> str:
    parts = ["run", repr(config.sources), repr(config.exclude)]
    parts += [f"{name}={options!r}" for name, options in sorted(config.targets.items())]
    parts += [
        repr(sorted(config.overrides.items())),
        repr(sorted(config.rename.items())),
    ]
    for source in sources:
        parts += [source.display_path, source.module, str(source.is_package)]
        parts.append(source.text)
    for rel, content in sorted(state.items()):
        parts += [rel, "\0missing" if content is None else content]
    return hash_parts(parts)


def generate(config: Config, *, use_cache: bool = False) -> GenerateResult:
    """Compile and write every output, all or nothing."""
    result = compile(config, use_cache=use_cache)
    if not result.ok:
        return GenerateResult({}, result.diagnostics)
    try:
        written = write_all(config.root, result.files)
    except WriteError as exc:
        problem = Diagnostic(
            code="TP302",
            message=f"cannot write {exc.path}: {exc.reason}; no output was changed",
            hint="check that the output folder exists and is writable",
        )
        return GenerateResult({}, [*result.diagnostics, problem])
    return GenerateResult(
        result.files, result.diagnostics, written.written, written.unchanged
    )


def check(config: Config, *, use_cache: bool = False) -> CheckResult:
    """Compare what would be generated with the files on disk. Never writes
    (except, with `use_cache`, to the cache folder)."""
    result = compile(config, use_cache=use_cache)
    if not result.ok:
        return CheckResult(result.diagnostics)
    stale = []
    for rel in sorted(result.files):
        current = read_existing(config.root / rel)
        wanted = result.files[rel]
        if current != wanted:
            stale.append(StaleFile(rel, _diff(rel, current, wanted)))
    return CheckResult(result.diagnostics, stale, result.files)


def _diff(rel: str, current: str | None, wanted: str) -> str:
    import difflib  # only for stale files: not on the common paths

    before = [] if current is None else current.splitlines(keepends=True)
    after = wanted.splitlines(keepends=True)
    lines = difflib.unified_diff(
        before,
        after,
        fromfile=f"{rel} (on disk)" if current is not None else "/dev/null",
        tofile=f"{rel} (generated)",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _apply_renames(
    schema: ir.Schema, rename: dict[str, str], diagnostics: list[Diagnostic]
) -> ir.Schema:
    """`[tool.typepact.rename]` gives definitions new emitted names."""
    if not rename:
        return schema
    definitions = dict(schema.definitions)
    for def_id, new_name in sorted(rename.items()):
        if def_id not in definitions:
            diagnostics.append(
                Diagnostic(
                    code="TP001",
                    message=f"[tool.typepact.rename] names {def_id!r}, which is "
                    "not a definition in the sources",
                    hint="keys are definition ids, `module.path:ClassName`; "
                    "`typepact ir` lists them",
                )
            )
            continue
        definitions[def_id] = records.replace(definitions[def_id], name=new_name)
    return records.replace(schema, definitions=definitions)


def _shared_checks(schema: ir.Schema) -> list[Diagnostic]:
    """Language-independent checks every target relies on."""
    from codegen.passes import check, naming

    return [*check.check_schema(schema), *naming.check_names(schema)]


def ir_to_json(schema: ir.Schema) -> dict[str, Any]:
    """The IR as plain JSON data (the form `typepact ir` prints)."""
    return msgspec.to_builtins(schema)


def relative_to_cwd(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
