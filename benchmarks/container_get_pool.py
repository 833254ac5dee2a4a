"""1,000 concurrent ``get_pool`` calls: native-async ``AsyncContainerPoolsClient`` vs a thread pool.

The public ``AsyncContainerPoolsClient`` is ``asyncio.to_thread`` over the sync client. This
script starts the local backend (a child process on 127.0.0.1, stopped by PID on exit), creates
one pool, then times N concurrent ``get_pool`` calls from one event loop, per variant:

- ``async (aiohttp transport)``: ``AsyncContainerPoolsClient()``, the default;
- ``async (httpx transport)``:   ``AsyncContainerPoolsClient(async_transport="httpx")``;
- ``to_thread(sync client)``:    ``asyncio.to_thread(ContainerPoolsClient.get_pool, ...)`` on the
  default executor, i.e. the public implementation's design, over our pooled sync client;
- ``to_thread(client per call)``: the same over a bare ``httpx.Client`` built and closed for each
  call, a model of the public sync client (a new connection per call, design/api-surface.md).

Each round runs every variant once, in rotating order, after one warm-up round; the table shows
the median wall time over the rounds, its min-max, calls per second, the speedup over the
thread pool (median of per-round ratios), and the client's own CPU time (the backend is a
single-process server on the same cores, so it often bounds the wall time of every variant). The load average is printed too: on a shared 2-core
machine other processes move every figure, so read the speedup, and rerun when the load is high.

    .venv/bin/python benchmarks/container_get_pool.py [--calls 1000] [--rounds 7]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx

from synth_pools.pools import AsyncContainerPoolsClient, ContainerPoolsClient
from synth_pools_server.launcher import start_backend

Call = Callable[[], Awaitable[Any]]
BASELINE = "to_thread(sync client)"


async def fan_out(call: Call, n: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) for n concurrent calls.

    The server is a child process, so process_time counts only the client's own work (every
    thread of it): the part of the cost the SDK's design decides, even when the single-process
    server is what bounds the wall time.
    """
    cpu, start = time.process_time(), time.perf_counter()
    results = await asyncio.gather(*(call() for _ in range(n)))
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    assert len(results) == n and all("pool_id" in r for r in results), "every call must succeed"
    return elapsed, cpu


Samples = dict[str, list[tuple[float, float]]]


def _fresh_client_get(base_url: str, api_key: str, pool_id: str) -> Any:
    with httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {api_key}"}) as client:
        response = client.get(f"/v1/pools/{pool_id}")
        response.raise_for_status()
        return response.json()


async def measure(base_url: str, api_key: str, calls: int, rounds: int) -> Samples:
    sync_client = ContainerPoolsClient(api_key=api_key, backend_base=base_url)
    pool_id = sync_client.create_pool({"pool_id": "bench-get-pool", "pool_type": "sandbox"})["pool_id"]
    aio = AsyncContainerPoolsClient(api_key=api_key, backend_base=base_url)
    plain = AsyncContainerPoolsClient(api_key=api_key, backend_base=base_url, async_transport="httpx")
    variants: dict[str, Call] = {
        "async (aiohttp transport)": lambda: aio.get_pool(pool_id),
        "async (httpx transport)": lambda: plain.get_pool(pool_id),
        BASELINE: lambda: asyncio.to_thread(sync_client.get_pool, pool_id),
        "to_thread(client per call)": lambda: asyncio.to_thread(
            _fresh_client_get, base_url, api_key, pool_id
        ),
    }
    names = list(variants)
    times: Samples = {name: [] for name in names}
    try:
        for name in names:  # warm-up: connections, imports, server caches
            await fan_out(variants[name], calls)
        for r in range(rounds):
            # rotate the order so no variant always runs right after the same neighbour
            for name in names[r % len(names) :] + names[: r % len(names)]:
                times[name].append(await fan_out(variants[name], calls))
    finally:
        await aio.aclose()
        await plain.aclose()
        sync_client.close()
    return times


def render(samples: Samples, calls: int, load: tuple[float, float]) -> str:
    base = [wall for wall, _ in samples[BASELINE]]
    lines = [
        f"{calls} concurrent get_pool calls, median of {len(base)} rounds "
        f"(load average {load[0]:.1f} before, {load[1]:.1f} after, {os.cpu_count()} cores)",
        f"{'variant':<28}{'wall s':>8}{'min-max s':>14}{'calls/s':>9}{'speedup':>9}{'client CPU s':>14}",
    ]
    for name, values in samples.items():
        walls = [wall for wall, _ in values]
        med = statistics.median(walls)
        spread = f"{min(walls):.2f}-{max(walls):.2f}"
        # speedup: median of per-round ratios; rounds are paired, so machine-wide slow spells
        # (other processes on a shared box) cancel out better than in a ratio of medians
        speedup = statistics.median(b / v for b, v in zip(base, walls, strict=True))
        cpu = statistics.median(c for _, c in values)
        lines.append(f"{name:<28}{med:>8.3f}{spread:>14}{calls / med:>9.0f}{speedup:>8.2f}x{cpu:>14.3f}")
    lines.append(f"speedup = {BASELINE} wall time / variant wall time, per round;")
    lines.append(
        "client CPU s = CPU time of this process (all threads) during the calls; the server is a child"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as data_dir, start_backend(Path(data_dir)) as backend:
        samples = asyncio.run(measure(backend.base_url, backend.api_key, args.calls, args.rounds))
    print(render(samples, args.calls, (before, os.getloadavg()[0])))


if __name__ == "__main__":
    main()
