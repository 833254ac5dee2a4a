"""Figures of the proof suites: appended as JSON lines to ``$SYNTH_POOLS_RESULTS`` when it is set."""

from __future__ import annotations

import json
import os
import threading
from typing import Any

import pytest

_lock = threading.Lock()


def long_enabled(config: pytest.Config | None = None) -> bool:
    if os.environ.get("SYNTH_POOLS_LONG", "") not in ("", "0"):
        return True
    if config is None:
        return False
    try:
        return bool(config.getoption("--runslow"))
    except ValueError:
        return False


def record(name: str, **values: Any) -> None:
    path = os.environ.get("SYNTH_POOLS_RESULTS")
    if not path:
        return
    with _lock, open(path, "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"name": name, **values}, default=str) + "\n")
