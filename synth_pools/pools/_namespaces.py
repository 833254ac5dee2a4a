"""The nested namespaces ``rollouts`` (pool-scoped), ``agent_rollouts`` (global), ``tasks``, ``metrics``.

They are views of the client's documented flat methods: each method is one line naming the
method it stands for, with all of its parameters (a test compares them), so each operation is
written once (the client's one answer primitive over its ``_requests`` request). The async twins
are native coroutines over the async client, no threads; their ``events`` return the client's
:class:`AsyncEventStream` (``async for``, ``async with``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._sse import AsyncEventStream, EventStream

if TYPE_CHECKING:
    from ._async_client import AsyncContainerPoolsClient
    from ._client import ContainerPoolsClient

Obj = dict[str, Any]


class _Namespace:
    __slots__ = ("_client",)

    def __init__(self, client: Any) -> None:
        self._client = client

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._client!r}>"


class PoolRollouts(_Namespace):
    """``pools.rollouts``: rollouts scoped to one pool."""

    _client: ContainerPoolsClient

    def create(self, pool_id: str, request: Obj, *, idempotency_key: str | None = None) -> Obj:
        return self._client.create_rollout(pool_id, request, idempotency_key=idempotency_key)

    def get(self, pool_id: str, rollout_id: str) -> Obj:
        return self._client.get_rollout(pool_id, rollout_id)

    def list(
        self, pool_id: str, *, state: str | None = None, limit: int | None = None, cursor: str | None = None
    ) -> Obj:
        return self._client.list_rollouts(pool_id, state=state, limit=limit, cursor=cursor)

    def cancel(self, pool_id: str, rollout_id: str) -> Obj:
        return self._client.cancel_rollout(pool_id, rollout_id)

    def artifacts(
        self,
        pool_id: str,
        rollout_id: str,
        *,
        prefix: str | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> Obj:
        return self._client.get_rollout_artifacts(
            pool_id, rollout_id, prefix=prefix, limit=limit, cursor=cursor
        )

    def usage(self, pool_id: str, rollout_id: str) -> Obj:
        return self._client.get_rollout_usage(pool_id, rollout_id)

    def summary(self, pool_id: str, rollout_id: str) -> Obj:
        return self._client.get_rollout_summary(pool_id, rollout_id)

    def events(
        self,
        pool_id: str,
        rollout_id: str,
        *,
        cursor: str | None = None,
        since: str | None = None,
        include_heartbeats: bool = False,
        auto_reconnect: bool = True,
        max_retries: int = 5,
    ) -> EventStream:
        return self._client.stream_rollout_events(
            pool_id,
            rollout_id,
            cursor=cursor,
            since=since,
            include_heartbeats=include_heartbeats,
            auto_reconnect=auto_reconnect,
            max_retries=max_retries,
        )


class AgentRollouts(_Namespace):
    """``pools.agent_rollouts``: global (non-pool-scoped) rollouts."""

    _client: ContainerPoolsClient

    def create(self, request: Obj, *, idempotency_key: str | None = None) -> Obj:
        return self._client.create_global_rollout(request, idempotency_key=idempotency_key)

    def get(self, rollout_id: str) -> Obj:
        return self._client.get_global_rollout(rollout_id)

    def list(self, *, state: str | None = None, limit: int | None = None, cursor: str | None = None) -> Obj:
        return self._client.list_global_rollouts(state=state, limit=limit, cursor=cursor)

    def cancel(self, rollout_id: str) -> Obj:
        return self._client.cancel_global_rollout(rollout_id)

    def artifacts(
        self,
        rollout_id: str,
        *,
        prefix: str | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> Obj:
        return self._client.get_global_rollout_artifacts(
            rollout_id, prefix=prefix, limit=limit, cursor=cursor
        )

    def usage(self, rollout_id: str) -> Obj:
        return self._client.get_global_rollout_usage(rollout_id)

    def summary(self, rollout_id: str) -> Obj:
        return self._client.get_global_rollout_summary(rollout_id)

    def events(
        self,
        rollout_id: str,
        *,
        cursor: str | None = None,
        since: str | None = None,
        include_heartbeats: bool = False,
        auto_reconnect: bool = True,
        max_retries: int = 5,
    ) -> EventStream:
        return self._client.stream_global_rollout_events(
            rollout_id,
            cursor=cursor,
            since=since,
            include_heartbeats=include_heartbeats,
            auto_reconnect=auto_reconnect,
            max_retries=max_retries,
        )


class PoolTasks(_Namespace):
    """``pools.tasks``: task definitions of a pool."""

    _client: ContainerPoolsClient

    def list(self, pool_id: str, *, limit: int | None = None, cursor: str | None = None) -> Obj:
        return self._client.list_tasks(pool_id, limit=limit, cursor=cursor)

    def create(self, pool_id: str, request: Obj, *, idempotency_key: str | None = None) -> Obj:
        return self._client.create_task(pool_id, request, idempotency_key=idempotency_key)

    def update(self, pool_id: str, task_id: str, request: Obj) -> Obj:
        return self._client.update_task(pool_id, task_id, request)

    def patch(self, pool_id: str, task_id: str, request: Obj) -> Obj:
        return self._client.patch_task(pool_id, task_id, request)

    def delete(self, pool_id: str, task_id: str) -> Obj:
        return self._client.delete_task(pool_id, task_id)


class PoolMetrics(_Namespace):
    """``pools.metrics``: pool utilisation."""

    _client: ContainerPoolsClient

    def get(self, pool_id: str) -> Obj:
        return self._client.get_pool_metrics(pool_id)


# --- async twins ----------------------------------------------------------------------------


class AsyncPoolRollouts(_Namespace):
    """``pools.rollouts`` of :class:`AsyncContainerPoolsClient`."""

    _client: AsyncContainerPoolsClient

    async def create(self, pool_id: str, request: Obj, *, idempotency_key: str | None = None) -> Obj:
        return await self._client.create_rollout(pool_id, request, idempotency_key=idempotency_key)

    async def get(self, pool_id: str, rollout_id: str) -> Obj:
        return await self._client.get_rollout(pool_id, rollout_id)

    async def list(
        self, pool_id: str, *, state: str | None = None, limit: int | None = None, cursor: str | None = None
    ) -> Obj:
        return await self._client.list_rollouts(pool_id, state=state, limit=limit, cursor=cursor)

    async def cancel(self, pool_id: str, rollout_id: str) -> Obj:
        return await self._client.cancel_rollout(pool_id, rollout_id)

    async def artifacts(
        self,
        pool_id: str,
        rollout_id: str,
        *,
        prefix: str | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> Obj:
        return await self._client.get_rollout_artifacts(
            pool_id, rollout_id, prefix=prefix, limit=limit, cursor=cursor
        )

    async def usage(self, pool_id: str, rollout_id: str) -> Obj:
        return await self._client.get_rollout_usage(pool_id, rollout_id)

    async def summary(self, pool_id: str, rollout_id: str) -> Obj:
        return await self._client.get_rollout_summary(pool_id, rollout_id)

    def events(
        self,
        pool_id: str,
        rollout_id: str,
        *,
        cursor: str | None = None,
        since: str | None = None,
        include_heartbeats: bool = False,
        auto_reconnect: bool = True,
        max_retries: int = 5,
    ) -> AsyncEventStream:
        return self._client.stream_rollout_events(
            pool_id,
            rollout_id,
            cursor=cursor,
            since=since,
            include_heartbeats=include_heartbeats,
            auto_reconnect=auto_reconnect,
            max_retries=max_retries,
        )


class AsyncAgentRollouts(_Namespace):
    """``pools.agent_rollouts`` of :class:`AsyncContainerPoolsClient`."""

    _client: AsyncContainerPoolsClient

    async def create(self, request: Obj, *, idempotency_key: str | None = None) -> Obj:
        return await self._client.create_global_rollout(request, idempotency_key=idempotency_key)

    async def get(self, rollout_id: str) -> Obj:
        return await self._client.get_global_rollout(rollout_id)

    async def list(
        self, *, state: str | None = None, limit: int | None = None, cursor: str | None = None
    ) -> Obj:
        return await self._client.list_global_rollouts(state=state, limit=limit, cursor=cursor)

    async def cancel(self, rollout_id: str) -> Obj:
        return await self._client.cancel_global_rollout(rollout_id)

    async def artifacts(
        self,
        rollout_id: str,
        *,
        prefix: str | None = None,
        limit: int | None = None,
        cursor: str | None = None,
    ) -> Obj:
        return await self._client.get_global_rollout_artifacts(
            rollout_id, prefix=prefix, limit=limit, cursor=cursor
        )

    async def usage(self, rollout_id: str) -> Obj:
        return await self._client.get_global_rollout_usage(rollout_id)

    async def summary(self, rollout_id: str) -> Obj:
        return await self._client.get_global_rollout_summary(rollout_id)

    def events(
        self,
        rollout_id: str,
        *,
        cursor: str | None = None,
        since: str | None = None,
        include_heartbeats: bool = False,
        auto_reconnect: bool = True,
        max_retries: int = 5,
    ) -> AsyncEventStream:
        return self._client.stream_global_rollout_events(
            rollout_id,
            cursor=cursor,
            since=since,
            include_heartbeats=include_heartbeats,
            auto_reconnect=auto_reconnect,
            max_retries=max_retries,
        )


class AsyncPoolTasks(_Namespace):
    """``pools.tasks`` of :class:`AsyncContainerPoolsClient`."""

    _client: AsyncContainerPoolsClient

    async def list(self, pool_id: str, *, limit: int | None = None, cursor: str | None = None) -> Obj:
        return await self._client.list_tasks(pool_id, limit=limit, cursor=cursor)

    async def create(self, pool_id: str, request: Obj, *, idempotency_key: str | None = None) -> Obj:
        return await self._client.create_task(pool_id, request, idempotency_key=idempotency_key)

    async def update(self, pool_id: str, task_id: str, request: Obj) -> Obj:
        return await self._client.update_task(pool_id, task_id, request)

    async def patch(self, pool_id: str, task_id: str, request: Obj) -> Obj:
        return await self._client.patch_task(pool_id, task_id, request)

    async def delete(self, pool_id: str, task_id: str) -> Obj:
        return await self._client.delete_task(pool_id, task_id)


class AsyncPoolMetrics(_Namespace):
    """``pools.metrics`` of :class:`AsyncContainerPoolsClient`."""

    _client: AsyncContainerPoolsClient

    async def get(self, pool_id: str) -> Obj:
        return await self._client.get_pool_metrics(pool_id)


__all__ = [
    "AgentRollouts",
    "AsyncAgentRollouts",
    "AsyncPoolMetrics",
    "AsyncPoolRollouts",
    "AsyncPoolTasks",
    "PoolMetrics",
    "PoolRollouts",
    "PoolTasks",
]
