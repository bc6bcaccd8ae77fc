"""All-or-nothing output: every changed file is written to a temporary
name beside its destination first, and only when all of them are written
are they renamed into place. Unchanged files are left alone, so their
modification time (and every build tool watching it) stays quiet."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class WriteResult:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


class WriteError(Exception):
    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def read_existing(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return None
    except UnicodeDecodeError:
        return "\0not utf-8\0"  # differs from any generated text


def write_all(root: Path, files: dict[str, str]) -> WriteResult:
    """Write `files` (paths relative to `root`) atomically as a set."""
    changed: list[tuple[str, Path]] = []
    unchanged: list[str] = []
    for rel in sorted(files):
        target = root / rel
        if read_existing(target) == files[rel]:
            unchanged.append(rel)
        else:
            changed.append((rel, target))

    staged: list[tuple[str, Path, Path]] = []
    try:
        for rel, target in changed:
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(
                    dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
                )
                with os.fdopen(fd, "wb") as handle:
                    handle.write(files[rel].encode("utf-8"))
                    handle.flush()
                    os.fsync(handle.fileno())
            except OSError as exc:
                raise WriteError(rel, exc.strerror or str(exc)) from None
            staged.append((rel, Path(tmp), target))
        for rel, tmp, target in staged:
            try:
                os.replace(tmp, target)
            except OSError as exc:
                raise WriteError(rel, exc.strerror or str(exc)) from None
    finally:
        for _, tmp, _ in staged:
            if tmp.exists():
                tmp.unlink()
    return WriteResult(written=[rel for rel, _ in changed], unchanged=unchanged)
