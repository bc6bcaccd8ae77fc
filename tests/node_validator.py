"""The Node side of the test suite: pinned packages and one long-lived process.

`ensure_node_packages()` installs tests/node/node_modules with `npm ci` when
it is missing or does not match the pins (guarded by a file lock, so
parallel pytest workers install once). `NodeValidator` runs
tests/node/validate.mjs and sends it JSON values to check against generated
Zod schemas, one request per line, so a whole session pays Node's start-up
once.
"""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import json
import os
import queue
import shutil
import subprocess
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

NODE_DIR = Path(__file__).resolve().parent / "node"
BUILD_DIR = NODE_DIR / ".build"
SCRIPT = NODE_DIR / "validate.mjs"

#: Set to 1 to skip Node-backed tests on a machine without Node; CI never
#: sets it, so there they fail loudly instead.
SKIP_ENV = "TYPEPACT_SKIP_NODE"


class NodeUnavailable(RuntimeError):
    """Node or npm is missing, or the pinned packages cannot be installed."""


class NodeError(RuntimeError):
    """The Node process failed a request, died or did not answer in time."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a Zod schema said about one value."""

    success: bool
    #: Zod issues as {"code", "path", "message"} dicts; empty on success.
    issues: tuple[dict[str, Any], ...] = ()

    def describe(self) -> str:
        if self.success:
            return "accepted"
        return "rejected: " + "; ".join(
            f"{'.'.join(i['path']) or '<root>'}: {i['message']}" for i in self.issues
        )


#: An argument of a generic schema function: an export name, a zod factory
#: such as "z.int", or a nested {"export": name, "args": [...]}.
SchemaArg = str | dict[str, Any]


def node_executable() -> str:
    node = shutil.which("node")
    if node is None:
        raise NodeUnavailable(
            "`node` is not on PATH. The golden tests check the generated Zod "
            "schemas in Node (>= 18); install Node.js, or set "
            f"{SKIP_ENV}=1 to skip these tests locally."
        )
    return node


def _pinned_versions() -> dict[str, str]:
    """Direct dependencies and the exact versions the lock file resolves."""
    manifest = json.loads((NODE_DIR / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((NODE_DIR / "package-lock.json").read_text(encoding="utf-8"))
    packages = lock.get("packages", {})
    return {
        name: str(packages.get(f"node_modules/{name}", {}).get("version", spec))
        for name, spec in manifest.get("dependencies", {}).items()
    }


def _installed_version(package: str) -> str | None:
    manifest = NODE_DIR / "node_modules" / package / "package.json"
    try:
        return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])
    except (OSError, ValueError, KeyError):
        return None


def packages_are_installed() -> bool:
    return all(
        _installed_version(name) == version
        for name, version in _pinned_versions().items()
    )


@contextlib.contextmanager
def _install_lock() -> Iterator[None]:
    BUILD_DIR.mkdir(parents=True, exist_ok=True)
    with open(BUILD_DIR / "install.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_node_packages(timeout: float = 600) -> None:
    """Install the pinned packages from the lock file unless already there."""
    node_executable()
    if packages_are_installed():
        return
    with _install_lock():
        if packages_are_installed():  # another worker did it while we waited
            return
        npm = shutil.which("npm")
        if npm is None:
            raise NodeUnavailable(
                "`npm` is not on PATH, and tests/node/node_modules is missing or "
                "does not match tests/node/package.json; install npm (it ships "
                "with Node.js) or run `npm ci` in tests/node"
            )
        run = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=NODE_DIR,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if run.returncode != 0 or not packages_are_installed():
            raise NodeUnavailable(
                f"`npm ci` in {NODE_DIR} failed (exit {run.returncode}):\n"
                f"{run.stdout}{run.stderr}"
            )


class NodeValidator:
    """A running tests/node/validate.mjs. Use as a context manager."""

    def __init__(self, timeout: float = 60.0) -> None:
        self.timeout = timeout
        self._process: subprocess.Popen[str] | None = None
        self._answers: queue.Queue[str | None] = queue.Queue()
        self._stderr: list[str] = []
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    # -- lifecycle ---------------------------------------------------------

    def start(self) -> NodeValidator:
        if self._process is not None:
            return self
        self._process = subprocess.Popen(
            [node_executable(), str(SCRIPT)],
            cwd=NODE_DIR,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            bufsize=1,
            env={**os.environ, "NODE_NO_WARNINGS": "1"},
        )
        threading.Thread(target=self._read_stdout, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()
        return self

    def close(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.stdin:
            with contextlib.suppress(OSError):
                process.stdin.close()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def __enter__(self) -> NodeValidator:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _read_stdout(self) -> None:
        process = self._process
        assert process is not None and process.stdout is not None
        for line in process.stdout:
            self._answers.put(line)
        self._answers.put(None)

    def _read_stderr(self) -> None:
        process = self._process
        assert process is not None and process.stderr is not None
        for line in process.stderr:
            self._stderr.append(line)
            del self._stderr[:-200]

    # -- requests ----------------------------------------------------------

    def request(self, op: str, **payload: Any) -> dict[str, Any]:
        """Send one request and wait for its answer."""
        with self._lock:
            process = self._process
            if process is None or process.stdin is None:
                raise NodeError("the Node validator is not running; call start()")
            request_id = next(self._ids)
            line = json.dumps({"id": request_id, "op": op, **payload})
            try:
                process.stdin.write(line + "\n")
                process.stdin.flush()
            except OSError as exc:
                died = f"the Node validator died: {exc}{self._tail()}"
                raise NodeError(died) from exc
            try:
                answer_line = self._answers.get(timeout=self.timeout)
            except queue.Empty:
                self._kill()
                raise NodeError(
                    f"the Node validator did not answer {op!r} within "
                    f"{self.timeout}s; it was stopped{self._tail()}"
                ) from None
            if answer_line is None:
                self._process = None
                raise NodeError(
                    f"the Node validator exited (code {process.wait()}){self._tail()}"
                )
        answer = json.loads(answer_line)
        if answer.get("id") != request_id:
            raise NodeError(f"answer out of order: sent {request_id}, got {answer}")
        if not answer.get("ok"):
            raise NodeError(str(answer.get("error")))
        return dict(answer)

    def _kill(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            process.kill()
            process.wait()

    def _tail(self) -> str:
        text = "".join(self._stderr[-40:]).strip()
        return f"\nNode stderr:\n{text}" if text else ""

    def ping(self) -> dict[str, str]:
        return dict(self.request("ping")["versions"])

    def exports(self, module: Path) -> list[str]:
        return list(self.request("exports", module=str(module))["exports"])

    def validate(
        self,
        module: Path,
        export: str,
        values: Sequence[Any],
        args: Sequence[SchemaArg] = (),
    ) -> list[Outcome]:
        """Run `values` through the schema `export` (applied to `args` when it
        is a generic schema function) of a .ts or .mjs module."""
        answer = self.request(
            "validate",
            module=str(module),
            export=export,
            args=list(args),
            values=list(values),
        )
        return [
            Outcome(bool(r["success"]), tuple(r.get("issues", ())))
            for r in answer["results"]
        ]
