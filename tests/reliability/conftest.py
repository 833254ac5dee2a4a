"""Long variants of the proof suites run only when asked; every suite records its figures.

Long variants carry ``@pytest.mark.slow`` and run when ``SYNTH_POOLS_LONG=1`` is set (or when
``--runslow`` is available, see below); the short variants always run in the normal ``pytest``.

``--runslow`` is registered here too, but pytest only reads options from conftest files it loads
before parsing the command line (the rootdir's and ``tests/``'s), so from this folder it takes
effect only when pytest is pointed at ``tests/reliability`` or ``tests/contract`` directly.

Figures (events sent/received, rollouts found, delays...) go to the JSON file named by
``SYNTH_POOLS_RESULTS`` when set; ``scripts/reliability_report.py`` prints them as a table.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

import pytest

from tests.reliability._results import long_enabled, record

__all__ = ["record"]


def pytest_addoption(parser: pytest.Parser) -> None:
    # ValueError: already registered by another conftest
    with contextlib.suppress(ValueError):
        parser.addoption("--runslow", action="store_true", default=False, help="run the long proof suites")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if long_enabled(config):
        return
    skip = pytest.mark.skip(reason="long variant: set SYNTH_POOLS_LONG=1 (make reliability)")
    for item in items:
        if "slow" in item.keywords and (
            "/tests/reliability/" in str(item.path) or "/tests/contract/" in str(item.path)
        ):
            item.add_marker(skip)


@pytest.fixture
def figures() -> Callable[..., None]:
    """``figures("R1", sent=..., received=...)`` stores one row of the reliability table."""

    def put(name: str, **values: Any) -> None:
        record(name, **values)

    return put
