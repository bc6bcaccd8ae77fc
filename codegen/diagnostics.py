"""Diagnostics: every problem typepact finds, with a place and a hint.

A run collects all of them instead of stopping at the first, so a user
fixes a whole batch per round trip. Codes are stable and documented in
docs/diagnostics.md; never reuse a retired code.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from codegen.ir import SourceLocation

Severity = Literal["error", "warning"]

#: Every code typepact can report, with a one-line summary. The docs table
#: is generated from this mapping, and a test checks that every code used
#: in the source is listed here.
CODES: dict[str, str] = {
    # 0xx: configuration and input files
    "TP001": "configuration error",
    "TP002": "no source files found",
    "TP003": "source file is not valid UTF-8",
    "TP004": "syntax error in a source file",
    "TP005": "source path does not exist",
    # 1xx: understanding the models
    "TP101": "unknown name",
    "TP102": "unsupported type",
    "TP103": "unsupported construct in a model",
    "TP104": "invalid argument to Field() or a constraint",
    "TP105": "wrong number of type arguments",
    "TP106": "import cycle or alias cycle",
    "TP107": "invalid override",
    "TP108": "internal error in a frontend (a bug; the input is reported)",
    "TP109": "two source files have the same module name",
    # 2xx: naming and emitting
    "TP201": "two definitions would get the same emitted name",
    "TP202": "reserved word used as a name",
    "TP203": "wire name cannot be represented",
    "TP204": "a target cannot express this type",
    # 3xx: output files
    "TP301": "output file is stale",
    "TP302": "cannot write output file",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Diagnostic:
    """One problem, printed as `path:line:col: error[TPnnn]: message`."""

    code: str
    message: str
    severity: Severity = "error"
    #: What the user can do about it.
    hint: str | None = None
    location: SourceLocation | None = None
    #: The target that reported it, for emitter diagnostics.
    target: str | None = None

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (
            loc.path if loc else "",
            loc.line if loc else 0,
            loc.column if loc else 0,
            self.code,
            self.message,
        )

    def format_text(self) -> str:
        where = (
            f"{self.location.path}:{self.location.line}:{self.location.column}: "
            if self.location
            else ""
        )
        target = f" [{self.target}]" if self.target else ""
        text = f"{where}{self.severity}[{self.code}]{target}: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    def to_json(self) -> dict[str, object]:
        loc = self.location
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
            "path": loc.path if loc else None,
            "line": loc.line if loc else None,
            "column": loc.column if loc else None,
            "target": self.target,
        }


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity == "error" for d in diagnostics)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Stable, location-first order, without duplicates."""
    return sorted(set(diagnostics), key=Diagnostic.sort_key)


def format_json(diagnostics: Iterable[Diagnostic]) -> str:
    return json.dumps([d.to_json() for d in diagnostics], indent=2)


class DiagnosticError(Exception):
    """Raised only at API boundaries that cannot return diagnostics."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__("\n".join(d.format_text() for d in diagnostics))
        self.diagnostics = diagnostics
