"""Parsing many source files: from the cache where possible, in parallel
when there is enough work to pay for the extra processes."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from codegen.cache import Cache, hash_parts
from codegen.cores import usable_cores
from codegen.forking import WorkerError, fork_map
from codegen.relevance import ModuleIndex, imported_modules, may_define_types
from codegen.sources import SourceFile

if TYPE_CHECKING:
    from codegen.frontends.python import ModuleSummary

#: From this many files to parse a second process pays. A file parses in
#: ~3 ms (100 files of 180 lines in 0.3 s); a summary parsed in a child
#: costs ~0.05 ms to encode there and ~0.1 ms to decode here
#: (`pack_summaries`), and a fork a few ms. This process parses a share
#: too, so on two cores 100 files took 0.21-0.27 s against 0.25-0.33 s in
#: one process, measured alternately on a shared machine.
PARALLEL_FILES = 24


def summary_key(source: SourceFile) -> str:
    return hash_parts(
        [
            "parse",
            source.display_path,
            source.module,
            str(source.is_package),
            source.text,
        ]
    )


def parse_sources(
    sources: Sequence[SourceFile],
    cache: Cache | None,
    jobs: int | None = None,
    *,
    keep: Collection[str] = (),
    select: bool = True,
) -> list[ModuleSummary]:
    """Summaries of the sources that matter, in the order given: with
    `select`, those that may define a contract type, the modules named in
    `keep`, and every source module they import, transitively
    (codegen/relevance.py); otherwise all. `jobs` worker processes parse
    them (one: this process); by default, as many as pay off."""
    positions: dict[str, list[int]] = {}
    for i, source in enumerate(sources):
        positions.setdefault(source.module, []).append(i)
    wanted = [
        i
        for i, source in enumerate(sources)
        if not select or source.module in keep or may_define_types(source.text)
    ]
    index = ModuleIndex(positions)
    summaries: dict[int, ModuleSummary] = {}
    parsed: list[tuple[str, ModuleSummary]] = []
    while wanted:
        found = _summaries([sources[i] for i in wanted], wanted, cache, jobs, parsed)
        summaries.update(found)
        imported: set[str] = set()
        for i in wanted:
            imported |= imported_modules(summaries[i], index)
        wanted = sorted(i for m in imported for i in positions[m] if i not in summaries)
    if cache and parsed:
        cache.store_summaries(parsed)
    return [summaries[i] for i in sorted(summaries)]


def _summaries(
    sources: list[SourceFile],
    positions: list[int],
    cache: Cache | None,
    jobs: int | None,
    parsed: list[tuple[str, ModuleSummary]],
) -> dict[int, ModuleSummary]:
    """position -> summary, from the cache where possible; what had to be
    parsed is added to `parsed` as (cache key, summary)."""
    found: dict[int, ModuleSummary] = {}
    keys = [summary_key(s) for s in sources] if cache else []
    todo: list[int] = []
    for k, position in enumerate(positions):
        hit = cache.load_summary(keys[k]) if cache else None
        if hit is not None:
            found[position] = hit
        else:
            todo.append(k)
    if todo:
        new = _parse_many([sources[k] for k in todo], jobs)
        for k, summary in zip(todo, new, strict=True):
            found[positions[k]] = summary
            if cache:
                parsed.append((keys[k], summary))
    return found


def _parse_many(sources: list[SourceFile], jobs: int | None) -> list[ModuleSummary]:
    from codegen.frontends.python import parse_module
    from codegen.frontends.python.summary import pack_summaries, unpack_summaries

    try:
        return fork_map(
            parse_module,
            sources,
            _workers(len(sources), jobs),
            pack=pack_summaries,
            unpack=unpack_summaries,
        )
    except (WorkerError, RecursionError):
        # A share that could not come back (a summary nested too deeply to
        # encode, say: a `|` chain of a thousand types) is parsed here. That
        # gives what one process gives, or the real error, raised here.
        return [parse_module(source) for source in sources]


def _workers(count: int, jobs: int | None) -> int:
    """Processes to parse `count` files: `jobs` if the caller said, else
    every usable core (up to 8) once there is enough work."""
    if jobs is not None:
        return jobs
    if count < PARALLEL_FILES:
        return 1
    return min(usable_cores(), 8)
