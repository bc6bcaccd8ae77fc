"""All-or-nothing writing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from codegen.writer import WriteError, write_all


def test_writes_new_and_changed_files_and_keeps_unchanged_ones(tmp_path: Path) -> None:
    (tmp_path / "a.ts").write_text("same\n")
    os.utime(tmp_path / "a.ts", ns=(1, 1))
    result = write_all(tmp_path, {"a.ts": "same\n", "sub/b.ts": "new\n"})
    assert result.written == ["sub/b.ts"]
    assert result.unchanged == ["a.ts"]
    assert (tmp_path / "a.ts").stat().st_mtime_ns == 1
    assert (tmp_path / "sub/b.ts").read_bytes() == b"new\n"
    assert not [p for p in tmp_path.rglob("*.tmp")]


def test_no_file_changes_when_one_cannot_be_written(tmp_path: Path) -> None:
    (tmp_path / "a.ts").write_text("old\n")
    (tmp_path / "blocked").write_text("a file where a folder is needed\n")
    with pytest.raises(WriteError) as info:
        write_all(tmp_path, {"a.ts": "new\n", "blocked/b.ts": "x\n"})
    assert info.value.path == "blocked/b.ts"
    assert (tmp_path / "a.ts").read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ts", "blocked"]


def test_text_is_written_as_utf8_with_unix_newlines(tmp_path: Path) -> None:
    write_all(tmp_path, {"x.ts": "// café\nline\n"})
    assert (tmp_path / "x.ts").read_bytes() == "// café\nline\n".encode()
