"""A public synth-ai release, measured in its own interpreter: one JSON command per stdin line.

Run by ``peers.Peer`` with the peers' virtualenv's Python and ``PYTHONPATH`` set to one release's
``--no-deps`` install (``make bench-peers``); it never imports synth_pools. Each command measures
one round against the benchmark's latency server and answers one JSON line:

- ``{"op": "get_rollout", "n": 40, "id": ...}``: ms of n sequential gets (0.9.11's
  ``get_rollout`` function; 0.17.0's pooled ``ContainerPoolsClient.get_global_rollout``);
- ``{"op": "get_pool", "n": 1000, "id": ...}``: wall seconds of n concurrent
  ``AsyncContainerPoolsClient.get_pool`` (0.17.0 only);
- ``{"op": "create_get", "n": 1000, "body": {...}}``: wall seconds of n concurrent
  ``create_global_rollout`` + ``get_global_rollout`` (0.17.0 only).

Answers ``{"ok": figure}``, or ``{"error": ..., "transient": bool}`` (a network error is
transient: the caller reruns the round).

    python _peer_worker.py --version 0.17.0 --base-url http://127.0.0.1:PORT --api-key KEY
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Callable
from typing import Any


def _timed(call: Callable[[], Any], n: int) -> list[float]:
    out = []
    for _ in range(n):
        start = time.perf_counter()
        call()
        out.append((time.perf_counter() - start) * 1000.0)
    return out


async def _fan_out(one: Callable[[], Any], n: int) -> float:
    start = time.perf_counter()
    await asyncio.gather(*(one() for _ in range(n)))
    return time.perf_counter() - start


class Release:
    def __init__(self, version: str, base_url: str, api_key: str) -> None:
        self.version = version
        self.base_url = base_url
        self.api_key = api_key
        self.loop = asyncio.new_event_loop()  # one loop, so the default executor's threads stay warm
        if version.startswith("0.9."):
            from synth_ai.sdk import environment_pools

            self.functions = environment_pools
        else:
            from synth_ai.sdk.pools import AsyncContainerPoolsClient, ContainerPoolsClient

            self.sync = ContainerPoolsClient(api_key=api_key, backend_base=base_url)
            self.aio = AsyncContainerPoolsClient(ContainerPoolsClient(api_key=api_key, backend_base=base_url))

    def get_rollout(self, n: int, rollout_id: str) -> list[float]:
        if hasattr(self, "functions"):
            fn = self.functions.get_rollout
            return _timed(lambda: fn(rollout_id, backend_base=self.base_url, api_key=self.api_key), n)
        return _timed(lambda: self.sync.get_global_rollout(rollout_id), n)

    def get_pool(self, n: int, pool_id: str) -> float:
        return self.loop.run_until_complete(_fan_out(lambda: self.aio.get_pool(pool_id), n))

    def create_get(self, n: int, body: dict[str, Any]) -> float:
        async def one() -> Any:
            created = await self.aio.create_global_rollout(body)
            return await self.aio.get_global_rollout(created["rollout_id"])

        return self.loop.run_until_complete(_fan_out(one, n))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--version", required=True)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--api-key", required=True)
    args = parser.parse_args()
    import httpx

    release = Release(args.version, args.base_url, args.api_key)
    print(json.dumps({"ready": args.version}), flush=True)
    for line in sys.stdin:
        command = json.loads(line)
        try:
            if command["op"] == "get_rollout":
                figure: Any = release.get_rollout(command["n"], command["id"])
            elif command["op"] == "get_pool":
                figure = release.get_pool(command["n"], command["id"])
            else:
                figure = release.create_get(command["n"], command["body"])
            answer: dict[str, Any] = {"ok": figure}
        except Exception as exc:
            transient = isinstance(exc, httpx.TransportError | OSError)
            answer = {"error": f"{type(exc).__name__}: {exc}"[:300], "transient": transient}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
