"""P2: N concurrent create+get (POST /v1/rollouts then GET it) from one event loop.

Variants, all sending the same requests (JSON body, an Idempotency-Key, then the GET):
the SDK's ``AsyncEnvironmentPoolsClient`` (default aiohttp-backed transport, and with
``async_transport="httpx"``), a bare ``aiohttp.ClientSession``, a bare ``httpx.AsyncClient`` on its
default transport, and ``asyncio.to_thread`` over the sync SDK client (the public implementation's
"async", on the default executor). The pool holds one long rollout at concurrency 1, so creates
queue and no command runs during the measurement.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
import httpx
from _fixtures import Bench, rollout_body
from _table import Row

from synth_pools import AsyncEnvironmentPoolsClient, EnvironmentPoolsClient

__all__ = ["run"]

One = Callable[[], Awaitable[Any]]
LIMIT = 1000


async def _fan_out(one: One, n: int) -> float:
    start = time.perf_counter()
    await asyncio.gather(*(one() for _ in range(n)))
    return time.perf_counter() - start


async def _measure(bench: Bench, n: int, rounds: int) -> dict[str, list[float]]:
    pool_id = bench.pool(1)
    task_id = bench.task(pool_id, "sleep 3600")
    body = rollout_body(pool_id, task_id)
    headers = bench.headers

    sdk = AsyncEnvironmentPoolsClient(api_key=bench.api_key, backend_base=bench.base_url)
    sdk_httpx = AsyncEnvironmentPoolsClient(
        api_key=bench.api_key, backend_base=bench.base_url, async_transport="httpx"
    )
    sync_sdk = EnvironmentPoolsClient(api_key=bench.api_key, backend_base=bench.base_url)
    session = aiohttp.ClientSession(
        bench.base_url, headers=headers, connector=aiohttp.TCPConnector(limit=LIMIT)
    )
    limits = httpx.Limits(max_connections=LIMIT, max_keepalive_connections=200)
    bare_httpx = httpx.AsyncClient(base_url=bench.base_url, headers=headers, limits=limits, timeout=120.0)

    async def via_sdk() -> None:
        handle = await sdk.rollouts.create(body)
        await sdk.rollouts.get(handle.rollout_id)

    async def via_sdk_httpx() -> None:
        handle = await sdk_httpx.rollouts.create(body)
        await sdk_httpx.rollouts.get(handle.rollout_id)

    async def via_aiohttp() -> None:
        async with session.post(
            "/v1/rollouts", json=body, headers={"Idempotency-Key": uuid.uuid4().hex}
        ) as r:
            r.raise_for_status()
            rollout_id = (await r.json())["rollout_id"]
        async with session.get(f"/v1/rollouts/{rollout_id}") as r:
            r.raise_for_status()
            await r.json()

    async def via_httpx() -> None:
        r = await bare_httpx.post("/v1/rollouts", json=body, headers={"Idempotency-Key": uuid.uuid4().hex})
        rollout_id = r.raise_for_status().json()["rollout_id"]
        (await bare_httpx.get(f"/v1/rollouts/{rollout_id}")).raise_for_status().json()

    def sync_pair() -> None:
        handle = sync_sdk.rollouts.create(body)
        sync_sdk.rollouts.get(handle.rollout_id)

    async def via_threads() -> None:
        await asyncio.to_thread(sync_pair)

    variants: dict[str, One] = {
        "sdk": via_sdk,
        "aiohttp": via_aiohttp,
        "httpx": via_httpx,
        "threads": via_threads,
        "sdk_httpx": via_sdk_httpx,
    }
    out: dict[str, list[float]] = {k: [] for k in variants}
    try:
        for one in variants.values():  # warm-up: connections, imports, code paths
            await _fan_out(one, min(n, 50))
        names = list(variants)
        for r in range(rounds):
            for name in names[r % len(names) :] + names[: r % len(names)]:
                out[name].append(await _fan_out(variants[name], n))
    finally:
        await sdk.aclose()
        await sdk_httpx.aclose()
        sync_sdk.close()
        await session.close()
        await bare_httpx.aclose()
    return out


def run(bench: Bench, quick: bool, rounds: int) -> list[Row]:
    n = 100 if quick else 1000
    t = asyncio.run(_measure(bench, n, rounds))
    what = f"{n} create+get"
    note = f"{n} concurrent POST /v1/rollouts + GET each, wall time; creates queue behind a held pool"
    return [
        Row(
            "P2",
            f"{what}, async SDK",
            "s",
            t["sdk"],
            "bare aiohttp session",
            t["aiohttp"],
            "ratio<= 2.0",
            note,
        ),
        Row("P2", f"{what}, async SDK", "s", t["sdk"], "thread-pool adapter", t["threads"], "faster>= 2.0"),
        Row("P2", f"{what}, async SDK", "s", t["sdk"], "bare httpx.AsyncClient", t["httpx"]),
        Row("P2", f"{what}, SDK httpx transport", "s", t["sdk_httpx"], "bare httpx.AsyncClient", t["httpx"]),
    ]
