"""`typepact watch`: the loop with scripted events, the burst merger, and
the real command driven through a change, a broken save and a fix."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from codegen.config import Config, ConfigError, load_config
from codegen.watch import Plan, Watch, merge_bursts, plan_for
from tests.cli_support import make_project, snapshot

GOOD = """\
from pydantic import BaseModel


class Product(BaseModel):
    sku: str
"""

BROKEN = """\
from pydantic import BaseModel


class Product(BaseModel):
    sku: str
    price: float =
"""

FIXED = GOOD + "    price: float\n"


# -- the plan: what is watched, and which changes matter --------------------


def test_plan_watches_sources_and_the_config_file(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"models/shop.py": GOOD, "models/sub/x.py": ""})
    plan = plan_for(load_config(root / "pyproject.toml"))
    models = (root / "models").resolve()
    assert plan.recursive == (models,)
    assert plan.config_file == (root / "pyproject.toml").resolve()
    assert plan.relevant(models / "sub" / "x.py")
    assert plan.relevant(models / "stubs.pyi")
    assert plan.relevant(plan.config_file)
    # Outputs, caches and bytecode never trigger a run.
    assert not plan.relevant(root.resolve() / "out" / "types.ts")
    assert not plan.relevant(models / "__pycache__" / "shop.py")
    assert not plan.relevant(models / "notes.txt")
    assert not plan.relevant(root.resolve() / "setup.py")


# -- the loop, with events scripted by the test ------------------------------


class Script:
    """An event source that plays batches, each after the previous one has
    been handled, and records the plans it was asked to watch."""

    def __init__(self, *batches: set[Path]) -> None:
        self.batches = list(batches)
        self.plans: list[Plan] = []

    def __call__(self, plan: Plan, stop: threading.Event) -> Iterator[set[Path]]:
        self.plans.append(plan)
        yield set()  # armed
        while self.batches and not stop.is_set():
            yield self.batches.pop(0)


def _session(root: Path, script: Script) -> tuple[Watch, list[tuple[str, bool]]]:
    lines: list[tuple[str, bool]] = []
    path = root / "pyproject.toml"
    session = Watch(
        load_config(path),
        reload=lambda: load_config(path),
        source=script,
        echo=lambda line, err: lines.append((line, err)),
    )
    return session, lines


def _text(lines: list[tuple[str, bool]]) -> str:
    return "\n".join(line for line, _ in lines)


def test_loop_regenerates_reports_and_recovers(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"models/shop.py": GOOD})
    shop = (root / "models" / "shop.py").resolve()

    class Editor(Script):
        """Edits the file just before its batch is delivered."""

        def __call__(self, plan: Plan, stop: threading.Event) -> Iterator[set[Path]]:
            self.plans.append(plan)
            yield set()
            for content in (BROKEN, FIXED):
                shop.write_text(content)
                yield {shop, (root / "out" / "types.ts").resolve()}

    session, lines = _session(root, Editor())
    session.run()
    text = _text(lines)
    assert "wrote out/types.ts" in text
    assert "error[TP004]" in text
    assert ("typepact: no files were written; waiting for changes", True) in lines
    assert "price: number" in (root / "out" / "types.ts").read_text()
    assert session.rounds == 3


def test_loop_ignores_irrelevant_changes(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"models/shop.py": GOOD})
    script = Script({(root / "out" / "types.ts").resolve()}, {root / "README"})
    session, _ = _session(root, script)
    session.run()
    assert session.rounds == 1  # the first run only


def test_loop_survives_a_broken_configuration(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"models/shop.py": GOOD})
    config_file = (root / "pyproject.toml").resolve()
    good_config = config_file.read_text()

    class ConfigEditor(Script):
        def __call__(self, plan: Plan, stop: threading.Event) -> Iterator[set[Path]]:
            self.plans.append(plan)
            yield set()
            if len(self.plans) > 1:
                return
            config_file.write_text("[tool.typepact\n")
            yield {config_file}
            config_file.write_text(good_config.replace('"models"', '"api"'))
            (root / "api").mkdir()
            (root / "api" / "orders.py").write_text(GOOD.replace("Product", "Order"))
            yield {config_file}

    script = ConfigEditor()
    session, lines = _session(root, script)
    session.run()
    text = _text(lines)
    assert "error[TP001]" in text and "configuration not reloaded" in text
    # The new sources are watched from then on, and generated from.
    assert [p.recursive for p in script.plans] == [
        ((root / "models").resolve(),),
        ((root / "api").resolve(),),
    ]
    assert "export interface Order" in (root / "out" / "types.ts").read_text()


def test_loop_keeps_going_after_an_internal_error(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"models/shop.py": GOOD})
    calls: list[Config] = []

    def crash(config: Config, *, use_cache: bool) -> object:
        calls.append(config)
        raise RuntimeError("boom")

    lines: list[tuple[str, bool]] = []
    shop = (root / "models" / "shop.py").resolve()
    session = Watch(
        load_config(root / "pyproject.toml"),
        reload=lambda: (_ for _ in ()).throw(ConfigError([])),
        source=Script({shop}),
        echo=lambda line, err: lines.append((line, err)),
        generate=crash,  # type: ignore[arg-type]
    )
    session.run()
    assert len(calls) == 2
    assert sum("internal error: RuntimeError: boom" in line for line, _ in lines) == 2


# -- merging bursts ----------------------------------------------------------


def test_merge_bursts_joins_changes_that_arrive_close_together() -> None:
    changes: queue.Queue[set[Path] | BaseException] = queue.Queue()
    stop = threading.Event()

    def burst() -> None:
        for name in "abcde":
            changes.put({Path(name)})
            time.sleep(0.02)

    threading.Thread(target=burst).start()
    merged = merge_bursts(changes, stop, quiet=0.3)
    assert merged == {Path(n) for n in "abcde"}


def test_merge_bursts_stops_merging_after_the_longest_wait() -> None:
    changes: queue.Queue[set[Path] | BaseException] = queue.Queue()
    for i in range(3):
        changes.put({Path(str(i))})
    start = time.monotonic()
    merged = merge_bursts(changes, threading.Event(), quiet=10, longest=0.2)
    assert merged == {Path("0"), Path("1"), Path("2")}
    assert time.monotonic() - start < 5


def test_merge_bursts_returns_none_once_stopped() -> None:
    stop = threading.Event()
    stop.set()
    assert merge_bursts(queue.Queue(), stop, quiet=0.1) is None


# -- the real command, with real file-system events --------------------------


class Lines:
    """Reads a process's output on a thread, so waits can time out."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.proc = proc
        self.seen: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def rest(self, timeout: float = 10) -> list[str]:
        """Every line still to come, until the output closes or `timeout`."""
        deadline = time.monotonic() + timeout
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                line = self._queue.get(timeout=remaining)
            except queue.Empty:
                break
            if line is None:
                break
            self.seen.append(line)
        return self.seen

    def wait_for(self, needle: str, timeout: float = 30) -> list[str]:
        """Lines up to and including the first that contains `needle`."""
        deadline = time.monotonic() + timeout
        got: list[str] = []
        while True:
            remaining = deadline - time.monotonic()
            try:
                line = self._queue.get(timeout=max(remaining, 0.01))
            except queue.Empty:
                raise AssertionError(
                    f"no {needle!r} within {timeout}s; output so far:\n"
                    + "\n".join(self.seen)
                ) from None
            if line is None:
                raise AssertionError(
                    f"watch exited before {needle!r}:\n" + "\n".join(self.seen)
                )
            self.seen.append(line)
            got.append(line)
            if needle in line:
                return got


