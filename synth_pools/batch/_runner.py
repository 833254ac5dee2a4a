"""The batch runners: ``run_batch`` (threads) and ``arun_batch`` (asyncio tasks).

Both carry out :class:`~synth_pools.batch._plan.BatchPlan`'s steps with the SDK's own calls and
nothing else: ``rollouts.create(idempotency_key=...)`` (retried by the transport with that key),
``rollouts.events(cursor=...)`` (the resumable, exactly-once stream), ``handle.wait()`` and
``handle.usage()``. They differ only in how they wait for I/O.
"""

from __future__ import annotations

import asyncio
import collections
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from .._errors import APIError, SynthPoolsValidationError
from ._plan import BatchPlan, EventsMode, OnEvent, Progress, RowState, Step
from ._results import BatchResult

if TYPE_CHECKING:
    from ..environment_pools._async_client import AsyncEnvironmentPoolsClient, AsyncRolloutsNamespace
    from ..environment_pools._client import EnvironmentPoolsClient, RolloutsNamespace

__all__ = ["arun_batch", "run_batch"]


class _CallbackError(Exception):
    """``on_event`` raised: that is the caller's bug, so it ends the batch instead of a retry."""

    def __init__(self, error: BaseException) -> None:
        super().__init__(str(error))
        self.error = error


def _calling_back(on_event: OnEvent | None) -> OnEvent | None:
    if on_event is None:
        return None

    def call(index: int, event: dict[str, Any]) -> None:
        try:
            on_event(index, event)
        except Exception as exc:
            raise _CallbackError(exc) from exc

    return call


def _plan(
    requests: Sequence[Any],
    journal: str | Path | None,
    concurrency: int,
    events: str,
    on_event: OnEvent | None,
    progress: bool | Callable[[Progress], None],
) -> BatchPlan:
    return BatchPlan(
        requests,
        journal=journal,
        events=events,
        on_event=_calling_back(on_event),
        progress=progress,
        concurrency=concurrency,
    )


# ---------------------------------------------------------------------------------------- sync


def run_batch(
    client: EnvironmentPoolsClient | RolloutsNamespace,
    requests: Sequence[Any],
    *,
    journal: str | Path | None = None,
    concurrency: int = 64,
    events: EventsMode = "last",
    on_event: OnEvent | None = None,
    progress: bool | Callable[[Progress], None] = False,
    poll_interval: float = 1.0,
) -> BatchResult:
    """Run every request to a finished rollout, ``concurrency`` at a time; one row per request.

    With ``journal=PATH`` the batch survives the process: rerunning the same call continues where
    it stopped (no second rollout for any request, streams resume from the stored event, finished
    rows are not fetched again). ``events``: ``"keep"`` stores every event in the journal,
    ``"last"`` only the resume point, ``"none"`` streams nothing (waits by polling).
    ``on_event(index, event)`` sees each event once per run (an event received just before a
    crash may be seen again by the rerun). ``progress=True`` prints a status line to stderr, or
    pass a callable taking a :class:`Progress`. Rows that could not finish have status
    ``"incomplete"`` and an ``error``; run again to resume them.
    """
    rollouts = cast("RolloutsNamespace", getattr(client, "rollouts", client))
    plan = _plan(requests, journal, concurrency, events, on_event, progress)
    try:
        _find_created(plan, rollouts)
    except BaseException:
        plan.close()
        raise
    todo = collections.deque(plan.pending())
    stop = threading.Event()
    fatal: list[BaseException] = []

    def worker() -> None:
        while not stop.is_set():
            try:
                row = todo.popleft()
            except IndexError:
                return
            try:
                _drive(plan, rollouts, row, stop, poll_interval)
            except _CallbackError as exc:
                fatal.append(exc.error)
                stop.set()
            except BaseException as exc:  # a bug here must not pass silently as a hung batch
                fatal.append(exc)
                stop.set()

    # daemon threads: on Ctrl-C the main thread flushes the journal and leaves; rollouts go on
    threads = [
        threading.Thread(target=worker, name=f"synth-pools-batch-{n}", daemon=True)
        for n in range(min(concurrency, len(todo)))
    ]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            while thread.is_alive():
                thread.join(0.2)  # a timed join lets KeyboardInterrupt reach this thread
    finally:
        stop.set()
        plan.close()
    if fatal:
        raise fatal[0]
    return plan.result()


