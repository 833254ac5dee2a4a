"""RolloutHandle / AsyncRolloutHandle: one rollout's methods bound to its id.

Returned by ``client.rollouts.create(...)``; also ``client.rollouts.handle(rollout_id)``. It
behaves like the create response dict for reading (``handle["status"]``) so code written for the
module-level ``create_rollout`` keeps working, and ``wait()`` raises
:class:`RolloutWaitTimeout` (carrying the last status) instead of returning silently.

``wait()`` polls by default: soon after the handle was made (every 0.1 s for the first second, so
a rollout of a second or two is seen done within ~0.1 s), then less often as the rollout ages (a
tenth of its age, up to ``max_poll_interval``), so a long rollout costs one short request now and
then. ``wait(follow_events=True)`` holds the rollout's event stream open instead and returns the
moment the terminal event arrives.

``wait(timeout=...)`` is a deadline in every mode: each request it makes (sync: every socket
read, so a stream of heartbeats or silence cannot hold it; async: a cancel scope) ends by it, and
it raises :class:`RolloutWaitTimeout` with the last state seen.
"""

# The async surface mirrors the sync one (and the reference document): per-call ``timeout=`` is the
# HTTP timeout sent to httpx, not a cancellation scope, so ASYNC109 does not apply.
# ruff: noqa: ASYNC109

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .._downloads import Destination
from .._errors import APIConnectionError, APITimeoutError, RolloutWaitTimeout
from .._sse import TERMINAL_STATUSES, AsyncEventStream, EventStream
from .._transport import deadline_scope

if TYPE_CHECKING:
    from ._async_client import AsyncRolloutsNamespace
    from ._client import RolloutsNamespace

__all__ = ["AsyncRolloutHandle", "RolloutHandle"]


# Adaptive polling (poll_interval=None): a poll every FIRST_POLL s at first, then every
# AGE_FRACTION of the handle's age, up to max_poll_interval.
FIRST_POLL = 0.1
AGE_FRACTION = 0.1


class _HandleBase:
    def __init__(self, rollout_id: str, data: Mapping[str, Any] | None = None) -> None:
        self.rollout_id = rollout_id
        self.data: dict[str, Any] = dict(data or {"rollout_id": rollout_id})
        self._born = time.monotonic()  # the rollout's age as far as polling goes

    def _poll_interval(self, fixed: float | None, max_interval: float) -> float:
        """The next wait between polls: adaptive (``fixed`` None), else ``fixed`` (growing 1.5x a poll)."""
        if fixed is not None:
            return min(fixed, max_interval)
        return min(max_interval, max(FIRST_POLL, AGE_FRACTION * (time.monotonic() - self._born)))

    def _timed_out(self, timeout: float | None) -> RolloutWaitTimeout:
        return RolloutWaitTimeout(self.rollout_id, float(timeout or 0), self.data)

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


def _next_interval(interval: float | None, max_interval: float) -> float | None:
    return None if interval is None else min(max_interval, interval * 1.5)


def _past(deadline: float | None) -> bool:
    # socket timeouts may fire a hair before the deadline they were cut to
    return deadline is not None and time.monotonic() >= deadline - 0.01


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
        poll_interval: float | None = None,
        max_poll_interval: float = 10.0,
        follow_events: bool = False,
    ) -> dict[str, Any]:
        """Block until a terminal status and return the rollout; raise :class:`RolloutWaitTimeout`
        (with the last status) by ``timeout`` seconds, whatever the server does.

        Polls adaptively (see the module notes; ``poll_interval=`` instead starts there and grows
        1.5x a poll, up to ``max_poll_interval``); with ``follow_events=True`` it follows the event
        stream instead and returns as soon as the terminal event arrives.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        # every socket operation of the requests below ends by the deadline
        with deadline_scope(deadline):
            try:
                return self._wait(deadline, timeout, poll_interval, max_poll_interval, follow_events)
            except APIConnectionError:
                if _past(deadline):
                    raise self._timed_out(timeout) from None
                raise

    def _wait(
        self,
        deadline: float | None,
        timeout: float | None,
        poll_interval: float | None,
        max_poll_interval: float,
        follow_events: bool,
    ) -> dict[str, Any]:
        if follow_events:
            current = self.get()
            if current.get("status") in TERMINAL_STATUSES:
                return current
            # the with block releases the connection at once when the deadline cuts the loop short
            with self._rollouts.events(self.rollout_id, include_heartbeats=True) as stream:
                try:
                    for _ in stream:
                        if _past(deadline):
                            break
                except APITimeoutError:
                    if deadline is None:
                        raise
                    # the stream gave up before the deadline (its next reconnect would not fit):
                    # polling runs out the time left
        # after the stream's end one GET confirms the final state (and covers a status that lags)
        interval = poll_interval
        while True:
            current = self.get()
            if current.get("status") in TERMINAL_STATUSES:
                return current
            pause = self._poll_interval(interval, max_poll_interval)
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and remaining <= pause:
                # no poll fits before the deadline (one at it could not be sent): wait it out
                self._rollouts._sleep(max(remaining, 0.0))
                raise self._timed_out(timeout)
            self._rollouts._sleep(pause)
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
        self,
        dest: Destination | None = None,
        *,
        prefix: str | None = None,
        limit: int | None = None,
        timeout: float | None = None,
    ) -> Any:
        """All artifacts as zip bytes, or streamed to ``dest`` (path or file) returning the size."""
        return self._rollouts.download_zip(
            self.rollout_id, dest=dest, prefix=prefix, limit=limit, timeout=timeout
        )

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
        poll_interval: float | None = None,
        max_poll_interval: float = 10.0,
        follow_events: bool = False,
    ) -> dict[str, Any]:
        """Async twin of :meth:`RolloutHandle.wait` (the deadline is a cancel scope around it all)."""
        import asyncio  # here, not at the top: a sync-only program never loads asyncio (P5)

        deadline = None if timeout is None else time.monotonic() + timeout
        scope = asyncio.timeout(timeout)
        try:
            async with scope:
                return await self._wait(deadline, timeout, poll_interval, max_poll_interval, follow_events)
        except TimeoutError:
            if scope.expired():
                raise self._timed_out(timeout) from None
            raise
        except APIConnectionError:
            if _past(deadline):
                raise self._timed_out(timeout) from None
            raise

    async def _wait(
        self,
        deadline: float | None,
        timeout: float | None,
        poll_interval: float | None,
        max_poll_interval: float,
        follow_events: bool,
    ) -> dict[str, Any]:
        if follow_events:
            current = await self.get()
            if current.get("status") in TERMINAL_STATUSES:
                return current
            stream = self._rollouts.events(self.rollout_id)
            try:
                async for _ in stream:
                    pass
            finally:
                await stream.aclose()  # now, not when the event loop finalises the generator
        interval = poll_interval
        while True:
            current = await self.get()
            if current.get("status") in TERMINAL_STATUSES:
                return current
            pause = self._poll_interval(interval, max_poll_interval)
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and remaining <= pause:
                # no poll fits before the deadline (one at it could not be sent): wait it out
                await self._rollouts._sleep(max(remaining, 0.0))
                raise self._timed_out(timeout)
            await self._rollouts._sleep(pause)
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
        self,
        dest: Destination | None = None,
        *,
        prefix: str | None = None,
        limit: int | None = None,
        timeout: float | None = None,
    ) -> Any:
        return await self._rollouts.download_zip(
            self.rollout_id, dest=dest, prefix=prefix, limit=limit, timeout=timeout
        )

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
