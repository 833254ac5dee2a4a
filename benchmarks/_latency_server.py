"""A minimal Starlette/uvicorn app standing in for the service: fixed small answers after a delay.

The local backend saturates near 1,000 requests/s on a 2-core machine, which makes every client
look alike in a fan-out; this app does almost nothing per request, so the client's own cost
shows. Every answer waits ``delay_ms`` first (``LatencyServer(delay_ms=50)``: a plausible round
trip to the real service; 0 for the loopback rows), so what native async buys shows too: 1,000
calls that each wait 50 ms take 50 ms when they truly overlap and seconds when a thread pool
serialises them.

Routes (bodies in the spec's Pool / Rollout / EventEnvelope shapes, echoing the id; no auth, no
storage):

- ``GET /v1/pools/{pool_id}``, ``GET /v1/rollouts/{rollout_id}``, ``POST /v1/rollouts`` (reads
  the body, answers 201 with a Rollout);
- ``GET /v1/rollouts/{rollout_id}/events`` (and the pool-scoped twin): an SSE page as the real
  service declares it (design/real-service.md): events with a sequence above ``after_sequence``
  (default 0), at most ``limit`` (1..1000, default 200) of them, then the response ends. Every
  rollout has ``events`` events (``--events``, default 200): agent events 1..N-1 and a terminal
  ``lifecycle`` event (status succeeded) as event N. SSE ids are the plain sequence numbers.

With an allowance (``LatencyServer(allowance=64, rollout_ms=500)``, A1) the stand-in also admits
like the service (design/real-service.md): at most ``allowance`` rollouts run at once, each for
``rollout_ms`` after its create; a create over the allowance answers 429 with
``{"detail": {"error_code": "concurrency_limit_exceeded", "retry_after_seconds": ...}}``.
``POST /v1/rollouts`` and synth-containers' ``POST /v1/pools/{pool_id}/rollouts`` both admit;
``GET /v1/rollouts/{id}`` answers ``running`` then ``completed``; ``GET .../usage`` a cost;
``GET /bench/stats`` the counts (admitted, refused) and ``POST /bench/reset`` zeroes them.

``LatencyServer`` runs it in a subprocess on 127.0.0.1: the child binds port 0 itself, prints the
port on its first stdout line, and ``stop()`` ends it by its PID (the Popen handle) only.

    python benchmarks/_latency_server.py [--delay-ms 50] [--events 200]   # serve; prints the port
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import itertools
import json
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

__all__ = ["DEFAULT_DELAY_MS", "DEFAULT_EVENTS", "PAGE_LIMIT", "LatencyServer"]

CREATED_AT = "2026-01-01T00:00:00Z"
DEFAULT_DELAY_MS = 50.0
DEFAULT_EVENTS = 200
RETRY_AFTER_SEC = 0.2  # what a refusal asks (allowance mode)
PAGE_LIMIT = 200  # the real service's default `limit`
MAX_LIMIT = 1000


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


def _event_frames(count: int) -> list[bytes]:
    """SSE frames of sequences 1..count (index 0 is sequence 1): the same bytes for every rollout."""
    frames = []
    for seq in range(1, count + 1):
        last = seq == count
        envelope = {
            "id": str(seq),
            "seq": seq,
            "event": "lifecycle" if last else "agent",
            "timestamp": CREATED_AT,
            "data": {"status": "succeeded"} if last else {"type": "stdout", "text": f"line {seq}"},
        }
        body = json.dumps(envelope, separators=(",", ":"))
        frames.append(f"id: {seq}\nevent: {envelope['event']}\ndata: {body}\n\n".encode())
    return frames


def _int_query(raw: str | None, default: int, low: int, high: int) -> int | None:
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        return None
    return value if low <= value <= high else None


class _Admission:
    """The org allowance of allowance mode: every rollout runs the same time, so the ones running
    end in creation order (a deque of end times)."""

    def __init__(self, allowance: int, rollout_sec: float) -> None:
        self.allowance = allowance
        self.rollout_sec = rollout_sec
        self.ends: dict[str, float] = {}
        self.running: collections.deque[float] = collections.deque()
        self.admitted = 0
        self.refused = 0

    def admit(self, rollout_id: str) -> bool:
        now = time.monotonic()
        while self.running and self.running[0] <= now:
            self.running.popleft()
        if len(self.running) >= self.allowance:
            self.refused += 1
            return False
        self.running.append(now + self.rollout_sec)
        self.ends[rollout_id] = now + self.rollout_sec
        self.admitted += 1
        return True

    def status(self, rollout_id: str) -> str | None:
        end = self.ends.get(rollout_id)
        if end is None:
            return None
        return "completed" if time.monotonic() >= end else "running"


def _app(delay: float, events: int, allowance: int = 0, rollout_ms: float = 0.0) -> Any:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response, StreamingResponse
    from starlette.routing import Route

    counter = itertools.count(1)
    frames = _event_frames(events)
    admission = _Admission(allowance, rollout_ms / 1000.0) if allowance > 0 else None

    async def wait() -> None:
        if delay > 0:
            await asyncio.sleep(delay)

    def body(doc: dict[str, Any], status: int = 200) -> Response:
        return Response(json.dumps(doc, separators=(",", ":")), status, media_type="application/json")

    async def get_pool(request: Request) -> Response:
        await wait()
        return body(_pool(request.path_params["pool_id"]))

    async def get_rollout(request: Request) -> Response:
        await wait()
        rollout_id = request.path_params["rollout_id"]
        status = admission.status(rollout_id) if admission is not None else None
        return body(_rollout(rollout_id, status or "running"))

    async def create_rollout(request: Request) -> Response:
        await request.body()  # read it, as a real server would
        await wait()
        rollout_id = f"ro-{next(counter):08d}"
        if admission is None:
            return body(_rollout(rollout_id, "queued"), 201)
        if not admission.admit(rollout_id):
            detail = {
                "error_code": "concurrency_limit_exceeded",
                "message": f"the org's concurrency allowance ({admission.allowance}) is in use",
                "retry_after_seconds": RETRY_AFTER_SEC,
            }
            return body({"detail": detail}, 429)
        return body(_rollout(rollout_id, "running"), 201)

    async def usage(request: Request) -> Response:
        await wait()
        return body({"rollout_id": request.path_params["rollout_id"], "cost_usd": 0.001})

    async def stats(request: Request) -> Response:
        if admission is None:
            return body({})
        if request.method == "POST":
            admission.admitted = admission.refused = 0
        return body({"admitted": admission.admitted, "refused": admission.refused})

    async def rollout_events(request: Request) -> Response:
        after = _int_query(request.query_params.get("after_sequence"), 0, 0, 2**62)
        limit = _int_query(request.query_params.get("limit"), PAGE_LIMIT, 1, MAX_LIMIT)
        if after is None or limit is None:
            detail = [{"loc": ["query"], "msg": "after_sequence >= 0, 1 <= limit <= 1000", "type": "value"}]
            return body({"detail": detail}, 422)
        await wait()
        page = frames[after : after + limit]

        async def chunks() -> Any:
            yield b"retry: 1000\n\n"
            # a few frames per write, as a server flushing a read batch would
            for i in range(0, len(page), 50):
                yield b"".join(page[i : i + 50])

        return StreamingResponse(chunks(), media_type="text/event-stream")

    return Starlette(
        routes=[
            Route("/v1/pools/{pool_id}", get_pool, methods=["GET"]),
            Route("/v1/rollouts/{rollout_id}", get_rollout, methods=["GET"]),
            Route("/v1/rollouts", create_rollout, methods=["POST"]),
            Route("/v1/pools/{pool_id}/rollouts", create_rollout, methods=["POST"]),
            Route("/v1/rollouts/{rollout_id}/usage", usage, methods=["GET"]),
            Route("/bench/stats", stats, methods=["GET"]),
            Route("/bench/reset", stats, methods=["POST"]),
            Route("/v1/rollouts/{rollout_id}/events", rollout_events, methods=["GET"]),
            Route("/v1/pools/{pool_id}/rollouts/{rollout_id}/events", rollout_events, methods=["GET"]),
        ]
    )


def _serve(delay_ms: float, events: int, allowance: int = 0, rollout_ms: float = 0.0) -> None:
    import uvicorn

    # proto=IPPROTO_TCP: asyncio sets TCP_NODELAY only on sockets that say they are TCP; without
    # it every keep-alive response waits ~40 ms for a delayed ACK (as in synth_pools_server)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(4096)  # 1,000 clients connect at once
    print(sock.getsockname()[1], flush=True)
    config = uvicorn.Config(
        _app(delay_ms / 1000.0, events, allowance, rollout_ms),
        loop="asyncio",
        http="h11",
        lifespan="off",
        log_level="warning",
        access_log=False,
        backlog=4096,
        timeout_keep_alive=60,
    )
    uvicorn.Server(config).run(sockets=[sock])


class LatencyServer:
    """The app above in a child process on 127.0.0.1; ``stop()`` ends that PID only."""

    def __init__(
        self,
        delay_ms: float = DEFAULT_DELAY_MS,
        events: int = DEFAULT_EVENTS,
        start_timeout: float = 20.0,
        *,
        allowance: int = 0,
        rollout_ms: float = 0.0,
    ) -> None:
        self.delay_ms = delay_ms
        self.events = events
        self.allowance = allowance
        self.rollout_ms = rollout_ms
        self.proc = subprocess.Popen(
            [
                sys.executable,
                str(Path(__file__).resolve()),
                "--delay-ms",
                str(delay_ms),
                "--events",
                str(events),
                "--allowance",
                str(allowance),
                "--rollout-ms",
                str(rollout_ms),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert self.proc.stdout is not None
            line = self.proc.stdout.readline().strip()
            if not line.isdigit():
                raise RuntimeError(f"latency server did not report a port (got {line!r})")
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
                    raise RuntimeError("latency server did not start") from None
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

    def __enter__(self) -> LatencyServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="the benchmarks' stand-in service")
    parser.add_argument("--delay-ms", type=float, default=DEFAULT_DELAY_MS)
    parser.add_argument("--events", type=int, default=DEFAULT_EVENTS)
    parser.add_argument(
        "--allowance", type=int, default=0, help="admit at most this many at once (0: no limit)"
    )
    parser.add_argument("--rollout-ms", type=float, default=0.0, help="with --allowance: how long each runs")
    args = parser.parse_args()
    _serve(args.delay_ms, args.events, args.allowance, args.rollout_ms)
