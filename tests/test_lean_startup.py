"""A warm run where nothing changed imports only what it needs: no parser,
no template engine. Checked on the real command in a fresh interpreter."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.cli_support import make_project, typepact

MODELS = {
    "models/catalog.py": """\
    from pydantic import BaseModel


    class Product(BaseModel):
        sku: str
        price: float
    """,
}
CONFIG = """\
[tool.typepact]
sources = ["models"]

[tool.typepact.targets.typescript]
out = "out/types.ts"

[tool.typepact.targets.zod]
out = "out/schemas.ts"

[tool.typepact.targets.openapi]
out = "out/openapi.json"

[tool.typepact.targets.protobuf]
out = "out/proto"
package = "shop.v1"
"""
NEVER_ON_A_WARM_RUN = ("libcst", "jinja2", "pydantic", "watchfiles", "yaml")


def _imported(root: Path, *args: str) -> set[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONWARNINGS"}
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "codegen", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return set(re.findall(r"^import time:\s+\d+ \|\s+\d+ \|\s+(\S+)", run.stderr, re.M))


def test_warm_check_imports_no_parser_and_no_templates(tmp_path: Path) -> None:
    root = make_project(tmp_path, MODELS, CONFIG)
    assert typepact(root, "generate", "-q").code == 0

    modules = _imported(root, "check", "-q")
    heavy = sorted(m for m in modules if m.split(".")[0] in NEVER_ON_A_WARM_RUN)
    assert heavy == []
    assert not any(m.startswith("codegen.frontends") for m in modules)


def test_the_check_is_real_a_cold_run_does_import_the_parser(tmp_path: Path) -> None:
    root = make_project(tmp_path, MODELS, CONFIG)
    modules = _imported(root, "generate", "-q", "--no-cache")
    assert "codegen.frontends.python.extract" in modules
