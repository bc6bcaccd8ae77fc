"""The hooks in .pre-commit-hooks.yaml, run by pre-commit itself.

A temporary git repository uses this repository as its hook source, at
its HEAD commit (pre-commit clones a commit, so uncommitted changes here
are not exercised; CI runs on a fresh clone, where HEAD is the change
under test). pre-commit then builds a virtualenv and pip-installs
typepact from that clone, which needs the package index and takes a
while: the pre-commit home is shared by the whole session so this
happens once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli_support import typepact

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None, reason="pre-commit needs git"
)

MODEL = """\
from pydantic import BaseModel


class Product(BaseModel):
    sku: str
    price: float
"""

CONFIG = """\
[project]
name = "shop"
version = "0"

[tool.typepact]
sources = ["shop"]

[tool.typepact.targets.typescript]
out = "contracts/types.ts"
"""

HOOK_CONFIG = """\
repos:
  - repo: {repo}
    rev: {rev}
    hooks:
      - id: {hook}
"""


def _env(home: Path) -> dict[str, str]:
    """No user or system git configuration (a global core.hooksPath makes
    `pre-commit install` refuse, signing would need keys), and no GIT_*
    variables leaking in when the suite itself runs inside a git hook."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    empty = home / "empty.gitconfig"
    empty.touch()
    env.update(
        GIT_CONFIG_GLOBAL=str(empty),
        GIT_CONFIG_NOSYSTEM="1",
        PRE_COMMIT_HOME=str(home / "pre-commit"),
        # pre-commit's own colours would break the assertions below.
        PRE_COMMIT_COLOR="never",
    )
    env.pop("TYPEPACT_TRACEBACK", None)
    return env


def _run(
    cwd: Path, env: dict[str, str], *args: str, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )


def _git(cwd: Path, env: dict[str, str], *args: str) -> str:
    run = _run(cwd, env, "git", *args)
    assert run.returncode == 0, f"git {' '.join(args)}:\n{run.stdout}{run.stderr}"
    return run.stdout


@pytest.fixture(scope="session")
def hook_home(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A pre-commit home shared by the session, and the commit to use."""
    # With pytest-xdist every worker has its own base folder under one
    # shared parent: share the home there, so the environment is built
    # once. pre-commit locks its store, so concurrent workers are safe.
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    home = base / "pre-commit-home"
    home.mkdir(exist_ok=True)
    rev = _git(ROOT, _env(home), "rev-parse", "HEAD").strip()
    committed = _run(
        ROOT, _env(home), "git", "cat-file", "-e", f"{rev}:.pre-commit-hooks.yaml"
    )
    assert committed.returncode == 0, "HEAD has no .pre-commit-hooks.yaml"
    return home, rev


def _project(
    tmp_path: Path, home: Path, rev: str, hook: str
) -> tuple[Path, dict[str, str]]:
    """A git repository with models, committed contracts and pre-commit
    installed for one of our hooks."""
    env = _env(home)
    repo = tmp_path / "project"
    (repo / "shop").mkdir(parents=True)
    (repo / "shop" / "__init__.py").write_text("")
    (repo / "shop" / "models.py").write_text(MODEL)
    (repo / "pyproject.toml").write_text(CONFIG)
    (repo / ".pre-commit-config.yaml").write_text(
        HOOK_CONFIG.format(repo=ROOT.as_posix(), rev=rev, hook=hook)
    )
    _git(repo, env, "init", "-q", "-b", "main")
    _git(repo, env, "config", "user.name", "Test")
    _git(repo, env, "config", "user.email", "test@example.com")
    assert typepact(repo, "generate").code == 0
    pre_commit = [sys.executable, "-m", "pre_commit"]
    installed = _run(repo, env, *pre_commit, "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    # Builds the hook's environment (once per session) before the first
    # commit, so a slow index shows up here with pre-commit's own message.
    hooks = _run(repo, env, *pre_commit, "install-hooks", timeout=600)
    assert hooks.returncode == 0, hooks.stdout + hooks.stderr
    _git(repo, env, "add", ".")
    _git(repo, env, "commit", "-q", "-m", "models and contracts")
    return repo, env


def _commit(repo: Path, env: dict[str, str], message: str) -> tuple[int, str]:
    run = _run(repo, env, "git", "commit", "-m", message)
    return run.returncode, run.stdout + run.stderr


def test_check_hook_refuses_stale_contracts(
    tmp_path: Path, hook_home: tuple[Path, str]
) -> None:
    repo, env = _project(tmp_path, *hook_home, hook="typepact-check")

    (repo / "shop" / "models.py").write_text(MODEL + "    name: str\n")
    _git(repo, env, "add", "shop/models.py")
    code, output = _commit(repo, env, "add a name")
    assert code != 0, output
    assert "typepact check (contracts are up to date)" in output
    assert "Failed" in output
    assert "+++ contracts/types.ts (generated)" in output
    assert "+  name: string;" in output
    assert "contracts/types.ts: error[TP301]: output is stale" in output
    assert "hint: run `typepact generate` and commit the result" in output
    assert "Traceback" not in output

    assert typepact(repo, "generate").code == 0
    _git(repo, env, "add", "contracts/types.ts")
    code, output = _commit(repo, env, "add a name")
    assert code == 0, output
    assert "Passed" in output
    assert "add a name" in _git(repo, env, "log", "--oneline", "-1")


def test_generate_hook_rewrites_then_passes(
    tmp_path: Path, hook_home: tuple[Path, str]
) -> None:
    repo, env = _project(tmp_path, *hook_home, hook="typepact-generate")

    (repo / "shop" / "models.py").write_text(MODEL + "    name: str\n")
    _git(repo, env, "add", "shop/models.py")
    code, output = _commit(repo, env, "add a name")
    # pre-commit fails a hook that changed files, and the hook fixed them.
    assert code != 0, output
    assert "files were modified by this hook" in output
    assert "name: string" in (repo / "contracts" / "types.ts").read_text()

    _git(repo, env, "add", "contracts/types.ts")
    code, output = _commit(repo, env, "add a name")
    assert code == 0, output


def test_check_hook_catches_a_hand_edited_contract(
    tmp_path: Path, hook_home: tuple[Path, str]
) -> None:
    repo, env = _project(tmp_path, *hook_home, hook="typepact-check")

    types_ts = repo / "contracts" / "types.ts"
    types_ts.write_text(types_ts.read_text().replace("sku", "SKU"))
    _git(repo, env, "add", "contracts/types.ts")
    code, output = _commit(repo, env, "edit the contract by hand")
    assert code != 0, output
    assert "contracts/types.ts: error[TP301]: output is stale" in output
