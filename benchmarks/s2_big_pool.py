"""S2: one organisation's GET while another organisation creates a 10,000-task pool.

    python benchmarks/s2_big_pool.py [--quick] [--rounds 3]

Two organisations on one backend. Each round times org A's GET /v1/rollouts/{id} (back to back,
one client, in a thread) on the idle backend, then again while org B posts one pool of 10,000
tasks (the most a body may hold), until that create has answered. The rows are the longest GET and
the p99 during the create against the same figures idle, in the same round. Before the body's
validation left the event loop, every other request waited for it (~1.5-3 s on a 2-core machine).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _stats import percentile
from _table import Row, render
from s1_flood import KEY_A, KEY_B, KEYS, _pool, _probe, _rollout, _wait

from synth_pools_server.launcher import start_backend


def _big_pool_body(pool_id: str, size: int) -> dict[str, object]:
    tasks = [
        {"task_id": f"t{i}", "backend": "local", "run": {"command": f"echo {i}", "verifier": "echo 1"}}
        for i in range(size)
    ]
    return {"pool_id": pool_id, "pool_type": "sandbox", "tasks": tasks}


def _during_create(
    a: httpx.Client, b: httpx.Client, target: str, body: dict[str, object]
) -> tuple[list[float], float]:
    """GET latencies (ms) while org B's create runs, and the create's own duration (s)."""
    latencies: list[float] = []
    done = threading.Event()

    def probe() -> None:
        while not done.is_set():
            latencies.extend(_probe(a, target, 0.05))

    prober = threading.Thread(target=probe)
    prober.start()
    time.sleep(0.2)  # the prober is at its steady pace before the create starts
    started = time.perf_counter()
    try:
        b.post("/v1/pools", json=body).raise_for_status()
    finally:
        took = time.perf_counter() - started
        done.set()
        prober.join()
    return latencies, took


def run(quick: bool, rounds: int, scratch: Path) -> list[Row]:
    size = 2_000 if quick else 10_000
    idle_max: list[float] = []
    idle_p99: list[float] = []
    busy_max: list[float] = []
    busy_p99: list[float] = []
    creates: list[float] = []
    with (
        start_backend(scratch / "backend-s2", KEYS) as backend,
        httpx.Client(base_url=backend.base_url, headers=backend.headers(KEY_A), timeout=120) as a,
        httpx.Client(base_url=backend.base_url, headers=backend.headers(KEY_B), timeout=120) as b,
    ):
        _pool(a, "probe", "echo ok")
        target = _rollout(a, "probe")
        _wait(a, target, ("completed",))
        _probe(a, target, 0.5)  # warm the connection and the server's caches
        for n in range(rounds):
            idle = _probe(a, target, 2.0)
            idle_max.append(max(idle))
            idle_p99.append(percentile(idle, 99))
            busy, took = _during_create(a, b, target, _big_pool_body(f"big-{n}", size))
            busy_max.append(max(busy))
            busy_p99.append(percentile(busy, 99))
            creates.append(took * 1000)
    note = f"org B posts a {size:,}-task pool; org A GETs back to back until it answered"
    return [
        Row(
            "S2",
            "org A longest GET, org B creating a big pool",
            "ms",
            busy_max,
            "same probe, idle",
            idle_max,
            "",
            note,
        ),
        Row("S2", "org A GET p99, org B creating a big pool", "ms", busy_p99, "same probe, idle", idle_p99),
        Row("S2", f"org B's {size:,}-task pool create", "ms", creates),
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="synth-bench-") as tmp:
        rows = run(args.quick, args.rounds, Path(tmp))
    print(render(rows, "S2: another organisation's latency while a 10,000-task pool is created"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
