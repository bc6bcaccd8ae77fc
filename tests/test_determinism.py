"""The same input gives byte-identical output whatever the hash seed and
the order in which files are found."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from tests.cli_support import typepact

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
QUICKSTART = Path(__file__).resolve().parent.parent / "examples" / "quickstart"


def _outputs(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted((root / "web").rglob("*"))
        if p.is_file()
    }


def _copy_shuffled(source: Path, dest: Path, seed: int) -> None:
    """Copy a project, creating its files in a shuffled order so directory
    listing order differs between the copies."""
    files = [p for p in source.rglob("*") if p.is_file() and "web" not in p.parts]
    files = [p for p in files if "__pycache__" not in p.parts]
    random.Random(seed).shuffle(files)
    for path in files:
        target = dest / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


def test_output_is_byte_identical_across_seeds_and_file_order(tmp_path: Path) -> None:
    results = []
    for seed, hash_seed in [(1, "0"), (2, "12345"), (3, "random")]:
        root = tmp_path / f"run{seed}"
        _copy_shuffled(QUICKSTART, root, seed)
        run = typepact(root, "generate", "-q", env={"PYTHONHASHSEED": hash_seed})
        assert run.code == 0, run.stderr
        results.append(_outputs(root))
    assert results[0], "nothing was generated"
    assert results[0] == results[1] == results[2]
    # And identical to the committed contracts.
    assert results[0] == _outputs(QUICKSTART)
