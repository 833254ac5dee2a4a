"""What the batch tests share: a pool of one command task with a verifier on the local backend, and its requests."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

# the verifier's reward depends on metadata.seed (SYNTH_SEED), so rows differ; the local backend
# gives a reward only when a verifier ran (its simulated runs carry none)
SEED_VERIFIER = "printf '0.%02d\\n' $(( (${SYNTH_SEED:-0} * 37) % 100 ))"


def make_pool(c: httpx.Client, *, concurrency: int = 16, command: str | None = None) -> str:
    """A pool with one task: ``command`` (default ``true``) and a verifier whose reward derives
    from the request's metadata.seed."""
    pool_id = f"batch-{uuid.uuid4().hex[:10]}"
    task: dict[str, Any] = {
        "task_id": "t",
        "backend": "local",
        "run": {"command": command or "true", "verifier": SEED_VERIFIER},
    }
    r = c.post(
        "/v1/pools",
        json={"pool_id": pool_id, "pool_type": "sandbox", "concurrency": concurrency, "tasks": [task]},
    )
    assert r.status_code == 200, r.text
    return pool_id


def requests_for(pool_id: str, n: int, **metadata: Any) -> list[dict[str, Any]]:
    return [
        {
            "pool_id": pool_id,
            "task_ref": {"dataset": "batch", "task_id": "t"},
            "agent": {"harness": "codex"},
            "task_app_url": "http://127.0.0.1:1/unused",
            "timeouts": {"agent_sec": 120},
            "metadata": {"seed": i, **metadata},
        }
        for i in range(n)
    ]


def backend_rollouts(c: httpx.Client, pool_id: str) -> list[dict[str, Any]]:
    """Every rollout of the pool, read straight from the backend (all pages)."""
    out: list[dict[str, Any]] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"pool_id": pool_id, "limit": 500}
        if cursor:
            params["cursor"] = cursor
        page = c.get("/v1/rollouts", params=params).json()
        out.extend(page["rollouts"])
        cursor = page.get("next_cursor")
        if not cursor or not page["rollouts"]:
            return out


def backend_events(c: httpx.Client, rollout_id: str) -> list[dict[str, Any]]:
    """A finished rollout's stored events, read directly (no SDK) as JSON pages of 1,000 after
    ``after_sequence``, heartbeats left out."""
    out: list[dict[str, Any]] = []
    after = 0
    while True:
        params = {"format": "json", "after_sequence": after, "limit": 1000}
        r = c.get(f"/v1/rollouts/{rollout_id}/events", params=params, timeout=60)
        assert r.status_code == 200, r.text
        page = r.json()
        fresh = [e for e in page["events"] if e.get("event") != "heartbeat" and e["seq"] > after]
        out.extend(fresh)
        if page.get("next_cursor") is None or not fresh:
            return out
        after = fresh[-1]["seq"]
