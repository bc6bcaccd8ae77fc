"""Figures collected by the property tests, printed at the end of the run
and written to $TYPEPACT_REPORT_DIR (default tests/property/.report/)."""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPORT_ENV = "TYPEPACT_REPORT_DIR"
DEFAULT_DIR = Path(__file__).resolve().parent / ".report"

#: The judges compared for precision; "pydantic" is pydantic's validation,
#: the truth.
JUDGES = ("pydantic", "pydantic_schema", "openapi", "zod")
PAIRS: tuple[tuple[str, str], ...] = (
    ("zod", "pydantic"),
    ("openapi", "pydantic"),
    ("pydantic_schema", "pydantic"),
    ("zod", "pydantic_schema"),
    ("openapi", "pydantic_schema"),
    ("zod", "openapi"),
)


@dataclass
class Tally:
    started: float = field(default_factory=time.monotonic)
    profile: str = ""
    packages: int = 0
    models: int = 0
    #: Distinct JSON values (valid and mutated) put to the judges.
    values: int = 0
    #: Individual verdicts asked of any judge.
    verdicts: int = 0
    response_checks: int = 0
    request_checks: int = 0
    soundness_failures: list[str] = field(default_factory=list)
    #: Documented deliberate differences met, by name.
    known: Counter[str] = field(default_factory=Counter)
    agree: Counter[str] = field(default_factory=Counter)
    compared: Counter[str] = field(default_factory=Counter)
    #: "pair: A accepts, B rejects (mutation kind)" -> count.
    disagreements: Counter[str] = field(default_factory=Counter)
    protobuf: Counter[str] = field(default_factory=Counter)
    fixpoint: Counter[str] = field(default_factory=Counter)

    def judge(
        self, verdicts: dict[str, bool], kind: str, ignore: frozenset[str] = frozenset()
    ) -> None:
        """Count agreement per pair for one value (`ignore`: judges whose
        verdict is void for this value, such as Zod on an unsafe int)."""
        for a, b in PAIRS:
            if a in ignore or b in ignore or a not in verdicts or b not in verdicts:
                continue
            key = f"{a} ~ {b}"
            self.compared[key] += 1
            if verdicts[a] == verdicts[b]:
                self.agree[key] += 1
            else:
                side = (
                    f"{a} accepts, {b} rejects"
                    if verdicts[a]
                    else f"{a} rejects, {b} accepts"
                )
                self.disagreements[f"{key}: {side} [{kind}]"] += 1

    def as_json(self) -> dict[str, Any]:
        return {
            "profile": self.profile,
            "seconds": round(time.monotonic() - self.started, 1),
            "packages": self.packages,
            "models": self.models,
            "values": self.values,
            "verdicts": self.verdicts,
            "response_checks": self.response_checks,
            "request_checks": self.request_checks,
            "soundness_failures": len(self.soundness_failures),
            "soundness_failure_examples": self.soundness_failures[:20],
            "agreement": {
                key: {
                    "agree": self.agree[key],
                    "compared": self.compared[key],
                    "rate": round(self.agree[key] / self.compared[key], 4),
                }
                for key in sorted(self.compared)
            },
            "disagreements": dict(sorted(self.disagreements.items())),
            "known_differences": dict(sorted(self.known.items())),
            "protobuf": dict(sorted(self.protobuf.items())),
            "fixpoint": dict(sorted(self.fixpoint.items())),
        }

    def as_text(self) -> str:
        data = self.as_json()
        lines = [
            f"typepact property run (profile {data['profile']}, {data['seconds']}s)",
            f"  packages generated: {data['packages']}, models: {data['models']}",
            f"  JSON values: {data['values']}, verdicts: {data['verdicts']}",
            f"  response soundness checks: {data['response_checks']}, "
            f"request soundness checks: {data['request_checks']}",
            f"  soundness failures: {data['soundness_failures']}",
            "  agreement per pair:",
        ]
        for key, row in data["agreement"].items():
            lines.append(
                f"    {key:<34} {row['agree']}/{row['compared']} ({row['rate']:.2%})"
            )
        if data["disagreements"]:
            lines.append("  disagreements (pair: direction [mutation]):")
            lines += [f"    {n:>6}  {k}" for k, n in data["disagreements"].items()]
        for title, key in (
            ("documented differences met", "known_differences"),
            ("protobuf round trips", "protobuf"),
            ("frontend fixpoint", "fixpoint"),
        ):
            if data[key]:
                lines.append(f"  {title}:")
                lines += [f"    {n:>6}  {k}" for k, n in data[key].items()]
        return "\n".join(lines)

    def empty(self) -> bool:
        return self.packages == 0 and not self.protobuf and not self.fixpoint

    def write(self, worker: str | None = None) -> Path:
        folder = Path(os.environ.get(REPORT_ENV) or DEFAULT_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        stem = "agreement" if worker in (None, "master") else f"agreement-{worker}"
        (folder / f"{stem}.json").write_text(
            json.dumps(self.as_json(), indent=2) + "\n", encoding="utf-8"
        )
        (folder / f"{stem}.txt").write_text(self.as_text() + "\n", encoding="utf-8")
        return folder / f"{stem}.txt"


TALLY = Tally()
