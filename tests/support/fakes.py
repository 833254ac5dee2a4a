"""Helpers for SDK unit tests: clients over httpx.MockTransport and byte streams that get cut."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx

from synth_pools import AsyncEnvironmentPoolsClient, EnvironmentPoolsClient

SECRET_KEY = "sk_live_SUPERSECRET_123"
BASE = "http://testserver"

Handler = Callable[[httpx.Request], httpx.Response]


def sync_client(handler: Handler, **kwargs: Any) -> tuple[EnvironmentPoolsClient, list[float]]:
    """A client whose sleeps are recorded instead of slept (no timing in tests)."""
    client = EnvironmentPoolsClient(
        api_key=SECRET_KEY, backend_base=BASE, transport=httpx.MockTransport(handler), **kwargs
    )
    sleeps: list[float] = []
    client._transport.sleep = sleeps.append
    return client, sleeps


def async_client(handler: Handler, **kwargs: Any) -> tuple[AsyncEnvironmentPoolsClient, list[float]]:
    async def ahandler(request: httpx.Request) -> httpx.Response:
        await request.aread()
        return handler(request)

    client = AsyncEnvironmentPoolsClient(
        api_key=SECRET_KEY, backend_base=BASE, async_transport=httpx.MockTransport(ahandler), **kwargs
    )
    sleeps: list[float] = []

    async def record(seconds: float) -> None:
        sleeps.append(seconds)

    client._transport.sleep = record
    return client, sleeps


def error(status: int, code: str, message: str, **extra: Any) -> httpx.Response:
    return httpx.Response(
        status,
        json={"error": {"code": code, "message": message, "request_id": f"req_{status}", **extra}},
        headers={"x-request-id": f"req_{status}"},
    )


class CutStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """Yields ``chunks`` then, if ``cut``, fails like a dropped connection."""

    def __init__(self, chunks: list[bytes], cut: bool) -> None:
        self.chunks = chunks
        self.cut = cut

    def __iter__(self) -> Iterator[bytes]:
        yield from self.chunks
        if self.cut:
            raise httpx.ReadError("connection reset by peer")

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self.chunks:
            yield chunk
        if self.cut:
            raise httpx.ReadError("connection reset by peer")


def sse_frame(env: dict[str, Any], *, split_data: bool = False) -> bytes:
    body = json.dumps(env)
    if split_data:
        # multi-line data: the JSON split over two `data:` lines (joined with "\n" by the decoder)
        half = body.index(",") + 1
        data = f"data: {body[:half]}\ndata: {body[half:]}\n"
    else:
        data = f"data: {body}\n"
    return f": comment line\nid: {env['id']}\nevent: {env['event']}\n{data}\n".encode()


def envelope(rollout_id: str, seq: int, kind: str = "agent", **data: Any) -> dict[str, Any]:
    return {
        "id": f"{rollout_id}:{seq}",
        "event": kind,
        "seq": seq,
        "rollout_id": rollout_id,
        "timestamp": "2025-01-01T00:00:00Z",
        "data": data or {"n": seq},
    }
