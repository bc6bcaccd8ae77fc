"""Configuration loading and validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from codegen.config import ConfigError, config_from_mapping, find_config, load_config

TARGETS = {"typescript": {"out": "out/types.ts"}}


def _errors(table: dict[str, object]) -> list[str]:
    with pytest.raises(ConfigError) as info:
        config_from_mapping(table, root=Path("."))
    return [d.message + " | " + (d.hint or "") for d in info.value.diagnostics]


def test_valid_config_builds_typed_target_options() -> None:
    config = config_from_mapping(
        {"sources": ["app"], "targets": TARGETS, "rename": {"a:B": "C"}},
        root=Path("."),
    )
    assert config.sources == ("app",)
    assert config.targets["typescript"].out == "out/types.ts"
    assert config.rename == {"a:B": "C"}


def test_unknown_keys_name_the_valid_ones() -> None:
    (message,) = _errors({"sources": ["app"], "targets": TARGETS, "sorces": []})
    assert "unknown key 'sorces'" in message
    assert "valid keys: cache, exclude, overrides, rename, sources, targets" in message


def test_every_problem_is_reported_at_once() -> None:
    messages = _errors(
        {
            "targets": {
                "typescript": {"out": "a.ts", "colour": "blue"},
                "zod": {"out": "a.ts"},
            }
        }
    )
    assert any("`sources` is required" in m for m in messages)
    assert any("unknown option 'colour'" in m for m in messages)
    assert any("out" in m and "valid options" in m for m in messages)


def test_target_needs_out_inside_the_project() -> None:
    assert any(
        "has no `out`" in m for m in _errors({"sources": ["a"], "targets": {"zod": {}}})
    )
    messages = _errors({"sources": ["a"], "targets": {"zod": {"out": "../x.ts"}}})
    assert any("inside the project" in m for m in messages)


def test_no_targets_is_an_error() -> None:
    assert any("no targets configured" in m for m in _errors({"sources": ["a"]}))


def test_find_config_prefers_the_nearest(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.typepact]\nsources=['a']\n")
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "pyproject.toml").write_text("[project]\nname='x'\n")
    assert find_config(tmp_path / "sub" / "deeper") == tmp_path / "pyproject.toml"
    (tmp_path / "sub" / "typepact.toml").write_text("sources=['a']\n")
    assert (
        find_config(tmp_path / "sub" / "deeper") == tmp_path / "sub" / "typepact.toml"
    )


def test_standalone_file_has_top_level_keys(tmp_path: Path) -> None:
    path = tmp_path / "typepact.toml"
    path.write_text('sources = ["m"]\n[targets.zod]\nout = "z.ts"\n')
    config = load_config(path)
    assert config.root == tmp_path.resolve()
    assert config.targets["zod"].out == "z.ts"
