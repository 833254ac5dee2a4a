"""The scheduler's public methods: what the service asks of it, without reaching into its state."""

from __future__ import annotations

import asyncio

from synth_pools_server.scheduler import Scheduler


async def test_cancel_and_wait_returns_once_the_runner_stopped() -> None:
    started, stopped = asyncio.Event(), asyncio.Event()

    async def run(rollout_id: str) -> None:
        started.set()
        try:
            await asyncio.sleep(60)
        finally:
            await asyncio.sleep(0.01)  # the runner's cleanup takes a moment
            stopped.set()

    scheduler = Scheduler(workers=1, run=run, lane_limit=lambda lane: None)
    scheduler.enqueue("r1", ("org", "p"), 0)
    scheduler.enqueue("r2", ("org", "p"), 0)
    await started.wait()
    assert scheduler.running_ids() == ["r1"] and scheduler.is_running("r1")
    assert scheduler.is_queued("r2") and not scheduler.is_running("r2")
    assert await scheduler.cancel_and_wait("r2") is False  # queued, not running
    assert await scheduler.cancel_and_wait("r1") is True
    assert stopped.is_set(), "it returned before the runner's cleanup ran"
    await asyncio.sleep(0)
    assert scheduler.running_ids() == ["r2"]  # the freed slot went to the next rollout
    await scheduler.shutdown()
    assert scheduler.running_ids() == []
