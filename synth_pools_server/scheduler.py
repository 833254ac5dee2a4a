"""Per-pool queues, per-pool running limits, round-robin fairness across pools, a global worker cap.

A lane is (org_id, pool_id); rollouts without a pool share their org's default lane. Within a
lane, higher `priority` goes first, then FIFO. The dispatcher walks lanes round-robin, so one
pool with a deep queue cannot starve another.
"""

from __future__ import annotations

import asyncio
import functools
import heapq
import itertools
import logging
from collections.abc import Callable, Coroutine
from typing import Any

log = logging.getLogger("synth_pools_server.scheduler")
Lane = tuple[str, str]
DEFAULT_LANE = "_default"


class Scheduler:
    def __init__(
        self,
        workers: int,
        run: Callable[[str], Coroutine[Any, Any, None]],
        lane_limit: Callable[[Lane], int | None],
    ) -> None:
        self.workers = workers
        self._run = run
        self._lane_limit = lane_limit
        self._queues: dict[Lane, list[tuple[int, int, str]]] = {}
        self._lane_of: dict[str, Lane] = {}
        self._running: dict[Lane, set[str]] = {}
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._order: list[Lane] = []
        self._next = 0
        self._counter = itertools.count()

    # -- numbers for metrics ------------------------------------------------------------
    def queued(self, lane: Lane) -> int:
        return len(self._queues.get(lane, ()))

    def running(self, lane: Lane) -> int:
        return len(self._running.get(lane, ()))

    def total_queued(self) -> int:
        return sum(len(q) for q in self._queues.values())

    def total_running(self) -> int:
        return len(self._tasks)

    def lanes(self) -> list[Lane]:
        return sorted(set(self._queues) | set(self._running))

    def is_queued(self, rollout_id: str) -> bool:
        return rollout_id in self._lane_of and rollout_id not in self._tasks

    def is_running(self, rollout_id: str) -> bool:
        return rollout_id in self._tasks

    def running_ids(self) -> list[str]:
        return list(self._tasks)

    # -- changes ------------------------------------------------------------------------
    def enqueue(self, rollout_id: str, lane: Lane, priority: int) -> None:
        heapq.heappush(self._queues.setdefault(lane, []), (-priority, next(self._counter), rollout_id))
        self._lane_of[rollout_id] = lane
        if lane not in self._order:
            self._order.append(lane)
        self.dispatch()

    def remove_queued(self, rollout_id: str) -> bool:
        lane = self._lane_of.get(rollout_id)
        if lane is None or rollout_id in self._tasks:
            return False
        queue = self._queues.get(lane, [])
        for i, item in enumerate(queue):
            if item[2] == rollout_id:
                queue.pop(i)
                heapq.heapify(queue)
                del self._lane_of[rollout_id]
                return True
        return False

    def cancel_running(self, rollout_id: str) -> bool:
        task = self._tasks.get(rollout_id)
        if task is None:
            return False
        task.cancel()
        return True

    async def cancel_and_wait(self, rollout_id: str) -> bool:
        """Cancel a running rollout and return once its runner has stopped (False: not running)."""
        task = self._tasks.get(rollout_id)
        if task is None:
            return False
        task.cancel()
        await asyncio.wait({task})
        return True

    def dispatch(self) -> None:
        while len(self._tasks) < self.workers and self._order:
            picked = None
            for step in range(len(self._order)):
                idx = (self._next + step) % len(self._order)
                lane = self._order[idx]
                queue = self._queues.get(lane)
                if not queue:
                    continue
                limit = self._lane_limit(lane)
                if limit is not None and self.running(lane) >= limit:
                    continue
                picked = lane
                self._next = idx + 1
                break
            if picked is None:
                return
            _, _, rollout_id = heapq.heappop(self._queues[picked])
            self._running.setdefault(picked, set()).add(rollout_id)
            task = asyncio.get_running_loop().create_task(self._wrap(rollout_id))
            # Cleanup in a done-callback, not a `finally`: a task cancelled before its first step
            # never runs any of its code, and its slot must still be released.
            task.add_done_callback(functools.partial(self._release, rollout_id, picked))
            self._tasks[rollout_id] = task
        self._order = [lane for lane in self._order if self._queues.get(lane) or self._running.get(lane)]

    async def _wrap(self, rollout_id: str) -> None:
        try:
            await self._run(rollout_id)
        except asyncio.CancelledError:
            pass
        except Exception:
            log.exception("rollout %s crashed in the runner", rollout_id)

    def _release(self, rollout_id: str, lane: Lane, _task: asyncio.Task[None]) -> None:
        self._tasks.pop(rollout_id, None)
        self._running.get(lane, set()).discard(rollout_id)
        self._lane_of.pop(rollout_id, None)
        self.dispatch()

    async def shutdown(self) -> None:
        for q in self._queues.values():
            q.clear()
        tasks = list(self._tasks.values())
        for t in tasks:
            t.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)
