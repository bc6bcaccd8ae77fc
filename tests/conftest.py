"""Shared pytest options and fixtures. Keep this small: helpers live in
tests/*_support.py and tests/node_validator.py."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

import pytest

from tests.node_validator import (
    SKIP_ENV,
    NodeUnavailable,
    NodeValidator,
    ensure_node_packages,
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite golden/*/expected/ from the current output instead of "
        "comparing with it (and delete expected files no longer produced)",
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session", autouse=True)
def _install_node_packages() -> None:
    """Many tests (emitters, golden, OpenAPI, protobuf) run tsc, zod,
    redocly or buf, and a clean clone has none: install them once, first.
    Without Node, the tests that need it fail (or skip, through
    `node_packages`) on their own."""
    with contextlib.suppress(NodeUnavailable):
        ensure_node_packages()


@pytest.fixture(scope="session")
def node_packages() -> None:
    """The pinned Node packages in tests/node/node_modules, installed with
    `npm ci` once if missing. Fails when Node is missing, unless
    TYPEPACT_SKIP_NODE=1 asks to skip."""
    try:
        ensure_node_packages()
    except NodeUnavailable as exc:
        if os.environ.get(SKIP_ENV) == "1":
            pytest.skip(f"{SKIP_ENV}=1: {exc}")
        raise


@pytest.fixture(scope="session")
def node_validator(node_packages: None) -> Iterator[NodeValidator]:
    """One Node process for the whole session (per xdist worker)."""
    with NodeValidator() as validator:
        validator.ping()
        yield validator
