"""Parsing many source files: from the cache where possible, in parallel
when there is enough work to pay for the extra processes."""

from __future__ import annotations

import multiprocessing
from collections.abc import Collection, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING

from codegen.cache import Cache, hash_parts
from codegen.cores import usable_cores
from codegen.relevance import ModuleIndex, imported_modules, may_define_types
from codegen.sources import SourceFile

if TYPE_CHECKING:
    from codegen.frontends.python import ModuleSummary

#: Below this many files to parse, or with fewer cores than `MIN_WORKERS`,
#: worker processes cost more than they save. A file parses in ~3 ms
#: (CPython's parser: 100 files of 180 lines in 0.3-0.4 s), while a
#: worker's summary costs ~1 ms to pickle there and ~1 ms to unpickle here,
#: where no worker helps. Measured on 2 cores: 2 workers took 0.55 s for
#: those 100 files against 0.43 s in one process, and 4.3 s against 1.5 s
#: for 400. More workers split the parse further, but the unpickling stays:
#: by that arithmetic 4 to 8 workers win from a few hundred files on.
PARALLEL_THRESHOLD = 200
MIN_WORKERS = 4


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

    workers = jobs if jobs is not None else _auto_workers(len(sources))
    if workers <= 1:
        return [parse_module(source) for source in sources]
    # Fork shares the already-imported frontend with the workers, which is
    # most of their start-up cost; elsewhere the default method is used.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    chunk = max(1, len(sources) // (workers * 4))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return list(pool.map(parse_module, sources, chunksize=chunk))


def _auto_workers(count: int) -> int:
    """Workers for `count` files when the caller did not say (`jobs`)."""
    cores = min(usable_cores(), 8)
    if cores < MIN_WORKERS or count < PARALLEL_THRESHOLD:
        return 1
    return cores
