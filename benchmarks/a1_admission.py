"""A1: a batch against an org allowance. 1,000 rollouts through a service that admits 64 at a time.

The stand-in service (``_latency_server`` in allowance mode: 50 ms on every answer, each rollout
runs 500 ms, at most 64 at once, a create over that answers 429 with ``retry_after_seconds``)
runs the same batch four ways per round (order rotated), each polling every 0.1 s:

- ``run_batch(concurrency=256)``: the SDK, with a ceiling four times the allowance it does not
  know (its admission gate must find it);
- ``run_batch(concurrency=64)``: the SDK told the allowance;
- a hand-written loop (a bare aiohttp session, a semaphore of 64, create then poll; a 429 waits
  what it asks): the baseline and floor, told the allowance;
- with ``--peers`` (``make bench-peers``): synth-containers 0.4.6 ``PoolClient.run_many`` with
  ``max_in_flight=64`` (its default is 8), in its own interpreter.

The figure is the batch's wall time; the notes give the refusals each drew. The floor is
1,000 / 64 x (500 ms + a create's and a poll's round trips). Targets: within P2L's 1.3x of the
bare aiohttp loop (the SDK's per-call cost, not the gate: the SDK that must find the allowance
should be as fast as the one told it), and no slower than synth-containers' run_many (1.10x).
"""

from __future__ import annotations

import asyncio
import math
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import aiohttp
import httpx
from _latency_server import RETRY_AFTER_SEC, LatencyServer
from _paired import Flakes, rounds
from _table import Row
from peers import API_KEY, CONTAINERS_LABEL, Peer, PeerFlake, start_containers_peer

from synth_pools import AsyncEnvironmentPoolsClient

__all__ = ["run"]

POLL_SEC = 0.1


def _requests(n: int) -> list[dict[str, Any]]:
    return [
        {"pool_id": "bench-pool", "agent": {"harness": "codex"}, "metadata": {"seed": i}} for i in range(n)
    ]


def _stats(http: httpx.Client, reset: bool = False) -> dict[str, int]:
    r = http.post("/bench/reset") if reset else http.get("/bench/stats")
    doc: dict[str, int] = r.raise_for_status().json()
    return doc


async def _sdk(base_url: str, n: int, concurrency: int) -> int:
    """The batch; returns how many rows did not complete."""
    async with AsyncEnvironmentPoolsClient(api_key=API_KEY, backend_base=base_url) as client:
        result = await client.rollouts.run_batch(
            _requests(n), concurrency=concurrency, events="none", poll_interval=POLL_SEC
        )
    return sum(1 for row in result if row.status != "completed")


async def _hand_written(base_url: str, n: int, allowance: int) -> int:
    """The floor: a bare aiohttp session (as P2L's), a semaphore of the allowance, create, poll."""
    gate = asyncio.Semaphore(allowance)
    headers = {"Authorization": f"Bearer {API_KEY}"}
    connector = aiohttp.TCPConnector(limit=allowance * 2)
    async with aiohttp.ClientSession(base_url, headers=headers, connector=connector) as http:

        async def one(body: dict[str, Any]) -> bool:
            async with gate:
                while True:
                    async with http.post("/v1/rollouts", json=body) as r:
                        answer = await r.json()
                        if r.status != 429:
                            r.raise_for_status()
                            break
                    await asyncio.sleep(answer["detail"].get("retry_after_seconds", RETRY_AFTER_SEC))
                rollout_id = answer["rollout_id"]
                while True:
                    async with http.get(f"/v1/rollouts/{rollout_id}") as r:
                        r.raise_for_status()
                        doc = await r.json()
                    if doc["status"] in ("completed", "failed", "cancelled"):
                        return bool(doc["status"] == "completed")
                    await asyncio.sleep(POLL_SEC)

        done = await asyncio.gather(*(one(body) for body in _requests(n)))
    return sum(1 for ok in done if not ok)


