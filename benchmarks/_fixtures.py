"""Setting up the local backend for a benchmark with plain httpx (never the SDK under test).

``Bench`` holds one started backend, its URL and key, and a setup client; ``rollout`` creates a
rollout of a command task and ``wait`` polls it to a terminal status.
"""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any

import httpx

from synth_pools_server.launcher import LocalBackend, start_backend

__all__ = ["TERMINAL", "Bench", "rollout_body"]

TERMINAL = frozenset({"succeeded", "failed", "cancelled", "error", "completed", "timed_out"})


def rollout_body(pool_id: str, task_id: str) -> dict[str, Any]:
    return {
        "task_ref": {"dataset": "bench", "task_id": task_id},
        "agent": {"harness": "claude-code"},
        "task_app_url": "http://127.0.0.1:1/unused",
        "timeouts": {"agent_sec": 600},
        "pool_id": pool_id,
    }


class Bench:
    """A started backend plus a setup client; close() stops the backend (by its PID only)."""

    def __init__(self, data_dir: Path, extra_args: tuple[str, ...] = ()) -> None:
        self.backend: LocalBackend = start_backend(data_dir, extra_args=extra_args)
        self.base_url = self.backend.base_url
        self.api_key = self.backend.api_key
        self.headers = self.backend.headers()
        self.http = httpx.Client(base_url=self.base_url, headers=self.headers, timeout=120.0)

    def close(self) -> None:
        self.http.close()
        self.backend.stop()

    def __enter__(self) -> Bench:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _ok(self, response: httpx.Response) -> Any:
        if response.status_code >= 400:
            raise RuntimeError(
                f"{response.request.method} {response.request.url.path}: {response.status_code} {response.text[:300]}"
            )
        return response.json() if response.content else None

    def pool(self, concurrency: int) -> str:
        pool_id = f"bench-{uuid.uuid4().hex[:8]}"
        body = {"pool_id": pool_id, "pool_type": "sandbox", "concurrency": concurrency}
        self._ok(self.http.post("/v1/pools", json=body))
        return pool_id

    def task(self, pool_id: str, command: str) -> str:
        task_id = f"t-{uuid.uuid4().hex[:8]}"
        body = {"task_id": task_id, "backend": "local", "run": {"command": command}}
        self._ok(self.http.post(f"/v1/pools/{pool_id}/tasks", json=body))
        return task_id

    def rollout(self, pool_id: str, task_id: str) -> str:
        doc = self._ok(self.http.post("/v1/rollouts", json=rollout_body(pool_id, task_id)))
        rollout_id: str = doc["rollout_id"]
        return rollout_id

    def wait(self, rollout_id: str, timeout: float = 300.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while True:
            doc: dict[str, Any] = self._ok(self.http.get(f"/v1/rollouts/{rollout_id}"))
            if doc.get("status") in TERMINAL:
                if doc["status"] not in ("completed", "succeeded"):
                    raise RuntimeError(
                        f"setup rollout {rollout_id} ended {doc['status']}: {doc.get('status_reason')}"
                    )
                return doc
            if time.monotonic() > deadline:
                raise RuntimeError(f"setup rollout {rollout_id} still {doc.get('status')} after {timeout}s")
            time.sleep(0.2)

    def finished_rollout(self, command: str) -> str:
        """A rollout of `command` that has already succeeded (its events and artifacts are stored)."""
        pool_id = self.pool(4)
        rollout_id = self.rollout(pool_id, self.task(pool_id, command))
        self.wait(rollout_id)
        return rollout_id
