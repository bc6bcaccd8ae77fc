"""The `typepact` command.

Exit codes: 0 success; 1 diagnostics with errors, or stale outputs
(`check`); 2 usage or configuration error; 3 internal error (a bug in
typepact: please report it with the message printed).
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from codegen.config import Config, ConfigError, find_config, load_config
from codegen.diagnostics import Diagnostic, format_json

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3

F = TypeVar("F", bound=Callable[..., Any])


def _common(func: F) -> F:
    func = click.option(
        "--config",
        "config_path",
        type=click.Path(path_type=Path, dir_okay=True),
        help="pyproject.toml or typepact.toml to use "
        "(default: the nearest one above the current folder).",
    )(func)
    func = click.option(
        "--target",
        "targets",
        multiple=True,
        metavar="NAME",
        help="Only this target (repeatable). Default: every configured target.",
    )(func)
    func = click.option(
        "--format",
        "output_format",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help="How to print diagnostics.",
    )(func)
    func = click.option(
        "-q", "--quiet", is_flag=True, help="Print nothing but problems."
    )(func)
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

    config = _load(config_path, targets, output_format, cache_dir=cache_dir)
    result = _guard(lambda: run_generate(config, use_cache=not no_cache))
    _report(result.diagnostics, output_format, config)
    if output_format == "text" and not result.ok:
        click.echo("typepact: no files were written", err=True)
    if output_format == "json":
        click.echo(
            json.dumps(
                {
                    "diagnostics": [d.to_json() for d in result.diagnostics],
                    "written": result.written,
                    "unchanged": result.unchanged,
                },
                indent=2,
            )
        )
    elif not quiet and result.ok:
        for path in result.written:
            click.echo(f"wrote {path}")
        click.echo(
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

    config = _load(config_path, targets, output_format, cache_dir=cache_dir)
    result = _guard(lambda: run_check(config, use_cache=not no_cache))
    _report(result.diagnostics, output_format, config)
    if output_format == "json":
        click.echo(
            json.dumps(
                {
                    "diagnostics": [d.to_json() for d in result.diagnostics],
                    "stale": [{"path": s.path, "diff": s.diff} for s in result.stale],
                },
                indent=2,
            )
        )
    else:
        for stale in result.stale:
            click.echo(stale.diff, nl=False)
        for stale in result.stale:
            click.echo(
                f"{stale.path}: error[TP301]: output is stale\n"
                "  hint: run `typepact generate` and commit the result",
                err=True,
            )
        if result.ok and not quiet:
            click.echo("typepact: all outputs are up to date")
    sys.exit(EXIT_OK if result.ok else EXIT_PROBLEMS)


@main.command("ir")
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=True),
    help="pyproject.toml or typepact.toml to use.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    help="How to print diagnostics.",
)
def ir_command(config_path: Path | None, output_format: str) -> None:
    """Print the intermediate schema (IR) as JSON."""
    from codegen.pipeline import build_ir, ir_to_json

    config = _load(config_path, (), output_format, require_targets=False)
    result = _guard(lambda: build_ir(config))
    if result.schema is None or not result.ok:
        _report(result.diagnostics, output_format, None)
        sys.exit(EXIT_PROBLEMS)
    _report(result.diagnostics, output_format, config)
    click.echo(json.dumps(ir_to_json(result.schema), indent=2))
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
        _report(exc.diagnostics, output_format, None)
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


def _report(
    diagnostics: list[Diagnostic], output_format: str, config: Config | None
) -> None:
    if output_format == "json":
        # Commands print one JSON object that holds the diagnostics; only
        # runs that stop before producing one print them on their own.
        if config is None:
            click.echo(
                json.dumps(
                    {"diagnostics": json.loads(format_json(diagnostics))}, indent=2
                )
            )
        return
    for diagnostic in diagnostics:
        click.echo(diagnostic.format_text(), err=True)
    errors = sum(d.severity == "error" for d in diagnostics)
    if errors:
        click.echo(
            f"typepact: {errors} error{'s' if errors != 1 else ''}",
            err=True,
        )


if __name__ == "__main__":
    main()
