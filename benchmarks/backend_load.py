"""Load on the local backend: hold N rollouts in flight and time GET /v1/rollouts/{id} meanwhile.

    .venv/bin/python benchmarks/backend_load.py [--running 500] [--queued 500] [--requests 2000]

Starts its own backend (`synth_pools_server.launcher`: port 0, temp data dir), creates one pool
whose task runs a real command (`sleep`) under the backend's sandbox, submits running+queued
rollouts through /v1/rollouts/batch, waits until `running` are running, then measures the
latency of GET /v1/rollouts/{id} (sequential, and from concurrent client threads) while they run.
Prints a table. Only the server process this script started is signalled (by PID).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

from synth_pools_server.launcher import start_backend

KEY = "sk_bench"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--running", type=int, default=500, help="rollouts running at once (worker cap)")
    ap.add_argument("--queued", type=int, default=500, help="extra rollouts held in the queue")
    ap.add_argument("--requests", type=int, default=2000, help="GETs per latency measurement")
    ap.add_argument("--threads", type=int, default=16, help="client threads for the concurrent measurement")
    ap.add_argument("--sleep", type=int, default=120, help="seconds each rollout's command runs")
    args = ap.parse_args()

    with (
        tempfile.TemporaryDirectory(prefix="synth-bench-") as data_dir,
        start_backend(Path(data_dir), {KEY: "pro"}, ["--workers", str(args.running)]) as backend,
    ):
        return run(backend.base_url, args)


def run(url: str, args: argparse.Namespace) -> int:
    headers = {"Authorization": f"Bearer {KEY}"}
    total = args.running + args.queued
    with httpx.Client(base_url=url, headers=headers, timeout=120) as c:
        task = {"task_id": "sleepy", "backend": "local", "run": {"command": f"sleep {args.sleep}"}}
        c.post(
            "/v1/pools",
            json={
                "pool_id": "bench",
                "pool_type": "sandbox",
                "tasks": [task],
                "concurrency": args.running,
                "max_queue": total,
            },
        ).raise_for_status()
        body = {
            "pool_id": "bench",
            "task_ref": {"dataset": "bench", "task_id": "sleepy"},
            "agent": {"harness": "codex"},
            "task_app_url": "http://127.0.0.1:1",
            "timeouts": {"agent_sec": args.sleep + 600},
        }
        ids: list[str] = []
        t0 = time.perf_counter()
        while len(ids) < total:
            n = min(500, total - len(ids))
            r = c.post("/v1/rollouts/batch", json={"requests": [body] * n})
            r.raise_for_status()
            ids += [x["rollout_id"] for x in r.json()["items"]]
        submit_s = time.perf_counter() - t0
        while True:  # wait until the sandboxes are actually up
            q = c.get("/v1/queue/status").json()
            if q["running"] >= min(args.running, total):
                break
            time.sleep(0.5)
        ramp_s = time.perf_counter() - t0
        in_flight = q["running"] + q["queued"]

        sequential = []
        for i in range(args.requests):
            s = time.perf_counter()
            c.get(f"/v1/rollouts/{ids[i % len(ids)]}").raise_for_status()
            sequential.append((time.perf_counter() - s) * 1000)

        def one(i: int) -> float:
            s = time.perf_counter()
            c.get(f"/v1/rollouts/{ids[i % len(ids)]}").raise_for_status()
            return (time.perf_counter() - s) * 1000

        with concurrent.futures.ThreadPoolExecutor(args.threads) as pool:
            t1 = time.perf_counter()
            concurrent_ms = list(pool.map(one, range(args.requests)))
            conc_s = time.perf_counter() - t1
        q_after = c.get("/v1/queue/status").json()
        still = q_after["running"]
        # No per-rollout cancel: SIGTERM makes the server end every rollout (status error,
        # "backend shut down") and kill their sandboxes in one go.

    rows = [
        ("machine", f"{os.cpu_count()} cores, sandbox={'bwrap' if shutil_which('bwrap') else 'subprocess'}"),
        ("rollouts submitted", f"{total} ({args.running} to run, {args.queued} queued) in {submit_s:.1f}s"),
        (
            "held in flight",
            f"{in_flight} (running {q['running']}, queued {q['queued']}); all running after {ramp_s:.1f}s",
        ),
        ("still running after measuring", str(still)),
        (
            "GET /v1/rollouts/{id} sequential",
            f"p50 {statistics.median(sequential):.2f} ms  p99 {pct(sequential, 0.99):.2f} ms  (n={len(sequential)})",
        ),
        (
            f"GET /v1/rollouts/{{id}} {args.threads} threads",
            f"p50 {statistics.median(concurrent_ms):.2f} ms  p99 {pct(concurrent_ms, 0.99):.2f} ms  ({args.requests / conc_s:.0f} req/s)",
        ),
    ]
    width = max(len(k) for k, _ in rows)
    print(f"{'measure':<{width}} | value")
    print(f"{'-' * width}-|-{'-' * 60}")
    for k, v in rows:
        print(f"{k:<{width}} | {v}")
    return 0


def shutil_which(name: str) -> str | None:
    import shutil

    return shutil.which(name)


if __name__ == "__main__":
    sys.exit(main())
