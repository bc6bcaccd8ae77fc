"""Shared state of one resolution run: summaries, names, diagnostics."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from codegen.diagnostics import Diagnostic, Severity
from codegen.frontends.python import exprs as ex
from codegen.frontends.python.names import ExternalRef, Names, Resolved
from codegen.frontends.python.options import PythonOptions
from codegen.frontends.python.summary import ClassSummary, ModuleAssign, ModuleSummary
from codegen.ir import SourceLocation
from codegen.records import Record

UNKNOWN_NAME_HINT = (
    "the name is not defined in the configured sources; add its module to "
    "`sources` or give an override"
)


class Scope(Record):
    """Where a type expression is read: its module, the type parameters in
    scope, and whether override prelude names are allowed."""

    module: str
    path: str
    type_params: frozenset[str] = frozenset()
    prelude: bool = False


class Context:
    def __init__(
        self, summaries: Sequence[ModuleSummary], options: PythonOptions
    ) -> None:
        # Later duplicates of a module name lose; sorting keeps that stable.
        ordered = sorted(summaries, key=lambda s: (s.module, s.display_path))
        self.modules: dict[str, ModuleSummary] = {}
        self.diagnostics: list[Diagnostic] = []
        for summary in ordered:
            kept = self.modules.setdefault(summary.module, summary)
            if kept is not summary:
                self.report(
                    "TP109",
                    f"module `{summary.module}` is also `{kept.display_path}`; "
                    "only that file is read",
                    path=summary.display_path,
                    at=(1, 1),
                    severity="warning",
                    hint="namespace packages (folders without __init__.py) give "
                    "files the same module name: add the __init__.py files, or "
                    "list one tree in `sources`",
                )
        self.names = Names(self.modules)
        #: (module, dotted name, prelude) -> canonical library name or None;
        #: nearly every field asks it of the same few names.
        self._canonical: dict[tuple[str, str, bool], str | None] = {}
        self._module_scopes: dict[tuple[str, str], Scope] = {}
        self.options = options
        self.overrides: Mapping[str, str] = options.overrides
        self.used_overrides: set[str] = set()
        self.classes: dict[str, tuple[ModuleSummary, ClassSummary]] = {}
        self.assigns: dict[str, tuple[ModuleSummary, ModuleAssign]] = {}
        for summary in self.modules.values():
            for cls in summary.classes:
                self.classes[f"{summary.module}:{cls.qualname}"] = (summary, cls)
            for assign in summary.assigns:
                # The last assignment of a name wins, as at runtime.
                self.assigns[f"{summary.module}:{assign.name}"] = (summary, assign)

    def report(
        self,
        code: str,
        message: str,
        *,
        path: str | None,
        at: ex.Expr | tuple[int, int] | None,
        hint: str | None = None,
        severity: Severity = "error",
    ) -> None:
        location = None
        if path is not None and at is not None:
            line, column = at if isinstance(at, tuple) else (at.line, at.column)
            location = SourceLocation(path=path, line=line, column=column)
        self.diagnostics.append(
            Diagnostic(
                code=code,
                message=message,
                hint=hint,
                location=location,
                severity=severity,
            )
        )

    def module_scope(self, summary: ModuleSummary) -> Scope:
        """The scope of a module's top level, one object per module: it is
        asked for each class, base and alias read."""
        key = (summary.module, summary.display_path)
        scope = self._module_scopes.get(key)
        if scope is None:
            scope = self._module_scopes[key] = Scope(*key)
        return scope

    def resolve_name(self, dotted: str, scope: Scope) -> Resolved | None:
        return self.names.resolve(scope.module, dotted, prelude=scope.prelude)

    def resolve_expr(self, expr: ex.Expr, scope: Scope) -> Resolved | None:
        """Resolve a name-like expression (ignoring call and subscript)."""
        name = _head_name(expr)
        return None if name is None else self.resolve_name(name.dotted, scope)

    def canonical_of(self, expr: ex.Expr, scope: Scope) -> str | None:
        """Canonical library name of a name-like expression, if external."""
        name = _head_name(expr)
        if name is None:
            return None
        key = (scope.module, name.dotted, scope.prelude)
        try:
            return self._canonical[key]
        except KeyError:
            found = self.resolve_name(name.dotted, scope)
            canonical = found.canonical if isinstance(found, ExternalRef) else None
            self._canonical[key] = canonical
            return canonical


def _head_name(expr: ex.Expr) -> ex.Name | None:
    """The name a call or subscript chain starts from: `Field` in
    `Field(...)`, `list` in `list[int]`; None for anything else."""
    while True:
        match expr:
            case ex.Name():
                return expr
            case ex.Call(func=func) | ex.Subscript(value=func):
                expr = func
            case _:
                return None
