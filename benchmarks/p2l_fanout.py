"""P2L: 1,000 concurrent calls from one event loop against a service that answers after 50 ms.

Workloads, against ``_latency_server`` (its own process, every answer delayed): N concurrent
``get_pool`` (``AsyncContainerPoolsClient``), and N concurrent create+get (``rollouts.create``
then ``rollouts.get`` of ``AsyncEnvironmentPoolsClient``). Clients, all sending the same requests
with the same connection limit (1,000):

- the SDK's async client (its default transport);
- a bare ``aiohttp.ClientSession``: the floor;
- a pooled ``httpx.AsyncClient`` on the httpx-aiohttp transport (httpx's layer over the same
  aiohttp pool);
- a thread-pool adapter of our sync client (``asyncio.to_thread`` on the default executor: the
  public 0.17.0 "async" design, over our pooled sync client).

With the service's 50 ms, truly concurrent calls overlap their waits: the fan-out takes ~50 ms
plus each client's own per-request cost times N; a thread pool of a few workers serialises them.
Each figure is the wall time of one fan-out; rows carry the issue-18 targets.
"""

from __future__ import annotations

import asyncio
import math
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
import httpx
from _fixtures import rollout_body
from _latency_server import LatencyServer
from _paired import Flakes, arounds
from _table import Row
from httpx_aiohttp import AiohttpTransport
from peers import LABELS, Peer, PeerFlake, close_peers, start_peers

from synth_pools import AsyncEnvironmentPoolsClient, EnvironmentPoolsClient
from synth_pools.pools import AsyncContainerPoolsClient, ContainerPoolsClient

__all__ = ["LIMIT", "fan_out", "run"]

One = Callable[[], Awaitable[Any]]
LIMIT = 1000
API_KEY = "sk-bench-latency"
SDK_VARIANTS = ("sdk",)


async def fan_out(one: One, n: int) -> float:
    """Wall seconds for n concurrent calls; every call is awaited before an error is raised."""
    start = time.perf_counter()
    results = await asyncio.gather(*(one() for _ in range(n)), return_exceptions=True)
    elapsed = time.perf_counter() - start
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return elapsed


class _Clients:
    def __init__(self, base_url: str) -> None:
        headers = {"Authorization": f"Bearer {API_KEY}"}
        kw = {"api_key": API_KEY, "backend_base": base_url}
        self.containers = AsyncContainerPoolsClient(**kw)
        self.envs = AsyncEnvironmentPoolsClient(**kw)
        self.sync_containers = ContainerPoolsClient(**kw)
        self.sync_envs = EnvironmentPoolsClient(**kw)
        self.session = aiohttp.ClientSession(
            base_url, headers=headers, connector=aiohttp.TCPConnector(limit=LIMIT)
        )
        limits = httpx.Limits(max_connections=LIMIT, max_keepalive_connections=200)
        self.httpx = httpx.AsyncClient(
            base_url=base_url, headers=headers, timeout=120.0, transport=AiohttpTransport(limits=limits)
        )

    async def aclose(self) -> None:
        await self.containers.aclose()
        await self.envs.aclose()
        self.sync_containers.close()
        self.sync_envs.close()
        await self.session.close()
        await self.httpx.aclose()


def _get_pool(c: _Clients, pool_id: str) -> dict[str, One]:
    path = f"/v1/pools/{pool_id}"

    async def sdk() -> Any:
        return await c.containers.get_pool(pool_id)

    async def bare_aiohttp() -> Any:
        async with c.session.get(path) as r:
            r.raise_for_status()
            return await r.json()

    async def bare_httpx() -> Any:
        return (await c.httpx.get(path)).raise_for_status().json()

    async def threads() -> Any:
        return await asyncio.to_thread(c.sync_containers.get_pool, pool_id)

    return {"sdk": sdk, "aiohttp": bare_aiohttp, "httpx": bare_httpx, "threads": threads}


def _create_get(c: _Clients, body: dict[str, Any]) -> dict[str, One]:
    async def sdk() -> Any:
        handle = await c.envs.rollouts.create(body)
        return await c.envs.rollouts.get(handle.rollout_id)

    async def bare_aiohttp() -> Any:
        key = {"Idempotency-Key": uuid.uuid4().hex}
        async with c.session.post("/v1/rollouts", json=body, headers=key) as r:
            r.raise_for_status()
            rollout_id = (await r.json())["rollout_id"]
        async with c.session.get(f"/v1/rollouts/{rollout_id}") as r:
            r.raise_for_status()
            return await r.json()

    async def bare_httpx() -> Any:
        key = {"Idempotency-Key": uuid.uuid4().hex}
        r = await c.httpx.post("/v1/rollouts", json=body, headers=key)
        rollout_id = r.raise_for_status().json()["rollout_id"]
        return (await c.httpx.get(f"/v1/rollouts/{rollout_id}")).raise_for_status().json()

    def sync_pair() -> Any:
        handle = c.sync_envs.rollouts.create(body)
        return c.sync_envs.rollouts.get(handle.rollout_id)

    async def threads() -> Any:
        return await asyncio.to_thread(sync_pair)

    return {"sdk": sdk, "aiohttp": bare_aiohttp, "httpx": bare_httpx, "threads": threads}


