"""Every documented method over real HTTP against the local backend, sync and async.

One async test body drives both clients (``call`` awaits only what is awaitable), through a
recorder, and ends by checking that every method and alias parsed from the reference document,
and every namespace method, was really called.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from synth_pools.pools import AsyncContainerPoolsClient, ContainerPoolsClient
from tests.support.backend import LocalBackend
from tests.support.reference_surface import reference_surface

from ._support import (
    NAMESPACE_METHODS,
    RUN_TASK,
    SLOW_TASK,
    AnyClient,
    Recorder,
    call,
    close,
    collect,
    unique,
)

pytestmark = pytest.mark.timeout(180)

MODES = ["sync", "async"]


def make_client(mode: str, backend: LocalBackend, **kwargs: Any) -> AnyClient:
    options: dict[str, Any] = {"api_key": backend.api_key, "backend_base": backend.base_url, **kwargs}
    if mode == "sync":
        return ContainerPoolsClient(**options)
    return AsyncContainerPoolsClient(**options)


@pytest.fixture(params=MODES)
async def client(request: pytest.FixtureRequest, backend: LocalBackend) -> AsyncIterator[AnyClient]:
    c = make_client(request.param, backend)
    try:
        yield c
    finally:
        await close(c)


def _statuses(events: list[dict[str, Any]]) -> list[str]:
    return [e["data"]["status"] for e in events if e["event"] == "lifecycle"]


async def test_every_documented_method_over_http(client: AnyClient) -> None:
    seen: set[str] = set()
    pools: Any = Recorder(client, seen)
    pool_id, other_pool = unique("cp"), unique("cp")

    # --- pools: create / create, get / get, list / list, replace, update, urls, metrics ---
    created = await call(pools.create_pool({"pool_id": pool_id, "pool_type": "sandbox", "max_queue": 50}))
    assert created["pool_id"] == pool_id
    assert (await call(pools.create({"pool_id": other_pool, "pool_type": "sandbox"})))[
        "pool_id"
    ] == other_pool
    assert (await call(pools.get_pool(pool_id)))["pool_id"] == pool_id
    assert (await call(pools.get(other_pool)))["pool_id"] == other_pool
    # the service answers pool lists as {items, next_cursor}: limit caps a page, the cursor goes on
    page = await call(pools.list_pools(limit=1))
    assert len(page["items"]) == 1 and page["next_cursor"]
    every = await call(pools.list())
    assert {pool_id, other_pool} <= {p["pool_id"] for p in every["items"]}
    replaced = await call(
        pools.replace_pool(pool_id, {"pool_id": pool_id, "pool_type": "sandbox", "max_queue": 40})
    )
    assert replaced["max_queue"] == 40
    replaced = await call(pools.replace(other_pool, {"pool_id": other_pool, "pool_type": "browser"}))
    assert replaced["pool_type"] == "browser"
    assert (await call(pools.update_pool(pool_id, {"max_queue": 30})))["max_queue"] == 30
    assert (await call(pools.update(pool_id, {"max_queue": 20})))["max_queue"] == 20
    urls = await call(pools.get_pool_urls(pool_id))
    assert urls["rollouts_url"].endswith(f"/v1/pools/{pool_id}/rollouts")
    assert (await call(pools.get_urls(pool_id)))["pool_id"] == pool_id
    assert (await call(pools.get_pool_metrics(pool_id)))["pool_id"] == pool_id
    assert (await call(pools.metrics.get(pool_id)))["pool_id"] == pool_id

    # --- tasks, direct and through the namespace ---
    task = await call(pools.create_task(pool_id, {"task_id": "t-run", **RUN_TASK}))
    assert task["task_id"] == "t-run"
    await call(pools.tasks.create(pool_id, {"task_id": "t-slow", **SLOW_TASK}))
    await call(pools.tasks.create(pool_id, {"task_id": "t-gone", **RUN_TASK}))
    listed = await call(pools.list_tasks(pool_id))
    assert {t["task_id"] for t in listed["items"]} == {"t-run", "t-slow", "t-gone"}
    assert len((await call(pools.tasks.list(pool_id, limit=2)))["items"]) == 2
    put = await call(
        pools.update_task(pool_id, "t-gone", {"task_id": "t-gone", **RUN_TASK, "env_vars": {"A": "1"}})
    )
    assert put["env_vars"] == {"A": "1"}
    await call(pools.tasks.update(pool_id, "t-gone", {"task_id": "t-gone", **RUN_TASK}))
    assert (await call(pools.patch_task(pool_id, "t-gone", {"env_vars": {"B": "2"}})))["env_vars"] == {
        "B": "2"
    }
    assert (await call(pools.tasks.patch(pool_id, "t-gone", {"env_vars": {"C": "3"}})))["env_vars"] == {
        "C": "3"
    }
    await call(pools.delete_task(pool_id, "t-gone"))
    await call(pools.tasks.create(pool_id, {"task_id": "t-gone2", **RUN_TASK}))
    await call(pools.tasks.delete(pool_id, "t-gone2"))
    assert {t["task_id"] for t in (await call(pools.list_tasks(pool_id)))["items"]} == {"t-run", "t-slow"}

    # --- pool-scoped rollouts ---
    rollout = await call(pools.create_rollout(pool_id, {"task_id": "t-run", "seed": 1}))
    rid = rollout["rollout_id"]
    events = await collect(pools.stream_rollout_events(pool_id, rid))
    assert _statuses(events)[-1] == "completed"
    assert [e["seq"] for e in events] == sorted({e["seq"] for e in events}), "every event once, in order"
    assert any(e["event"] == "agent" and e["data"].get("line") == "hello" for e in events)
    assert any(e["event"] == "reward" and e["data"]["reward"] == 0.75 for e in events)
    # resuming from a cursor yields only what came after it
    resumed = await collect(pools.stream_rollout_events(pool_id, rid, cursor=events[1]["id"]))
    assert [e["seq"] for e in resumed] == [e["seq"] for e in events[2:]]
    assert (await call(pools.get_rollout(pool_id, rid)))["status"] == "completed"
    assert (await call(pools.get_rollout_summary(pool_id, rid)))["reward"] == 0.75
    manifest = await call(pools.get_rollout_artifacts(pool_id, rid))
    assert "result.txt" in {a["path"] for a in manifest["artifacts"]}
    assert (await call(pools.get_rollout_usage(pool_id, rid)))["rollout_id"] == rid
    assert rid in {r["rollout_id"] for r in (await call(pools.list_rollouts(pool_id)))["items"]}

    ns_rollout = await call(pools.rollouts.create(pool_id, {"task_id": "t-run"}))
    ns_rid = ns_rollout["rollout_id"]
    assert _statuses(await collect(pools.rollouts.events(pool_id, ns_rid)))[-1] == "completed"
    assert (await call(pools.rollouts.get(pool_id, ns_rid)))["rollout_id"] == ns_rid
    assert (await call(pools.rollouts.summary(pool_id, ns_rid)))["status"] == "completed"
    assert (await call(pools.rollouts.artifacts(pool_id, ns_rid)))["rollout_id"] == ns_rid
    assert (await call(pools.rollouts.usage(pool_id, ns_rid)))["rollout_id"] == ns_rid
    assert len((await call(pools.rollouts.list(pool_id, limit=1)))["items"]) == 1

    slow = await call(pools.create_rollout(pool_id, {"task_id": "t-slow"}))
    await call(pools.cancel_rollout(pool_id, slow["rollout_id"]))
    assert (
        _statuses(await collect(pools.stream_rollout_events(pool_id, slow["rollout_id"])))[-1] == "cancelled"
    )
    slow = await call(pools.rollouts.create(pool_id, {"task_id": "t-slow"}))
    await call(pools.rollouts.cancel(pool_id, slow["rollout_id"]))
    assert _statuses(await collect(pools.rollouts.events(pool_id, slow["rollout_id"])))[-1] == "cancelled"
    assert (await call(pools.get_rollout(pool_id, slow["rollout_id"])))["status"] == "cancelled"

    # --- global rollouts, direct and through agent_rollouts ---
    glob = await call(pools.create_global_rollout({"pool_id": pool_id, "task_id": "t-run"}))
    gid = glob["rollout_id"]
    assert _statuses(await collect(pools.stream_global_rollout_events(gid)))[-1] == "completed"
    assert (await call(pools.get_global_rollout(gid)))["status"] == "completed"
    assert (await call(pools.get_global_rollout_summary(gid)))["reward"] == 0.75
    assert (await call(pools.get_global_rollout_artifacts(gid)))["rollout_id"] == gid
    assert (await call(pools.get_global_rollout_usage(gid)))["rollout_id"] == gid
    assert (await call(pools.list_global_rollouts(limit=5)))["items"]
    agent = await call(pools.agent_rollouts.create({"pool_id": pool_id, "task_id": "t-run"}))
    aid = agent["rollout_id"]
    assert _statuses(await collect(pools.agent_rollouts.events(aid)))[-1] == "completed"
    assert (await call(pools.agent_rollouts.get(aid)))["rollout_id"] == aid
    assert (await call(pools.agent_rollouts.summary(aid)))["rollout_id"] == aid
    assert (await call(pools.agent_rollouts.artifacts(aid)))["rollout_id"] == aid
    assert (await call(pools.agent_rollouts.usage(aid)))["rollout_id"] == aid
    assert (await call(pools.agent_rollouts.list(limit=1)))["items"]
    slow_g = await call(pools.create_global_rollout({"pool_id": pool_id, "task_id": "t-slow"}))
    await call(pools.cancel_global_rollout(slow_g["rollout_id"]))
    slow_g = await call(pools.agent_rollouts.create({"pool_id": pool_id, "task_id": "t-slow"}))
    await call(pools.agent_rollouts.cancel(slow_g["rollout_id"]))
    assert (
        _statuses(await collect(pools.stream_global_rollout_events(slow_g["rollout_id"])))[-1] == "cancelled"
    )

    # --- containers ---
    assert (await call(pools.get_pool_container_health(pool_id)))["pool_id"] == pool_id
    assert (await call(pools.get_task_container_health(pool_id, "t-run")))["task_id"] == "t-run"
    assert (await call(pools.get_pool_container_info(pool_id)))["pool_id"] == pool_id
    assert (await call(pools.get_task_container_info(pool_id, "t-run")))["task_id"] == "t-run"
    assert (await call(pools.get_pool_container_metadata(pool_id)))["pool_id"] == pool_id
    assert (await call(pools.get_task_container_metadata(pool_id, "t-run")))["task_id"] == "t-run"
    one_off = await call(pools.execute_pool_container_rollout(pool_id, {"task_id": "t-run", "seed": 7}))
    assert one_off["pool_id"] == pool_id
    for_task = await call(pools.execute_task_container_rollout(pool_id, "t-run", {"seed": 8}))
    assert (
        _statuses(await collect(pools.stream_global_rollout_events(for_task["rollout_id"])))[-1]
        == "completed"
    )

    # --- service ---
    assert "saturated" in await call(pools.get_queue_status())
    assert "harbor" in (await call(pools.get_capabilities()))["pool_targets"]
    assert pools.raw() is client and client.raw is client
    seen.add("raw")

    # --- delete / delete ---
    await call(pools.delete_pool(other_pool))
    await call(pools.delete(pool_id))
    assert pool_id not in {p["pool_id"] for p in [x async for x in _walk(client)]}

    documented = {m["name"] for m in reference_surface()["container_pools"]["methods"]}
    namespaced = {f"{ns}.{name}" for ns, methods in NAMESPACE_METHODS.items() for name in methods}
    assert not (documented | namespaced) - seen, f"never called: {sorted((documented | namespaced) - seen)}"


async def _walk(client: AnyClient) -> AsyncIterator[dict[str, Any]]:
    walker = client.iter_pools(limit=2)
    if isinstance(walker, AsyncIterator):
        async for pool in walker:
            yield pool
    else:
        for pool in walker:
            yield pool
