"""1,000 concurrent ``get_pool`` calls: native-async ``AsyncContainerPoolsClient`` vs a thread pool.

The public ``AsyncContainerPoolsClient`` is ``asyncio.to_thread`` over the sync client. This
script starts the local backend (a child process on 127.0.0.1, stopped by PID on exit), creates
one pool, then times N concurrent ``get_pool`` calls from one event loop, per variant:

- ``async (aiohttp transport)``: ``AsyncContainerPoolsClient()``, the default;
- ``async (httpx transport)``:   ``AsyncContainerPoolsClient(async_transport="httpx")``;
- ``to_thread(sync client)``:    ``asyncio.to_thread(ContainerPoolsClient.get_pool, ...)`` on the
  default executor, i.e. the public implementation's design (over our pooled sync client, which
  flatters it: the public sync client also opens a new connection per call).

Each round runs every variant once, in rotating order, after one warm-up round; the table shows
the median wall time over the rounds, its min-max, calls per second, and the speedup over the
thread pool (median of per-round ratios). The load average is printed too: on a shared 2-core
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

from synth_pools.pools import AsyncContainerPoolsClient, ContainerPoolsClient
from synth_pools_server.launcher import start_backend

Call = Callable[[], Awaitable[Any]]
BASELINE = "to_thread(sync client)"


async def fan_out(call: Call, n: int) -> float:
    start = time.perf_counter()
    results = await asyncio.gather(*(call() for _ in range(n)))
    elapsed = time.perf_counter() - start
    assert len(results) == n and all("pool_id" in r for r in results), "every call must succeed"
    return elapsed


async def measure(base_url: str, api_key: str, calls: int, rounds: int) -> dict[str, list[float]]:
    sync_client = ContainerPoolsClient(api_key=api_key, backend_base=base_url)
    pool_id = sync_client.create_pool({"pool_id": "bench-get-pool", "pool_type": "sandbox"})["pool_id"]
    aio = AsyncContainerPoolsClient(api_key=api_key, backend_base=base_url)
    plain = AsyncContainerPoolsClient(api_key=api_key, backend_base=base_url, async_transport="httpx")
    variants: dict[str, Call] = {
        "async (aiohttp transport)": lambda: aio.get_pool(pool_id),
        "async (httpx transport)": lambda: plain.get_pool(pool_id),
        BASELINE: lambda: asyncio.to_thread(sync_client.get_pool, pool_id),
    }
    names = list(variants)
    times: dict[str, list[float]] = {name: [] for name in names}
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


def render(times: dict[str, list[float]], calls: int, load: tuple[float, float]) -> str:
    base = times[BASELINE]
    lines = [
        f"{calls} concurrent get_pool calls, median of {len(base)} rounds "
        f"(load average {load[0]:.1f} before, {load[1]:.1f} after, {os.cpu_count()} cores)",
        f"{'variant':<28}{'median s':>10}{'min-max s':>16}{'calls/s':>10}{'speedup':>10}",
    ]
    for name, values in times.items():
        med = statistics.median(values)
        spread = f"{min(values):.3f}-{max(values):.3f}"
        # speedup: median of per-round ratios; rounds are paired, so machine-wide slow spells
        # (other processes on a shared box) cancel out better than in a ratio of medians
        speedup = statistics.median(b / v for b, v in zip(base, values, strict=True))
        lines.append(f"{name:<28}{med:>10.3f}{spread:>16}{calls / med:>10.0f}{speedup:>9.2f}x")
    lines.append(f"speedup = {BASELINE} time / variant time, per round")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as data_dir, start_backend(Path(data_dir)) as backend:
        times = asyncio.run(measure(backend.base_url, backend.api_key, args.calls, args.rounds))
    print(render(times, args.calls, (before, os.getloadavg()[0])))


if __name__ == "__main__":
    main()