# 0.17.0 refuses a rollout request with keys outside its "canonical" set (the stand-in ignores it)
PEER_BODY = {"metadata": {"pool_id": "bench-pool", "task_id": "t-bench"}}


def _peer_variants(
    peers: dict[str, Peer], what: str, n: int, failures: list[str]
) -> dict[str, Callable[[], Awaitable[float]]]:
    """The releases that have an async client (0.17.0), one blocking call per round: the peer's
    own event loop does the fan-out in its process while this loop waits. A peer that fails
    (not a network flake) loses its figure, not the run: its error goes to the notes."""
    out: dict[str, Callable[[], Awaitable[float]]] = {}
    for version, peer in peers.items():
        if version.startswith("0.9."):
            continue  # module functions only, no async client

        async def one(peer: Peer = peer) -> float:
            try:
                if what == "get_pool":
                    return float(peer.call(op="get_pool", n=n, id="bench-pool"))
                return float(peer.call(op="create_get", n=n, body=PEER_BODY))
            except PeerFlake:
                raise
            except RuntimeError as exc:
                failures.append(f"{what}: {exc}")
                return math.nan

        out[f"peer-{version}"] = one
    return out


async def _measure(
    base_url: str, n: int, count: int, flakes: Flakes, peers: dict[str, Peer], failures: list[str]
) -> dict[str, dict[str, list[float]]]:
    clients = _Clients(base_url)
    out: dict[str, dict[str, list[float]]] = {}
    try:
        workloads = {
            "get_pool": _get_pool(clients, "bench-pool"),
            "create+get": _create_get(clients, rollout_body("bench-pool", "t-bench")),
        }
        for what, calls in workloads.items():
            timed: dict[str, Callable[[], Awaitable[float]]] = {
                name: (lambda one=one: fan_out(one, n)) for name, one in calls.items()
            }
            timed.update(_peer_variants(peers, what, n, failures))
            # the warm-up round runs at full width, so every client starts with its connections open
            out[what] = await arounds(timed, count, sdk=SDK_VARIANTS, flakes=flakes)
    finally:
        await clients.aclose()
    return out


def rows_of(what: str, t: dict[str, list[float]], note: str) -> list[Row]:
    peers = [
        Row("P2L", f"{what}, async SDK", "s", t["sdk"], f"{LABELS[key[5:]]} (async)", t[key], "")
        for key in t
        if key.startswith("peer-")
    ]
    return [
        Row(
            "P2L",
            f"{what}, async SDK",
            "s",
            t["sdk"],
            "bare aiohttp session",
            t["aiohttp"],
            "ratio<= 1.3",
            note,
        ),
        Row("P2L", f"{what}, async SDK", "s", t["sdk"], "thread-pool adapter", t["threads"], "faster>= 5"),
        Row("P2L", f"{what}, async SDK", "s", t["sdk"], "httpx.AsyncClient, aiohttp tr.", t["httpx"]),
        *peers,
    ]


def run(quick: bool, count: int, peers_venv: Path | None = None) -> list[Row]:
    """The rows; with ``peers_venv`` (``make bench-peers``) also synth-ai 0.17.0's async client."""
    n = 100 if quick else 1000
    flakes = Flakes()
    failures: list[str] = []
    with LatencyServer() as server:
        peers = start_peers(peers_venv, server.base_url) if peers_venv is not None else {}
        try:
            t = asyncio.run(_measure(server.base_url, n, count, flakes, peers, failures))
        finally:
            close_peers(peers)
    delay = f"{server.delay_ms:.0f} ms"
    rows = rows_of(
        f"{n} get_pool @{delay}",
        t["get_pool"],
        f"{n} concurrent GET /v1/pools/{{id}}, each answered after {delay}, wall time",
    )
    rows += rows_of(
        f"{n} create+get @{delay}",
        t["create+get"],
        f"{n} concurrent POST /v1/rollouts + GET each, each answered after {delay}, wall time",
    )
    if flakes.seen:
        rows[0].note += f"; {flakes.note()}"
    if failures:
        rows[0].note += f"; peer failures: {'; '.join(sorted(set(failures)))}"
    return rows
