"""An Idempotency-Key replays its original response for 24 hours, and not after.

(Over HTTP, tests/server/test_access.py covers replay and the 409 for another body; the clock
is the server's, so the window is tested here, on the same functions, with a moved clock.)
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from synth_pools_server import idempotency
from synth_pools_server.store import Store

T0 = 1_800_000_000.0


def _ctx(body: dict[str, Any]) -> Any:
    url = SimpleNamespace(path="/v1/rollouts", query="")
    return SimpleNamespace(
        params={"Idempotency-Key": "key-1"},
        op=SimpleNamespace(method="POST"),
        request=SimpleNamespace(url=url),
        body=body,
        org="org_a",
    )


def test_replays_for_24_hours_then_forgets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(tmp_path)
    clock = {"now": T0}
    monkeypatch.setattr(idempotency.time, "time", lambda: clock["now"])
    idempotency.remember(store, _ctx({"a": 1}), 201, {"rollout_id": "ro_1"})

    clock["now"] = T0 + 24 * 3600 - 60
    replayed = idempotency.replay(store, _ctx({"a": 1}))
    assert replayed is not None and replayed.status_code == 201
    assert json.loads(bytes(replayed.body)) == {"rollout_id": "ro_1"}
    assert replayed.headers["Idempotent-Replayed"] == "true"

    clock["now"] = T0 + 24 * 3600 + 60
    assert idempotency.replay(store, _ctx({"a": 1})) is None  # a new request now
    assert idempotency.replay(store, _ctx({"a": 2})) is None  # and no 409 for another body either
