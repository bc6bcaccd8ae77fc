"""The warm fast path: answer `typepact check` (and `generate`) from a stamp
when nothing it depends on has changed, before anything heavy is imported.

A pre-commit hook runs on every commit, and most commits do not touch the
models: the answer is then "up to date", and it should cost barely more than
starting Python. After a plain `check` or `generate` that succeeded, the CLI
records what the answer depended on in `<cache folder>/stamp.json`:

- every file it read or wrote (the configuration, the sources, the outputs,
  typepact's own code) with its size, mtime and a content digest;
- every folder under the sources with the entries discovery cares about, so
  an added or removed file is seen;
- files whose absence mattered (a nearer `typepact.toml`, an `__init__.py`
  that would rename modules);
- what the run printed.

The next plain run in the same folder stats those paths (well under a
millisecond for a hundred files) and replays the answer when all agree. As
in git's index, a file whose mtime is too close to the moment the stamp was
written is "racy" (a later edit could keep its size and mtime), so its
content is hashed instead; once enough time has passed the stamp is
rewritten without that doubt. Anything unexpected (another flag, another
format, a custom cache folder, a missing or unreadable stamp) falls back to
the full run, which never trusts the stamp.

This module imports only the standard library's cheapest parts: it runs
before click, tomllib and the pipeline are loaded.
"""

from __future__ import annotations

import json
import os
import sys
import time

# Annotations only: importing typing costs more than the whole fast path.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from typing import Any

FORMAT = 2
STAMP_NAME = "stamp.json"
DEFAULT_CACHE = ".typepact-cache"
CONFIG_NAMES = ("typepact.toml", "pyproject.toml")
#: An mtime within this much of the stamp's writing cannot prove a file
#: unchanged (file system clocks tick coarsely).
RACY_NS = 2_000_000_000

#: Folders that never hold user models and can be huge: discovery
#: (codegen/discovery.py) walks sources with `walk_sources` below.
SKIPPED_DIRS = frozenset(
    {
        "__pycache__",
        "node_modules",
        "site-packages",
        ".git",
        ".hg",
        ".venv",
        "venv",
        ".tox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
    }
)

COMMANDS = ("check", "generate")


def plain_invocation(argv: Iterable[str]) -> tuple[str, bool, str | None] | None:
    """(command, quiet, --config argument or None) when `argv` is one the
    fast path can answer: `check` or `generate`, with at most `-q` /
    `--quiet` and `--config PATH`."""
    args = list(argv)
    if not args or args[0] not in COMMANDS:
        return None
    quiet, config = False, None
    rest = iter(args[1:])
    for arg in rest:
        if arg in ("-q", "--quiet"):
            quiet = True
        elif arg == "--config" and config is None:
            config = next(rest, "")
        elif arg.startswith("--config=") and config is None:
            config = arg.removeprefix("--config=")
        else:
            return None
        if config == "":
            return None
    return args[0], quiet, None if config is None else os.path.normpath(config)


def walk_sources(folder: str) -> Iterator[tuple[str, list[str], list[str]]]:
    """(folder, sub-folders, .py files) under `folder`, as discovery reads
    them: skipped and hidden folders are not entered; symlinked folders are
    followed once."""
    seen: set[str] = set()
    for current, dirs, files in os.walk(folder, followlinks=True):
        real = os.path.realpath(current)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and d[0] != ".")
        yield current, dirs, sorted(f for f in files if f.endswith(".py"))


def digest(path: str) -> str | None:
    try:
        with open(path, "rb") as handle:
            return _digest_bytes(handle.read())
    except OSError:
        return None


def _digest_bytes(data: bytes) -> str:
    try:
        from _blake2 import blake2b
    except ImportError:  # not CPython's usual build
        from hashlib import blake2b
    return blake2b(data, digest_size=16).hexdigest()


