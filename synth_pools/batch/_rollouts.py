"""What the batch runners need of a client: the rollouts namespace's calls they make, as protocols.

The runners sit below the API package (``environment_pools``' ``rollouts.run_batch`` hands itself
to them), so they name the calls they use here instead of importing the client classes.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from typing import Any, Protocol

from .._sse import AsyncEventStream, EventStream

__all__ = [
    "AsyncEnvironmentPoolsClient",
    "AsyncRolloutsNamespace",
    "EnvironmentPoolsClient",
    "RolloutsNamespace",
]


class _Created(Protocol):
    @property
    def rollout_id(self) -> str: ...


class _Handle(Protocol):
    def wait(self, *, poll_interval: float = ...) -> dict[str, Any]: ...
    def usage(self) -> dict[str, Any]: ...


class RolloutsNamespace(Protocol):
    def create(self, request: Any, *, idempotency_key: str | None = ...) -> _Created: ...
    def events(self, rollout_id: str, *, cursor: str | None = ...) -> EventStream: ...
    def handle(self, rollout_id: str) -> _Handle: ...
    def iter(
        self, *, pool_id: str | None = ..., created_after: str | datetime | None = ...
    ) -> Iterator[dict[str, Any]]: ...


class EnvironmentPoolsClient(Protocol):
    @property
    def rollouts(self) -> RolloutsNamespace: ...


class _AsyncHandle(Protocol):
    async def wait(self, *, poll_interval: float = ...) -> dict[str, Any]: ...
    async def usage(self) -> dict[str, Any]: ...


class AsyncRolloutsNamespace(Protocol):
    async def create(self, request: Any, *, idempotency_key: str | None = ...) -> _Created: ...
    def events(self, rollout_id: str, *, cursor: str | None = ...) -> AsyncEventStream: ...
    def handle(self, rollout_id: str) -> _AsyncHandle: ...
    def iter(
        self, *, pool_id: str | None = ..., created_after: str | datetime | None = ...
    ) -> AsyncIterator[dict[str, Any]]: ...


class AsyncEnvironmentPoolsClient(Protocol):
    @property
    def rollouts(self) -> AsyncRolloutsNamespace: ...
