"""The default async transport reports each network failure as what it is (httpx-aiohttp 0.2 calls
them all ConnectTimeout): refused is a connection error, a hang-up mid-exchange is a connection
error, only a silent server is a timeout."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest

import synth_pools as sp

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


async def _serve(handler: Handler) -> tuple[asyncio.Server, str]:
    server = await asyncio.start_server(handler, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    return server, f"http://127.0.0.1:{port}"


async def _read_request(reader: asyncio.StreamReader) -> None:
    await reader.readuntil(b"\r\n\r\n")


@pytest.fixture
async def hangs_up() -> AsyncIterator[str]:
    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await _read_request(reader)
        writer.close()  # the request arrived; no response

    server, url = await _serve(handler)
    yield url
    server.close()


@pytest.fixture
async def stays_silent() -> AsyncIterator[str]:
    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await _read_request(reader)
        await asyncio.sleep(30)

    server, url = await _serve(handler)
    yield url
    server.close()


def _closed_port() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


async def _get(base: str, **kw: float) -> BaseException:
    async with sp.AsyncEnvironmentPoolsClient(api_key="sk_test", backend_base=base, max_retries=0) as client:
        with pytest.raises(sp.APIConnectionError) as info:
            await client.pools.get("p1", **kw)
    return info.value


async def test_refused_is_a_connection_error_not_a_timeout() -> None:
    err = await _get(_closed_port())
    assert not isinstance(err, sp.APITimeoutError)
    assert "timed out" not in str(err)


async def test_hang_up_after_the_request_is_a_connection_error(hangs_up: str) -> None:
    err = await _get(hangs_up)
    assert not isinstance(err, sp.APITimeoutError)


async def test_a_silent_server_is_a_timeout(stays_silent: str) -> None:
    err = await _get(stays_silent, timeout=0.3)
    assert isinstance(err, sp.APITimeoutError)
