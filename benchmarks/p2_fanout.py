"""P2: N concurrent requests from one event loop, through five clients, against two servers.

Clients, all sending the same requests: the SDK's ``AsyncEnvironmentPoolsClient`` (default
aiohttp-backed transport, and with ``async_transport="httpx"``), a bare ``aiohttp.ClientSession``,
a bare ``httpx.AsyncClient`` on its default transport, and ``asyncio.to_thread`` over the sync SDK
client (the public implementation's "async", on the default executor).

Servers:

- the local backend: N create+get (POST /v1/rollouts with an Idempotency-Key, then GET it). The
  pool holds one long rollout at concurrency 1, so creates queue and no command runs. The backend
  saturates near 1,000 requests/s on 2 cores, so here the server, not the client, sets the time.
- the minimal Starlette/uvicorn app (``_latency_server`` with no delay, its own process on
  127.0.0.1) answering small fixed JSON bodies: N create+get and N ``pools.get``. Here the client's own cost shows;
  these rows carry the targets' meaning (<= 2x bare aiohttp, >= 2x faster than threads).
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
import httpx
from _fixtures import Bench, rollout_body
from _latency_server import LatencyServer
from _paired import Flakes, arounds
from _table import Row
from p2l_fanout import fan_out

from synth_pools import AsyncEnvironmentPoolsClient, EnvironmentPoolsClient

__all__ = ["run"]

One = Callable[[], Awaitable[Any]]
Variants = dict[str, One]
LIMIT = 1000
SDK = ("sdk", "sdk_httpx")


class _Clients:
    """The five clients of one server, with the same key and connection limits."""

    def __init__(self, base_url: str, api_key: str) -> None:
        headers = {"Authorization": f"Bearer {api_key}"}
        self.sdk = AsyncEnvironmentPoolsClient(api_key=api_key, backend_base=base_url)
        self.sdk_httpx = AsyncEnvironmentPoolsClient(
            api_key=api_key, backend_base=base_url, async_transport="httpx"
        )
        self.sync_sdk = EnvironmentPoolsClient(api_key=api_key, backend_base=base_url)
        self.session = aiohttp.ClientSession(
            base_url, headers=headers, connector=aiohttp.TCPConnector(limit=LIMIT)
        )
        limits = httpx.Limits(max_connections=LIMIT, max_keepalive_connections=200)
        self.httpx = httpx.AsyncClient(base_url=base_url, headers=headers, limits=limits, timeout=120.0)

    async def aclose(self) -> None:
        await self.sdk.aclose()
        await self.sdk_httpx.aclose()
        self.sync_sdk.close()
        await self.session.close()
        await self.httpx.aclose()


def _create_get(c: _Clients, body: dict[str, Any]) -> Variants:
    async def via_sdk() -> None:
        handle = await c.sdk.rollouts.create(body)
        await c.sdk.rollouts.get(handle.rollout_id)

    async def via_sdk_httpx() -> None:
        handle = await c.sdk_httpx.rollouts.create(body)
        await c.sdk_httpx.rollouts.get(handle.rollout_id)

    async def via_aiohttp() -> None:
        async with c.session.post(
            "/v1/rollouts", json=body, headers={"Idempotency-Key": uuid.uuid4().hex}
        ) as r:
            r.raise_for_status()
            rollout_id = (await r.json())["rollout_id"]
        async with c.session.get(f"/v1/rollouts/{rollout_id}") as r:
            r.raise_for_status()
            await r.json()

    async def via_httpx() -> None:
        r = await c.httpx.post("/v1/rollouts", json=body, headers={"Idempotency-Key": uuid.uuid4().hex})
        rollout_id = r.raise_for_status().json()["rollout_id"]
        (await c.httpx.get(f"/v1/rollouts/{rollout_id}")).raise_for_status().json()

    def sync_pair() -> None:
        handle = c.sync_sdk.rollouts.create(body)
        c.sync_sdk.rollouts.get(handle.rollout_id)

    async def via_threads() -> None:
        await asyncio.to_thread(sync_pair)

    return {
        "sdk": via_sdk,
        "aiohttp": via_aiohttp,
        "httpx": via_httpx,
        "threads": via_threads,
        "sdk_httpx": via_sdk_httpx,
    }


def _pool_get(c: _Clients, pool_id: str) -> Variants:
    path = f"/v1/pools/{pool_id}"

    async def via_sdk() -> None:
        await c.sdk.pools.get(pool_id)

    async def via_sdk_httpx() -> None:
        await c.sdk_httpx.pools.get(pool_id)

    async def via_aiohttp() -> None:
        async with c.session.get(path) as r:
            r.raise_for_status()
            await r.json()

    async def via_httpx() -> None:
        (await c.httpx.get(path)).raise_for_status().json()

    async def via_threads() -> None:
        await asyncio.to_thread(c.sync_sdk.pools.get, pool_id)

    return {
        "sdk": via_sdk,
        "aiohttp": via_aiohttp,
        "httpx": via_httpx,
        "threads": via_threads,
        "sdk_httpx": via_sdk_httpx,
    }


async def _rounds(
    variants: Variants, n: int, rounds: int, warm: int, flakes: Flakes
) -> dict[str, list[float]]:
    """Each variant's wall time per round (order rotated per round), after a warm-up fan-out.

    A baseline's transient error (bare aiohttp does not retry a keep-alive connection the server
    closed between rounds) reruns that round and lands in the notes; an SDK error fails the row.
    """
    timed = {name: (lambda one=one: fan_out(one, n)) for name, one in variants.items()}
    for name, one in variants.items():  # warm-up: connections, imports, code paths
        await arounds({name: lambda one=one: fan_out(one, warm)}, 1, sdk=SDK, flakes=flakes, warm=0)
    return await arounds(timed, rounds, sdk=SDK, flakes=flakes, warm=0)


async def _measure_backend(bench: Bench, n: int, rounds: int, flakes: Flakes) -> dict[str, list[float]]:
    pool_id = bench.pool(1)
    task_id = bench.task(pool_id, "sleep 3600")
    clients = _Clients(bench.base_url, bench.api_key)
    try:
        return await _rounds(
            _create_get(clients, rollout_body(pool_id, task_id)), n, rounds, min(n, 50), flakes
        )
    finally:
        await clients.aclose()


async def _measure_minimal(
    base_url: str, n: int, rounds: int, flakes: Flakes
) -> dict[str, dict[str, list[float]]]:
    clients = _Clients(base_url, "sk-bench-minimal")
    try:
        # warm-up at full width, so every client starts its rounds with its connections open
        return {
            "create+get": await _rounds(
                _create_get(clients, rollout_body("bench-pool", "t-bench")), n, rounds, n, flakes
            ),
            "pools.get": await _rounds(_pool_get(clients, "bench-pool"), n, rounds, n, flakes),
        }
    finally:
        await clients.aclose()


def _rows(what: str, t: dict[str, list[float]], note: str, *, targets: bool = True) -> list[Row]:
    """The rows of one server; ``targets=False`` where the server sets the time (the local
    backend: bare aiohttp itself is not 2x faster than threads there), so the rows inform only."""
    near_aiohttp, beats_threads = ("ratio<= 2.0", "faster>= 2.0") if targets else ("", "")
    return [
        Row(
            "P2",
            f"{what}, async SDK",
            "s",
            t["sdk"],
            "bare aiohttp session",
            t["aiohttp"],
            near_aiohttp,
            note,
        ),
        Row("P2", f"{what}, async SDK", "s", t["sdk"], "thread-pool adapter", t["threads"], beats_threads),
        Row("P2", f"{what}, async SDK", "s", t["sdk"], "bare httpx.AsyncClient", t["httpx"]),
        Row("P2", f"{what}, SDK httpx transport", "s", t["sdk_httpx"], "bare httpx.AsyncClient", t["httpx"]),
    ]


def run(bench: Bench, quick: bool, rounds: int) -> list[Row]:
    n = 50 if quick else 1000  # quick: httpx's own transport takes seconds even for 100 on a busy box
    flakes = Flakes()
    t = asyncio.run(_measure_backend(bench, n, rounds, flakes))
    rows = _rows(
        f"{n} create+get",
        t,
        f"{n} concurrent POST /v1/rollouts + GET each, wall time; creates queue behind a held pool;"
        " the backend sets the time here (informational), the min. ASGI rows carry the targets",
        targets=False,
    )
    with LatencyServer(delay_ms=0) as server:
        minimal = asyncio.run(_measure_minimal(server.base_url, n, rounds, flakes))
    rows += _rows(
        f"{n} create+get, min. ASGI",
        minimal["create+get"],
        f"same {n} create+get against a minimal Starlette/uvicorn app (fixed small JSON, own process)",
    )
    rows += _rows(
        f"{n} pools.get, min. ASGI",
        minimal["pools.get"],
        f"{n} concurrent GET /v1/pools/{{id}} against the same minimal app",
    )
    if flakes.seen:
        rows[0].note += f"; {flakes.note()}"
    return rows
