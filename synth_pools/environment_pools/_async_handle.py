"""A rollout handle: one rollout's methods bound to its id. The async module is the source;
``scripts/unasync.py`` writes the sync twin (``_handle.py``) from it.

Returned by ``client.rollouts.create(...)``; also ``client.rollouts.handle(rollout_id)``. Its
methods but ``get``, ``wait`` and ``cancel`` are the rollouts namespace's own, with the rollout id
bound (``_handle_base.for_this_rollout``), so they take exactly the namespace's parameters. It
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
it raises :class:`RolloutWaitTimeout` with the last state seen. That deadline is the one part
the twins do differently (``_deadline``'s two scopes).
"""

# ASYNC109 does not apply: a per-call ``timeout=`` is the HTTP timeout sent to httpx, not a cancel scope.
# ruff: noqa: ASYNC109

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from .._deadline import adeadline_scope
from .._downloads import Destination
from .._errors import APIConnectionError, APITimeoutError
from .._statuses import TERMINAL_STATUSES
from ._async_client import AsyncRolloutsNamespace
from ._handle_base import HandleBase, for_this_rollout, next_interval, past

__all__ = ["AsyncRolloutHandle"]


class AsyncRolloutHandle(HandleBase):
    """A rollout's handle: ``get, summary, wait, events, artifacts, download_zip, download, support_bundle,
    replay, cancel, usage, to_atif``."""

    def __init__(
        self, rollouts: AsyncRolloutsNamespace, rollout_id: str, data: Mapping[str, Any] | None = None
    ) -> None:
        super().__init__(rollout_id, data)
        self._rollouts = rollouts

    # The rollouts namespace's methods with this rollout's id bound: the namespace's parameters,
    # defaults and docstrings, one source for both (``for_this_rollout``). get, wait and cancel
    # below are the handle's own: they refresh the handle's data or wait; download keeps the
    # reference document's name for its argument (``path``, the namespace's ``artifact_path``).
    summary = for_this_rollout(AsyncRolloutsNamespace.summary)
    events = for_this_rollout(AsyncRolloutsNamespace.events)
    artifacts = for_this_rollout(AsyncRolloutsNamespace.artifacts)
    download_zip = for_this_rollout(AsyncRolloutsNamespace.download_zip)
    support_bundle = for_this_rollout(AsyncRolloutsNamespace.support_bundle)
    replay = for_this_rollout(AsyncRolloutsNamespace.replay)
    usage = for_this_rollout(AsyncRolloutsNamespace.usage)
    to_atif = for_this_rollout(AsyncRolloutsNamespace.export_trajectory)

    async def get(self) -> dict[str, Any]:
        """Fetch the current rollout (status included)."""
        result: dict[str, Any] = self._update(await self._rollouts.get(self.rollout_id))
        return result

    async def wait(
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
        try:
            # every request below ends by the deadline (sync: every socket operation of the SDK's
            # pool; async: a cancel scope, its expiry an APITimeoutError)
            async with adeadline_scope(deadline):
                return await self._wait(deadline, timeout, poll_interval, max_poll_interval, follow_events)
        except APIConnectionError:
            if past(deadline):
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
            # the with block releases the connection at once when the deadline cuts the loop short
            async with self._rollouts.events(self.rollout_id, include_heartbeats=True) as stream:
                try:
                    async for _ in stream:
                        if past(deadline):
                            break
                except APITimeoutError:
                    if deadline is None:
                        raise
                    # the stream gave up before the deadline (its next reconnect would not fit):
                    # polling runs out the time left
        # after the stream's end one GET confirms the final state (and covers a status that lags)
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
            interval = next_interval(interval, max_poll_interval)

    async def download(
        self, path: str, dest: Destination | None = None, *, timeout: float | None = None
    ) -> Any:
        """One artifact as bytes, or streamed to ``dest`` (path or file) returning the size."""
        return await self._rollouts.fetch_artifact(self.rollout_id, path, dest, timeout=timeout)

    async def cancel(self, reason: str | None = None) -> dict[str, Any]:
        result: dict[str, Any] = self._update(await self._rollouts.cancel(self.rollout_id, reason=reason))
        return result
