"""What a batch does next, decided without I/O; the sync and async runners only carry it out.

Each request is a :class:`RowState` that goes CREATE -> FOLLOW (stream its events from the stored
cursor; skipped with ``events="none"``) -> COLLECT (wait for the terminal status, read usage) ->
DONE. :class:`BatchPlan` owns the rows, the journal, the progress report and the failure policy;
the runners call ``next_step`` and feed back what the I/O returned (``created``, ``event``,
``stream_ended``, ``collected``, ``failed``).

Resuming is the same walk from what the journal holds: a finished row starts at DONE (nothing is
fetched again), a created one at FOLLOW from its stored cursor, the rest at CREATE with the key
the journal gave it (the backend answers a repeated key with the rollout it already made).
"""

from __future__ import annotations

import calendar
import enum
import logging
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import attrs

from .. import _json
from .._answers import rollout_id_of
from .._errors import APIStatusError, SynthPoolsValidationError
from .._money import usd
from .._retry import backoff_delay
from .._validation import MAX_BATCH, rollout_requests_to_dicts
from ._admission import Admission, admission_refusal, out_of_credits
from ._budget import Budget
from ._classes import RetryPolicy, class_of, classes_of, retry_policy
from ._journal import Journal, StoredAttempt, redact
from ._results import INCOMPLETE, BatchResult, BatchRow, row_from_rollout

__all__ = ["EVENTS_MODES", "BatchPlan", "EventsMode", "Progress", "RowState", "Step"]

EventsMode = Literal["keep", "last", "none"]
EVENTS_MODES: tuple[str, ...] = ("keep", "last", "none")
# a step that failed transiently (connection, 5xx after the SDK's own retries) is tried again
# this many times in the same run, after these delays; then the row is left for a rerun
STEP_ATTEMPTS = 3
RETRY_DELAYS = (1.0, 4.0)
# a create is sent without the transport's retries (an admission refusal must reach the batch, not
# be retried underneath it); its other transient failures get this many tries, with backoff
CREATE_ATTEMPTS = 6
PROGRESS_EVERY_SEC = 0.25
# a stream hands its events to the journal in batches of this many, or after this long (checked
# at each event); what is not handed over when the client dies is fetched again on resume
HANDOFF_EVENTS = 256
HANDOFF_SEC = 0.1

OnEvent = Callable[[int, dict[str, Any]], None]

# Each rollout a batch creates carries its request's idempotency key in its metadata, under this
# name. A resumed run looks for it among the pool's rollouts before creating a row again, so a
# run killed between sending a create and journaling its answer makes no second rollout even
# where the service ignores the Idempotency-Key header (the real one does not declare it).
BATCH_KEY_TAG = "synth_pools_batch_key"
# the journal's creation time is to the second, and clocks differ: look a little further back
_CREATED_SLACK_SEC = 600

log = logging.getLogger("synth_pools")

# a row's admission slot: none, a create under way, an admitted rollout
NO_SLOT, CREATING, ADMITTED = 0, 1, 2
OUT_OF_CREDITS = "out_of_credits"


def attempt_key(base: str, attempt: int) -> str:
    """Attempt 1 uses the journal's key; each retry its own, derived (a resume re-derives it)."""
    return base if attempt <= 1 else f"{base}-a{attempt}"


class Step(enum.Enum):
    CREATE = "create"
    FOLLOW = "follow"
    COLLECT = "collect"
    DONE = "done"


@attrs.define
class RowState:
    index: int
    request: dict[str, Any]  # the wire dict that is sent (never stored: the journal has a redacted copy)
    key: str
    task_id: str | None = None
    rollout_id: str | None = None
    cursor: str | None = None  # the last event id received: where a stream resumes
    events: int = 0
    stream_done: bool = False
    result: dict[str, Any] | None = None
    error: str | None = None
    attempts: int = 0  # step failures in a row (not admission refusals, not retries)
    base_key: str = ""
    untagged: dict[str, Any] = attrs.field(factory=dict)
    attempt: int = 1  # which attempt (rollout) of the request this is
    earlier: list[dict[str, Any]] = attrs.field(factory=list)  # earlier attempts, summarised
    failure_class: str | None = None
    slot: int = NO_SLOT
    waiting: str | None = None  # "admission" or "budget" while its create waits at the gate
    stopped: str | None = None  # the limit that kept it from launching
    reported: str | None = None  # the status its last lifecycle event named (queued, running...)
    # events received and not yet handed to the journal (only this row's worker touches them):
    # plain attributes and a list of str, nothing the garbage collector must track per event
    unsaved: int = 0
    unsaved_seq: int | None = None
    unsaved_id: str | None = None
    unsaved_first: int = 0  # order (seq, or place in the row) of the first kept text
    unsaved_last: int = 0
    unsaved_texts: list[str] = attrs.field(factory=list)
    handed_at: float = 0.0


