"""Field numbers through a sequence of edits, with the real library API
(`codegen.generate` on a temporary project), and the lock file's own
rules: stale lock reported by `check`, corrupt lock never renumbered."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import codegen
from emitters._protobuf_lock import LockError, parse_lock

PYPROJECT = """\
[tool.typepact]
sources = ["models"]

[tool.typepact.targets.protobuf]
out = "proto"
package = "walk.v1"
"""
PROTO = "proto/walk/v1/walk.proto"
LOCK = "proto/typepact.lock.json"

HEADER = """\
from enum import Enum

from pydantic import BaseModel, Field
"""


def _project(tmp_path: Path, body: str) -> codegen.Config:
    (tmp_path / "models").mkdir(exist_ok=True)
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (tmp_path / "models" / "walk_models.py").write_text(HEADER + body, encoding="utf-8")
    return codegen.load_config(tmp_path / "pyproject.toml")


def _generate(tmp_path: Path, body: str) -> str:
    result = codegen.generate(_project(tmp_path, body))
    assert result.ok, [d.format_text() for d in result.diagnostics]
    return (tmp_path / PROTO).read_text(encoding="utf-8")


def _block(proto: str, kind: str, name: str) -> str:
    found = re.search(rf"^{kind} {name} {{\n(.*?)^}}", proto, re.S | re.M)
    assert found, proto
    return found.group(1)


def _numbers(proto: str, kind: str, name: str) -> dict[str, int]:
    body = _block(proto, kind, name)
    return {
        m.group(1): int(m.group(2))
        for m in re.finditer(r"^  (?:\S+ )*?(\w+) = (\d+)", body, re.M)
    }


def _reserved(proto: str, kind: str, name: str) -> list[str]:
    body = _block(proto, kind, name)
    return re.findall(r"^  reserved (.*);$", body, re.M)


def test_fields_through_edits(tmp_path: Path) -> None:
    # Fresh: no lock file yet.
    proto = _generate(tmp_path, "class Thing(BaseModel):\n    a: str\n    b: int\n")
    assert _numbers(proto, "message", "Thing") == {"a": 1, "b": 2}
    assert _reserved(proto, "message", "Thing") == []

    # Add a field: the next free number.
    proto = _generate(
        tmp_path, "class Thing(BaseModel):\n    a: str\n    b: int\n    c: str\n"
    )
    assert _numbers(proto, "message", "Thing") == {"a": 1, "b": 2, "c": 3}

    # Remove one: its number and name are reserved.
    proto = _generate(tmp_path, "class Thing(BaseModel):\n    a: str\n    c: str\n")
    assert _numbers(proto, "message", "Thing") == {"a": 1, "c": 3}
    assert _reserved(proto, "message", "Thing") == ["2", '"b"']

    # Rename the attribute, keep the wire name: same number.
    proto = _generate(
        tmp_path,
        "class Thing(BaseModel):\n    a: str\n" '    renamed: str = Field(alias="c")\n',
    )
    assert _numbers(proto, "message", "Thing") == {"a": 1, "c": 3}

    # Re-add the removed name: a new number; the old one stays reserved,
    # the name is free again.
    proto = _generate(
        tmp_path,
        "class Thing(BaseModel):\n    a: str\n"
        '    renamed: str = Field(alias="c")\n    b: int\n',
    )
    assert _numbers(proto, "message", "Thing") == {"a": 1, "c": 3, "b": 4}
    assert _reserved(proto, "message", "Thing") == ["2"]

    lock = json.loads((tmp_path / LOCK).read_text(encoding="utf-8"))
    assert lock["messages"]["Thing"] == {
        "fields": {"a": 1, "b": 4, "c": 3},
        "retired": {"b": [2]},
    }


def test_enum_values_through_edits(tmp_path: Path) -> None:
    model = "class Use(BaseModel):\n    s: Status\n"
    proto = _generate(
        tmp_path,
        'class Status(str, Enum):\n    NEW = "new"\n    OLD = "old"\n\n' + model,
    )
    assert _numbers(proto, "enum", "Status") == {
        "STATUS_UNSPECIFIED": 0,
        "STATUS_NEW": 1,
        "STATUS_OLD": 2,
    }
    # Remove OLD, rename NEW's member keeping its value, add GONE.
    proto = _generate(
        tmp_path,
        'class Status(str, Enum):\n    FRESH = "new"\n    GONE = "gone"\n\n' + model,
    )
    assert _numbers(proto, "enum", "Status") == {
        "STATUS_UNSPECIFIED": 0,
        "STATUS_FRESH": 1,
        "STATUS_GONE": 3,
    }
    assert _reserved(proto, "enum", "Status") == ["2"]


def test_removed_model_keeps_its_numbers(tmp_path: Path) -> None:
    _generate(
        tmp_path,
        "class Gone(BaseModel):\n    x: int\n\n" "class Kept(BaseModel):\n    y: int\n",
    )
    _generate(tmp_path, "class Kept(BaseModel):\n    y: int\n")
    lock = json.loads((tmp_path / LOCK).read_text(encoding="utf-8"))
    assert lock["messages"]["Gone"]["fields"] == {"x": 1}
    proto = _generate(
        tmp_path,
        "class Gone(BaseModel):\n    z: int\n\n" "class Kept(BaseModel):\n    y: int\n",
    )
    assert _numbers(proto, "message", "Gone") == {"z": 2}


def test_check_reports_a_stale_lock_file(tmp_path: Path) -> None:
    _generate(tmp_path, "class Thing(BaseModel):\n    a: str\n")
    old_lock = (tmp_path / LOCK).read_text(encoding="utf-8")
    _generate(tmp_path, "class Thing(BaseModel):\n    a: str\n    b: str\n")
    config = _project(tmp_path, "class Thing(BaseModel):\n    a: str\n    b: str\n")
    assert codegen.check(config).ok
    # The .proto was committed, the updated lock was not.
    (tmp_path / LOCK).write_text(old_lock, encoding="utf-8")
    result = codegen.check(config)
    assert not result.ok
    assert [s.path for s in result.stale] == [LOCK]
    assert '+        "b": 2' in result.stale[0].diff
    assert (tmp_path / LOCK).read_text(encoding="utf-8") == old_lock


def test_the_lock_decides_numbers(tmp_path: Path) -> None:
    _generate(tmp_path, "class Thing(BaseModel):\n    a: str\n")
    lock = tmp_path / LOCK
    lock.write_text(lock.read_text(encoding="utf-8").replace('"a": 1', '"a": 7'))
    config = _project(tmp_path, "class Thing(BaseModel):\n    a: str\n")
    assert [s.path for s in codegen.check(config).stale] == [PROTO]
    assert _numbers(
        _generate(tmp_path, "class Thing(BaseModel):\n    a: str\n"), "message", "Thing"
    ) == {"a": 7}


def test_check_reports_new_field_in_proto_and_lock(tmp_path: Path) -> None:
    _generate(tmp_path, "class Thing(BaseModel):\n    a: str\n")
    config = _project(tmp_path, "class Thing(BaseModel):\n    a: str\n    b: str\n")
    result = codegen.check(config)
    assert sorted(s.path for s in result.stale) == [LOCK, PROTO]
    assert '+        "b": 2' in next(s.diff for s in result.stale if s.path == LOCK)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"version": 9}', "unsupported lock version"),
        ('{"version": 1, "messages": {"T": {"fields": {"a": "1"}}}}', "numbers"),
        ('{"version": 1, "messages": {"T": {"fields": {"a": 1, "b": 1}}}}', "two"),
        (
            '{"version": 1, "messages": {"T": {"fields": {"a": 2}, '
            '"retired": {"b": [2]}}}}',
            "reuses",
        ),
    ],
)
def test_corrupt_lock_is_a_diagnostic(tmp_path: Path, text: str, message: str) -> None:
    _generate(tmp_path, "class Thing(BaseModel):\n    a: str\n")
    (tmp_path / LOCK).write_text(text, encoding="utf-8")
    before = (tmp_path / PROTO).read_text(encoding="utf-8")
    result = codegen.generate(
        _project(tmp_path, "class Thing(BaseModel):\n    a: str\n")
    )
    assert not result.ok
    (problem,) = [d for d in result.diagnostics if d.severity == "error"]
    assert problem.target == "protobuf"
    assert problem.location is not None and problem.location.path == LOCK
    assert message in problem.message
    assert (tmp_path / PROTO).read_text(encoding="utf-8") == before
    assert (tmp_path / LOCK).read_text(encoding="utf-8") == text


def test_lock_text_is_sorted_one_entry_per_line() -> None:
    lock = parse_lock(None)
    lock.number_message("B", ["z", "a"])
    lock.number_message("A", ["x"])
    lock.number_message("A", [])
    text = lock.to_text()
    assert text == (
        "{\n"
        '  "enums": {},\n'
        '  "messages": {\n'
        '    "A": {\n'
        '      "fields": {},\n'
        '      "retired": {\n'
        '        "x": [1]\n'
        "      }\n"
        "    },\n"
        '    "B": {\n'
        '      "fields": {\n'
        '        "a": 2,\n'
        '        "z": 1\n'
        "      },\n"
        '      "retired": {}\n'
        "    }\n"
        "  },\n"
        '  "version": 1\n'
        "}\n"
    )
    assert parse_lock(text).to_text() == text


def test_numbers_skip_the_implementation_range() -> None:
    lock = parse_lock(
        '{"version": 1, "messages": {"T": {"fields": {"a": 18999}, "retired": {}}}}'
    )
    assert lock.number_message("T", ["a", "b"]).numbers == {"a": 18999, "b": 20000}


def test_lock_error_carries_a_position() -> None:
    with pytest.raises(LockError) as caught:
        parse_lock('{\n  "version": 1,\n  oops\n}')
    assert (caught.value.line, caught.value.column) == (3, 3)
