"""RolloutHandle / AsyncRolloutHandle: one rollout's methods bound to its id.

Returned by ``client.rollouts.create(...)``; also ``client.rollouts.handle(rollout_id)``. It
behaves like the create response dict for reading (``handle["status"]``) so code written for the
module-level ``create_rollout`` keeps working, and ``wait()`` raises
:class:`RolloutWaitTimeout` (carrying the last status) instead of returning silently.

``wait()`` polls with backoff by default (one short request now and then, whatever the number of
waiting handles); ``wait(follow_events=True)`` holds the rollout's event stream open instead and
returns the moment the terminal event arrives, which matters when rollouts last seconds.
"""

# The async surface mirrors the sync one (and the reference document): per-call ``timeout=`` is the
# HTTP timeout sent to httpx, not a cancellation scope, so ASYNC109 does not apply.
# ruff: noqa: ASYNC109

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .._downloads import Destination
from .._errors import RolloutWaitTimeout
from .._sse import TERMINAL_STATUSES, AsyncEventStream, EventStream

if TYPE_CHECKING:
    from ._async_client import AsyncRolloutsNamespace
    from ._client import RolloutsNamespace

__all__ = ["AsyncRolloutHandle", "RolloutHandle"]


class _HandleBase:
    def __init__(self, rollout_id: str, data: Mapping[str, Any] | None = None) -> None:
        self.rollout_id = rollout_id
        self.data: dict[str, Any] = dict(data or {"rollout_id": rollout_id})

    @property
    def id(self) -> str:
        return self.rollout_id

    @property
    def status(self) -> str | None:
        """The last status this handle saw (refreshed by get/wait)."""
        value = self.data.get("status")
        return value if isinstance(value, str) else None

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def __repr__(self) -> str:
        return f"{type(self).__name__}(rollout_id={self.rollout_id!r}, status={self.status!r})"

    def _update(self, data: Any) -> Any:
        if isinstance(data, dict):
            self.data = data
        return data


def _next_interval(interval: float, max_interval: float) -> float:
    return min(max_interval, interval * 1.5)


