"""`typepact generate`, `check` and `ir` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from codegen.jsonschemas import SCHEMAS_DIR
from tests.cli_support import make_project, snapshot, typepact

MODELS = {
    "models/catalog.py": """\
    from pydantic import BaseModel, Field


    class Product(BaseModel):
        \"\"\"Something the shop sells.\"\"\"

        sku: str = Field(min_length=3)
        price: float = Field(gt=0)
        tags: list[str] = []
    """,
}


def test_generate_then_check_then_stale(tmp_path: Path) -> None:
    root = make_project(tmp_path, MODELS)

    first = typepact(root, "generate")
    assert first.code == 0, first.stderr
    assert "wrote out/types.ts" in first.stdout
    types_ts = (root / "out/types.ts").read_text()
    schemas_ts = (root / "out/schemas.ts").read_text()
    assert "export interface Product" in types_ts
    assert "ProductSchema" in schemas_ts

    # A second run changes nothing, not even modification times.
    before = snapshot(root / "out")
    again = typepact(root, "generate")
    assert again.code == 0
    assert "0 written, 2 unchanged" in again.stdout
    assert snapshot(root / "out") == before

    assert typepact(root, "check").code == 0

    # Editing a model makes the outputs stale: check says so, with a diff,
    # and writes nothing.
    catalog = root / "models/catalog.py"
    catalog.write_text(catalog.read_text() + "    stock: int = 0\n")
    stale = typepact(root, "check")
    assert stale.code == 1
    assert "+++ out/types.ts (generated)" in stale.stdout
    assert "stock" in stale.stdout
    assert "error[TP301]" in stale.stderr
    assert snapshot(root / "out") == before

    assert typepact(root, "generate", "-q").code == 0
    assert "stock" in (root / "out/types.ts").read_text()
    assert typepact(root, "check").code == 0


def test_check_reports_missing_output(tmp_path: Path) -> None:
    root = make_project(tmp_path, MODELS)
    run = typepact(root, "check", "--format", "json")
    assert run.code == 1
    payload = json.loads(run.stdout)
    assert [s["path"] for s in payload["stale"]] == ["out/schemas.ts", "out/types.ts"]
    assert not (root / "out").exists()


def test_target_option_limits_the_run(tmp_path: Path) -> None:
    root = make_project(tmp_path, MODELS)
    run = typepact(root, "generate", "--target", "typescript")
    assert run.code == 0, run.stderr
    assert (root / "out/types.ts").exists()
    assert not (root / "out/schemas.ts").exists()
    unknown = typepact(root, "generate", "--target", "cobol")
    assert unknown.code == 2
    assert "target 'cobol' is not configured" in unknown.stderr


def test_config_option_and_subfolder_discovery(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project", MODELS)
    # From a subfolder, the nearest configuration above is used.
    assert typepact(root / "models", "check").code == 1
    run = typepact(tmp_path, "generate", "--config", "project/pyproject.toml")
    assert run.code == 0, run.stderr
    assert (root / "out/types.ts").exists()


def test_ir_prints_json_that_matches_the_published_schema(tmp_path: Path) -> None:
    root = make_project(tmp_path, MODELS)
    run = typepact(root, "ir")
    assert run.code == 0, run.stderr
    data = json.loads(run.stdout)
    schema = json.loads((SCHEMAS_DIR / "ir.schema.json").read_text())
    jsonschema.validate(data, schema)
    product = data["definitions"]["catalog:Product"]
    assert product["kind"] == "model"
    assert [f["name"] for f in product["fields"]] == ["sku", "price", "tags"]
    assert product["location"] == {"path": "models/catalog.py", "line": 4, "column": 1}
