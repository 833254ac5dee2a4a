"""Helpers that let one async test body drive the sync and the async client alike."""

from __future__ import annotations

import inspect
import uuid
from collections.abc import AsyncIterator, Iterator
from typing import Any

from synth_pools.pools import AsyncContainerPoolsClient, ContainerPoolsClient

AnyClient = ContainerPoolsClient | AsyncContainerPoolsClient

# Our namespace design (the document names the namespaces, not their methods): each
# namespace method is a thin alias of one documented client method.
NAMESPACE_METHODS: dict[str, dict[str, str]] = {
    "rollouts": {
        "create": "create_rollout",
        "get": "get_rollout",
        "list": "list_rollouts",
        "cancel": "cancel_rollout",
        "artifacts": "get_rollout_artifacts",
        "usage": "get_rollout_usage",
        "summary": "get_rollout_summary",
        "events": "stream_rollout_events",
    },
    "agent_rollouts": {
        "create": "create_global_rollout",
        "get": "get_global_rollout",
        "list": "list_global_rollouts",
        "cancel": "cancel_global_rollout",
        "artifacts": "get_global_rollout_artifacts",
        "usage": "get_global_rollout_usage",
        "summary": "get_global_rollout_summary",
        "events": "stream_global_rollout_events",
    },
    "tasks": {
        "list": "list_tasks",
        "create": "create_task",
        "update": "update_task",
        "patch": "patch_task",
        "delete": "delete_task",
    },
    "metrics": {"get": "get_pool_metrics"},
}

# A task the local backend executes: two stdout lines become agent events, result.txt an
# artifact, and the verifier's last line the reward.
RUN_TASK: dict[str, Any] = {
    "backend": "local",
    "run": {"command": "echo hello; echo world > result.txt", "verifier": "echo 0.75"},
}
SLOW_TASK: dict[str, Any] = {"backend": "local", "run": {"command": "sleep 60"}}


def unique(prefix: str) -> str:
    # the session backend is shared with other suites: never reuse an id
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


async def call(result: Any) -> Any:
    """The value of a sync call, or of an awaited async one."""
    if inspect.isawaitable(result):
        return await result
    return result


async def collect(stream: Iterator[Any] | AsyncIterator[Any]) -> list[Any]:
    if isinstance(stream, AsyncIterator):
        return [item async for item in stream]
    return list(stream)


async def close(client: AnyClient) -> None:
    await call(client.close())


class Recorder:
    """Wraps a client (or namespace) and records every public attribute name used on it."""

    _NAMESPACES = ("rollouts", "agent_rollouts", "tasks", "metrics")

    def __init__(self, target: Any, seen: set[str], prefix: str = "") -> None:
        self._target = target
        self._seen = seen
        self._prefix = prefix

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if not name.startswith("_"):
            self._seen.add(self._prefix + name)
        if not self._prefix and name in self._NAMESPACES:
            return Recorder(value, self._seen, f"{name}.")
        return value
