"""typepact reads models; it never imports, executes or evaluates them."""

from __future__ import annotations

from pathlib import Path

from tests.cli_support import make_project, typepact

HOSTILE = """\
import pathlib

pathlib.Path(__file__).with_name("PWNED").write_text("module body ran")
raise SystemExit("importing this module is not allowed")

from pydantic import BaseModel, Field


def _side_effect() -> int:
    pathlib.Path(__file__).with_name("PWNED_DEFAULT").write_text("default ran")
    return 1


class Trap(BaseModel):
    name: str = Field(default_factory=lambda: open("PWNED_FACTORY", "w").name)
    count: int = _side_effect()
    size: int = __import__("os").system("touch PWNED_SYSTEM")
"""


def test_a_module_that_writes_and_raises_on_import_compiles_cleanly(
    tmp_path: Path,
) -> None:
    root = make_project(tmp_path, {"models/trap.py": HOSTILE})
    run = typepact(root, "generate")
    assert run.code == 0, run.stderr
    assert "export interface Trap" in (root / "out/types.ts").read_text()
    leftovers = sorted(p.name for p in root.rglob("PWNED*"))
    assert leftovers == [], "user code was executed"
    assert not list(root.rglob("__pycache__")), "user code was compiled/imported"
