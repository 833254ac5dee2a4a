"""synth-containers 0.4.6 (Synth's current client), measured in its own interpreter: one JSON
command per stdin line, as ``_peer_worker.py`` does for synth-ai.

Run by ``peers.start_containers_peer`` with the peers' virtualenv's Python and ``PYTHONPATH`` set to
its ``--target`` install (``make bench-peers``); it never imports synth_pools.

- ``{"op": "run_many", "n": 1000, "max_in_flight": 64, "poll": 0.1}``: wall seconds of one
  ``PoolClient.run_many`` of n rollouts (submitted to ``POST /v1/pools/bench-pool/rollouts``,
  each polled until terminal), and how many came back as errors (a refusal it gave up on).

Answers ``{"ok": {"sec": ..., "failed": ...}}``, or ``{"error": ..., "transient": bool}``.

    python _containers_worker.py --version 0.4.6 --base-url http://127.0.0.1:PORT --api-key KEY
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from typing import Any


async def _run_many(base_url: str, api_key: str, n: int, max_in_flight: int, poll: float) -> dict[str, Any]:
    from synth_containers.pools import PoolClient, PoolClientError

    async with PoolClient(api_key=api_key, backend_url=base_url) as client:
        payloads = [{"task_id": "t-bench", "seed": i} for i in range(n)]
        start = time.perf_counter()
        outcomes = await client.run_many(
            "bench-pool", payloads, max_in_flight=max_in_flight, poll_interval_seconds=poll
        )
        sec = time.perf_counter() - start
    failed = sum(1 for o in outcomes if isinstance(o, PoolClientError) or not o.succeeded)
    return {"sec": sec, "failed": failed}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--version", required=True)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--api-key", required=True)
    args = parser.parse_args()
    import httpx
    import synth_containers.pools  # noqa: F401  (its package import is heavy: not inside a timed round)

    print(json.dumps({"ready": args.version}), flush=True)
    for line in sys.stdin:
        command = json.loads(line)
        try:
            figure = asyncio.run(
                _run_many(
                    args.base_url, args.api_key, command["n"], command["max_in_flight"], command["poll"]
                )
            )
            answer: dict[str, Any] = {"ok": figure}
        except Exception as exc:
            transient = isinstance(exc, httpx.TransportError | OSError)
            answer = {"error": f"{type(exc).__name__}: {exc}"[:300], "transient": transient}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