def _find_created(plan: BatchPlan, rollouts: RolloutsNamespace) -> None:
    """Resuming: adopt the rollouts an earlier run created for rows the journal has no id for."""
    doubt = plan.in_doubt()
    if not doubt:
        return
    pools, created_after = plan.lookup(doubt)
    try:
        for pool_id in pools:
            for rollout in rollouts.iter(pool_id=pool_id, created_after=created_after):
                plan.adopt(doubt, rollout)
                if not doubt:
                    return
    except (APIError, SynthPoolsValidationError) as exc:
        plan.lookup_failed(exc)


def _drive(
    plan: BatchPlan, rollouts: RolloutsNamespace, row: RowState, stop: threading.Event, poll: float
) -> None:
    while not stop.is_set():
        step = plan.next_step(row)
        if step is Step.DONE:
            return
        try:
            if step is Step.CREATE:
                plan.created(row, rollouts.create(row.request, idempotency_key=row.key).rollout_id)
            elif step is Step.FOLLOW:
                assert row.rollout_id is not None
                with rollouts.events(row.rollout_id, cursor=row.cursor) as stream:
                    for event in stream:
                        plan.event(row, event, stream._raw_text())
                        if stop.is_set():
                            return
                plan.stream_ended(row)
            else:
                assert row.rollout_id is not None
                handle = rollouts.handle(row.rollout_id)
                rollout = handle.wait(poll_interval=poll)
                plan.collected(row, rollout, handle.usage())
        except _CallbackError:
            raise
        except Exception as exc:
            delay = plan.failed(row, exc)
            if delay is None:
                return
            stop.wait(delay)


# --------------------------------------------------------------------------------------- async


async def arun_batch(
    client: AsyncEnvironmentPoolsClient | AsyncRolloutsNamespace,
    requests: Sequence[Any],
    *,
    journal: str | Path | None = None,
    concurrency: int = 64,
    events: EventsMode = "last",
    on_event: OnEvent | None = None,
    progress: bool | Callable[[Progress], None] = False,
    poll_interval: float = 1.0,
) -> BatchResult:
    """Async twin of :func:`run_batch` (tasks on the running loop instead of threads)."""
    rollouts = cast("AsyncRolloutsNamespace", getattr(client, "rollouts", client))
    plan = _plan(requests, journal, concurrency, events, on_event, progress)
    try:
        await _afind_created(plan, rollouts)
    except BaseException:
        plan.close()
        raise
    todo = collections.deque(plan.pending())

    async def worker() -> None:
        while todo:
            await _adrive(plan, rollouts, todo.popleft(), poll_interval)

    try:
        async with asyncio.TaskGroup() as group:
            for _ in range(min(concurrency, len(todo))):
                group.create_task(worker())
    except BaseExceptionGroup as failure:
        first = failure.exceptions[0]
        raise (first.error if isinstance(first, _CallbackError) else first) from None
    finally:
        plan.close()
    return plan.result()


async def _afind_created(plan: BatchPlan, rollouts: AsyncRolloutsNamespace) -> None:
    """Async twin of :func:`_find_created`."""
    doubt = plan.in_doubt()
    if not doubt:
        return
    pools, created_after = plan.lookup(doubt)
    try:
        for pool_id in pools:
            async for rollout in rollouts.iter(pool_id=pool_id, created_after=created_after):
                plan.adopt(doubt, rollout)
                if not doubt:
                    return
    except (APIError, SynthPoolsValidationError) as exc:
        plan.lookup_failed(exc)


async def _adrive(plan: BatchPlan, rollouts: AsyncRolloutsNamespace, row: RowState, poll: float) -> None:
    while True:
        step = plan.next_step(row)
        if step is Step.DONE:
            return
        try:
            if step is Step.CREATE:
                handle = await rollouts.create(row.request, idempotency_key=row.key)
                plan.created(row, handle.rollout_id)
            elif step is Step.FOLLOW:
                assert row.rollout_id is not None
                async with rollouts.events(row.rollout_id, cursor=row.cursor) as stream:
                    async for event in stream:
                        plan.event(row, event, stream._raw_text())
                plan.stream_ended(row)
            else:
                assert row.rollout_id is not None
                ahandle = rollouts.handle(row.rollout_id)
                rollout = await ahandle.wait(poll_interval=poll)
                plan.collected(row, rollout, await ahandle.usage())
        except _CallbackError:
            raise
        except Exception as exc:
            delay = plan.failed(row, exc)
            if delay is None:
                return
            await asyncio.sleep(delay)
