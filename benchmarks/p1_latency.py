"""P1: sync ``client.rollouts.get`` latency (p50, p99) against a raw pooled ``httpx.Client`` GET of
the same URL, and against a new ``httpx.get`` per call (what the public implementation does).

Each round interleaves the variants call by call (A B C A B C ..., the order rotated per call), so
a slow moment of the shared machine or of the backend lands on all of them alike rather than on
whichever variant's block it fell in. Every variant decodes the JSON body.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx
from _fixtures import Bench
from _stats import percentile
from _table import Row

from synth_pools import EnvironmentPoolsClient

__all__ = ["run"]


def _interleaved(variants: dict[str, tuple[Callable[[], Any], int]]) -> dict[str, list[float]]:
    """Milliseconds per call of each variant, calls interleaved (a variant stops after its count)."""
    out: dict[str, list[float]] = {name: [] for name in variants}
    names = list(variants)
    for i in range(max(count for _, count in variants.values())):
        for name in names[i % len(names) :] + names[: i % len(names)]:
            call, count = variants[name]
            if i < count:
                start = time.perf_counter()
                call()
                out[name].append((time.perf_counter() - start) * 1000.0)
    return out


def run(bench: Bench, quick: bool, rounds: int) -> list[Row]:
    n = 30 if quick else 300
    n_new = 10 if quick else 40
    rollout_id = bench.finished_rollout("echo p1")
    url = f"{bench.base_url}/v1/rollouts/{rollout_id}"
    sdk = EnvironmentPoolsClient(api_key=bench.api_key, backend_base=bench.base_url)
    raw = httpx.Client(headers=bench.headers, timeout=30.0)
    variants: dict[str, tuple[Callable[[], Any], int]] = {
        "sdk": (lambda: sdk.rollouts.get(rollout_id), n),
        "pooled": (lambda: raw.get(url).raise_for_status().json(), n),
        "new": (lambda: httpx.get(url, headers=bench.headers, timeout=30.0).raise_for_status().json(), n_new),
    }
    p50: dict[str, list[float]] = {k: [] for k in variants}
    p99: dict[str, list[float]] = {k: [] for k in variants}
    try:
        for call, _ in variants.values():  # warm connections and code paths
            for _ in range(5):
                call()
        for _ in range(rounds):
            for name, samples in _interleaved(variants).items():
                p50[name].append(percentile(samples, 50))
                p99[name].append(percentile(samples, 99))
    finally:
        sdk.close()
        raw.close()
    note = f"{n} calls per round ({n_new} for httpx.get), sequential and interleaved, same finished rollout"
    return [
        Row(
            "P1",
            "rollouts.get p50",
            "ms",
            p50["sdk"],
            "pooled httpx.Client",
            p50["pooled"],
            "ratio<= 1.10",
            note,
        ),
        Row("P1", "rollouts.get p99", "ms", p99["sdk"], "pooled httpx.Client", p99["pooled"], "ratio<= 1.10"),
        Row("P1", "rollouts.get p50", "ms", p50["sdk"], "new httpx.get per call", p50["new"]),
        Row("P1", "rollouts.get p99", "ms", p99["sdk"], "new httpx.get per call", p99["new"]),
    ]
