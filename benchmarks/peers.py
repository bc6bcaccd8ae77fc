"""Time typepact against the tools a user would pick instead, in one run.

    python benchmarks/peers.py [--models 1000] [--modules 100] [--repeat 3]

Builds the synthetic corpus (benchmarks/corpus.py) under benchmarks/.work/,
installs every peer in its own virtual environment under
benchmarks/.work/venvs/ from the exact pins in benchmarks/peers/*.txt (npm
packages from benchmarks/peers/package-lock.json into benchmarks/.work/node),
then prints one table: median wall time over --repeat runs, CPU time (user +
system) and peak resident memory (os.wait4's rusage of the child, which
includes its reaped descendants) of `python -c pass`, typepact cold and warm
for each target alone and all together, and the peers:

- importing the models alone (the floor for every runtime-based peer);
- pydantic-to-typescript (`pydantic2ts`, which runs npm json-schema-to-typescript);
- pydantic's model_json_schema for every model, then npm json-schema-to-zod
  (two processes: times summed, the larger peak taken);
- FastAPI's app.openapi() with one GET route per model (response_model);
- pydantic2zod, run once per module, on a slice (--p2z-modules): times
  summed, the largest peak taken. pydantic2zod 0.1.1 cannot read conint /
  constr calls, Decimal, EmailStr, HttpUrl or date, so the slice is rewritten
  into types it reads (see `pydantic2zod_compatible`); typepact is timed on
  the same rewritten slice for the ratio.

`--typepact-only` times typepact's own rows and installs nothing.

Ratios are against rows measured in the same run; pydantic-to-typescript
and typepact's cold all-target run, whose ratio has a goal, are measured in
turn, one run of each after the other. `--at REV` measures
typepact as committed at REV (exported with git archive) rather than the
working tree; `--scale 5000 10000` adds cold all-target typepact runs on
larger corpora and prints the slope; `--doc docs/benchmarks.md` rewrites the
results section of that file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PINS = HERE / "peers"
WORK = HERE / ".work"
sys.path.insert(0, str(HERE))

from corpus import HEADER, build  # noqa: E402

TYPEPACT_PYTHON = ROOT / ".venv" / "bin" / "python"
TARGETS = {
    "typescript": '[tool.typepact.targets.typescript]\nout = "out/types.ts"\n',
    "zod": '[tool.typepact.targets.zod]\nout = "out/schemas.ts"\n',
    "openapi": '[tool.typepact.targets.openapi]\nout = "out/openapi.json"\n',
    "protobuf": (
        '[tool.typepact.targets.protobuf]\nout = "out/proto"\npackage = "bench.v1"\n'
    ),
}
ALL = "all targets"
#: Peer name -> its requirement file in benchmarks/peers/.
VENVS = {
    "pydantic-to-typescript": "pydantic-to-typescript.txt",
    "pydantic2zod": "pydantic2zod.txt",
    "pydantic-json-schema": "pydantic-json-schema.txt",
    "fastapi": "fastapi.txt",
}
MARK_START = "<!-- peers.py results: start -->"
MARK_END = "<!-- peers.py results: end -->"


@dataclass
class Measure:
    label: str
    models: int
    seconds: float
    cpu: float
    peak_mb: float
    #: The typepact row this one is compared with (same target, same corpus).
    versus: str | None = None
    note: str = ""


# --------------------------------------------------------------------------
# Running and timing
# --------------------------------------------------------------------------


def run_once(
    cmd: list[str], cwd: Path, env: dict[str, str] | None = None
) -> tuple[float, float, float]:
    """Wall time, CPU time and peak resident memory of one child process
    (rusage from os.wait4 covers the child and the descendants it reaped)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(
            f"{' '.join(map(str, cmd))} failed with {code}:\n{err[-3000:]}"
        )
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure(
    label: str,
    steps: list[list[str]],
    cwd: Path,
    repeat: int,
    *,
    models: int,
    env: dict[str, str] | None = None,
    before=None,
    after=None,
    versus: str | None = None,
    note: str = "",
) -> Measure:
    """Median over `repeat` runs; a run of several steps (a pipeline or one
    process per module) sums their times and takes the largest peak."""
    samples = [sample(steps, cwd, env, before, after) for _ in range(repeat)]
    return summarize(label, samples, models, versus, note)


