"""`typepact watch`: regenerate whenever a source or the configuration changes.

The loop (`Watch`) knows nothing about file-system notifications: it
consumes batches of changed paths from an event source, so tests can feed
it batches directly. `watchfiles_source` is the real source. It arms
watchfiles in threads (one recursive watcher for the source folders, one
flat watcher for the configuration's folder, because editors that save by
renaming a new file into place would otherwise detach a watch on the file
itself) and merges bursts of changes into one batch.

An empty batch means "the watchers are armed": the loop generates then, so
a save made while typepact starts is never missed.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from codegen.config import Config, ConfigError
from codegen.diagnostics import Diagnostic
from codegen.report import text_lines

if TYPE_CHECKING:
    from codegen.pipeline import GenerateResult

#: Folders whose files never matter, as in discovery.
_SKIPPED_PARTS = frozenset({"__pycache__", ".git", ".venv", "venv", ".tox"})
_SOURCE_SUFFIXES = frozenset({".py", ".pyi"})


@dataclass(frozen=True, slots=True)
class Plan:
    """What to watch for one configuration."""

    #: Folders watched with everything below them (the source folders).
    recursive: tuple[Path, ...]
    #: Folders watched without their subfolders (the configuration's one,
    #: and those holding single-file sources).
    flat: tuple[Path, ...]
    #: Files that matter wherever they are: the configuration file and
    #: sources given as single files.
    files: frozenset[Path]
    config_file: Path | None

    def relevant(self, path: Path) -> bool:
        if path in self.files:
            return True
        if path.suffix not in _SOURCE_SUFFIXES:
            return False
        for folder in self.recursive:
            if path.is_relative_to(folder):
                inside = path.relative_to(folder).parts[:-1]
                return not any(
                    part in _SKIPPED_PARTS or part.startswith(".") for part in inside
                )
        return False


def plan_for(config: Config) -> Plan:
    recursive: list[Path] = []
    flat: list[Path] = [config.root.resolve()]
    files: set[Path] = set()
    config_file = config.path.resolve() if config.path is not None else None
    if config_file is not None:
        files.add(config_file)
        flat.append(config_file.parent)
    for source in config.sources:
        path = (config.root / source).resolve()
        if path.is_dir():
            recursive.append(path)
        elif path.is_file():
            files.add(path)
            flat.append(path.parent)
        elif path.parent.is_dir():
            # A source that does not exist yet: see it appear.
            files.add(path)
            flat.append(path.parent)
    # Nested folders would report each change twice.
    outer = [
        p
        for p in sorted(set(recursive))
        if not any(p != q and p.is_relative_to(q) for q in recursive)
    ]
    return Plan(
        tuple(outer),
        tuple(sorted(set(flat) - set(outer))),
        frozenset(files),
        config_file,
    )


#: (plan, stop) -> batches of changed absolute paths; the first, empty,
#: batch says the watchers are armed. Ends when `stop` is set.
EventSource = Callable[[Plan, threading.Event], Iterator[set[Path]]]
#: Prints one line; the flag says it is a problem (stderr).
Echo = Callable[[str, bool], None]


class Watch:
    """Regenerate on every relevant batch of changes until `stop` is set or
    the event source ends. Never exits on a problem in the sources or the
    configuration: it reports it and waits for the fix."""

    def __init__(
        self,
        config: Config,
        *,
        reload: Callable[[], Config],
        source: EventSource,
        echo: Echo,
        stop: threading.Event | None = None,
        quiet: bool = False,
        generate: Callable[..., GenerateResult] | None = None,
    ) -> None:
        self.config = config
        self.reload = reload
        self.source = source
        self.echo = echo
        self.stop = stop if stop is not None else threading.Event()
        self.quiet = quiet
        if generate is None:
            # Imported here: the pipeline is only needed once running.
            from codegen.pipeline import generate as default_generate

            generate = default_generate
        self.generate = generate
        #: How many times outputs were regenerated (for tests and stats).
        self.rounds = 0

    def run(self) -> None:
        changed: set[Path] = set()
        while not self.stop.is_set():
            plan = plan_for(self.config)
            events = self.source(plan, self.stop)
            try:
                restart = self._consume(plan, events, changed)
            finally:
                events.close()
            if not restart:
                return
            changed = {plan.config_file} if plan.config_file else set()

    def _consume(
        self, plan: Plan, events: Iterator[set[Path]], armed_changes: set[Path]
    ) -> bool:
        """Handle batches; True when the plan changed and watchers must be
        re-armed with the new one."""
        for batch in events:
            if not batch:
                self._regenerate(armed_changes)
                self._info(self._watching(plan))
                continue
            relevant = {p for p in batch if plan.relevant(p)}
            if not relevant:
                continue
            if plan.config_file in relevant:
                try:
                    config = self.reload()
                except ConfigError as exc:
                    # Mid-edit: say what is wrong, keep the last good
                    # configuration, and wait for the next save.
                    self._info(self._header(relevant))
                    self._problems(exc.diagnostics)
                    self._problem("typepact: configuration not reloaded")
                    continue
                self.config = config
                if plan_for(config) != plan:
                    return True
            self._regenerate(relevant)
        return False

    def _regenerate(self, changed: set[Path]) -> None:
        if changed:
            self._info(self._header(changed))
        try:
            result = self.generate(self.config, use_cache=True)
        except Exception as exc:  # a bug must not end the session
            self._problem(
                f"typepact: internal error: {type(exc).__name__}: {exc}\n"
                "  hint: this is a bug in typepact; please report it"
            )
            return
        self.rounds += 1
        self._problems(result.diagnostics)
        if not result.ok:
            self._problem("typepact: no files were written; waiting for changes")
            return
        for path in result.written:
            self._info(f"wrote {path}")
        self._info(
            f"typepact: {len(result.written)} written, "
            f"{len(result.unchanged)} unchanged"
        )

    def _header(self, changed: set[Path]) -> str:
        names = sorted(_shown(p, self.config.root) for p in changed)
        more = f" and {len(names) - 3} more" if len(names) > 3 else ""
        stamp = time.strftime("%H:%M:%S")
        return f"[{stamp}] changed: {', '.join(names[:3])}{more}"

    def _watching(self, plan: Plan) -> str:
        shown = [_shown(p, self.config.root) for p in plan.recursive]
        shown += [_shown(p, self.config.root) for p in sorted(plan.files)]
        return f"typepact: watching {', '.join(shown)} (Ctrl-C to stop)"

    def _problems(self, diagnostics: list[Diagnostic]) -> None:
        for line in text_lines(diagnostics, quiet=self.quiet):
            self._problem(line)

    def _info(self, line: str) -> None:
        if not self.quiet:
            self.echo(line, False)

    def _problem(self, line: str) -> None:
        self.echo(line, True)


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root.resolve()).as_posix() or "."
    except ValueError:
        return path.as_posix()


def merge_bursts(
    changes: queue.Queue[set[Path] | BaseException],
    stop: threading.Event,
    *,
    quiet: float,
    longest: float = 2.0,
    poll: float = 0.1,
) -> set[Path] | None:
    """Wait for a batch, then keep merging batches until none arrives for
    `quiet` seconds (or `longest` has passed, so a file rewritten in a
    loop still gets regenerated). None once `stop` is set. A watcher's
    exception is raised here, in the loop's thread."""
    while True:
        if stop.is_set():
            return None
        try:
            first = changes.get(timeout=poll)
        except queue.Empty:
            continue
        break
    merged: set[Path] = set()
    item: set[Path] | BaseException = first
    deadline = time.monotonic() + longest
    while True:
        if isinstance(item, BaseException):
            raise item
        merged |= item
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return merged
        try:
            item = changes.get(timeout=min(quiet, remaining))
        except queue.Empty:
            return merged


