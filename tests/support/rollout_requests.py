"""Rollout request bodies the end-to-end tests send (a codex agent on a pool's task)."""

from __future__ import annotations

from typing import Any

import synth_pools as sp


def rollout_request(pool_id: str, task_id: str, *, dataset: str = "e2e", **extra: Any) -> dict[str, Any]:
    return {
        "task_ref": {"dataset": dataset, "task_id": task_id},
        "agent": sp.AgentSpec.codex().model_dump(exclude_none=True),
        "task_app_url": "https://task-app.example.com",
        "timeouts": {"agent_sec": 60},
        "pool_id": pool_id,
        **extra,
    }
