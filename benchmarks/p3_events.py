"""P3: consuming one finished rollout's N agent events (``seq 1 N``), events/s, in pages of 1,000.

The events route speaks the real service's protocol (real-service.md): each response ends after
``limit`` events (at most 1,000), and the next one is asked with ``after_sequence``. So the server
pages every 1,000 events, and every contender here reads page after page:

- the SDK (``RolloutHandle.events()``, sync and async), against a bare httpx-sse paging loop over
  the same stream on the same transport (sync: httpx's own; async: the httpx-aiohttp transport,
  and httpx's default async transport for the SDK's ``async_transport="httpx"`` option);
- ``rollouts.export_events()`` (JSON pages, ``format=json``), against a bare httpx loop of the
  same JSON pages.

Bare loops decode each event's JSON and look for the terminal event too, since a consumer must.
They decode with the stdlib's ``json``, as httpx's ``response.json()`` does; the SDK decodes with
orjson (falling back to the stdlib for what orjson refuses). An informational row pits the SDK
against the sync loop decoding with orjson too, so what is paging and what is decoding stays visible.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import orjson
from _fixtures import Bench
from _table import Row
from httpx_aiohttp import AiohttpTransport
from httpx_sse import EventSource

from synth_pools import AsyncEnvironmentPoolsClient, EnvironmentPoolsClient

__all__ = ["run"]

SSE_HEADERS = {"Accept": "text/event-stream", "Cache-Control": "no-cache"}
PAGE = 1000
TERMINAL = {"completed", "succeeded", "failed", "cancelled", "error"}


def _is_terminal(env: dict[str, object]) -> bool:
    data = env.get("data")
    return env.get("event") == "lifecycle" and isinstance(data, dict) and data.get("status") in TERMINAL


def _bare_sync(client: httpx.Client, path: str, loads: Callable[[str], Any] = json.loads) -> int:
    count = after = 0
    while True:
        params = {"after_sequence": after, "limit": PAGE}
        with client.stream("GET", path, params=params, headers=SSE_HEADERS) as response:
            response.raise_for_status()
            for sse in EventSource(response).iter_sse():
                if sse.data:  # the leading `retry:` frame has none
                    env = loads(sse.data)
                    count += 1
                    after = env["seq"]
                    if _is_terminal(env):
                        return count


async def _bare_async(client: httpx.AsyncClient, path: str) -> int:
    count = after = 0
    while True:
        params = {"after_sequence": after, "limit": PAGE}
        async with client.stream("GET", path, params=params, headers=SSE_HEADERS) as response:
            response.raise_for_status()
            async for sse in EventSource(response).aiter_sse():
                if sse.data:
                    env = json.loads(sse.data)
                    count += 1
                    after = env["seq"]
                    if _is_terminal(env):
                        return count


def _bare_json_pages(client: httpx.Client, path: str) -> int:
    count = after = 0
    while True:
        page = client.get(path, params={"format": "json", "after_sequence": after, "limit": PAGE})
        page.raise_for_status()
        events = page.json()["events"]
        for env in events:  # a consumer looks at each event, and keeps the resume point
            count += 1
            after = env["seq"]
        if not events or _is_terminal(events[-1]):
            return count


def _rate(count: int, start: float) -> float:
    return count / (time.perf_counter() - start)


async def _measure(bench: Bench, rollout_id: str, rounds: int, expected: int) -> dict[str, list[float]]:
    path = f"/v1/rollouts/{rollout_id}/events"
    kw = {"api_key": bench.api_key, "backend_base": bench.base_url}
    sdk = EnvironmentPoolsClient(**kw)
    asdk = AsyncEnvironmentPoolsClient(**kw)
    asdk_httpx = AsyncEnvironmentPoolsClient(**kw, async_transport="httpx")
    raw = httpx.Client(base_url=bench.base_url, headers=bench.headers, timeout=120.0)
    araw = httpx.AsyncClient(
        base_url=bench.base_url, headers=bench.headers, timeout=120.0, transport=AiohttpTransport()
    )
    araw_httpx = httpx.AsyncClient(base_url=bench.base_url, headers=bench.headers, timeout=120.0)

    async def sdk_sync() -> int:
        return sum(1 for _ in sdk.rollouts.handle(rollout_id).events())

    async def sdk_async() -> int:
        return sum([1 async for _ in asdk.rollouts.handle(rollout_id).events()])

    async def sdk_async_httpx() -> int:
        return sum([1 async for _ in asdk_httpx.rollouts.handle(rollout_id).events()])

    async def sdk_export() -> int:
        return sum(1 for _ in sdk.rollouts.export_events(rollout_id))

    async def bare_sync() -> int:
        return _bare_sync(raw, path)

    async def bare_sync_orjson() -> int:
        return _bare_sync(raw, path, orjson.loads)

    async def bare_async() -> int:
        return await _bare_async(araw, path)

    async def bare_async_httpx() -> int:
        return await _bare_async(araw_httpx, path)

    async def bare_export() -> int:
        return _bare_json_pages(raw, path)

    variants: dict[str, Callable[[], Awaitable[int]]] = {
        "sdk_sync": sdk_sync,
        "bare_sync": bare_sync,
        "bare_sync_orjson": bare_sync_orjson,
        "sdk_async": sdk_async,
        "bare_async": bare_async,
        "sdk_async_httpx": sdk_async_httpx,
        "bare_async_httpx": bare_async_httpx,
        "sdk_export": sdk_export,
        "bare_export": bare_export,
    }
    out: dict[str, list[float]] = {k: [] for k in variants}
    try:
        names = list(variants)
        for r in range(rounds + 1):  # round 0 warms up and checks counts
            for name in names[r % len(names) :] + names[: r % len(names)]:
                start = time.perf_counter()
                count = await variants[name]()
                rate = _rate(count, start)
                if count < expected:
                    raise RuntimeError(f"{name} saw {count} events, expected at least {expected}")
                if r:
                    out[name].append(rate)
    finally:
        sdk.close()
        await asdk.aclose()
        await asdk_httpx.aclose()
        await asyncio.to_thread(raw.close)
        await araw.aclose()
        await araw_httpx.aclose()
    return out


def run(bench: Bench, quick: bool, rounds: int) -> list[Row]:
    n = 5_000 if quick else 100_000
    rollout_id = bench.finished_rollout(f"seq 1 {n}")
    r = asyncio.run(_measure(bench, rollout_id, rounds, n))
    what = f"{n:,} events, pages of 1,000"
    note = "events/s over one stored stream (the rollout has finished), higher is better"
    return [
        Row(
            "P3",
            f"{what}, sync events()",
            "ev/s",
            r["sdk_sync"],
            "httpx-sse paging loop, httpx.Client",
            r["bare_sync"],
            "ratio>= 0.9",
            note,
        ),
        Row(
            "P3",
            f"{what}, sync events()",
            "ev/s",
            r["sdk_sync"],
            "the same loop, decoding with orjson",
            r["bare_sync_orjson"],
            "",
            "informational: the bare loop with the SDK's JSON decoder (paging and envelope cost only)",
        ),
        Row(
            "P3",
            f"{what}, async events()",
            "ev/s",
            r["sdk_async"],
            "httpx-sse paging loop, aiohttp transport",
            r["bare_async"],
            "ratio>= 0.9",
        ),
        Row(
            "P3",
            f"{what}, async, httpx transport",
            "ev/s",
            r["sdk_async_httpx"],
            "httpx-sse paging loop, httpx default",
            r["bare_async_httpx"],
            "ratio>= 0.9",
        ),
        Row(
            "P3",
            f"{what}, export_events() (JSON)",
            "ev/s",
            r["sdk_export"],
            "httpx JSON page loop, httpx.Client",
            r["bare_export"],
            "ratio>= 0.9",
            "format=json pages: bulk export of a finished rollout",
        ),
    ]
