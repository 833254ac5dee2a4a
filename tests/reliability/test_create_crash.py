"""A create and its idempotency record commit together: kill -9 between the two steps, then retry
with the same Idempotency-Key, and there is exactly one rollout (and one pool, one task).

The backend kills itself (SIGKILL) at the crash point ``between_create_and_idempotency_record``
(``synth_pools_server.faults``); the retry goes to the restarted backend on the same data dir.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from synth_pools_server.faults import ENV_VAR
from synth_pools_server.launcher import start_backend
from tests.server.helpers import command_task, rollout_body


def _post(backend: object, path: str, body: dict[str, object], key: str) -> httpx.Response:
    with httpx.Client(base_url=backend.base_url, headers=backend.headers(), timeout=30) as c:  # type: ignore[attr-defined]
        return c.post(path, json=body, headers={"Idempotency-Key": key})


def test_kill_between_a_create_and_its_idempotency_record_leaves_no_second_rollout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backend = start_backend(tmp_path / "data")
    try:
        with httpx.Client(base_url=backend.base_url, headers=backend.headers(), timeout=30) as c:
            pool = {"pool_id": "crash-pool", "pool_type": "sandbox", "tasks": [command_task("true")]}
            assert c.post("/v1/pools", json=pool).status_code == 200
        backend.stop()
        monkeypatch.setenv(ENV_VAR, "between_create_and_idempotency_record")
        backend.start()
        request = rollout_body("crash-pool")
        with pytest.raises(httpx.TransportError):  # the backend died answering
            _post(backend, "/v1/rollouts", request, "idem-crash-1")
        backend.proc.wait(10)  # type: ignore[union-attr]
        assert backend.proc.returncode == -9  # type: ignore[union-attr]
        monkeypatch.delenv(ENV_VAR)
        backend.start()
        retried = _post(backend, "/v1/rollouts", request, "idem-crash-1")
        assert retried.status_code == 200, retried.text
        again = _post(backend, "/v1/rollouts", request, "idem-crash-1")
        assert again.headers.get("Idempotent-Replayed") == "true"
        assert again.json()["rollout_id"] == retried.json()["rollout_id"]
        with httpx.Client(base_url=backend.base_url, headers=backend.headers(), timeout=30) as c:
            listed = c.get("/v1/rollouts", params={"pool_id": "crash-pool"}).json()["rollouts"]
        assert [r["rollout_id"] for r in listed] == [retried.json()["rollout_id"]], "a second rollout"
    finally:
        backend.stop()
