"""Which sources are parsed (codegen/relevance.py): files that may define a
contract type, and the source modules they import, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

import codegen
from codegen import parsing
from codegen.frontends.python.summary import Import, ModuleSummary
from codegen.relevance import ModuleIndex, imported_modules, may_define_types
from tests.golden_support import discover_cases

DEFINES = [
    "class A: pass\n",
    "from pydantic import BaseModel\nclass User(BaseModel):\n    id: int\n",
    "type Money = int\n",
    "from typing import Annotated\nMoney = Annotated[int, 1]\n",
    "UserId = int\n",
    "Pair = tuple[int, int]\n",
    "Maybe = None | int\n",
    "Either = (\n    int | str\n)\n",
    "a = b = list[str]\n",
    'T = TypeVar("T")\n',
    'UserId = NewType("UserId", int)\n',
    'Color = Enum("Color", "RED GREEN")\n',
    'Movie = TypedDict("Movie", {"title": str})\n',
    "X: TypeAlias = int\n",
    "if TYPE_CHECKING:\n    Alias = list[str]\n",
    "try:\n    from a import B\nexcept ImportError:\n    B = None\n",
    # A syntax error does not hide a class from a textual test.
    "class Broken(BaseModel:\n    x: int\n",
]
DEFINES_NOTHING = [
    "",
    "import logging\n\nlogger = logging.getLogger(__name__)\n",
    "MAX_NAME = 50\nPREFIX = 'x'\nRATE = -0.5\nNAMES = ['a']\nFLAGS = {}\n",
    "DEBUG = True\nDATA = b'x'\nPATTERN = r'^a$'\n",
    "router = APIRouter()\n\n@router.get('/')\ndef index() -> dict[str, int]:\n"
    "    local = list[int]\n    return {}\n",
    "X: int = 5\n",
    "def load(user_id: int) -> User\n    return User()\n",  # broken, no class
]


@pytest.mark.parametrize("text", DEFINES)
def test_a_file_that_may_define_a_type_is_parsed(text: str) -> None:
    assert may_define_types(text)


@pytest.mark.parametrize("text", DEFINES_NOTHING)
def test_a_file_that_cannot_define_a_type_is_not(text: str) -> None:
    assert not may_define_types(text)


def _summary(module: str, *imports: Import, is_package: bool = False) -> ModuleSummary:
    return ModuleSummary(
        module=module,
        display_path=f"{module}.py",
        is_package=is_package,
        imports=imports,
    )


def _import(module: str, name: str | None = None, level: int = 0) -> Import:
    return Import(module=module, level=level, name=name, line=1, column=0)


KNOWN = ["app", "app.models", "app.models.user", "app.limits", "app.api.routes"]


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        # from app.models import User: the module and its package
        (
            _summary("app.api.routes", _import("app.models", "User")),
            {"app", "app.models"},
        ),
        # from app import limits: a submodule named as a name
        (_summary("app.api.routes", _import("app", "limits")), {"app", "app.limits"}),
        # from .user import User, inside the package app.models
        (
            _summary("app.models", _import("user", "User", level=1), is_package=True),
            {"app", "app.models", "app.models.user"},
        ),
        # from ..limits import MAX in app.models.user
        (
            _summary("app.models.user", _import("limits", "MAX", level=2)),
            {"app", "app.limits"},
        ),
        # import app.models: everything below it may be reached as attributes
        (
            _summary("app.api.routes", _import("app.models")),
            {"app", "app.models", "app.models.user"},
        ),
        # a star import, and imports from outside the sources
        (
            _summary("app.api.routes", _import("app.limits", "*"), _import("os")),
            {"app", "app.limits"},
        ),
        # a relative import above the top package reads nothing
        (_summary("app.limits", _import("x", "y", level=3)), set()),
    ],
)
def test_imported_modules(summary: ModuleSummary, expected: set[str]) -> None:
    assert imported_modules(summary, ModuleIndex(KNOWN)) == expected


def _project(tmp_path: Path, files: dict[str, str]) -> codegen.Config:
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    return codegen.config_from_mapping(
        {
            "sources": ["app"],
            "cache": False,
            "targets": {"zod": {"out": "out/schemas.ts"}},
        },
        root=tmp_path,
    )


APP = {
    "app/__init__.py": "from app.limits import MAX_NAME as MAX_NAME\n",
    "app/limits.py": "import os\n\nMAX_NAME = 50\nDEBUG = os.environ.get('DEBUG')\n",
    "app/models.py": (
        "from pydantic import BaseModel, Field\n\nfrom app import MAX_NAME\n\n\n"
        "class User(BaseModel):\n    name: str = Field(max_length=MAX_NAME)\n"
    ),
    # Imports the models, is imported by nothing they need, and is broken
    # mid-edit: it cannot change the contract, so it is not read.
    "app/services.py": (
        "from app.models import User\n\n"
        "def load(user_id: int) -> User\n    return User(name='x')\n"
    ),
}


def test_modules_models_import_are_followed_others_are_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed: list[str] = []
    real = parsing._parse_many

    def spy(sources: list, jobs: int | None) -> list:
        parsed.extend(s.module for s in sources)
        return real(sources, jobs)

    monkeypatch.setattr(parsing, "_parse_many", spy)
    result = codegen.compile(_project(tmp_path, APP))
    assert result.ok, [d.format_text() for d in result.diagnostics]
    assert "name: z.string().max(50)" in result.files["out/schemas.ts"]
    # models first; then the package it imports from, then what that
    # re-exports: each wave in the sources' order.
    assert parsed == ["app.models", "app", "app.limits"]


def test_a_broken_file_that_may_define_a_type_is_still_reported(tmp_path: Path) -> None:
    files = {**APP, "app/services.py": "class Service(\n"}
    result = codegen.compile(_project(tmp_path, files))
    assert not result.ok
    assert [d.code for d in result.diagnostics] == ["TP004"]
    assert "app/services.py:1:" in result.diagnostics[0].format_text()


@pytest.mark.parametrize("case", discover_cases(), ids=lambda c: c.name)
def test_selection_never_changes_output(
    case: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every golden case compiles to the same files and diagnostics whether
    every source is parsed or only the relevant ones."""
    config = codegen.load_config(case.root / "pyproject.toml")  # type: ignore[attr-defined]
    selected = codegen.compile(config)
    real = parsing.parse_sources

    def parse_all(*args: object, **kwargs: object) -> object:
        return real(*args, **{**kwargs, "select": False})  # type: ignore[arg-type]

    monkeypatch.setattr(parsing, "parse_sources", parse_all)
    everything = codegen.compile(config)
    assert selected.files == everything.files
    assert [d.format_text() for d in selected.diagnostics] == [
        d.format_text() for d in everything.diagnostics
    ]