@attrs.frozen
class Progress:
    """What a progress display shows: counts so far (``progress=callable`` receives one)."""

    total: int
    created: int
    done: int
    statuses: dict[str, int]
    events: int
    elapsed_sec: float
    queued: int = 0  # not launched yet (the client's queue, not the service's)
    waiting_admission: int = 0  # creates held back: the service refused, or the limit is full
    running: int = 0  # launched, not finished: in flight, whatever the service says of them
    # of those in flight, how many the service last reported in each status (a lifecycle
    # event: {"queued": 20, "running": 44}); a rollout whose stream named none is not counted
    reported: dict[str, int] = attrs.field(factory=dict)
    admission_limit: int = 0  # in flight the batch allows itself now (<= concurrency)
    refusals: int = 0
    retries: int = 0
    spent_usd: float = 0.0
    stopped_by: str | None = None

    def line(self) -> str:
        counts = "  ".join(f"{k} {v}" for k, v in sorted(self.statuses.items()))
        waiting = f"  waiting for admission {self.waiting_admission}" if self.waiting_admission else ""
        extra = f"  | refused {self.refusals}, limit {self.admission_limit}" if self.refusals else ""
        stopped = f"  | stopped by {self.stopped_by}" if self.stopped_by else ""
        spent = f"  | ${usd(self.spent_usd)}" if self.spent_usd else ""
        service = ", ".join(f"{k} {v}" for k, v in sorted(self.reported.items()))
        return (
            f"{self.done}/{self.total} done  ({counts or 'none finished'})  to launch {self.queued}"
            f"{waiting}  in flight {self.running}{f' ({service})' if service else ''}"
            f"  created {self.created}{extra}{spent}"
            f"  | {self.events:,} events | {self.elapsed_sec:,.1f}s{stopped}"
        )


def _text_progress(snapshot: Progress) -> None:
    end = "\r" if sys.stderr.isatty() else "\n"
    sys.stderr.write(snapshot.line() + end)
    sys.stderr.flush()


def _permanent(exc: BaseException) -> bool:
    """A refusal that the same call would get again (bad input, 4xx other than 408/409/429)."""
    if isinstance(exc, SynthPoolsValidationError):
        return True
    if isinstance(exc, APIStatusError):
        if exc.retryable is not None:
            return not exc.retryable
        return 400 <= exc.status_code < 500 and exc.status_code not in (408, 409, 429)
    return False


def _pool_of(request: Mapping[str, Any]) -> str | None:
    pool = request.get("pool_id")
    return pool if isinstance(pool, str) and pool else None


def _parsed_utc(text: str | None) -> float | None:
    """Seconds since the epoch of a ``%Y-%m-%dT%H:%M:%SZ`` stamp, or None."""
    if not text:
        return None
    try:
        return calendar.timegm(time.strptime(text, "%Y-%m-%dT%H:%M:%SZ"))
    except ValueError:
        return None


def _utc_text(seconds: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:500]


def _check_options(
    events: str, journal: str | Path | None, on_event: OnEvent | None, concurrency: int
) -> None:
    if events not in EVENTS_MODES:
        raise SynthPoolsValidationError(
            "events",
            f"{events!r} is not one of {', '.join(EVENTS_MODES)}",
            "pass events='keep', 'last' or 'none'",
        )
    if events == "keep" and journal is None:
        raise SynthPoolsValidationError(
            "events", "events='keep' stores events in the journal, and there is none", "pass journal=PATH"
        )
    if events == "none" and on_event is not None:
        raise SynthPoolsValidationError(
            "on_event",
            "events='none' does not stream events",
            "pass events='last' or 'keep' with on_event",
        )
    if not isinstance(concurrency, int) or isinstance(concurrency, bool) or concurrency < 1:
        raise SynthPoolsValidationError(
            "concurrency", f"{concurrency!r} is not a positive int", "pass e.g. 64"
        )