class RolloutHandle(_HandleBase):
    """Sync handle: ``get, summary, wait, events, artifacts, download_zip, download, support_bundle,
    replay, cancel, usage, to_atif``."""

    def __init__(
        self, rollouts: RolloutsNamespace, rollout_id: str, data: Mapping[str, Any] | None = None
    ) -> None:
        super().__init__(rollout_id, data)
        self._rollouts = rollouts

    def get(self) -> dict[str, Any]:
        """Fetch the current rollout (status included)."""
        result: dict[str, Any] = self._update(self._rollouts.get(self.rollout_id))
        return result

    def summary(self) -> dict[str, Any]:
        return self._rollouts.summary(self.rollout_id)

    def wait(
        self,
        timeout: float | None = None,
        *,
        poll_interval: float = 1.0,
        max_poll_interval: float = 10.0,
        follow_events: bool = False,
    ) -> dict[str, Any]:
        """Block until a terminal status and return the rollout; raise :class:`RolloutWaitTimeout`
        (with the last status) after ``timeout`` seconds.

        Polls with backoff from ``poll_interval`` to ``max_poll_interval``; with
        ``follow_events=True`` it follows the event stream instead and returns as soon as the
        terminal event arrives (the timeout is then checked at each event and server heartbeat).
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        if follow_events:
            current = self.get()
            if current.get("status") in TERMINAL_STATUSES:
                return current
            # the with block releases the connection at once when the deadline cuts the loop short
            with self._rollouts.events(self.rollout_id, include_heartbeats=True) as stream:
                for _ in stream:
                    if deadline is not None and time.monotonic() >= deadline:
                        break
        # after the stream's end one GET confirms the final state (and covers a status that lags)
        interval = poll_interval
        while True:
            current = self.get()
            if current.get("status") in TERMINAL_STATUSES:
                return current
            if deadline is not None:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise RolloutWaitTimeout(self.rollout_id, float(timeout or 0), current)
                self._rollouts._sleep(min(interval, remaining))
            else:
                self._rollouts._sleep(interval)
            interval = _next_interval(interval, max_poll_interval)

    def events(
        self,
        *,
        cursor: str | None = None,
        since: str | None = None,
        limit: int | None = None,
        auto_reconnect: bool = True,
        max_retries: int = 5,
        backoff_base: float = 1.0,
        backoff_max: float = 30.0,
        include_heartbeats: bool = False,
    ) -> EventStream:
        """The rollout's events, each exactly once, reconnecting after cuts (``auto_reconnect=True``);
        a context manager that releases the connection when left early. The arguments are
        :meth:`RolloutsNamespace.events`'s."""
        return self._rollouts.events(
            self.rollout_id,
            cursor=cursor,
            since=since,
            limit=limit,
            auto_reconnect=auto_reconnect,
            max_retries=max_retries,
            backoff_base=backoff_base,
            backoff_max=backoff_max,
            include_heartbeats=include_heartbeats,
        )

    def artifacts(
        self,
        *,
        prefix: str | None = None,
        cursor: str | None = None,
        limit: int | None = None,
        timeout: float | None = None,
    ) -> dict[str, Any]:
        """One page of the rollout's artifact manifest."""
        return self._rollouts.artifacts(
            self.rollout_id, prefix=prefix, cursor=cursor, limit=limit, timeout=timeout
        )

    def download_zip(
        self, dest: Destination | None = None, *, prefix: str | None = None, timeout: float | None = None
    ) -> Any:
        """All artifacts as zip bytes, or streamed to ``dest`` (path or file) returning the size."""
        return self._rollouts.download_zip(self.rollout_id, dest=dest, prefix=prefix, timeout=timeout)

    def download(self, path: str, dest: Destination | None = None, *, timeout: float | None = None) -> Any:
        """One artifact as bytes, or streamed to ``dest`` (path or file) returning the size."""
        return self._rollouts.fetch_artifact(self.rollout_id, path, dest=dest, timeout=timeout)

    def support_bundle(self) -> dict[str, Any]:
        return self._rollouts.support_bundle(self.rollout_id)

    def replay(
        self,
        *,
        overrides: Mapping[str, Any] | None = None,
        metadata: Mapping[str, Any] | None = None,
        idempotency_key: str | None = None,
        timeout: float | None = None,
    ) -> RolloutHandle:
        """A new rollout from this one's stored request, with ``overrides`` merged in."""
        return self._rollouts.replay(
            self.rollout_id,
            overrides=overrides,
            metadata=metadata,
            idempotency_key=idempotency_key,
            timeout=timeout,
        )

    def cancel(self, reason: str | None = None) -> dict[str, Any]:
        result: dict[str, Any] = self._update(self._rollouts.cancel(self.rollout_id, reason=reason))
        return result

    def usage(self) -> dict[str, Any]:
        return self._rollouts.usage(self.rollout_id)

    def to_atif(self) -> dict[str, Any]:
        """This rollout as an ATIF v1.8 trajectory (see :meth:`RolloutsNamespace.export_trajectory`)."""
        return self._rollouts.export_trajectory(self.rollout_id)


