"""S1: one organisation's GET while another organisation's rollout floods events.

    python benchmarks/s1_flood.py [--quick] [--rounds 3]

Two organisations on one backend (its default limits, its default sandbox). Each round times
org A's GET /v1/rollouts/{id} (sequential, one client) on the idle backend, then again while an
org B rollout runs `yes` (one event per 2 bytes of output: the cheapest flood there is), and
cancels the flood. The row is the p99 under the flood against the p99 idle, in the same round;
target <= 3x (issue 24: before the limits, 12 s of `yes` put the median at ~0.8 s).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _stats import percentile
from _table import Row, render

from synth_pools_server.launcher import start_backend

KEY_A, KEY_B = "sk_bench_org_a", "sk_bench_org_b"
KEYS = {KEY_A: "pro:org_a", KEY_B: "pro:org_b"}


def _probe(c: httpx.Client, rollout_id: str, seconds: float) -> list[float]:
    """Latencies (ms) of back-to-back GETs for `seconds`."""
    out: list[float] = []
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        t0 = time.perf_counter()
        r = c.get(f"/v1/rollouts/{rollout_id}")
        out.append((time.perf_counter() - t0) * 1000)
        r.raise_for_status()
    return out


def _wait(c: httpx.Client, rollout_id: str, statuses: tuple[str, ...]) -> dict[str, Any]:
    for _ in range(600):
        doc: dict[str, Any] = c.get(f"/v1/rollouts/{rollout_id}").json()
        if doc["status"] in statuses:
            return doc
        time.sleep(0.05)
    raise RuntimeError(f"rollout {rollout_id} never reached {statuses}")


def _rollout(c: httpx.Client, pool: str) -> str:
    body = {
        "pool_id": pool,
        "task_ref": {"dataset": "bench", "task_id": "t"},
        "agent": {"harness": "claude-code"},
        "task_app_url": "http://127.0.0.1:1/unused",
        "timeouts": {"agent_sec": 120, "verifier_sec": 60},
    }
    r = c.post("/v1/rollouts", json=body)
    if r.status_code != 200:
        raise RuntimeError(f"creating a rollout: {r.status_code} {r.text[:300]}")
    return str(r.json()["rollout_id"])


def _pool(c: httpx.Client, name: str, command: str) -> None:
    task = {"task_id": "t", "backend": "local", "run": {"command": command}}
    c.post("/v1/pools", json={"pool_id": name, "pool_type": "sandbox", "tasks": [task]}).raise_for_status()


def run(quick: bool, rounds: int, scratch: Path, extra_args: tuple[str, ...] = ()) -> list[Row]:
    seconds = 1.5 if quick else 4.0
    idle_p99: list[float] = []
    flood_p99: list[float] = []
    flood_p50: list[float] = []
    events: list[float] = []
    with (
        start_backend(scratch / "backend-s1", KEYS, extra_args) as backend,
        httpx.Client(base_url=backend.base_url, headers=backend.headers(KEY_A), timeout=60) as a,
        httpx.Client(base_url=backend.base_url, headers=backend.headers(KEY_B), timeout=60) as b,
    ):
        _pool(a, "probe", "echo ok")
        _pool(b, "flood", "yes")
        target = _rollout(a, "probe")
        _wait(a, target, ("completed", "succeeded"))
        _probe(a, target, 0.5)  # warm the connection and the server's caches
        for _ in range(rounds):
            idle_p99.append(percentile(_probe(a, target, seconds), 99))
            flood = _rollout(b, "flood")
            _wait(b, flood, ("running",))
            time.sleep(0.3)  # past the first burst: the flood at its steady rate
            during = _probe(a, target, seconds)
            summary = b.get(f"/v1/rollouts/{flood}/summary").json()
            b.post(f"/v1/rollouts/{flood}/cancel").raise_for_status()
            flood_p99.append(percentile(during, 99))
            flood_p50.append(percentile(during, 50))
            events.append(float(summary["event_count"]))
    note = f"{seconds:g}s probe windows; flood = org B rollout running `yes` under the default limits"
    return [
        Row(
            "S1",
            "org A GET p99, org B flooding events",
            "ms",
            flood_p99,
            "same probe, idle backend",
            idle_p99,
            "ratio<= 3",
            note,
        ),
        Row("S1", "org A GET p50, org B flooding events", "ms", flood_p50),
        Row("S1", "events the flood stored by the end of the window", "", events),
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--limit", action="append", default=[], help="a backend --limit NAME=VALUE to try")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="synth-bench-") as tmp:
        extra = tuple(x for item in args.limit for x in ("--limit", item))
        rows = run(args.quick, args.rounds, Path(tmp), extra)
    print(render(rows, "S1: another organisation's latency under an event flood"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
