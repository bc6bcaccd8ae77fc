"""Diagnostics and options of the protobuf target."""

from __future__ import annotations

from pathlib import Path

import pytest

import codegen

MODELS = """\
from pydantic import BaseModel


class Point(BaseModel):
    x: float


class Shape(BaseModel):
    corners: tuple[Point, Point]
    name: str
"""


def _config(tmp_path: Path, **options: object) -> codegen.Config:
    (tmp_path / "models").mkdir(exist_ok=True)
    (tmp_path / "models" / "shapes.py").write_text(MODELS, encoding="utf-8")
    table = {
        "sources": ["models"],
        "targets": {
            "protobuf": {"out": "proto", "package": "shapes.v1", **options},
            "typescript": {"out": "ts/types.ts"},
        },
    }
    return codegen.config_from_mapping(table, root=tmp_path)


def test_untyped_error_names_target_model_field_and_place(tmp_path: Path) -> None:
    result = codegen.compile(_config(tmp_path, untyped="error"))
    (problem,) = [d for d in result.diagnostics if d.severity == "error"]
    assert problem.target == "protobuf"
    assert problem.code == "TP204"
    assert "'corners' of Shape" in problem.message
    assert problem.location is not None
    assert (problem.location.path, problem.location.line) == ("models/shapes.py", 9)
    assert problem.location.column >= 1
    # All or nothing: the other target writes nothing either.
    assert result.files == {}
    alone = codegen.compile(_config(tmp_path, untyped="error").only(("typescript",)))
    assert alone.ok and list(alone.files) == ["ts/types.ts"]


def test_untyped_allowed_by_default(tmp_path: Path) -> None:
    result = codegen.compile(_config(tmp_path))
    assert result.ok
    proto = result.files["proto/shapes/v1/shapes.proto"]
    assert "// JSON of type tuple[Point, Point]" in proto
    assert "google.protobuf.ListValue corners = 1;" in proto


@pytest.mark.parametrize(
    ("options", "fragment"),
    [({"package": "Shapes"}, "protobuf.package"), ({"file": "A.proto"}, "file")],
)
def test_bad_options(tmp_path: Path, options: dict[str, str], fragment: str) -> None:
    result = codegen.compile(_config(tmp_path, **options))
    assert not result.ok
    assert any(fragment in d.message for d in result.diagnostics)


def test_file_and_lock_options(tmp_path: Path) -> None:
    config = _config(tmp_path, file="geo.proto", lock="locks/proto.json")
    result = codegen.compile(config)
    assert sorted(result.files) == [
        "locks/proto.json",
        "proto/shapes/v1/geo.proto",
        "ts/types.ts",
    ]


def test_output_is_deterministic(tmp_path: Path) -> None:
    first = codegen.compile(_config(tmp_path)).files
    assert codegen.compile(_config(tmp_path)).files == first
