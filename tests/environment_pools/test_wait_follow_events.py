"""wait(follow_events=True): the terminal status is seen through the event stream, not by polling.

Counted on the wire (an httpx event hook): the rollout is fetched once before the stream and once
after its terminal event, however long the run takes; a deadline still raises RolloutWaitTimeout.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

import synth_pools as sp
from tests.support.backend import LocalBackend, start_backend
from tests.support.rollout_requests import rollout_request

KEY = "sk_test_pro"


@pytest.fixture(scope="module")
def quick_heartbeats(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalBackend]:
    # heartbeats every 0.2 s, so a sync wait notices its deadline within that much
    with start_backend(tmp_path_factory.mktemp("hb"), extra_args=["--heartbeat-sec", "0.2"]) as backend:
        yield backend


def _pool(client: Any, command: str) -> dict[str, Any]:
    """A pool with one command task, and the rollout request that runs it."""
    pool_id, task_id = f"wait-{uuid.uuid4().hex[:8]}", "t"
    client.pools.create({"pool_id": pool_id, "pool_type": "sandbox", "concurrency": 4})
    client.pools.tasks.create(pool_id, {"task_id": task_id, "backend": "harbor", "run": {"command": command}})
    return rollout_request(pool_id, task_id, dataset="wait")


Counted = tuple[sp.EnvironmentPoolsClient, Counter[str]]


@pytest.fixture
def counted(quick_heartbeats: LocalBackend) -> Iterator[Counted]:
    """A client whose requests are counted on the wire: GETs of the rollout, and event streams."""
    seen: Counter[str] = Counter()

    def count(request: httpx.Request) -> None:
        path = request.url.path
        seen["events" if path.endswith("/events") else "get" if request.method == "GET" else "other"] += 1

    http = httpx.Client(base_url=quick_heartbeats.base_url, event_hooks={"request": [count]})
    with sp.EnvironmentPoolsClient(
        api_key=KEY, backend_base=quick_heartbeats.base_url, http_client=http
    ) as c:
        yield c, seen
    http.close()


def test_sync_wait_returns_on_the_terminal_event(counted: Counted) -> None:
    client, seen = counted
    handle = client.rollouts.create(_pool(client, "sleep 1.5; echo done"))
    seen.clear()
    final = handle.wait(timeout=30, follow_events=True, poll_interval=0.05)
    assert final["status"] == "completed"
    # polling every 0.05 s for 1.5 s would have made ~30 GETs
    assert seen == {"get": 2, "events": 1}, seen


def test_sync_wait_on_events_still_times_out(quick_heartbeats: LocalBackend) -> None:
    with sp.EnvironmentPoolsClient(api_key=KEY, backend_base=quick_heartbeats.base_url) as client:
        handle = client.rollouts.create(_pool(client, "sleep 30"))
        with pytest.raises(sp.RolloutWaitTimeout) as info:
            handle.wait(timeout=0.5, follow_events=True)
        assert info.value.last_status in ("queued", "running")
        handle.cancel()


def test_wait_on_a_finished_rollout_opens_no_stream(counted: Counted) -> None:
    client, seen = counted
    handle = client.rollouts.create(_pool(client, "true"))
    handle.wait(timeout=30)
    seen.clear()
    assert handle.wait(timeout=30, follow_events=True)["status"] == "completed"
    assert seen == {"get": 1}, seen


@pytest.mark.parametrize("transport", ["aiohttp", "httpx"])
async def test_async_wait_on_events(quick_heartbeats: LocalBackend, transport: Any) -> None:
    async with sp.AsyncEnvironmentPoolsClient(
        api_key=KEY, backend_base=quick_heartbeats.base_url, async_transport=transport
    ) as client:
        with sp.EnvironmentPoolsClient(api_key=KEY, backend_base=quick_heartbeats.base_url) as setup:
            request = _pool(setup, "sleep 30")
            fast = _pool(setup, "echo quick")
        slow = await client.rollouts.create(request)
        with pytest.raises(sp.RolloutWaitTimeout):
            await slow.wait(timeout=0.4, follow_events=True)
        await slow.cancel()
        done = await client.rollouts.create(fast)
        assert (await done.wait(timeout=30, follow_events=True))["status"] == "completed"
