"""The batch runners: ``run_batch`` (threads) and ``arun_batch`` (asyncio tasks).

Both carry out :class:`~synth_pools.batch._plan.BatchPlan`'s steps with the SDK's own calls and
nothing else: a create with the request's idempotency key (sent without the transport's retries,
so an admission refusal reaches the plan's gate instead of being retried underneath it),
``rollouts.events(cursor=...)`` (the resumable, exactly-once stream), ``handle.wait()``,
``handle.usage()`` and, for ``on_budget="cancel"``, ``rollouts.cancel``. They differ only in how
they wait for I/O.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from .._answers import rollout_id_of
from .._errors import APIError, APIResponseValidationError, APIStatusError, SynthPoolsValidationError
from .._operations import bind
from .._transport import RequestSpec, decode_json
from .._validation import rollout_request_to_dict
from ._admission import admission_refusal
from ._budget import OnBudget
from ._classes import RetryPolicy
from ._plan import BatchPlan, EventsMode, OnEvent, Progress, RowState, Step
from ._results import BatchResult

if TYPE_CHECKING:
    from ._rollouts import (
        AsyncEnvironmentPoolsClient,
        AsyncRolloutsNamespace,
        EnvironmentPoolsClient,
        RolloutsNamespace,
    )

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
    options: dict[str, Any],
) -> BatchPlan:
    return BatchPlan(
        requests,
        journal=journal,
        events=events,
        on_event=_calling_back(on_event),
        progress=progress,
        concurrency=concurrency,
        **options,
    )


def _create_spec(row: RowState) -> RequestSpec:
    # no transport retries: a 429 must reach the gate (the key makes the plan's own retries safe)
    body = rollout_request_to_dict(row.request)
    return bind("create_rollout", body=body, idempotency_key=row.key, max_retries=0)


def _wave_spec(pool_id: str | None, rows: Sequence[RowState]) -> RequestSpec:
    # the real service's batch route (design/real-service.md): each item admitted on its own
    body = {"pool_id": pool_id, "rollouts": [row.request for row in rows]}
    return RequestSpec(
        "POST", "/v1/rollouts/batch", json=body, max_retries=0, operation="create_rollouts_batch"
    )


def _wave_items(body: Any) -> list[Any]:
    if isinstance(body, dict):
        for key in ("rollouts", "items"):
            if isinstance(body.get(key), list):
                return list(body[key])
    return body if isinstance(body, list) else []


def _wave_failed(plan: BatchPlan, rows: Sequence[RowState], rest: Sequence[RowState], exc: APIError) -> bool:
    """A batch call failed: refused (admission), not there (singles from now on: returns False),
    or unknown (the caller looks for what it may have made)."""
    refused, asked = admission_refusal(exc)
    if refused:
        plan.wave_refused(rows, asked)
    elif isinstance(exc, APIStatusError) and exc.status_code < 500:
        plan.wave_unsent([*rows, *rest])
        return False
    return True


def _created_id(created: dict[str, Any]) -> str:
    rid = rollout_id_of(created)
    if rid is None:
        raise APIResponseValidationError("the create-rollout response has no rollout_id; check backend_base")
    return rid


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
    retry: RetryPolicy | Sequence[str] | bool | None = None,
    rerun_failed: Sequence[str] | str | None = None,
    max_cost_usd: float | None = None,
    max_tokens: int | None = None,
    max_rollouts: int | None = None,
    on_budget: OnBudget = "stop",
    batch_create: bool = False,
) -> BatchResult:
    """Run every request to a finished rollout, at most ``concurrency`` at a time; one row per request.

    With ``journal=PATH`` the batch survives the process: rerunning the same call continues where
    it stopped (no second rollout for any request, streams resume from the stored event, finished
    rows are not fetched again). ``events``: ``"keep"`` stores every event in the journal,
    ``"last"`` only the resume point, ``"none"`` streams nothing (waits by polling).
    With ``events="none"`` each rollout is polled every ``poll_interval`` (no backoff: a rollout
    holds a share of the org's allowance until the batch sees it end). ``on_event(index, event)``
    sees each event once per run (an event received just before a crash may be seen again by the
    rerun). ``progress=True`` prints a status line to stderr, or
    pass a callable taking a :class:`Progress`. Rows that could not finish have status
    ``"incomplete"`` and an ``error``; run again to resume them.

    Admission: ``concurrency`` is a ceiling. When the service refuses creates (429, over the org's
    allowance) the batch lowers how many it keeps in flight, waits what the service asks
    (``retry_after_seconds`` / ``Retry-After``), and raises it again as creates are admitted; a
    refusal never counts against a request. Progress shows rows "waiting for admission".

    Retries by cause: each failed row has a ``failure_class`` (``infra``, ``agent``, ``verifier``,
    ``timeout``, ``cancelled``, ``refused``). ``retry=`` (a :class:`RetryPolicy` or class names;
    default ``infra`` only, 2 attempts in all; ``False``: none) starts a new rollout for those,
    linked to the request; the journal and ``row.earlier`` keep every attempt.
    ``rerun_failed=["agent", ...]`` gives finished rows of those classes a new attempt when
    resuming a journal.

    Budgets: ``max_cost_usd``, ``max_tokens`` (usage) and ``max_rollouts`` (rollouts created,
    retries included), counted over the journal: no new launch once the total (with what the
    rollouts in flight are expected to cost) would cross one. ``on_budget="stop"`` lets those in
    flight finish; ``"cancel"`` cancels them once the spent total reaches the limit.
    ``result.stopped_by`` names the limit; rerunning with a larger one resumes.

    ``batch_create=True`` sends the first wave (as many creates as the gate admits at once) as
    ``POST /v1/rollouts/batch`` calls, one per pool: the service admits each item on its own, and
    the rollouts it answers are matched to requests by their key tag; the rest wait for admission.
    Where the route is missing, the batch creates singly.
    """
    rollouts = cast("RolloutsNamespace", getattr(client, "rollouts", client))
    options: dict[str, Any] = {
        "retry": retry,
        "rerun_failed": rerun_failed,
        "max_cost_usd": max_cost_usd,
        "max_tokens": max_tokens,
        "max_rollouts": max_rollouts,
        "on_budget": on_budget,
        "batch_create": batch_create,
    }
    plan = _plan(requests, journal, concurrency, events, on_event, progress, options)
    try:
        _find_created(plan, rollouts)
        _launch_wave(plan, rollouts)
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
            if stop.is_set():
                plan.admission.wake()  # no worker stays parked at the gate

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
        plan.admission.wake()
        plan.close()
    if fatal:
        raise fatal[0]
    return plan.result()


def _admit(plan: BatchPlan, row: RowState, stop: threading.Event) -> bool:
    """Wait at the gate until this row may create (True), or the batch stops launching (False)."""
    while not stop.is_set():
        gate = plan.admit(row)
        if gate is None:
            return False
        wait, generation = gate
        if wait <= 0:
            return True
        plan.changed()
        plan.admission.wait(wait, generation)
    return False


def _cancel(plan: BatchPlan, rollouts: RolloutsNamespace) -> None:
    for rollout_id in plan.take_cancels():
        try:
            rollouts.cancel(rollout_id, reason="batch budget reached")
        except APIError as exc:  # it finishes on its own; the budget already stopped new launches
            plan.cancel_failed(rollout_id, exc)


def _launch_wave(plan: BatchPlan, rollouts: RolloutsNamespace) -> None:
    """``batch_create=True``: the first wave through the batch route (see :func:`run_batch`)."""
    waves = plan.first_wave()
    for n, (pool_id, rows) in enumerate(waves):
        try:
            response = rollouts._transport.request(_wave_spec(pool_id, rows))
            unsure = plan.wave_answered(rows, _wave_items(decode_json(response)))
        except APIError as exc:
            if not _wave_failed(plan, rows, [r for _, later in waves[n + 1 :] for r in later], exc):
                return
            unsure = [] if admission_refusal(exc)[0] else list(rows)
        if unsure:
            _find_created(plan, rollouts, {row.key: row for row in unsure})
            plan.wave_left(unsure)


def _find_created(
    plan: BatchPlan, rollouts: RolloutsNamespace, doubt: dict[str, RowState] | None = None
) -> None:
    """Resuming: adopt the rollouts an earlier run created for rows the journal has no id for."""
    doubt = plan.in_doubt() if doubt is None else doubt
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
                if not _admit(plan, row, stop):
                    return
                plan.created(row, _created_id(rollouts._object(_create_spec(row))))
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
                rollout = handle.wait(poll_interval=poll, max_poll_interval=poll)
                plan.ended(row)
                plan.collected(row, rollout, handle.usage())
                _cancel(plan, rollouts)
        except _CallbackError:
            raise
        except Exception as exc:
            delay = plan.failed(row, exc)
            if delay is None:
                return
            if delay:
                stop.wait(delay)
    plan.gave_up(row)


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
    retry: RetryPolicy | Sequence[str] | bool | None = None,
    rerun_failed: Sequence[str] | str | None = None,
    max_cost_usd: float | None = None,
    max_tokens: int | None = None,
    max_rollouts: int | None = None,
    on_budget: OnBudget = "stop",
    batch_create: bool = False,
) -> BatchResult:
    """Async twin of :func:`run_batch` (tasks on the running loop instead of threads)."""
    rollouts = cast("AsyncRolloutsNamespace", getattr(client, "rollouts", client))
    options: dict[str, Any] = {
        "retry": retry,
        "rerun_failed": rerun_failed,
        "max_cost_usd": max_cost_usd,
        "max_tokens": max_tokens,
        "max_rollouts": max_rollouts,
        "on_budget": on_budget,
        "batch_create": batch_create,
    }
    plan = _plan(requests, journal, concurrency, events, on_event, progress, options)
    try:
        await _afind_created(plan, rollouts)
        await _alaunch_wave(plan, rollouts)
    except BaseException:
        plan.close()
        raise
    todo = collections.deque(plan.pending())
    gate = _AsyncGate(plan)

    async def worker() -> None:
        while todo:
            await _adrive(plan, rollouts, todo.popleft(), poll_interval, gate)

    try:
        async with asyncio.TaskGroup() as group:
            for _ in range(min(concurrency, len(todo))):
                group.create_task(worker())
    except BaseExceptionGroup as failure:
        first = failure.exceptions[0]
        raise (first.error if isinstance(first, _CallbackError) else first) from None
    finally:
        plan.admission.on_change = None
        plan.close()
    return plan.result()


class _AsyncGate:
    """Parks tasks at the admission gate, first come first served, and wakes as many as the gate
    has room for when it changes (a slot freed, the limit moved); a wait also ends on its own
    time (the service's retry-after)."""

    def __init__(self, plan: BatchPlan) -> None:
        self.plan = plan
        self.waiters: collections.deque[asyncio.Future[None]] = collections.deque()
        plan.admission.on_change = self._wake  # called on this loop's thread: the plan runs here

    def _wake(self, room: int | None) -> None:
        while self.waiters and (room is None or room > 0):
            waiter = self.waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                if room is not None:
                    room -= 1

    async def admit(self, row: RowState) -> bool:
        while True:
            gate = self.plan.admit(row)
            if gate is None:
                return False
            wait, _ = gate
            if wait <= 0:
                return True
            self.plan.changed()
            waiter = asyncio.get_running_loop().create_future()
            self.waiters.append(waiter)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(waiter, wait)


async def _acancel(plan: BatchPlan, rollouts: AsyncRolloutsNamespace) -> None:
    for rollout_id in plan.take_cancels():
        try:
            await rollouts.cancel(rollout_id, reason="batch budget reached")
        except APIError as exc:
            plan.cancel_failed(rollout_id, exc)


async def _alaunch_wave(plan: BatchPlan, rollouts: AsyncRolloutsNamespace) -> None:
    """Async twin of :func:`_launch_wave`."""
    waves = plan.first_wave()
    for n, (pool_id, rows) in enumerate(waves):
        try:
            response = await rollouts._transport.request(_wave_spec(pool_id, rows))
            unsure = plan.wave_answered(rows, _wave_items(decode_json(response)))
        except APIError as exc:
            if not _wave_failed(plan, rows, [r for _, later in waves[n + 1 :] for r in later], exc):
                return
            unsure = [] if admission_refusal(exc)[0] else list(rows)
        if unsure:
            await _afind_created(plan, rollouts, {row.key: row for row in unsure})
            plan.wave_left(unsure)


async def _afind_created(
    plan: BatchPlan, rollouts: AsyncRolloutsNamespace, doubt: dict[str, RowState] | None = None
) -> None:
    """Async twin of :func:`_find_created`."""
    doubt = plan.in_doubt() if doubt is None else doubt
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


async def _adrive(
    plan: BatchPlan, rollouts: AsyncRolloutsNamespace, row: RowState, poll: float, gate: _AsyncGate
) -> None:
    while True:
        step = plan.next_step(row)
        if step is Step.DONE:
            return
        try:
            if step is Step.CREATE:
                if not await gate.admit(row):
                    return
                plan.created(row, _created_id(await rollouts._object(_create_spec(row))))
            elif step is Step.FOLLOW:
                assert row.rollout_id is not None
                async with rollouts.events(row.rollout_id, cursor=row.cursor) as stream:
                    async for event in stream:
                        plan.event(row, event, stream._raw_text())
                plan.stream_ended(row)
            else:
                assert row.rollout_id is not None
                ahandle = rollouts.handle(row.rollout_id)
                rollout = await ahandle.wait(poll_interval=poll, max_poll_interval=poll)
                plan.ended(row)
                plan.collected(row, rollout, await ahandle.usage())
                await _acancel(plan, rollouts)
        except _CallbackError:
            raise
        except Exception as exc:
            delay = plan.failed(row, exc)
            if delay is None:
                return
            if delay:
                await asyncio.sleep(delay)
