"""The OpenAPI emitter's own behaviour: options, output formats,
determinism and diagnostics, through the library API on small projects."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import yaml

import codegen
from codegen.passes import generics
from tests.openapi import support


def compile_source(tmp_path: Path, source: str, **options: Any) -> Any:
    (tmp_path / "models.py").write_text(textwrap.dedent(source), encoding="utf-8")
    table = {"sources": ["models.py"], "targets": {"openapi": options}}
    return codegen.compile(codegen.config_from_mapping(table, root=tmp_path))


def test_info_comes_from_the_options(tmp_path: Path) -> None:
    result = compile_source(
        tmp_path,
        "from pydantic import BaseModel\nclass A(BaseModel):\n    x: int\n",
        out="api.json",
        title="Shop",
        version="2.1",
        description="The shop.",
    )
    document = json.loads(result.files["api.json"])
    assert document["openapi"] == "3.1.0"
    assert document["info"] == {
        "title": "Shop",
        "version": "2.1",
        "description": "The shop.",
    }
    assert document["paths"] == {}


def test_a_bad_option_is_a_config_error(tmp_path: Path) -> None:
    table = {"sources": ["m.py"], "targets": {"openapi": {"out": "a.json", "title": 3}}}
    try:
        codegen.config_from_mapping(table, root=tmp_path)
    except codegen.ConfigError as exc:
        assert "openapi.title" in str(exc.diagnostics[0].message)
    else:
        raise AssertionError("title = 3 was accepted")


def test_yaml_holds_the_same_data_as_json() -> None:
    case = next(c for c in support.projects() if c.name == "openapi/features")
    compiled = support.compile_project(case)
    from emitters import openapi

    text = openapi.to_yaml(compiled.document)
    assert yaml.safe_load(text) == compiled.document
    # Strings YAML would read as something else stay strings.
    tricky = {"a": ["on", "no", "null", "1.5", "", " x", "- y", "k: v", "#c", "é"]}
    assert yaml.safe_load(openapi.to_yaml(tricky)) == tricky


def test_output_is_deterministic() -> None:
    for case in support.projects():
        first = support.compile_project(case).text
        again = codegen.compile(codegen.load_config(case.root / "pyproject.toml"))
        assert again.files[support.compile_project(case).out] == first


def test_input_and_output_are_one_component_when_asked(tmp_path: Path) -> None:
    source = "from pydantic import BaseModel\nclass A(BaseModel):\n    x: int = 1\n"
    split = compile_source(tmp_path, source, out="a.json")
    joined = compile_source(tmp_path, source, out="a.json", separate_input_output=False)
    assert sorted(json.loads(split.files["a.json"])["components"]["schemas"]) == [
        "A-Input",
        "A-Output",
    ]
    schemas = json.loads(joined.files["a.json"])["components"]["schemas"]
    assert list(schemas) == ["A"]
    assert "required" not in schemas["A"]


def test_a_generic_name_clash_is_reported(tmp_path: Path) -> None:
    result = compile_source(
        tmp_path,
        """\
        from typing import Generic, TypeVar
        from pydantic import BaseModel
        T = TypeVar("T")
        class User(BaseModel):
            name: str
        class Page(BaseModel, Generic[T]):
            items: list[T]
        class Page_User_(BaseModel):
            users: Page[User]
        """,
        out="a.json",
    )
    assert not result.files
    [problem] = [d for d in result.diagnostics if d.code == "TP201"]
    assert problem.target == "openapi"
    assert "Page[User] and Page_User_" in problem.message
    assert problem.location is not None and problem.location.line == 8


def test_a_none_default_the_type_rejects_is_a_warning(tmp_path: Path) -> None:
    result = compile_source(
        tmp_path,
        "from pydantic import BaseModel\nclass A(BaseModel):\n    code: str = None\n",
        out="a.json",
    )
    [warning] = result.diagnostics
    assert (warning.code, warning.severity, warning.target) == (
        "TP204",
        "warning",
        "openapi",
    )
    assert "'code' of models:A" in warning.message
    assert warning.location is not None
    assert (warning.location.path, warning.location.line) == ("models.py", 3)
    schema = json.loads(result.files["a.json"])["components"]["schemas"]["A-Input"]
    assert "default" not in schema["properties"]["code"]


def test_instantiations_are_found_transitively(tmp_path: Path) -> None:
    result = compile_source(
        tmp_path,
        """\
        from typing import Generic, TypeVar
        from pydantic import BaseModel
        T = TypeVar("T")
        class Box(BaseModel, Generic[T]):
            inner: list[T]
        class Wrap(BaseModel, Generic[T]):
            box: Box[T]
        class Use(BaseModel):
            w: Wrap[int]
        """,
        out="a.json",
    )
    found = [(r.target, len(r.args)) for r in generics.instantiations(result.schema)]
    assert found == [("models:Box", 1), ("models:Use", 0), ("models:Wrap", 1)]
    schemas = json.loads(result.files["a.json"])["components"]["schemas"]
    assert sorted(schemas) == ["Box_int_", "Use", "Wrap_int_"]
    assert schemas["Wrap_int_"]["properties"]["box"] == {
        "$ref": "#/components/schemas/Box_int_"
    }
