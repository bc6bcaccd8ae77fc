"""The warm fast path (codegen/stamp.py): a plain `check` or `generate` with
nothing changed is answered from the stamp, printing what the full run
printed; any change it depends on sends the run down the full path."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli_support import Run, make_project, typepact

MODELS = {
    "models/__init__.py": "",
    "models/catalog.py": """\
    from pydantic import BaseModel


    class Product(BaseModel):
        sku: str
        price: float
        tags: list[int | str] = []
    """,
}
CONFIG = """\
[tool.typepact]
sources = ["models"]

[tool.typepact.targets.typescript]
out = "out/types.ts"

[tool.typepact.targets.protobuf]
out = "out/proto"
package = "shop.v1"
"""


def _age(root: Path, seconds: float = 30) -> None:
    """Date every file and folder back, as files are on a real machine; a
    run cannot stamp files modified just before it started."""
    past = time.time() - seconds
    for path in [root, *root.rglob("*")]:
        os.utime(path, (past, past))


def _project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "shop", MODELS, CONFIG)
    _age(root)
    first = typepact(root, "generate")
    assert first.code == 0, first.stderr
    assert (root / ".typepact-cache" / "stamp.json").is_file()
    _age(root)
    return root


def _restamp(root: Path) -> None:
    """Regenerate; the sources just edited are too new to stamp, so age
    them and let one full check write the stamp."""
    assert typepact(root, "generate").code == 0
    _age(root)
    assert typepact(root, "check").code == 0


def _run(root: Path, *args: str) -> tuple[Run, bool]:
    """The run, and whether the stamp answered it (the command line module
    was never imported)."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "codegen", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    imported = set(
        re.findall(r"^import time:\s+\d+ \|\s+\d+ \|\s+(\S+)", proc.stderr, re.M)
    )
    stderr = "".join(
        line
        for line in proc.stderr.splitlines(keepends=True)
        if not line.startswith("import time:")
    )
    return Run(proc.returncode, proc.stdout, stderr), "codegen.cli" not in imported


@pytest.mark.parametrize(
    "args", [("check",), ("check", "-q"), ("generate",), ("generate", "--quiet")]
)
def test_a_warm_plain_run_is_answered_from_the_stamp(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    root = _project(tmp_path)
    full = typepact(root, *args, env={"TYPEPACT_NO_STAMP": "1"})
    fast, served = _run(root, *args)
    assert served
    assert fast == full  # exit code, stdout and stderr
    # The replay carries the warnings too (protobuf's Value, TP204).
    if "-q" not in args and "--quiet" not in args:
        assert "TP204" in fast.stderr


def test_served_run_imports_nothing_heavy(tmp_path: Path) -> None:
    root = _project(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "codegen", "check", "-q"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0
    imported = set(re.findall(r"\|\s+(\S+)$", proc.stderr, re.M))
    heavy = {"click", "tomllib", "codegen.pipeline", "codegen.ir", "typing"}
    assert imported & heavy == set()


def test_an_edited_source_is_seen(tmp_path: Path) -> None:
    root = _project(tmp_path)
    catalog = root / "models" / "catalog.py"
    catalog.write_text(catalog.read_text() + "    note: str = ''\n")
    run, served = _run(root, "check")
    assert not served
    assert run.code == 1 and "out/types.ts" in run.stdout


def test_same_size_same_mtime_edit_right_after_the_stamp_is_seen(
    tmp_path: Path,
) -> None:
    """The racy case: an edit within the clock's coarseness of the stamp,
    keeping size and mtime, is found by the content digest."""
    root = make_project(tmp_path / "shop", MODELS, CONFIG)
    _age(root)
    assert typepact(root, "generate").code == 0
    out = root / "out" / "types.ts"
    before = out.stat()
    out.write_text(out.read_text().replace("sku", "SKU"))
    os.utime(out, ns=(before.st_atime_ns, before.st_mtime_ns))
    run, served = _run(root, "check")
    assert not served
    assert run.code == 1 and "TP301" in run.stderr


def test_an_added_or_removed_source_is_seen(tmp_path: Path) -> None:
    root = _project(tmp_path)
    extra = root / "models" / "orders.py"
    extra.write_text(
        "from pydantic import BaseModel\n\nclass Order(BaseModel):\n    id: int\n"
    )
    run, served = _run(root, "check")
    assert not served and run.code == 1
    _restamp(root)
    assert _run(root, "check")[1]
    extra.unlink()
    run, served = _run(root, "check")
    assert not served and run.code == 1


def test_a_hand_edited_output_or_config_is_seen(tmp_path: Path) -> None:
    root = _project(tmp_path)
    out = root / "out" / "types.ts"
    out.write_text(out.read_text() + "// edited\n")
    run, served = _run(root, "check")
    assert not served and run.code == 1
    _restamp(root)
    assert _run(root, "check")[1]
    config = root / "pyproject.toml"
    config.write_text(config.read_text().replace('"shop.v1"', '"store.v1"'))
    run, served = _run(root, "check")
    assert not served and run.code == 1


def test_other_invocations_take_the_full_path(tmp_path: Path) -> None:
    root = _project(tmp_path)
    for args in (("check", "--format", "json"), ("check", "--target", "typescript")):
        run, served = _run(root, *args)
        assert not served and run.code == 0
    (root / "models" / "sub").mkdir()
    run, served = _run(root / "models", "check")
    assert not served and run.code == 0


def test_a_corrupt_stamp_is_ignored(tmp_path: Path) -> None:
    root = _project(tmp_path)
    (root / ".typepact-cache" / "stamp.json").write_text("{not json")
    run, served = _run(root, "check")
    assert not served and run.code == 0


@pytest.mark.parametrize(
    "config", [("--config", "shop/pyproject.toml"), ("--config=shop",)]
)
def test_a_run_with_config_is_answered_from_its_own_stamp(
    tmp_path: Path, config: tuple[str, ...]
) -> None:
    """A monorepo's hook names its configuration (`--config`): that run has a
    stamp too, beside the configuration, for that folder and argument."""
    root = _project(tmp_path)
    args = ("check", *config)
    # The full run (the stamp is only not served) stamps this invocation.
    full = typepact(tmp_path, *args, env={"TYPEPACT_NO_STAMP": "1"})
    assert full.code == 0, full.stderr
    fast, served = _run(tmp_path, *args)
    assert served
    assert fast == full  # exit code, stdout and stderr
    # It answers that folder and argument only.
    assert not _run(root, "check")[1]
    assert not _run(tmp_path, "check", "--config", "shop/../shop")[1]
    _age(root)
    assert typepact(tmp_path, *args).code == 0
    assert _run(tmp_path, *args)[1]
    catalog = root / "models" / "catalog.py"
    catalog.write_text(catalog.read_text() + "    note: str = ''\n")
    run, served = _run(tmp_path, *args)
    assert not served
    assert run.code == 1 and "out/types.ts" in run.stdout
