"""P3M: 500 concurrent event streams of 200 events each, from one event loop, at 50 ms.

Against ``_latency_server`` (its own process): each rollout's stream holds 200 events (the last
one its terminal ``lifecycle`` event) and is served in pages as the real service serves them
(``after_sequence``, ``limit`` default 200, the response ends after ``limit`` events), each page
answered after the service delay. Two consumers, each reading all 500 streams to their terminal
event at once:

- the SDK: ``AsyncEnvironmentPoolsClient.rollouts.handle(id).events()``;
- a bare httpx-sse loop: ``httpx.AsyncClient`` on the httpx-aiohttp transport, ``aiter_sse`` per
  page, ``json.loads`` per event, the next page from ``after_sequence`` = the last sequence seen,
  until the terminal event.

The figure is events/s over the whole fan-out (500 x 200 events / wall time), higher is better.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable

import httpx
from _latency_server import PAGE_LIMIT, LatencyServer
from _paired import Flakes, arounds
from _table import Row
from httpx_aiohttp import AiohttpTransport
from httpx_sse import aconnect_sse

from synth_pools import AsyncEnvironmentPoolsClient

__all__ = ["run"]

API_KEY = "sk-bench-latency"
TERMINAL = frozenset({"succeeded", "failed", "cancelled", "error", "completed"})


async def _bare_stream(client: httpx.AsyncClient, rollout_id: str) -> int:
    count, after = 0, 0
    while True:
        params = {"after_sequence": after, "limit": PAGE_LIMIT}
        async with aconnect_sse(client, "GET", f"/v1/rollouts/{rollout_id}/events", params=params) as source:
            source.response.raise_for_status()
            async for sse in source.aiter_sse():
                if not sse.data:  # the leading `retry:` frame
                    continue
                envelope = json.loads(sse.data)
                count += 1
                after = envelope["seq"]
                if envelope["event"] == "lifecycle" and envelope["data"].get("status") in TERMINAL:
                    return count


async def _sdk_stream(client: AsyncEnvironmentPoolsClient, rollout_id: str) -> int:
    count = 0
    async with client.rollouts.handle(rollout_id).events() as events:
        async for _ in events:
            count += 1
    return count


async def _fan_out(one: Callable[[str], Awaitable[int]], streams: int, events: int) -> float:
    start = time.perf_counter()
    counts = await asyncio.gather(*(one(f"ro-{i:05d}") for i in range(streams)), return_exceptions=True)
    elapsed = time.perf_counter() - start
    for got in counts:
        if isinstance(got, BaseException):
            raise got
        if got != events:
            raise RuntimeError(f"a stream delivered {got} events, expected {events}")
    return streams * events / elapsed


async def _measure(
    base_url: str, streams: int, events: int, count: int, flakes: Flakes
) -> dict[str, list[float]]:
    sdk = AsyncEnvironmentPoolsClient(api_key=API_KEY, backend_base=base_url)
    limits = httpx.Limits(max_connections=1000, max_keepalive_connections=200)
    bare = httpx.AsyncClient(
        base_url=base_url,
        headers={"Authorization": f"Bearer {API_KEY}"},
        timeout=120.0,
        transport=AiohttpTransport(limits=limits),
    )
    variants = {
        "sdk": lambda: _fan_out(lambda rid: _sdk_stream(sdk, rid), streams, events),
        "bare": lambda: _fan_out(lambda rid: _bare_stream(bare, rid), streams, events),
    }
    try:
        return await arounds(variants, count, sdk=("sdk",), flakes=flakes)
    finally:
        await sdk.aclose()
        await bare.aclose()


def run(quick: bool, count: int) -> list[Row]:
    streams = 50 if quick else 500
    events = 200
    flakes = Flakes()
    with LatencyServer(events=events) as server:
        r = asyncio.run(_measure(server.base_url, streams, events, count, flakes))
    delay = f"{server.delay_ms:.0f} ms"
    note = (
        f"{streams} concurrent streams x {events} events, pages of {PAGE_LIMIT} (after_sequence/limit), "
        f"each page answered after {delay}; events/s over the fan-out, higher is better"
    )
    if flakes.seen:
        note += f"; {flakes.note()}"
    return [
        Row(
            "P3M",
            f"{streams} streams x {events} ev @{delay}, async",
            "ev/s",
            r["sdk"],
            "httpx-sse loop, aiohttp tr.",
            r["bare"],
            "ratio>= 0.9",
            note,
        )
    ]
