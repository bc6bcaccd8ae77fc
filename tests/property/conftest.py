"""Hypothesis profiles for the property tests, and the report hooks.

Profiles (select with TYPEPACT_HYPOTHESIS_PROFILE; default `ci`):

- `ci`: bounded so the whole property run stays well under three minutes
  on a two-core machine.
- `deep`: for long runs; each test runs rounds of `max_examples` (fresh
  random examples, saved failures replayed first) until its share of
  TYPEPACT_DEEP_MINUTES (default 20) is used.

`deadline=None` in both: an example compiles a package and runs Node, so
its time depends on the machine, not on the code under test.
`too_slow` and `data_too_large` are suppressed: examples are whole
packages, slow to generate by design.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from tests.property.report import TALLY

PROFILE_ENV = "TYPEPACT_HYPOTHESIS_PROFILE"

_SUPPRESS = [HealthCheck.too_slow, HealthCheck.data_too_large]

# `ci` is derandomized and keeps no database, so every CI run checks the
# same examples and a submission never fails on a new example it did not
# cause; `deep` explores (and remembers what it found).
settings.register_profile(
    "ci",
    max_examples=40,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=_SUPPRESS,
    print_blob=True,
)
settings.register_profile(
    "deep",
    # One round: short enough that the last one barely overshoots the budget.
    max_examples=25,
    deadline=None,
    suppress_health_check=_SUPPRESS,
    print_blob=True,
)

PROFILE = os.environ.get(PROFILE_ENV, "ci")
if PROFILE not in ("ci", "deep"):
    raise pytest.UsageError(f"{PROFILE_ENV} must be ci or deep, not {PROFILE!r}")
TALLY.profile = PROFILE


def profile_settings() -> settings:
    """The selected profile, applied per test (not loaded globally, so the
    rest of the suite keeps its own hypothesis settings)."""
    return settings.get_profile(PROFILE)


def pytest_sessionfinish(session: pytest.Session) -> None:
    if TALLY.empty():
        return
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    TALLY.write(worker)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if TALLY.empty():
        return
    terminalreporter.section("typepact property report")
    terminalreporter.write_line(TALLY.as_text())
