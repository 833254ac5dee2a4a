"""Shared fixtures: one local backend for the whole session, a fresh one on demand, and a recording
proxy in front of the session's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.backend import LocalBackend, start_backend
from tests.support.faultproxy import FaultProxy


@pytest.fixture(scope="session")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalBackend]:
    with start_backend(tmp_path_factory.mktemp("backend")) as b:
        yield b


@pytest.fixture
def fresh_backend(tmp_path: Path) -> Iterator[LocalBackend]:
    with start_backend(tmp_path) as b:
        yield b


@pytest.fixture
def proxy(backend: LocalBackend) -> Iterator[FaultProxy]:
    """The session backend behind a proxy that passes every request through and records it
    (``proxy.seen``: method, path, headers, body); point a client at ``proxy.url``."""
    with FaultProxy(backend.base_url) as started:
        yield started