def sample(steps, cwd, env, before=None, after=None) -> tuple[float, float, float]:
    """One run of `steps`: wall and CPU time summed, the largest peak."""
    if before:
        before()
    wall = cpu = peak = 0.0
    for cmd in steps:
        w, c, p = run_once(cmd, cwd, env)
        wall, cpu, peak = wall + w, cpu + c, max(peak, p)
    if after:
        after()
    return wall, cpu, peak


def summarize(
    label: str,
    samples: list[tuple[float, float, float]],
    models: int,
    versus: str | None = None,
    note: str = "",
) -> Measure:
    walls, cpus, peaks = zip(*samples, strict=True)
    result = Measure(
        label,
        models,
        statistics.median(walls),
        statistics.median(cpus),
        max(peaks),
        versus,
        note,
    )
    print(
        f"  {label} [{models} models]: {result.seconds:.2f} s wall, "
        f"{result.cpu:.2f} s CPU, {result.peak_mb:.0f} MB",
        flush=True,
    )
    return result


def output(cmd: list[str], **kwargs) -> str:
    return subprocess.run(
        cmd, check=True, capture_output=True, text=True, **kwargs
    ).stdout.strip()


# --------------------------------------------------------------------------
# Installing the peers
# --------------------------------------------------------------------------


def install_venv(name: str) -> Path:
    """benchmarks/.work/venvs/<name> with exactly the pinned packages;
    reinstalled only when the pin file changes."""
    pins = PINS / VENVS[name]
    venv = WORK / "venvs" / name
    stamp = venv / ".pins-sha256"
    digest = hashlib.sha256(pins.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return venv
    print(f"installing {name} into {venv.relative_to(ROOT)}", flush=True)
    if venv.exists():
        shutil.rmtree(venv)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [
            str(venv / "bin" / "python"),
            *("-m", "pip", "install", "-q", "--no-deps", "-r", str(pins)),
        ],
        check=True,
    )
    stamp.write_text(digest)
    return venv


