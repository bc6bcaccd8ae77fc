"""Output formats: GitHub annotations, the JSON document, --quiet, and the
progress line (only ever on a terminal)."""

from __future__ import annotations

import io
import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from codegen.diagnostics import Diagnostic
from codegen.ir import SourceLocation
from codegen.progress import Status
from codegen.report import (
    GithubPaths,
    escape_data,
    escape_property,
    github_annotation,
    workflow_command,
)
from tests.cli_support import BASIC_CONFIG, make_project, typepact

GOOD = """\
from pydantic import BaseModel


class Product(BaseModel):
    sku: str
    price: float
"""

# An unknown Field() argument is a warning (TP104): the run still succeeds.
WARNS = """\
from pydantic import BaseModel, Field


class Product(BaseModel):
    sku: str = Field(default="x", colour="red")
"""

UNKNOWN_NAME = """\
from pydantic import BaseModel


class Order(BaseModel):
    customer: Customer
"""

ANNOTATION = re.compile(
    r"^::(?P<kind>error|warning)"
    r"(?: (?P<props>[^:]*))?"  # escaped properties hold no `:`
    r"::(?P<message>[^\r\n]*)$"
)


def _props(raw: str) -> dict[str, str]:
    return dict(item.split("=", 1) for item in raw.split(","))


# -- GitHub escaping, by GitHub's rules --------------------------------------


def test_escape_data_escapes_percent_first_then_newlines() -> None:
    assert escape_data("100% done\r\nnext %0A") == "100%25 done%0D%0Anext %250A"
    # `:` and `,` are fine in a message.
    assert escape_data("a: b, c") == "a: b, c"


def test_escape_property_also_escapes_colon_and_comma() -> None:
    assert escape_property("C:\\x,y%\n") == "C%3A\\x%2Cy%25%0A"


def test_workflow_command_omits_missing_properties() -> None:
    assert workflow_command("error", "m", {}) == "::error::m"
    assert (
        workflow_command("warning", "m", {"file": "a,b.py", "line": None, "col": 3})
        == "::warning file=a%2Cb.py,col=3::m"
    )


def test_annotation_carries_location_code_target_and_hint(tmp_path: Path) -> None:
    diagnostic = Diagnostic(
        code="TP204",
        message="50% of `a:b` lost",
        hint="use an override",
        location=SourceLocation(path="models/x,y.py", line=3, column=7),
        target="zod",
    )
    line = github_annotation(diagnostic, GithubPaths(None))
    assert line == (
        "::error file=models/x%2Cy.py,line=3,col=7,title=TP204::"
        "[zod] 50%25 of `a:b` lost%0Ahint: use an override"
    )


def test_github_paths_are_relative_to_the_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    assert GithubPaths(tmp_path / "api")("models/a.py") == "api/models/a.py"
    monkeypatch.delenv("GITHUB_WORKSPACE")
    monkeypatch.chdir(tmp_path.parent)
    assert GithubPaths(tmp_path)("m.py") == f"{tmp_path.name}/m.py"


# -- --format github through the real CLI -----------------------------------


def test_github_format_for_source_errors(tmp_path: Path) -> None:
    # A comma in the file name must not end the `file=` property.
    root = make_project(
        tmp_path,
        {
            "models/orders.py": UNKNOWN_NAME,
            "models/odd,name.py": "class Broken(:\n",
        },
    )
    run = typepact(root, "generate", "--format", "github")
    assert run.code == 1
    annotations = [ANNOTATION.match(line) for line in run.stdout.splitlines()]
    found = {}
    for match in annotations:
        if match:
            props = _props(match["props"])
            found[props["title"]] = (props, match["message"])
    props, message = found["TP101"]
    assert props["file"] == "models/orders.py"
    assert props["line"] == "5" and props["col"].isdigit()
    assert "Customer" in message and "%0Ahint: " in message
    props, _ = found["TP004"]
    assert props["file"] == "models/odd%2Cname.py"
    assert "no files were written" in run.stderr
    assert not (root / "out").exists()


def test_github_format_for_stale_outputs(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"models/shop.py": GOOD})
    assert typepact(root, "generate").code == 0
    (root / "models" / "shop.py").write_text(GOOD + "    name: str\n")
    run = typepact(root, "check", "--format", "github")
    assert run.code == 1, run.stderr
    lines = run.stdout.splitlines()
    assert (
        "::error file=out/types.ts,title=TP301::output is stale%0A"
        "hint: run `typepact generate` and commit the result"
    ) in lines
    start = lines.index("::group::diff for out/types.ts")
    diff = lines[start + 1 : lines.index("::endgroup::", start)]
    assert any(line.startswith("+") and "name" in line for line in diff)


def test_github_paths_follow_the_config_folder(tmp_path: Path) -> None:
    root = make_project(tmp_path / "api", {"models/orders.py": UNKNOWN_NAME})
    run = typepact(
        tmp_path, "check", "--format", "github", "--config", "api/pyproject.toml"
    )
    assert run.code == 1
    assert "::error file=api/models/orders.py,line=5," in run.stdout, run.stdout
    assert root.exists()


def test_github_format_for_configuration_errors(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"models/a.py": GOOD}, "[tool.typepact\n")
    run = typepact(root, "check", "--format", "github")
    assert run.code == 2
    (line,) = run.stdout.splitlines()
    match = ANNOTATION.match(line)
    assert match and _props(match["props"])["title"] == "TP001"
    assert _props(match["props"])["file"] == "pyproject.toml"


def test_github_format_for_ir_goes_to_stderr(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"models/shop.py": WARNS})
    run = typepact(root, "ir", "--format", "github")
    assert run.code == 0, run.stderr
    json.loads(run.stdout)  # stdout is the IR alone
    assert run.stderr.startswith("::warning file=models/shop.py,"), run.stderr


