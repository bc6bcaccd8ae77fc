"""Bad input: a clear diagnostic with file:line:col and a hint, the
documented exit code, never a traceback, and no file written."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.cli_support import BASIC_CONFIG, make_project, snapshot, typepact

GOOD = """\
from pydantic import BaseModel


class Product(BaseModel):
    sku: str
    price: float
"""

# Each case: files, expected exit code, expected code, expected "path:line:col".
CASES: dict[str, tuple[dict[str, str | bytes], str, int, str | None]] = {
    "syntax_error": (
        {
            "models/good.py": GOOD,
            "models/broken.py": "from pydantic import BaseModel\n\n"
            "class Broken(BaseModel):\n    name: str =\n",
        },
        BASIC_CONFIG,
        1,
        r"models/broken\.py:4:\d+: error\[TP004\]",
    ),
    "not_utf8": (
        {
            "models/good.py": GOOD,
            "models/latin1.py": b"# caf\xe9\nfrom pydantic import BaseModel\n",
        },
        BASIC_CONFIG,
        1,
        r"models/latin1\.py:1:6: error\[TP003\]",
    ),
    "unknown_name": (
        {
            "models/orders.py": """\
            from pydantic import BaseModel


            class Order(BaseModel):
                id: int
                customer: Customer
            """,
        },
        BASIC_CONFIG,
        1,
        r"models/orders\.py:6:\d+: error\[TP101\]",
    ),
    "unsupported_type": (
        {
            "models/jobs.py": """\
            from typing import Callable

            from pydantic import BaseModel


            class Job(BaseModel):
                name: str
                run: Callable[[], None]
            """,
        },
        BASIC_CONFIG,
        1,
        r"models/jobs\.py:8:\d+: error\[TP102\]",
    ),
    "name_collision": (
        {
            "models/billing.py": GOOD.replace("Product", "Account"),
            "models/auth.py": GOOD.replace("Product", "Account"),
        },
        BASIC_CONFIG,
        1,
        r"error\[TP201\]",
    ),
    "empty_source_folder": (
        {"models/README.txt": "no models yet\n"},
        BASIC_CONFIG,
        1,
        r"error\[TP002\]",
    ),
    "missing_source_folder": (
        {},
        BASIC_CONFIG,
        1,
        r"error\[TP005\]",
    ),
    "unknown_config_key": (
        {"models/good.py": GOOD},
        BASIC_CONFIG.replace('sources = ["models"]', 'source = ["models"]'),
        2,
        r"pyproject\.toml:1:1: error\[TP001\]: unknown key 'source'",
    ),
    "unknown_target_option": (
        {"models/good.py": GOOD},
        BASIC_CONFIG + 'enum_styl = "enum"\n',
        2,
        r"error\[TP001\]: unknown option 'enum_styl' for target 'zod'",
    ),
    "unknown_target": (
        {"models/good.py": GOOD},
        BASIC_CONFIG + '[tool.typepact.targets.elm]\nout = "x.elm"\n',
        2,
        r"error\[TP001\]: unknown target 'elm'",
    ),
    "invalid_toml": (
        {"models/good.py": GOOD},
        BASIC_CONFIG + "[tool.typepact\n",
        2,
        r"pyproject\.toml:\d+:\d+: error\[TP001\]: invalid TOML",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_reported_and_nothing_is_written(
    tmp_path: Path, case: str
) -> None:
    files, config, exit_code, pattern = CASES[case]
    root = make_project(tmp_path / case, files, config)
    before = snapshot(root)

    run = typepact(root, "generate")

    assert run.code == exit_code, run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    assert pattern is not None and re.search(pattern, run.stderr), run.stderr
    assert "hint:" in run.stderr
    assert snapshot(root) == before, "a failed run must not write anything"
    assert not (root / "out").exists()


def test_all_problems_are_reported_not_only_the_first(tmp_path: Path) -> None:
    root = make_project(
        tmp_path,
        {
            "models/a.py": "from pydantic import BaseModel\n\n"
            "class A(BaseModel):\n    x: Missing1\n    y: Missing2\n",
            "models/b.py": "class B(:\n",
        },
    )
    run = typepact(root, "generate")
    assert run.code == 1
    assert "Missing1" in run.stderr and "Missing2" in run.stderr
    assert "models/b.py:1:" in run.stderr
    assert re.search(r"typepact: [3-9] errors", run.stderr), run.stderr


def test_json_format_is_machine_readable(tmp_path: Path) -> None:
    files, config, _, _ = CASES["unknown_name"]
    root = make_project(tmp_path, files, config)
    run = typepact(root, "generate", "--format", "json")
    assert run.code == 1
    payload = json.loads(run.stdout)
    (problem,) = [d for d in payload["diagnostics"] if d["code"] == "TP101"]
    assert problem["path"] == "models/orders.py"
    assert problem["line"] == 6
    assert problem["severity"] == "error"
    assert problem["hint"]


def test_failure_leaves_existing_outputs_untouched(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"models/good.py": GOOD})
    assert typepact(root, "generate").code == 0
    before = snapshot(root / "out")
    (root / "models" / "bad.py").write_text("class X(:\n", encoding="utf-8")
    (root / "models" / "good.py").write_text(
        GOOD + "    stock: int = 0\n", encoding="utf-8"
    )
    assert typepact(root, "generate").code == 1
    assert snapshot(root / "out") == before


def test_no_config_is_a_usage_error(tmp_path: Path) -> None:
    run = typepact(tmp_path, "generate")
    assert run.code == 2
    assert "error[TP001]: no configuration found" in run.stderr
    assert "Traceback" not in run.stderr


def test_unknown_command_is_a_usage_error(tmp_path: Path) -> None:
    run = typepact(tmp_path, "frobnicate")
    assert run.code == 2
