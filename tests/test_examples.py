"""The committed example contracts are exactly what typepact generates."""

from __future__ import annotations

from pathlib import Path

import codegen

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_quickstart_contracts_are_up_to_date() -> None:
    config = codegen.load_config(EXAMPLES / "quickstart" / "pyproject.toml")
    result = codegen.check(config)
    assert result.diagnostics == []
    assert result.stale == [], (
        "examples/quickstart is stale; run `typepact generate` in that folder\n"
        + "".join(s.diff for s in result.stale)
    )