def watchfiles_source(
    plan: Plan, stop: threading.Event, *, quiet_ms: int = 200
) -> Iterator[set[Path]]:
    """Batches of changed paths from watchfiles (see the module docstring)."""
    import watchfiles  # only `typepact watch` pays for it

    changes: queue.Queue[set[Path] | BaseException] = queue.Queue()
    halt = threading.Event()  # ends this source's threads, not the session

    def pump(paths: tuple[Path, ...], recursive: bool, armed: threading.Event) -> None:
        try:
            for batch in watchfiles.watch(
                *paths,
                recursive=recursive,
                stop_event=halt,
                # The first timeout proves the watches are registered.
                rust_timeout=250,
                yield_on_timeout=True,
                raise_interrupt=False,
            ):
                armed.set()
                if batch:
                    changes.put({Path(raw) for _, raw in batch})
        except BaseException as exc:  # handed to the loop's thread
            changes.put(exc)
        finally:
            armed.set()

    watchers = []
    for paths, recursive in ((plan.recursive, True), (plan.flat, False)):
        if paths:
            armed = threading.Event()
            thread = threading.Thread(
                target=pump, args=(paths, recursive, armed), daemon=True
            )
            thread.start()
            watchers.append((thread, armed))
    try:
        for _, armed in watchers:
            while not armed.wait(0.1):
                if stop.is_set():
                    return
        yield set()
        while True:
            batch = merge_bursts(changes, stop, quiet=quiet_ms / 1000)
            if batch is None:
                return
            yield {p.resolve() for p in batch}
    finally:
        halt.set()
        # One deadline for all: Ctrl-C must end the command promptly even
        # if a watcher is slow to notice `halt`.
        deadline = time.monotonic() + 5
        for thread, _ in watchers:
            thread.join(timeout=max(deadline - time.monotonic(), 0))