class AsyncRolloutHandle(_HandleBase):
    """Async twin of :class:`RolloutHandle` (every method a coroutine; ``events`` an async iterator)."""

    def __init__(
        self, rollouts: AsyncRolloutsNamespace, rollout_id: str, data: Mapping[str, Any] | None = None
    ) -> None:
        super().__init__(rollout_id, data)
        self._rollouts = rollouts

    async def get(self) -> dict[str, Any]:
        result: dict[str, Any] = self._update(await self._rollouts.get(self.rollout_id))
        return result

    async def summary(self) -> dict[str, Any]:
        return await self._rollouts.summary(self.rollout_id)

    async def wait(
        self,
        timeout: float | None = None,
        *,
        poll_interval: float = 1.0,
        max_poll_interval: float = 10.0,
        follow_events: bool = False,
    ) -> dict[str, Any]:
        """Async twin of :meth:`RolloutHandle.wait` (with ``follow_events=True`` the timeout is exact)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        if follow_events:
            current = await self.get()
            if current.get("status") in TERMINAL_STATUSES:
                return current
            await self._follow_events(deadline)
        interval = poll_interval
        while True:
            current = await self.get()
            if current.get("status") in TERMINAL_STATUSES:
                return current
            if deadline is not None:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise RolloutWaitTimeout(self.rollout_id, float(timeout or 0), current)
                await self._rollouts._sleep(min(interval, remaining))
            else:
                await self._rollouts._sleep(interval)
            interval = _next_interval(interval, max_poll_interval)

    async def _follow_events(self, deadline: float | None) -> None:
        """Consume the event stream until its terminal event or the deadline."""
        import asyncio  # here, not at the top: a sync-only program never loads asyncio (P5)

        stream = self._rollouts.events(self.rollout_id)
        scope = asyncio.timeout(None if deadline is None else max(0.0, deadline - time.monotonic()))
        try:
            async with scope:
                async for _ in stream:
                    pass
        except TimeoutError:
            if not scope.expired():
                raise
        finally:
            await stream.aclose()  # now, not when the event loop finalises the generator

    def events(
        self,
        *,
        cursor: str | None = None,
        since: str | None = None,
        limit: int | None = None,
        auto_reconnect: bool = True,
        max_retries: int = 5,
        backoff_base: float = 1.0,
        backoff_max: float = 30.0,
        include_heartbeats: bool = False,
    ) -> AsyncEventStream:
        return self._rollouts.events(
            self.rollout_id,
            cursor=cursor,
            since=since,
            limit=limit,
            auto_reconnect=auto_reconnect,
            max_retries=max_retries,
            backoff_base=backoff_base,
            backoff_max=backoff_max,
            include_heartbeats=include_heartbeats,
        )

    async def artifacts(
        self,
        *,
        prefix: str | None = None,
        cursor: str | None = None,
        limit: int | None = None,
        timeout: float | None = None,
    ) -> dict[str, Any]:
        return await self._rollouts.artifacts(
            self.rollout_id, prefix=prefix, cursor=cursor, limit=limit, timeout=timeout
        )

    async def download_zip(
        self, dest: Destination | None = None, *, prefix: str | None = None, timeout: float | None = None
    ) -> Any:
        return await self._rollouts.download_zip(self.rollout_id, dest=dest, prefix=prefix, timeout=timeout)

    async def download(
        self, path: str, dest: Destination | None = None, *, timeout: float | None = None
    ) -> Any:
        return await self._rollouts.fetch_artifact(self.rollout_id, path, dest=dest, timeout=timeout)

    async def support_bundle(self) -> dict[str, Any]:
        return await self._rollouts.support_bundle(self.rollout_id)

    async def replay(
        self,
        *,
        overrides: Mapping[str, Any] | None = None,
        metadata: Mapping[str, Any] | None = None,
        idempotency_key: str | None = None,
        timeout: float | None = None,
    ) -> AsyncRolloutHandle:
        return await self._rollouts.replay(
            self.rollout_id,
            overrides=overrides,
            metadata=metadata,
            idempotency_key=idempotency_key,
            timeout=timeout,
        )

    async def cancel(self, reason: str | None = None) -> dict[str, Any]:
        result: dict[str, Any] = self._update(await self._rollouts.cancel(self.rollout_id, reason=reason))
        return result

    async def usage(self) -> dict[str, Any]:
        return await self._rollouts.usage(self.rollout_id)

    async def to_atif(self) -> dict[str, Any]:
        """This rollout as an ATIF v1.8 trajectory (see :meth:`AsyncRolloutsNamespace.export_trajectory`)."""
        return await self._rollouts.export_trajectory(self.rollout_id)
