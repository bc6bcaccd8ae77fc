"""Finding and reading source files, and naming their modules.

Module names follow Python's own rule for regular packages: a folder is a
package when it holds `__init__.py`, so `app/models/user.py` is
`app.models.user` when `app/` and `app/models/` are packages, and plain
`user` when `app/models/` is not.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from pathlib import Path

from codegen.diagnostics import Diagnostic
from codegen.ir import SourceLocation
from codegen.sources import SourceFile
from codegen.stamp import walk_sources


@dataclass(frozen=True, slots=True)
class FoundFile:
    path: Path
    display_path: str
    module: str
    is_package: bool


def find_sources(
    root: Path, sources: tuple[str, ...], exclude: tuple[str, ...]
) -> tuple[list[FoundFile], list[Diagnostic]]:
    """Every `.py` file under the configured sources, sorted by path."""
    diagnostics: list[Diagnostic] = []
    found: dict[Path, FoundFile] = {}
    for source in sources:
        base = (root / source).resolve()
        if not base.exists():
            diagnostics.append(
                Diagnostic(
                    code="TP005",
                    message=f"source path {source!r} does not exist",
                    hint="fix `sources` in the configuration; paths are relative "
                    "to the configuration file",
                )
            )
            continue
        candidates = [base] if base.is_file() else _walk(base)
        for path in candidates:
            display = _display(root, path)
            if any(fnmatch.fnmatch(display, pattern) for pattern in exclude):
                continue
            module, is_package = module_name(path)
            found[path] = FoundFile(path, display, module, is_package)
    files = sorted(found.values(), key=lambda f: f.display_path)
    if not files and not diagnostics:
        diagnostics.append(
            Diagnostic(
                code="TP002",
                message="no Python source files found in "
                + ", ".join(repr(s) for s in sources),
                hint="point `sources` at the folders that hold your models",
            )
        )
    return files, diagnostics


def _walk(folder: Path) -> list[Path]:
    # The same walk the warm fast path records (codegen/stamp.py), so that
    # what it watches is exactly what discovery reads.
    return [
        path
        for current, _, names in walk_sources(str(folder))
        for path in (Path(current, name) for name in names)
        if path.is_file()
    ]


def module_name(path: Path) -> tuple[str, bool]:
    """The dotted module name of a file, and whether it is a package."""
    is_package = path.name == "__init__.py"
    parts: list[str] = [] if is_package else [path.stem]
    folder = path.parent
    while (folder / "__init__.py").is_file():
        parts.append(folder.name)
        if folder.parent == folder:
            break
        folder = folder.parent
    return ".".join(reversed(parts)), is_package


def read_source(found: FoundFile) -> SourceFile | Diagnostic:
    """Decode a file as UTF-8, or say exactly where it is not."""
    data = found.path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        return Diagnostic(
            code="TP003",
            message=f"file is not valid UTF-8 (byte 0x{data[exc.start]:02x})",
            hint="save the file as UTF-8; Python source files are UTF-8 by default",
            location=SourceLocation(path=found.display_path, line=line, column=column),
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    return SourceFile(
        display_path=found.display_path,
        module=found.module,
        is_package=found.is_package,
        text=text,
    )


def _display(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
