"""The `typepact` command.

Exit codes: 0 success; 1 diagnostics with errors, or stale outputs
(`check`); 2 usage or configuration error; 3 internal error (a bug in
typepact: please report it with the message printed).

Start-up time matters (a pre-commit hook runs on every commit), so this
module imports only what every command needs; the pipeline, the progress
line and watchfiles are imported inside the commands that use them.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TypeVar

import click

from codegen.config import Config, ConfigError, find_config, load_config
from codegen.diagnostics import Diagnostic
from codegen.report import (
    FORMATS,
    STALE_HINT,
    GithubPaths,
    github_lines,
    github_stale,
    json_document,
    text_lines,
)

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3

F = TypeVar("F", bound=Callable[..., Any])

_config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=True),
    help="pyproject.toml or typepact.toml to use "
    "(default: the nearest one above the current folder).",
)
_target_option = click.option(
    "--target",
    "targets",
    multiple=True,
    metavar="NAME",
    help="Only this target (repeatable). Default: every configured target.",
)
_quiet_option = click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="Print errors only: no warnings, progress or summary.",
)


def _format_option(func: F) -> F:
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(FORMATS),
        default="text",
        show_default=True,
        help="How to print results: text for people, json for programs, "
        "github for GitHub Actions annotations.",
    )(func)


def _common(func: F) -> F:
    func = _config_option(func)
    func = _target_option(func)
    func = _format_option(func)
    func = _quiet_option(func)
    func = click.option(
        "--no-cache",
        is_flag=True,
        help="Neither read nor write the cache folder for this run.",
    )(func)
    func = click.option(
        "--cache-dir",
        type=click.Path(path_type=Path, file_okay=False),
        help="Cache folder for this run (default: `cache` in the configuration, "
        "or .typepact-cache beside it).",
    )(func)
    return func


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="typepact")
def main() -> None:
    """typepact: one contract from your Python models, for every language.

    Reads pydantic models, dataclasses, TypedDicts and enums from source
    (never importing them) and writes TypeScript and Zod contracts."""


@dataclasses.dataclass(frozen=True)
class _Output:
    """Where and how a command prints, per --format and --quiet."""

    output_format: str
    quiet: bool
    root: Path | None
    #: Annotations go to stdout, except where stdout holds data (`ir`).
    annotations_to_stderr: bool = False

    def diagnostics(self, diagnostics: list[Diagnostic]) -> None:
        if self.output_format == "json":
            return  # part of the command's one JSON object
        if self.output_format == "github":
            paths = GithubPaths(self.root)
            for line in github_lines(diagnostics, paths, quiet=self.quiet):
                click.echo(line, err=self.annotations_to_stderr)
            return
        for line in text_lines(diagnostics, quiet=self.quiet):
            click.echo(line, err=True)

    def info(self, line: str) -> None:
        """A success message: text and github formats, unless quiet."""
        if not self.quiet and self.output_format != "json":
            click.echo(line)

    def problem(self, line: str) -> None:
        if self.output_format != "json":
            click.echo(line, err=True)

    def status(self, label: str) -> contextlib.AbstractContextManager[object]:
        # Decided here so that hooks and CI (stderr is not a terminal) do
        # not even import the progress module and threading.
        if self.quiet or not sys.stderr.isatty():
            return contextlib.nullcontext()
        from codegen.progress import Status

        return Status(label)


def _print_json(document: dict[str, Any], err: bool = False) -> None:
    click.echo(json.dumps(document, indent=2), err=err)


R = TypeVar("R", bound="_HasDiagnostics")


class _HasDiagnostics(Protocol):
    diagnostics: list[Diagnostic]


def _run(
    label: str,
    operation: Callable[..., R],
    config_path: Path | None,
    targets: tuple[str, ...],
    output_format: str,
    quiet: bool,
    no_cache: bool,
    cache_dir: Path | None,
) -> tuple[Config, _Output, R]:
    """What `generate` and `check` share: load the configuration, run the
    library operation behind a status line, report its diagnostics, and
    stamp a plain run that ends up to date (codegen/stamp.py)."""
    started_ns = time.time_ns()
    config = _load(config_path, targets, output_format, cache_dir=cache_dir)
    out = _Output(output_format, quiet, config.root)
    with out.status(label):
        result = _guard(lambda: operation(config, use_cache=not no_cache))
    out.diagnostics(result.diagnostics)
    plain = (
        output_format == "text" and not targets and not no_cache and cache_dir is None
    )
    if plain and result.ok:
        _stamp(config, config_path, result, started_ns)
    return config, out, result


def _stamp(
    config: Config, config_path: Path | None, result: _HasDiagnostics, started_ns: int
) -> None:
    """Record what this up-to-date answer depended on, for the fast path,
    which looks in the default cache folder only."""
    from codegen import stamp

    files = getattr(result, "files", None)
    if (
        config.path is None
        or config.cache_dir != stamp.DEFAULT_CACHE
        or not isinstance(files, dict)
    ):
        return
    stamp.record(
        started_ns=started_ns,
        cache_dir=str(config.root / config.cache_dir),
        # As the fast path sees it in argv (codegen/stamp.py).
        config_arg=None if config_path is None else os.path.normpath(config_path),
        config_path=os.path.abspath(config.path),
        root=os.path.abspath(config.root),
        sources=config.sources,
        outputs=files,
        stderr={
            "quiet": "".join(
                f"{line}\n" for line in text_lines(result.diagnostics, quiet=True)
            ),
            "normal": "".join(
                f"{line}\n" for line in text_lines(result.diagnostics, quiet=False)
            ),
        },
        stdout={
            "check": "typepact: all outputs are up to date\n",
            "generate": f"typepact: 0 written, {len(files)} unchanged\n",
        },
    )


@main.command()
@_common
def generate(
    config_path: Path | None,
    targets: tuple[str, ...],
    output_format: str,
    quiet: bool,
    no_cache: bool,
    cache_dir: Path | None,
) -> None:
    """Write every configured output. With any error, nothing is written."""
    from codegen.pipeline import generate as run_generate

    _, out, result = _run(
        "generating",
        run_generate,
        config_path,
        targets,
        output_format,
        quiet,
        no_cache,
        cache_dir,
    )
    if output_format == "json":
        _print_json(
            json_document(
                result.diagnostics,
                written=result.written,
                unchanged=result.unchanged,
            )
        )
    elif not result.ok:
        out.problem("typepact: no files were written")
    else:
        for path in result.written:
            out.info(f"wrote {path}")
        out.info(
            f"typepact: {len(result.written)} written, "
            f"{len(result.unchanged)} unchanged"
        )
    sys.exit(EXIT_OK if result.ok else EXIT_PROBLEMS)


@main.command()
@_common
def check(
    config_path: Path | None,
    targets: tuple[str, ...],
    output_format: str,
    quiet: bool,
    no_cache: bool,
    cache_dir: Path | None,
) -> None:
    """Exit 1 with a diff when outputs are stale. Never writes outputs."""
    from codegen.pipeline import check as run_check

    config, out, result = _run(
        "checking",
        run_check,
        config_path,
        targets,
        output_format,
        quiet,
        no_cache,
        cache_dir,
    )
    if output_format == "json":
        _print_json(
            json_document(
                result.diagnostics,
                stale=[{"path": s.path, "diff": s.diff} for s in result.stale],
            )
        )
    elif output_format == "github":
        paths = GithubPaths(config.root)
        for stale in result.stale:
            for line in github_stale(stale.path, stale.diff, paths):
                click.echo(line)
    else:
        for stale in result.stale:
            click.echo(stale.diff, nl=False)
        for stale in result.stale:
            out.problem(
                f"{stale.path}: error[TP301]: output is stale\n  hint: {STALE_HINT}"
            )
    if result.ok:
        out.info("typepact: all outputs are up to date")
    sys.exit(EXIT_OK if result.ok else EXIT_PROBLEMS)


@main.command("ir")
@_config_option
@_format_option
@_quiet_option
def ir_command(config_path: Path | None, output_format: str, quiet: bool) -> None:
    """Print the intermediate schema (IR) as JSON.

    Diagnostics go to stderr, since stdout holds the IR; with --format json
    they are a JSON object there, printed only when there are any."""
    from codegen.pipeline import build_ir, ir_to_json

    config = _load(config_path, (), output_format, require_targets=False)
    out = _Output(output_format, quiet, config.root, annotations_to_stderr=True)
    with out.status("building the IR"):
        result = _guard(lambda: build_ir(config))
    if result.schema is None or not result.ok:
        if output_format == "json":
            _print_json(json_document(result.diagnostics))
        out.diagnostics(result.diagnostics)
        sys.exit(EXIT_PROBLEMS)
    if output_format == "json" and result.diagnostics:
        _print_json(json_document(result.diagnostics), err=True)
    out.diagnostics(result.diagnostics)
    click.echo(json.dumps(ir_to_json(result.schema), indent=2))
    sys.exit(EXIT_OK)


@main.command()
@_config_option
@_target_option
@_quiet_option
@click.option(
    "--debounce",
    "debounce_ms",
    type=click.IntRange(min=0),
    default=200,
    show_default=True,
    metavar="MS",
    help="Wait for this many milliseconds without changes before "
    "regenerating, so a burst of saves is one run.",
)
def watch(
    config_path: Path | None,
    targets: tuple[str, ...],
    quiet: bool,
    debounce_ms: int,
) -> None:
    """Regenerate whenever a source or the configuration changes.

    Problems are printed and nothing is written until they are fixed;
    the command keeps running. Ctrl-C stops it (exit 0)."""
    import functools

    from codegen.watch import Watch, watchfiles_source

    config = _load(config_path, targets, "text")
    source_file = config.path

    def reload() -> Config:
        fresh = load_config(source_file) if source_file else config
        return fresh.only(targets) if targets else fresh

    session = Watch(
        config,
        reload=reload,
        source=functools.partial(watchfiles_source, quiet_ms=debounce_ms),
        echo=lambda line, err: click.echo(line, err=err),
        quiet=quiet,
    )
    try:
        session.run()
    except KeyboardInterrupt:
        session.stop.set()
        if not quiet:
            click.echo("typepact: stopped")
    except Exception as exc:
        click.echo(f"typepact: cannot watch: {type(exc).__name__}: {exc}", err=True)
        sys.exit(EXIT_INTERNAL)
    sys.exit(EXIT_OK)


def _load(
    config_path: Path | None,
    targets: tuple[str, ...],
    output_format: str,
    require_targets: bool = True,
    cache_dir: Path | None = None,
) -> Config:
    try:
        if config_path is None:
            config_path = find_config(Path.cwd())
            if config_path is None:
                raise ConfigError(
                    [
                        Diagnostic(
                            code="TP001",
                            message="no configuration found: no typepact.toml, and no "
                            "pyproject.toml with [tool.typepact], here or above",
                            hint="add [tool.typepact] to pyproject.toml (see the "
                            "README), or pass --config",
                        )
                    ]
                )
        config = load_config(config_path)
        if cache_dir is not None:
            config = dataclasses.replace(
                config, cache_dir=str(Path.cwd().joinpath(cache_dir).resolve())
            )
        return config.only(targets) if targets else config
    except ConfigError as exc:
        # Locations in configuration problems are relative to its folder.
        root = None
        if config_path is not None:
            root = config_path if config_path.is_dir() else config_path.parent
        if output_format == "json":
            _print_json(json_document(exc.diagnostics))
        else:
            _Output(output_format, False, root).diagnostics(exc.diagnostics)
        sys.exit(EXIT_USAGE)


T = TypeVar("T")


def _guard(step: Callable[[], T]) -> T:
    """Turn a crash into a short message instead of a traceback."""
    try:
        return step()
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        click.echo(
            f"typepact: internal error: {type(exc).__name__}: {exc}\n"
            "  hint: this is a bug in typepact; please report it with the input "
            "that caused it (rerun with TYPEPACT_TRACEBACK=1 for details)",
            err=True,
        )
        import os

        if os.environ.get("TYPEPACT_TRACEBACK"):
            raise
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":
    main()
