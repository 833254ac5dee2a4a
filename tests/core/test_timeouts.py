"""Which read timeout a call gets: its own timeout=, else the client's timeout=, else 30 s.

Event streams wait at least 60 s between events (servers send heartbeats less often than a
short call timeout), unless the call sets its own timeout.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

import synth_pools as sp
from tests.support.fakes import async_client, sync_client


def _recorder() -> tuple[list[dict[str, Any]], Any]:
    seen: list[dict[str, Any]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.extensions["timeout"])
        if request.url.path.endswith("/events"):
            env = {"id": "ro_1:1", "event": "lifecycle", "seq": 1, "data": {"status": "succeeded"}}
            body = f"id: ro_1:1\nevent: lifecycle\ndata: {json.dumps(env)}\n\n"
            return httpx.Response(200, text=body, headers={"content-type": "text/event-stream"})
        return httpx.Response(200, json={"rollout_id": "ro_1", "status": "running", "pool_id": "p"})

    return seen, handler


def test_client_timeout_is_every_calls_default() -> None:
    seen, handler = _recorder()
    client, _ = sync_client(handler, timeout=5.0)
    client.rollouts.get("ro_1")
    client.pools.get("p")
    client.rollouts.get("ro_1", timeout=7.0)  # the call's own wins
    list(client.rollouts.events("ro_1"))
    assert [t["read"] for t in seen] == [5.0, 5.0, 7.0, 60.0]
    assert all(t["connect"] <= 5.0 for t in seen)


def test_default_is_thirty_seconds() -> None:
    seen, handler = _recorder()
    client, _ = sync_client(handler)
    client.rollouts.get("ro_1")
    assert seen[0]["read"] == 30.0


async def test_async_client_timeout_too() -> None:
    seen, handler = _recorder()
    client, _ = async_client(handler, timeout=4.0)
    await client.rollouts.get("ro_1")
    await client.rollouts.get("ro_1", timeout=9.0)
    await client.aclose()
    assert [t["read"] for t in seen] == [4.0, 9.0]


def test_with_options_changes_retries_and_timeout_for_some_calls() -> None:
    calls: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.extensions["timeout"]["read"])
        return httpx.Response(503, json={"error": {"code": "busy", "message": "later"}})

    client, _ = sync_client(handler, timeout=5.0)  # default max_retries: 2
    with pytest.raises(sp.InternalServerError):
        client.rollouts.get("ro_1")
    assert calls == [5.0, 5.0, 5.0]
    calls.clear()
    quick = client.with_options(max_retries=0, timeout=2.0)
    with pytest.raises(sp.InternalServerError):
        quick.rollouts.get("ro_1")
    assert calls == [2.0]
    assert quick._transport.client is client._transport.client  # one connection pool
    quick.close()
    assert not client._transport.client.is_closed  # the pool is the original client's
    with pytest.raises(ValueError, match="timeout"):
        client.with_options(timeout=-1)


def test_with_options_on_the_container_pools_client() -> None:
    calls: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.extensions["timeout"]["read"])
        return httpx.Response(200, json={"pool_id": "p"})

    client = sp.ContainerPoolsClient(
        api_key="sk_test", backend_base="http://testserver", transport=httpx.MockTransport(handler)
    )
    client.with_options(timeout=4.0).get_pool("p")
    client.get_pool("p")
    assert calls == [4.0, 30.0]


async def test_async_with_options() -> None:
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        return httpx.Response(503, json={"error": {"code": "busy", "message": "later"}})

    client, _ = async_client(handler)
    with pytest.raises(sp.InternalServerError):
        await client.with_options(max_retries=1).rollouts.get("ro_1")
    assert calls == 2
    await client.aclose()