def _tagged(request: dict[str, Any], key: str) -> dict[str, Any]:
    """The wire request with the batch key in its metadata (the journal keeps the untagged one)."""
    metadata = request.get("metadata")
    return {
        **request,
        "metadata": {**(metadata if isinstance(metadata, Mapping) else {}), BATCH_KEY_TAG: key},
    }


class BatchPlan:
    """The shared brain of ``run_batch`` / ``arun_batch`` (thread-safe where the sync runner needs)."""

    def __init__(
        self,
        requests: Sequence[Any],
        *,
        journal: str | Path | None,
        events: str,
        on_event: OnEvent | None,
        progress: bool | Callable[[Progress], None],
        concurrency: int,
        retry: RetryPolicy | Sequence[str] | bool | None,
        rerun_failed: Sequence[str] | str | None,
        max_cost_usd: float | None,
        max_tokens: int | None,
        max_rollouts: int | None,
        on_budget: str,
        batch_create: bool,
    ) -> None:
        # no defaults here: run_batch / arun_batch state them once and pass every option
        _check_options(events, journal, on_event, concurrency)
        self.retry = retry_policy(retry)
        rerun = classes_of(rerun_failed, "rerun_failed")
        self.budget = Budget(
            max_cost_usd=max_cost_usd, max_tokens=max_tokens, max_rollouts=max_rollouts, on_budget=on_budget
        )
        wire = rollout_requests_to_dicts(requests)  # all checked before a file or request is touched
        self.admission = Admission(concurrency)
        self._gate = threading.Lock()  # the budget check and the slot it grants are one decision
        self.stopped_by: str | None = None
        self._cancels: list[str] | None = None  # on_budget="cancel": rollouts to cancel, once
        self.retries = 0
        self.batch_create = batch_create
        self.events_mode = events
        self.keep = events == "keep"
        self.on_event = on_event
        self._report = _text_progress if progress is True else (progress or None)
        self._lock = threading.Lock()
        self._started = time.monotonic()
        self._last_report = 0.0
        if journal is not None:
            redacted = [redact(w) for w in wire]  # what the journal may keep of each request
            self.journal: Journal | None = Journal.open(journal, redacted, events=events)
            stored = self.journal.stored
            counts = self.journal.event_counts() if self.keep else {}
            earlier = self.journal.attempts()
        else:
            self.journal, stored, counts, earlier = None, [], {}, {}
        run_id = uuid.uuid4().hex[:16]  # without a journal: keys for this run only
        self.rows: list[RowState] = []
        for i, request in enumerate(wire):
            task_ref = request.get("task_ref")
            task_id = task_ref.get("task_id") if isinstance(task_ref, dict) else None
            row = RowState(i, request, key=f"sp-batch-{run_id}-{i}", task_id=task_id, untagged=request)
            if stored:
                s = stored[i]
                row.key, row.rollout_id, row.cursor, row.result = (
                    s.idempotency_key,
                    s.rollout_id,
                    s.last_event_id,
                    s.result,
                )
                # keep: the events stored; last: the stored sequence stands in for the count
                row.events = counts.get(i, 0) if self.keep else (s.last_seq or 0)
            row.base_key = row.key
            for past in earlier.get(i, ()):
                row.earlier.append(past.summary())
                self.budget.count_usage((past.result or {}).get("usage"))
                self.budget.count_launch()
            row.attempt = len(row.earlier) + 1
            row.key = attempt_key(row.base_key, row.attempt)
            row.request = _tagged(request, row.key)
            if row.result is not None:
                row.failure_class = class_of(row.result)
                row.result = {**row.result, "failure_class": row.failure_class, "attempt": row.attempt}
                self.budget.count_usage(row.result.get("usage"))
            if row.rollout_id is not None or row.result is not None:
                self.budget.count_launch()
            self.rows.append(row)
        for row in self.rows:  # retries owed by an earlier run, and those rerun_failed asks for
            if row.result is not None and (
                row.failure_class in rerun or self.retry.wants(row.failure_class, row.attempt)
            ):
                self._new_attempt(row)

    # -- decisions ------------------------------------------------------------------------------
    def next_step(self, row: RowState) -> Step:
        if row.result is not None or row.attempts >= STEP_ATTEMPTS or row.stopped is not None:
            return Step.DONE
        if row.rollout_id is None:
            return Step.CREATE
        if row.slot == NO_SLOT:  # admitted by an earlier run (or adopted): it holds a slot too
            self.admission.hold()
            row.slot = ADMITTED
        if self.events_mode != "none" and not row.stream_done:
            return Step.FOLLOW
        return Step.COLLECT

    def pending(self) -> list[RowState]:
        # rows already admitted first: they hold the service's allowance until they finish
        todo = [row for row in self.rows if row.result is None]
        return sorted(todo, key=lambda row: row.rollout_id is None)

    # -- admission and budget -------------------------------------------------------------------
    def admit(self, row: RowState) -> tuple[float, int] | None:
        """Before a create: None (do not launch: a limit stopped the batch), (0.0, _) (go: a slot
        is taken), or (seconds to wait at most, the admission generation to wait on)."""
        gate = self._admit(row)
        if gate is not None and gate[0] > 0:
            self._changed()  # the row waits: a progress display shows it
        return gate

    def _admit(self, row: RowState) -> tuple[float, int] | None:
        with self._gate:
            if self.stopped_by is not None:
                self._stop(row, self.stopped_by)
                return None
            if self.budget.active:
                limit = self.budget.blocks(self.admission.in_flight)
                if limit is not None:
                    if self.admission.in_flight == 0:  # nothing under way can make room: stop
                        self.stopped_by = limit
                        log.warning("batch stopped launching: budget %s reached", self.budget.describe(limit))
                        self._stop(row, limit)
                        self.admission.wake()
                        return None
                    row.waiting = "budget"
                    return 1.0, self.admission.generation
            wait, generation = self.admission.try_acquire()
            if wait > 0:
                row.waiting = "admission"
                return wait, generation
            row.waiting = None
            row.slot = CREATING
            self.budget.count_launch()
            return 0.0, generation

    # -- the first wave through the batch route -------------------------------------------------
    def first_wave(self) -> list[tuple[str | None, list[RowState]]]:
        """``batch_create=True``: the rows to create now, by pool, as many as the gate admits at
        once (each holds a slot), in chunks the batch route takes. Later creates free one slot at
        a time and go singly; this is where one request instead of ``concurrency`` helps."""
        if not self.batch_create:
            return []
        groups: dict[str | None, list[RowState]] = {}
        for row in self.pending():
            if row.rollout_id is not None or row.stopped is not None:
                continue
            gate = self._admit(row)
            if gate is None:
                break
            if gate[0] > 0:
                row.waiting = None
                break
            groups.setdefault(_pool_of(row.request), []).append(row)
        return [
            (pool, rows[i : i + MAX_BATCH])
            for pool, rows in groups.items()
            for i in range(0, len(rows), MAX_BATCH)
        ]

    def wave_answered(self, rows: Sequence[RowState], items: Sequence[Any]) -> list[RowState]:
        """The batch route's answer: the rollouts it admitted, matched to rows by the key tag in
        their metadata (partial admission: the rest were refused). Returns the rows it cannot
        tell about (an answer without tags): the runner looks for them as after a crash."""
        by_key = {row.key: row for row in rows}
        untold = False
        for item in items:
            metadata = item.get("metadata") if isinstance(item, Mapping) else None
            key = metadata.get(BATCH_KEY_TAG) if isinstance(metadata, Mapping) else None
            rollout_id = rollout_id_of(item) if isinstance(item, Mapping) else None
            row = by_key.pop(key, None) if isinstance(key, str) else None
            if row is None or rollout_id is None:
                untold = True
                continue
            self.created(row, rollout_id)
        if untold:
            return list(by_key.values())
        # partially admitted: the service is full, and names no wait; the limit (now what it
        # admitted) holds the rest back until a slot frees
        self.wave_refused(list(by_key.values()), 0.0)
        return []

    def wave_refused(self, rows: Sequence[RowState], asked: float | None) -> None:
        """Rows the batch route did not admit: admission refusals, not failures."""
        for row in rows:
            if row.slot == CREATING:
                row.slot = NO_SLOT
                row.waiting = "admission"
                self.budget.uncount_launch()
                self.admission.refused(asked)
        self._changed()

    def wave_unsent(self, rows: Sequence[RowState]) -> None:
        """The batch route is not there (or refused the shape): these rows create singly, and so
        does the rest of the run."""
        self.batch_create = False
        for row in rows:
            if row.slot == CREATING:
                self.budget.uncount_launch()
            self._release(row)

    def wave_left(self, rows: Sequence[RowState]) -> None:
        """Rows of a batch call that failed midway that no listing found: they create singly
        (with their key, so a service honouring it answers with any rollout it did make)."""
        for row in rows:
            if row.rollout_id is None:
                if row.slot == CREATING:
                    self.budget.uncount_launch()
                self._release(row)

    def _stop(self, row: RowState, limit: str) -> None:
        row.waiting = None
        row.stopped = limit
        if limit == OUT_OF_CREDITS:
            row.error = "not launched: the service answered 402 (out of credits); add credits and rerun"
        else:
            row.error = f"not launched: budget {self.budget.describe(limit)} reached; rerun with a larger one"

    def _release(self, row: RowState) -> None:
        if row.slot != NO_SLOT:
            self.admission.release(admitted=row.slot == ADMITTED)
            row.slot = NO_SLOT

    def ended(self, row: RowState) -> None:
        """The row's rollout reached a terminal status: its share of the allowance is free before
        its usage is read. With a budget the slot is kept until the cost is counted, so a launch
        never slips between a rollout leaving the in-flight count and its cost arriving."""
        if not self.budget.active:
            self._release(row)

    def take_cancels(self) -> list[str]:
        """``on_budget="cancel"``: the rollouts to cancel now that the budget is spent (once)."""
        with self._gate:
            if self._cancels is None or not self._cancels:
                return []
            out, self._cancels = self._cancels, []
            return out

    def _new_attempt(self, row: RowState) -> None:
        """The row's current attempt failed in a class to retry: journal it, start a new rollout."""
        assert row.result is not None
        past = StoredAttempt(row.index, row.attempt, row.key, row.rollout_id, row.failure_class, row.result)
        if self.journal is not None:
            self.journal.record_retry(past)
        row.earlier.append(past.summary())
        row.attempt += 1
        row.key = attempt_key(row.base_key, row.attempt)
        row.request = _tagged(row.untagged, row.key)
        row.rollout_id = row.cursor = row.result = row.failure_class = None
        row.error = None
        row.stream_done = False
        row.events = 0
        row.attempts = 0
        self.retries += 1

    # -- finding what a killed run created ------------------------------------------------------
    def in_doubt(self) -> dict[str, RowState]:
        """By key: the rows an earlier run may have created without the journal hearing of it
        (resuming a journal, no rollout id stored). Empty for a new journal or without one."""
        if self.journal is None or not self.journal.reopened:
            return {}
        return {row.key: row for row in self.rows if row.rollout_id is None and row.result is None}

    def lookup(self, doubt: Mapping[str, RowState]) -> tuple[list[str | None], str | None]:
        """What to list to find them: the pools (None = no pool filter) and a ``created_after``."""
        pools = sorted({_pool_of(row.request) for row in doubt.values()}, key=lambda p: (p is None, p or ""))
        created = self.journal.meta().get("created_at") if self.journal is not None else None
        moment = _parsed_utc(created)
        after = None if moment is None else _utc_text(moment - _CREATED_SLACK_SEC)
        return pools, after

    def adopt(self, doubt: dict[str, RowState], rollout: Mapping[str, Any]) -> None:
        """Take the row whose key this listed rollout carries as created (and out of ``doubt``)."""
        metadata = rollout.get("metadata")
        key = metadata.get(BATCH_KEY_TAG) if isinstance(metadata, Mapping) else None
        row = doubt.get(key) if isinstance(key, str) else None
        rollout_id = rollout_id_of(rollout)
        if row is not None and rollout_id is not None:
            del doubt[row.key]
            self.created(row, rollout_id)

    def lookup_failed(self, exc: BaseException) -> None:
        log.warning(
            "could not list the rollouts an earlier run of this batch may have created (%s: %s); "
            "resuming relies on the service honouring each create's Idempotency-Key",
            type(exc).__name__,
            exc,
        )

    # -- what the I/O returned ------------------------------------------------------------------
    def created(self, row: RowState, rollout_id: str) -> None:
        row.rollout_id = rollout_id
        row.attempts = 0
        if row.slot == CREATING:
            row.slot = ADMITTED
            self.admission.admitted()
        if self.journal is not None:
            self.journal.record_created(row.index, rollout_id)
        self._changed()

    def event(self, row: RowState, event: dict[str, Any], raw: str | None = None) -> None:
        """One event of ``row``'s stream (each exactly once per run: the stream dedupes by seq);
        ``raw``: the JSON text it was decoded from, if it is exactly that (kept as it came)."""
        eid = event.get("id")
        if isinstance(eid, str) and eid:
            row.cursor = eid
        row.events += 1
        if event.get("event") == "lifecycle":
            data = event.get("data")
            status = data.get("status") if isinstance(data, Mapping) else None
            row.reported = status if isinstance(status, str) else row.reported
        if self.journal is not None:
            seq = event.get("seq")
            seq = seq if type(seq) is int else None
            row.unsaved_seq, row.unsaved_id = seq, eid if isinstance(eid, str) else None
            if self.keep:
                order = row.events if seq is None else seq
                if not row.unsaved_texts:
                    row.unsaved_first = order
                row.unsaved_last = order
                # the text as it came, or encoded now: a callback that changes the dict changes nothing here
                row.unsaved_texts.append(raw if raw is not None else _json.dumps(event))
            row.unsaved += 1
            if row.unsaved >= HANDOFF_EVENTS or time.monotonic() - row.handed_at >= HANDOFF_SEC:
                self.hand_off(row)
        if self.on_event is not None:
            self.on_event(row.index, event)
        self._changed()

    def hand_off(self, row: RowState) -> None:
        """Give the journal the row's events not yet given (a batch: one lock, not one per event)."""
        if self.journal is None or not row.unsaved:
            return
        texts, row.unsaved_texts, row.unsaved = row.unsaved_texts, [], 0
        row.handed_at = time.monotonic()
        kept = (row.unsaved_first, row.unsaved_last, texts) if texts else None
        self.journal.record_events(row.index, (row.unsaved_seq, row.unsaved_id), kept)

    def stream_ended(self, row: RowState) -> None:
        self.hand_off(row)
        row.stream_done = True
        row.attempts = 0

    def collected(self, row: RowState, rollout: Mapping[str, Any], usage: Mapping[str, Any] | None) -> None:
        result = row_from_rollout(row.index, rollout, usage, events=row.events, task_id=row.task_id)
        if result["rollout_id"] is None:
            result["rollout_id"] = row.rollout_id
        row.failure_class = result["failure_class"] = class_of(result)
        result["attempt"] = row.attempt
        row.result = result
        row.error = None
        if self.journal is not None:
            self.journal.record_result(row.index, result)
        self._release(row)
        self.budget.count_usage(result.get("usage"))
        if self.budget.on_budget == "cancel" and self.stopped_by is None:
            reached = self.budget.reached()
            if reached is not None:
                with self._gate:
                    self.stopped_by = reached
                    self._cancels = [
                        r.rollout_id for r in self.rows if r.rollout_id is not None and r.result is None
                    ]
                self.admission.wake()
        if self.stopped_by is None and self.retry.wants(row.failure_class, row.attempt):
            self._new_attempt(row)
        self._changed()

    def failed(self, row: RowState, exc: BaseException) -> float | None:
        """A step raised: the delay before trying it again, or None to leave the row for a rerun.

        An admission refusal of a create is no failure: the row goes back to the gate (which
        waits what the service asked) and nothing is counted against it."""
        self.hand_off(row)  # what a cut stream delivered is kept, and it resumes after it
        creating = row.slot == CREATING
        if creating:
            refused, asked = admission_refusal(exc)
            if refused:
                row.slot = NO_SLOT
                row.waiting = "admission"
                self.budget.uncount_launch()  # nothing was launched
                self.admission.refused(asked)
                self._changed()
                return 0.0
        row.error = _describe(exc)
        row.attempts += 1
        if creating:
            # counted at the gate; the create is sent again with its key (and counted again), or never
            self.budget.uncount_launch()
        if creating and out_of_credits(exc):
            with self._gate:
                self.stopped_by = self.stopped_by or OUT_OF_CREDITS
            self.admission.wake()
            row.failure_class = "refused"
            row.attempts = STEP_ATTEMPTS
            self._release(row)
            return None
        limit = CREATE_ATTEMPTS if creating else STEP_ATTEMPTS
        if _permanent(exc) or row.attempts >= limit:
            # never admitted and refused for good: "refused"; a service that kept failing: "infra"
            row.failure_class = "refused" if creating and _permanent(exc) else "infra"
            row.attempts = STEP_ATTEMPTS
            self._release(row)
            return None
        if creating:
            self._release(row)  # its create goes through the gate again
            return backoff_delay(row.attempts)
        return RETRY_DELAYS[min(row.attempts - 1, len(RETRY_DELAYS) - 1)]

    def gave_up(self, row: RowState) -> None:
        """The row's worker left it (the batch is stopping): give its slot back."""
        self._release(row)

    # -- reporting ------------------------------------------------------------------------------
    def snapshot(self) -> Progress:
        statuses: Counter[str] = Counter()
        reported: Counter[str] = Counter()
        created = events = queued = waiting = running = 0
        for row in self.rows:
            created += row.rollout_id is not None
            events += row.events
            if row.result is not None:
                statuses[str(row.result.get("status"))] += 1
            elif row.rollout_id is not None:
                running += 1
                if row.reported is not None:
                    reported[row.reported] += 1
            elif row.waiting is not None:
                waiting += 1
            elif row.stopped is None and row.attempts < STEP_ATTEMPTS:
                queued += 1
        return Progress(
            total=len(self.rows),
            created=created,
            done=sum(statuses.values()),
            statuses=dict(statuses),
            events=events,
            elapsed_sec=time.monotonic() - self._started,
            queued=queued,
            waiting_admission=waiting,
            running=running,
            reported=dict(reported),
            admission_limit=max(1, int(self.admission.limit)),
            refusals=self.admission.refusals,
            retries=self.retries,
            spent_usd=round(self.budget.spent_usd, 6),
            stopped_by=self.stopped_by,
        )

    def cancel_failed(self, rollout_id: str, exc: BaseException) -> None:
        log.warning(
            "could not cancel rollout %s after the budget was reached (%s)", rollout_id, _describe(exc)
        )

    def _changed(self) -> None:
        if self._report is None:
            return
        now = time.monotonic()
        if now - self._last_report < PROGRESS_EVERY_SEC:
            return
        with self._lock:
            if now - self._last_report < PROGRESS_EVERY_SEC:
                return
            self._last_report = now
            self._report(self.snapshot())

    def result(self) -> BatchResult:
        rows = []
        for row in self.rows:
            if row.result is not None:
                rows.append(BatchRow.from_dict({**row.result, "earlier": list(row.earlier)}))
            else:
                rows.append(
                    BatchRow(
                        index=row.index,
                        rollout_id=row.rollout_id,
                        status=INCOMPLETE,
                        # a run that ended while this row waited says so (status stays incomplete)
                        error=row.error
                        or (
                            f"waiting for {row.waiting} when the run ended; rerun to resume"
                            if row.waiting
                            else None
                        ),
                        events=row.events,
                        task_id=row.task_id,
                        failure_class=row.failure_class,
                        attempt=row.attempt,
                        earlier=list(row.earlier),
                    )
                )
        return BatchResult(
            rows,
            journal_path=None if self.journal is None else self.journal.path,
            stopped_by=self.stopped_by,
            admission={
                "refusals": self.admission.refusals,
                "limit": max(1, int(self.admission.limit)),
                "peak_in_flight_after_refusal": self.admission.peak_after_refusal,
            },
            spent_usd=self.budget.spent_usd,
        )

    def close(self) -> None:
        """Flush the journal and give the last progress line; call it however the run ends."""
        try:
            if self.journal is not None:
                for row in self.rows:  # rows a worker left without a hand-off (Ctrl-C, a fatal error)
                    self.hand_off(row)
                self.journal.close()
        finally:
            if self._report is not None:
                self._report(self.snapshot())
                if self._report is _text_progress and sys.stderr.isatty():
                    sys.stderr.write("\n")
