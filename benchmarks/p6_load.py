"""P6: the local backend with N rollouts in flight: API p99 latency, errors, events/s delivered.

A fresh backend (``--workers`` above N) runs N rollouts of a command that prints one line every
``TICK`` seconds without forking (each line is one ``agent`` event). This process creates them
concurrently with the async SDK and consumes all N event streams; a separate prober process (this
file with ``probe`` arguments; pooled ``httpx.Client``, a few threads) times ``GET
/v1/rollouts/{id}`` throughout, so client-side event-loop load does not count as server latency.
The same prober first runs against the idle backend: that is the baseline. The measured window is
split into sub-windows; the table shows their median and range.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import random
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from _fixtures import Bench, rollout_body
from _stats import percentile
from _table import Row

__all__ = ["run"]

TICK = 0.5
PROBE_THREADS = 4


def _probe(base_url: str, api_key: str, ids_file: str, seconds: float) -> list[tuple[float, float, bool]]:
    import httpx

    ids = json.loads(Path(ids_file).read_text())
    out: list[tuple[float, float, bool]] = []
    lock = threading.Lock()
    start = time.time()

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        with httpx.Client(
            base_url=base_url, headers={"Authorization": f"Bearer {api_key}"}, timeout=30.0
        ) as c:
            while (now := time.time()) - start < seconds:
                ok = True
                try:
                    r = c.get(f"/v1/rollouts/{rng.choice(ids)}")
                    r.json()
                    ok = r.status_code == 200
                except Exception:
                    ok = False
                with lock:
                    out.append((now, (time.time() - now) * 1000.0, ok))

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(PROBE_THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out


def _spawn_probe(bench: Bench, ids: list[str], seconds: float, scratch: Path) -> subprocess.Popen[str]:
    ids_file = scratch / "probe-ids.json"
    ids_file.write_text(json.dumps(ids))
    argv = [sys.executable, __file__, "probe", bench.base_url, bench.api_key, str(ids_file), str(seconds)]
    return subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _collect(proc: subprocess.Popen[str]) -> list[tuple[float, float, bool]]:
    out, err = proc.communicate(timeout=300)
    if proc.returncode != 0:
        raise RuntimeError(f"prober failed: {err.strip()[-600:]}")
    return [tuple(x) for x in json.loads(out)]  # type: ignore[misc]


def _windows(
    samples: list[tuple[float, float, bool]], t0: float, width: float, count: int
) -> list[list[float]]:
    buckets: list[list[float]] = [[] for _ in range(count)]
    for t, ms, ok in samples:
        i = int((t - t0) // width)
        if ok and 0 <= i < count:
            buckets[i].append(ms)
    return buckets


async def _load(
    bench: Bench, n: int, hold: float, ramp: float, windows: int, width: float, scratch: Path
) -> dict[str, Any]:
    from synth_pools import AsyncEnvironmentPoolsClient

    ticks = int(hold / TICK)
    command = f'exec 3<> <(:); i=0; while [ $i -lt {ticks} ]; do i=$((i+1)); echo "tick $i"; read -t {TICK} -u 3; done'
    pool_id = bench.pool(n)
    body = rollout_body(pool_id, bench.task(pool_id, command))
    errors: list[str] = []
    received = [0]

    # baseline: the same prober against the idle backend (one finished rollout to GET)
    idle_id = bench.finished_rollout("echo idle")
    idle_seconds = width * windows / 2
    idle = _collect(_spawn_probe(bench, [idle_id], idle_seconds, scratch))
    idle_start = min(t for t, _, _ in idle)
    idle_p99 = [percentile(b, 99) for b in _windows(idle, idle_start, idle_seconds / windows, windows)]

    async with AsyncEnvironmentPoolsClient(api_key=bench.api_key, backend_base=bench.base_url) as client:

        async def create() -> str | None:
            try:
                handle = await client.rollouts.create(body)
                return handle.rollout_id
            except Exception as exc:
                errors.append(f"create: {type(exc).__name__}: {exc}")
                return None

        async def consume(rollout_id: str) -> None:
            try:
                async for _ in client.rollouts.events(rollout_id):
                    received[0] += 1
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                errors.append(f"events: {type(exc).__name__}: {exc}")

        started = time.monotonic()
        ids = [i for i in await asyncio.gather(*(create() for _ in range(n))) if i]
        create_seconds = time.monotonic() - started
        if not ids:
            raise RuntimeError(f"no rollout could be created: {errors[0] if errors else '?'}")
        consumers = [asyncio.create_task(consume(i)) for i in ids]
        prober = _spawn_probe(bench, ids, ramp + windows * width + 1.0, scratch)
        await asyncio.sleep(ramp)
        queue = (await asyncio.to_thread(bench.http.get, "/v1/queue/status")).json()
        window_start = time.time()
        counts = [received[0]]
        for _ in range(windows):
            await asyncio.sleep(width)
            counts.append(received[0])
        for task in consumers:
            task.cancel()
        await asyncio.gather(*consumers, return_exceptions=True)
    samples = await asyncio.to_thread(_collect, prober)
    loaded = _windows(samples, window_start, width, windows)
    probe_errors = sum(1 for _, _, ok in samples if not ok)
    if probe_errors:
        errors.append(f"probe: {probe_errors} failed GETs")
    return {
        "p99": [percentile(b, 99) for b in loaded],
        "p50": [percentile(b, 50) for b in loaded],
        "idle_p99": idle_p99,
        "events_per_s": [(b - a) / width for a, b in itertools.pairwise(counts)],
        "errors": errors,
        "in_flight": ids,
        "create_seconds": create_seconds,
        "running": queue.get("running") if isinstance(queue, dict) else None,
        "samples": sum(len(b) for b in loaded),
    }


def run(bench_dir: Path, quick: bool, scratch: Path) -> list[Row]:
    n = 50 if quick else 500
    windows, width, ramp = (3, 2.0, 3.0) if quick else (3, 10.0, 8.0)
    hold = ramp + windows * width + (30.0 if not quick else 10.0)
    with Bench(bench_dir, extra_args=("--workers", str(n + 16))) as bench:
        r = asyncio.run(_load(bench, n, hold, ramp, windows, width, scratch))
    expected = len(r["in_flight"]) / TICK
    errors = len(r["errors"])
    note = (
        f"{len(r['in_flight'])} rollouts created in {r['create_seconds']:.1f}s, {r['running']} running at the window;"
        f" {windows}x{width:.0f}s windows, {r['samples']} probe GETs from {PROBE_THREADS} threads in another process"
    )
    err_note = "; ".join(sorted(set(r["errors"]))[:3]) if errors else ""
    rows = [
        Row(
            "P6",
            f"GET rollout p99, {n} in flight",
            "ms",
            r["p99"],
            "same probe, idle backend",
            r["idle_p99"],
            "value< 100",
            note,
        ),
        Row("P6", f"GET rollout p50, {n} in flight", "ms", r["p50"]),
        Row("P6", "errors (creates, streams, probes)", "", [float(errors)], "", [], "value<= 0", err_note),
        Row(
            "P6",
            "events/s delivered to the SDK",
            "ev/s",
            r["events_per_s"],
            "emitted (1 line per rollout per tick)",
            [expected] * windows,
        ),
    ]
    return rows


if __name__ == "__main__" and len(sys.argv) == 6 and sys.argv[1] == "probe":
    print(json.dumps(_probe(sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5]))))