def install_node() -> Path:
    """npm ci of benchmarks/peers/package-lock.json into .work/node."""
    node = WORK / "node"
    node.mkdir(parents=True, exist_ok=True)
    stamp = node / ".lock-sha256"
    lock = PINS / "package-lock.json"
    digest = hashlib.sha256(lock.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest:
        return node
    print(f"installing npm packages into {node.relative_to(ROOT)}", flush=True)
    shutil.copy(PINS / "package.json", node / "package.json")
    shutil.copy(lock, node / "package-lock.json")
    subprocess.run(
        ["npm", "ci", "--silent", "--no-audit", "--no-fund"], cwd=node, check=True
    )
    stamp.write_text(digest)
    return node


# --------------------------------------------------------------------------
# Corpora
# --------------------------------------------------------------------------


def module_names(folder: Path) -> list[str]:
    return sorted(p.stem for p in (folder / "corpus").glob("module_*.py"))


def write_aggregate(folder: Path) -> str:
    """`models_all.py` beside the corpus: star-imports every module so that
    one importable module holds every model (pydantic2ts --module walks the
    names of one module)."""
    lines = ['"""Every corpus model under one module (generated)."""']
    lines += [f"from corpus.{m} import *  # noqa" for m in module_names(folder)]
    (folder / "models_all.py").write_text("\n".join(lines) + "\n")
    return "models_all"


#: Rewrites that turn corpus source into what pydantic2zod 0.1.1 can read
#: (it raises on a call in an annotation and on imported non-model types
#: other than UUID and datetime).
P2Z_SUBSTITUTIONS = [
    (r"\bconint\(([^)]*)\)", r"Annotated[int, Field(\1)]"),
    (r"\bconstr\(([^)]*)\)", r"Annotated[str, Field(\1)]"),
    (r"\bDecimal\b", "float"),
    (r"\b(EmailStr|HttpUrl)\b", "str"),
    (r"\bdate\b", "datetime"),
]
P2Z_HEADER = (
    HEADER.replace(
        "from datetime import date, datetime", "from datetime import datetime"
    )
    .replace("from decimal import Decimal\n", "")
    .replace("    EmailStr,\n", "")
    .replace("    HttpUrl,\n", "")
    .replace("    conint,\n    constr,\n", "")
)


def pydantic2zod_compatible(folder: Path) -> None:
    for path in sorted((folder / "corpus").glob("module_*.py")):
        text = path.read_text()
        if not text.startswith(HEADER):
            raise SystemExit(f"{path}: unexpected header")
        body = text[len(HEADER) :]
        for pattern, replacement in P2Z_SUBSTITUTIONS:
            body = re.sub(pattern, replacement, body)
        path.write_text(P2Z_HEADER + body)


def project(folder: Path, name: str, targets: list[str]) -> Path:
    """A typepact project over folder/corpus: pyproject.toml [tool.typepact]."""
    root = folder / ("project-" + name)
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    shutil.copytree(
        folder / "corpus", root / "corpus", ignore=shutil.ignore_patterns("__pycache__")
    )
    config = '[tool.typepact]\nsources = ["corpus"]\n\n'
    config += "\n".join(TARGETS[t] for t in targets)
    (root / "pyproject.toml").write_text(config)
    # As in a real checkout, the sources were last edited well before the
    # first run; a file modified just before a run cannot be stamped for
    # the warm fast path (codegen/stamp.py), which would leave the first
    # warm run to the full path.
    an_hour_ago = time.time() - 3600
    for path in [root, *root.rglob("*")]:
        os.utime(path, (an_hour_ago, an_hour_ago))
    return root


def cleaner(root: Path):
    def clean() -> None:
        shutil.rmtree(root / "out", ignore_errors=True)
        shutil.rmtree(root / ".typepact-cache", ignore_errors=True)

    return clean


def toucher(folder: Path):
    def touch() -> None:
        for path in folder.rglob("*"):
            if path.is_file():
                os.utime(path)

    return touch


# --------------------------------------------------------------------------
# typepact
# --------------------------------------------------------------------------


def typepact_env(at: str | None) -> tuple[dict[str, str], str]:
    """Environment for typepact runs and the revision it measures."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    head = output(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT)
    if at is None:
        dirty = output(
            [
                "git",
                "status",
                "--porcelain",
                "--untracked-files=no",
                "--",
                "codegen",
                "emitters",
            ],
            cwd=ROOT,
        )
        _compile_bytecode(ROOT / "codegen", ROOT / "emitters")
        return env, head + (" + uncommitted changes" if dirty else "")
    sha = output(["git", "rev-parse", "--short", at], cwd=ROOT)
    tree = WORK / f"typepact-{sha}"
    if not tree.exists():
        tmp = WORK / f"typepact-{sha}.tar"
        subprocess.run(
            ["git", "archive", "-o", str(tmp), sha, "codegen", "emitters"],
            cwd=ROOT,
            check=True,
        )
        with tarfile.open(tmp) as archive:
            archive.extractall(tree, filter="data")
        tmp.unlink()
    _compile_bytecode(tree)
    env["PYTHONPATH"] = str(tree)
    return env, sha


def _compile_bytecode(*folders: Path) -> None:
    """Write typepact's .pyc files, as `pip install` does for an installed
    package (and did for every peer): otherwise an environment with
    PYTHONDONTWRITEBYTECODE set would make each typepact run compile its
    own source, a cost no installed tool pays."""
    subprocess.run(
        [str(TYPEPACT_PYTHON), "-m", "compileall", "-q", *map(str, folders)],
        check=True,
    )


def time_typepact(
    folder: Path,
    models: int,
    repeat: int,
    env: dict[str, str],
    configs: list[list[str]],
    *,
    warm: bool = True,
    suffix: str = "",
) -> list[Measure]:
    typepact = [str(TYPEPACT_PYTHON), "-m", "codegen"]
    results = []
    for targets in configs:
        name = ALL if len(targets) > 1 else targets[0]
        root = project(folder, "-".join(targets), targets)
        results.append(
            measure(
                f"typepact generate, cold ({name}){suffix}",
                [[*typepact, "generate", "-q"]],
                root,
                repeat,
                models=models,
                env=env,
                before=cleaner(root),
            )
        )
        if not warm:
            continue
        # A commit comes seconds after the last generate, not milliseconds:
        # outputs written within 2 s of a run are checked by content, not
        # by mtime (codegen/stamp.py). That case has its own row below.
        time.sleep(2.5)
        results.append(
            measure(
                f"typepact generate, warm ({name}){suffix}",
                [[*typepact, "generate", "-q"]],
                root,
                repeat,
                models=models,
                env=env,
            )
        )
        if len(targets) > 1:
            results.append(
                measure(
                    f"typepact check, warm ({name}){suffix}",
                    [[*typepact, "check", "-q"]],
                    root,
                    repeat,
                    models=models,
                    env=env,
                )
            )
            results.append(
                measure(
                    f"typepact check, warm, outputs touched just before ({name})"
                    f"{suffix}",
                    [[*typepact, "check", "-q"]],
                    root,
                    repeat,
                    models=models,
                    env=env,
                    before=toucher(root / "out"),
                    note="mtimes changed, content not: every output is hashed",
                )
            )
            # A monorepo's hook names its configuration from the repository
            # root; the first such run stamps that invocation.
            config = ["check", "-q", "--config", f"{root.name}/pyproject.toml"]
            subprocess.run([*typepact, *config], cwd=root.parent, env=env, check=True)
            time.sleep(2.5)
            results.append(
                measure(
                    f"typepact check --config, warm ({name}){suffix}",
                    [[*typepact, *config]],
                    root.parent,
                    repeat,
                    models=models,
                    env=env,
                    note="run from the folder above, naming the configuration",
                )
            )
    return results


# --------------------------------------------------------------------------
# Peers
# --------------------------------------------------------------------------


def peer_env(node: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{node / 'node_modules' / '.bin'}{os.pathsep}{env['PATH']}"
    env["NODE_PATH"] = str(node / "node_modules")
    return env


def nonempty(path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        raise SystemExit(f"{path} was not written")


def time_peers(
    folder: Path,
    models: int,
    repeat: int,
    venvs: dict[str, Path],
    node: Path,
    typepact_all: tuple[Path, dict[str, str]],
) -> list[Measure]:
    """The peers' rows. `typepact_all`: the all-target project and its
    environment, whose cold run is measured again here, in turn with
    pydantic-to-typescript, and replaces the earlier row."""
    module = write_aggregate(folder)
    # The peers import the models: with their .pyc written, as a project's
    # own models would have them after the first import.
    _compile_bytecode(folder / "corpus", folder / f"{module}.py")
    out = folder / "peer-out"
    out.mkdir(exist_ok=True)
    env = peer_env(node)
    env["PYTHONPATH"] = str(folder)

    def py(venv: str) -> str:
        return str(venvs[venv] / "bin" / "python")

    def fresh(*paths: Path):
        def clean() -> None:
            for p in paths:
                p.unlink(missing_ok=True)

        return clean

    def check(*paths: Path):
        return lambda: [nonempty(p) for p in paths]

    results = [
        measure(
            "import the models alone",
            [[py("pydantic-json-schema"), "-c", f"import {module}"]],
            folder,
            repeat,
            models=models,
            env=env,
            note="pydantic, one `import models_all`",
        )
    ]
    # The goal is set on this ratio, so the two commands run in turn, run
    # after run: a machine getting busier or quieter during the benchmark
    # (this one varies by half from minute to minute) weighs on both alike.
    ts = out / "p2ts.ts"
    p2ts_steps = [
        [
            str(venvs["pydantic-to-typescript"] / "bin" / "pydantic2ts"),
            *("--module", module, "--output", str(ts)),
            *("--json2ts-cmd", str(node / "node_modules" / ".bin" / "json2ts")),
        ]
    ]
    root, ours_env = typepact_all
    ours_steps = [[str(TYPEPACT_PYTHON), "-m", "codegen", "generate", "-q"]]
    theirs_samples, ours_samples = [], []
    for _ in range(repeat):
        theirs_samples.append(sample(p2ts_steps, folder, env, fresh(ts), check(ts)))
        ours_samples.append(sample(ours_steps, root, ours_env, cleaner(root)))
    results.append(
        summarize(
            "pydantic-to-typescript (TypeScript)",
            theirs_samples,
            models,
            versus="typepact generate, cold (typescript)",
            note="runs json2ts (npm json-schema-to-typescript) itself; "
            "run in turn with typepact's cold all-target generate",
        )
    )
    results.append(
        summarize(
            f"typepact generate, cold ({ALL})",
            ours_samples,
            models,
            note="run in turn with pydantic-to-typescript",
        )
    )
    schema, zod = out / "schema.json", out / "jsts-zod.ts"
    results.append(
        measure(
            "pydantic model_json_schema + json-schema-to-zod (Zod)",
            [
                [
                    py("pydantic-json-schema"),
                    str(PINS / "json_schema.py"),
                    *(module, str(schema)),
                ],
                ["node", str(PINS / "json_schema_to_zod.cjs"), str(schema), str(zod)],
            ],
            folder,
            repeat,
            models=models,
            env=env,
            before=fresh(schema, zod),
            after=check(schema, zod),
            versus="typepact generate, cold (zod)",
            note="2 processes: times summed, max peak",
        )
    )
    openapi = out / "fastapi-openapi.json"
    results.append(
        measure(
            "FastAPI app.openapi() (OpenAPI)",
            [[py("fastapi"), str(PINS / "fastapi_openapi.py"), module, str(openapi)]],
            folder,
            repeat,
            models=models,
            env=env,
            before=fresh(openapi),
            after=check(openapi),
            versus="typepact generate, cold (openapi)",
            note="one GET route per model, response_model=Model",
        )
    )
    return results


def time_pydantic2zod(
    folder: Path,
    models: int,
    repeat: int,
    venvs: dict[str, Path],
    node: Path,
    env: dict[str, str],
) -> list[Measure]:
    names = module_names(folder)
    out = folder / "peer-out"
    out.mkdir(exist_ok=True)
    penv = peer_env(node)
    penv["PYTHONPATH"] = str(folder)
    python = str(venvs["pydantic2zod"] / "bin" / "python")
    outputs = [out / f"{m}.ts" for m in names]
    steps = [
        [python, "-m", "pydantic2zod", f"corpus.{m}", str(o), "--silent"]
        for m, o in zip(names, outputs, strict=True)
    ]

    def fresh() -> None:
        for o in outputs:
            o.unlink(missing_ok=True)

    def check() -> None:
        for o in outputs:  # its CLI logs a failure and still exits 0
            nonempty(o)

    suffix = f" [slice, {len(names)} modules]"
    typepact_rows = time_typepact(
        folder, models, repeat, env, [["zod"], list(TARGETS)], warm=False, suffix=suffix
    )
    peer = measure(
        "pydantic2zod (Zod)" + suffix,
        steps,
        folder,
        repeat,
        models=models,
        env=penv,
        before=fresh,
        after=check,
        versus=f"typepact generate, cold (zod){suffix}",
        note=f"one process per module ({len(names)}), times summed, max peak;"
        " slice rewritten to types it reads",
    )
    return [*typepact_rows, peer]


# --------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------


def machine(env: dict[str, str]) -> dict[str, str]:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = "unknown"
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    osname = platform.platform()
    release = Path("/etc/os-release")
    if release.exists():
        for line in release.read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                osname = line.split("=", 1)[1].strip('"') + f" ({platform.release()})"
    return {
        "cores (nproc)": str(os.cpu_count()),
        "CPU": cpu,
        "memory": mem,
        "OS": osname,
        "Python (typepact)": output([str(TYPEPACT_PYTHON), "--version"]),
        "Node": output(["node", "--version"]),
        "npm": output(["npm", "--version"]),
    }


def versions(venvs: dict[str, Path], node: Path) -> dict[str, str]:
    found = {}
    wanted = {
        "pydantic-to-typescript": ["pydantic-to-typescript", "pydantic"],
        "pydantic2zod": ["pydantic2zod", "libcst", "pydantic"],
        "pydantic-json-schema": ["pydantic", "pydantic_core"],
        "fastapi": ["fastapi", "starlette", "pydantic"],
    }
    for venv, names in wanted.items():
        pins = dict(
            line.split("==", 1)
            for line in (PINS / VENVS[venv]).read_text().splitlines()
            if "==" in line
        )
        found[f"venv {venv}"] = ", ".join(f"{n} {pins[n]}" for n in names)
    for package in ("json-schema-to-typescript", "json-schema-to-zod"):
        meta = node / "node_modules" / package / "package.json"
        match = re.search(r'"version":\s*"([^"]+)"', meta.read_text())
        found[f"npm {package}"] = match.group(1) if match else "?"
    return found


def table(results: list[Measure]) -> str:
    by_label = {(m.label, m.models): m for m in results}
    header = (
        "| command | models | wall s | CPU s | peak MB | x typepact all cold"
        " | x same-target typepact cold | notes |\n"
        "|---|--:|--:|--:|--:|--:|--:|---|\n"
    )
    rows = []
    for m in results:
        suffix = ""
        if "[slice" in m.label:
            suffix = m.label[m.label.index(" [slice") :]
        base = by_label.get((f"typepact generate, cold ({ALL}){suffix}", m.models))
        same = by_label.get((m.versus, m.models)) if m.versus else None
        ratio_all = f"{m.seconds / base.seconds:.2f}" if base else ""
        ratio_same = f"{m.seconds / same.seconds:.2f}" if same else ""
        rows.append(
            f"| {m.label} | {m.models} | {m.seconds:.3f} | {m.cpu:.2f} | "
            f"{m.peak_mb:.0f} | {ratio_all} | {ratio_same} | {m.note} |"
        )
    return header + "\n".join(rows) + "\n"


def goals(results: list[Measure], models: int) -> str:
    """The issue's targets, as ratios from this run."""
    get = {m.label: m for m in results if m.models == models}.get
    p2ts = get("pydantic-to-typescript (TypeScript)")
    cold = get(f"typepact generate, cold ({ALL})")
    check = get(f"typepact check, warm ({ALL})")
    floor = get("python -c pass")
    lines = []
    if p2ts and cold:
        lines.append(
            f"- pydantic-to-typescript / typepact cold all targets: "
            f"{p2ts.seconds / cold.seconds:.1f}x (goal: at least 5x)"
        )
    if p2ts and check:
        lines.append(
            f"- pydantic-to-typescript / typepact check warm: "
            f"{p2ts.seconds / check.seconds:.1f}x (goal: at least 20x)"
        )
    if check and floor:
        lines.append(
            f"- typepact check warm / `python -c pass`: "
            f"{check.seconds / floor.seconds:.1f}x (goal: at most 3x)"
        )
    return "\n".join(lines) + "\n"


def scaling(points: list[tuple[Measure, int]]) -> str:
    if len(points) < 2:
        return ""
    points = sorted(points, key=lambda p: p[0].models)
    lines = [
        "| models | modules | wall s | CPU s | peak MB | s per 1,000 models |",
        "|--:|--:|--:|--:|--:|--:|",
    ]
    for m, modules in points:
        lines.append(
            f"| {m.models} | {modules} | {m.seconds:.2f} | {m.cpu:.2f} | "
            f"{m.peak_mb:.0f} | {m.seconds / m.models * 1000:.2f} |"
        )
    first, last = points[0][0], points[-1][0]
    slope = (last.seconds - first.seconds) / (last.models - first.models) * 1000
    cpu_slope = (last.cpu - first.cpu) / (last.models - first.models) * 1000
    lines.append(
        f"\nSlope from {first.models} to {last.models} models: "
        f"{slope:.2f} s wall ({cpu_slope:.2f} s CPU) per 1,000 models; "
        f"largest peak {max(m.peak_mb for m, _ in points):.0f} MB."
    )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=int, default=1000)
    parser.add_argument("--modules", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--p2z-modules",
        type=int,
        default=5,
        help="pydantic2zod runs on the first N modules only (0: skip it)",
    )
    parser.add_argument(
        "--scale",
        type=int,
        nargs="*",
        default=[],
        metavar="MODELS",
        help="also time typepact cold (all targets) at these corpus sizes",
    )
    parser.add_argument("--scale-repeat", type=int, default=1)
    parser.add_argument("--at", help="measure typepact as committed at this revision")
    parser.add_argument(
        "--doc", type=Path, help="rewrite the results section of this file"
    )
    parser.add_argument(
        "--typepact-only",
        action="store_true",
        help="time typepact alone: no peer is installed or run",
    )
    args = parser.parse_args()
    if args.typepact_only and args.doc:
        parser.error("--doc records the comparison with the peers: drop one")
    command = "python benchmarks/peers.py " + " ".join(sys.argv[1:])

    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    load_before = os.getloadavg()
    peered = not args.typepact_only
    venvs = {name: install_venv(name) for name in VENVS} if peered else {}
    node = install_node() if peered else WORK / "node"
    env, revision = typepact_env(args.at)
    print(f"typepact at {revision}", flush=True)

    folder = WORK / "peers"
    build(folder, args.models, args.modules)
    results = [
        measure(
            "python -c pass",
            [[str(TYPEPACT_PYTHON), "-c", "pass"]],
            folder,
            args.repeat,
            models=args.models,
        )
    ]
    configs = [[t] for t in TARGETS] + [list(TARGETS)]
    results += time_typepact(folder, args.models, args.repeat, env, configs)
    if peered:
        all_root = folder / ("project-" + "-".join(TARGETS))
        peers = time_peers(
            folder, args.models, args.repeat, venvs, node, (all_root, env)
        )
        # The cold all-target row measured in turn with pydantic-to-typescript
        # takes the place of the one measured on its own.
        again = {m.label: m for m in peers}
        results = [again.pop(m.label, m) for m in results] + list(again.values())

    per_module = max(1, args.models // args.modules)
    if args.p2z_modules and peered:
        sliced = WORK / "peers-p2z"
        build(sliced, per_module * args.p2z_modules, args.p2z_modules)
        pydantic2zod_compatible(sliced)
        results += time_pydantic2zod(
            sliced, per_module * args.p2z_modules, args.repeat, venvs, node, env
        )

    points = []
    if args.scale:
        base = next(m for m in results if m.label == f"typepact generate, cold ({ALL})")
        points.append((base, args.modules))
        for size in args.scale:
            big = WORK / f"peers-scale-{size}"
            modules = max(1, size // per_module)
            build(big, size, modules)
            (point,) = time_typepact(
                big, size, args.scale_repeat, env, [list(TARGETS)], warm=False
            )
            points.append((point, modules))
            shutil.rmtree(big)

    load_after = os.getloadavg()
    info = machine(env)
    info["load average (1 min) before / after"] = (
        f"{load_before[0]:.2f} / {load_after[0]:.2f}"
    )
    report = [
        f"Command: `{command}`",
        "",
        f"Run {started}; typepact at `{revision}`; {args.models} models in "
        f"{args.modules} modules; median of {args.repeat} runs.",
        "",
        table(results),
        goals(results, args.models),
    ]
    if points:
        scale_note = (
            f"typepact generate, cold, all targets; median of {args.scale_repeat}"
            f" run(s) at the larger sizes, of {args.repeat} at {args.models}."
        )
        report += ["Scaling: " + scale_note, "", scaling(points)]
    report.append("Machine:\n")
    report += [f"- {k}: {v}" for k, v in info.items()]
    if peered:
        report.append("\nVersions (exact pins in benchmarks/peers/):\n")
        report += [f"- {k}: {v}" for k, v in versions(venvs, node).items()]
    text = "\n".join(report) + "\n"
    print("\n" + text)
    (WORK / ("peers-results.md" if peered else "typepact-results.md")).write_text(text)
    if args.doc:
        doc = args.doc.read_text() if args.doc.exists() else ""
        block = f"{MARK_START}\n{text}{MARK_END}"
        if MARK_START in doc and MARK_END in doc:
            head, rest = doc.split(MARK_START, 1)
            doc = head + block + rest.split(MARK_END, 1)[1]
        else:
            doc = doc + ("\n" if doc else "") + block + "\n"
        args.doc.write_text(doc)


if __name__ == "__main__":
    main()
