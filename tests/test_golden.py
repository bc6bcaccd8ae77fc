"""Golden tests: every case's generated output equals its expected files.

One test per (case, target), plus one per case for its diagnostics and one
for files that are no longer produced. `pytest tests/test_golden.py
--update-golden -k CASE` rewrites the expected files; review the diff.
"""

from __future__ import annotations

import pytest

from tests.golden_support import (
    DIAGNOSTICS_FILE,
    GoldenCase,
    compare_or_update,
    compile_case,
    discover_cases,
    expected_files_on_disk,
    ok_cases,
)

CASES = discover_cases()


def _target_params() -> list[object]:
    return [
        pytest.param(case, target, out, id=f"{case.name}-{target}")
        for case in ok_cases()
        for target, out in case.targets().items()
    ]


def test_there_are_golden_cases() -> None:
    assert len(ok_cases()) >= 15
    assert any(case.expects_errors for case in CASES)


@pytest.mark.parametrize(("case", "target", "out"), _target_params())
def test_target_output(
    case: GoldenCase, target: str, out: str, update_golden: bool
) -> None:
    output = compile_case(case)
    if output.error_count:
        pytest.fail(
            f"golden/{case.name} does not compile ({output.error_count} errors):\n"
            + output.files.get(DIAGNOSTICS_FILE, "")
        )
    # `out` is a file for most targets and a folder for protobuf.
    mine = sorted(
        rel for rel in output.files if rel == out or rel.startswith(out + "/")
    )
    if not mine:
        pytest.fail(
            f"target {target} produced no {out}; it produced {sorted(output.files)}"
        )
    failures = [
        compare_or_update(case, rel, output.files[rel], update_golden) for rel in mine
    ]
    failures = [f for f in failures if f]
    if failures:
        pytest.fail("\n\n".join(failures), pytrace=False)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_diagnostics(case: GoldenCase, update_golden: bool) -> None:
    """Error cases record their diagnostics; a good case must have none
    unless its expected/diagnostics.txt says which warnings are expected."""
    output = compile_case(case)
    if case.expects_errors:
        assert output.error_count > 0, f"golden/{case.name} compiled without errors"
        produced = {rel for rel in output.files if rel != DIAGNOSTICS_FILE}
        assert not produced, f"outputs offered despite errors: {sorted(produced)}"
    failure = compare_or_update(
        case, DIAGNOSTICS_FILE, output.files.get(DIAGNOSTICS_FILE), update_golden
    )
    if failure:
        pytest.fail(failure, pytrace=False)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_no_stale_expected_files(case: GoldenCase, update_golden: bool) -> None:
    """An expected file nothing produces any more is an error, not clutter."""
    output = compile_case(case)
    produced = set(output.files)
    if not case.expects_errors:
        produced |= {
            out for out in case.targets().values() if not (case.root / out).is_dir()
        }
    stale = sorted(expected_files_on_disk(case) - produced)
    if update_golden:
        for rel in stale:
            (case.root / rel).unlink()
        return
    assert not stale, (
        f"golden/{case.name} holds expected files that are no longer generated: "
        f"{stale}\nRemove them with:\n  {case.regenerate_command()}"
    )
