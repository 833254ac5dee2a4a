"""A client used after close() raises ClientClosedError (a RuntimeError) that says what to do,
instead of silently reopening connections or leaking httpx's own RuntimeError."""

from __future__ import annotations

import httpx
import pytest

import synth_pools as sp
from tests.support.backend import LocalBackend

KEY = "sk_test_pro"


def test_sync_client_used_after_its_with_block(backend: LocalBackend) -> None:
    with sp.EnvironmentPoolsClient(api_key=KEY, backend_base=backend.base_url) as client:
        assert isinstance(client.pools.list(), list)
    with pytest.raises(sp.ClientClosedError, match="Create a new client"):
        client.pools.list()
    client.close()  # closing twice is harmless


async def test_async_client_used_after_aclose(backend: LocalBackend) -> None:
    client = sp.AsyncEnvironmentPoolsClient(api_key=KEY, backend_base=backend.base_url)
    await client.capabilities.get()
    await client.aclose()
    with pytest.raises(sp.ClientClosedError):
        await client.capabilities.get()
    with pytest.raises(RuntimeError):  # still the builtin family callers may already catch
        await client.pools.list()


def test_synth_client_closes_both_sub_clients(backend: LocalBackend) -> None:
    with sp.SynthClient(api_key=KEY, backend_base=backend.base_url) as client:
        client.pools.list_pools()
    with pytest.raises(sp.ClientClosedError):
        client.pools.list_pools()
    with pytest.raises(sp.ClientClosedError):
        client.environment_pools.pools.list()


def test_user_http_client_closed_elsewhere(backend: LocalBackend) -> None:
    http = httpx.Client(base_url=backend.base_url)
    client = sp.EnvironmentPoolsClient(api_key=KEY, backend_base=backend.base_url, http_client=http)
    client.pools.list()
    http.close()
    with pytest.raises(sp.ClientClosedError):
        client.pools.list()
