"""Every request carries ``User-Agent: synth-pools/<version> python/<x.y>``, on each way out.

The SDK talks to the real local backend through the recording proxy of tests/support, which
reports the headers that reached the wire: JSON calls (sync, async over aiohttp and over httpx),
event streams and downloads.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import sys

import pytest

import synth_pools
from synth_pools import ContainerPoolsClient, EnvironmentPoolsClient, SynthPoolsError
from synth_pools.environment_pools import AsyncEnvironmentPoolsClient
from synth_pools_server.launcher import LocalBackend
from tests.support.faultproxy import FaultProxy

EXPECTED = f"synth-pools/{synth_pools.__version__} python/{sys.version_info.major}.{sys.version_info.minor}"


def _agents(proxy: FaultProxy) -> list[tuple[str, str | None]]:
    return [
        (f"{seen.method} {seen.path}", {k.lower(): v for k, v in seen.headers.items()}.get("user-agent"))
        for seen in proxy.seen
    ]


def test_version_is_the_distributions() -> None:
    from importlib.metadata import version

    assert synth_pools.__version__ == version("synth-pools")
    assert re.fullmatch(r"synth-pools/\d+\.\d+\.\d+\S* python/3\.\d+", EXPECTED)


def test_sync_calls_streams_and_downloads(proxy: FaultProxy, backend: LocalBackend) -> None:
    with EnvironmentPoolsClient(api_key=backend.api_key, backend_base=proxy.url, max_retries=0) as client:
        client.capabilities.get()
        client.pools.list()
        for attempt in (
            lambda: list(client.rollouts.events("missing-rollout", auto_reconnect=False)),
            lambda: client.rollouts.download_zip("missing-rollout"),
            lambda: client.rollouts.fetch_artifact("missing-rollout", "out/a.txt"),
        ):
            with contextlib.suppress(SynthPoolsError):
                attempt()
    with ContainerPoolsClient(api_key=backend.api_key, backend_base=proxy.url) as pools:
        pools.list_pools()
    agents = _agents(proxy)
    assert len(agents) >= 6, agents
    assert {agent for _, agent in agents} == {EXPECTED}, agents


@pytest.mark.parametrize("transport", ["aiohttp", "httpx"])
def test_async_calls(proxy: FaultProxy, backend: LocalBackend, transport: str) -> None:
    async def calls() -> None:
        async with AsyncEnvironmentPoolsClient(
            api_key=backend.api_key, backend_base=proxy.url, async_transport=transport
        ) as client:
            await client.capabilities.get()
            with contextlib.suppress(SynthPoolsError):
                await client.rollouts.download_zip("missing-rollout")

    asyncio.run(calls())
    agents = _agents(proxy)
    assert len(agents) == 2 and {agent for _, agent in agents} == {EXPECTED}, agents


def test_a_callers_http_client_still_sends_auth_and_agent(proxy: FaultProxy, backend: LocalBackend) -> None:
    """A client the SDK makes carries auth and User-Agent as its defaults; a caller's own
    ``http_client`` has neither (and httpx's agent), so each request must add them."""
    import httpx

    async def async_call() -> None:
        async with httpx.AsyncClient(base_url=proxy.url) as http:
            client = AsyncEnvironmentPoolsClient(
                api_key=backend.api_key, backend_base=proxy.url, http_client=http
            )
            await client.pools.list()

    with httpx.Client(base_url=proxy.url) as http:
        EnvironmentPoolsClient(api_key=backend.api_key, backend_base=proxy.url, http_client=http).pools.list()
    asyncio.run(async_call())
    assert len(proxy.seen) == 2
    for seen in proxy.seen:
        assert seen.headers.get("user-agent") == EXPECTED
        assert seen.headers.get("authorization") == f"Bearer {backend.api_key}"
