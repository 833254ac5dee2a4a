"""Where a batch's rows run: worker threads (sync) or tasks on the running loop (async).

The runner (``_async_runner``, and ``_runner`` written from it) drives one row at a time through
its steps; this module is the part that cannot be written from one source: how many rows go at
once, how a row waits (at the admission gate, between a step's tries), and how the run stops.
Each worker takes the next row of the plan's pending ones until none is left.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import threading
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from ._plan import BatchPlan, OnEvent, RowState

__all__ = ["AsyncGate", "AsyncWorkers", "CallbackError", "Gate", "Workers", "calling_back"]


class CallbackError(Exception):
    """``on_event`` raised: that is the caller's bug, so it ends the batch instead of a retry."""

    def __init__(self, error: BaseException) -> None:
        super().__init__(str(error))
        self.error = error


def calling_back(on_event: OnEvent | None) -> OnEvent | None:
    """``on_event`` with what it raises marked as the caller's (see :class:`CallbackError`)."""
    if on_event is None:
        return None

    def call(index: int, event: dict[str, Any]) -> None:
        try:
            on_event(index, event)
        except Exception as exc:
            raise CallbackError(exc) from exc

    return call


# ---------------------------------------------------------------------------------------- sync


class Gate:
    """A worker thread's waits: at the admission gate before a create, and between a step's tries.
    Both end early once the batch stops (``stopping``)."""

    def __init__(self, plan: BatchPlan) -> None:
        self.plan = plan
        self._stop = threading.Event()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def stop(self) -> None:
        self._stop.set()
        self.plan.admission.wake()  # no worker stays parked at the gate

    def admit(self, row: RowState) -> bool:
        """Wait until this row may create (True), or the batch stops launching (False).
        A wait ends early when the gate changes after it began (a slot freed, the limit moved)."""
        while not self._stop.is_set():
            gate = self.plan.admit(row)
            if gate is None or gate[0] <= 0:
                return gate is not None
            self.plan.admission.wait(*gate)
        return False

    def sleep(self, seconds: float) -> None:
        self._stop.wait(seconds)


class Workers:
    """Up to ``concurrency`` threads, each driving rows until none is left or the batch stops."""

    def __init__(self, plan: BatchPlan, concurrency: int) -> None:
        self.plan = plan
        self.concurrency = concurrency

    def run(self, rows: Sequence[RowState], drive: Callable[[RowState, Gate], None]) -> None:
        """Drive every row; closes the plan however the run ends, and raises the first failure
        (the caller's ``on_event`` error as it was raised)."""
        todo = collections.deque(rows)
        gate = Gate(self.plan)
        fatal: list[BaseException] = []

        def worker() -> None:
            while not gate.stopping:
                try:
                    row = todo.popleft()
                except IndexError:
                    return
                try:
                    drive(row, gate)
                except CallbackError as exc:
                    fatal.append(exc.error)
                    gate.stop()
                except BaseException as exc:  # a bug here must not pass silently as a hung batch
                    fatal.append(exc)
                    gate.stop()

        # daemon threads: on Ctrl-C the main thread flushes the journal and leaves; rollouts go on
        threads = [
            threading.Thread(target=worker, name=f"synth-pools-batch-{n}", daemon=True)
            for n in range(min(self.concurrency, len(todo)))
        ]
        try:
            for thread in threads:
                thread.start()
            for thread in threads:
                while thread.is_alive():
                    thread.join(0.2)  # a timed join lets KeyboardInterrupt reach this thread
        finally:
            gate.stop()
            self.plan.close()
        if fatal:
            raise fatal[0]


# --------------------------------------------------------------------------------------- async


class AsyncGate:
    """Parks tasks at the admission gate, first come first served, and wakes as many as the gate
    has room for when it changes (a slot freed, the limit moved); a wait also ends on its own
    time (the service's retry-after). A task group stops by cancelling: never ``stopping``."""

    stopping = False

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
            if gate is None or gate[0] <= 0:
                return gate is not None
            waiter = asyncio.get_running_loop().create_future()
            self.waiters.append(waiter)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(waiter, gate[0])  # or until a slot frees (``_wake``)

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


class AsyncWorkers:
    """Up to ``concurrency`` tasks in one task group, each driving rows until none is left."""

    def __init__(self, plan: BatchPlan, concurrency: int) -> None:
        self.plan = plan
        self.concurrency = concurrency

    async def run(
        self, rows: Sequence[RowState], drive: Callable[[RowState, AsyncGate], Awaitable[None]]
    ) -> None:
        """As :meth:`Workers.run`: the first failure ends the group and is raised as it came."""
        todo = collections.deque(rows)
        gate = AsyncGate(self.plan)

        async def worker() -> None:
            while todo:
                await drive(todo.popleft(), gate)

        try:
            async with asyncio.TaskGroup() as group:
                for _ in range(min(self.concurrency, len(todo))):
                    group.create_task(worker())
        except BaseExceptionGroup as failure:
            first = failure.exceptions[0]
            raise (first.error if isinstance(first, CallbackError) else first) from None
        finally:
            self.plan.admission.on_change = None
            self.plan.close()
