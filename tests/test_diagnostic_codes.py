"""Every diagnostic code used in the code is registered and documented."""

from __future__ import annotations

import re
from pathlib import Path

from codegen.diagnostics import CODES

ROOT = Path(__file__).resolve().parent.parent


def _used_codes() -> set[str]:
    used: set[str] = set()
    for folder in ("codegen", "emitters"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.name == "diagnostics.py":
                continue
            used |= set(re.findall(r"\bTP\d{3}\b", path.read_text()))
    return used


def test_every_used_code_is_registered() -> None:
    assert _used_codes() - set(CODES) == set()


def test_every_code_is_documented() -> None:
    doc = (ROOT / "docs" / "diagnostics.md").read_text()
    missing = [code for code in CODES if f"| {code} |" not in doc]
    assert missing == [], f"add these codes to docs/diagnostics.md: {missing}"
