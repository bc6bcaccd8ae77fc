"""The parse and run cache: it saves time and never changes a result."""

from __future__ import annotations

import dataclasses
import json
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import msgspec
import pytest

import codegen
from codegen import parsing, pipeline
from codegen.cache import FORMAT, Cache
from codegen.frontends.python import parse_module
from codegen.frontends.python import summary as summary_codec
from tests.cli_support import make_project, snapshot, typepact
from tests.frontend.helpers import sources as source_files

GOLDEN = Path(__file__).resolve().parent.parent / "golden"

MODELS = {
    "models/catalog.py": """\
    from pydantic import BaseModel, Field


    class Product(BaseModel):
        sku: str = Field(min_length=3)
        price: float
    """,
    "models/orders.py": """\
    from pydantic import BaseModel

    from catalog import Product


    class Order(BaseModel):
        items: list[Product]
    """,
}


def _project(tmp_path: Path) -> codegen.Config:
    root = make_project(tmp_path, MODELS)
    return codegen.load_config(root / "pyproject.toml")


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []
    real = parsing._parse_many

    def spy(sources, jobs):  # type: ignore[no-untyped-def]
        parsed.extend(s.display_path for s in sources)
        return real(sources, jobs)

    monkeypatch.setattr(parsing, "_parse_many", spy)
    return parsed


def test_warm_run_parses_nothing_and_an_edit_parses_one_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _project(tmp_path)
    parsed = _count_parses(monkeypatch)
    cold = codegen.compile(config, use_cache=True)
    assert cold.ok and sorted(parsed) == ["models/catalog.py", "models/orders.py"]

    parsed.clear()
    warm = codegen.compile(config, use_cache=True)
    assert parsed == []
    assert warm.files == cold.files

    orders = config.root / "models/orders.py"
    orders.write_text(orders.read_text() + "    note: str | None = None\n")
    edited = codegen.compile(config, use_cache=True)
    assert parsed == ["models/orders.py"]
    assert edited.files == codegen.compile(config).files  # same as uncached
    assert "note" in edited.files["out/types.ts"]


def test_corrupt_and_foreign_entries_are_ignored(tmp_path: Path) -> None:
    config = _project(tmp_path)
    expected = codegen.compile(config).files
    codegen.compile(config, use_cache=True)
    cache_dir = config.root / ".typepact-cache"
    summaries = list(cache_dir.rglob("*.msgpack"))
    assert summaries
    for i, entry in enumerate(summaries):
        if i % 2:
            entry.write_bytes(b"\x00garbage{")
        else:
            found = msgspec.msgpack.decode(entry.read_bytes())
            found[1] = "someone else's key"
            entry.write_bytes(msgspec.msgpack.encode(found))
    (run,) = (cache_dir / "runs").glob("*.run")
    header, _, body = run.read_bytes().partition(b"\n")
    foreign = json.loads(header)
    foreign["keys"] = ["someone else's key"]
    run.write_bytes(json.dumps(foreign).encode() + b"\n" + body)
    assert codegen.compile(config, use_cache=True).files == expected
    # ...and the rebuilt entries are good again.
    assert codegen.compile(config, use_cache=True).files == expected


def _run_entry(config: codegen.Config) -> tuple[Path, dict, bytes]:  # type: ignore[type-arg]
    (run,) = (config.root / ".typepact-cache" / "runs").glob("*.run")
    header, _, body = run.read_bytes().partition(b"\n")
    return run, json.loads(header), body


def _as_text_lengths(header: dict, body: bytes) -> None:  # type: ignore[type-arg]
    header["files"] = [["out/types.ts", "12345"]]


def _with_negative_length(header: dict, body: bytes) -> None:  # type: ignore[type-arg]
    # Adds up to the stored text, yet would read the same text twice.
    (path, length), *rest = header["files"]
    header["files"] = [[path, length], ["out/again.ts", -length], [path, length]]
    header["files"] += rest


def _with_keys_as_text(header: dict, body: bytes) -> None:  # type: ignore[type-arg]
    header["keys"] = "".join(header["keys"])


@pytest.mark.parametrize(
    "tamper", [_as_text_lengths, _with_negative_length, _with_keys_as_text]
)
def test_a_tampered_run_entry_cannot_inject_output(
    tmp_path: Path, tamper: object
) -> None:
    config = _project(tmp_path)
    uncached = codegen.compile(config).files
    codegen.compile(config, use_cache=True)
    run, header, body = _run_entry(config)
    tamper(header, body)  # type: ignore[operator]
    run.write_bytes(json.dumps(header).encode() + b"\n" + body)
    assert Cache(config.root / ".typepact-cache").load_run(run.stem) is None
    assert codegen.compile(config, use_cache=True).files == uncached


