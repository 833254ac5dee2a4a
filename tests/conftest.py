"""Shared fixtures: one local backend for the whole session, and a fresh one on demand."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.backend import LocalBackend, start_backend


@pytest.fixture(scope="session")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalBackend]:
    with start_backend(tmp_path_factory.mktemp("backend")) as b:
        yield b


@pytest.fixture
def fresh_backend(tmp_path: Path) -> Iterator[LocalBackend]:
    with start_backend(tmp_path) as b:
        yield b
