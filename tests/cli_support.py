"""Helpers for tests that drive the real `typepact` command in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

BASIC_CONFIG = """\
[tool.typepact]
sources = ["models"]

[tool.typepact.targets.typescript]
out = "out/types.ts"

[tool.typepact.targets.zod]
out = "out/schemas.ts"
"""


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


def make_project(
    root: Path, files: dict[str, str | bytes], config: str = BASIC_CONFIG
) -> Path:
    """A project folder with a pyproject.toml and the given source files."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(config, encoding="utf-8")
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


def typepact(cwd: Path, *args: str, env: dict[str, str] | None = None) -> Run:
    """Run `typepact ARGS` in `cwd` as a user would, in a fresh interpreter."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("TYPEPACT_TRACEBACK", None)
    proc = subprocess.run(
        [sys.executable, "-m", "codegen", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under root with its content and mtime, to prove that a run
    changed nothing. The cache folder is left out: keeping what was parsed
    is how the next run stays fast, and it is never an output."""
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
        and "__pycache__" not in p.parts
        and ".typepact-cache" not in p.parts
    }
