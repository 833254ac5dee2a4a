"""One async I/O path: a client, its ``with_options`` copies and ``AsyncSynthClient``'s two API
clients send on one aiohttp sender, so on one connection pool. A real server on 127.0.0.1 counts
the TCP connections it is opened: sequential calls through all of them reuse one connection."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest

import synth_pools as sp
from synth_pools._aiohttp import AiohttpSender

BODY = b'{"pool_id": "p1"}'
ANSWER = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (
    len(BODY),
    BODY,
)


@dataclass
class Server:
    url: str
    connections: int = 0
    paths: list[str] = field(default_factory=list)


@pytest.fixture
async def server() -> AsyncIterator[Server]:
    seen = Server(url="")

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        seen.connections += 1
        try:
            while True:  # keep-alive: answer every request on this connection
                head = await reader.readuntil(b"\r\n\r\n")
                seen.paths.append(head.split(b" ", 2)[1].decode())
                writer.write(ANSWER)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()

    listener = await asyncio.start_server(handler, "127.0.0.1", 0)
    seen.url = f"http://127.0.0.1:{listener.sockets[0].getsockname()[1]}"
    yield seen
    listener.close()


def _sender(client: object) -> AiohttpSender:
    transport = client._transport  # type: ignore[attr-defined]
    assert transport._client is None, "the aiohttp path made an httpx client"
    sender = transport._sender
    assert isinstance(sender, AiohttpSender)
    return sender


async def test_a_copy_made_before_the_first_call_shares_the_sender(server: Server) -> None:
    client = sp.AsyncEnvironmentPoolsClient(api_key="sk_test", backend_base=server.url)
    quick = client.with_options(max_retries=0, timeout=3.0, max_response_bytes=4096)
    capped = quick.with_options(timeout=5.0)
    for each in (client, quick, capped, client):
        assert (await each.call("GET", "/v1/pools/p1"))["pool_id"] == "p1"
    assert _sender(quick) is _sender(client) is _sender(capped)
    assert (quick.max_retries, quick._config.max_response_bytes, capped._config.timeout) == (0, 4096, 5.0)
    assert client.max_retries == 2 and client._config.timeout != 3.0  # the original keeps its own
    assert server.connections == 1 and len(server.paths) == 4
    await quick.aclose()  # a copy does not own the pool
    assert (await client.pools.get("p1"))["pool_id"] == "p1"
    with pytest.raises(sp.ClientClosedError):
        await quick.call("GET", "/v1/pools/p1")
    await client.aclose()
    assert _sender_closed(capped)


def _sender_closed(client: object) -> bool:
    return bool(client._transport._sender.is_closed)  # type: ignore[attr-defined]


async def test_a_copy_made_after_the_first_call_shares_the_sender(server: Server) -> None:
    async with sp.AsyncContainerPoolsClient(api_key="sk_test", backend_base=server.url) as client:
        await client.call("GET", "/v1/pools/p1")
        quick = client.with_options(max_retries=0)
        await quick.call("GET", "/v1/pools/p1")
        assert _sender(quick) is _sender(client)
    assert server.connections == 1


async def test_async_synth_client_sends_both_apis_on_one_sender(server: Server) -> None:
    async with sp.AsyncSynthClient(api_key="sk_test", backend_base=server.url) as synth:
        quick = synth.with_options(max_retries=0)
        clients = (synth.pools, synth.environment_pools, quick.pools, quick.environment_pools)
        for each in clients:
            await each.call("GET", "/v1/pools/p1")
        senders = {id(_sender(each)) for each in clients}
        assert len(senders) == 1
        assert quick.environment_pools.max_retries == 0 and synth.environment_pools.max_retries == 2
        assert synth.environment_pools.api_prefix == synth.pools.api_prefix == "/v1"
    assert server.connections == 1 and len(server.paths) == 4


async def test_async_synth_client_keeps_the_internal_prefix_for_environment_pools(server: Server) -> None:
    async with sp.AsyncSynthClient(api_key="sk_test", backend_base=server.url, api_version="v2") as synth:
        await synth.environment_pools.call("GET", "/v1/pools/p1")
        await synth.pools.call("GET", "/v1/pools/p1")
        assert synth.pools.api_prefix == "/v1" and synth.environment_pools.api_prefix != "/v1"
    assert server.connections == 1


async def test_the_httpx_path_shares_one_client(server: Server) -> None:
    async with sp.AsyncEnvironmentPoolsClient(
        api_key="sk_test", backend_base=server.url, async_transport="httpx"
    ) as client:
        quick = client.with_options(max_retries=0)
        await quick.call("GET", "/v1/pools/p1")
        await client.call("GET", "/v1/pools/p1")
        assert quick._transport.client is client._transport.client
        assert quick._transport._sender is None
    assert server.connections == 1