def _stat(path: str) -> list[int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return [found.st_size, found.st_mtime_ns]


# -- recording (after a full run) --------------------------------------------


def record(
    *,
    started_ns: int,
    cache_dir: str,
    config_arg: str | None,
    config_path: str,
    root: str,
    sources: Iterable[str],
    outputs: dict[str, str],
    stderr: dict[str, str],
    stdout: dict[str, str],
) -> None:
    """Write the stamp for the current folder and `--config` argument
    (normalised, None without one) after a run that started at `started_ns`
    and ended up to date. `outputs` are the generated files
    (path relative to `root` -> content, as on disk now); `stderr` maps
    "quiet" and "normal" to what the run printed there; `stdout` maps
    "check" and "generate" to the success line.

    The run read its inputs some time ago: an input modified since then (or
    just before, within the clock's coarseness) may differ from what the run
    saw, so then no stamp is written. Never raises: a stamp only saves
    time."""
    try:
        cwd = os.getcwd()
        recorded = time.time_ns()
        inputs, absent, folders = _inputs(cwd, config_arg, config_path, root, sources)
        if inputs is None:
            return
        entries: dict[str, Any] = {}
        for path in inputs:
            stat, content = _stat(path), digest(path)
            if stat is None or content is None or stat[1] + RACY_NS > started_ns:
                return
            entries[path] = [*stat, content]
        # typepact's own code is not read by the run the way inputs are
        # (and may be edited while a test runs): recorded as it is now, and
        # checked by content until it is old enough.
        for path in _own_code():
            stat, content = _stat(path), digest(path)
            if stat is None or content is None:
                return
            entries[path] = [*stat, content]
        for rel, text in outputs.items():
            path = os.path.join(root, rel)
            stat = _stat(path)
            if stat is None:
                return
            entries[path] = [*stat, _digest_bytes(text.encode("utf-8"))]
        listed: dict[str, Any] = {}
        for path, names in folders.items():
            stat = _stat(path)
            if stat is None or stat[1] + RACY_NS > started_ns:
                return
            listed[path] = [*stat, names]
        stamp = {
            "format": FORMAT,
            "python": sys.version,
            "cwd": cwd,
            "config": config_arg,
            "recorded_ns": recorded,
            "files": entries,
            "absent": sorted(set(absent)),
            "folders": listed,
            "stderr": stderr,
            "stdout": stdout,
        }
        os.makedirs(cache_dir, exist_ok=True)
        _write(os.path.join(cache_dir, STAMP_NAME), stamp)
    except (OSError, ValueError):
        return


def _inputs(
    cwd: str,
    config_arg: str | None,
    config_path: str,
    root: str,
    sources: Iterable[str],
) -> tuple[list[str] | None, list[str], dict[str, list[str]]]:
    """Files a run's answer depends on (None when the configuration is not
    where find_config looks), files whose absence it depends on, and the
    source folders with their entries."""
    files: list[str] = [config_path]
    absent: list[str] = []
    folders: dict[str, list[str]] = {}
    # Every configuration candidate find_config looks at before this one:
    # from `cwd` upwards, or only in the folder given as --config (a file
    # given as --config is read as it is).
    given = None if config_arg is None else os.path.join(cwd, config_arg)
    if given is None or os.path.isdir(given):
        start = cwd if given is None else os.path.abspath(given)
        if not _candidates(start, config_path, files, absent, given is None):
            return None, absent, folders
    for source in sources:
        base = os.path.realpath(os.path.join(root, source))
        if os.path.isfile(base):
            files.append(base)
            _package_chain(os.path.dirname(base), files, absent)
            continue
        _package_chain(base, files, absent)
        for current, dirs, py_files in walk_sources(base):
            folders[current] = dirs + py_files
            files += [os.path.join(current, f) for f in py_files]
    return list(dict.fromkeys(files)), absent, folders


def _candidates(
    folder: str, config_path: str, files: list[str], absent: list[str], up: bool
) -> bool:
    """Add the configuration files find_config looks at before reaching
    `config_path` from `folder` (and its parents, with `up`) to `files`, or
    to `absent` when missing; False when it never reaches it."""
    while True:
        for name in CONFIG_NAMES:
            candidate = os.path.join(folder, name)
            if candidate == config_path:
                return True
            (files if os.path.isfile(candidate) else absent).append(candidate)
        parent = os.path.dirname(folder)
        if not up or parent == folder:
            return False
        folder = parent


def _package_chain(folder: str, files: list[str], absent: list[str]) -> None:
    """The `__init__.py` files above a source root that name its modules
    (discovery walks up while they exist), and the first one missing."""
    while True:
        marker = os.path.join(folder, "__init__.py")
        if not os.path.isfile(marker):
            absent.append(marker)
            return
        files.append(marker)
        parent = os.path.dirname(folder)
        if parent == folder:
            return
        folder = parent


def _own_code() -> list[str]:
    here = os.path.dirname(os.path.abspath(__file__))
    out = []
    for package in (here, os.path.join(os.path.dirname(here), "emitters")):
        for current, dirs, names in os.walk(package):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            out += [
                os.path.join(current, n) for n in sorted(names) if n.endswith(".py")
            ]
    return out


def _write(path: str, data: dict[str, Any]) -> None:
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(data, handle, separators=(",", ":"))
    os.replace(temporary, path)


# -- serving (before anything else) -------------------------------------------


def serve(argv: list[str]) -> int | None:
    """The exit code of a run answered from the stamp, after printing what
    the full run printed; None when the full run must decide."""
    plain = plain_invocation(argv)
    if plain is None or os.environ.get("TYPEPACT_NO_STAMP"):
        return None
    command, quiet, config = plain
    try:
        found = _find_stamp(os.getcwd(), config)
        if found is None:
            return None
        path, stamp = found
        if not _still_true(stamp, path):
            return None
        err = stamp["stderr"]["quiet" if quiet else "normal"]
        out = "" if quiet else stamp["stdout"][command]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if err:
        sys.stderr.write(err)
    if out:
        sys.stdout.write(out)
    return 0


def _find_stamp(cwd: str, config: str | None) -> tuple[str, dict[str, Any]] | None:
    """The stamp a run from `cwd` with this --config argument would have
    written: beside the configuration found from `cwd` upwards, or beside
    the one given."""
    if config is None:
        folder = cwd
        while not os.path.isfile(os.path.join(folder, DEFAULT_CACHE, STAMP_NAME)):
            if any(os.path.isfile(os.path.join(folder, n)) for n in CONFIG_NAMES):
                return None  # the configuration's folder has no stamp
            parent = os.path.dirname(folder)
            if parent == folder:
                return None
            folder = parent
    else:
        folder = os.path.join(cwd, config)
        if not os.path.isdir(folder):
            folder = os.path.dirname(folder)
    path = os.path.join(folder, DEFAULT_CACHE, STAMP_NAME)
    if not os.path.isfile(path):
        return None
    with open(path, encoding="utf-8") as handle:
        stamp = json.load(handle)
    if (
        stamp.get("format") != FORMAT
        or stamp.get("cwd") != cwd
        or stamp.get("config") != config
        or stamp.get("python") != sys.version
    ):
        return None
    return path, stamp


def _still_true(stamp: dict[str, Any], stamp_path: str) -> bool:
    recorded = stamp["recorded_ns"]
    racy = False
    for path in stamp["absent"]:
        if os.path.exists(path):
            return False
    # What each path looks like now that it is known to be unchanged.
    seen: dict[str, list[int]] = {}
    for path, (size, mtime, names) in stamp["folders"].items():
        now = _stat(path)
        if now is None:
            return False
        if now != [size, mtime] or mtime + RACY_NS > recorded:
            listing = next(walk_sources(path), None)
            if listing is None or listing[1] + listing[2] != names:
                return False
            racy = True
        seen[path] = now
    for path, (size, mtime, content) in stamp["files"].items():
        now = _stat(path)
        if now is None or now[0] != size:
            return False
        if now[1] != mtime or mtime + RACY_NS > recorded:
            if digest(path) != content:
                return False
            racy = True
        seen[path] = now
    if racy:
        _refresh(stamp, stamp_path, seen)
    return True


def _refresh(stamp: dict[str, Any], path: str, seen: dict[str, list[int]]) -> None:
    """Everything was verified, some of it by content: once the mtimes seen
    are old enough to be trusted, restamp with them, so the next run only
    stats. (A file changed since it was verified has another mtime, and is
    hashed again next time.)"""
    now = time.time_ns()
    if any(mtime + RACY_NS > now for _, mtime in seen.values()):
        return
    for table in (stamp["files"], stamp["folders"]):
        for entry_path, entry in table.items():
            entry[:2] = seen[entry_path]
    stamp["recorded_ns"] = now
    try:
        _write(path, stamp)
    except OSError:
        return
