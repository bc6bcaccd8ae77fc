"""Time typepact on a synthetic corpus and print ratios measured in one run.

    python benchmarks/run.py [--models 1000] [--modules 100] [--repeat 5]

Builds the corpus (benchmarks/corpus.py) under benchmarks/.work/, then
measures wall time (median of --repeat runs) and peak memory of:
`python -c pass` (the floor for any Python command), `typepact generate`
cold (no outputs on disk yet) and warm (nothing changed since the last run)
for each target alone and for all of them, and `typepact check` warm.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import build  # noqa: E402

TARGETS = {
    "typescript": '[tool.typepact.targets.typescript]\nout = "out/types.ts"\n',
    "zod": '[tool.typepact.targets.zod]\nout = "out/schemas.ts"\n',
}


@dataclass
class Measure:
    label: str
    seconds: float
    peak_mb: float


def run_once(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Wall time and peak resident memory of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"{' '.join(cmd)} failed with {code}:\n{err[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def measure(label: str, cmd: list[str], cwd: Path, repeat: int, before=None) -> Measure:
    times, peaks = [], []
    for _ in range(repeat):
        if before:
            before()
        seconds, peak = run_once(cmd, cwd)
        times.append(seconds)
        peaks.append(peak)
    return Measure(label, statistics.median(times), max(peaks))


def project(work: Path, targets: list[str]) -> Path:
    root = work / ("project-" + "-".join(targets))
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    shutil.copytree(work / "corpus", root / "corpus")
    config = '[tool.typepact]\nsources = ["corpus"]\n\n'
    config += "\n".join(TARGETS[t] for t in targets)
    (root / "pyproject.toml").write_text(config)
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=int, default=1000)
    parser.add_argument("--modules", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    work = HERE / ".work"
    build(work, args.models, args.modules)
    typepact = [sys.executable, "-m", "codegen"]
    results: list[Measure] = [
        measure("python -c pass", [sys.executable, "-c", "pass"], work, args.repeat)
    ]
    for targets in [["typescript"], ["zod"], ["typescript", "zod"]]:
        root = project(work, targets)
        name = " + ".join(targets)

        def clean(root: Path = root) -> None:
            shutil.rmtree(root / "out", ignore_errors=True)
            shutil.rmtree(root / ".typepact-cache", ignore_errors=True)

        results.append(
            measure(
                f"typepact generate, cold ({name})",
                [*typepact, "generate", "-q"],
                root,
                args.repeat,
                before=clean,
            )
        )
        results.append(
            measure(
                f"typepact generate, warm ({name})",
                [*typepact, "generate", "-q"],
                root,
                args.repeat,
            )
        )
        if len(targets) > 1:
            results.append(
                measure(
                    f"typepact check, warm ({name})",
                    [*typepact, "check", "-q"],
                    root,
                    args.repeat,
                )
            )

    floor = results[0].seconds
    print(
        f"\n{args.models} models in {args.modules} modules; "
        f"median of {args.repeat}; {platform.platform()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}\n"
    )
    header = ("command", "wall s", "peak MB", "x python -c pass")
    print(f"| {header[0]:<46} | {header[1]:>8} | {header[2]:>8} | {header[3]:>16} |")
    print(f"|{'-' * 48}|{'-' * 10}|{'-' * 10}|{'-' * 18}|")
    for m in results:
        print(
            f"| {m.label:<46} | {m.seconds:>8.3f} | {m.peak_mb:>8.1f} | "
            f"{m.seconds / floor:>16.1f} |"
        )


if __name__ == "__main__":
    main()
