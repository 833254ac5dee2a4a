"""A minimal Starlette/uvicorn app for P2: small fixed JSON bodies, so the client's own cost shows.

The local backend saturates near 1,000 requests/s on a 2-core machine, which makes every client
look alike in a fan-out; this app does almost nothing per request. It serves
``GET /v1/pools/{pool_id}`` and ``GET /v1/rollouts/{rollout_id}`` (bodies in the spec's Pool /
Rollout shapes, echoing the id) and ``POST /v1/rollouts`` (reads the body, answers 201 with a
Rollout). No auth, no storage.

``MinimalServer`` runs it in a subprocess on 127.0.0.1: the child binds port 0 itself, prints the
port on its first stdout line, and ``stop()`` ends it by its PID (the Popen handle) only.

    python benchmarks/_minimal_server.py        # serve until killed; prints the port
"""

from __future__ import annotations

import itertools
import json
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

__all__ = ["MinimalServer"]

CREATED_AT = "2026-01-01T00:00:00Z"


def _pool(pool_id: str) -> dict[str, Any]:
    return {
        "pool_id": pool_id,
        "id": pool_id,
        "pool_type": "sandbox",
        "created_at": CREATED_AT,
        "state": "ready",
        "backend": "local",
        "concurrency": 4,
        "task_count": 1,
    }


def _rollout(rollout_id: str, status: str = "running") -> dict[str, Any]:
    return {
        "rollout_id": rollout_id,
        "status": status,
        "created_at": CREATED_AT,
        "pool_id": "bench-pool",
        "dataset": "bench",
        "kind": "rollout",
        "priority": 0,
    }


def _app() -> Any:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    counter = itertools.count(1)

    def body(doc: dict[str, Any], status: int = 200) -> Response:
        return Response(json.dumps(doc, separators=(",", ":")), status, media_type="application/json")

    async def get_pool(request: Request) -> Response:
        return body(_pool(request.path_params["pool_id"]))

    async def get_rollout(request: Request) -> Response:
        return body(_rollout(request.path_params["rollout_id"]))

    async def create_rollout(request: Request) -> Response:
        await request.body()  # read it, as a real server would
        return body(_rollout(f"ro-{next(counter):08d}", "queued"), 201)

    return Starlette(
        routes=[
            Route("/v1/pools/{pool_id}", get_pool, methods=["GET"]),
            Route("/v1/rollouts/{rollout_id}", get_rollout, methods=["GET"]),
            Route("/v1/rollouts", create_rollout, methods=["POST"]),
        ]
    )


def _serve() -> None:
    import uvicorn

    # proto=IPPROTO_TCP: asyncio sets TCP_NODELAY only on sockets that say they are TCP; without
    # it every keep-alive response waits ~40 ms for a delayed ACK (as in synth_pools_server)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(4096)  # 1,000 clients connect at once
    print(sock.getsockname()[1], flush=True)
    config = uvicorn.Config(
        _app(),
        loop="asyncio",
        http="h11",
        lifespan="off",
        log_level="warning",
        access_log=False,
        backlog=4096,
        timeout_keep_alive=60,
    )
    uvicorn.Server(config).run(sockets=[sock])


class MinimalServer:
    """The app above in a child process on 127.0.0.1; ``stop()`` ends that PID only."""

    def __init__(self, start_timeout: float = 20.0) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve())],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert self.proc.stdout is not None
            line = self.proc.stdout.readline().strip()
            if not line.isdigit():
                raise RuntimeError(f"minimal server did not report a port (got {line!r})")
            self.base_url = f"http://127.0.0.1:{int(line)}"
            self._wait_ready(start_timeout)
        except BaseException:
            self.stop()
            raise

    def _wait_ready(self, timeout: float) -> None:
        import httpx

        deadline = time.monotonic() + timeout
        while True:
            try:
                httpx.get(f"{self.base_url}/v1/pools/ready", timeout=2.0).raise_for_status()
                return
            except httpx.HTTPError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("minimal server did not start") from None
                time.sleep(0.05)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()  # by the child's PID, never by name
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if self.proc.stdout is not None:
            self.proc.stdout.close()

    def __enter__(self) -> MinimalServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


if __name__ == "__main__":
    _serve()
