"""The default async client sends on aiohttp itself (no httpx request layer), and what reaches the
wire is what the httpx fallback sends: same request line, query, JSON body bytes and headers; the
answers decode the same (gzip too), and errors keep their request for the typed error."""

from __future__ import annotations

import asyncio
import gzip
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest

import synth_pools as sp

Seen = list[dict[str, Any]]


@pytest.fixture
async def recorder() -> AsyncIterator[tuple[str, Seen]]:
    """A raw HTTP/1.1 server on 127.0.0.1 that records each request and answers gzip JSON."""
    seen: Seen = []

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while True:
            try:
                head = await reader.readuntil(b"\r\n\r\n")
            except (asyncio.IncompleteReadError, ConnectionError):
                break
            line, *lines = head.decode().split("\r\n")
            headers = {k.lower(): v for k, _, v in (h.partition(": ") for h in lines if h)}
            body = await reader.readexactly(int(headers.get("content-length", "0")))
            seen.append({"line": line, "headers": headers, "body": body})
            status = "404 Not Found" if "missing" in line else "200 OK"
            payload = gzip.compress(json.dumps({"pool_id": "p1", "items": [], "detail": "x"}).encode())
            writer.write(
                f"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
                f"Content-Length: {len(payload)}\r\n\r\n".encode()
                + payload
            )
            await writer.drain()
        writer.close()

    server = await asyncio.start_server(handler, "127.0.0.1", 0)
    yield f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}", seen
    server.close()


async def _calls(base: str, transport: str) -> list[Any]:
    async with sp.AsyncEnvironmentPoolsClient(
        api_key="sk_test",
        backend_base=base,
        async_transport=transport,
        max_retries=0,  # type: ignore[arg-type]
    ) as client:
        got = [await client.pools.get("p 1/ü")]
        await client.pools.create(
            {"pool_id": "p1", "pool_type": "sandbox", "note": "é"}, idempotency_key="k-1"
        )
        got.append(await client.rollouts.list(limit=5, cursor="c 1", status="running"))
        with pytest.raises(sp.NotFoundError) as info:
            await client.pools.get("missing")
        got.append((info.value.status_code, info.value.request.url.path if info.value.request else None))
        return got


async def test_default_is_native_aiohttp_and_sends_what_httpx_sends(recorder: tuple[str, Seen]) -> None:
    base, seen = recorder
    client = sp.AsyncEnvironmentPoolsClient(api_key="sk_test", backend_base=base)
    await client.pools.get("p1")
    transport = client._transport
    assert transport._sender is not None and transport._client is None  # no httpx.AsyncClient made
    await client.aclose()
    seen.clear()

    native = await _calls(base, "aiohttp")
    on_aiohttp, seen[:] = list(seen), []
    fallback = await _calls(base, "httpx")
    assert native == fallback
    assert native[0]["pool_id"] == "p1"  # gzip decoded
    assert native[-1] == (404, "/v1/pools/missing")
    assert len(on_aiohttp) == len(seen) == 4
    for mine, theirs in zip(on_aiohttp, seen, strict=True):
        assert mine["line"] == theirs["line"]
        assert mine["body"] == theirs["body"]
        for header in ("authorization", "user-agent", "idempotency-key", "content-type", "host"):
            assert mine["headers"].get(header) == theirs["headers"].get(header), header
    assert on_aiohttp[1]["headers"]["idempotency-key"] == "k-1"


async def test_a_closed_client_says_so() -> None:
    client = sp.AsyncEnvironmentPoolsClient(api_key="sk_test", backend_base="http://127.0.0.1:9")
    await client.aclose()
    with pytest.raises(sp.ClientClosedError):
        await client.pools.get("p1")
