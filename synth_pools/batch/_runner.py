# Written by scripts/unasync.py from _async_runner.py: edit that file, then run `make unasync`.
"""The batch runner: carries out :class:`~synth_pools.batch._plan.BatchPlan`'s steps, one row at a time.

One source for both runners: the sync one is written from the async one by
``scripts/unasync.py``. Where the two must differ (threads or tasks, how a row waits and how the
run stops) is ``_workers``.

The runner uses the SDK's own calls and nothing else: a create with the request's idempotency key
(sent without the transport's retries, so an admission refusal reaches the plan's gate instead of
being retried underneath it), ``rollouts.events(cursor=...)`` (the resumable, exactly-once
stream), ``handle.wait()``, ``handle.usage()`` and, for ``on_budget="cancel"``,
``rollouts.cancel``. Its calls on the client are named by the protocols below: the runner sits
below the API package (``environment_pools``' ``rollouts.run_batch`` hands itself to it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol, cast

from .._answers import page_items, rollout_id_of
from .._errors import (
    APIError,
    APIResponseValidationError,
    APIStatusError,
    SynthPoolsValidationError,
)
from .._operations import bind
from .._sse import EventStream
from .._transport import RequestSpec
from .._validation import rollout_request_to_dict
from ._admission import admission_refusal
from ._budget import OnBudget
from ._classes import RetryPolicy
from ._plan import BatchPlan, EventsMode, OnEvent, Progress, RowState, Step
from ._results import BatchResult
from ._workers import CallbackError, Gate, Workers, calling_back

__all__ = ["EnvironmentPoolsClient", "RolloutsNamespace", "run_batch"]


class Handle(Protocol):
    def wait(
        self, *, poll_interval: float | None = ..., max_poll_interval: float = ...
    ) -> dict[str, Any]: ...
    def usage(self) -> dict[str, Any]: ...


class RolloutsNamespace(Protocol):
    def _object(self, spec: RequestSpec) -> dict[str, Any]: ...
    def cancel(self, rollout_id: str, *, reason: str | None = ...) -> dict[str, Any]: ...
    def events(self, rollout_id: str, *, cursor: str | None = ...) -> EventStream: ...
    def handle(self, rollout_id: str) -> Handle: ...
    def iter(
        self, *, pool_id: str | None = ..., created_after: str | datetime | None = ...
    ) -> Iterator[dict[str, Any]]: ...


class EnvironmentPoolsClient(Protocol):
    @property
    def rollouts(self) -> RolloutsNamespace: ...


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
    """Run every request to a finished rollout, at most ``concurrency`` at a time; one row per request
    (the sync client runs rows on threads, the async one as tasks on the running loop).

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
    Where the route is missing, the batch creates singly. An answer of a shape the SDK cannot
    read raises :class:`~synth_pools.PageShapeError` (it is never read as "none admitted").
    """
    rollouts = cast("RolloutsNamespace", getattr(client, "rollouts", client))
    plan = BatchPlan(
        requests,
        journal=journal,
        events=events,
        on_event=calling_back(on_event),
        progress=progress,
        concurrency=concurrency,
        retry=retry,
        rerun_failed=rerun_failed,
        max_cost_usd=max_cost_usd,
        max_tokens=max_tokens,
        max_rollouts=max_rollouts,
        on_budget=on_budget,
        batch_create=batch_create,
    )
    try:
        _find_created(plan, rollouts)
        _launch_wave(plan, rollouts)
    except BaseException:
        plan.close()
        raise

    def drive_row(row: RowState, gate: Gate) -> None:
        _drive(plan, rollouts, row, gate, poll_interval)

    Workers(plan, concurrency).run(plan.pending(), drive_row)
    return plan.result()


def _create_spec(row: RowState) -> RequestSpec:
    # no transport retries: a 429 must reach the gate (the key makes the plan's own retries safe)
    body = rollout_request_to_dict(row.request)
    return bind("create_rollout", body=body, idempotency_key=row.key, max_retries=0)


def _created_id(created: dict[str, Any]) -> str:
    rid = rollout_id_of(created)
    if rid is None:
        raise APIResponseValidationError("the create-rollout response has no rollout_id; check backend_base")
    return rid


def _wave_spec(pool_id: str | None, rows: Sequence[RowState]) -> RequestSpec:
    # the real service's batch route (design/real-service.md): each item admitted on its own
    body = {"pool_id": pool_id, "rollouts": [row.request for row in rows]}
    return bind("create_rollouts_batch", body=body, max_retries=0)


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


def _launch_wave(plan: BatchPlan, rollouts: RolloutsNamespace) -> None:
    """``batch_create=True``: the first wave through the batch route (see :func:`run_batch`)."""
    waves = plan.first_wave()
    for n, (pool_id, rows) in enumerate(waves):
        try:
            answer = rollouts._object(_wave_spec(pool_id, rows))
            unsure = plan.wave_answered(rows, page_items(answer, what="the batch route"))
        except APIResponseValidationError:
            raise  # an answer the SDK cannot read is no "none admitted": they may all be running
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


def _cancel_over_budget(plan: BatchPlan, rollouts: RolloutsNamespace) -> None:
    for rollout_id in plan.take_cancels():
        try:
            rollouts.cancel(rollout_id, reason="batch budget reached")
        except APIError as exc:  # it finishes on its own; the budget already stopped new launches
            plan.cancel_failed(rollout_id, exc)


def _drive(plan: BatchPlan, rollouts: RolloutsNamespace, row: RowState, gate: Gate, poll: float) -> None:
    """Take ``row`` through its steps until it is done, left for a rerun, or the batch stops."""
    while not gate.stopping:
        step = plan.next_step(row)
        if step is Step.DONE:
            return
        try:
            if step is Step.CREATE:
                if not gate.admit(row):
                    return
                plan.created(row, _created_id(rollouts._object(_create_spec(row))))
            elif step is Step.FOLLOW:
                assert row.rollout_id is not None
                with rollouts.events(row.rollout_id, cursor=row.cursor) as stream:
                    for event in stream:
                        plan.event(row, event, stream._raw_text())
                        if gate.stopping:
                            return
                plan.stream_ended(row)
            else:
                assert row.rollout_id is not None
                handle = rollouts.handle(row.rollout_id)
                rollout = handle.wait(poll_interval=poll, max_poll_interval=poll)
                plan.ended(row)
                plan.collected(row, rollout, handle.usage())
                _cancel_over_budget(plan, rollouts)
        except CallbackError:
            raise
        except Exception as exc:
            delay = plan.failed(row, exc)
            if delay is None:
                return
            if delay:
                gate.sleep(delay)
    plan.gave_up(row)
