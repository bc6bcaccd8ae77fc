"""The on-disk cache: per-file parse results and whole-run outputs.

A pre-commit hook runs on every commit, so a run where nothing changed must
cost little more than hashing the inputs. Two kinds of entry:

- `parse/<key>.msgpack`: one source file's `ModuleSummary`, keyed by the
  file's content, path and module name, and typepact's own code;
- `runs/<key>.run`: every output file and diagnostic of a successful run,
  keyed by all sources, the configuration and typepact's own code: a line
  of JSON (the keys, the diagnostics, each file's path and length), then
  the files' text one after another. Outputs are megabytes of text that
  JSON would escape character by character; stored as they are, they cost
  a write.

Entries are msgpack, JSON and text, never pickle: a cache folder can be
committed or planted by someone else, and loading it must never run code.
A summary is decoded against its classes' annotations (msgspec); every
entry is checked against the key it was stored under, and any entry that
fails to load is ignored and rebuilt. Writes go to a temporary file and
are renamed into place, so concurrent runs (two pre-commit hooks at once)
see either a whole entry or none.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from functools import cache as memoize
from pathlib import Path
from typing import Any

from codegen.diagnostics import Diagnostic
from codegen.ir import SourceLocation

FORMAT = 3
DEFAULT_DIR = ".typepact-cache"
#: Run entries kept; older ones are removed when a new one is written.
MAX_RUNS = 16
#: From this many parse results a background store pays for its fork.
BACKGROUND_ENTRIES = 20

_PACKAGE_ROOT = Path(__file__).resolve().parent.parent


@memoize
def code_fingerprint() -> str:
    """A hash of typepact's own code, so an upgrade (or a
    developer's edit) never reuses results computed by other code."""
    digest = hashlib.sha256(f"typepact-cache-{FORMAT}".encode())
    for package in ("codegen", "emitters"):
        for path in sorted((_PACKAGE_ROOT / package).rglob("*")):
            if path.suffix == ".py" and path.is_file():
                digest.update(path.relative_to(_PACKAGE_ROOT).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def hash_parts(parts: Iterable[str]) -> str:
    digest = hashlib.sha256(code_fingerprint().encode())
    for part in parts:
        encoded = part.encode("utf-8", "surrogatepass")
        digest.update(len(encoded).to_bytes(8, "big"))
        digest.update(encoded)
    return digest.hexdigest()


class Cache:
    """A cache folder. Every method tolerates a missing, corrupt or
    read-only folder: the cache only ever saves time, never changes a
    result."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        #: Child processes still storing parse results (`store_summaries`).
        self._children: list[int] = []

    # -- parse results -----------------------------------------------------

    def load_summary(self, key: str) -> Any | None:
        import msgspec

        from codegen.frontends.python import summary

        try:
            data = self._summary_path(key).read_bytes()
            stored_format, stored_key, found = summary.decode(
                data, tuple[int, str, summary.ModuleSummary]
            )
        except (OSError, msgspec.DecodeError, RecursionError):
            return None
        return found if (stored_format, stored_key) == (FORMAT, key) else None

    def store_summary(self, key: str, summary: Any) -> None:
        from codegen.frontends.python.summary import UNENCODABLE, encode

        try:
            data = encode((FORMAT, key, summary))
        except (*UNENCODABLE, TypeError):
            return  # a value msgpack cannot hold: parsed again next time
        self._write_atomic(self._summary_path(key), data)

    def _summary_path(self, key: str) -> Path:
        return self.folder / "parse" / key[:2] / f"{key}.msgpack"

    def store_summaries(self, entries: list[tuple[str, Any]]) -> None:
        """Store many parse results. Writing them (100 files: 20-50 ms)
        is work nothing else in the run waits for: with enough of them, and
        where the platform forks, a child process stores them while this
        one resolves and emits. `wait` collects it."""

        def store() -> None:
            for key, summary in entries:
                self.store_summary(key, summary)

        if len(entries) >= BACKGROUND_ENTRIES:
            from codegen.forking import in_background  # not on warm runs

            pid = in_background(store)
            if pid is not None:
                self._children.append(pid)
                return
        store()

    def wait(self) -> None:
        """Return once every background store has finished (each entry is
        written atomically, so a reader never sees half of one anyway)."""
        from codegen.forking import collect

        while self._children:
            collect(self._children.pop())

    # -- whole runs --------------------------------------------------------

    def load_run(self, key: str) -> tuple[dict[str, str], list[Diagnostic]] | None:
        try:
            entry = (self.folder / "runs" / f"{key}.run").read_bytes()
        except OSError:
            return None
        line, _, body = entry.partition(b"\n")
        try:
            header = json.loads(line)
            keys = header["keys"]
            if header["format"] != FORMAT or type(keys) is not list or key not in keys:
                return None
            text = body.decode("utf-8", "surrogatepass")
            files: dict[str, str] = {}
            at = 0
            for path, length in header["files"]:
                if type(path) is not str or type(length) is not int or length < 0:
                    return None
                files[path] = text[at : at + length]
                at += length
            if at != len(text):
                return None  # cut short or padded: not what was stored
            diagnostics = [_diagnostic_from_json(d) for d in header["diagnostics"]]
        except (KeyError, TypeError, ValueError, AttributeError):
            return None
        return files, diagnostics

    def store_run(
        self, keys: list[str], files: dict[str, str], diagnostics: list[Diagnostic]
    ) -> None:
        """Store a run's outputs under each of `keys`: one entry, written
        once and linked under the other keys."""
        header = {
            "format": FORMAT,
            "keys": keys,
            "diagnostics": [d.to_json() for d in diagnostics],
            "files": [[path, len(text)] for path, text in files.items()],
        }
        entry = b"%s\n%s" % (
            json.dumps(header).encode("ascii"),
            "".join(files.values()).encode("utf-8", "surrogatepass"),
        )
        folder = self.folder / "runs"
        first = folder / f"{keys[0]}.run"
        self._write_atomic(first, entry)
        for key in keys[1:]:
            self._write_atomic(folder / f"{key}.run", entry, same_as=first)
        self._prune(folder, MAX_RUNS)

    # -- files -------------------------------------------------------------

    def _write_atomic(
        self, path: Path, entry: bytes, *, same_as: Path | None = None
    ) -> None:
        """Put `entry` at `path` whole or not at all; `same_as`: a file that
        already holds `entry`, to hard-link rather than write again."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._ignore_in_git()
            if same_as is not None and _linked(same_as, path):
                return
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(entry)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            pass  # a read-only or full disk only costs speed

    def _ignore_in_git(self) -> None:
        marker = self.folder / ".gitignore"
        if not marker.exists():
            marker.write_text("# Created by typepact: a cache, not source.\n*\n")

    @staticmethod
    def _prune(folder: Path, keep: int) -> None:
        try:
            entries = sorted(
                folder.glob("*.run"), key=lambda p: p.stat().st_mtime, reverse=True
            )
            for old in entries[keep:]:
                old.unlink(missing_ok=True)
        except OSError:
            pass


def _linked(existing: Path, path: Path) -> bool:
    """Make `path` a hard link to `existing`, atomically; False where that
    cannot be done (a file system without links, say)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    try:
        os.unlink(tmp)  # only its unique name was wanted
        os.link(existing, tmp)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        return False
    return True


def _diagnostic_from_json(data: dict[str, Any]) -> Diagnostic:
    location = None
    if data.get("path") is not None:
        location = SourceLocation(
            path=str(data["path"]), line=int(data["line"]), column=int(data["column"])
        )
    return Diagnostic(
        code=str(data["code"]),
        message=str(data["message"]),
        severity="warning" if data["severity"] == "warning" else "error",
        hint=data.get("hint"),
        location=location,
        target=data.get("target"),
    )
