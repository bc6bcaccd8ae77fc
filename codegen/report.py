"""Printing a run's results: text for people, JSON for programs, GitHub
workflow annotations for CI logs.

Only the standard library is imported here, because every command loads
this module on its warm path.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from codegen.diagnostics import Diagnostic

#: The `version` key of every JSON document the CLI prints. Keys may be
#: added within a version; renaming or removing one, or changing what a
#: value means, bumps it.
JSON_VERSION = 1

FORMATS = ("text", "json", "github")


def json_document(diagnostics: Iterable[Diagnostic], **extra: Any) -> dict[str, Any]:
    """The one JSON object a command prints: version first, then the
    diagnostics, then what the command adds (`written`, `stale`, ...)."""
    return {
        "version": JSON_VERSION,
        "diagnostics": [d.to_json() for d in diagnostics],
        **extra,
    }


def text_lines(diagnostics: Iterable[Diagnostic], *, quiet: bool) -> list[str]:
    """Diagnostics as people read them, with an error count at the end.
    Quiet runs keep the errors only."""
    shown = [d for d in diagnostics if not quiet or d.severity == "error"]
    lines = [d.format_text() for d in shown]
    errors = sum(d.severity == "error" for d in shown)
    if errors:
        lines.append(f"typepact: {errors} error{'s' if errors != 1 else ''}")
    return lines


# GitHub's rules (actions/toolkit, packages/core/src/command.ts): the
# message escapes %, CR and LF; property values additionally escape `:`
# and `,`, which would otherwise end the value. `%` goes first so that
# the escapes themselves are not escaped again.
_DATA_ESCAPES = (("%", "%25"), ("\r", "%0D"), ("\n", "%0A"))
_PROPERTY_ESCAPES = (*_DATA_ESCAPES, (":", "%3A"), (",", "%2C"))


def escape_data(text: str) -> str:
    for raw, escaped in _DATA_ESCAPES:
        text = text.replace(raw, escaped)
    return text


def escape_property(text: str) -> str:
    for raw, escaped in _PROPERTY_ESCAPES:
        text = text.replace(raw, escaped)
    return text


def workflow_command(
    command: str, message: str, properties: dict[str, str | int | None]
) -> str:
    """`::command key=value,...::message`, with every part escaped."""
    props = ",".join(
        f"{key}={escape_property(str(value))}"
        for key, value in properties.items()
        if value is not None
    )
    return f"::{command}{' ' + props if props else ''}::{escape_data(message)}"


class GithubPaths:
    """Maps paths relative to the configuration's folder to paths relative
    to the repository, which is what GitHub expects in `file=`.

    The repository is GITHUB_WORKSPACE when set (a step may run in a
    subfolder with `working-directory`), else the current folder."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        workspace = os.environ.get("GITHUB_WORKSPACE")
        self.base = Path(workspace) if workspace else Path.cwd()

    def __call__(self, rel: str) -> str:
        if self.root is None:
            return rel
        full = (self.root / rel).resolve()
        try:
            return full.relative_to(self.base.resolve()).as_posix()
        except ValueError:
            return full.as_posix()


def github_annotation(diagnostic: Diagnostic, paths: GithubPaths) -> str:
    loc = diagnostic.location
    target = f"[{diagnostic.target}] " if diagnostic.target else ""
    message = f"{target}{diagnostic.message}"
    if diagnostic.hint:
        message += f"\nhint: {diagnostic.hint}"
    return workflow_command(
        diagnostic.severity,
        message,
        {
            "file": paths(loc.path) if loc else None,
            "line": loc.line if loc else None,
            "col": loc.column if loc else None,
            "title": diagnostic.code,
        },
    )


def github_lines(
    diagnostics: Iterable[Diagnostic], paths: GithubPaths, *, quiet: bool
) -> list[str]:
    return [
        github_annotation(d, paths)
        for d in diagnostics
        if not quiet or d.severity == "error"
    ]


STALE_HINT = "run `typepact generate` and commit the result"


def github_stale(path: str, diff: str, paths: GithubPaths) -> list[str]:
    """A stale output as an annotation on the file, with its diff in a
    collapsible group of the log (a diff line starts with ' ', '+', '-' or
    '@', so it can never be read as a workflow command)."""
    shown = paths(path)
    return [
        workflow_command(
            "error",
            f"output is stale\nhint: {STALE_HINT}",
            {"file": shown, "title": "TP301"},
        ),
        f"::group::diff for {escape_data(shown)}",
        *diff.splitlines(),
        "::endgroup::",
    ]