def test_watch_command_change_break_fix_stop(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"models/shop.py": GOOD})
    shop = root / "models" / "shop.py"
    types_ts = root / "out" / "types.ts"
    proc = subprocess.Popen(
        [sys.executable, "-m", "codegen", "watch", "--debounce", "100"],
        cwd=root,
        # faulthandler: SIGABRT makes a stuck process print every thread's
        # stack (see the end of this test).
        env={**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONFAULTHANDLER": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        out = Lines(proc)
        out.wait_for("typepact: watching models, pyproject.toml")
        assert "sku: string" in types_ts.read_text()

        # A change is picked up.
        shop.write_text(GOOD + "    name: str\n")
        out.wait_for("wrote out/types.ts")
        assert "name: string" in types_ts.read_text()

        # A broken save: reported, nothing written, still running.
        before = snapshot(root / "out")
        shop.write_text(BROKEN)
        got = out.wait_for("no files were written")
        assert any("models/shop.py:6:" in line and "TP004" in line for line in got)
        assert snapshot(root / "out") == before
        assert proc.poll() is None

        # The fix: regenerated.
        shop.write_text(FIXED)
        out.wait_for("wrote out/types.ts")
        assert "price: number" in types_ts.read_text()

        proc.send_signal(signal.SIGINT)
        try:
            code = proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGABRT)
            raise AssertionError(
                "watch did not stop within 15 s of Ctrl-C; its output and "
                "stacks:\n" + "\n".join(out.rest())
            ) from None
        assert code == 0
        out.wait_for("typepact: stopped")
        assert "Traceback" not in "\n".join(out.seen)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=15)


def test_watch_command_refuses_a_bad_configuration_at_start(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"models/shop.py": GOOD}, "[tool.typepact\n")
    run = subprocess.run(
        [sys.executable, "-m", "codegen", "watch"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2
    assert "error[TP001]" in run.stderr