def run(quick: bool, count: int, peers_venv: Path | None = None) -> list[Row]:
    n, allowance, rollout_ms = (100, 16, 200.0) if quick else (1000, 64, 500.0)
    flakes = Flakes()
    refusals: dict[str, list[int]] = {}
    failed: dict[str, int] = {}
    with (
        LatencyServer(allowance=allowance, rollout_ms=rollout_ms) as server,
        httpx.Client(base_url=server.base_url) as http,
    ):
        peer: Peer | None = start_containers_peer(peers_venv, server.base_url) if peers_venv else None

        def timed(name: str, go: Callable[[], int]) -> Callable[[], float]:
            def one() -> float:
                _stats(http, reset=True)
                start = time.perf_counter()
                failed[name] = failed.get(name, 0) + go()
                elapsed = time.perf_counter() - start
                refusals.setdefault(name, []).append(_stats(http)["refused"])
                return elapsed

            return one

        def containers() -> int:
            assert peer is not None
            answer = peer.call(op="run_many", n=n, max_in_flight=allowance, poll=POLL_SEC)
            return int(answer["failed"])

        variants: dict[str, Callable[[], float]] = {
            "sdk": timed("sdk", lambda: asyncio.run(_sdk(server.base_url, n, 4 * allowance))),
            "sdk-told": timed("sdk-told", lambda: asyncio.run(_sdk(server.base_url, n, allowance))),
            "loop": timed("loop", lambda: asyncio.run(_hand_written(server.base_url, n, allowance))),
        }
        if peer is not None:
            variants["peer"] = timed("peer", containers)
        try:
            t = rounds(variants, count, sdk=("sdk", "sdk-told"), flakes=flakes, warm=0)
        except PeerFlake as exc:
            raise RuntimeError(f"{CONTAINERS_LABEL}: {exc}") from exc
        finally:
            if peer is not None:
                peer.close()

    def said(name: str) -> str:
        r = sorted(refusals.get(name, [0]))
        extra = f", {failed[name]} not completed" if failed.get(name) else ""
        return f"{name}: {r[len(r) // 2]} refusals/run{extra}"

    floor = n / allowance * (rollout_ms / 1000.0)
    what = f"{n} rollouts, allowance {allowance}"
    note = (
        f"{n} rollouts of {rollout_ms:.0f} ms, service admits {allowance} at once (429 + "
        f"retry_after_seconds), 50 ms per answer, poll {POLL_SEC} s; floor ~{floor:.1f} s; "
        + "; ".join(said(k) for k in variants)
    )
    rows = [
        Row("A1", f"{what}: run_batch(concurrency={4 * allowance})", "s", t["sdk"],
            f"aiohttp loop told {allowance}", t["loop"], "ratio<= 1.3", note),
        Row("A1", f"{what}: run_batch(concurrency={allowance})", "s", t["sdk-told"],
            f"aiohttp loop told {allowance}", t["loop"], "ratio<= 1.3"),
    ]  # fmt: skip
    if peer is not None:
        rows += [
            Row("A1", f"{what}: run_batch(concurrency={4 * allowance})", "s", t["sdk"],
                f"{CONTAINERS_LABEL}(max_in_flight={allowance})", t["peer"], "ratio<= 1.10"),
            Row("A1", f"{what}: run_batch(concurrency={allowance})", "s", t["sdk-told"],
                f"{CONTAINERS_LABEL}(max_in_flight={allowance})", t["peer"], "ratio<= 1.10"),
        ]  # fmt: skip
    if flakes.seen:
        rows[0].note += f"; {flakes.note()}"
    if any(math.isnan(v) for v in t["sdk"]):
        rows[0].error = "the SDK's batch failed"
    return rows


if __name__ == "__main__":
    from _table import render

    quick = "--quick" in sys.argv
    peers = Path(sys.argv[sys.argv.index("--peers") + 1]) if "--peers" in sys.argv else None
    print(render(run(quick, 2 if quick else 3, peers), "A1: a batch against an org allowance"))