# -- --format json: a stable, versioned document ----------------------------


def test_json_documents_have_a_fixed_shape(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"models/shop.py": GOOD})
    generated = json.loads(typepact(root, "generate", "--format", "json").stdout)
    assert list(generated) == ["version", "diagnostics", "written", "unchanged"]
    assert generated["version"] == 1
    assert generated["written"] == ["out/schemas.ts", "out/types.ts"]

    again = json.loads(typepact(root, "generate", "--format", "json").stdout)
    assert again == {
        "version": 1,
        "diagnostics": [],
        "written": [],
        "unchanged": ["out/schemas.ts", "out/types.ts"],
    }

    (root / "models" / "shop.py").write_text(GOOD + "    name: str\n")
    run = typepact(root, "check", "--format", "json")
    assert run.code == 1 and run.stderr == ""
    checked = json.loads(run.stdout)
    assert list(checked) == ["version", "diagnostics", "stale"]
    assert [s["path"] for s in checked["stale"]] == ["out/schemas.ts", "out/types.ts"]
    assert all(s["diff"].startswith("--- ") for s in checked["stale"])


def test_json_diagnostic_keys(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"models/shop.py": WARNS})
    payload = json.loads(typepact(root, "generate", "--format", "json").stdout)
    (warning,) = payload["diagnostics"]
    assert list(warning) == [
        "code",
        "severity",
        "message",
        "hint",
        "path",
        "line",
        "column",
        "target",
    ]
    assert warning["code"] == "TP104" and warning["severity"] == "warning"


def test_json_for_configuration_errors(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"models/a.py": GOOD}, "[tool.typepact\n")
    run = typepact(root, "generate", "--format", "json")
    assert run.code == 2
    payload = json.loads(run.stdout)
    assert payload["version"] == 1
    assert [d["code"] for d in payload["diagnostics"]] == ["TP001"]


# -- --quiet: errors only ----------------------------------------------------


def test_quiet_success_prints_nothing(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"models/shop.py": WARNS})
    loud = typepact(root, "generate")
    assert "TP104" in loud.stderr and "written" in loud.stdout
    for command in ("generate", "check"):
        run = typepact(root, command, "--quiet")
        assert (run.code, run.stdout, run.stderr) == (0, "", ""), command
    run = typepact(root, "check", "-q", "--format", "github")
    assert (run.code, run.stdout, run.stderr) == (0, "", "")


def test_quiet_still_prints_errors_and_stale_diffs(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"models/shop.py": GOOD})
    assert typepact(root, "generate", "-q").code == 0
    (root / "models" / "shop.py").write_text(GOOD + "    name: str\n")
    run = typepact(root, "check", "-q")
    assert run.code == 1
    assert "+++ out/types.ts (generated)" in run.stdout
    assert "error[TP301]" in run.stderr

    (root / "models" / "bad.py").write_text(UNKNOWN_NAME)
    run = typepact(root, "generate", "-q")
    assert run.code == 1 and run.stdout == ""
    assert "error[TP101]" in run.stderr and "typepact: 1 error" in run.stderr


# -- progress: a terminal only, and never with --quiet ----------------------


class _FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_status_line_draws_then_erases_itself() -> None:
    stream = _FakeTerminal()
    with Status("checking", stream=stream, delay=0, interval=0.01):
        import time

        time.sleep(0.1)
    text = stream.getvalue()
    assert "typepact: checking " in text
    assert text.endswith("\r\x1b[K")


def test_status_line_waits_for_its_delay() -> None:
    stream = _FakeTerminal()
    with Status("checking", stream=stream, delay=30):
        pass
    assert stream.getvalue() == ""


def test_status_line_needs_a_terminal() -> None:
    stream = io.StringIO()
    with Status("checking", stream=stream, delay=0, interval=0.01):
        import time

        time.sleep(0.05)
    assert stream.getvalue() == ""


def test_no_progress_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"models/shop.py": GOOD})
    run = typepact(root, "generate", env={"TYPEPACT_PROGRESS_DELAY": "0"})
    assert run.code == 0
    assert "\r" not in run.stderr and "generating" not in run.stderr


def _stderr_on_a_terminal(root: Path, *args: str) -> str:
    """Run the CLI with stderr on a pseudo-terminal; what it drew there."""
    leader, follower = pty.openpty()
    env = {**os.environ, "TYPEPACT_PROGRESS_DELAY": "0"}
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "codegen", *args],
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=follower,
            timeout=120,
        )
        os.close(follower)
        follower = -1
        assert proc.returncode == 0
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # EIO once the terminal has no writer left
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks).decode()
    finally:
        os.close(leader)
        if follower >= 0:
            os.close(follower)


def test_progress_on_a_terminal_unless_quiet(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"models/shop.py": GOOD}, BASIC_CONFIG)
    drawn = _stderr_on_a_terminal(root, "generate", "--no-cache")
    assert "typepact: generating" in drawn
    assert drawn.endswith("\r\x1b[K")  # erased before exit
    assert _stderr_on_a_terminal(root, "check", "--no-cache", "--quiet") == ""


def test_ir_json_puts_its_diagnostics_on_stderr(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"models/shop.py": WARNS})
    run = typepact(root, "ir", "--format", "json")
    assert run.code == 0
    assert "definitions" in json.loads(run.stdout)
    problems = json.loads(run.stderr)
    assert problems["version"] == 1
    assert [d["code"] for d in problems["diagnostics"]] == ["TP104"]

    (root / "models" / "shop.py").write_text(UNKNOWN_NAME)
    run = typepact(root, "ir", "--format", "json")
    assert run.code == 1
    assert "TP101" in {d["code"] for d in json.loads(run.stdout)["diagnostics"]}