@pytest.mark.parametrize("cut", [1, -1])
def test_a_run_entry_cut_short_or_padded_is_not_trusted(
    tmp_path: Path, cut: int
) -> None:
    """Lengths that do not add up to the text stored (a write cut short, a
    file edited) make the whole entry unusable, not a shifted output."""
    config = _project(tmp_path)
    uncached = codegen.compile(config).files
    codegen.compile(config, use_cache=True)
    run, header, body = _run_entry(config)
    body = body[:-1] if cut == 1 else body + b"x"
    run.write_bytes(json.dumps(header).encode() + b"\n" + body)
    assert Cache(config.root / ".typepact-cache").load_run(run.stem) is None
    assert codegen.compile(config, use_cache=True).files == uncached


def test_a_run_stored_under_two_keys_is_written_once(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    files = {"out/a.ts": "export type A = string;\n", "out/é.txt": "naïve\n"}
    cache.store_run(["k1", "k2"], files, [])
    first, second = tmp_path / "runs" / "k1.run", tmp_path / "runs" / "k2.run"
    assert first.stat().st_ino == second.stat().st_ino  # a hard link
    assert cache.load_run("k1") == cache.load_run("k2") == (files, [])
    assert cache.load_run("k3") is None
    assert sorted(p.name for p in (tmp_path / "runs").iterdir()) == [
        "k1.run",
        "k2.run",
    ]


_GOOD = ["ModuleSummary", "app.m", "app/m.py", False, [], [], [], None, []]


@pytest.mark.parametrize(
    "data",
    [
        ["Popen", "id"],  # not a summary class
        ["Name", "x", 1],  # a summary class, too few field values
        ["Name", "x", "1", 1],  # a value of the wrong type
        {"$": "Popen", "args": "id"},  # an object where none belongs
        [],  # no tag
        [*_GOOD[:4], [["Import", "os", 0, None, None, 1, 1.5]], *_GOOD[5:]],
        [*_GOOD[:4], [["Name", "os", 1, 1]], *_GOOD[5:]],  # a Name for an Import
    ],
)
def test_summaries_never_decode_arbitrary_classes(tmp_path: Path, data: object) -> None:
    cache = Cache(tmp_path)
    key = "ab" + "0" * 62
    path = tmp_path / "parse" / "ab" / f"{key}.msgpack"
    path.parent.mkdir(parents=True)
    path.write_bytes(msgspec.msgpack.encode([FORMAT, key, _GOOD]))
    assert cache.load_summary(key) is not None  # the well-formed entry loads
    path.write_bytes(msgspec.msgpack.encode([FORMAT, key, data]))
    assert cache.load_summary(key) is None


def test_a_summary_the_cache_cannot_hold_is_skipped(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.store_summary("ab" + "1" * 62, {"unexpected": object()})
    huge = summary_codec.ModuleSummary(
        module="m", display_path="m.py", is_package=False, all_names=(str(10**30),)
    )
    cache.store_summary("ab" + "2" * 62, huge)  # holds: a string
    for digit, text in [
        ("3", "BIG = 10000000000000000000000000000\n"),
        ("4", 'S = "\\ud800"\n'),
    ]:
        (odd_source,) = source_files({"app/m.py": text})
        # An int beyond 64 bits; a string with a lone surrogate.
        cache.store_summary("ab" + digit * 62, parse_module(odd_source))
    stored = sorted(p.name[:4] for p in (tmp_path / "parse").rglob("*.msgpack"))
    assert stored == ["ab22"]


def test_summaries_round_trip_through_the_cache(tmp_path: Path) -> None:
    config = _project(tmp_path)
    sources, _ = pipeline._read_sources(config)
    parsed = parsing.parse_sources(sources, None)
    cache = Cache(tmp_path / "cache")
    for source, summary in zip(sources, parsed, strict=True):
        cache.store_summary(parsing.summary_key(source), summary)
    loaded = [cache.load_summary(parsing.summary_key(s)) for s in sources]
    assert loaded == parsed


def test_concurrent_runs_share_the_cache_safely(tmp_path: Path) -> None:
    config = _project(tmp_path)
    expected = codegen.compile(config).files
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(
            pool.map(lambda _: codegen.compile(config, use_cache=True), range(8))
        )
    assert all(r.files == expected for r in results)
    assert not list((config.root / ".typepact-cache").rglob("*.tmp"))


def test_two_processes_at_once(tmp_path: Path) -> None:
    root = make_project(tmp_path, MODELS)
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(pool.map(lambda _: typepact(root, "generate", "-q"), range(2)))
    assert [r.code for r in runs] == [0, 0], [r.stderr for r in runs]
    assert typepact(root, "check").code == 0


def test_cache_can_be_disabled_and_moved(tmp_path: Path) -> None:
    root = make_project(tmp_path, MODELS)
    assert typepact(root, "generate", "--no-cache").code == 0
    assert not (root / ".typepact-cache").exists()
    assert typepact(root, "check", "--cache-dir", "elsewhere").code == 0
    assert (root / "elsewhere" / "runs").is_dir()
    assert (root / "elsewhere" / ".gitignore").read_text().strip().endswith("*")

    config = (root / "pyproject.toml").read_text()
    (root / "pyproject.toml").write_text(
        config.replace('sources = ["models"]', 'sources = ["models"]\ncache = false')
    )
    shutil.rmtree(root / "elsewhere")
    before = snapshot(root)
    assert typepact(root, "check").code == 0
    assert snapshot(root) == before
    assert not (root / ".typepact-cache").exists()
    assert not (root / "elsewhere").exists()


def _golden_sources() -> list[codegen.sources.SourceFile]:
    """Every golden case's input files, as one list of sources."""
    sources = []
    for config_path in sorted(GOLDEN.glob("*/pyproject.toml")):
        found, _ = pipeline._read_sources(codegen.load_config(config_path))
        sources += [
            dataclasses.replace(
                s, display_path=f"{config_path.parent.name}/{s.display_path}"
            )
            for s in found
        ]
    return sources


@pytest.mark.parametrize("jobs", [2, 3])
def test_parallel_parse_gives_the_same_summaries(jobs: int) -> None:
    """Every golden input (every kind of summary node, unsupported syntax
    and broken files included) comes back from forked processes equal to
    what one process parses, and through the cache's encoding too."""
    sources = _golden_sources()
    assert len(sources) > 30
    serial = parsing.parse_sources(sources, None, jobs=1, select=False)
    parallel = parsing.parse_sources(sources, None, jobs=jobs, select=False)
    assert serial == parallel
    packed = summary_codec.unpack_summaries(summary_codec.pack_summaries(serial))
    assert packed == serial
    as_cached = summary_codec.decode(
        summary_codec.encode(serial), list[summary_codec.ModuleSummary]
    )
    assert as_cached == serial


def test_many_parse_results_are_stored_in_the_background(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From BACKGROUND_ENTRIES parse results a forked child stores them while
    the run goes on; by the time compile returns every entry is written,
    and the next run with one file edited parses that file alone."""
    from codegen import cache as cache_module

    count = cache_module.BACKGROUND_ENTRIES + 5
    models = {
        f"models/m{i:02}.py": f"from pydantic import BaseModel\n\n\n"
        f"class Model{i}(BaseModel):\n    value: int\n"
        for i in range(count)
    }
    root = make_project(tmp_path, models)
    config = codegen.load_config(root / "pyproject.toml")
    forks: list[int] = []
    real_store = Cache.store_summaries

    def spy(self: Cache, entries: list) -> None:  # type: ignore[type-arg]
        real_store(self, entries)
        forks.extend(self._children)

    monkeypatch.setattr(Cache, "store_summaries", spy)
    cold = codegen.compile(config, use_cache=True)
    assert cold.ok and len(forks) == 1  # it did go to a child
    assert len(list((root / ".typepact-cache" / "parse").rglob("*.msgpack"))) == count

    parsed = _count_parses(monkeypatch)
    edited = root / "models" / "m03.py"
    edited.write_text(edited.read_text() + "    note: str = ''\n")
    warm = codegen.compile(config, use_cache=True)
    assert parsed == ["models/m03.py"]
    assert warm.files == codegen.compile(config).files


def test_a_literal_beyond_64_bits_still_comes_back_from_a_worker() -> None:
    # msgpack, which carries summaries from a forked parser, holds 64-bit
    # integers; a batch with a bigger literal travels pickled instead.
    for odd in [f"{10**30}", '"\\udcff"']:  # beyond 64 bits; a lone surrogate
        files = {
            f"app/m{i}.py": f"from pydantic import BaseModel\nclass M{i}(BaseModel):\n"
            f"    a: int = {odd}\n    b: bytes = b'x{i}'\n"
            for i in range(4)
        }
        found = source_files(files)
        serial = parsing.parse_sources(found, None, jobs=1, select=False)
        assert serial == parsing.parse_sources(found, None, jobs=2, select=False)
        packed = summary_codec.pack_summaries(serial)
        assert packed[:1] == b"P"
        assert summary_codec.unpack_summaries(packed) == serial


def test_a_summary_too_deep_to_send_back_is_parsed_here(tmp_path: Path) -> None:
    # A `|` chain of 1,500 types converts (it is read as a loop) but nests
    # too deeply for any encoding: the share is parsed in this process, and
    # resolving reports the type as too deep instead of the run failing.
    chain = " | ".join(f"Literal[{i}]" for i in range(1500))
    files = {
        f"app/m{i}.py": "from typing import Literal\nfrom pydantic import BaseModel\n"
        f"class M{i}(BaseModel):\n    a: {chain}\n"
        for i in range(4)
    }
    found = source_files(files)
    serial = parsing.parse_sources(found, None, jobs=1, select=False)
    parallel = parsing.parse_sources(found, None, jobs=2, select=False)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(20_000)  # comparing them recurses as deeply
    try:
        assert parallel == serial
    finally:
        sys.setrecursionlimit(limit)
    cache = Cache(tmp_path)
    cache.store_summary("ab" + "5" * 62, serial[0])  # skipped, not a crash
    assert cache.load_summary("ab" + "5" * 62) is None
