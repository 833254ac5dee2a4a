"""P1L: sync ``client.rollouts.get`` latency (p50, p99) against a service that answers after 50 ms.

Against ``_latency_server`` (its own process): the SDK's sync client, a raw pooled
``httpx.Client`` GET of the same URL, and a new ``httpx.get`` per call (a new client and
connection each time: what the public 0.9.11 functions do). All decode the JSON body. With the
service's 50 ms in every figure, what remains is each client's own cost per call.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from _latency_server import LatencyServer
from _paired import Flakes, rounds
from _stats import percentile
from _table import Row
from peers import LABELS, close_peers, start_peers

from synth_pools import EnvironmentPoolsClient

__all__ = ["run"]

API_KEY = "sk-bench-latency"
ROLLOUT = "ro-bench-latency"
Sampler = Callable[[], list[float]]


def timed(call: Callable[[], Any], n: int) -> list[float]:
    """Milliseconds of each of n sequential calls."""
    out = []
    for _ in range(n):
        start = time.perf_counter()
        call()
        out.append((time.perf_counter() - start) * 1000.0)
    return out


def run(quick: bool, count: int, peers_venv: Path | None = None) -> list[Row]:
    """The rows; with ``peers_venv`` (``make bench-peers``) also synth-ai 0.9.11's and 0.17.0's."""
    n = 10 if quick else 40
    flakes = Flakes()
    headers = {"Authorization": f"Bearer {API_KEY}"}
    with LatencyServer() as server:
        url = f"{server.base_url}/v1/rollouts/{ROLLOUT}"
        sdk = EnvironmentPoolsClient(api_key=API_KEY, backend_base=server.base_url)
        raw = httpx.Client(headers=headers, timeout=30.0)
        variants: dict[str, Sampler] = {
            "sdk": lambda: timed(lambda: sdk.rollouts.get(ROLLOUT), n),
            "pooled": lambda: timed(lambda: raw.get(url).raise_for_status().json(), n),
            "new": lambda: timed(
                lambda: httpx.get(url, headers=headers, timeout=30.0).raise_for_status().json(), n
            ),
        }
        peers = start_peers(peers_venv, server.base_url) if peers_venv is not None else {}
        for version, peer in peers.items():
            variants[f"peer-{version}"] = lambda peer=peer: peer.call(op="get_rollout", n=n, id=ROLLOUT)
        try:
            samples = rounds(variants, count, sdk=("sdk",), flakes=flakes)
        finally:
            sdk.close()
            raw.close()
            close_peers(peers)
    p50 = {k: [percentile(s, 50) for s in v] for k, v in samples.items()}
    p99 = {k: [percentile(s, 99) for s in v] for k, v in samples.items()}
    delay = f"{server.delay_ms:.0f} ms"
    note = (
        f"{n} sequential calls per round and variant, each answered after {delay}; the target is on "
        "p50: a p99 of 40 calls is one call, which on a shared 2-core machine measures the neighbours"
    )
    if flakes.seen:
        note += f"; {flakes.note()}"
    rows = [
        Row(
            "P1L",
            f"rollouts.get p50 @{delay}",
            "ms",
            p50["sdk"],
            "pooled httpx.Client",
            p50["pooled"],
            "ratio<= 1.05",
            note,
        ),
        Row(
            "P1L",
            f"rollouts.get p99 @{delay}",
            "ms",
            p99["sdk"],
            "pooled httpx.Client",
            p99["pooled"],
        ),
        Row("P1L", f"rollouts.get p50 @{delay}", "ms", p50["sdk"], "new httpx.get per call", p50["new"]),
        Row("P1L", f"rollouts.get p99 @{delay}", "ms", p99["sdk"], "new httpx.get per call", p99["new"]),
    ]
    for version in peers:
        for q, figures in (("p50", p50), ("p99", p99)):
            which = f"rollouts.get {q} @{delay}"
            rows.append(Row("P1L", which, "ms", figures["sdk"], LABELS[version], figures[f"peer-{version}"]))
    return rows
